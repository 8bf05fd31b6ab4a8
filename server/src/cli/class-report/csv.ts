/**
 * The gradebook CSV (spec section 8a): `submission,claims,pass,fail,error,unbound,score`, then a column
 * per matched claim holding its status (empty where the submission does not make it). RFC 4180
 * quoting; and since the names and claim texts come from students and the file is opened in
 * spreadsheets, a text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR)
 * is prefixed with `'` (OWASP's advice for CSV injection).
 */
import type { ClassGrid } from './grid';

export function csvField(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || /^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A score as a plain decimal with at most 4 places (`0.8333`, `1`, `0`). */
export function scoreText(score: number): string {
  return String(Number(score.toFixed(4)));
}

export function formatCsv(grid: ClassGrid): string {
  const header = ['submission', 'claims', 'pass', 'fail', 'error', 'unbound', 'score'];
  const lines = [[...header, ...grid.columns.map((c) => csvField(c.label))].join(',')];
  for (const r of grid.rows) {
    const c = r.counts;
    const fixed = [csvField(r.name), c.claims, c.pass, c.fail, c.error, c.unbound, scoreText(r.score)];
    lines.push([...fixed, ...r.cells.map((cell) => cell?.status ?? '')].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
