// The block time limit holds wherever the time goes (issue 14): inside one math statement too, and
// the message says which block it stopped. Asserts the outcome under a short limit, never a time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDocument } from '../../../server/src/checker';

test('a math block of 2,000 factors stops at the block time limit, naming the block; the next block is checked', () => {
  const text = `Intro.\n\n<!-- check: math -->\n$$${'(x+1)'.repeat(2000)} = (x+1)^{2000}$$\n\n<!-- check: 1 + 1 = 2 -->\n`;
  const { results } = checkDocument({ name: 'a', kind: 'markdown', text }, { blockTimeMs: 50 });
  assert.equal(results.length, 2);
  assert.equal(results[0].status, 'error');
  assert.match(results[0].message, /time limit/);
  assert.match(results[0].message, /claim block at line 3 \(`math`\)/);
  assert.equal(results[1].status, 'pass');
});

test('statements after the one the limit stopped are reported as not checked, with the block named', () => {
  const text = `<!-- check: math\n1 + 1 = 2 -->\n$$${'(x+1)'.repeat(2000)} = (x+1)^{2000}$$\n`;
  const { results } = checkDocument({ name: 'a', kind: 'markdown', text }, { blockTimeMs: 50 });
  assert.equal(results.at(-1)?.status, 'error');
  assert.match(results.at(-1)!.message, /claim block at line 1 .* ran out of its time limit \(50 ms\)/);
});

/** The hostile block between two ordinary ones, under a limit short enough that it runs past it. */
function around(hostile: string, blockTimeMs = 50) {
  const text = `Intro.\n\n<!-- check: 1 + 1 = 2 -->\n\n${hostile}\n\n<!-- check: 2 + 2 = 4 -->\n`;
  const { results } = checkDocument({ name: 'a', kind: 'markdown', text }, { blockTimeMs });
  assert.equal(results[0].status, 'pass', 'the block before is checked');
  assert.equal(results.at(-1)?.status, 'pass', 'the block after is checked');
  return results.slice(1, -1);
}

/** Every result of the hostile block is an error that names it (it starts on line 5). */
function stoppedAndNamed(results: ReturnType<typeof around>, code = 'limit'): void {
  assert.ok(results.length >= 1);
  const last = results.at(-1)!;
  assert.equal(last.status, 'error');
  assert.equal(last.code, code, last.message);
  assert.match(last.message, /claim block at line 5 \(`/);
}

test('reading a claim of a 200,000-element tensor literal stops at the limit, naming the block', () => {
  stoppedAndNamed(around(`<!-- check: let x = [${Array(200_000).fill('1').join(', ')}]; sum(x) = 200000 -->`));
});

test('reading an expression of 100,000 terms stops at the limit, naming the block', () => {
  stoppedAndNamed(around(`<!-- check: ${Array(100_000).fill('(1+1)').join(' * ')} = 5 -->`));
});

test('a statement of the engine (a convolution of minutes) stops at the limit, naming the block', () => {
  stoppedAndNamed(around('<!-- check: conv2d(ones(1, 64, 300, 300), ones(64, 64, 7, 7)) : 1x64x294x294 -->'));
});

test('a math block with a double sum of 10^10 terms stops (time or work limit), naming the block', () => {
  stoppedAndNamed(around('<!-- check: math -->\n$$\\sum_{i=1}^{100000} \\sum_{j=1}^{100000} i j = 5$$'));
  // With the default limit the work budget stops it first: the message still says which block.
  stoppedAndNamed(around('<!-- check: math -->\n$$\\sum_{i=1}^{100000} \\sum_{j=1}^{100000} i j = 5$$', 2000));
});

test('a table claim over a table of 5,000 rows stops at the limit, naming the block', () => {
  const rows = Array.from({ length: 5000 }, (_, i) => `| ${i} | ${i + 1} |`).join('\n');
  stoppedAndNamed(around(`<!-- check: let net = nn.Linear(2, 2); table net(x) -->\n\n| a | b |\n|---|---|\n${rows}`));
});

test('parentheses nested 100,000 deep end at once with a syntax error, not a stack overflow', () => {
  const [r] = around(`<!-- check: ${'('.repeat(100_000)}1${')'.repeat(100_000)} = 1 -->`, 2000);
  assert.equal(r.status, 'error');
  assert.equal(r.code, 'syntax');
});
