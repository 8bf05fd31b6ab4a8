// Fuzzing the whole checker: random and mutated documents of both kinds. No exception escapes; every
// result lies inside one claim block and inside the document, with one result per statement; the
// same text gives the same results; a CheckCache carried across random edits gives exactly what a
// fresh check gives (incremental correctness); a tiny time budget stops heavy blocks with a `limit`
// error instead of hanging.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CheckCache, checkDocument } from '../../../server/src/checker';
import { parseBlock } from '../../../server/src/claims';
import type { DocumentKind } from '../../../server/src/core/document';
import { scanDocument } from '../../../server/src/documents';
import { anyDocArb, applyEdit, assertCheck, comparable, editArb, fragmentArb, kindArb, mutatedDocArb, assertProperty } from './support';

const docArb = kindArb.chain((kind) => anyDocArb(kind).map((text) => ({ kind, text })));

function check(kind: DocumentKind, text: string, cache?: CheckCache) {
  return checkDocument({ name: 'fuzz', kind, text }, {}, cache);
}

describe('fuzz: checkDocument', () => {
  it('no exception escapes; results consistent with the blocks; all ranges inside; deterministic', () => {
    assertProperty(
      fc.property(docArb, ({ kind, text }) => {
        const a = check(kind, text);
        assertCheck(a, scanDocument(text, kind), parseBlock);
        assert.deepEqual(comparable(check(kind, text)), comparable(a), 'same text, same results');
      }),
      0.15,
    );
  });

  it('incremental: a cache carried across random edits gives what a fresh check gives', () => {
    const arb = kindArb.chain((kind) =>
      fc.record({
        kind: fc.constant(kind),
        text: fc.oneof(mutatedDocArb(kind), anyDocArb(kind)),
        edits: fc.array(editArb(kind), { minLength: 1, maxLength: 3 }),
      }),
    );
    assertProperty(
      fc.property(arb, ({ kind, text, edits }) => {
        const cache = new CheckCache();
        check(kind, text, cache);
        let t = text;
        for (const e of edits) {
          t = applyEdit(t, e);
          const incremental = check(kind, t, cache);
          assert.deepEqual(comparable(incremental), comparable(check(kind, t)), `after an edit at ${JSON.stringify(e)}`);
        }
      }),
      0.06,
    );
  });

  it('each block stays within its time budget: heavy claims end as `limit` errors, never hang', () => {
    // Blocks whose last statement takes seconds to minutes without a budget.
    const HEAVY = [
      'sum(zeros(2000, 2000) @ zeros(2000, 2000))',
      'let big = zeros(32, 32, 9, 9); grad(sum(conv2d(ones(1, 32, 200, 200), big)), big)',
      'conv2d(ones(1, 64, 300, 300), ones(64, 64, 7, 7)) : 1x64x294x294',
      'let q = ones(2000); jacobian(q @ ones(2000, 2000), q)',
    ];
    const heavySources = new Set(HEAVY.map((h) => h.split('; ').pop()!));
    const heavy = fc.constantFrom(...HEAVY);
    const arb = kindArb.chain((kind) =>
      fc.record({
        kind: fc.constant(kind),
        parts: fc.array(fc.oneof(heavy.map((h) => ({ heavy: h })), fragmentArb(kind).map((f) => ({ text: f }))), { minLength: 1, maxLength: 5 }),
      }),
    );
    assertProperty(
      fc.property(arb, ({ kind, parts }) => {
        const text = parts
          .map((p) => ('heavy' in p ? (kind === 'latex' ? `% check: ${p.heavy}\n\n` : `<!-- check: ${p.heavy} -->\n\n`) : p.text))
          .join('');
        const out = checkDocument({ name: 'budget', kind, text }, { blockTimeMs: 20 });
        assertCheck(out, scanDocument(text, kind), parseBlock);
        for (const r of out.results) {
          if (heavySources.has(r.source)) {
            assert.equal(r.status, 'error', `${r.source}: ${r.status} ${r.message}`);
            assert.equal(r.code, 'limit', `${r.source}: ${r.code} ${r.message}`);
          }
        }
      }),
      0.01,
    );
  });
});
