// Fuzzing tensor math (section 6a): with `let` tensors bound, derivations edited at random never make
// checkMath throw, every span (links, link errors, the outcome's error) lies inside the math, and the
// verdict is deterministic.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkMath } from '../../../server/src/math';
import { defaultLimits, shapeOnlyTensor, tensorFromNested } from '../../../server/src/engine';
import { constDim } from '../../../server/src/dims';
import { applyEdit, editArb, assertProperty } from './support';

const BODIES = [
  '\\frac{\\partial L}{\\partial w} = 2X^\\top(Xw - y)',
  '\\nabla_{\\mathbf{w}} L = 2 \\mathbf{X}^{\\mathsf{T}} (\\mathbf{X}\\mathbf{w} - \\mathbf{y})',
  "\\sigma'(z) = \\sigma(z) \\odot (1 - \\sigma(z))",
  '\\|w\\|^2 = w^\\top w = \\operatorname{tr}(w w^\\top)',
  'B u = \\begin{bmatrix} 5 \\\\ 1 \\end{bmatrix}, \\quad B^{-1} = \\begin{pmatrix} 1 & -2 \\\\ 0 & 1 \\end{pmatrix}',
  '\\partial L / \\partial X = 2 (Xw - y) w^\\top',
  '\\delta = X w - y, \\quad \\frac{dL}{dw} = 2 X^T \\delta',
  '\\lfloor (H+2-3)/2 \\rfloor + 1 = \\lceil H/2 \\rceil',
  'd_k = d_v = d_{model}/h = 64',
  'w_5^{+} = w_5 - \\eta \\cdot \\frac{\\partial E}{\\partial w_5}',
];

function tensors() {
  const shape = (...d: number[]) => shapeOnlyTensor(d.map(constDim));
  return new Map([
    ['X', shape(4, 3)], ['w', shape(3)], ['y', shape(4)], ['z', shape(5)],
    ['B', tensorFromNested([[1, 2], [0, 1]])], ['u', tensorFromNested([3, 1])],
  ]);
}

describe('fuzz: tensor math', () => {
  it('never throws; every span inside the math; deterministic', () => {
    assertProperty(
      fc.property(fc.constantFrom(...BODIES), fc.array(editArb('latex'), { maxLength: 3 }), fc.nat(1000), (body, edits, offset) => {
        const latex = edits.reduce(applyEdit, body);
        const input = () => ({ latex, offset, symbols: new Map<string, number>(), tensors: tensors(), limits: defaultLimits(2000) });
        const out = checkMath(input());
        assert.ok(['pass', 'fail', 'error'].includes(out.status));
        const within = (s: { start: number; end: number } | null | undefined, what: string) => {
          if (!s) return;
          assert.ok(offset <= s.start && s.start <= s.end && s.end <= offset + latex.length, `${what} ${JSON.stringify(s)} outside for ${JSON.stringify(latex)}`);
        };
        within(out.errorSpan, 'errorSpan');
        for (const l of out.links) {
          within(l.leftSpan, 'leftSpan');
          within(l.rightSpan, 'rightSpan');
          within(l.error, 'link error');
        }
        assert.deepEqual(checkMath(input()).status, out.status);
      }),
      0.5,
    );
  });
});
