/**
 * `--format junit` (spec section 8a): the JUnit XML that GitLab, Jenkins and Azure DevOps read. A
 * `testsuite` per file, a `testcase` per claim named by its line and statement; `failure` for a fail,
 * `error` for an error, `skipped` for an unbound claim (nothing was claimed, so nothing to pass). A
 * file with no claims is an empty suite, so it still shows; entries not checked are errors of a last
 * suite named `derivcheck`.
 */
import type { CheckResult } from '../core/result';
import { anchorSpan, locatorFor, placeText } from './location';
import { countResults, emptyCounts, messageWithHint, type FileReport, type Problem } from './results';
import { attrs, xmlEscape } from './xml';

function testcase(rep: FileReport, r: CheckResult, locate: ReturnType<typeof locatorFor>): string {
  const at = locate(r.span);
  const where = placeText(rep.path, locate(anchorSpan(r)));
  const name = `${at.cell === undefined ? '' : `cell ${at.cell} `}line ${at.line}: ${r.source}`;
  const open = `    <testcase${attrs({ name, classname: rep.path, file: rep.path, line: at.line })}`;
  const message = messageWithHint(r);
  const body = `${where}\n${message}`;
  switch (r.status) {
    case 'pass':
      return `${open}/>`;
    case 'fail':
      return `${open}>\n      <failure${attrs({ message, type: r.code })}>${xmlEscape(body)}</failure>\n    </testcase>`;
    case 'error':
      return `${open}>\n      <error${attrs({ message, type: r.code })}>${xmlEscape(body)}</error>\n    </testcase>`;
    case 'unbound':
      return `${open}>\n      <skipped${attrs({ message })}/>\n    </testcase>`;
  }
}

export function formatJunit(reports: readonly FileReport[], problems: readonly Problem[] = []): string {
  const total = emptyCounts();
  const suites: string[] = [];
  for (const rep of reports) {
    const c = countResults(rep.check.results);
    countResults(rep.check.results, total);
    const locate = locatorFor(rep);
    const head = `  <testsuite${attrs({ name: rep.path, tests: c.claims, failures: c.fail, errors: c.error, skipped: c.unbound, file: rep.path })}`;
    if (c.claims === 0) suites.push(`${head}/>`);
    else suites.push(`${head}>\n${rep.check.results.map((r) => testcase(rep, r, locate)).join('\n')}\n  </testsuite>`);
  }
  if (problems.length) {
    const cases = problems.map((p) => `    <testcase${attrs({ name: `not checked: ${p.path}`, classname: 'derivcheck', file: p.path })}>\n      <error${attrs({ message: p.message, type: 'not-checked' })}>${xmlEscape(`${p.path}: ${p.message}`)}</error>\n    </testcase>`);
    suites.push(`  <testsuite${attrs({ name: 'derivcheck', tests: problems.length, failures: 0, errors: problems.length, skipped: 0 })}>\n${cases.join('\n')}\n  </testsuite>`);
  }
  const errors = total.error + problems.length;
  const tests = total.claims + problems.length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attrs({ name: 'derivcheck', tests, failures: total.fail, errors, skipped: total.unbound })}>\n${suites.join('\n')}\n</testsuites>\n`;
}
