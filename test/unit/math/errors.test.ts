import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_MATH_LENGTH, checkMath } from '../../../server/src/math/index';
import { check, marked } from './helpers';

function errorAt(text: string, pattern: RegExp, offset = 0): void {
  const m = marked(text);
  const o = check(m.text, {}, { offset });
  assert.equal(o.status, 'error', `${m.text}: ${o.message}`);
  assert.match(o.message, pattern);
  assert.deepEqual(o.errorSpan, { start: offset + m.span.start, end: offset + m.span.end }, m.text);
}

test('unreadable tokens are errors that point at the token', () => {
  errorAt('⟦\\int⟧ f = 2', /integrals/, 40);
  errorAt('1 + 2 = 3 ⟦)⟧', /unexpected `\)`/);
  errorAt('⟦=⟧ 3', /nothing before it/);
  errorAt('x ⟦=⟧', /nothing after it/);
  errorAt('⟦\\begin{cases}⟧ 1 \\end{cases} = 1', /not supported/);
  errorAt('2 = ⟦\\infty⟧', /not supported/);
  errorAt('(1 + 2 ⟦=⟧ 3', /expected `\)`/);
  errorAt('⟦\\⟧', /lone/);
  errorAt('x_{a} + ⟦$⟧ = 2', /unexpected `\$`/);
  errorAt('\\max ⟦2⟧ = 2', /parentheses/);
  errorAt('⟦\\sum⟧ k = 1', /bounds/);
});

test('math with no relation is an error over the whole math', () => {
  const o = check('f_w(x) + 2', {}, { offset: 10 });
  assert.equal(o.status, 'error');
  assert.match(o.message, /no relation/);
  assert.deepEqual(o.errorSpan, { start: 10, end: 20 });
  assert.equal(check('').status, 'error');
  assert.equal(check('   ').status, 'error');
});

test('evaluation errors point at the part that has no value', () => {
  errorAt('\\frac{1}⟦{0}⟧ = 1', /division by zero/);
  errorAt('1 / ⟦(2 - 2)⟧ = 1', /division by zero/);
  errorAt('⟦\\log(-1)⟧ = 0', /logarithm/);
  errorAt('⟦\\sqrt{-4}⟧ = 2', /negative/);
  errorAt('⟦(-8)^{0.5}⟧ = 2', /no real value/);
});

test('10,000 nested \\frac is a depth error, not a stack overflow', () => {
  const n = 10_000;
  const deep = '\\frac{'.repeat(n) + '1' + '}{2}'.repeat(n) + ' = 1';
  const o = checkMath({ latex: deep.slice(0, MAX_MATH_LENGTH), offset: 0, symbols: new Map() });
  assert.equal(o.status, 'error');
  const shallower = '\\frac{'.repeat(5000) + '1' + '}{2}'.repeat(5000) + ' = 1';
  const o2 = checkMath({ latex: shallower, offset: 0, symbols: new Map() });
  assert.equal(o2.status, 'error');
  assert.match(o2.message, /nested more than 200 levels/);
  assert.ok(o2.errorSpan && o2.errorSpan.start > 0);
});

test('deep parentheses, unary minus chains, powers and functions all hit the depth limit', () => {
  for (const latex of [
    '('.repeat(3000) + '1' + ')'.repeat(3000) + ' = 1',
    '-'.repeat(3000) + '1 = 1',
    'x^{'.repeat(3000) + '1' + '}'.repeat(3000) + ' = 1',
    '\\exp '.repeat(3000) + '1 = 1',
    '\\sqrt{'.repeat(3000) + '1' + '}'.repeat(3000) + ' = 1',
  ]) {
    const o = check(latex);
    assert.equal(o.status, 'error', latex.slice(0, 20));
    assert.match(o.message, /nested/);
  }
});

test('nesting within the limit still evaluates', () => {
  const o = check('('.repeat(60) + '1' + ')'.repeat(60) + ' = 1');
  assert.equal(o.status, 'pass');
});

test('a long flat chain of terms is fine (sums are not nested)', () => {
  const o = check(Array(3000).fill('1').join(' + ') + ' = 3000');
  assert.equal(o.status, 'pass');
});

test('huge inputs and huge work are refused with a clear error', () => {
  const o = check('x'.repeat(MAX_MATH_LENGTH + 1) + ' = 1');
  assert.equal(o.status, 'error');
  assert.match(o.message, /at most/);
  assert.match(check('\\sum_{k=0}^{10^{9}} k = 1').message, /more than 100000 terms/);
  assert.match(check('\\sum_{i=1}^{1000}\\sum_{j=1}^{1000}\\sum_{k=1}^{1000} ijk = 1').message, /too long/);
  assert.match(check('2^{2^{2^{2^{2^{2}}}}} = 1').message, /overflows/);
  assert.equal(check('2^{2^{2^{2}}} = 65536').status, 'pass');
  assert.equal(check('2^{100} + 1 = 1267650600228229401496703205377').status, 'pass');
  assert.equal(check('2^{100} + 1 = 1267650600228229401496703205376').status, 'fail', 'exact integers, beyond float64');
});

test('garbage never throws and always gives an outcome', () => {
  const alphabet = ['\\frac', '{', '}', '(', ')', '=', '<', '\\le', '^', '_', '\\\\', '&', 'x', '2', '.', '\\left', '\\right', '\\sum', '\\sqrt', '[', ']', '|', '\\text{a b}', '\\lfloor', '\\rfloor', '-', '+', '\\sigma', '\\', '%', 'e', ' ', '\\max', ',', '\\begin{aligned}', '$', '\u00d7', '\ud800'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), fc.integer({ min: 0, max: 1000 }), (parts, offset) => {
      const latex = parts.join('');
      const o = checkMath({ latex, offset, symbols: new Map([['x', 2]]) });
      assert.ok(['pass', 'fail', 'error'].includes(o.status));
      if (o.status === 'error') {
        assert.ok(o.errorSpan, 'an error has a span');
        assert.ok(o.errorSpan.start >= offset && o.errorSpan.end <= offset + latex.length + 1, JSON.stringify({ latex, span: o.errorSpan }));
      }
      for (const l of o.links) {
        assert.ok(l.leftSpan.start >= offset && l.rightSpan.end <= offset + latex.length);
        assert.ok(l.leftSpan.end <= l.rightSpan.start);
      }
    }),
    { numRuns: 2000, seed: 7 },
  );
});

test('arbitrary strings never throw', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 80 }), (latex) => {
      const o = checkMath({ latex, offset: 0, symbols: new Map() });
      assert.ok(['pass', 'fail', 'error'].includes(o.status));
    }),
    { numRuns: 2000, seed: 11 },
  );
});

test('bad input objects do not throw', () => {
  const o = checkMath({ latex: undefined as unknown as string, offset: Number.NaN, symbols: undefined as unknown as Map<string, number> });
  assert.equal(o.status, 'error');
  const p = checkMath({ latex: 'x = 1', offset: 0, symbols: new Map([['x', Number.NaN]]) });
  assert.equal(p.status, 'pass', 'a NaN binding is ignored: x is then defined');
  assert.deepEqual(p.defines, { name: 'x', value: 1 });
});
