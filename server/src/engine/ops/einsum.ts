/**
 * einsum with PyTorch's equation syntax: `ij,jk->ik`, implicit output (letters used once, in
 * alphabetical order) when there is no `->`, repeated letters in one operand (diagonals), and `...`
 * for broadcast-free leading/trailing dims. Forward and backward loop over every assignment of the
 * letters, which is the simplest correct way and fine at homework sizes (the deadline is checked).
 */
import { dimsEqual } from '../../dims';
import { fail, shapeFail } from '../errors';
import type { Budget } from '../limits';
import { concrete, fmt, stridesOf, type Dim } from '../shape';
import { makeOp } from '../tape';
import type { Tensor } from '../tensor';

interface Parsed {
  inputs: string[][];
  output: string[];
}

/** Letters of one operand; `...` becomes the placeholder letters '0'..'9' for the ellipsis dims. */
function expandTerm(term: string, rank: number | null, eDims: number, where: string): string[] {
  const dots = term.indexOf('...');
  const body = term.replace('...', '');
  if (body.includes('.')) fail(`einsum: a lone '.' in ${where}; an ellipsis is written '...'`);
  for (const c of body) {
    if (!/[a-zA-Z]/.test(c)) fail(`einsum: '${c}' is not a letter in ${where}`);
  }
  if (dots < 0) return [...body];
  const n = rank === null ? eDims : rank - body.length;
  const ell = Array.from({ length: Math.max(0, n) }, (_, i) => String(i));
  return [...term.slice(0, dots), ...ell, ...term.slice(dots + 3)];
}

export function parseEinsum(eq: string, operands: readonly Tensor[]): Parsed {
  const clean = eq.replace(/\s+/g, '');
  const [lhs, rhs, extra] = clean.split('->');
  if (extra !== undefined) fail(`einsum: more than one '->' in '${eq}'`);
  const terms = lhs.split(',');
  if (terms.length !== operands.length) {
    fail(`einsum: the equation '${eq}' has ${terms.length} operand${terms.length === 1 ? '' : 's'}, but ${operands.length} tensor${operands.length === 1 ? ' was' : 's were'} given`);
  }
  let eDims = 0;
  const inputs = terms.map((t, i) => {
    const letters = expandTerm(t, operands[i].rank, 0, `operand ${i}`);
    if (t.includes('...')) eDims = Math.max(eDims, operands[i].rank - (t.length - 3));
    if (letters.length !== operands[i].rank) {
      shapeFail(`einsum: operand ${i} ('${t}') names ${letters.length} dims, but the tensor has shape ${fmt(operands[i].shape)}`, i + 1);
    }
    return letters;
  });
  let output: string[];
  if (rhs === undefined) {
    const counts = new Map<string, number>();
    for (const l of inputs.flat()) counts.set(l, (counts.get(l) ?? 0) + 1);
    const ell = [...counts.keys()].filter((l) => /[0-9]/.test(l)).sort();
    output = [...ell, ...[...counts.keys()].filter((l) => /[a-zA-Z]/.test(l) && counts.get(l) === 1).sort()];
  } else {
    output = expandTerm(rhs, null, eDims, 'the output');
    const seen = new Set<string>();
    for (const l of output) {
      if (seen.has(l)) fail(`einsum: the output letter '${l}' appears more than once`);
      seen.add(l);
      if (!inputs.some((ls) => ls.includes(l))) fail(`einsum: the output letter '${l}' does not appear in any operand`);
    }
  }
  return { inputs, output };
}

export function einsum(eq: string, operands: readonly Tensor[], budget: Budget): Tensor {
  const { inputs, output } = parseEinsum(eq, operands);
  const size = new Map<string, Dim>();
  inputs.forEach((ls, i) =>
    ls.forEach((l, ax) => {
      const d = operands[i].shape[ax];
      const prev = size.get(l);
      if (prev === undefined) size.set(l, d);
      else if (!dimsEqual(prev, d)) {
        shapeFail(`einsum: '${/[0-9]/.test(l) ? '...' : l}' has size ${fmt([prev])} in one place and ${fmt([d])} in operand ${i} (${fmt(operands[i].shape)})`, i + 1);
      }
    }),
  );
  const shape = output.map((l) => size.get(l) as Dim);
  return makeOp('einsum', operands, shape, budget, (vals, shapes) => {
    const letters = [...size.keys()];
    const extent = concrete(letters.map((l) => size.get(l) as Dim)) as number[];
    const pos = new Map(letters.map((l, i) => [l, i]));
    // For each operand, the stride each letter contributes to its flat index.
    const strideFor = (ls: string[], dims: number[]): number[] => {
      const st = stridesOf(dims);
      const out = new Array<number>(letters.length).fill(0);
      ls.forEach((l, ax) => (out[pos.get(l) as number] += st[ax]));
      return out;
    };
    const inStr = inputs.map((ls, i) => strideFor(ls, shapes[i]));
    const outDims = output.map((l) => extent[pos.get(l) as number]);
    const outStr = strideFor(output, outDims);
    const total = extent.reduce((a, b) => a * b, 1);
    const walk = (visit: (offs: number[], o: number) => void): void => {
      const idx = new Array<number>(letters.length).fill(0);
      const offs = new Array<number>(vals.length).fill(0);
      let o = 0;
      for (let k = 0; k < total; k++) {
        visit(offs, o);
        budget.tick();
        for (let ax = letters.length - 1; ax >= 0; ax--) {
          idx[ax]++;
          o += outStr[ax];
          for (let j = 0; j < offs.length; j++) offs[j] += inStr[j][ax];
          if (idx[ax] < extent[ax]) break;
          o -= outStr[ax] * idx[ax];
          for (let j = 0; j < offs.length; j++) offs[j] -= inStr[j][ax] * idx[ax];
          idx[ax] = 0;
        }
      }
    };
    const out = new Float64Array(outDims.reduce((a, b) => a * b, 1));
    walk((offs, o) => {
      let p = 1;
      for (let j = 0; j < vals.length; j++) p *= vals[j][offs[j]];
      out[o] += p;
    });
    return {
      out,
      backward: (g, need) => {
        const grads = vals.map((v, i) => (need[i] ? new Float64Array(v.length) : null));
        walk((offs, o) => {
          for (let i = 0; i < vals.length; i++) {
            const gi = grads[i];
            if (!gi) continue;
            let p = g[o];
            for (let j = 0; j < vals.length; j++) if (j !== i) p *= vals[j][offs[j]];
            gi[offs[i]] += p;
          }
        });
        return grads;
      },
    };
  });
}
