// Fuzzing the document scanner (spec section 1): whatever the text, scanDocument returns blocks,
// math and hidden spans that lie inside the document, in order, with segment texts that are the
// document's own characters, and the same answer twice.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { scanDocument } from '../../../server/src/documents';
import { anyDocArb, assertScanned, kindArb, assertProperty } from './support';

describe('fuzz: scanDocument', () => {
  for (const kind of ['markdown', 'latex'] as const) {
    it(`${kind}: never throws, every span inside the document, deterministic`, () => {
      assertProperty(
        fc.property(anyDocArb(kind), (text) => {
          const a = scanDocument(text, kind);
          assertScanned(a, text);
          assert.deepEqual(scanDocument(text, kind), a);
        }),
        0.08,
      );
    });
  }

  it('either kind of any text: CRLF and CR line endings keep segments on the document text', () => {
    assertProperty(
      fc.property(kindArb, anyDocArb('markdown'), (kind, text) => {
        const crlf = text.replace(/\r?\n/g, '\r\n');
        assertScanned(scanDocument(crlf, kind), crlf);
      }),
      0.04,
    );
  });
});
