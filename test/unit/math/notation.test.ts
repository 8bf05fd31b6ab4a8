import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flattenName } from '../../../server/src/math/index';
import { check } from './helpers';

/** Asserts the chain holds, and that changing its last number breaks it (so a pass is not vacuous). */
function holdsExactly(latex: string, symbols: Record<string, number> = {}): void {
  const o = check(latex, symbols);
  assert.equal(o.status, 'pass', `${latex}: ${o.message}`);
  const m = /(-?\d+(?:\.\d+)?)\s*$/.exec(latex);
  if (m) {
    const wrong = latex.slice(0, m.index) + String(Number(m[1]) + 1);
    assert.equal(check(wrong, symbols).status, 'fail', `${wrong} should fail`);
  }
}

test('subscripted names are single symbols: W_{output}, W_{out}, W_{\\text{out}}, x_{jk}, H_{output}', () => {
  holdsExactly('W_{output} + 1 = 11', { W_output: 10 });
  holdsExactly('W_{out} + 1 = 11', { W_out: 10 });
  holdsExactly('W_{\\text{out}} + 1 = 11', { W_out: 10 });
  holdsExactly('W_{\\mathrm{out}} + 1 = 11', { W_out: 10 });
  holdsExactly('x_{jk} \\cdot 2 = 6', { x_jk: 3 });
  holdsExactly('H_{output} - W = 1', { H_output: 11, W: 10 });
  holdsExactly('x_1 + x_2 = 5', { x_1: 2, x_2: 3 });
  holdsExactly('\\mathrm{W}_{out} = 10', { W_out: 10 });
});

test('binding names are flattened the same way as the math', () => {
  assert.equal(flattenName('W_{\\text{out}}'), 'W_out');
  assert.equal(flattenName('W_{output}'), 'W_output');
  assert.equal(flattenName('x_{j,k}'), 'x_jk');
  assert.equal(flattenName('\\alpha'), 'alpha');
  assert.equal(flattenName('W_out'), 'W_out');
  holdsExactly('W_{out} = 4', { 'W_{out}': 4 });
});

test('single letters are separate symbols and multiply: 2P, 2ab', () => {
  holdsExactly('2P + 2ab = 16', { P: 2, a: 2, b: 3 });
  holdsExactly('ab = 6', { a: 2, b: 3 });
});

test('a symbol before parentheses multiplies: D(K-1)', () => {
  holdsExactly('D(K-1) = 12', { D: 2, K: 7 });
  holdsExactly('(K-1)D = 12', { D: 2, K: 7 });
  holdsExactly('2(3)(4) = 24');
});

test('e is Euler\'s number unless bound; i is an ordinary symbol', () => {
  assert.equal(check('e \\approx 2.718').status, 'pass');
  assert.equal(check('e^{1} = 2.718281828459045').status, 'pass');
  holdsExactly('e + 1 = 3', { e: 2 });
  holdsExactly('i + 1 = 3', { i: 2 });
  assert.equal(check('i^2 = -1').status, 'fail', 'i is not the imaginary unit');
});

test('\\pi is the constant', () => {
  assert.equal(check('\\pi \\approx 3.1416').status, 'pass');
  assert.equal(check('2\\pi = 6.283185307179586').status, 'pass');
});

test('\\times, \\cdot, *, / and \\div', () => {
  holdsExactly('2 \\times 3 \\cdot 4 = 24');
  holdsExactly('2 * 3 = 6');
  holdsExactly('12 / 4 / 3 = 1');
  holdsExactly('12 \\div 4 = 3');
  holdsExactly('1 - 2 - 3 = -4');
  holdsExactly('-2^2 = -4');
  holdsExactly('(-2)^2 = 4');
});

test('\\frac, \\dfrac, \\tfrac, and TeX\'s single-token arguments', () => {
  holdsExactly('\\frac{10 - 3}{2} + 1 = 4.5');
  holdsExactly('\\dfrac{9}{3} = 3');
  holdsExactly('\\tfrac{1}{4} = 0.25');
  holdsExactly('\\frac12 + \\frac{1}{2} = 1');
  holdsExactly('\\frac{\\frac{1}{2}}{\\frac{1}{4}} = 2');
});

test('exact rationals: 1/3 + 1/6 is exactly 1/2', () => {
  holdsExactly('\\frac{1}{3} + \\frac{1}{6} = 0.5');
  const o = check('\\frac{10-3}{2}+1 = 4.5');
  assert.ok(o.steps.includes('\\frac{10-3}{2}+1 = 9/2 = 4.5'), o.steps.join(' | '));
});

test('\\sqrt and \\sqrt[n]', () => {
  holdsExactly('\\sqrt{16} = 4');
  holdsExactly('\\sqrt[3]{27} = 3');
  assert.equal(check('\\sqrt{2} \\cdot \\sqrt{2} = 2').status, 'pass');
  assert.equal(check('\\sqrt{2} = 1.5').status, 'fail');
});

test('^ with braces or a single token; x^23 is x squared times 3 as in TeX', () => {
  holdsExactly('2^{10} = 1024');
  holdsExactly('2^3 = 8');
  holdsExactly('x^23 = 12', { x: 2 });
  holdsExactly('4^{0.5} = 2');
  holdsExactly('8^{\\frac{1}{3}} = 2');
  assert.equal(check('2^{0.5} \\approx 1.414').status, 'pass');
  holdsExactly('2^{-1} = 0.5');
});

test('\\exp, \\log, \\ln (natural), \\log_b, \\tanh', () => {
  assert.equal(check('\\exp(0) = 1 = \\ln e = \\log e').status, 'pass');
  assert.equal(check('\\exp(1) \\approx 2.718').status, 'pass');
  assert.equal(check('\\log_2 8 = 3 = \\log_{10} 1000').status, 'pass');
  assert.equal(check('\\tanh(0) = 0').status, 'pass');
  assert.equal(check('\\tanh(1) \\approx 0.7616').status, 'pass');
  assert.equal(check('\\tanh(1) \\approx 0.8').status, 'fail');
  assert.equal(check('\\exp x = e^{x}', {}).status, 'pass');
  assert.equal(check('\\log(ab) = \\log a + \\log b').status, 'pass');
});

test('\\sigma(x) is the sigmoid; \\sigma alone is a symbol', () => {
  assert.equal(check('\\sigma(0) = 0.5').status, 'pass');
  assert.equal(check('\\sigma(0) = 0.6').status, 'fail');
  assert.equal(check('\\sigma\\left(0\\right) = \\frac{1}{2}').status, 'pass');
  assert.equal(check('\\sigma(2) \\approx 0.8808').status, 'pass');
  holdsExactly('\\sigma^2 = 9', { sigma: 3 });
});

test('named functions: \\max, \\min, \\operatorname{ReLU}, \\mathrm{ReLU}, \\operatorname{sigmoid}', () => {
  holdsExactly('\\max(2, 3) = 3');
  holdsExactly('\\min(2, 3, -1) = -1');
  holdsExactly('\\max\\{0, -2\\} = 0');
  holdsExactly('\\operatorname{ReLU}(-3) + \\mathrm{ReLU}(2) = 2');
  holdsExactly('\\text{ReLU}(5) = 5');
  assert.equal(check('\\operatorname{sigmoid}(0) = 0.5').status, 'pass');
});

test('floor and ceiling, plain and with \\left/\\right', () => {
  holdsExactly('\\lfloor 4.5 \\rfloor = 4');
  holdsExactly('\\lceil 4.5 \\rceil = 5');
  holdsExactly('\\left\\lfloor \\frac{7}{2} \\right\\rfloor + 1 = 4');
  holdsExactly('\\left\\lceil \\frac{-7}{2} \\right\\rceil = -3');
  holdsExactly('\\lfloor -3.5 \\rfloor = -4');
});

test('grouping: \\left( \\right), \\left[ \\right], \\{ \\}, {}, \\big( \\big)', () => {
  holdsExactly('\\left( 1 + 2 \\right) \\times 3 = 9');
  holdsExactly('\\left[ 1 + 2 \\right] 3 = 9');
  holdsExactly('\\{1 + 2\\} \\cdot 3 = 9');
  holdsExactly('{1 + 2} \\cdot 3 = 9');
  holdsExactly('\\big( 1 + 2 \\big) 3 = 9');
  holdsExactly('|-3| = 3');
});

test('\\sum and \\prod with numeric bounds; the index is bound inside the body', () => {
  holdsExactly('\\sum_{k=0}^{1} (k + 1) = 3');
  holdsExactly('\\sum_{k=1}^{3} k^2 + 1 = 15');
  holdsExactly('\\prod_{i=1}^{4} i = 24');
  holdsExactly('\\sum_{i=1}^{3} x_i = 6', { x_1: 1, x_2: 2, x_3: 3 });
  holdsExactly('\\sum_{k=1}^{n} k = 10', { n: 4 });
  holdsExactly('\\sum_{k=1}^{0} k = 0');
  holdsExactly('\\sum_{i=1}^{2} i = 3', { i: 100 });
});

test('decimals, spacing commands and \\mathrm/\\text around names', () => {
  holdsExactly('0.25 + .75 = 1');
  holdsExactly('2\\,\\cdot\\;3\\!\\: = 6');
  holdsExactly('\\mathrm{out} + 1 = 3', { out: 2 });
  holdsExactly('\\alpha \\cdot \\beta = 6', { alpha: 2, beta: 3 });
});

test('unicode operators pasted from elsewhere', () => {
  holdsExactly('2 × 3 · 4 − 1 = 23');
  assert.equal(check('1 ≤ 2 ≠ 3').status, 'pass');
  assert.equal(check('π ≈ 3.14').status, 'pass');
});

test('\\tanh^2(x) is the square of tanh, as textbooks write it', () => {
  assert.equal(check('\\tanh^2(x) + \\frac{1}{\\cosh^{2}(x)} = 1').status, 'pass');
});

test('precedence: / and juxtaposition are one left-to-right level; 1e-3 is not scientific notation', () => {
  holdsExactly('1/2x = 3', { x: 6 });
  holdsExactly('1e-3 = -1', { e: 2 });
});

test('\\not=, \\lvert\\rvert, \\coloneqq, and a bound e in e^{x}', () => {
  assert.equal(check('1 \\not= 2').status, 'pass');
  assert.equal(check('1 \\not= 1').status, 'fail');
  holdsExactly('\\lvert -2 \\rvert = 2');
  assert.deepEqual(check('y \\coloneqq 2 + 2').defines, { name: 'y', value: 4 });
  holdsExactly('e^{2} = 9', { e: 3 });
});
