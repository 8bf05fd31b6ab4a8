/** Wording shared by the status bar and the command summaries; no `vscode` import, so it is unit-testable. */
import type { ResultCounts } from '../../server/src/lsp/protocol';

/**
 * `N claims in F files — P passed, X failed, E errors, U unbound`; without `files`, one file's counts.
 * Counted nouns agree with their number (`1 claim in 1 file`, `1 error`): this is read by people in
 * notifications and tooltips. (The CLI's last line keeps the spec's fixed `N claims: ...` format.)
 */
export function countsSummary(c: ResultCounts, files?: number): string {
  const where = files === undefined ? '' : ` in ${counted(files, 'file')}`;
  return `${counted(c.claims, 'claim')}${where} — ${c.pass} passed, ${c.fail} failed, ${counted(c.error, 'error')}, ${c.unbound} unbound`;
}

function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * `$(check) 3 $(error) 2`: the claims that pass, and the problems the Problems panel shows as errors —
 * a failed claim and a claim that cannot be checked are both Error diagnostics there, so both are
 * counted under the error icon here (never a warning sign). The tooltip has the breakdown.
 */
export function statusText(c: ResultCounts): string {
  const parts = [`$(check) ${c.pass}`];
  const errors = c.fail + c.error;
  if (errors > 0) parts.push(`$(error) ${errors}`);
  return parts.join(' ');
}

/** What a screen reader says for the status bar item (its text is icons and numbers). */
export function statusLabel(c: ResultCounts): string {
  return `Derivation Check: ${c.pass} passed, ${c.fail + c.error} failed or in error`;
}

/** Whether the status bar item takes the theme's error background: exactly when the Problems panel has errors. */
export function statusIsError(c: ResultCounts): boolean {
  return c.fail + c.error > 0;
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
