import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brokenLinks, check, marked } from './helpers';

test('conformance derivation.md line 3: a numeric chain that holds', () => {
  const o = check('\\frac{32 - 5 + 2 \\cdot 2}{1} + 1 = 32');
  assert.equal(o.status, 'pass');
  assert.equal(o.links.length, 1);
  assert.equal(o.lastValue, 32);
  assert.equal(o.defines, null);
});

test('conformance derivation.md line 6: the floor gives 13, so `= 14` breaks; L_out is the defined name', () => {
  const m = marked('L_{out} = \\left\\lfloor \\frac{L - D(K-1) - 1}{S} \\right\\rfloor + 1 = ⟦14⟧');
  const o = check(m.text, { L: 50, K: 7, S: 3, D: 2 }, { offset: 100 });
  assert.equal(o.status, 'fail');
  assert.equal(o.links.length, 1, 'the defined name is not a link');
  assert.deepEqual(o.defines, { name: 'L_out', value: 13 });
  assert.equal(o.lastValue, 14);
  assert.deepEqual(o.links[0].rightSpan, { start: 100 + m.span.start, end: 100 + m.span.end });
  assert.match(o.message, /13/);
  assert.match(o.message, /14/);
});

test('conformance derivation.md line 9: a symbolic identity holds', () => {
  const o = check('x^2 - y^2 = (x - y)(x + y)');
  assert.equal(o.status, 'pass');
  assert.equal(o.lastValue, null);
});

test('the student\'s chain learns which = is wrong: the broken link marks its right side', () => {
  const m = marked('W_{out} = \\frac{W - K + 2P}{S} + 1 = \\frac{10 - 3}{2} + 1 = ⟦4⟧');
  const o = check(m.text, { W: 10, K: 3, P: 0, S: 2 });
  assert.equal(o.status, 'fail');
  assert.deepEqual(brokenLinks(o), [1]);
  assert.deepEqual(o.links[1].rightSpan, m.span);
  assert.equal(o.links[1].rightText, '4');
  assert.equal(o.links[1].leftText, '\\frac{10 - 3}{2} + 1');
  assert.equal(o.message, 'Link 2 of 2 breaks: \\frac{10 - 3}{2} + 1 = 4.5, but the next side 4 ≠ 4.5');
});

test('left spans cover the left side of each link', () => {
  const src = '1 + 1 = 2 = \\frac{4}{2}';
  const o = check(src, {}, { offset: 7 });
  assert.equal(o.status, 'pass');
  assert.deepEqual(
    o.links.map((l) => [src.slice(l.leftSpan.start - 7, l.leftSpan.end - 7), src.slice(l.rightSpan.start - 7, l.rightSpan.end - 7)]),
    [['1 + 1', '2'], ['2', '\\frac{4}{2}']],
  );
});

test('a wrong middle step is reported on that step only (the chain then returns to the right value)', () => {
  const m = marked('\\frac{10-3}{2}+1 = ⟦\\frac{8}{2}+1⟧ = 4.5');
  const o = check(m.text);
  assert.equal(o.status, 'fail');
  assert.deepEqual(brokenLinks(o), [0]);
  assert.deepEqual(o.links[0].rightSpan, m.span);
  assert.equal(o.links[1].holds, true);
  assert.match(o.links[1].message, /before the broken step/);
  assert.equal(o.lastValue, 4.5);
});

test('a wrong middle step carried forward is reported once too', () => {
  const o = check('2 + 3 = 6 = 3 \\cdot 2');
  assert.equal(o.status, 'fail');
  assert.deepEqual(brokenLinks(o), [0]);
});

test('two independent wrong steps are both reported, the message names the first', () => {
  const o = check('1 + 1 = 3 = 3 = 4');
  assert.deepEqual(brokenLinks(o), [0, 2]);
  assert.match(o.message, /^Link 1 of 3 breaks: 1 \+ 1 = 2, but the next side 3 ≠ 2 \(and 1 more broken link\)$/);
});

test('every relation, holding and broken', () => {
  const cases: [string, 'pass' | 'fail'][] = [
    ['2 = 2', 'pass'],
    ['2 = 3', 'fail'],
    ['\\frac{1}{3} \\approx 0.333', 'pass'],
    ['\\frac{1}{3} \\approx 0.32', 'fail'],
    ['1 < 2', 'pass'],
    ['2 < 2', 'fail'],
    ['2 \\lt 3', 'pass'],
    ['2 \\le 2', 'pass'],
    ['2 \\leq 3', 'pass'],
    ['3 \\le 2', 'fail'],
    ['3 > 2', 'pass'],
    ['2 > 2', 'fail'],
    ['2 \\ge 2', 'pass'],
    ['2 \\geq 1', 'pass'],
    ['1 \\ge 2', 'fail'],
    ['1 \\neq 2', 'pass'],
    ['1 \\ne 2', 'pass'],
    ['2 \\neq 2', 'fail'],
    ['2 ≤ 3 ≠ 4', 'pass'],
    ['x := 2', 'pass'],
  ];
  for (const [latex, status] of cases) assert.equal(check(latex).status, status, latex);
});

test('= is exact on rationals and 1e-9 relative on floats, or to the digits written; \\approx is 1% relative', () => {
  assert.equal(check('\\frac{1}{3} = \\frac{333}{1000}').status, 'fail', 'a fraction is exact');
  assert.equal(check('\\frac{1}{3} = 0.3333333333').status, 'pass', 'a decimal holds when the other side rounds to it (v2)');
  assert.equal(check('\\frac{1}{3} = 0.3333333334').status, 'fail', '0.33333333333 rounds to ...3333, not ...3334');
  assert.equal(check('\\sqrt{2} = 1.41421356237').status, 'pass', 'within 1e-9 relative');
  assert.equal(check('\\sqrt{2} = 1.4142').status, 'pass', '1.41421356 rounds to 1.4142');
  assert.equal(check('\\sqrt{2} = 1.4143').status, 'fail');
  assert.equal(check('\\sqrt{2} = 1').status, 'fail', 'a whole number is exact');
  assert.equal(check('\\sqrt{2} \\approx 1.41').status, 'pass');
  assert.equal(check('\\sqrt{2} \\approx 1.4').status, 'fail', '1.004% away');
  assert.equal(check('100 \\approx 101').status, 'pass');
  assert.equal(check('100 \\approx 102').status, 'fail');
  assert.equal(check('\\sin(\\pi) = 0').status, 'pass', 'an absolute floor for float64 noise at zero');
});

test('a broken inequality says what holds instead', () => {
  const o = check('5 < 3');
  assert.equal(o.status, 'fail');
  assert.equal(o.links[0].message, '5, but the next side 3 ≤ 5');
  assert.match(check('\\sigma(1) \\approx 0.72').message, /more than 1% away from 0\.7310585786/);
});

test('align: & is ignored and a line starting with &= continues from the previous line', () => {
  const m = marked('W_{out} &= \\frac{W - K}{S} + 1 \\\\\n  &= \\frac{7}{2} + 1 \\\\\n  &= ⟦5⟧');
  for (const env of ['align', 'align*']) {
    const o = check(m.text, { W: 10, K: 3, S: 2 }, { env });
    assert.equal(o.status, 'fail', env);
    assert.equal(o.links.length, 2);
    assert.deepEqual(brokenLinks(o), [1]);
    assert.deepEqual(o.links[1].rightSpan, m.span);
    assert.equal(o.defines?.name, 'W_out');
  }
});

test('align: a line starting with a new name starts a new chain, which may use the names defined above', () => {
  const o = check('y &= 2 + 1 \\\\ z &= 2y \\\\ &= 6 \\\\ &= 7', {}, { env: 'align*' });
  assert.equal(o.status, 'fail');
  assert.deepEqual(o.defines, { name: 'y', value: 3 });
  assert.equal(o.links.length, 2);
  assert.deepEqual(brokenLinks(o), [1]);
  assert.equal(o.lastValue, 7);
});

test('aligned/split inside $$ and \\\\[2pt] spacing are read as layout', () => {
  const o = check('\\begin{aligned} a &= 2 + 2 \\\\[4pt] &= 4 \\end{aligned}');
  assert.equal(o.status, 'pass');
  assert.equal(o.links.length, 1);
  assert.equal(o.lastValue, 4);
});

test('multi-line $$ math: newlines are whitespace', () => {
  const o = check('\n  \\frac{10 - 3}{2}\n  + 1\n  = 4.5\n');
  assert.equal(o.status, 'pass');
  assert.equal(o.lastValue, 4.5);
});

test('trailing punctuation and prose after the last side are ignored', () => {
  for (const tail of [',', '.', '\\,.', '\\;', '\\quad', '\\quad \\text{(round down to 4)}', '\\text{ pixels}.']) {
    const o = check(`\\frac{10 - 3}{2} + 1 = 4.5 ${tail}`);
    assert.equal(o.status, 'pass', tail);
    assert.equal(o.lastValue, 4.5, tail);
  }
});

test('prose between equations separates chains', () => {
  const o = check('a = 1 + 1, \\quad b = 2a \\Rightarrow b = 5');
  assert.equal(o.status, 'fail');
  assert.deepEqual(o.defines, { name: 'a', value: 2 });
  assert.equal(o.links.length, 1, 'only `b = 5` is a link: b is bound by then');
  assert.match(o.message, /b = 4, but the next side 5 ≠ 4/);
});

test('\\in \\mathbb{R}^{...} at the end of a chain is not a relation to check', () => {
  const o = check('y = 2 \\cdot 3 = 6 \\in \\mathbb{R}^{1 \\times 1}');
  assert.equal(o.status, 'pass');
  assert.equal(o.lastValue, 6);
  assert.equal(check('f_w(x) \\in \\mathbb{R}^{1 \\times 2}').status, 'error');
});

test('a leading lone symbol with a value is a link, not a definition', () => {
  const o = check('W = 10 = 2 \\cdot 5', { W: 10 });
  assert.equal(o.status, 'pass');
  assert.equal(o.links.length, 2);
  assert.equal(o.defines, null);
  assert.equal(check('W = 11', { W: 10 }).status, 'fail');
});

test('a symbol defined as an expression of itself is an identity, not a definition', () => {
  const o = check('y = 2y - y');
  assert.equal(o.defines, null);
  assert.equal(o.links.length, 1);
  assert.equal(o.status, 'pass');
});

test('a definition with a symbolic value defines nothing numeric', () => {
  const o = check('y = a + b');
  assert.equal(o.status, 'pass');
  assert.equal(o.defines, null);
  assert.equal(o.links.length, 0);
});

test('steps show how each side evaluated, exact rationals with their decimal', () => {
  const o = check('W_{out} = \\frac{W - K + 2P}{S} + 1 = \\frac{10-3}{2}+1 = 4.5', { W: 10, K: 3, P: 0, S: 2, H: 11 });
  assert.deepEqual(o.steps, ['with K=3, P=0, S=2, W=10', '\\frac{W - K + 2P}{S} + 1 = 9/2 = 4.5', '\\frac{10-3}{2}+1 = 9/2 = 4.5']);
  assert.match(check('\\frac{1}{3} + 0 = \\frac{1}{3}').steps[0], /^\\frac\{1\}\{3\} \+ 0 = 1\/3 ≈ 0\.3333333333$/);
});
