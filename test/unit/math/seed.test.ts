/**
 * The seed homework's part 1.1 a) and b) (shared/seed/hw3-solution.md), annotated as a student would:
 * `<!-- check: math W=10 H=11 K=3 P=0 S=2 D=1 -->` above each display.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkMath, seededRng } from '../../../server/src/math/index';
import type { MathOutcome } from '../../../server/src/math/index';

const DOC = [
  'a)',
  '',
  'For width:',
  '',
  '$$W_{output} = \\frac{W - K + 2P}{S} + 1 = \\frac{10 - 3}{2} + 1 = 4.5$$',
  '',
  'Thus we round it down to get $W_{output}=4$.',
  '',
  'For hight:',
  '',
  '$$H_{output} = \\frac{H - K + 2P}{S} + 1 = \\frac{11 - 3}{2} + 1 = 5$$',
  '',
  'Therefore, the output dimension will be 4×5 .',
  '',
  'b)',
  '',
  'For height:',
  '',
  '$$H_{output} = \\frac{H - D \\times (K - 1) + 2P - 1}{S} + 1$$',
  '',
  'For width:',
  '',
  '$$W_{output} = \\frac{W - D \\times (K - 1) + 2P - 1}{S} + 1$$',
].join('\n');

const BINDINGS = { W: 10, H: 11, K: 3, P: 0, S: 2, D: 1 };

/** The display math bodies of a document with their offsets (the integrator's job; enough for a test). */
function displays(doc: string): { latex: string; offset: number }[] {
  return [...doc.matchAll(/\$\$([\s\S]*?)\$\$/g)].map((m) => ({ latex: m[1], offset: m.index! + 2 }));
}

function checkDisplay(i: number, symbols: Record<string, number> = BINDINGS, doc = DOC): MathOutcome & { offset: number; latex: string } {
  const d = displays(doc)[i];
  return { ...checkMath({ ...d, symbols: new Map(Object.entries(symbols)), rng: seededRng(1) }), ...d };
}

test('1.1 a) width: every link holds and `= 4.5` is exactly right as written', () => {
  const o = checkDisplay(0);
  assert.equal(o.status, 'pass', o.message);
  assert.equal(o.links.length, 2);
  assert.equal(o.lastValue, 4.5);
  assert.deepEqual(o.defines, { name: 'W_output', value: 4.5 });
  assert.equal(DOC.slice(o.links[1].rightSpan.start, o.links[1].rightSpan.end), '4.5');
  assert.equal(DOC.slice(o.links[0].leftSpan.start, o.links[0].leftSpan.end), '\\frac{W - K + 2P}{S} + 1');
});

test('1.1 a) height: every link holds, = 5', () => {
  const o = checkDisplay(1);
  assert.equal(o.status, 'pass', o.message);
  assert.equal(o.lastValue, 5);
  assert.deepEqual(o.defines, { name: 'H_output', value: 5 });
});

test('1.1 a) with the rounded value written instead: the last link breaks and is marked', () => {
  const doc = DOC.replace('+ 1 = 4.5$$', () => '+ 1 = 4$$');
  const o = checkDisplay(0, BINDINGS, doc);
  assert.equal(o.status, 'fail');
  assert.deepEqual(o.links.map((l) => l.holds), [true, false]);
  assert.equal(doc.slice(o.links[1].rightSpan.start, o.links[1].rightSpan.end), '4');
  assert.equal(o.message, 'Link 2 of 2 breaks: \\frac{10 - 3}{2} + 1 = 4.5, but the next side 4 ≠ 4.5');
});

test('1.1 b) the dilated formulas define H_output = 5 and W_output = 4.5 (D = 1)', () => {
  const h = checkDisplay(2);
  assert.equal(h.status, 'pass', h.message);
  assert.equal(h.links.length, 0);
  assert.deepEqual(h.defines, { name: 'H_output', value: 5 });
  assert.equal(h.lastValue, 5);
  const w = checkDisplay(3);
  assert.deepEqual(w.defines, { name: 'W_output', value: 4.5 });
  assert.match(w.steps.join('\n'), /with D=1, K=3, P=0, S=2, W=10/);
});

test('1.1 b) with W_output bound by part a): the formula becomes a link, and agrees', () => {
  const o = checkDisplay(3, { ...BINDINGS, W_output: 4.5 });
  assert.equal(o.status, 'pass');
  assert.equal(o.links.length, 1);
  assert.equal(o.defines, null);
  const wrongD = checkDisplay(3, { ...BINDINGS, D: 2, W_output: 4.5 });
  assert.equal(wrongD.status, 'fail');
});

test('1.1 b) without bindings: a symbolic definition, nothing to fail', () => {
  const o = checkDisplay(2, {});
  assert.equal(o.status, 'pass');
  assert.equal(o.defines, null);
});
