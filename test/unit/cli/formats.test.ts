// The formats as pure functions of results, for what the class fixture cannot show: a hint the
// checker may attach (section 7a) is passed through, and entries not checked reach each format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckResult } from '../../../server/src/core/result';
import { formatGradescope } from '../../../server/src/cli/gradescope';
import { formatJson } from '../../../server/src/cli/json';
import { formatJunit } from '../../../server/src/cli/junit';
import type { FileReport } from '../../../server/src/cli/results';
import { formatSarif } from '../../../server/src/cli/sarif';
import { formatText } from '../../../server/src/cli/text';

const text = '<!-- check: conv out 21x21 k3 s2 -->\nIt is 9×9.\n';
const result: CheckResult = {
  kind: 'layer', status: 'fail', code: 'shape-mismatch', span: { start: 12, end: 32 }, source: 'conv out 21x21 k3 s2',
  computed: '10x10', computedText: '10×10', claimed: '9×9', claimedSpan: { start: 43, end: 46 },
  message: 'Claimed 9×9, but conv out 21×21 k3 s2 gives 10×10', steps: [],
};
const withHint = { ...result, hint: { kind: 'missing-plus-one', message: 'the claimed 9×9 leaves out the +1' } } as CheckResult;
const report = (r: CheckResult): FileReport => ({ path: 'hw.md', text, check: { results: [r], lets: [] } });

test('a hint on a result is passed through to JSON and SARIF, and ends the one-line messages', () => {
  const json = JSON.parse(formatJson([report(withHint)]));
  assert.deepEqual(json.files[0].claims[0].hint, { kind: 'missing-plus-one', message: 'the claimed 9×9 leaves out the +1' });
  const sarif = JSON.parse(formatSarif([report(withHint)])).runs[0].results[0];
  assert.equal(sarif.message.text, 'Claimed 9×9, but conv out 21×21 k3 s2 gives 10×10; the claimed 9×9 leaves out the +1');
  assert.equal(sarif.properties.hint.kind, 'missing-plus-one');
  // Without a hint from the checker, nothing is invented.
  assert.equal('hint' in JSON.parse(formatJson([report(result)])).files[0].claims[0], false);
  // A message that already ends with its hint (as the checker may write it) is not doubled.
  const written = { ...withHint, message: `${result.message}; the claimed 9×9 leaves out the +1` } as CheckResult;
  assert.equal(JSON.parse(formatSarif([report(written)])).runs[0].results[0].message.text, written.message);
});

test('the region is the claimed value, 1-based, end exclusive', () => {
  const region = JSON.parse(formatSarif([report(result)])).runs[0].results[0].locations[0].physicalLocation.region;
  assert.deepEqual(region, { startLine: 2, startColumn: 7, endLine: 2, endColumn: 10 });
  assert.equal(formatText([report(result)]).split('\n')[0], 'hw.md:2:7: error: Claimed 9×9, but conv out 21×21 k3 s2 gives 10×10');
});

test('entries not checked reach SARIF, JUnit and Gradescope', () => {
  const problems = [{ path: 'class/fifo.md', message: 'a FIFO, not read' }];
  const run = JSON.parse(formatSarif([report(result)], problems)).runs[0];
  assert.equal(run.invocations[0].executionSuccessful, false);
  assert.match(run.invocations[0].toolExecutionNotifications[0].message.text, /fifo\.md: a FIFO/);
  assert.match(formatJunit([report(result)], problems), /<testcase name="not checked: class\/fifo\.md"[^>]*>\s*<error message="a FIFO, not read"/);
  const gs = JSON.parse(formatGradescope([report(result)], problems));
  assert.equal(gs.tests.at(-1).name, 'not checked: class/fifo.md');
  assert.equal(gs.tests.at(-1).max_score, 0);
  assert.equal(gs.score, 0);
});
