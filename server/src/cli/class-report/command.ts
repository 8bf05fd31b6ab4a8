/**
 * `derivcheck report [--out report.html] [--csv scores.csv] [--key KEY] PATH...` (spec section 8a):
 * finds the submissions, checks every document of the class at once (the worker pool shares its
 * caches across submissions, which are mostly the same homework), builds the grid, and writes the
 * HTML and the CSV. Exit 0 once written; 2 for a PATH or key that cannot be read, or a file that
 * cannot be written.
 */
import { writeFileSync } from 'node:fs';
import type { ReportArgs } from '../args';
import { checkAll } from '../check';
import { anchorSpan, locatorFor, placeText } from '../location';
import { checkFile, type FileOptions } from '../pool';
import { messageWithHint, type FileReport } from '../results';
import { VERSION } from '../version';
import { findDocuments } from '../walk';
import { formatCsv, scoreText } from './csv';
import { buildGrid, matchText, type ClaimOutcome, type SubmissionOutcome } from './grid';
import { formatHtml } from './html';
import { findSubmissions } from './submissions';

function outcomes(rep: FileReport): ClaimOutcome[] {
  const locate = locatorFor(rep);
  return rep.check.results.map((r) => ({ source: matchText(rep.text, r), status: r.status, message: messageWithHint(r), where: placeText(rep.path, locate(anchorSpan(r))) }));
}

interface Key {
  /** The key's statements in order, as they are matched. */
  sources: string[];
  /** The key's own claims that do not pass, `path:line:col: status: message`: a key that is wrong
   * would grade every student against a wrong answer, so the TA is told. */
  doubts: string[];
}

function readKey(path: string, options: FileOptions): Key | string {
  const found = findDocuments(path, options.maxFileSize);
  if (found.skipped.length) return `${found.skipped[0].path}: ${found.skipped[0].message}`;
  const key: Key = { sources: [], doubts: [] };
  for (const file of found.files) {
    const o = checkFile(file, options);
    if ('unreadable' in o) return `${o.path}: ${o.unreadable}`;
    for (const c of outcomes(o)) {
      key.sources.push(c.source);
      if (c.status !== 'pass') key.doubts.push(`${c.where}: ${c.status}: ${c.message}`);
    }
  }
  if (key.sources.length === 0) return `${path}: the key holds no claims`;
  return key;
}

function write(target: string, text: string): string | undefined {
  try {
    if (target === '-') process.stdout.write(text);
    else writeFileSync(target, text);
    return undefined;
  } catch (e) {
    return `cannot write ${target}: ${(e as Error).message}`;
  }
}

export async function runReport(entry: string, args: ReportArgs): Promise<number> {
  const options: FileOptions = { maxElements: args.maxElements, maxFileSize: args.maxFileSize, convention: args.convention, layout: args.layout };
  let key: Key | undefined;
  if (args.key !== undefined) {
    const k = readKey(args.key, options);
    if (typeof k === 'string') {
      process.stderr.write(`derivcheck: the key ${k}\n`);
      return 2;
    }
    key = k;
    for (const d of k.doubts) process.stderr.write(`derivcheck: in the key, ${d}\n`);
  }
  const { submissions, problems } = findSubmissions(args.paths, args.maxFileSize);
  const files = submissions.flatMap((s) => s.files);
  const checked = await checkAll(entry, files, options);
  if (typeof checked === 'string') {
    process.stderr.write(`derivcheck: ${checked}\n`);
    return 2;
  }
  let next = 0;
  const graded: SubmissionOutcome[] = submissions.map((s) => {
    const claims: ClaimOutcome[] = [];
    const notes = [...s.notes];
    for (let i = 0; i < s.files.length; i++) {
      const o = checked[next++];
      if ('unreadable' in o) notes.push(`${o.path}: ${o.unreadable}`);
      else claims.push(...outcomes(o));
    }
    return { name: s.name, claims, notes };
  });
  const grid = buildGrid(graded, key?.sources);
  const failures = [
    write(args.out, formatHtml(grid, { version: VERSION, problems, keyDoubts: key?.doubts })),
    args.csv === undefined ? undefined : write(args.csv, formatCsv(grid)),
  ].filter((f): f is string => f !== undefined);
  for (const p of problems) process.stderr.write(`derivcheck: ${p}\n`);
  for (const n of graded.flatMap((s) => s.notes)) process.stderr.write(`derivcheck: ${n}\n`);
  for (const f of failures) process.stderr.write(`derivcheck: ${f}\n`);
  // The summary goes to stderr when a report itself is written to stdout.
  const mean = grid.rows.length ? grid.rows.reduce((a, r) => a + r.score, 0) / grid.rows.length : 0;
  const written = [args.out === '-' ? '' : args.out, args.csv && args.csv !== '-' ? args.csv : ''].filter(Boolean);
  const summary = `${grid.rows.length} submissions, ${grid.columns.length} claims matched, mean score ${scoreText(mean)}${written.length ? `; wrote ${written.join(' and ')}` : ''}\n`;
  (args.out === '-' || args.csv === '-' ? process.stderr : process.stdout).write(summary);
  return problems.length || failures.length ? 2 : 0;
}
