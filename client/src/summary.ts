/** Wording shared by the status bar and the command summaries; no `vscode` import, so it is unit-testable. */
import type { ResultCounts } from '../../server/src/lsp/protocol';

/**
 * `N claims in F files — P passed, X failed, E errors, U unbound`; without `files`, one file's counts.
 * Always the plural forms: the wording is a fixed format that tests and users' scripts match on.
 */
export function countsSummary(c: ResultCounts, files?: number): string {
  const where = files === undefined ? '' : ` in ${files} files`;
  return `${c.claims} claims${where} — ${c.pass} passed, ${c.fail} failed, ${c.error} errors, ${c.unbound} unbound`;
}

/** `✓ 3 ✗ 1`, errors added only when there are some: the status bar has little room. */
export function statusText(c: ResultCounts): string {
  const parts = [`✓ ${c.pass}`, `✗ ${c.fail}`];
  if (c.error > 0) parts.push(`⚠ ${c.error}`);
  return parts.join(' ');
}

/** The language id a file not open in the editor is checked as; a notebook's is its own (the server reads its JSON). */
export function languageIdOf(path: string): string | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.ipynb')) return undefined;
  return lower.endsWith('.tex') ? 'latex' : 'markdown';
}

/**
 * Glob alternatives for lower-case extensions (`.rmd`) in the spellings files have (`rmd,Rmd,RMD`):
 * workspace globs match case-sensitively on Linux, and R Markdown files are usually `.Rmd`.
 */
export function spellings(extensions: readonly string[]): string {
  const out = new Set<string>();
  for (const e of extensions) {
    const x = e.replace(/^\./, '');
    out.add(x);
    out.add(x[0].toUpperCase() + x.slice(1));
    out.add(x.toUpperCase());
  }
  return [...out].join(',');
}
