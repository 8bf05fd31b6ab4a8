/**
 * `params conv2d k11 c=3 f=96 = 34944` and `params linear 4096 1000 nobias`: counting learnable
 * parameters. Missing kernels or channels are left null for the checker, which reports them with
 * the layer's other problems.
 */
import type { Span } from '../core/span';
import type { DimAst, Expr, ParamsStmt, Stmt } from './ast';
import { q } from './tokens';
import { Cursor, expectEnd } from './cursor';
import { parseExpr } from './expr';
import { checkDuplicate, parseParam, type ParamTable, type ParsedParam } from './paramWords';
import { canStartDim, parseDim } from './shape';

type ParamsLayer = ParamsStmt['layer'];
const LAYERS: readonly ParamsLayer[] = ['conv1d', 'conv2d', 'conv3d', 'convT1d', 'convT2d', 'convT3d', 'linear'];

type ConvParam = 'kernel' | 'in' | 'out' | 'groups' | 'nobias';

const CONV_PARAMS: ParamTable<ConvParam> = {
  noun: 'parameter',
  expected: 'k, c, f, g or nobias',
  specs: [
    { name: 'kernel', short: 'k', long: ['k', 'kernel', 'kernel_size'], label: 'a kernel size' },
    { name: 'in', short: 'c', long: ['c', 'in', 'in_channels'], label: 'a number of input channels', single: true },
    { name: 'out', short: 'f', long: ['f', 'out', 'filters', 'out_channels'], label: 'a number of filters', single: true },
    { name: 'groups', short: 'g', long: ['g', 'groups'], label: 'a number of groups', single: true },
    { name: 'nobias', short: null, long: ['nobias'], label: 'nobias', flag: true },
  ],
};

const LABELS: Record<ConvParam, string> = {
  kernel: 'kernel',
  in: 'number of input channels',
  out: 'number of filters',
  groups: 'number of groups',
  nobias: "'nobias'",
};

export function parseParamsStmt(c: Cursor, span: Span): Stmt {
  const kw = c.next();
  const layerTok = c.peek();
  if (!layerTok || layerTok.kind !== 'word' || !(LAYERS as readonly string[]).includes(layerTok.text)) {
    throw c.error(
      `expected a layer after 'params' (conv1d, conv2d, conv3d, convT1d, convT2d, convT3d or linear), found ${layerTok ? `${q(layerTok.text)}` : 'the end of the statement'}`,
      layerTok ? layerTok.span : kw.span,
    );
  }
  c.next();
  const params: ParamsStmt = {
    layer: layerTok.text as ParamsLayer,
    layerSpan: layerTok.span,
    kernel: [],
    inChannels: null,
    outChannels: null,
    groups: null,
    bias: true,
    features: [],
  };
  if (params.layer === 'linear') parseLinear(c, params);
  else parseConv(c, params);

  let rhs: { expr: Expr; span: Span } | null = null;
  const eq = c.eatOp('=');
  if (eq) {
    if (c.atEnd()) throw c.error(`expected the claimed number of parameters after '='`, eq.span);
    const expr = parseExpr(c);
    expectEnd(c, 'the claimed number');
    rhs = { expr, span: expr.span };
  }
  return { type: 'params', params, rhs, span };
}

function parseConv(c: Cursor, out: ParamsStmt): void {
  const seen: ParsedParam<ConvParam>[] = [];
  while (!c.atEnd() && !c.isOp('=')) {
    if (!c.isWord()) throw c.expected('a parameter such as k3, c=3 or f=16');
    const p = parseParam(c, CONV_PARAMS);
    checkDuplicate(seen, p, LABELS[p.name]);
    seen.push(p);
    const one: DimAst | null = p.values[0] ?? null;
    if (p.name === 'kernel') out.kernel = p.values;
    else if (p.name === 'in') out.inChannels = one;
    else if (p.name === 'out') out.outChannels = one;
    else if (p.name === 'groups') out.groups = one;
    else out.bias = false;
  }
}

function parseLinear(c: Cursor, out: ParamsStmt): void {
  let nobias: Span | null = null;
  while (!c.atEnd() && !c.isOp('=')) {
    const t = c.peek()!;
    if (t.kind === 'word' && t.text === 'nobias') {
      if (nobias) throw c.error(`'nobias' is given twice`, t.span);
      nobias = t.span;
      c.next();
      out.bias = false;
      continue;
    }
    if (!canStartDim(t)) throw c.expected(`the in and out features, as in 'params linear 4096 1000'`);
    const d = parseDim(c);
    if (out.features.length === 2) throw c.error(`linear takes two numbers, in and out features; this is a third`, d.span);
    out.features.push(d);
  }
  if (out.features.length < 2) {
    throw c.error(
      `expected the in and out features after 'linear', as in 'params linear 4096 1000'`,
      out.features.length === 1 ? out.features[0].span : out.layerSpan,
    );
  }
}
