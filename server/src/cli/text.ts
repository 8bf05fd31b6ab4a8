/**
 * `--format text` (spec section 8): `path:line:col: error|info: message` per claim that did not pass,
 * the form editors' problem matchers read; with more than one file, a line per file (a file with no
 * claims says so, so a forgotten submission is visible); a last line with the totals.
 */
import { anchorSpan, locatorFor, placeText } from './location';
import { countResults, countsLine, emptyCounts, type FileReport } from './results';

export function formatText(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  const total = emptyCounts();
  for (const rep of reports) {
    const locate = locatorFor(rep);
    const counts = countResults(rep.check.results);
    countResults(rep.check.results, total);
    for (const r of rep.check.results) {
      if (r.status === 'pass') continue;
      const severity = r.status === 'unbound' ? 'info' : 'error';
      lines.push(`${placeText(rep.path, locate(anchorSpan(r)))}: ${severity}: ${oneLine(r.message)}`);
    }
    if (reports.length > 1) lines.push(`${rep.path}: ${counts.claims === 0 ? 'no claims' : countsLine(counts)}`);
  }
  lines.push(countsLine(total));
  return `${lines.join('\n')}\n`;
}

export function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ');
}
