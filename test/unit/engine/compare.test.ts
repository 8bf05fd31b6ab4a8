/** compareToClaim: spec section 5 tolerances, shapes, first differing index. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareToClaim, scalarTensor, shapeOnlyTensor, tensorFromNested, toNested } from '../../../server/src/engine';
import { constDim } from '../../../server/src/dims';

test('a decimal claim matches when the value rounds to it', () => {
  const t = scalarTensor(0.2913126124515909);
  assert.equal(compareToClaim(t, 0.291, 3).matches, true);
  assert.equal(compareToClaim(t, 0.29, 2).matches, true);
  assert.equal(compareToClaim(t, 0.3, 1).matches, true);
  assert.equal(compareToClaim(t, 0.2913, 4).matches, true);
  assert.equal(compareToClaim(t, 0.2914, 4).matches, false);
  assert.equal(compareToClaim(t, 0.292, 3).matches, false);
});

test('the half-unit boundary is inclusive', () => {
  assert.equal(compareToClaim(scalarTensor(0.125), 0.13, 2).matches, true);
  assert.equal(compareToClaim(scalarTensor(0.1251), 0.12, 2).matches, false);
});

test('whole numbers and fractions must match to 1e-9', () => {
  assert.equal(compareToClaim(scalarTensor(4 + 1e-12), 4, null).matches, true);
  assert.equal(compareToClaim(scalarTensor(4.001), 4, null).matches, false);
  assert.equal(compareToClaim(scalarTensor(4.5), 9 / 2, null).matches, true);
});

test('tensors compare elementwise and name the first differing index', () => {
  const t = tensorFromNested([[1, 2], [3, 4.5]]);
  assert.equal(compareToClaim(t, [[1, 2], [3, 4.5]], null).matches, true);
  const r = compareToClaim(t, [[1, 2], [3, 4]], null);
  assert.equal(r.matches, false);
  assert.deepEqual(r.firstDiff, { index: [1, 1], computed: 4.5, claimed: 4 });
  assert.match(r.message, /Claimed 4 at \[1, 1\], but the computed value is 4\.5/);
});

test('shapes must agree', () => {
  const t = tensorFromNested([[3, 0.5, 7.5]]);
  const r = compareToClaim(t, [3, 0.5, 7.5], null);
  assert.equal(r.matches, false);
  assert.match(r.message, /shape 3, but the result is a tensor of shape 1×3/);
  assert.equal(compareToClaim(scalarTensor(1), [1], null).matches, false);
});

test('shape-only and ragged inputs give a message, not an exception', () => {
  const r = compareToClaim(shapeOnlyTensor([constDim(2)]), [1, 2], null);
  assert.equal(r.matches, false);
  assert.match(r.message, /only a shape/);
  const g = compareToClaim(tensorFromNested([1, 2]), [[1, 2], [3]] as unknown as number[][], null);
  assert.equal(g.matches, false);
  assert.match(g.message, /ragged/);
});

test('tensorFromNested and toNested round-trip', () => {
  const v = [[[1, 2]], [[3, 4]]];
  assert.deepEqual(toNested(tensorFromNested(v)), v);
  assert.equal(toNested(tensorFromNested(2.5)), 2.5);
  assert.throws(() => tensorFromNested([[1], [2, 3]]), /ragged list: the list at \[1\] has 2 items, but 1 were expected/);
});
