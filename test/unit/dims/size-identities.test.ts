/**
 * Symbolic size identities with floor and ceil, against PyTorch (tools/golden/size_identities.py):
 * for 1-D conv and pool layers with strides up to 128, a candidate formula for the output length holds
 * when PyTorch's length equals it for every input length H it accepts. Both directions are tested
 * through the checker: the layer shorthand `conv out H k3 s64 p1 : (candidate)` and the math link
 * `$$ <PyTorch's formula> = <candidate> $$` must pass exactly when PyTorch says the candidate holds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../checker/fixture';

interface Case {
  op: 'conv' | 'pool'; k: number; s: number; p: number; d: number; ceil: boolean;
  claim: string; latex: string; holds: boolean; counterexample: number | null;
}
const golden = JSON.parse(readFileSync(join(__dirname, '../../golden/size_identities.json'), 'utf8')) as { cases: Case[] };

function layerOf(c: Case): string {
  return `${c.op} out H k${c.k} s${c.s} p${c.p} d${c.d}${c.ceil ? ' ceil' : ''}`;
}

test('the golden file has both verdicts, and wrong formulas at strides of 64 and more', () => {
  assert.ok(golden.cases.length >= 150);
  assert.ok(golden.cases.some((c) => c.holds) && golden.cases.some((c) => !c.holds));
  assert.ok(golden.cases.filter((c) => !c.holds && c.s >= 64).length >= 10);
});

test('layer shorthand with a symbolic input: the claimed formula passes exactly when PyTorch agrees at every H', () => {
  const wrong: string[] = [];
  for (const c of golden.cases) {
    const [r] = check(`<!-- check: ${layerOf(c)} : (${c.claim}) -->`);
    const expected = c.holds ? 'pass' : 'fail';
    if (r.status !== expected) wrong.push(`${layerOf(c)} : ${c.claim} gave ${r.status} (${r.message}); PyTorch: ${c.holds ? 'holds' : `wrong at H=${c.counterexample}`}`);
  }
  assert.deepEqual(wrong, []);
});

test('the issue\'s case: conv out H k3 s64 p1 : (floor(H/64)+1) is wrong at H ≡ 0 mod 64', () => {
  const [r] = check('<!-- check: conv out H k3 s64 p1 : (floor(H/64)+1) -->');
  assert.equal(r.status, 'fail');
  const [ok] = check('<!-- check: conv out H k3 s64 p1 : (floor((H-1)/64)+1) -->');
  assert.equal(ok.status, 'pass');
});

test('math links between the formula and a candidate hold exactly when PyTorch agrees, and fail at a whole H', () => {
  const wrong: string[] = [];
  for (const c of golden.cases) {
    const eff = c.d * (c.k - 1) + 1;
    const num = c.p ? `H+${2 * c.p}-${eff}` : `H-${eff}`;
    const truth = c.ceil ? `\\lceil (${num})/${c.s} \\rceil + 1` : `\\lfloor (${num})/${c.s} \\rfloor + 1`;
    const [r] = check(`<!-- check: math -->\n$$${truth} = ${c.latex}$$\n`);
    const expected = c.holds ? 'pass' : 'fail';
    if (r.status !== expected) wrong.push(`${truth} = ${c.latex} gave ${r.status} (${r.message})`);
    else if (!c.holds && /H=\d+\.\d|H=\d+\/\d/.test(r.message)) wrong.push(`${c.latex}: not a whole point: ${r.message}`);
  }
  assert.deepEqual(wrong, []);
});
