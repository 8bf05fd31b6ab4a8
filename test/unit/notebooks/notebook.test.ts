// Jupyter notebooks (spec section 1): the reader, the cell map, and checks across cells.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readNotebook, composeNotebook, cellPlaces } from '../../../server/src/documents/notebook';
import { loadDocument } from '../../../server/src/documents/load';
import { checkComposed } from '../../../server/src/checker';
import { locatorFor } from '../../../server/src/cli/location';

type Cell = { cell_type: string; source?: unknown; attachments?: unknown; outputs?: unknown[] };

function nb(cells: Cell[], nbformat = 4): string {
  return JSON.stringify({ cells: cells.map((c) => ({ metadata: {}, ...c })), metadata: {}, nbformat, nbformat_minor: 5 });
}

const md = (source: unknown, extra: Partial<Cell> = {}): Cell => ({ cell_type: 'markdown', source, ...extra });
const code = (source: unknown): Cell => ({ cell_type: 'code', source, outputs: [] });

/** Checks a notebook file's text; each result with its cell, line and column (1-based), status and value. */
function check(json: string) {
  const loaded = loadDocument('hw.ipynb', json);
  if ('error' in loaded) throw new Error(loaded.error);
  const { results } = checkComposed(loaded.doc, 'hw.ipynb');
  const locateSpan = locatorFor({ text: loaded.doc.text, cells: cellPlaces(loaded.doc) });
  const locate = (o: number) => {
    const at = locateSpan({ start: o, end: o });
    return { cell: at.cell, line: at.line, column: at.column };
  };
  return results.map((r) => ({
    at: locate(r.span.start),
    claimedAt: r.claimedSpan ? locate(r.claimedSpan.start) : null,
    status: r.status,
    computed: r.computed,
    claimed: r.claimed,
  }));
}

test('a source as a string and as a list of lines read the same', () => {
  const text = '# Title\n\n<!-- check: conv out 10x11 k3 s2 -->\nThe output is 4×5.\n';
  const asString = readNotebook(nb([md(text)]));
  const asList = readNotebook(nb([md(['# Title\n', '\n', '<!-- check: conv out 10x11 k3 s2 -->\n', 'The output is 4×5.\n'])]));
  assert.deepEqual(asString, { cells: [{ index: 1, type: 'markdown', source: text }] });
  assert.deepEqual(asList, asString);
  assert.deepEqual(check(nb([md(text)])), [{ at: { cell: 1, line: 3, column: 13 }, claimedAt: { cell: 1, line: 4, column: 15 }, status: 'pass', computed: '4x5', claimed: '4×5' }]);
});

test('cells are numbered counting code and raw cells; lines and columns are within the cell', () => {
  const r = check(nb([
    code('import torch\n'),
    md('Intro.\n'),
    { cell_type: 'raw', source: 'raw text <!-- check: 1 + 1 = 3 -->' },
    md(['Some text.\n', '\n', 'Shape: <!-- check: conv out 10x11 k3 s2 = 5x4 -->\n']),
  ]));
  assert.equal(r.length, 1);
  // The statement starts after `Shape: <!-- check: `.
  assert.deepEqual(r[0].at, { cell: 4, line: 3, column: 20 });
  assert.equal(r[0].status, 'fail');
});

test('code and raw cells hold no claims, even a check comment written in them', () => {
  const r = check(nb([
    code(['# <!-- check: conv out 10x11 k3 s2 = 5x4 -->\n', 'x = 1\n']),
    { cell_type: 'raw', source: '<!-- check: 1 + 1 = 3 -->\n' },
    md('<!-- check: 1 + 1 = 2 -->\n'),
  ]));
  assert.deepEqual(r.map((x) => [x.at.cell, x.status]), [[3, 'pass']]);
});

test('a let in one markdown cell is known in every later markdown cell, past code cells', () => {
  const r = check(nb([
    md('<!-- check: let x : 5x7 -->\n'),
    code('x = torch.randn(5, 7)\n'),
    md('<!-- check: x.T @ x -->\nThe Gram matrix is $7 \\times 7$.\n'),
    md('<!-- check: x @ x.T -->\nand the other one is $7 \\times 7$ too.\n'),
  ]));
  assert.deepEqual(r.map((x) => [x.at.cell, x.at.line, x.status, x.computed]), [[3, 1, 'pass', '7x7'], [4, 1, 'fail', '5x5']]);
  // The wrong value is pointed at in its own cell: line 2, after "and the other one is $".
  assert.deepEqual(r[1].claimedAt, { cell: 4, line: 2, column: 23 });
});

test('a claim that ends its cell binds to the first paragraph of the next markdown cell', () => {
  const r = check(nb([
    md('Part a)\n\n<!-- check: conv out 10x11 k3 s2 -->'),
    code('print(1)\n'),
    md('Therefore the output is 5×4.\n\nA later paragraph says 4×5.\n'),
  ]));
  assert.equal(r.length, 1);
  assert.equal(r[0].status, 'fail');
  assert.equal(r[0].claimed, '5×4');
  assert.deepEqual(r[0].at, { cell: 1, line: 3, column: 13 });
  assert.deepEqual(r[0].claimedAt, { cell: 3, line: 1, column: 25 });
});

test('a claim inside a cell does not bind past the end of its own paragraph into the next cell', () => {
  const r = check(nb([md('Text <!-- check: conv out 10x11 k3 s2 -->\n'), md('It is 4×5.\n')]));
  assert.equal(r.length, 1);
  // An inline comment binds backward, to its own paragraph: nothing is claimed there.
  assert.equal(r[0].status, 'unbound');
});

test('a fence left open at the end of a cell ends with the cell: the next cell is read', () => {
  const r = check(nb([md('```python\nx = 1\n'), md('<!-- check: 2 * 3 = 6 -->\n')]));
  assert.deepEqual(r.map((x) => [x.at.cell, x.status]), [[2, 'pass']]);
  const comment = check(nb([md('<!-- an open comment\n'), md('<!-- check: 2 * 3 = 7 -->\n')]));
  assert.deepEqual(comment.map((x) => [x.at.cell, x.status]), [[2, 'fail']]);
});

test('empty cells (an empty string, an empty list) are read and counted', () => {
  const cells = readNotebook(nb([md(''), md([]), code([]), md('<!-- check: 1 + 2 = 3 -->\n')]));
  assert.ok('cells' in cells);
  assert.deepEqual(cells.cells.map((c) => [c.index, c.source]), [[1, ''], [2, ''], [3, ''], [4, '<!-- check: 1 + 2 = 3 -->\n']]);
  assert.deepEqual(check(nb([md(''), md([]), code([]), md('<!-- check: 1 + 2 = 3 -->\n')])).map((x) => [x.at.cell, x.status]), [[4, 'pass']]);
});

test('a cell with attachments is read as its source; the attachments are not text', () => {
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
  const r = check(nb([md(['![diagram](attachment:rnn.png)\n', '\n', '<!-- check: conv out 10x11 k3 s2 -->\n', 'Output 4×5.\n'], { attachments: { 'rnn.png': { 'image/png': png } } })]));
  assert.deepEqual(r.map((x) => [x.at, x.status]), [[{ cell: 1, line: 3, column: 13 }, 'pass']]);
});

test('cells with CRLF line ends: lines and columns within the cell are still right', () => {
  const r = check(nb([md('Intro\r\n'), md(['A\r\n', '\r\n', '<!-- check: conv out 10x11 k3 s2 -->\r\n', 'Output 5×4.\r\n'])]));
  assert.equal(r.length, 1);
  assert.deepEqual(r[0].at, { cell: 2, line: 3, column: 13 });
  assert.deepEqual(r[0].claimedAt, { cell: 2, line: 4, column: 8 });
  assert.equal(r[0].status, 'fail');
});

test('the composed text is the markdown cells verbatim, joined by a blank line; each cell maps back to itself', () => {
  const read = readNotebook(nb([md('a\n'), code('b'), md(['c\n', 'd'])]));
  assert.ok('cells' in read);
  const doc = composeNotebook(read.cells);
  assert.equal(doc.text, 'a\n\n\nc\nd');
  assert.deepEqual(cellPlaces(doc), [{ cell: 1, start: 0, end: 2 }, { cell: 3, start: 4, end: 7 }]);
  assert.deepEqual(doc.parts, [0, 4]);
});

test('malformed notebooks are a clear error naming what is wrong', () => {
  const cases: [string, RegExp][] = [
    ['{"cells": [', /not valid JSON/],
    ['[1, 2]', /not an object/],
    ['{"cells": []}', /no `nbformat`/],
    [JSON.stringify({ nbformat: 3, nbformat_minor: 0, worksheets: [{ cells: [] }] }), /nbformat 3 .*only nbformat 4/],
    [JSON.stringify({ nbformat: 4, cells: 'x' }), /`cells` is missing or not a list/],
    [nb([md('ok'), { cell_type: 'markdown' }]), /cell 2 has no `source`/],
    [nb([md(['a', 3])]), /cell 1 has no `source`/],
    [nb([{ source: 'x' } as Cell]), /cell 1 is not a notebook cell/],
  ];
  for (const [json, want] of cases) {
    const r = readNotebook(json);
    assert.ok('error' in r, json);
    assert.match(r.error, want);
    const loaded = loadDocument('x.ipynb', json);
    assert.ok('error' in loaded && want.test(loaded.error));
  }
});

test('a notebook with a byte order mark and no markdown cells reads as a document with no claims', () => {
  assert.deepEqual(check(`\ufeff${nb([code('x = 1')])}`), []);
});
