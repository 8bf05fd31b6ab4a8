/** core/search.ts: the binary search every reader, the checker and the server use, against a plain scan. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { firstWhere } from '../../server/src/core/search';

test('firstWhere finds the first index where a monotone predicate holds, or the length', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -50, max: 50 })), fc.integer({ min: -60, max: 60 }), (xs, v) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const scan = sorted.findIndex((x) => x >= v);
      assert.equal(firstWhere(sorted.length, (i) => sorted[i] >= v), scan < 0 ? sorted.length : scan);
    }),
  );
  assert.equal(firstWhere(0, () => true), 0);
});
