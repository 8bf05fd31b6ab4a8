import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanDocument } from '../../../server/src/documents/index';
import { latexFacts, scanLatex, PARSER_MAX_CHARS } from '../../../server/src/documents/latex/scanLatex';
import type { DocumentKind, ScannedDocument } from '../../../server/src/core/document';

function wellFormed(doc: ScannedDocument): void {
  const n = doc.text.length;
  const ok = (s: { start: number; end: number }) => 0 <= s.start && s.start <= s.end && s.end <= n;
  for (const b of doc.blocks) {
    assert.ok(ok(b.span) && ok(b.searchSpan));
    for (const seg of b.segments) assert.equal(doc.text.slice(seg.offset, seg.offset + seg.text.length), seg.text);
  }
  for (const m of doc.math) assert.ok(ok(m.span) && ok(m.body) && m.span.start <= m.body.start && m.body.end <= m.span.end);
  for (let i = 0; i < doc.hidden.length; i++) {
    assert.ok(ok(doc.hidden[i]));
    if (i > 0) assert.ok(doc.hidden[i - 1].end < doc.hidden[i].start);
  }
}

test('100,000 stacked claims scan in both kinds, every block bound to the one paragraph after them', () => {
  const md = '<!-- check: conv out 10x11 k3 s2 -->\n'.repeat(100_000) + 'The output is 4×5.\n';
  const mdDoc = scanDocument(md, 'markdown');
  assert.equal(mdDoc.blocks.length, 100_000);
  assert.ok(mdDoc.blocks.every((b) => b.ownLine && b.searchSpan.end === md.length - 1));
  const tex = '% check: conv out 10x11 k3 s2\n'.repeat(100_000) + 'The output is 4×5.\n';
  const texDoc = scanDocument(tex, 'latex');
  assert.equal(texDoc.blocks.length, 100_000);
  assert.ok(texDoc.blocks.every((b) => b.searchSpan.end === tex.length - 1));
});

test('100,000 inline claims on one 3 MB line', () => {
  const line = 'x is 4 <!-- check: y -->'.repeat(100_000);
  const doc = scanDocument(line, 'markdown');
  assert.equal(doc.blocks.length, 100_000);
  assert.ok(doc.blocks.every((b) => !b.ownLine && b.searchSpan.start === 0));
});

test('100,000-line documents with claims between paragraphs', () => {
  let md = '';
  let tex = '';
  for (let i = 0; i < 34_000; i++) {
    md += `<!-- check: a${i} -->\nText ${i} with $x$.\n\n`;
    tex += `% check: a${i}\nText ${i} with $x$.\n\n`;
  }
  for (const [text, kind] of [[md, 'markdown'], [tex, 'latex']] as [string, DocumentKind][]) {
    const doc = scanDocument(text, kind);
    assert.equal(doc.blocks.length, 34_000);
    assert.equal(doc.math.length, 34_000);
    wellFormed(doc);
  }
});

test('1 MB of binary garbage scans without throwing, in both kinds', () => {
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) & 0xffff;
  const chars: string[] = [];
  for (let i = 0; i < 1 << 20; i++) chars.push(String.fromCharCode(rnd() % 7 === 0 ? '$\\%{}[]<!-->`\n\r'.charCodeAt(rnd() % 16) : rnd()));
  const garbage = chars.join('');
  for (const kind of ['markdown', 'latex'] as const) wellFormed(scanDocument(garbage, kind));
});

test('pathological inputs: a 1 MB line, deep braces and quotes, unterminated everything', () => {
  const inputs = [
    'a'.repeat(1 << 20),
    '{'.repeat(50_000) + '% check: x\n' + '}'.repeat(50_000),
    '>'.repeat(10_000) + ' <!-- check: x -->\n',
    '<!-- check: x\n'.repeat(10_000),
    '$'.repeat(100_000),
    '\\begin{verbatim}\n% check: x\n',
    '\\['.repeat(50_000),
    '\\verb|'.repeat(50_000),
    '`'.repeat(100_000) + '<!-- check: x -->',
    '\uD800\uDC00\uD800 % check: x\r\r\n\t',
    '',
  ];
  for (const text of inputs) for (const kind of ['markdown', 'latex'] as const) wellFormed(scanDocument(text, kind));
});

test('the linear LaTeX reader agrees with the parser on a realistic paper', () => {
  const paper = [
    '\\documentclass{article}',
    '\\usepackage{amsmath} % for align',
    '\\begin{document}',
    '\\section{Convolution}',
    '% check: conv out 64x64 k3 s2',
    '%   pool out 31x31 k2',
    'The output is $31 \\times 31$, i.e.\\ 50\\% smaller.',
    '\\[ W_{out} = \\frac{64 - 3}{2} + 1 \\]',
    '\\begin{align*}',
    '  a &= 1 \\\\ % trailing',
    '  b &= 2',
    '\\end{align*}',
    '',
    'Inline \\(x\\) and $$y$$ and \\verb|$%| then. % check: x : 2',
    '\\begin{lstlisting}',
    '% check: hidden',
    '\\end{lstlisting}',
    '\\begin{figure}\\caption{$\\mathbb{R}^{2}$ % note',
    '}\\end{figure}',
    '\\end{document}',
  ].join('\n');
  assert.ok(paper.length < PARSER_MAX_CHARS);
  assert.deepEqual(scanLatex(paper, latexFacts(paper, false)), scanLatex(paper, latexFacts(paper, true)));
});

test('large LaTeX documents skip the parser and still find every block', () => {
  const unit = '% check: conv out 8 k3\nGives $6$.\n\n';
  const text = unit.repeat(Math.ceil((PARSER_MAX_CHARS * 2) / unit.length));
  const doc = scanDocument(text, 'latex');
  assert.equal(doc.blocks.length, Math.ceil((PARSER_MAX_CHARS * 2) / unit.length));
  assert.equal(doc.math.length, doc.blocks.length);
});
