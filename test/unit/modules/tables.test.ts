/**
 * Layer tables (section 5a): the next GFM table or LaTeX tabular after a `table` block, read with the
 * spans of its cells, and checked cell by cell: one result per filled cell, at the cell, with a fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { check } from '../checker/fixture';
import { checkDocument, CheckCache } from '../../../server/src/checker';
import { scanDocument } from '../../../server/src/documents';
import { nextTable } from '../../../server/src/documents/tables';
import { columnRole } from '../../../server/src/checker/table';
import { readCount } from '../../../server/src/checker/tableNumbers';

const NET = '<!-- check: let net = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(8 * 16 * 16, 10)); let batch : 4x3x32x32 -->\n\n';

test('a GFM table is found after the block, with the span of each trimmed cell', () => {
  const text = 'intro\n\n| layer | output shape |\n|---|:-:|\n| conv |  4 × 8 |\n| pool | |\n\nafter';
  const doc = scanDocument(text, 'markdown');
  const t = nextTable(doc, 0, text.length)!;
  assert.equal(t.kind, 'gfm');
  assert.deepEqual(t.header.map((c) => c.text), ['layer', 'output shape']);
  assert.equal(t.rows.length, 2);
  const cell = t.rows[0][1];
  assert.equal(text.slice(cell.span.start, cell.span.end), '4 × 8');
  assert.equal(t.rows[1][1].text, '');
  assert.equal(nextTable(doc, 0, 5), null, 'a table after the limit is not found');
});

test('a LaTeX tabular is read row by row: rules dropped, escaped & kept, \\\\[2pt] handled', () => {
  const text = '% check: table net(x)\n\\begin{tabular}{l|c|r}\n\\hline\nLayer & Output & Params \\\\ \\hline\nconv & $8 \\times 32$ & 1\\,000 \\\\[2pt]\nA \\& B & 2 & 3 \\\\\n\\end{tabular}\n';
  const doc = scanDocument(text, 'latex');
  const t = nextTable(doc, doc.blocks[0].span.end, text.length)!;
  assert.equal(t.kind, 'tabular');
  assert.deepEqual(t.header.map((c) => c.text), ['Layer', 'Output', 'Params']);
  assert.deepEqual(t.rows.map((r) => r.map((c) => c.text)), [['conv', '$8 \\times 32$', '1\\,000'], ['A \\& B', '2', '3']]);
  const c = t.rows[0][2];
  assert.equal(text.slice(c.span.start, c.span.end), '1\\,000');
});

test('column roles come from the header words', () => {
  assert.equal(columnRole('Output shape'), 'shape');
  assert.equal(columnRole('Output size'), 'shape');
  assert.equal(columnRole('#Params'), 'params');
  assert.equal(columnRole('Weights'), 'params');
  assert.equal(columnRole('MACs'), 'macs');
  assert.equal(columnRole('Mult-Adds'), 'macs');
  assert.equal(columnRole('FLOPs'), 'flops');
  assert.equal(columnRole('Receptive field'), 'rf');
  assert.equal(columnRole('RF'), 'rf');
  assert.equal(columnRole('Kernel size'), null);
  assert.equal(columnRole('Layer'), null);
});

test('cell counts: separators, suffixes and the tolerance their digits set', () => {
  assert.deepEqual(pick(readCount('34,944')), [34944, 0]);
  assert.deepEqual(pick(readCount('34 944')), [34944, 0]);
  assert.deepEqual(pick(readCount('$34\\,944$')), [34944, 0]);
  assert.deepEqual(pick(readCount('1.8M')), [1.8e6, 0.05e6]);
  assert.deepEqual(pick(readCount('61.7K')), [61700, 50]);
  assert.deepEqual(pick(readCount('138M')), [138e6, 0.5e6]);
  assert.deepEqual(pick(readCount('3.2 B')), [3.2e9, 0.05e9]);
  assert.deepEqual(pick(readCount('–')), [0, 0]);
  assert.equal(readCount('n/a'), null);
  assert.equal(readCount('1.8M')!.restyle(1_750_000), '1.8M');
  assert.equal(readCount('34,944')!.restyle(51264), '51,264');
});

function pick(c: ReturnType<typeof readCount>): [number, number] | null {
  return c && [Math.round(c.value * 1000) / 1000, Math.round(c.tolerance * 1000) / 1000];
}

test('the spec table: every cell passes, ReLU skipped, one result per cell at the cell', () => {
  const table = '| layer | output shape | params |\n|---|---|---|\n| conv | 4 × 8 × 32 × 32 | 224 |\n| pool | 4 × 8 × 16 × 16 | 0 |\n| flatten | 4 × 2048 | 0 |\n| fc | 4 × 10 | 20,490 |\n';
  const text = `${NET}<!-- check: table net(batch) -->\n${table}`;
  const rs = check(text);
  assert.equal(rs.length, 8);
  assert.ok(rs.every((r) => r.status === 'pass'), rs.map((r) => r.message).join('\n'));
  assert.deepEqual(rs.map((r) => r.computed), ['4x8x32x32', 224, '4x8x16x16', 0, '4x2048', 0, '4x10', 20490]);
  assert.equal(text.slice(rs[7].span.start, rs[7].span.end), '20,490');
});

test('wrong cells fail with a fix in the cell style; ? and empty cells are unbound', () => {
  const table = '| Layer | Output | Params |\n|---|---|---|\n| input | 4x3x32x32 | |\n| conv | 8x30x30 | 216 |\n| ReLU | ? | 0 |\n| pool | 8×16×16 | 0 |\n';
  const rs = check(`${NET}<!-- check: table net(batch) -->\n${table}`);
  const by = (s: string) => rs.filter((r) => r.status === s);
  assert.equal(rs.length, 8);
  assert.deepEqual(by('fail').map((r) => [r.claimed, r.fix?.newText]), [['8x30x30', '8x32x32'], ['216', '224']]);
  assert.equal(by('unbound').length, 2);
  assert.match(by('fail')[0].message, /Conv2d\(3, 8, 3, padding=1\) outputs 4×8×32×32/);
});

test('suffix counts pass within their written digits and fail outside', () => {
  const net = '<!-- check: let net = nn.Sequential(nn.Linear(1000, 1800), nn.Linear(1800, 10)); let v : 1000 -->\n\n';
  const ok = check(`${net}<!-- check: table net(v) -->\n| layer | #params |\n|--|--|\n| fc1 | 1.8M |\n| fc2 | 18.0K |\n`);
  assert.deepEqual(ok.map((r) => r.status), ['pass', 'pass'], ok.map((r) => r.message).join('\n'));
  const bad = check(`${net}<!-- check: table net(v) -->\n| layer | #params |\n|--|--|\n| fc1 | 1.7M |\n`);
  assert.equal(bad[0].status, 'fail');
  assert.equal(bad[0].fix?.newText, '1.8M');
});

test('MACs, FLOPs and receptive-field columns', () => {
  const net = '<!-- check: let net = nn.Sequential(nn.Conv2d(1, 2, 3), nn.MaxPool2d(2), nn.Conv2d(2, 2, 3)); let x : 1x1x16x16 -->\n\n';
  const rs = check(`${net}<!-- check: table net(x) -->\n| layer | MACs | FLOPs | RF |\n|--|--|--|--|\n| conv | 3,528 | 7,056 | 3 |\n| pool | 0 | 0 | 4 |\n| conv | 900 | 1800 | 8 |\n`);
  assert.deepEqual(rs.map((r) => r.status), Array(9).fill('pass'), rs.map((r) => r.message).join('\n'));
});

test('a LaTeX tabular is checked like a GFM table', () => {
  const text = '% check: let net = nn.Sequential(nn.Conv2d(1, 6, 5), nn.Tanh(), nn.AvgPool2d(2))\n% check: let x : 1x1x32x32\n\n% check: table net(x)\n\\begin{tabular}{lll}\n\\toprule\nLayer & Output shape & Parameters \\\\\n\\midrule\nC1 & $6 \\times 28 \\times 28$ & 156 \\\\\nS2 & $6 \\times 14 \\times 14$ & 12 \\\\\n\\bottomrule\n\\end{tabular}\n';
  const rs = check(text, 'latex');
  assert.deepEqual(rs.map((r) => r.status), ['pass', 'pass', 'pass', 'fail'], rs.map((r) => r.message).join('\n'));
  assert.equal(rs[3].fix?.newText, '0');
});

test('no table, no network, or more rows than layers: errors that say so', () => {
  assert.match(check(`${NET}<!-- check: table net(batch) -->\nNo table here.\n`)[0].message, /No table follows/);
  assert.match(check(`${NET}<!-- check: table batch -->\n| a | shape |\n|-|-|\n| x | 1 |\n`)[0].message, /network applied to its input/);
  const rs = check(`${NET}<!-- check: table net(batch)[0:1] -->\n| a | b |\n|-|-|\n| x | 1 |\n`);
  assert.equal(rs[0].status, 'error');
  const extra = check(`<!-- check: let n = nn.Sequential(nn.Linear(2, 3)); let v : 2 -->\n\n<!-- check: table n(v) -->\n| layer | shape |\n|-|-|\n| fc | 3 |\n| fc2 | 3 |\n`);
  assert.deepEqual(extra.map((r) => r.status), ['pass', 'error']);
  assert.match(extra[1].message, /no layer left/);
});

test('a table belongs to the block right before it, not to an earlier one', () => {
  const rs = check(`${NET}<!-- check: table net(batch) -->\nText.\n<!-- check: params(net) = 20714 -->\n| layer | params |\n|-|-|\n| conv | 224 |\n`);
  assert.equal(rs[0].status, 'error');
  assert.match(rs[0].message, /No table follows/);
});

test('an edit inside the table re-checks its cells; the cache gives what a fresh check gives', () => {
  const rows = Array.from({ length: 40 }, () => 'Some prose that makes the paragraph long.').join(' ');
  const base = `${NET}<!-- check: table net(batch) -->\n\n${rows}\n\n| layer | params |\n|---|---|\n| conv | 224 |\n`;
  const cache = new CheckCache();
  const first = checkDocument({ name: 't', kind: 'markdown', text: base }, {}, cache);
  const edited = base.replace('| conv | 224 |', '| conv | 225 |');
  const cached = checkDocument({ name: 't', kind: 'markdown', text: edited }, {}, cache);
  const fresh = checkDocument({ name: 't', kind: 'markdown', text: edited });
  assert.deepEqual(first.results.map((r) => r.status), ['pass']);
  assert.deepEqual(cached, fresh);
  assert.deepEqual(cached.results.map((r) => r.status), ['fail']);
});

test('hostile text: finding and checking a table never throws, and every cell span lies inside the text', () => {
  const piece = fc.constantFrom('|', '||', '|---|', ':-:', '-', '\\\\', '&', '\\&', '\\hline', '\\begin{tabular}{ll}', '\\end{tabular}', '{', '}', '`', '\n', ' ', 'a', '1,2', '3×4', '<!--', '-->', '%', '$');
  const doc = fc.array(piece, { maxLength: 60 }).map((ps) => ps.join(''));
  fc.assert(fc.property(doc, fc.boolean(), (body, latex) => {
    const text = latex ? `% check: table nn.ReLU()(zeros(1))\n${body}` : `<!-- check: table nn.ReLU()(zeros(1)) -->\n${body}`;
    const scanned = scanDocument(text, latex ? 'latex' : 'markdown');
    const t = nextTable(scanned, 0, text.length);
    for (const cell of t ? [...t.header, ...t.rows.flat()] : []) {
      assert.ok(cell.span.start >= 0 && cell.span.start <= cell.span.end && cell.span.end <= text.length);
      assert.equal(text.slice(cell.span.start, cell.span.end), cell.text);
    }
    for (const r of check(text, latex ? 'latex' : 'markdown')) assert.ok(r.span.start >= 0 && r.span.end <= text.length, r.message);
  }), { numRuns: 300, seed: 0x7ab1e });
});

test("LeNet's own notation 6@28×28 is the shape 6×28×28; its fix keeps the notation", () => {
  const net = '<!-- check: let net = nn.Sequential(nn.Conv2d(1, 6, 5), nn.AvgPool2d(2)); let x : 1x1x32x32 -->\n\n';
  const rs = check(`${net}<!-- check: table net(x) -->\n| layer | feature maps (output) |\n|--|--|\n| C1 | 6@28×28 |\n| S2 | 6@12×12 |\n`);
  assert.deepEqual(rs.map((r) => r.status), ['pass', 'fail']);
  assert.equal(rs[1].fix?.newText, '6@14×14');
});

test('a table may go from the last pool straight to the first linear layer: Flatten is skipped unless named', () => {
  const rs = check(`${NET}<!-- check: table net(batch) -->\n| layer | output shape | params |\n|---|---|---|\n| conv | 4 × 8 × 32 × 32 | 224 |\n| pool | 4 × 8 × 16 × 16 | 0 |\n| fc | 4 × 10 | 20,490 |\n`);
  assert.deepEqual(rs.map((r) => r.status), Array(6).fill('pass'), rs.map((r) => r.message).join('\n'));
});
