/**
 * Reads a layer statement's params into one value per spatial dim, with the defaults of spec section 3,
 * rejecting params that do not belong to the op (a failure names the param's span).
 */
import type { LayerOp, LayerParam, LayerParamName, LayerStmt } from '../claims/ast';
import { Dim, constDim } from '../dims';
import { isFail, readDim } from './read-dim';
import { LayerFailure, fail } from './types';

export interface ResolvedParams {
  kernel: Dim[];
  stride: Dim[];
  padding: Dim[];
  dilation: Dim[];
  outputPadding: Dim[];
  /** 'same' only for conv (stride 1 checked by the caller's formula); 'valid' is resolved to 0. */
  same: boolean;
  /** `p=valid` was written (padding 0; TensorFlow's VALID rule under `convention tensorflow`). */
  valid: boolean;
  ceil: boolean;
  filters: Dim | null;
  /** The params as written, for error spans. */
  written: Partial<Record<LayerParamName, LayerParam>>;
}

const SHORT: Record<LayerParamName, string> = {
  kernel: 'kernel (k)',
  stride: 'stride (s)',
  padding: 'padding (p)',
  dilation: 'dilation (d)',
  filters: 'filters (f)',
  output_padding: 'output padding (op)',
  ceil: 'ceil',
};

const OP_WORD: Record<LayerOp, string> = { conv: 'conv', pool: 'pool', convT: 'convT' };

/** Which params each op accepts. */
function accepts(op: LayerOp, name: LayerParamName): boolean {
  if (name === 'ceil') return op === 'pool';
  if (name === 'output_padding') return op === 'convT';
  if (name === 'filters') return op !== 'pool';
  return true;
}

function perDim(
  p: LayerParam | undefined, nSpatial: number, symbols: ReadonlyMap<string, number>, min: number, fallback: () => Dim[],
): Dim[] | LayerFailure {
  if (!p) return fallback();
  if (p.values.length !== 1 && p.values.length !== nSpatial) {
    const dims = nSpatial === 1 ? '1 spatial dim' : `${nSpatial} spatial dims`;
    return fail(
      `${SHORT[p.name]} has ${p.values.length} values, but the layer has ${dims}: give one value, or one per spatial dim`,
      p.span,
    );
  }
  const out: Dim[] = [];
  for (const ast of p.values) {
    const d = readDim(ast, symbols, SHORT[p.name], min);
    if (isFail(d)) return d;
    out.push(d);
  }
  return p.values.length === 1 ? Array(nSpatial).fill(out[0]) : out;
}

/** `sameForPool`: TensorFlow's SAME rule also applies to pooling (`convention tensorflow`). */
export function resolveParams(stmt: LayerStmt, nSpatial: number, symbols: ReadonlyMap<string, number>, sameForPool = false): ResolvedParams | LayerFailure {
  const written: Partial<Record<LayerParamName, LayerParam>> = {};
  for (const p of stmt.params) {
    if (written[p.name]) return fail(`${SHORT[p.name]} is given twice`, p.span, 'syntax');
    if (!accepts(stmt.op, p.name)) {
      const why = p.name === 'filters' ? 'pooling keeps the channels' : `it applies to ${p.name === 'ceil' ? 'pool' : 'convT'} only`;
      return fail(`${OP_WORD[stmt.op]} takes no ${SHORT[p.name]}: ${why}`, p.span);
    }
    written[p.name] = p;
  }
  const k = written.kernel;
  if (!k || k.values.length === 0) {
    return fail(`${OP_WORD[stmt.op]} needs a kernel size (k3, k=3 or kernel=3)`, k ? k.span : stmt.opSpan);
  }
  const kernel = perDim(k, nSpatial, symbols, 1, () => []);
  if (isFail(kernel)) return kernel;

  const ones = () => Array<Dim>(nSpatial).fill(constDim(1));
  const zeros = () => Array<Dim>(nSpatial).fill(constDim(0));
  // Pooling's stride defaults to its kernel, as torch.nn.MaxPool2d(kernel_size) does.
  const stride = perDim(written.stride, nSpatial, symbols, 1, () => (stmt.op === 'pool' ? kernel : ones()));
  if (isFail(stride)) return stride;
  const dilation = perDim(written.dilation, nSpatial, symbols, 1, ones);
  if (isFail(dilation)) return dilation;
  const outputPadding = perDim(written.output_padding, nSpatial, symbols, 0, zeros);
  if (isFail(outputPadding)) return outputPadding;

  const pw = written.padding;
  let padding: Dim[] | LayerFailure;
  let same = false;
  if (pw?.mode === 'same') {
    if (stmt.op === 'convT' || (stmt.op === 'pool' && !sameForPool)) {
      return fail(`p=same is for conv only; ${OP_WORD[stmt.op]} needs an explicit padding (as in PyTorch)`, pw.span);
    }
    same = true;
    padding = zeros(); // replaced per dim by the caller: the total is d(k-1)
  } else if (pw?.mode === 'valid') {
    padding = zeros();
  } else {
    padding = perDim(pw, nSpatial, symbols, 0, zeros);
  }
  if (isFail(padding)) return padding;

  let filters: Dim | null = null;
  const fw = written.filters;
  if (fw) {
    if (fw.values.length !== 1) return fail(`filters (f) takes one value, got ${fw.values.length}`, fw.span, 'syntax');
    const f = readDim(fw.values[0], symbols, SHORT.filters, 1);
    if (isFail(f)) return f;
    filters = f;
  }
  return { kernel, stride, padding, dilation, outputPadding, same, valid: pw?.mode === 'valid', ceil: !!written.ceil, filters, written };
}
