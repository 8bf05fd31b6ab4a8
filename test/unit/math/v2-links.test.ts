/**
 * Section 6 as v2 changed it (issue 9): `=` against a written decimal, links with an unreadable side,
 * chained definitions, and size identities with floor/ceil decided over whole numbers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brokenLinks, check, marked } from './helpers';
import { check as checkDoc } from '../checker/fixture';
import { checkDocument, CheckCache } from '../../../server/src/checker';

test('= with a decimal written holds when the other side rounds to it (section 5 digits-written rule)', () => {
  // softmax([2, 1, 0.1])[0] = 0.6590011388859679 (torch.softmax, float64): the spec's example.
  const o = check('\\frac{e^2}{e^2 + e + e^{0.1}} = 0.659');
  assert.equal(o.status, 'pass');
  assert.match(o.links[0].message, /rounds to 0\.659 \(3 decimals written\)/);
  assert.equal(check('\\frac{e^2}{e^2 + e + e^{0.1}} = 0.66').status, 'pass');
  assert.equal(check('\\frac{e^2}{e^2 + e + e^{0.1}} = 0.6590011').status, 'pass');
  // -log(0.659) = 0.41703... (the chain): only the last side is a claim, and it rounds.
  assert.equal(check('-\\log 0.659 = 0.417').status, 'pass');
  assert.equal(check('-\\log 0.659 = -0.417').status, 'fail');
  // The decimal may be on the left, and negative.
  assert.equal(check('-0.5 = -\\frac{1}{2}').status, 'pass');
  assert.equal(check('0.33 = \\frac{1}{3}').status, 'pass');
});

test('a decimal that the other side does not round to fails, and the message says which digits and the tolerance', () => {
  const o = check('\\frac{e^2}{e^2 + e + e^{0.1}} = 0.658');
  assert.equal(o.status, 'fail');
  const msg = o.links[0].message;
  assert.match(msg, /0\.658 is written to 3 decimals/);
  assert.match(msg, /±0\.0005/);
  assert.match(msg, /0\.6590011389/);
  // One decimal: ±0.05. 0.7616 (tanh 1) rounds to 0.8; 0.72 does not round to 0.8.
  assert.equal(check('\\tanh(1) = 0.8').status, 'pass');
  assert.match(check('0.72 = 0.8').links[0].message, /±0\.05/);
  // Whole numbers stay exact: 4.5 is not = 4, and 4 is not = 4.5.
  assert.equal(check('\\frac{9}{2} = 4').status, 'fail');
  assert.equal(check('4 = 4.5').status, 'fail');
  // \neq against a written decimal: equal to the digits written is not "different".
  assert.equal(check('\\frac{1}{3} \\neq 0.333').status, 'fail');
  assert.equal(check('\\frac{1}{3} \\neq 0.334').status, 'pass');
});

test('\\approx stays 1% relative (section 6), whatever the digits', () => {
  assert.equal(check('\\tanh(1) \\approx 0.7616').status, 'pass');
  assert.equal(check('\\tanh(1) \\approx 0.8').status, 'fail');
});

test('an unknown token errors only the links that contain it; the other links are still checked', () => {
  const m = marked('\\sigma(0) = 0.5 = 3⟦!⟧ \\cdot 2 = 1 - 0.5');
  const o = check(m.text);
  assert.equal(o.status, 'error');
  assert.deepEqual(o.links.map((l) => [l.holds, l.error !== undefined]), [[true, false], [false, true], [false, true]]);
  assert.deepEqual(o.errorSpan, m.span);
  assert.match(o.message, /Link 2 of 3 cannot be checked/);
  assert.match(o.message, /the other link holds/);
});

test('a broken link next to an unreadable one still fails, and both are reported', () => {
  const o = check('\\frac{\\int f}{2} = 2 + 2 = 5');
  assert.equal(o.status, 'fail');
  assert.deepEqual(brokenLinks(o), [0, 1]);
  assert.ok(o.links[0].error);
  assert.equal(o.links[1].error, undefined);
  assert.match(o.message, /Link 2 of 2 breaks/);
  assert.match(o.message, /1 link could not be checked/);
});

test('an unclosed bracket leaves no side to trust: the whole math is the error', () => {
  const o = check('(1 + 2 = 3');
  assert.equal(o.status, 'error');
  assert.match(o.message, /expected `\)`/);
});

test('a side with no value (division by zero) errors its links only', () => {
  const o = check('2 = \\frac{1}{0} = 2, \\quad 3 = 3');
  assert.equal(o.status, 'error');
  assert.deepEqual(o.links.map((l) => l.error !== undefined), [true, true, false]);
  assert.match(o.message, /division by zero/);
});

test('chained definitions define every leading name', () => {
  const o = check('d_k = d_v = d_{model}/h = 64', { d_model: 512, h: 8 });
  assert.equal(o.status, 'pass');
  assert.deepEqual(o.definitions.map((d) => [d.name, d.value]), [['d_k', 64], ['d_v', 64]]);
  assert.equal(o.links.length, 1);
  // Both names reach later chains of the same math.
  assert.equal(check('d_k = d_v = 64, \\quad d_k d_v = 4096').status, 'pass');
  // A name used again on the right is not a definition: y = 2y - y is an identity about y.
  const id = check('x = y = 2y - y');
  assert.equal(id.links.length, 1, 'x is defined (symbolically); y = 2y - y is the one link');
  assert.equal(id.status, 'pass');
});

test('a chained definition binds every name for later claims (checker)', () => {
  const r = checkDoc('<!-- check: let h = 8; let d_model = 512 -->\n\n<!-- check: math -->\n$d_k = d_v = d_{model}/h = 64$\n\n<!-- check: d_v * h = 512 -->\n');
  assert.deepEqual(r.map((x) => x.status), ['pass', 'pass']);
});

test('floor/ceil size identities hold for whole numbers: never "fails at H=2.25"', () => {
  // PyTorch: conv1d(k3, s2, p1) gives floor((H-1)/2)+1 = ceil(H/2) for every H >= 1 (golden below too).
  const o = check('\\lfloor (H+2-3)/2 \\rfloor + 1 = \\lceil H/2 \\rceil');
  assert.equal(o.status, 'pass');
  assert.match(o.links[0].message, /every whole positive value/);
  assert.equal(check('\\left\\lfloor \\frac{H - 3}{2} \\right\\rfloor = \\left\\lfloor \\frac{H+1}{2} \\right\\rfloor - 2').status, 'pass');
  assert.equal(check('\\lfloor H/2 \\rfloor + \\lceil H/2 \\rceil = H').status, 'pass');
  assert.equal(check('\\lfloor H/2 \\rfloor + \\lceil W/3 \\rceil = \\lfloor (H+1)/2 \\rfloor + \\lceil W/3 \\rceil').status, 'fail');
});

test('a wrong floor identity is found at the residue where it breaks, even for large divisors', () => {
  // floor((H-1)/64) and floor(H/64) differ only at H ≡ 0 mod 64.
  const o = check('\\lfloor (H+2-3)/64 \\rfloor + 1 = \\lfloor H/64 \\rfloor + 1');
  assert.equal(o.status, 'fail');
  assert.match(o.links[0].message, /H=\d+/);
  const h = Number(/H=(\d+)/.exec(o.links[0].message)![1]);
  assert.equal(h % 64, 0);
  assert.match(o.links[0].message, /left \d+, right \d+/);
  assert.equal(check('\\lfloor (H-1)/128 \\rfloor = \\lfloor H/128 \\rfloor').status, 'fail');
});

test('floor identities with bound values and free sizes mix', () => {
  assert.equal(check('\\lfloor (H + 2P - K)/S \\rfloor + 1 = \\lceil H/S \\rceil', { P: 1, K: 3, S: 2 }).status, 'pass');
  assert.equal(check('\\lfloor (H + 2P - K)/S \\rfloor + 1 = \\lceil H/S \\rceil', { P: 0, K: 3, S: 2 }).status, 'fail');
});

test('floor over a symbolic divisor falls back to whole-number points', () => {
  // floor(H/S) vs floor((H-1)/S) + 1 differ unless S divides H; whole points find it.
  const o = check('\\lfloor H/S \\rfloor = \\lfloor (H-1)/S \\rfloor + 1');
  assert.equal(o.status, 'fail');
  assert.doesNotMatch(o.links[0].message, /\.\d/, 'the point is whole');
});

test('a fraction that only looks like a derivative is read as the fraction it is, digits intact', () => {
  // \frac{d x^23}{2}: d·x²·3/2 (TeX's single-digit exponent); \frac{d}{dx} alone (no function) is d/(d·x).
  assert.equal(check('\\frac{d x^23}{2} = 3', { d: 2, x: 1 }).status, 'pass');
  assert.equal(check('\\frac{d}{2} = 1', { d: 2 }).status, 'pass');
});

test('a ragged matrix errors its own link only, with the row lengths', () => {
  const o = check('\\begin{bmatrix} 1 & 2 \\\\ 3 \\end{bmatrix} = 1, \\quad 2 = 2');
  assert.equal(o.status, 'error');
  assert.match(o.message, /rows of this matrix have different lengths \(2, 1\)/);
  assert.match(o.message, /the other link holds/);
});

test('a cached math result moved by an edit above it moves its unreadable link\'s error span too', () => {
  const base = '<!-- check: math -->\n$$1 + 1 = 2 = 3!$$\n';
  const cache = new CheckCache();
  checkDocument({ name: 't', kind: 'markdown', text: base }, {}, cache);
  const edited = `Intro line.\n\n${base}`;
  const cached = checkDocument({ name: 't', kind: 'markdown', text: edited }, {}, cache);
  const fresh = checkDocument({ name: 't', kind: 'markdown', text: edited });
  assert.deepEqual(cached, fresh);
  const link = fresh.results[0].links![1];
  assert.equal(edited.slice(link.error!.start, link.error!.end), '!');
});

test('the claim points at the broken link, not at an unreadable one before it', () => {
  const text = '<!-- check: math -->\n$$3! = 6, \\quad 2 + 2 = 5$$\n';
  const [r] = checkDoc(text);
  assert.equal(r.status, 'fail');
  assert.equal(text.slice(r.claimedSpan!.start, r.claimedSpan!.end), '5');
});
