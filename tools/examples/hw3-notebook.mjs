// Writes examples/hw3.ipynb: the homework of examples/hw3.md as a Jupyter notebook (nbformat 4), its
// text cut into Markdown cells at the homework's own section marks, with code cells between them as a
// student's notebook has. One code cell holds a commented-out check that must never be read (code cells
// hold no claims). Run: node tools/examples/hw3-notebook.mjs (the test command never runs it).
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const md = readFileSync(new URL('examples/hw3.md', root), 'utf8');
const lines = md.split('\n');

/** A cell starts at each of these lines (1-based line numbers of hw3.md, each after a blank line). */
const cuts = [7, 11, 28, 43, 63, 90, 98, 106, 115, 121, 127];
/** Code cells inserted before the Markdown cell that starts at the given line. */
const code = {
  28: ['import torch', 'import torch.nn.functional as F', '', '# the layer of part a): one 10x11 input, a 3x3 kernel, stride 2', 'y = torch.nn.Conv2d(1, 1, 3, stride=2)(torch.randn(1, 1, 11, 10))', 'print(y.shape)  # <!-- check: conv out 10x11 k3 s2 = 5x4 --> (a comment in code: not a claim)'],
  63: ['x = torch.randn(2, 5)', 'W = torch.randn(1, 2, 3, requires_grad=True)', 'f = F.conv1d(x.unsqueeze(0), W, stride=2)', 'f.shape'],
  106: ['# part iv) numerically', 'x0 = torch.tensor([[1., 2, 3, 4, 5], [5, 4, 3, 2, 1]])', 'W0 = torch.tensor([[[1., 0, -1], [2, 1, 0]]], requires_grad=True)', 'g0 = torch.tensor([[1., -1]])', '(F.conv1d(x0.unsqueeze(0), W0, stride=2)[0] * g0).sum().backward()', 'W0.grad'],
};

/** nbformat's multiline string: a list of lines, each but the last keeping its '\n'. */
function source(text) {
  const parts = text.split('\n');
  return parts.map((l, i) => (i < parts.length - 1 ? `${l}\n` : l)).filter((l) => l !== '');
}

const cells = [];
const bounds = [1, ...cuts, lines.length + 1];
for (let k = 0; k + 1 < bounds.length; k++) {
  const start = bounds[k];
  if (code[start]) cells.push({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: source(code[start].join('\n')) });
  const text = lines.slice(start - 1, bounds[k + 1] - 1).join('\n').replace(/^\n+|\n+$/g, '');
  cells.push({ cell_type: 'markdown', metadata: {}, source: source(text) });
}
const nb = {
  cells,
  metadata: {
    kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
    language_info: { name: 'python' },
  },
  nbformat: 4,
  nbformat_minor: 5,
};
// Jupyter writes one space of indent and a final newline.
writeFileSync(new URL('examples/hw3.ipynb', root), `${JSON.stringify(nb, null, 1)}\n`);
