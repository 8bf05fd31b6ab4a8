/**
 * The command line (spec sections 8 and 8a): `derivcheck [options] PATH...` checks files;
 * `derivcheck report [options] PATH...` grades a class. Parsing is a pure function of argv, so each
 * option's errors are tested without spawning the CLI.
 */
import { DEFAULT_MAX_FILE_SIZE } from './walk';
import { SETTINGS, type Convention, type Layout } from '../claims/ast';

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'github', 'gradescope'] as const;
export type Format = (typeof FORMATS)[number];

interface Common {
  maxElements?: number;
  maxFileSize: number;
  /** The defaults before any `convention`/`layout` statement of a document (spec section 3b). */
  convention?: Convention;
  layout?: Layout;
  paths: string[];
}

export interface CheckArgs extends Common {
  command: 'check';
  format: Format;
}

export interface ReportArgs extends Common {
  command: 'report';
  /** The HTML report's file (`-`: standard output). */
  out: string;
  /** The CSV's file, when asked for (`-`: standard output). */
  csv?: string;
  key?: string;
}

/** `help`/`version` print and exit 0; a string is a usage error. */
export type Parsed = CheckArgs | ReportArgs | { command: 'help' | 'version' } | string;

export const USAGE = `usage: derivcheck [--format FORMAT] [--convention NAME] [--layout NAME] [--max-elements N] [--max-file-size SIZE] PATH...
       derivcheck report [--out report.html] [--csv scores.csv] [--key KEY] [options] PATH...
       derivcheck --version | --help

Checks the claims in Markdown (.md, .markdown), LaTeX (.tex), Jupyter (.ipynb), Quarto (.qmd) and
R Markdown (.Rmd) files; folders are searched recursively (skipping node_modules and dot-entries, and
never following a link out of the folder).

Formats (--format):
  text        path:line:col: error|info: message, a line per file, and a total (the default)
  json        one object with every claim and the counts per file
  sarif       SARIF 2.1.0, for GitHub code scanning
  junit       JUnit XML: a testsuite per file, a testcase per claim
  github      GitHub Actions annotations (::error / ::notice)
  gradescope  Gradescope's results.json for one submission

report: each file or folder directly inside a folder PATH is one submission; writes a self-contained
HTML report (--out, default report.html; - for standard output) and, with --csv FILE, one row per
submission for a gradebook. --key KEY names a file of the claims every submission must make.

Options:
  --convention NAME    pytorch (the default), tensorflow or strict: how layer shapes are computed
  --layout NAME        channels_first (the default) or channels_last (H×W×C, as Keras writes shapes)
  --max-elements N     largest tensor a claim may build (default 10000000)
  --max-file-size SIZE larger files are not read: bytes, or with K or M (default 5M)

Exit status: 0 nothing failed; 1 a claim failed or could not be evaluated; 2 a usage error, or an
entry that could not be checked (named on stderr; the rest is still checked). report exits 0 once
written, whatever the claims say.
Environment: DERIVCHECK_WORKERS=N  check in N threads (1: one thread); by default one per CPU.`;

/** `5M`, `500K`, `1048576`, `2MB` → bytes (K and M are 1024-based, like `ls -h`). */
export function parseSize(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(k|kb|kib|m|mb|mib|g|gb|gib)?$/i.exec(s.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? '').toLowerCase()[0];
  const n = Number(m[1]) * (unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1);
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : undefined;
}

export function parseArgs(argv: readonly string[]): Parsed {
  // --help and --version answer whatever else the line says (before a `--`).
  const options = argv.indexOf('--') >= 0 ? argv.slice(0, argv.indexOf('--')) : argv;
  if (options.some((a) => a === '-h' || a === '--help')) return { command: 'help' };
  if (options.some((a) => a === '-V' || a === '--version')) return { command: 'version' };
  const report = argv[0] === 'report';
  const rest = report ? argv.slice(1) : argv;
  let format: Format = 'text';
  const common: Common = { maxFileSize: DEFAULT_MAX_FILE_SIZE, paths: [] };
  let out: string | undefined;
  let csv: string | undefined;
  let key: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | undefined => (eq > 0 ? a.slice(eq + 1) : rest[++i]);
    if (a === '--') {
      common.paths.push(...rest.slice(i + 1));
      break;
    }
    switch (name) {
      case '--format': {
        if (report) return 'report writes HTML and CSV; --format is for checking';
        const v = value();
        if (!FORMATS.includes(v as Format)) return `--format takes ${FORMATS.join(', ')}; not ${v ?? 'nothing'}`;
        format = v as Format;
        break;
      }
      case '--max-elements': {
        const v = Number(value());
        if (!Number.isInteger(v) || v <= 0) return '--max-elements takes a positive whole number';
        common.maxElements = v;
        break;
      }
      case '--convention':
      case '--layout': {
        const key = name === '--convention' ? 'convention' : 'layout';
        const v = value();
        const allowed: readonly string[] = SETTINGS[key];
        if (v === undefined || !allowed.includes(v)) return `${name} takes ${allowed.join(', ')}; not ${v ?? 'nothing'}`;
        if (key === 'convention') common.convention = v as Convention;
        else common.layout = v as Layout;
        break;
      }
      case '--max-file-size': {
        const v = value();
        const n = v === undefined ? undefined : parseSize(v);
        if (n === undefined) return `--max-file-size takes a size such as 5M, 500K or 1048576; not ${v ?? 'nothing'}`;
        common.maxFileSize = n;
        break;
      }
      case '--out':
      case '--csv':
      case '--key': {
        if (!report) return `${name} is an option of derivcheck report`;
        const v = value();
        if (!v) return `${name} takes a file name`;
        if (name === '--out') out = v;
        else if (name === '--csv') csv = v;
        else key = v;
        break;
      }
      default:
        if (a.startsWith('-') && a !== '-') return `unknown option ${a}`;
        common.paths.push(a);
    }
  }
  if (common.paths.length === 0) return 'no PATH given';
  if (report) {
    if (out === '-' && csv === '-') return '--out and --csv cannot both be standard output';
    return { command: 'report', ...common, out: out ?? 'report.html', csv, key };
  }
  return { command: 'check', ...common, format };
}
