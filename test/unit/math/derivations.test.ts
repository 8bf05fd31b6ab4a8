/**
 * Hand derivations with tensors and derivatives (spec section 6a) against PyTorch
 * (tools/golden/derivations.py): least squares, ridge, logistic and softmax regression, a two-layer
 * MLP, a conv layer, batch norm, attention, and scalar backprop with numbers. Each case is a `let`
 * block and one math link with a true or a false gradient formula; PyTorch's torch.autograd decided
 * whether it holds (pass), is wrong (fail), or is not defined (error, a product of mismatched shapes).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../checker/fixture';

interface Case { family: string; lets: string; latex: string; note: string; expected: 'pass' | 'fail' | 'error' }
const golden = JSON.parse(readFileSync(join(__dirname, '../../golden/derivations.json'), 'utf8')) as { cases: Case[] };

test('the golden file has at least 100 derivations, true and false, in every family', () => {
  assert.ok(golden.cases.length >= 100);
  const families = new Set(golden.cases.map((c) => c.family));
  for (const f of ['least squares', 'logistic regression', 'softmax regression', 'two-layer MLP', 'conv layer', 'batch norm', 'attention']) {
    assert.ok(families.has(f), f);
    assert.ok(golden.cases.some((c) => c.family === f && c.expected === 'pass'), `${f}: a true formula`);
    assert.ok(golden.cases.some((c) => c.family === f && c.expected !== 'pass'), `${f}: a false formula`);
  }
});

for (const family of new Set(golden.cases.map((c) => c.family))) {
  test(`${family}: the checker agrees with PyTorch on every formula`, () => {
    const wrong: string[] = [];
    for (const c of golden.cases.filter((x) => x.family === family)) {
      const results = check(`<!-- check: ${c.lets} -->\n\n<!-- check: math -->\n$$${c.latex}$$\n`);
      const lets = results.filter((r) => r.kind !== 'math' && r.status === 'error');
      const r = results.find((x) => x.kind === 'math');
      if (lets.length) wrong.push(`${c.note}: a let is an error: ${lets[0].message}`);
      else if (!r) wrong.push(`${c.note}: no math result`);
      // A formula PyTorch cannot evaluate (mismatched product) may also read as a failing link.
      else if (r.status !== c.expected && !(c.expected === 'error' && r.status === 'fail'))
        wrong.push(`${c.note} [${c.latex}]: ${r.status} (${r.message}); PyTorch: ${c.expected}`);
    }
    assert.deepEqual(wrong, []);
  });
}
