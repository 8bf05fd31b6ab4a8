/** Wording shared by the status bar and the command summaries; no `vscode` import, so it is unit-testable. */
import type { ResultCounts } from '../../server/src/lsp/protocol';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** `N claims in F files — P passed, X failed, E errors, U unbound`; without `files`, one file's counts. */
export function countsSummary(c: ResultCounts, files?: number): string {
  const where = files === undefined ? '' : ` in ${plural(files, 'file', 'files')}`;
  return `${plural(c.claims, 'claim', 'claims')}${where} — ${c.pass} passed, ${c.fail} failed, ${plural(c.error, 'error', 'errors')}, ${c.unbound} unbound`;
}

/** `✓ 3 ✗ 1`, errors added only when there are some: the status bar has little room. */
export function statusText(c: ResultCounts): string {
  const parts = [`✓ ${c.pass}`, `✗ ${c.fail}`];
  if (c.error > 0) parts.push(`⚠ ${c.error}`);
  return parts.join(' ');
}

export function languageIdOf(path: string): string {
  return path.toLowerCase().endsWith('.tex') ? 'latex' : 'markdown';
}
