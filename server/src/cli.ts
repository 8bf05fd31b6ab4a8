/**
 * `derivcheck [--format FORMAT] PATH...` and `derivcheck report PATH...` — spec sections 8 and 8a. A
 * thin adapter: it finds files (cli/walk.ts, safe on untrusted folders), runs the checker (cli/pool.ts),
 * and prints in the chosen format (one file per format in cli/). Exit 0: nothing failed; 1: a claim
 * failed or errored; 2: usage error, or an entry that could not be checked (named on stderr; the other
 * files are still checked and printed).
 */
import { parseArgs, USAGE, type CheckArgs } from './cli/args';
import { checkAll } from './cli/check';
import { runReport } from './cli/class-report/command';
import { FORMATTERS } from './cli/formats';
import { isCheckWorker, serveChecks } from './cli/pool';
import { isProblem, type FileReport, type Problem } from './cli/results';
import { VERSION } from './cli/version';
import { findDocuments, otherKindsNote, type Found } from './cli/walk';
import { FILE_EXTENSIONS } from './documents/formats';

async function check(args: CheckArgs): Promise<number> {
  const found: Found = { files: [], skipped: [] };
  for (const p of args.paths) findDocuments(p, args.maxFileSize, found);
  const problems: Problem[] = [...found.skipped];
  const note = otherKindsNote(found, FILE_EXTENSIONS);
  if (note) process.stderr.write(`derivcheck: ${note}\n`);
  const outcomes = await checkAll(__filename, found.files, { maxElements: args.maxElements, maxFileSize: args.maxFileSize, convention: args.convention, layout: args.layout });
  if (typeof outcomes === 'string') {
    process.stderr.write(`derivcheck: ${outcomes}\n`);
    return 2;
  }
  const reports: FileReport[] = [];
  for (const o of outcomes) {
    if ('unreadable' in o) problems.push({ path: o.path, message: o.unreadable });
    else reports.push(o);
  }
  process.stdout.write(FORMATTERS[args.format](reports, problems));
  for (const p of problems) process.stderr.write(`derivcheck: ${p.path}: ${p.message}\n`);
  if (problems.length) return 2;
  return reports.some((r) => r.check.results.some((c) => isProblem(c.status))) ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if (typeof parsed === 'string') {
    process.stderr.write(`derivcheck: ${parsed}\n${USAGE}\n`);
    return 2;
  }
  switch (parsed.command) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'version':
      process.stdout.write(`derivcheck ${VERSION}\n`);
      return 0;
    case 'report':
      return runReport(__filename, parsed);
    case 'check':
      return check(parsed);
  }
}

// The worker threads re-enter this bundle; there it serves checks instead of reading the command line.
if (isCheckWorker()) serveChecks();
else {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`derivcheck: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
