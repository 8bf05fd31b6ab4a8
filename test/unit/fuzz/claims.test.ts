// Fuzzing the claim parser: parseBlock never throws, every statement's span and every span in its
// syntax tree lie inside the claim text, statements come in order without overlapping, and an
// invalid statement points at a real sub-range.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseBlock } from '../../../server/src/claims';
import { STATEMENTS, applyEdit, editArb, assertProperty } from './support';

/** Every `{start, end}` object reachable from `node`, with the path that led to it. */
function spansIn(node: unknown, path = '$', out: { path: string; start: number; end: number }[] = [], depth = 0): typeof out {
  if (depth > 400 || node === null || typeof node !== 'object') return out;
  const o = node as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number' && Object.keys(o).length === 2) {
    out.push({ path, start: o.start, end: o.end });
    return out;
  }
  for (const [k, v] of Object.entries(o)) spansIn(v, `${path}.${k}`, out, depth + 1);
  return out;
}

const claimText = fc.oneof(
  fc.array(fc.constantFrom(...STATEMENTS), { minLength: 1, maxLength: 4 }).chain((stmts) =>
    fc.tuple(fc.constantFrom('; ', '\n', ' ;\n'), fc.array(editArb('markdown'), { maxLength: 4 })).map(([sep, edits]) =>
      edits.reduce(applyEdit, stmts.join(sep)),
    ),
  ),
  fc.string({ maxLength: 80 }),
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.stringMatching(/^[a-z0-9_ (),.[\]:=@*+\-/x;]{0,60}$/),
);

describe('fuzz: parseBlock', () => {
  it('never throws; statement spans are ordered, inside the text; every tree span inside its statement', () => {
    assertProperty(
      fc.property(claimText, (text) => {
        const stmts = parseBlock(text);
        assert.ok(Array.isArray(stmts));
        let last = 0;
        for (const s of stmts) {
          assert.equal(typeof s.type, 'string');
          assert.ok(0 <= s.span.start && s.span.start <= s.span.end && s.span.end <= text.length, `statement span ${JSON.stringify(s.span)} in ${text.length}`);
          assert.ok(s.span.start >= last, 'statements in order, not overlapping');
          last = s.span.end;
          for (const sp of spansIn(s)) {
            assert.ok(0 <= sp.start && sp.start <= sp.end && sp.end <= text.length, `${sp.path} ${JSON.stringify(sp)} outside 0..${text.length} of ${JSON.stringify(text)}`);
          }
          if (s.type === 'invalid') {
            assert.ok(s.message.length > 0);
            assert.ok(s.span.start <= s.errorSpan.start && s.errorSpan.end <= Math.max(s.span.end, s.errorSpan.end));
          }
        }
        assert.deepEqual(parseBlock(text), stmts, 'deterministic');
      }),
      0.3,
    );
  });
});
