/**
 * `--format gradescope` (spec section 8a): the `results.json` a Gradescope autograder writes to
 * /autograder/results/. One submission: a test per claim, worth 1, passed only when the claim holds
 * (an unbound claim claims nothing, so it earns nothing, as in the class report's score); `output` is
 * the message. Entries that could not be checked are failed tests worth 0, so the student sees them.
 */
import { anchorSpan, locatorFor, placeText } from './location';
import { countResults, countsLine, emptyCounts, messageWithHint, type FileReport, type Problem } from './results';

export function formatGradescope(reports: readonly FileReport[], problems: readonly Problem[] = []): string {
  const tests: object[] = [];
  const total = emptyCounts();
  for (const rep of reports) {
    countResults(rep.check.results, total);
    const locate = locatorFor(rep);
    for (const r of rep.check.results) {
      const at = locate(r.span);
      const passed = r.status === 'pass';
      tests.push({
        name: `${placeText(rep.path, at)}: ${r.source}`,
        score: passed ? 1 : 0,
        max_score: 1,
        status: passed ? 'passed' : 'failed',
        output: passed ? r.message : `${placeText(rep.path, locate(anchorSpan(r)))}: ${r.status}: ${messageWithHint(r)}`,
        visibility: 'visible',
      });
    }
  }
  for (const p of problems) tests.push({ name: `not checked: ${p.path}`, score: 0, max_score: 0, status: 'failed', output: p.message, visibility: 'visible' });
  const out = {
    score: total.pass,
    output: reports.length === 0 || total.claims === 0 ? 'No claims found in this submission.' : countsLine(total),
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
