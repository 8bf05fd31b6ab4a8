/**
 * The course conventions of spec section 3b: `convention`, `layout` and `derivatives` statements set
 * how later claims are computed. They are held in the scope like a `let` and have no status of their
 * own; the pieces here are what the statement checker asks of them.
 */
import type { Expr, Stmt } from '../claims/ast';
import type { CheckResult } from '../core/result';
import type { Span } from '../core/span';
import { fromData, shapeOnlyTensor, type Tensor } from '../engine/tensor';
import { constDim, dimValue, formatShape } from '../dims';
import type { LayerOptions, LayerOutcome } from '../layers';
import type { ClaimSettings, Scope } from './scope';

type Verdict = Omit<CheckResult, 'span' | 'source' | 'links'>;

/** `convention tensorflow`: later claims of the document (until the next such statement) follow it. */
export function applySetting(scope: Scope, stmt: Extract<Stmt, { type: 'setting' }>): null {
  scope.settings = { ...scope.settings, [stmt.name]: stmt.value };
  return null;
}

export function layerOptions(settings: ClaimSettings): LayerOptions {
  return { convention: settings.convention, layout: settings.layout };
}

/** Under `convention strict` a layer whose division is not whole does not fit: the message says which. */
export function strictProblem(settings: ClaimSettings, out: LayerOutcome, source: string): string | null {
  if (settings.convention !== 'strict' || out.unfit.length === 0) return null;
  return `Under convention strict, ${source} does not fit its input: ${out.unfit.join('; ')}`;
}

/** `fits conv out ...` / `not fits conv out ...`: judged the same under any convention. */
export function fitsVerdict(source: string, claimsFit: boolean, out: LayerOutcome, claimedSpan: Span, claimedText: string): Verdict {
  const fits = out.unfit.length === 0;
  const holds = fits === claimsFit;
  const why = fits ? 'every division before the floor is whole' : out.unfit.join('; ');
  const computedText = fits ? 'fits' : 'does not fit';
  return {
    kind: 'layer',
    status: holds ? 'pass' : 'fail',
    code: holds ? 'ok' : 'mismatch',
    computed: formatShape(out.shape, 'canonical'),
    computedText,
    claimed: claimedText,
    claimedSpan,
    message: holds
      ? `${source} ${fits ? 'fits' : 'does not fit'} its input, as claimed (${why})`
      : `Claimed that ${source} ${claimsFit ? 'fits' : 'does not fit'} its input, but it ${fits ? 'does' : 'does not'} (${why})`,
    steps: out.explanation,
  };
}

/**
 * `derivatives numerator`: a gradient `grad(l, x)` is read in numerator layout, x's dims reversed and
 * a vector's as a row (x of 5: 1×5; W of 2×3: 3×2). Jacobians keep `y.shape + x.shape`.
 */
export function inNumeratorLayout(settings: ClaimSettings, expr: Expr, value: Tensor): Tensor {
  if (settings.derivatives !== 'numerator' || expr.type !== 'call' || expr.object !== null || expr.callee !== 'grad') return value;
  return numeratorLayout(value);
}

export function numeratorLayout(value: Tensor): Tensor {
  const shape = value.shape;
  const target = shape.length === 1 ? [constDim(1), shape[0]] : [...shape].reverse();
  if (value.data === null) return shapeOnlyTensor(target);
  const dims = shape.map((d) => dimValue(d) ?? 0);
  if (dims.length <= 1) return fromData(dims.length === 1 ? [1, dims[0]] : [], value.data);
  // Reverse the axes: out[i_{n-1},...,i_0] = in[i_0,...,i_{n-1}].
  const n = dims.length;
  const strides = new Array<number>(n);
  let acc = 1;
  for (let i = n - 1; i >= 0; i--) {
    strides[i] = acc;
    acc *= dims[i];
  }
  const outDims = [...dims].reverse();
  const out = new Float64Array(value.data.length);
  const idx = new Array<number>(n).fill(0);
  for (let o = 0; o < out.length; o++) {
    // idx holds the output's multi-index; the input's is its reverse.
    let src = 0;
    for (let j = 0; j < n; j++) src += idx[j] * strides[n - 1 - j];
    out[o] = value.data[src];
    for (let j = n - 1; j >= 0; j--) {
      if (++idx[j] < outDims[j]) break;
      idx[j] = 0;
    }
  }
  return fromData(outDims, out);
}
