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
