import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanDocument } from '../../../server/src/documents/index';
import { latexFacts, scanLatex } from '../../../server/src/documents/latex/scanLatex';
import { marked, slice } from './markers';

/** Every LaTeX case runs through both readers: the parser and the linear fallback must agree. */
function both(src: string) {
  const { text, spans } = marked(src);
  const parsed = scanLatex(text, latexFacts(text, true));
  const linear = scanLatex(text, latexFacts(text, false));
  assert.deepEqual(linear, parsed, 'the linear reader disagrees with the parser');
  assert.deepEqual(scanDocument(text, 'latex'), parsed);
  return { text, spans, doc: parsed };
}

test('a comment line starting with check: is a block; the segment starts after check:', () => {
  const { text, spans, doc } = both('Intro.\n\n«% check:« conv out 64x64 k3 s2»»\nThe output is $31 \\times 31$.\n');
  assert.equal(doc.blocks.length, 1);
  const b = doc.blocks[0];
  assert.deepEqual(b.span, spans[0]);
  assert.deepEqual(b.segments, [{ text: ' conv out 64x64 k3 s2', offset: spans[1].start }]);
  assert.equal(slice(text, spans[1]), b.text);
  assert.equal(b.ownLine, true);
});

test('comment-only lines right after a check: line continue the block, one segment each', () => {
  const { spans, doc } = both('«%check: let x : 2x5\n  %« x.T : 5x2»\n%« y»»\nText.\n');
  assert.equal(doc.blocks.length, 1);
  const b = doc.blocks[0];
  assert.deepEqual(b.span, spans[0]);
  assert.deepEqual(b.segments.map((s) => s.text), [' let x : 2x5', ' x.T : 5x2', ' y']);
  assert.equal(b.segments[1].offset, spans[1].start);
  assert.equal(b.text, ' let x : 2x5\n x.T : 5x2\n y');
});

test('a continuation line that starts its own check: starts a new block', () => {
  const { doc } = both('% check: a\n% more\n% check: b\n% b2\n\nx\n');
  assert.deepEqual(doc.blocks.map((b) => b.text), [' a\n more', ' b\n b2']);
});

test('a blank line or a text line ends the continuation', () => {
  const { doc } = both('% check: a\n\n% not part\ntext % check: b\nmore\n% not part either\n');
  assert.deepEqual(doc.blocks.map((b) => b.text), [' a', ' b']);
});

test('a check: comment after text is an inline block', () => {
  const { spans, doc } = both('The output is $31 \\times 31$. «% check: conv out 64x64 k3 s2»\n');
  assert.equal(doc.blocks.length, 1);
  assert.deepEqual(doc.blocks[0].span, spans[0]);
  assert.equal(doc.blocks[0].ownLine, false);
});

test('\\% is not a comment', () => {
  const { doc } = both('50\\% check: not a claim\n100\\%% check: real\n');
  assert.deepEqual(doc.blocks.map((b) => b.text), [' real']);
  assert.equal(doc.blocks[0].ownLine, false);
});

test('verbatim, lstlisting, minted and comment bodies hold no claims and are hidden', () => {
  const src =
    '\\begin{verbatim}«\n% check: a\n»\\end{verbatim}\n' +
    '\\begin{lstlisting}«\n% check: b\n»\\end{lstlisting}\n' +
    '\\begin{minted}«{python}\n% check: c\n»\\end{minted}\n' +
    '\\begin{comment}«\n% check: d\n»\\end{comment}\n' +
    '«% check: e»\n';
  const { spans, doc } = both(src);
  assert.deepEqual(doc.blocks.map((b) => b.text), [' e']);
  assert.deepEqual(doc.hidden, spans);
});

test('\\verb is hidden and its % is no comment', () => {
  const { spans, doc } = both('Write «\\verb|% check: no|» here.\n');
  assert.equal(doc.blocks.length, 0);
  assert.deepEqual(doc.hidden, spans);
});

test('several leading % and tabs before check: are accepted', () => {
  const { doc } = both('%%\tcheck: a\n\t% check: b\n');
  assert.deepEqual(doc.blocks.map((b) => [b.text, b.ownLine]), [[' a', true], [' b', true]]);
});

test('\\\\ before % is a line break, so the % starts a comment', () => {
  const { doc } = both('a \\\\% check: y\nb \\\\\\% check: no\n');
  assert.deepEqual(doc.blocks.map((b) => b.text), [' y']);
});

test('a claim comment inside math or an environment is still a block', () => {
  const { doc } = both('\\begin{align}\na &= 4 % check: x : 4\n\\end{align}\n\\begin{itemize}\n\\item % check: y\nText 3.\n\\end{itemize}\n');
  assert.deepEqual(doc.blocks.map((b) => [b.text, b.ownLine]), [[' x : 4', false], [' y', false]]);
  assert.equal(doc.math.length, 1);
});
