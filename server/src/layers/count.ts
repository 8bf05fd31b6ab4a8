/**
 * `params conv2d k11 c=3 f=96` → 34944: learnable parameters as torch's
 * sum(p.numel() for p in layer.parameters()) counts them.
 *   conv:   out·(in/groups)·prod(k) + out (bias)
 *   convT:  in·(out/groups)·prod(k) + out (bias)
 *   linear: in·out + out (bias)
 */
import type { DimAst, ParamsStmt } from '../claims/ast';
import { Dim, addDim, constDim, dimValue, divDim, formatDim, formatDimBare, mulDim } from '../dims';
import { coverSpan, isFail, readDim } from './read-dim';
import { LayerFailure, ParamsOutcome, fail } from './types';

function total(weight: Dim, weightText: string, bias: Dim | null): ParamsOutcome {
  const value = bias ? addDim(weight, bias) : weight;
  const explanation = [`weight: ${weightText} = ${formatDimBare(weight)}`];
  if (bias) {
    explanation.push(`bias: ${formatDimBare(bias)}`);
    explanation.push(`total: ${formatDimBare(weight)}+${formatDimBare(bias)} = ${formatDimBare(value)}`);
  } else {
    explanation.push('no bias');
  }
  return { ok: true, value, explanation };
}

function countLinear(stmt: ParamsStmt, symbols: ReadonlyMap<string, number>): ParamsOutcome | LayerFailure {
  if (stmt.features.length !== 2) {
    return fail(
      `params linear takes the in and out features (params linear 4096 1000), got ${stmt.features.length} numbers`,
      coverSpan(stmt.features, stmt.layerSpan),
      'syntax',
    );
  }
  const fin = readDim(stmt.features[0], symbols, 'in features', 1);
  if (isFail(fin)) return fin;
  const fout = readDim(stmt.features[1], symbols, 'out features', 1);
  if (isFail(fout)) return fout;
  return total(mulDim(fin, fout), `${formatDim(fin)}*${formatDim(fout)}`, stmt.bias ? fout : null);
}

/** in or out channels must split evenly into the groups, as torch's constructor demands. */
function checkDivisible(ch: Dim, g: Dim, what: string, span: DimAst['span']): LayerFailure | null {
  const q = dimValue(divDim(ch, g));
  if (q !== undefined && !Number.isInteger(q)) {
    return fail(`${what} (${formatDimBare(ch)}) must be divisible by groups (${formatDimBare(g)})`, span);
  }
  return null;
}

export function countParams(stmt: ParamsStmt, symbols: ReadonlyMap<string, number>): ParamsOutcome | LayerFailure {
  if (stmt.layer === 'linear') return countLinear(stmt, symbols);
  const nd = Number(stmt.layer.slice(-2, -1)) as 1 | 2 | 3;
  const transposed = stmt.layer.startsWith('convT');
  if (stmt.kernel.length === 0) return fail(`params ${stmt.layer} needs a kernel size (k3)`, stmt.layerSpan);
  if (stmt.kernel.length !== 1 && stmt.kernel.length !== nd) {
    return fail(
      `the kernel has ${stmt.kernel.length} values, but ${stmt.layer} has ${nd} spatial dim${nd === 1 ? '' : 's'}`,
      coverSpan(stmt.kernel, stmt.layerSpan),
    );
  }
  if (!stmt.inChannels) return fail(`params ${stmt.layer} needs the input channels (c=3)`, stmt.layerSpan);
  if (!stmt.outChannels) return fail(`params ${stmt.layer} needs the output channels (f=16)`, stmt.layerSpan);
  const ks: Dim[] = [];
  for (const ast of stmt.kernel) {
    const k = readDim(ast, symbols, 'kernel', 1);
    if (isFail(k)) return k;
    ks.push(k);
  }
  const kernel = ks.length === 1 ? Array<Dim>(nd).fill(ks[0]) : ks;
  const cin = readDim(stmt.inChannels, symbols, 'input channels (c)', 1);
  if (isFail(cin)) return cin;
  const cout = readDim(stmt.outChannels, symbols, 'output channels (f)', 1);
  if (isFail(cout)) return cout;
  let g: Dim = constDim(1);
  if (stmt.groups) {
    const gd = readDim(stmt.groups, symbols, 'groups (g)', 1);
    if (isFail(gd)) return gd;
    g = gd;
    const bad = checkDivisible(cin, g, 'input channels', stmt.groups.span)
      ?? checkDivisible(cout, g, 'output channels', stmt.groups.span);
    if (bad) return bad;
  }
  const grouped = dimValue(g) !== 1;
  // conv weights are (out, in/g, *k); transposed conv weights are (in, out/g, *k).
  const [a, b] = transposed ? [cin, cout] : [cout, cin];
  const perGroup = divDim(b, g);
  let weight = mulDim(a, perGroup);
  for (const k of kernel) weight = mulDim(weight, k);
  const parts = [formatDim(a), grouped ? `(${formatDimBare(b)}/${formatDim(g)})` : formatDim(b), ...kernel.map(formatDim)];
  return total(weight, parts.join('*'), stmt.bias ? cout : null);
}
