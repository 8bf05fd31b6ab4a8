/**
 * The layer shorthand (spec section 3): `conv2d out 3x32x32 k3 s2 p1 f=16 = 16x16x16`.
 * Only syntax is judged here; whether a kernel was given or `p=same` suits the stride is the layer
 * checker's business, since it must explain it with the numbers.
 */
import type { LayerParam, LayerParamName, LayerStmt, ShapeAst, Stmt } from './ast';
import type { Span } from '../core/span';
import { Cursor, expectEnd } from './cursor';
import { checkDuplicate, parseParam, type ParamTable, type ParsedParam } from './paramWords';
import { parseShape } from './shape';
import { describeToken, q } from './tokens';

const LAYER_WORD = /^(conv|pool|convT)([123]d)?$/;

export const LAYER_PARAMS: ParamTable<LayerParamName> = {
  noun: 'layer parameter',
  expected: 'k, s, p, d, f, op or ceil',
  specs: [
    { name: 'kernel', short: 'k', long: ['k', 'kernel', 'kernel_size'], label: 'a kernel size' },
    { name: 'stride', short: 's', long: ['s', 'stride'], label: 'a stride' },
    { name: 'padding', short: 'p', long: ['p', 'padding'], label: 'a padding', modes: ['same', 'valid'] },
    { name: 'dilation', short: 'd', long: ['d', 'dilation'], label: 'a dilation' },
    { name: 'filters', short: 'f', long: ['f', 'filters', 'out_channels'], label: 'a number of filters', single: true },
    { name: 'output_padding', short: 'op', long: ['op', 'output_padding'], label: 'an output padding' },
    { name: 'ceil', short: null, long: ['ceil', 'ceil_mode'], label: 'ceil mode', flag: true },
  ],
};

const LABELS: Record<LayerParamName, string> = {
  kernel: 'kernel',
  stride: 'stride',
  padding: 'padding',
  dilation: 'dilation',
  filters: 'number of filters',
  output_padding: 'output padding',
  ceil: 'ceil mode',
};

/** A layer statement starts with the op word followed by a word or number (`conv out`, `conv 10x11`). */
export function isLayerStart(c: Cursor): boolean {
  const t = c.peek();
  const n = c.peek(1);
  return t?.kind === 'word' && LAYER_WORD.test(t.text) && (n?.kind === 'word' || n?.kind === 'num');
}

/** `maxpool out ...`, `conv2D out ...`: a layer statement with a layer we do not know. */
export function isUnknownLayer(c: Cursor): boolean {
  const t = c.peek();
  return t?.kind === 'word' && !LAYER_WORD.test(t.text) && c.isWord('out', 1) && (c.peek(2)?.kind === 'word' || c.peek(2)?.kind === 'num');
}

export function unknownLayer(c: Cursor): never {
  const t = c.peek()!;
  throw c.error(`unknown layer ${q(t.text)}; expected conv, pool or convT, optionally with 1d, 2d or 3d (conv2d, pool1d, convT3d)`, t.span);
}

/** A word that is plainly a parameter, where the input dims should be (`conv out k3`). */
function looksLikeParam(c: Cursor): boolean {
  const t = c.peek();
  if (t?.kind !== 'word') return false;
  if (/^(k|s|p|d|f|op)\d+(x\d+)*$/.test(t.text) || t.text === 'ceil') return true;
  return c.isOp('=', 1) && LAYER_PARAMS.specs.some((s) => s.long.includes(t.text));
}

export function parseLayer(c: Cursor, span: Span): Stmt {
  const opTok = c.next();
  const m = LAYER_WORD.exec(opTok.text)!;
  if (!c.isWord('out')) throw c.expected(`'out' after ${q(opTok.text)}`);
  const outTok = c.next();
  if (c.atEnd() || c.isOp('=') || c.isOp(':') || looksLikeParam(c)) {
    throw c.error(`expected the input dims after 'out', found ${describeToken(c.peek())}`, c.peek()?.span ?? outTok.span);
  }
  const shape = parseShape(c);
  const params: ParsedParam<LayerParamName>[] = [];
  while (!c.atEnd() && !c.isOp('=') && !c.isOp(':')) {
    if (!c.isWord()) throw c.expected('a layer parameter such as k3 or s2');
    const p = parseParam(c, LAYER_PARAMS);
    checkDuplicate(params, p, LABELS[p.name]);
    params.push(p);
  }
  let rhs: { shape: ShapeAst; span: Span } | null = null;
  const rel = c.eatOp('=') ?? c.eatOp(':');
  if (rel) {
    if (c.atEnd()) throw c.error(`expected the claimed shape after ${q(rel.text)}`, rel.span);
    const claimed = parseShape(c);
    expectEnd(c, 'the claimed shape');
    rhs = { shape: claimed, span: claimed.span };
  }
  const layer: LayerStmt = {
    op: m[1] as LayerStmt['op'],
    opSpan: opTok.span,
    dims: shape.dims,
    dimsSpan: shape.span,
    params: params.map((p): LayerParam => (p.mode ? { name: p.name, values: p.values, mode: p.mode, span: p.span } : { name: p.name, values: p.values, span: p.span })),
  };
  if (m[2]) layer.ndim = Number(m[2][0]) as 1 | 2 | 3;
  return { type: 'layer', layer, rhs, span };
}
