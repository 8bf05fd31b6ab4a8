/**
 * `conv out 10x11 k3 s2` → 4×5 with the arithmetic shown (spec section 3), following PyTorch's rules
 * and errors (checked against torch in test/golden/layers.json).
 */
import type { Convention, DimAst, Layout, LayerStmt } from '../claims/ast';
import { Dim, dimValue, formatDimBare } from '../dims';
import { DimParams, DimResult, convOut, convTOut, sameOut, tfSameOut, tfValidOut } from './formulas';
import { ResolvedParams, resolveParams } from './layer-params';
import { isFail, readDim } from './read-dim';
import { LayerFailure, LayerOutcome, LayerStep, fail } from './types';

const OP_WORD = { conv: 'conv', pool: 'pool', convT: 'convT' } as const;

/** Spatial labels: the spec's example labels 10x11's first dim W and its second H. */
export function spatialLabels(n: number): string[] {
  if (n === 1) return ['L'];
  if (n === 2) return ['W', 'H'];
  if (n === 3) return ['D', 'W', 'H'];
  return Array.from({ length: n }, (_, i) => `dim ${i + 1}`);
}

/** How a layer is computed: the convention and layout in force (spec section 3b). */
export interface LayerOptions {
  convention?: Convention;
  layout?: Layout;
}

/**
 * Splits DIMS into the leading (N, C) dims and the spatial ones. Under `channels_last` the channel dim
 * is the last one written (HxWxC, NxHxWxC); `lead` is still (N, C) in that order.
 */
export function splitDims(stmt: LayerStmt, channelsLast = false): { lead: DimAst[]; spatial: DimAst[] } | LayerFailure {
  const n = stmt.dims.length;
  const word = OP_WORD[stmt.op];
  if (stmt.ndim === undefined) {
    if (n < 1 || n > 3) {
      return fail(
        `${word} takes 1 to 3 spatial dims, got ${n}; to give channels, name the dimensionality (${word}2d out CxHxW ...)`,
        stmt.dimsSpan,
      );
    }
    return { lead: [], spatial: stmt.dims };
  }
  const nd = stmt.ndim;
  if (n < nd || n > nd + 2) {
    const forms = channelsLast
      ? (nd === 1 ? 'L, LxC or NxLxC' : nd === 2 ? 'HxW, HxWxC or NxHxWxC' : 'DxHxW, DxHxWxC or NxDxHxWxC')
      : (nd === 1 ? 'L, CxL or NxCxL' : nd === 2 ? 'HxW, CxHxW or NxCxHxW' : 'DxHxW, CxDxHxW or NxCxDxHxW');
    return fail(`${word}${nd}d expects ${nd}, ${nd + 1} or ${nd + 2} dims (${forms}), got ${n}`, stmt.dimsSpan);
  }
  if (channelsLast && n > nd) {
    return { lead: [...stmt.dims.slice(0, n - nd - 1), stmt.dims[n - 1]], spatial: stmt.dims.slice(n - nd - 1, n - 1) };
  }
  return { lead: stmt.dims.slice(0, n - nd), spatial: stmt.dims.slice(n - nd) };
}

function explain(step: LayerStep, notes: string[]): string {
  const line = `${step.label}: ${step.formula} = ${step.value}`;
  return notes.length ? `${line} (${notes.join('; ')})` : line;
}

export function computeLayer(stmt: LayerStmt, symbols: ReadonlyMap<string, number>, opts: LayerOptions = {}): LayerOutcome | LayerFailure {
  const convention = opts.convention ?? 'pytorch';
  const tf = convention === 'tensorflow';
  const channelsLast = opts.layout === 'channels_last';
  const split = splitDims(stmt, channelsLast);
  if (isFail(split)) return split;
  const nSpatial = split.spatial.length;
  const params = resolveParams(stmt, nSpatial, symbols, tf);
  if (isFail(params)) return params;
  const w = params.written;

  const lead: Dim[] = [];
  for (const [i, ast] of split.lead.entries()) {
    const what = split.lead.length === 2 && i === 0 ? 'the batch dim' : 'the channel dim';
    const d = readDim(ast, symbols, what, 1);
    if (isFail(d)) return d;
    lead.push(d);
  }
  const labels = spatialLabels(nSpatial);
  const inputs: Dim[] = [];
  for (const [i, ast] of split.spatial.entries()) {
    const d = readDim(ast, symbols, `input size ${labels[i]}`, 1);
    if (isFail(d)) return d;
    inputs.push(d);
  }

  const steps: LayerStep[] = [];
  const explanation: string[] = [];
  const out: Dim[] = [];
  const unfit: string[] = [];
  for (let i = 0; i < nSpatial; i++) {
    const x: DimParams = {
      L: inputs[i], k: params.kernel[i], s: params.stride[i], p: params.padding[i], d: params.dilation[i], op: params.outputPadding[i],
    };
    const checked = checkDim(stmt, x, params.same && !tf, w, labels[i]);
    if (checked) return checked;
    let r: DimResult;
    if (stmt.op === 'convT') r = convTOut(x);
    else if (tf && params.same) r = tfSameOut(x);
    else if (tf && params.valid) r = tfValidOut(x);
    else if (params.same) r = sameOut(x);
    else r = convOut(x, stmt.op === 'pool' && params.ceil ? 'ceil' : 'floor');
    const step: LayerStep = { label: labels[i], formula: r.formula, value: formatDimBare(r.value), inexact: r.inexact, rounding: r.rounding };
    const v = dimValue(r.value);
    if (v !== undefined && v < 1) {
      return fail(
        `${labels[i]}: ${r.formula} = ${step.value}, below 1: the ${OP_WORD[stmt.op]} has no output along ${labels[i]}`
        + ` (${stmt.op === 'convT' ? 'the padding removes more than the layer adds' : 'the kernel does not fit in the padded input'})`,
        split.spatial[i].span,
      );
    }
    steps.push(step);
    explanation.push(explain(step, r.notes));
    if (r.inexact) {
      const why = r.notes.find((n) => n.includes('is not whole'));
      unfit.push(`${labels[i]}: ${why ? why.replace(/:[^:]*$/, '') : `${r.formula} is not whole`}`);
    }
    out.push(r.value);
  }

  // Filters replace the channel dim. With spatial-only DIMS there is no channel dim to replace, so F is
  // prepended as the output's channel dim: `conv out 28x28 k5 f=6` gives 6x24x24 (our reading of
  // "out channels: f16", written down here and in the report).
  let head = lead;
  if (params.filters) {
    head = lead.length === 0 ? [params.filters] : [...lead.slice(0, lead.length - 1), params.filters];
    explanation.push(`channels: ${formatDimBare(params.filters)} (f)`);
  }
  const shape = channelsLast && head.length > 0 ? [...head.slice(0, -1), ...out, head[head.length - 1]] : [...head, ...out];
  explanation.push(conventionLine(convention, channelsLast));
  return { ok: true, shape, steps, explanation, unfit };
}

/** The hover names the rules used, so a student can see which course convention was applied. */
function conventionLine(convention: Convention, channelsLast: boolean): string {
  const rules = convention === 'tensorflow' ? "TensorFlow's SAME/VALID rules, PyTorch's otherwise"
    : convention === 'strict' ? "PyTorch's formulas; a division that is not whole is an error"
      : "PyTorch's formulas";
  return `convention: ${convention} (${rules})${channelsLast ? '; layout: channels_last (H×W×C)' : ''}`;
}

/** PyTorch's argument checks for one spatial dim (concrete values only; symbols are trusted). */
function checkDim(
  stmt: LayerStmt, x: DimParams, same: boolean, w: ResolvedParams['written'], label: string,
): LayerFailure | null {
  const k = dimValue(x.k);
  const s = dimValue(x.s);
  const p = dimValue(x.p);
  const d = dimValue(x.d);
  const op = dimValue(x.op);
  if (same && (s === undefined || s !== 1)) {
    const span = w.stride?.span ?? w.padding?.span ?? stmt.opSpan;
    return fail(`p=same needs stride 1 (as in PyTorch), but the stride (s) is ${formatDimBare(x.s)}`, span);
  }
  if (stmt.op === 'pool' && k !== undefined && p !== undefined && p > Math.floor(k / 2)) {
    return fail(
      `pool padding ${p} is more than half the kernel ${k} along ${label}: PyTorch requires p <= k/2`,
      w.padding?.span ?? stmt.opSpan,
    );
  }
  if (stmt.op === 'convT' && op !== undefined && op > 0) {
    const ok = (s !== undefined && op < s) || (d !== undefined && op < d);
    const unknown = s === undefined || d === undefined;
    if (!ok && !unknown) {
      return fail(
        `output padding ${op} must be smaller than the stride (${s}) or the dilation (${d}) along ${label}, as PyTorch requires`,
        w.output_padding?.span ?? stmt.opSpan,
      );
    }
  }
  return null;
}
