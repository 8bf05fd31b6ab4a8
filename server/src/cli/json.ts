/**
 * `--format json` (spec section 8, version 2): every claim with its place and values, a `summary` per
 * file and one for the run. `cell` appears for a notebook's claims, `hint` once the checker gives one.
 */
import { locatorFor } from './location';
import { countResults, emptyCounts, hintOf, type FileReport } from './results';

export function formatJson(reports: readonly FileReport[]): string {
  const summary = { files: reports.length, ...emptyCounts() };
  const files = reports.map((rep) => {
    const locate = locatorFor(rep);
    countResults(rep.check.results, summary);
    return {
      path: rep.path,
      claims: rep.check.results.map((r) => {
        const at = locate(r.span);
        const claimedAt = r.claimedSpan ? locate(r.claimedSpan) : null;
        const hint = hintOf(r);
        return {
          ...(at.cell === undefined ? {} : { cell: at.cell }),
          line: at.line,
          column: at.column,
          source: r.source,
          status: r.status,
          computed: r.computed,
          claimed: r.claimed,
          claimedLine: claimedAt ? claimedAt.line : null,
          ...(at.cell === undefined ? {} : { claimedCell: claimedAt ? claimedAt.cell : null }),
          message: r.message,
          ...(hint === undefined ? {} : { hint }),
        };
      }),
      summary: countResults(rep.check.results),
    };
  });
  return `${JSON.stringify({ version: 2, files, summary }, null, 2)}\n`;
}
