/**
 * `derivcheck [--format text|json] PATH...` — spec section 8. A thin adapter: it finds files, runs
 * the checker, and prints. Exit 0: nothing failed; 1: a claim failed or errored; 2: usage error or
 * an unreadable path (named on stderr; the other files are still checked and printed).
 */
import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { FILE_EXTENSIONS, formatOfPath } from './documents/formats';
import { formatJson, formatText, type FileReport } from './cli/report';
import { checkFile, checkInWorkers, isCheckWorker, serveChecks, workerCount, WORKERS_ENV, type FileOutcome } from './cli/pool';

const USAGE = `usage: derivcheck [--format text|json] [--max-elements N] PATH...
Checks the claims in Markdown (.md, .markdown), Quarto (.qmd), R Markdown (.Rmd), LaTeX (.tex) and
Jupyter notebook (.ipynb) files; folders are searched recursively.
Many files are checked in parallel worker threads, one per CPU; the output is the same either way.
Environment: ${WORKERS_ENV}=N  check in N threads (1: one thread, no workers).`;

interface Args {
  format: 'text' | 'json';
  maxElements?: number;
  paths: string[];
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { format: 'text', paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v !== 'text' && v !== 'json') return `--format takes text or json, not ${v ?? 'nothing'}`;
      args.format = v;
    } else if (a === '--max-elements' || a.startsWith('--max-elements=')) {
      const v = Number(a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i]);
      if (!Number.isInteger(v) || v <= 0) return '--max-elements takes a positive whole number';
      args.maxElements = v;
    } else if (a === '-h' || a === '--help') {
      return '';
    } else if (a.startsWith('-') && a !== '-') {
      return `unknown option ${a}`;
    } else args.paths.push(a);
  }
  if (args.paths.length === 0) return 'no PATH given';
  return args;
}

/** Files under a folder, sorted, skipping node_modules and dot-folders; `skipped` counts files of other kinds by extension. */
function walk(dir: string, out: string[], problems: string[], skipped: Map<string, number>): void {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch (e) {
    problems.push(`${dir}: ${(e as Error).message}`);
    return;
  }
  for (const name of entries) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      problems.push(`${p}: ${(e as Error).message}`);
      continue;
    }
    if (st.isDirectory()) walk(p, out, problems, skipped);
    else if (formatOfPath(name)) out.push(p);
    else noteSkipped(name, skipped);
  }
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, resolve(path));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * Files a folder scan passed over that look like homework in a form not read (a `.txt`, a `.pdf`, a
 * `.docx`...): said on stderr, so that "0 claims" is never mistaken for "all is well".
 */
const NOTED_KINDS = new Set(['.txt', '.pdf', '.docx', '.doc', '.odt', '.rtf', '.html', '.htm', '.rst', '.org', '.adoc', '.typ', '.lyx', '.ltx', '.rnw']);

function noteSkipped(name: string, skipped: Map<string, number>): void {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return;
  const ext = name.slice(dot).toLowerCase();
  if (NOTED_KINDS.has(ext)) skipped.set(ext, (skipped.get(ext) ?? 0) + 1);
}

export function skippedKinds(skipped: ReadonlyMap<string, number>): string {
  if (skipped.size === 0) return '';
  const kinds = [...skipped].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([ext, n]) => `${n} ${ext}`).join(', ');
  return `skipped files of kinds it does not read (${kinds}); it reads ${FILE_EXTENSIONS.join(' ')}`;
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if (typeof parsed === 'string') {
    if (parsed) process.stderr.write(`derivcheck: ${parsed}\n`);
    process.stderr.write(`${USAGE}\n`);
    return parsed ? 2 : 0;
  }
  const problems: string[] = [];
  const files: string[] = [];
  /** For each file, the folder its includes may be read from: the folder argument it was found under. */
  const folders: (string | undefined)[] = [];
  const skipped = new Map<string, number>();
  for (const p of parsed.paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      problems.push(`${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (e as Error).message}`);
      continue;
    }
    if (st.isDirectory()) {
      const before = files.length;
      walk(p, files, problems, skipped);
      for (let i = before; i < files.length; i++) folders.push(p);
    } else {
      files.push(p);
      // A file named on the command line may read the files of the folder the command runs in (a
      // section's root is usually above it), or, outside that folder, the files beside it.
      // (Named as the path is: relative paths with '.', absolute ones with the absolute folder.)
      folders.push(isInside(process.cwd(), p) ? (isAbsolute(p) ? process.cwd() : '.') : undefined);
    }
  }
  const skippedNote = skippedKinds(skipped);
  if (skippedNote) process.stderr.write(`derivcheck: ${skippedNote}\n`);
  const workers = workerCount(files.length, process.env[WORKERS_ENV]);
  if (typeof workers === 'string') {
    process.stderr.write(`derivcheck: ${workers}\n`);
    return 2;
  }
  const outcomes: FileOutcome[] = workers > 0
    ? await checkInWorkers(__filename, files, parsed.maxElements, workers, folders)
    : files.map((path, i) => checkFile(path, parsed.maxElements, folders[i]));
  const reports: FileReport[] = [];
  for (const o of outcomes) {
    if ('unreadable' in o) problems.push(`${o.path}: ${o.unreadable}`);
    else reports.push(o);
  }
  process.stdout.write(parsed.format === 'json' ? formatJson(reports) : formatText(reports));
  for (const p of problems) process.stderr.write(`derivcheck: cannot read ${p}\n`);
  if (problems.length) return 2;
  const bad = reports.some((r) => r.check.results.some((c) => c.status === 'fail' || c.status === 'error'));
  return bad ? 1 : 0;
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
