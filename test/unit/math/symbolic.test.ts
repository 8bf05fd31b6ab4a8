import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

test('symbolic identities hold at random points', () => {
  for (const latex of [
    'x^2 - y^2 = (x - y)(x + y)',
    '(a + b)^2 = a^2 + 2ab + b^2',
    '\\frac{W - K + 2P}{S} + 1 = \\frac{W - K + 2P + S}{S}',
    '\\sigma(x) = \\frac{1}{1 + e^{-x}} = \\frac{e^{x}}{e^{x} + 1}',
    '\\sigma(-x) = 1 - \\sigma(x)',
    '\\tanh(x) = 2\\sigma(2x) - 1',
    '\\log(ab) = \\log a + \\log b',
    '\\sqrt{x^2} = x',
  ]) {
    const o = check(latex);
    assert.equal(o.status, 'pass', `${latex}: ${o.message}`);
    assert.match(o.links[0].message, /random points/);
  }
});

test('a wrong symbolic step fails and names a point where the sides differ', () => {
  const o = check('(a + b)^2 = a^2 + b^2');
  assert.equal(o.status, 'fail');
  assert.match(o.message, /fails at a=[\d.]+, b=[\d.]+: left [\d.]+, right [\d.]+/);
});

test('a floor identity that holds only at some points fails', () => {
  const o = check('\\left\\lfloor \\frac{x}{2} \\right\\rfloor = \\frac{x}{2}');
  assert.equal(o.status, 'fail');
});

test('the conv output formula with dilation, symbolic, against the expanded form', () => {
  assert.equal(check('\\frac{L - D(K-1) - 1}{S} + 1 = \\frac{L - DK + D - 1 + S}{S}').status, 'pass');
  const o = check('\\frac{L - D(K-1) - 1}{S} + 1 = \\frac{L - DK - 1 + S}{S}');
  assert.equal(o.status, 'fail');
  assert.match(o.message, /D=.*K=.*L=.*S=/);
});

test('bound values and free symbols mix: only the free ones are drawn', () => {
  const o = check('D(K-1) = DK - D', { D: 2 });
  assert.equal(o.status, 'pass');
  assert.match(o.links[0].message, /\(K free\)/);
});

test('a formula checked against a number with unbound symbols fails with a hint to bind them', () => {
  const o = check('\\frac{W - K}{S} + 1 = 4.5');
  assert.equal(o.status, 'fail');
  assert.match(o.message, /have no value: bind them/);
});

test('symbolic inequalities must hold at every point', () => {
  assert.equal(check('x + 1 > x').status, 'pass');
  assert.equal(check('x^2 + 1 \\ge 2x').status, 'pass');
  assert.equal(check('x < x^2').status, 'fail', 'false for x <= 1');
});

test('symbolic \\neq holds when the sides differ, fails when they are identical', () => {
  assert.equal(check('x + 1 \\neq x').status, 'pass');
  const o = check('2x \\neq x + x');
  assert.equal(o.status, 'fail');
  assert.match(o.message, /agree at \d+ random points/);
});

test('singular points are skipped: the identity still holds away from them', () => {
  assert.equal(check('\\frac{x^2 - 1}{x - 1} = x + 1').status, 'pass');
  assert.equal(check('\\frac{a}{b - 3} \\cdot (b - 3) = a').status, 'pass');
});

test('a side that is undefined at every point is an error, not a pass', () => {
  const o = check('\\frac{x}{x - x} = 1');
  assert.equal(o.status, 'error');
  assert.match(o.message, /division by zero/);
});

test('the same seed gives the same report', () => {
  assert.equal(check('(a + b)^2 = a^2 + b^2').message, check('(a + b)^2 = a^2 + b^2').message);
});
