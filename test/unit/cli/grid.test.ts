// The class grid: matching claims across submissions by statement and order, the answer key's
// `missing`, scores, and pass rates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGrid, matchText, type ClaimOutcome, type SubmissionOutcome } from '../../../server/src/cli/class-report/grid';
import { histogramBins } from '../../../server/src/cli/class-report/html';

const c = (source: string, status: ClaimOutcome['status']): ClaimOutcome => ({ source, status, message: `${source} ${status}`, where: 'x.md:1:1' });
const sub = (name: string, ...claims: ClaimOutcome[]): SubmissionOutcome => ({ name, claims, notes: [] });

test('claims are matched by text and occurrence; columns follow the order submissions make them', () => {
  const grid = buildGrid([
    sub('a', c('A', 'pass'), c('B', 'fail'), c('A', 'fail')),
    sub('b', c('B', 'pass'), c('A', 'pass')),
    sub('c', c('A', 'pass'), c('C', 'unbound'), c('B', 'pass')),
  ]);
  // Mean relative positions: A 1/3, B 1/2, C 1/2 (a tie: B was seen first), A's second 1.
  assert.deepEqual(grid.columns.map((col) => col.label), ['A', 'B', 'C', 'A (#2)']);
  assert.deepEqual(grid.rows.map((r) => r.cells.map((x) => x?.status ?? '')), [
    ['pass', 'fail', '', 'fail'],
    ['pass', 'pass', '', ''],
    ['pass', 'pass', 'unbound', ''],
  ]);
  assert.deepEqual(grid.rows.map((r) => r.score), [1 / 3, 1, 2 / 3]);
  assert.deepEqual(grid.columns.map((col) => col.passRate), [1, 2 / 3, 0, 0]);
  assert.equal(grid.keyed, false);
});

test('with a key: key claims first in its order, missing ones counted against the score', () => {
  const grid = buildGrid([sub('a', c('B', 'pass'), c('X', 'pass')), sub('b')], ['A', 'B']);
  assert.deepEqual(grid.columns.map((col) => [col.label, col.inKey]), [['A', true], ['B', true], ['X', false]]);
  const [a, b] = grid.rows;
  assert.deepEqual(a.cells.map((x) => x?.status), ['missing', 'pass', 'pass']);
  assert.deepEqual(a.counts, { claims: 2, pass: 2, fail: 0, error: 0, unbound: 0, missing: 1 });
  assert.equal(a.score, 2 / 3);
  assert.deepEqual(b.cells.map((x) => x?.status), ['missing', 'missing', undefined]);
  assert.equal(b.score, 0);
  assert.match(a.cells[0]?.message ?? '', /answer key claims `A`/);
});

test('the value written inside a statement is the answer, not the question', () => {
  const text = 'x <!-- check: params conv2d k11 c=3 f=96 =   34848 --> y';
  const start = text.indexOf('params');
  const end = text.indexOf(' -->');
  const claimedStart = text.indexOf('34848');
  const r = { source: 'params conv2d k11 c=3 f=96 = 34848', span: { start, end }, claimedSpan: { start: claimedStart, end: claimedStart + 5 } };
  assert.equal(matchText(text, r), 'params conv2d k11 c=3 f=96 = ?');
  // A value found in the prose is outside the statement: the statement is matched as written.
  assert.equal(matchText(text, { ...r, source: 'conv out 10x11 k3 s2', claimedSpan: { start: text.length - 1, end: text.length } }), 'conv out 10x11 k3 s2');
  assert.equal(matchText(text, { ...r, claimedSpan: null }), r.source);
});

test('histogram: ten bins of 10 points, 100% in the last', () => {
  assert.deepEqual(histogramBins([0, 0.05, 0.1, 0.55, 0.99, 1, 1]), [2, 1, 0, 0, 0, 1, 0, 0, 0, 3]);
});
