// Notebooks are untrusted input: whatever the file holds, reading it gives cells or a reason, never a
// throw, a stack overflow or a freeze.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readNotebook } from '../../../server/src/documents/notebook';
import { loadDocument } from '../../../server/src/documents/load';
import { checkComposed } from '../../../server/src/checker';

const nb = (cells: unknown) => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells });

test('deeply nested JSON, random bytes, a null, a number: an error, no throw', () => {
  const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
  for (const text of [deep, '\u0000\u0001\uffff', 'null', '42', '"cells"', '', '{"nbformat": 4, "cells": [null]}', `{"nbformat": 4, "cells": [{"cell_type": "markdown", "source": ${deep}}]}`]) {
    const r = readNotebook(text);
    assert.ok('error' in r, text.slice(0, 40));
  }
});

test('a notebook of 2,000 cells, half Markdown with a let and a claim each, is read and checked', () => {
  const cells = [];
  for (let i = 0; i < 2000; i++) {
    cells.push(i % 2 === 0
      ? { cell_type: 'markdown', metadata: {}, source: [`<!-- check: let a${i} = ${i} -->\n`, `<!-- check: a${i} + 1 = ${i + 1} -->\n`] }
      : { cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: 'x = 1' });
  }
  const loaded = loadDocument('big.ipynb', nb(cells));
  assert.ok(!('error' in loaded));
  const { results } = checkComposed(loaded.doc, 'big.ipynb');
  assert.equal(results.length, 1000);
  assert.ok(results.every((r) => r.status === 'pass'));
});

test('cells with lone surrogates, NUL and a never-closed comment keep their neighbours readable', () => {
  const loaded = loadDocument('x.ipynb', nb([
    { cell_type: 'markdown', metadata: {}, source: '\ud800 \u0000 <!-- check: 1 +' },
    { cell_type: 'markdown', metadata: {}, source: '<!-- check: 2 * 2 = 4 -->\n' },
  ]));
  assert.ok(!('error' in loaded));
  const statuses = checkComposed(loaded.doc, 'x.ipynb').results.map((r) => r.status);
  assert.deepEqual(statuses, ['error', 'pass']);
});
