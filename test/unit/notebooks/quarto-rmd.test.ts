// Quarto (.qmd) and R Markdown (.Rmd) are Markdown (spec section 1): their code chunks, ```{r} and
// ```{python}, are fenced code to CommonMark, so a check comment inside one is code, not a claim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatOfPath } from '../../../server/src/documents/formats';
import { loadDocument } from '../../../server/src/documents/load';
import { checkComposed } from '../../../server/src/checker';
import { scanDocument } from '../../../server/src/documents';

test('.qmd and .Rmd (any case) are read as Markdown; notebooks and LaTeX by their own readers', () => {
  assert.equal(formatOfPath('hw/report.qmd'), 'markdown');
  assert.equal(formatOfPath('hw/report.Rmd'), 'markdown');
  assert.equal(formatOfPath('HW.RMD'), 'markdown');
  assert.equal(formatOfPath('a.ipynb'), 'notebook');
  assert.equal(formatOfPath('a.tex'), 'latex');
  assert.equal(formatOfPath('a.txt'), undefined);
  assert.equal(formatOfPath('dir.md/file'), undefined);
});

const QMD = `---
title: "HW 3"
format: html
---

\`\`\`{python}
#| echo: false
# <!-- check: conv out 10x11 k3 s2 = 5x4 -->
import torch
\`\`\`

<!-- check: conv out 10x11 k3 s2 -->
The output is 5×4.

\`\`\`{r setup, include=FALSE}
x <- "<!-- check: 1 + 1 = 3 -->"
\`\`\`

Inline R \`r 1 + 1\` and <!-- check: 2 * 3 = 6 --> done.
`;

test('the code chunks of a Quarto / R Markdown file are code: the comments inside them are not claims', () => {
  const doc = scanDocument(QMD, 'markdown');
  assert.deepEqual(doc.blocks.map((b) => b.text.trim()), ['conv out 10x11 k3 s2', '2 * 3 = 6']);
  // Both chunks are hidden from the literal search: the "5x4" in the python chunk is never a claimed value.
  const py = QMD.indexOf('```{python}');
  const r = QMD.indexOf('```{r setup');
  for (const at of [py, r]) assert.ok(doc.hidden.some((h) => h.start <= at && at < h.end), `chunk at ${at} is hidden`);
});

for (const name of ['hw.qmd', 'hw.Rmd']) {
  test(`${name}: the claims outside the chunks are checked`, () => {
    const loaded = loadDocument(name, QMD);
    assert.ok(!('error' in loaded));
    const { results } = checkComposed(loaded.doc, name);
    assert.deepEqual(results.map((r) => [r.source, r.status, r.claimed]), [
      ['conv out 10x11 k3 s2', 'fail', '5×4'],
      ['2 * 3 = 6', 'pass', '6'],
    ]);
  });
}

test("the client's workspace glob spells every extension the server reads, in the cases files use", async () => {
  const { spellings } = await import('../../../client/src/summary');
  const { FILE_EXTENSIONS } = await import('../../../server/src/documents/formats');
  const alternatives = spellings(FILE_EXTENSIONS).split(',');
  for (const e of ['md', 'markdown', 'tex', 'qmd', 'Rmd', 'rmd', 'ipynb', 'TEX']) assert.ok(alternatives.includes(e), e);
  // Every spelling is a format the server reads.
  for (const a of alternatives) assert.ok(formatOfPath(`x.${a}`), a);
});
