/**
 * Hints (spec section 7a): for a `fail`, the known mistake that gives exactly the claimed value.
 * Each kind recomputes the claim's inputs with the mistaken formula; a kind is named only when its
 * result equals the claimed value. A wrong value no kind explains gets no hint: never a guess.
 *
 * Pure: the claim's inputs, computed and claimed values in, a hint or null out.
 */
import type { Derivatives, Expr, LayerStmt, Layout, ParamsStmt } from '../claims/ast';
import type { Hint, HintKind, NestedNumbers } from '../core/result';
import { dimValue, type Dim, type Shape } from '../dims';
import { compareToClaim } from '../engine';
import { tensorFromNested } from '../engine/tensor';
import { computeLayer, resolveParams, splitDims, type LayerOptions } from '../layers';

export type HintCase =
  | {
    type: 'layer'; layer: LayerStmt; symbols: ReadonlyMap<string, number>; options: LayerOptions;
    computed: Shape; claimed: Shape;
  }
  | { type: 'params'; params: ParamsStmt; symbols: ReadonlyMap<string, number>; computed: number; claimed: number; claimedText: string }
  | {
    /** A shape claim on an expression; `jacobianOutRank`: for `jacobian(y, x)`, y's rank. */
    type: 'shape'; expr: Expr; computed: Shape; claimed: Shape; derivatives: Derivatives; jacobianOutRank?: number;
    /** For a module's output that still has channels: the layout in force and where PyTorch's order puts them. */
    channels?: LayoutChannels;
  }
  | {
    type: 'value'; expr: Expr; computed: number | NestedNumbers; claimed: number | NestedNumbers; claimedText: string;
    decimals: number | null;
  };

/** Where an output's channels stand in PyTorch's order (`at`), and the layout its shape is written in. */
export interface LayoutChannels {
  layout: Layout;
  at: number;
}

/** What each kind says after "the claimed X ..." (a fix, where one is implied, is added by the kind). */
const PHRASE: Record<HintKind, string> = {
  'ceil': 'rounds up where the formula floors',
  'missing-plus-one': 'leaves out the +1',
  'padding-ignored': 'leaves out the padding',
  'padding-once': 'adds the padding on one side only (p, not 2p)',
  'dilation-ignored': 'takes the dilation as 1',
  'stride-ignored': 'takes the stride as 1',
  'tf-same': "is TensorFlow's SAME rule, ceil(L/s) (if the course follows TensorFlow, write `convention tensorflow` above)",
  'conv-formula': 'uses the convolution formula',
  'channels': 'keeps the input channels instead of the number of filters',
  'swapped-dims': 'has the right dims in another order',
  'transposed': 'is the transpose of the right matrix',
  'dropped-dim': 'leaves out a dim',
  'extra-dim': 'has a dim too many',
  'jacobian-layout': "puts the input's shape before the output's (denominator layout); a Jacobian is the output's shape then the input's",
  'numerator-layout': 'is the gradient in numerator layout (if the course writes gradients that way, write `derivatives numerator` above)',
  'bias-ignored': 'leaves out the bias',
  'in-channels-ignored': 'leaves out the input channels',
  'sign': 'has the opposite sign',
  'macs-vs-flops': 'counts MACs where FLOPs are asked (FLOPs = 2 × MACs)',
};

function hint(kind: HintKind, claimedText: string, phrase = PHRASE[kind]): Hint {
  return { kind, message: `the claimed ${claimedText} ${phrase}` };
}

export function findHint(c: HintCase): Hint | null {
  try {
    switch (c.type) {
      case 'layer':
        return layerHint(c) ?? layoutOrderHint(c.computed, c.claimed, layerChannels(c)) ?? shapeOrderHint(c.computed, c.claimed);
      case 'params':
        return paramsHint(c);
      case 'shape':
        return derivativeHint(c) ?? layoutOrderHint(c.computed, c.claimed, c.channels) ?? shapeOrderHint(c.computed, c.claimed);
      case 'value':
        return valueHint(c);
    }
  } catch {
    // A hint is a courtesy: whatever goes wrong finding one, the verdict stands without it.
    return null;
  }
}

// ---------- shapes ----------

const nums = (s: Shape): number[] | null => {
  const out: number[] = [];
  for (const d of s) {
    const v = dimValue(d);
    if (v === undefined) return null;
    out.push(v);
  }
  return out;
};

const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const pretty = (dims: readonly number[]) => (dims.length ? dims.join('×') : '()');

/** Kinds any shape claim can show: swapped dims, a dim too few or too many. */
function shapeOrderHint(computedShape: Shape, claimedShape: Shape): Hint | null {
  const computed = nums(computedShape);
  const claimed = nums(claimedShape);
  if (!computed || !claimed || same(computed, claimed)) return null;
  const text = pretty(claimed);
  if (computed.length === claimed.length && computed.length >= 2) {
    const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
    if (same(sorted(computed), sorted(claimed))) {
      return hint('swapped-dims', text, `has the dims of ${pretty(computed)} in another order`);
    }
  }
  const ones = (a: number[]) => a.filter((x) => x !== 1);
  const right = pretty(computed);
  if (claimed.length < computed.length) {
    if (same(ones(computed), ones(claimed))) return hint('dropped-dim', text, `leaves out ${computed.length - claimed.length > 1 ? 'dims' : 'a dim'} of size 1 (the right shape is ${right})`);
    if (removesOne(computed, claimed)) return hint('dropped-dim', text, `leaves out one of the dims of ${right}`);
  }
  if (claimed.length > computed.length) {
    if (same(ones(computed), ones(claimed))) return hint('extra-dim', text, `adds ${claimed.length - computed.length > 1 ? 'dims' : 'a dim'} of size 1 (the right shape is ${right})`);
    if (removesOne(claimed, computed)) return hint('extra-dim', text, `has a dim more than ${right}`);
  }
  return null;
}

/**
 * The right shape written in the other layout (section 3b): `8×16×16` claimed where channels_last
 * gives `16×16×8`, or `16×16×8` where PyTorch's order gives `8×16×16`. A case of swapped dims that
 * names the layout, since the fix is a `layout` statement or the other order, not a recomputation.
 */
function layoutOrderHint(computedShape: Shape, claimedShape: Shape, ch: LayoutChannels | undefined): Hint | null {
  const computed = nums(computedShape);
  const claimed = nums(claimedShape);
  if (!ch || !computed || !claimed || computed.length !== claimed.length || ch.at < 0 || ch.at >= computed.length - 1) return null;
  const text = pretty(claimed);
  const right = pretty(computed);
  if (ch.layout === 'channels_last') {
    // computed is H×W×C: its channels-first writing moves the last dim to `at`.
    const first = [...computed.slice(0, ch.at), computed[computed.length - 1], ...computed.slice(ch.at, -1)];
    if (same(first, claimed) && !same(first, computed)) {
      return hint('swapped-dims', text, `puts the channels first; under \`layout channels_last\` they come last: ${right}`);
    }
    return null;
  }
  const last = [...computed.slice(0, ch.at), ...computed.slice(ch.at + 1), computed[ch.at]];
  if (same(last, claimed) && !same(last, computed)) {
    return hint('swapped-dims', text, `puts the channels last (H×W×C); PyTorch's order puts them first: ${right} (if the course writes H×W×C, write \`layout channels_last\` above)`);
  }
  return null;
}

/** Where a layer claim's channels stand in PyTorch's order: after N when DIMS give (N, C), else first; none without a channel dim. */
function layerChannels(c: Extract<HintCase, { type: 'layer' }>): LayoutChannels | undefined {
  const layout = c.options.layout ?? 'channels_first';
  const split = splitDims(c.layer, layout === 'channels_last');
  if ('ok' in split || split.lead.length === 0) return undefined;
  return { layout, at: split.lead.length - 1 };
}

/** `short` is `long` with exactly one dim taken out. */
function removesOne(long: readonly number[], short: readonly number[]): boolean {
  if (long.length !== short.length + 1) return false;
  for (let i = 0; i < long.length; i++) {
    if (same([...long.slice(0, i), ...long.slice(i + 1)], short)) return true;
  }
  return false;
}

// ---------- gradients and Jacobians ----------

function callName(e: Expr): string | null {
  return e.type === 'call' && e.object === null ? e.callee : null;
}

function derivativeHint(c: Extract<HintCase, { type: 'shape' }>): Hint | null {
  const computed = nums(c.computed);
  const claimed = nums(c.claimed);
  if (!computed || !claimed) return null;
  const name = callName(c.expr);
  const text = pretty(claimed);
  if (name === 'jacobian' && c.jacobianOutRank !== undefined) {
    const ys = computed.slice(0, c.jacobianOutRank);
    const xs = computed.slice(c.jacobianOutRank);
    if (same([...xs, ...ys], claimed)) return hint('jacobian-layout', text, `${PHRASE['jacobian-layout']} (${pretty(ys)} then ${pretty(xs)})`);
  }
  if (name === 'grad' && c.derivatives === 'pytorch') {
    const numerator = computed.length === 1 ? [1, computed[0]] : [...computed].reverse();
    if (computed.length >= 1 && !same(numerator, computed) && same(numerator, claimed)) return hint('numerator-layout', text);
  }
  return null;
}

// ---------- layer shorthand ----------

interface DimInputs {
  L: number;
  k: number;
  s: number;
  p: number;
  d: number;
  op: number;
}

type Variant = { kind: HintKind; phrase?: string; dim: (x: DimInputs) => number | null };

const floorConv = (x: DimInputs, pad: number, round: (v: number) => number = Math.floor) =>
  round((x.L + pad - x.d * (x.k - 1) - 1) / x.s) + 1;
const convT = (x: DimInputs, pad: number) => (x.L - 1) * x.s - pad + x.d * (x.k - 1) + x.op + 1;

/** The mistaken formulas for conv and pool (PyTorch's floor((L+2p-d(k-1)-1)/s)+1 is the right one). */
function convVariants(ceilMode: boolean): Variant[] {
  const round = ceilMode ? Math.ceil : Math.floor;
  const v: Variant[] = [
    { kind: 'missing-plus-one', dim: (x) => floorConv(x, 2 * x.p, round) - 1 },
    { kind: 'padding-ignored', dim: (x) => (x.p === 0 ? null : floorConv(x, 0, round)) },
    { kind: 'padding-once', dim: (x) => (x.p === 0 ? null : floorConv(x, x.p, round)) },
    { kind: 'dilation-ignored', dim: (x) => (x.d === 1 ? null : floorConv({ ...x, d: 1 }, 2 * x.p, round)) },
    { kind: 'stride-ignored', dim: (x) => (x.s === 1 ? null : floorConv({ ...x, s: 1 }, 2 * x.p, round)) },
    { kind: 'tf-same', dim: (x) => Math.ceil(x.L / x.s) },
    { kind: 'conv-formula', phrase: 'uses the transposed-convolution formula for a convolution', dim: (x) => convT(x, 2 * x.p) },
  ];
  if (!ceilMode) v.unshift({ kind: 'ceil', dim: (x) => floorConv(x, 2 * x.p, Math.ceil) });
  return v;
}

const CONVT_VARIANTS: Variant[] = [
  { kind: 'conv-formula', phrase: 'uses the convolution formula for a transposed convolution', dim: (x) => floorConv(x, 2 * x.p) },
  { kind: 'missing-plus-one', dim: (x) => convT(x, 2 * x.p) - 1 },
  { kind: 'padding-ignored', dim: (x) => (x.p === 0 ? null : convT(x, 0)) },
  { kind: 'padding-once', dim: (x) => (x.p === 0 ? null : convT(x, x.p)) },
  { kind: 'dilation-ignored', dim: (x) => (x.d === 1 ? null : convT({ ...x, d: 1 }, 2 * x.p)) },
  { kind: 'stride-ignored', dim: (x) => (x.s === 1 ? null : convT({ ...x, s: 1 }, 2 * x.p)) },
];

function layerHint(c: Extract<HintCase, { type: 'layer' }>): Hint | null {
  const computed = nums(c.computed);
  const claimed = nums(c.claimed);
  if (!computed || !claimed || same(computed, claimed)) return null;
  const text = pretty(claimed);
  return formulaHint(c, computed, claimed, text) ?? channelsHint(c, computed, claimed, text) ?? dimensionalityHint(c, claimed, text);
}

/** The spatial dims recomputed with each mistaken formula, put back in place in the computed shape. */
function formulaHint(c: Extract<HintCase, { type: 'layer' }>, computed: number[], claimed: number[], text: string): Hint | null {
  if (claimed.length !== computed.length) return null;
  const channelsLast = c.options.layout === 'channels_last';
  const tf = c.options.convention === 'tensorflow';
  const split = splitDims(c.layer, channelsLast);
  if ('ok' in split) return null;
  const n = split.spatial.length;
  const params = resolveParams(c.layer, n, c.symbols, tf);
  if ('ok' in params) return null;
  // p=same and p=valid under TensorFlow have rules of their own; only the general formula is varied.
  if (params.same || (tf && params.valid)) return null;
  const inputs: DimInputs[] = [];
  for (let i = 0; i < n; i++) {
    const vals = [split.spatial[i], params.kernel[i], params.stride[i], params.padding[i], params.dilation[i], params.outputPadding[i]];
    const L = astValue(split.spatial[i], c.symbols);
    const [k, s, p, d, op] = vals.slice(1).map((x) => dimValue(x as Dim));
    if (L === undefined || k === undefined || s === undefined || p === undefined || d === undefined || op === undefined) return null;
    inputs.push({ L, k, s, p, d, op });
  }
  const head = split.lead.length > 0 ? split.lead.length : params.filters ? 1 : 0;
  const start = channelsLast && head > 0 ? head - 1 : head;
  const variants = c.layer.op === 'convT' ? CONVT_VARIANTS : convVariants(c.layer.op === 'pool' && params.ceil);
  for (const v of variants) {
    const dims = inputs.map(v.dim);
    if (dims.some((x) => x === null)) continue;
    const candidate = [...computed];
    dims.forEach((x, i) => (candidate[start + i] = x as number));
    if (!same(candidate, computed) && same(candidate, claimed)) return hint(v.kind, text, v.phrase);
  }
  return null;
}

function astValue(ast: LayerStmt['dims'][number], symbols: ReadonlyMap<string, number>): number | undefined {
  if (ast.type === 'int') return ast.value;
  if (ast.type === 'sym') return symbols.get(ast.name);
  return undefined;
}

/** `conv2d out 3x32x32 k3 f=16` claimed with 3 channels: the filters were not counted. */
function channelsHint(c: Extract<HintCase, { type: 'layer' }>, computed: number[], claimed: number[], text: string): Hint | null {
  if (claimed.length !== computed.length || c.layer.ndim === undefined) return null;
  const channelsLast = c.options.layout === 'channels_last';
  const split = splitDims(c.layer, channelsLast);
  if ('ok' in split || split.lead.length === 0) return null;
  const hasFilters = c.layer.params.some((p) => p.name === 'filters');
  if (!hasFilters) return null;
  const inC = astValue(split.lead[split.lead.length - 1], c.symbols);
  if (inC === undefined) return null;
  const at = channelsLast ? computed.length - 1 : split.lead.length - 1;
  const candidate = [...computed];
  candidate[at] = inC;
  if (!same(candidate, computed) && same(candidate, claimed)) {
    return hint('channels', text, `keeps the ${inC} input channels instead of the ${computed[at]} filters`);
  }
  return null;
}

/**
 * `pool out 32x32x32 k2 s2` after a 2-D layer: plain `pool` takes every dim as spatial, but the
 * claimed 32×16×16 reads the first dim as the channels, which is `pool2d`. The hint names the fix.
 */
function dimensionalityHint(c: Extract<HintCase, { type: 'layer' }>, claimed: number[], text: string): Hint | null {
  const n = c.layer.dims.length;
  if (c.layer.ndim !== undefined || n < 2) return null;
  const nd = (n - 1) as 1 | 2;
  const meant: LayerStmt = { ...c.layer, ndim: nd };
  const out = computeLayer(meant, c.symbols, c.options);
  if (!out.ok) return null;
  const dims = nums(out.shape);
  if (!dims || !same(dims, claimed)) return null;
  const word = `${c.layer.op}${nd}d`;
  const chans = astValue(c.layer.dims[c.options.layout === 'channels_last' ? n - 1 : 0], c.symbols);
  return hint(
    'channels', text,
    `is what ${word} gives, reading ${chans ?? 'the first dim'} as the channels: plain ${c.layer.op} takes every dim as spatial; write ${word} out ... to mean C×${nd === 2 ? 'H×W' : 'L'}`,
  );
}

// ---------- parameter counts ----------

function paramsHint(c: Extract<HintCase, { type: 'params' }>): Hint | null {
  const p = c.params;
  const v = (ast: Parameters<typeof astValue>[0] | null) => (ast ? astValue(ast, c.symbols) : undefined);
  let out: number | undefined;
  let inside: number | undefined;
  let kernel = 1;
  let groups = 1;
  if (p.layer === 'linear') {
    if (p.features.length !== 2) return null;
    inside = v(p.features[0]);
    out = v(p.features[1]);
  } else {
    out = v(p.outChannels);
    inside = v(p.inChannels);
    const nd = Number(p.layer.slice(-2, -1));
    const ks = p.kernel.map((k) => v(k));
    if (ks.some((k) => k === undefined)) return null;
    kernel = ks.length === 1 ? (ks[0] as number) ** nd : ks.reduce((a: number, b) => a * (b as number), 1);
    groups = p.groups ? (v(p.groups) ?? NaN) : 1;
  }
  if (out === undefined || inside === undefined || !Number.isFinite(groups)) return null;
  const transposed = p.layer.startsWith('convT');
  const bias = p.bias ? out : 0;
  if (p.bias && c.claimed === c.computed - bias) return hint('bias-ignored', c.claimedText, `leaves out the bias (${bias} parameters)`);
  if (p.layer !== 'linear') {
    // conv: out·(in/g)·k; convT: in·(out/g)·k. Leaving out the input channels drops the in (or in/g) factor.
    const weight = transposed ? (out / groups) * kernel : out * kernel;
    if (c.claimed === weight + bias) return hint('in-channels-ignored', c.claimedText, `leaves out the ${inside} input channels`);
    if (p.bias && c.claimed === weight) return hint('in-channels-ignored', c.claimedText, `leaves out the ${inside} input channels (and the bias)`);
  }
  return null;
}

// ---------- values ----------

function valueHint(c: Extract<HintCase, { type: 'value' }>): Hint | null {
  const matches = (candidate: number | NestedNumbers) => {
    try {
      return compareToClaim(tensorFromNested(candidate), c.claimed, c.decimals).matches;
    } catch {
      return false;
    }
  };
  const name = callName(c.expr);
  if (typeof c.computed === 'number' && (name === 'macs' || name === 'flops')) {
    const other = name === 'macs' ? c.computed * 2 : c.computed / 2;
    if (matches(other)) {
      return hint('macs-vs-flops', c.claimedText, name === 'macs' ? 'counts FLOPs where MACs are asked (FLOPs = 2 × MACs)' : PHRASE['macs-vs-flops']);
    }
  }
  const negated = negate(c.computed);
  if (!allZero(c.computed) && matches(negated)) return hint('sign', c.claimedText);
  const t = transpose(c.computed);
  if (t && matches(t) && !matches(c.computed)) return hint('transposed', c.claimedText);
  return null;
}

function negate(v: number | NestedNumbers): number | NestedNumbers {
  return typeof v === 'number' ? -v : ((v as unknown[]).map((x) => negate(x as number | NestedNumbers)) as NestedNumbers);
}

function allZero(v: number | NestedNumbers): boolean {
  return typeof v === 'number' ? v === 0 : (v as unknown[]).every((x) => allZero(x as number | NestedNumbers));
}

/** The transpose of a matrix (2-D nested numbers), or null for anything else. */
function transpose(v: number | NestedNumbers): number[][] | null {
  if (typeof v === 'number' || v.length === 0 || !Array.isArray(v[0])) return null;
  const rows = v as number[][];
  if (rows.some((r) => !Array.isArray(r) || r.length !== rows[0].length || r.some((x) => typeof x !== 'number'))) return null;
  return rows[0].map((_, j) => rows.map((r) => r[j]));
}

