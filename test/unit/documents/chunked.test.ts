// Chunked scanning must read every document exactly as one whole-document parse does, and a ScanCache
// carried across edits must give exactly what a fresh scan gives. Documents are built from realistic
// pieces, and chunks are made as small as the cuts allow (a chunk at every cut), so that every border
// the pre-scan offers is exercised.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { ScanCache, scanChunked, scanDocument, scanDocumentWhole } from '../../../server/src/documents/index';
import { markdownCuts } from '../../../server/src/documents/chunks/markdownCuts';
import type { DocumentKind } from '../../../server/src/core/document';

const MD_PIECES = [
  '<!-- check: conv out 10 k3 -->\nThe output has 8 entries.',
  '<!-- check: a -->\n<!-- check: b -->',
  '<!-- check: c -->',
  'The map is 14×14 <!-- check: convT out 7x7 k4 s2 p1 -->.',
  'x is 4 <!-- check: y --> and `code <!-- check: no -->` and $x^2$.',
  'A paragraph\nwith two lines 3×3.',
  '## Output 4×5 <!-- check: h -->',
  '$$\nW = 4\n$$',
  '$$\na = 1\n\nb = 2\n$$',
  '$$ \\frac{1}{2} $$',
  '```\n<!-- check: fenced -->\n\nstill code\n```',
  '~~~~ python\n<!-- check: tilde -->\n\n~~~\nstill\n~~~~',
  '```js\ncode\n\n',
  '````\n```\n\n````',
  '- item <!-- check: li -->\n  continued\n\n  second paragraph 2×2',
  '- ```\n  <!-- check: in list -->\n\n  code\n  ```',
  '- ```\n  unclosed in a list',
  '1. one\n2. two\n\n3. three',
  '> <!-- check: q -->\n> quoted 5×5',
  '> ```\n> quoted fence',
  '    <!-- check: indented code -->',
  '<div>\n<!-- check: in div : 2 -->\n</div>',
  '<!-- a long note\n\nwith a blank line -->',
  '<!-- check: unterminated\nthe rest',
  'Text <!-- check: open inline\nmore',
  '<script>\nvar a = "<!-- check: s -->";\n\n</script>',
  '<pre>\n\n<!-- check: p -->\n</pre>',
  'So \\[a = 1\\] and \\(b\\) and \\begin{align*}\nx &= 1\n\\end{align*}',
  '[ref]: /url "title"',
  'See [ref] and <b>bold</b> 7.',
  '---',
  '\uFEFFbom line',
  '\ttabbed line',
];
const SEPARATORS = ['\n', '\n\n', '\n\n\n', '\n  \n', '\n\t\n\n'];

const mdDoc = fc
  .tuple(fc.array(fc.tuple(fc.constantFrom(...MD_PIECES), fc.constantFrom(...SEPARATORS)), { maxLength: 14 }), fc.boolean())
  .map(([parts, crlf]) => {
    const text = parts.map(([p, s]) => p + s).join('');
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });

const TEX_PIECES = [
  '% check: conv out 64x64 k3 s2\nThe output is $31 \\times 31$.',
  '% check: let x : 2x5\n%   x.T : 5x2',
  '% check: a',
  'Inline $x$ then % check: b\nmore text',
  '\\[ W = \\frac{64 - 3}{2} + 1 \\]',
  '\\begin{equation}\nE = 1\n\\end{equation}',
  '\\begin{align*}\na &= 1 % check: x : 1\n\nb &= 2\n\\end{align*}',
  '\\begin{verbatim}\n% check: hidden\n\n$x\n\\end{verbatim}',
  'Use \\verb|% check: no| and 50\\% and \\\\% check: yes',
  '\\begin{itemize}\n\\item % check: i\nText 3.\n\n\\item b $y$\n\\end{itemize}',
  '\\begin{document}',
  '\\end{document}',
  '\\section{Theory $x$}',
  '{\\bf grouped\n\nacross} % check: g',
  '$a\n\nb$ % check: across',
  '\\(c\n\nd\\)',
  '$$ y $$ and $\\text{a $b$}$',
  '\\begin{tabular}{cc}\na & b\n\n\\end{tabular}',
];

const texDoc = fc
  .tuple(fc.array(fc.tuple(fc.constantFrom(...TEX_PIECES), fc.constantFrom(...SEPARATORS)), { maxLength: 10 }), fc.boolean())
  .map(([parts, crlf]) => {
    const text = parts.map(([p, s]) => p + s).join('');
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });

function sameAsWhole(text: string, kind: DocumentKind, min = 0, max = 0): void {
  assert.deepEqual(scanChunked(text, kind, undefined, min, max), scanDocumentWhole(text, kind));
}

test('markdown: chunked equals whole on random documents, a chunk at every cut', () => {
  fc.assert(fc.property(mdDoc, (text) => sameAsWhole(text, 'markdown')), { numRuns: 200, seed: 1 });
});

test('markdown: the pre-scan offers cuts in these documents (the property above is not vacuous)', () => {
  assert.ok(markdownCuts('<!-- check: a -->\nText 4.\n\n## H\n\n```\nx\n\ny\n```\n\nafter\n').length === 3);
  // Never before an indented line: indented code and list-item continuations stay with what they continue.
  const text = 'a\n\n    indented\n\n- item\n\n  cont\n\nz\n';
  assert.deepEqual(markdownCuts(text).map((c) => text.slice(c, c + 6)), ['- item', 'z\n']);
});

test('latex (parser): chunked equals whole on random documents, a chunk at every cut', () => {
  fc.assert(fc.property(texDoc, (text) => sameAsWhole(text, 'latex')), { numRuns: 60, seed: 2 });
});

test('latex (linear reader, documents over 30,000 characters): chunked equals whole', () => {
  fc.assert(
    fc.property(texDoc, texDoc, (a, b) => {
      let text = a + '\n\n' + b + '\n\n';
      while (text.length <= 30_000) text += text.length % 3 === 0 ? a : b + '\n\n';
      sameAsWhole(text, 'latex');
      sameAsWhole(text, 'latex', 1024, 4096);
    }),
    { numRuns: 8, seed: 3 },
  );
});

const FILES: [string, DocumentKind][] = [
  ['examples/hw3.md', 'markdown'],
  ['examples/hw3.tex', 'latex'],
  ['/work/shared/spec/conformance/layers.md', 'markdown'],
  ['/work/shared/spec/conformance/derivation.md', 'markdown'],
  ['/work/shared/spec/conformance/tensors.md', 'markdown'],
  ['/work/shared/spec/conformance/paper.tex', 'latex'],
];

test('the examples and conformance documents: chunked equals whole, at every chunk size', () => {
  for (const [path, kind] of FILES) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue; // shared/ may be absent on a bare clone
    }
    for (const [min, max] of [[0, 0], [256, 1024], [1024, 4096]]) sameAsWhole(text, kind, min, max);
    sameAsWhole(text.replace(/\n/g, '\r\n'), kind);
  }
});

test('the example homework repeated to 10,000 lines (markdown) and past 30,000 characters (latex)', () => {
  const md = readFileSync('examples/hw3.md', 'utf8');
  const tex = readFileSync('examples/hw3.tex', 'utf8').replace('\\end{document}', '');
  sameAsWhole(md.repeat(Math.ceil(10_000 / md.split('\n').length)), 'markdown', 1024, 4096);
  sameAsWhole(tex.repeat(8), 'latex', 1024, 4096);
});

/** An edit: replace text[at, at + del) with `ins` (positions taken modulo the text's length). */
const edit = fc.record({ at: fc.nat(), del: fc.nat({ max: 40 }), ins: fc.constantFrom('', 'x', '\n', '\n\n', '`', '$$', '<!--', '-->', '```', '% check: e\n', '<!-- check: z -->\n', '{', '}', '7') });

function applyEdit(text: string, e: { at: number; del: number; ins: string }): string {
  const at = text.length === 0 ? 0 : e.at % (text.length + 1);
  return text.slice(0, at) + e.ins + text.slice(at + e.del);
}

for (const [kind, gen, runs] of [['markdown', mdDoc, 40], ['latex', texDoc, 12]] as const) {
  test(`${kind}: a ScanCache carried across random edits gives what a fresh scan gives`, () => {
    fc.assert(
      fc.property(gen, fc.array(edit, { minLength: 1, maxLength: 6 }), (start, edits) => {
        const cache = new ScanCache();
        let text = start;
        scanChunked(text, kind, cache, 0, 0);
        for (const e of edits) {
          text = applyEdit(text, e);
          assert.deepEqual(scanChunked(text, kind, cache, 0, 0), scanDocumentWhole(text, kind));
          assert.deepEqual(scanDocument(text, kind, cache), scanDocumentWhole(text, kind));
        }
      }),
      { numRuns: runs, seed: 4 },
    );
  });
}

test('a one-character edit in a 10,000-line homework re-parses one chunk; the cache holds one version', () => {
  const md = readFileSync('examples/hw3.md', 'utf8');
  // Distinct chunks: number each copy so that no two copies share their text.
  let text = '';
  for (let i = 0; text.split('\n').length < 10_000; i++) text += md.replace(/^DS-GA 1008 HW 3/, `Copy ${i}`) + `\nCopy ${i} ends.\n\n`;
  const cache = new ScanCache();
  scanDocument(text, 'markdown', cache);
  const chunks = cache.entries.size;
  assert.ok(chunks > 50, `only ${chunks} chunks`);
  cache.hits = 0;
  cache.misses = 0;
  const at = text.indexOf('Therefore, the output dimension will be 4×5', text.length >> 1);
  const edited = text.slice(0, at) + 'x' + text.slice(at);
  assert.deepEqual(scanDocument(edited, 'markdown', cache), scanDocumentWhole(edited, 'markdown'));
  assert.equal(cache.misses, 1, `misses ${cache.misses}, hits ${cache.hits}`);
  assert.ok(cache.entries.size <= chunks + 1);
});
