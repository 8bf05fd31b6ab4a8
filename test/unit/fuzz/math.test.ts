// Fuzzing the math checker: checkMath never throws, answers with a status, and every span it gives
// (links, error) lies inside the math it was handed, shifted by the offset it was given.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkMath } from '../../../server/src/math';
import { MATH_BODIES, applyEdit, editArb, assertProperty } from './support';

const latexArb = fc.oneof(
  fc.tuple(fc.constantFrom(...MATH_BODIES), fc.array(editArb('latex'), { maxLength: 4 })).map(([m, e]) => e.reduce(applyEdit, m)),
  fc.array(fc.constantFrom(...MATH_BODIES), { minLength: 1, maxLength: 3 }).map((m) => m.join(' \\\\ ')),
  fc.stringMatching(/^[a-zA-Z0-9\\{}()^_+\-*/=<>&. ]{0,60}$/),
  fc.string({ maxLength: 60 }),
);

const symbolsArb = fc.dictionary(
  fc.constantFrom('W', 'K', 'P', 'S', 'D', 'H', 'L', 'x', 'y', 'W_output', 'H_{output}', 'a', 'b'),
  fc.oneof(fc.integer({ min: -5, max: 100 }), fc.double({ noNaN: false })),
  { maxKeys: 6 },
);

describe('fuzz: checkMath', () => {
  it('never throws; every span inside [offset, offset + length]; deterministic with a seeded rng', () => {
    assertProperty(
      fc.property(latexArb, fc.nat(10_000), symbolsArb, (latex, offset, syms) => {
        const input = () => ({ latex, offset, symbols: new Map(Object.entries(syms)), env: 'align' });
        const out = checkMath(input());
        assert.ok(['pass', 'fail', 'error'].includes(out.status), out.status);
        assert.equal(typeof out.message, 'string');
        const within = (s: { start: number; end: number } | null, what: string) => {
          if (!s) return;
          assert.ok(offset <= s.start && s.start <= s.end && s.end <= offset + latex.length, `${what} ${JSON.stringify(s)} outside ${offset}..${offset + latex.length} for ${JSON.stringify(latex)}`);
        };
        within(out.errorSpan, 'errorSpan');
        for (const l of out.links) {
          within(l.leftSpan, 'leftSpan');
          within(l.rightSpan, 'rightSpan');
        }
        if (out.status === 'pass') assert.ok(out.links.every((l) => l.holds));
        if (out.status === 'fail') assert.ok(out.links.some((l) => !l.holds));
        assert.deepEqual(checkMath(input()), out, 'deterministic');
      }),
      0.18,
    );
  });
});
