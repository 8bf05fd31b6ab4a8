/**
 * `derivcheck [--format text|json] PATH...` — spec section 8. A thin adapter: it finds files, runs
 * the checker, and prints. Exit 0: nothing failed; 1: a claim failed or errored; 2: usage error or
 * an unreadable path (named on stderr; the other files are still checked and printed).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { kindOfPath } from './core/document';
import { SETTINGS, type Convention, type Layout } from './claims/ast';
import { formatJson, formatText, type FileReport } from './cli/report';
import { checkFile, checkInWorkers, isCheckWorker, serveChecks, workerCount, WORKERS_ENV, type FileOutcome } from './cli/pool';

const USAGE = `usage: derivcheck [--format text|json] [--convention pytorch|tensorflow|strict] [--layout channels_first|channels_last] [--max-elements N] PATH...
Checks the claims in Markdown (.md, .markdown) and LaTeX (.tex) files; folders are searched recursively.
Many files are checked in parallel worker threads, one per CPU; the output is the same either way.
Environment: ${WORKERS_ENV}=N  check in N threads (1: one thread, no workers).`;

interface Args {
  format: 'text' | 'json';
  maxElements?: number;
  convention?: Convention;
  layout?: Layout;
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
    } else if (a === '--convention' || a.startsWith('--convention=') || a === '--layout' || a.startsWith('--layout=')) {
      // The defaults before any `convention`/`layout` statement of a document (spec section 3b).
      const name = a.slice(2).split('=')[0] as 'convention' | 'layout';
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      const allowed: readonly string[] = SETTINGS[name];
      if (!allowed.includes(v)) return `--${name} takes ${allowed.join(', ')}, not ${v ?? 'nothing'}`;
      if (name === 'convention') args.convention = v as Convention;
      else args.layout = v as Layout;
    } else if (a === '-h' || a === '--help') {
      return '';
    } else if (a.startsWith('-') && a !== '-') {
      return `unknown option ${a}`;
    } else args.paths.push(a);
  }
  if (args.paths.length === 0) return 'no PATH given';
  return args;
}

/** Files under a folder, sorted, skipping node_modules and dot-folders. */
function walk(dir: string, out: string[], problems: string[]): void {
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
    if (st.isDirectory()) walk(p, out, problems);
    else if (kindOfPath(name)) out.push(p);
  }
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
  for (const p of parsed.paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      problems.push(`${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (e as Error).message}`);
      continue;
    }
    if (st.isDirectory()) walk(p, files, problems);
    else files.push(p);
  }
  const options = { maxElements: parsed.maxElements, convention: parsed.convention, layout: parsed.layout };
  const workers = workerCount(files.length, process.env[WORKERS_ENV]);
  if (typeof workers === 'string') {
    process.stderr.write(`derivcheck: ${workers}\n`);
    return 2;
  }
  const outcomes: FileOutcome[] = workers > 0
    ? await checkInWorkers(__filename, files, options, workers)
    : files.map((path) => checkFile(path, options));
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
