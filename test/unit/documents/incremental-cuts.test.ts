// After an edit the cut pass is redone only around it (documents/index.ts): the cuts it keeps and shifts
// must be exactly the cuts a pass over the whole edited text finds, whatever the edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { ScanCache, scanChunked } from '../../../server/src/documents/index';
import { markdownCuts } from '../../../server/src/documents/chunks/markdownCuts';
import { latexCuts } from '../../../server/src/documents/chunks/latexCuts';

const PIECES = ['\n', '\n\n', '\r\n', '\r', '    ', 'x', '```', '~~~', '$$', '$', '<!--', '-->', '<pre>', '</pre>', '\\[', '\\]',
  '{', '}', '\\begin{verbatim}', '\\end{verbatim}', '\\begin{tabular}', '\\end{tabular}', '% c', '\\verb|x|', '- item'];

const edit = fc.record({ at: fc.nat(), del: fc.nat({ max: 30 }), ins: fc.constantFrom(...PIECES, '') });

function cutsOf(text: string, kind: 'markdown' | 'latex'): number[] {
  return kind === 'markdown' ? markdownCuts(text) : latexCuts(text, true);
}

for (const [kind, path] of [['markdown', 'examples/hw3.md'], ['latex', 'examples/hw3.tex']] as const) {
  test(`${kind}: cuts redone around random edits equal a full pass`, () => {
    const base = readFileSync(path, 'utf8');
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
        const cache = new ScanCache();
        let text = base;
        scanChunked(text, kind, cache);
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.ins + text.slice(at + e.del);
          scanChunked(text, kind, cache);
          assert.deepEqual(cache.last?.cuts, cutsOf(text, kind));
        }
      }),
      { numRuns: 150, seed: 9 },
    );
  });
}
