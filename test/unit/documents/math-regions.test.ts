import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanDocument } from '../../../server/src/documents/index';
import { latexFacts, scanLatex } from '../../../server/src/documents/latex/scanLatex';
import type { MathKind } from '../../../server/src/core/document';
import { marked } from './markers';

/**
 * Each region is marked twice, nested: «whole «body»». `kinds` lists the expected kind of each region
 * (and env, for environments), in document order.
 */
function expectMath(kind: 'markdown' | 'latex', src: string, kinds: (MathKind | [MathKind, string])[]) {
  const { text, spans } = marked(src);
  const docs = kind === 'latex' ? [scanLatex(text, latexFacts(text, true)), scanLatex(text, latexFacts(text, false))] : [scanDocument(text, kind)];
  for (const doc of docs) {
    assert.equal(doc.math.length, kinds.length, JSON.stringify(doc.math.map((m) => text.slice(m.span.start, m.span.end))));
    doc.math.forEach((m, i) => {
      assert.deepEqual(m.span, spans[2 * i], `span of region ${i}`);
      assert.deepEqual(m.body, spans[2 * i + 1], `body of region ${i}`);
      const k = kinds[i];
      assert.equal(m.kind, Array.isArray(k) ? k[0] : k);
      if (Array.isArray(k)) assert.equal(m.env, k[1]);
    });
  }
}

test('markdown: $..$ and $$..$$ inline, and $$ fenced display math', () => {
  expectMath('markdown', 'Inline «$«x^2»$» and «$$«a=b»$$» here.\n\n«$$«\n\\frac{1}{2}\n»$$»\n\n«$$«W = 4»$$»\n', [
    'inline',
    'display',
    'display',
    'display',
  ]);
});

test('markdown: pasted \\[..\\], \\(..\\) and equation/align environments in paragraphs', () => {
  expectMath(
    'markdown',
    'So «\\[«a = 1»\\]» and «\\(«b»\\)».\n\n«\\begin{align*}«\nx &= 1 \\\\\ny &= 2\n»\\end{align*}»\n\nText «\\begin{equation}«E»\\end{equation}»\n',
    ['display', 'inline', ['environment', 'align*'], ['environment', 'equation']],
  );
});

test('markdown: math-looking text inside code is not math', () => {
  expectMath('markdown', '`$x$` and `\\[y\\]`\n\n```\n$$z$$\n\\begin{equation}q\\end{equation}\n```\n', []);
});

test('markdown: an escaped backslash does not open \\[', () => {
  expectMath('markdown', 'Not \\\\[math\\\\] here.\n', []);
});

test('latex: every delimiter and math environment', () => {
  expectMath(
    'latex',
    'A «$«x»$», «$$«y»$$», «\\[«z»\\]», «\\(«w»\\)».\n' +
      '«\\begin{equation}« e »\\end{equation}»\n«\\begin{equation*}«f»\\end{equation*}»\n' +
      '«\\begin{align}«a &= b \\\\ c»\\end{align}»\n«\\begin{align*}«g»\\end{align*}»\n' +
      '«\\begin{gather}«h»\\end{gather}»\n«\\begin{multline}«i»\\end{multline}»\n«\\begin{eqnarray}«j»\\end{eqnarray}»\n',
    ['inline', 'display', 'display', 'inline', ['environment', 'equation'], ['environment', 'equation*'], ['environment', 'align'],
      ['environment', 'align*'], ['environment', 'gather'], ['environment', 'multline'], ['environment', 'eqnarray']],
  );
});

test('latex: math inside math is reported once (the outer region); \\$ is no delimiter', () => {
  expectMath('latex', 'Costs \\$5. «$«\\text{a $b$}»$»\n', ['inline']);
});

test('latex: math in verbatim and comments is not math', () => {
  expectMath('latex', '% $x$\n\\begin{verbatim}\n$y$\n\\end{verbatim}\n', []);
});

test('markdown: MathJax\'s doubled inline delimiters \\\\( .. \\\\) (CS231n\'s notes) are math', () => {
  expectMath('markdown', 'The loss «\\\\(«L_i = \\sum_j w_j»\\\\)» and «\\\\(«f(x) = Wx»\\\\)» here; a lone \\\\( is text.\n', ['inline', 'inline']);
});
