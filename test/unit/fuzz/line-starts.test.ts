// The language server keeps each document's line starts across edits (lsp/documents.ts) instead of
// rescanning the text: after any edit, every offset must map to the line and column LineIndex gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lineStartsAfterEdit } from '../../../server/src/lsp/documents';
import { LineIndex } from '../../../server/src/core/span';

const piece = fc.constantFrom('a', 'bc', '\n', '\r', '\r\n', '\n\n', ' ', 'é');
const doc = fc.array(piece, { maxLength: 60 }).map((p) => p.join(''));
const edit = fc.record({ at: fc.nat(), del: fc.nat({ max: 6 }), ins: fc.array(piece, { maxLength: 3 }).map((p) => p.join('')) });

function startsOf(text: string): number[] {
  const lines = new LineIndex(text);
  return Array.from({ length: lines.lineCount }, (_, i) => lines.lineStart(i));
}

test('line starts carried across random edits equal a fresh LineIndex', () => {
  fc.assert(
    fc.property(doc, fc.array(edit, { minLength: 1, maxLength: 8 }), (start, edits) => {
      let text = start;
      let starts = startsOf(text);
      for (const e of edits) {
        const at = e.at % (text.length + 1);
        const next = text.slice(0, at) + e.ins + text.slice(at + e.del);
        starts = lineStartsAfterEdit(text, starts, next);
        text = next;
        assert.deepEqual(starts, startsOf(text), JSON.stringify(text));
      }
    }),
    { numRuns: 2000, seed: 5 },
  );
});
