/**
 * The functions of the claim language, with PyTorch's names, argument order and keyword names
 * (torch.* and torch.nn.functional.*). Each entry binds its arguments and hands typed values to an
 * op in ops/*. Method calls (`x.sum(dim=0)`) use the same entries with `x` as the first argument.
 */
import { constDim, dimValue } from '../dims';
import { OpFailure } from './errors';
import { type Bound, type Builtin, type Ctx } from './builtins';
import { crossEntropy, checkReduction, mseLoss } from './ops/losses';
import { conv, convTranspose, linear, pool } from './ops/nn';
import { arange, eye, ones, randn, zeros } from './ops/constructors';
import { einsum } from './ops/einsum';
import { matmul, dot, outer } from './ops/matmul';
import { extreme, sum } from './ops/reduce';
import {
  cat, flatten, permute, reshape, reverseDims, squeeze, stack, transpose, unsqueeze, type ReshapeEntry,
} from './ops/shapeOps';
import { softmax } from './ops/activations';
import { binary, BINARY, unary, UNARY } from './ops/elementwise';
import { fmt } from './shape';
import type { Tensor } from './tensor';
import { isTensor, toDim, type Value } from './values';

const fn = (sig: string[], run: (a: Bound, cx: Ctx) => Value): Builtin => ({ sig, run });

function unaryFn(name: keyof typeof UNARY): Builtin {
  return fn(['input'], (a, cx) => unary(UNARY[name], a.tensor('input'), cx.budget));
}

function binaryFn(name: keyof typeof BINARY, second = 'other'): Builtin {
  return fn(['input', second], (a, cx) => binary(BINARY[name], a.tensor('input'), a.tensor(second), cx.budget));
}

function reduceFn(mean: boolean): Builtin {
  return fn(['input', 'dim=None', 'keepdim=False'], (a, cx) => sum(a.tensor('input'), a.optInts('dim'), a.bool('keepdim', false), cx.budget, mean));
}

/**
 * max(x), max(x, dim, keepdim) or max(x, other) (elementwise). PyTorch tells a dim from a tensor by
 * its Python type; here a second argument written as a whole-number literal or a symbol is a dim.
 */
function extremeFn(isMax: boolean): Builtin {
  return fn(['input', 'dim=None', 'keepdim=False', 'other=None'], (a, cx) => {
    const x = a.tensor('input');
    const second = a.arg('dim');
    const looksLikeDim = second !== undefined && (!isTensor(second.v) || (second.v.rank === 0 && !second.v.node && isLiteralInt(second)));
    if (a.has('other') || (second && !looksLikeDim)) {
      const other = a.has('other') ? a.tensor('other') : a.tensor('dim');
      return binary(isMax ? BINARY.maximum : BINARY.minimum, x, other, cx.budget);
    }
    return extreme(x, a.optInt('dim'), a.bool('keepdim', false), cx.budget, isMax);
  });
}

function isLiteralInt(arg: { expr: { type: string; arg?: { type: string } } }): boolean {
  const e = arg.expr;
  return e.type === 'num' || e.type === 'name' || (e.type === 'unary' && e.arg?.type === 'num');
}

function convFn(nd: number): Builtin {
  return fn(['input', 'weight', 'bias=None', 'stride=1', 'padding=0', 'dilation=1', 'groups=1'], (a, cx) => {
    let padding: number[] | 'same' | 'valid';
    if (a.isStr('padding')) {
      const p = a.str('padding', 'valid');
      padding = p === 'same' || p === 'valid' ? p : a.fail('padding', `conv${nd}d: padding must be a number, a tuple, 'same' or 'valid', got '${p}'`);
    } else padding = a.ints('padding', [0]);
    return conv(nd, a.tensor('input'), a.tensor('weight'), a.optTensor('bias'), {
      stride: a.ints('stride', [1]), padding, dilation: a.ints('dilation', [1]), groups: a.int('groups', 1),
    }, cx.budget);
  });
}

function convTFn(nd: number): Builtin {
  return fn(['input', 'weight', 'bias=None', 'stride=1', 'padding=0', 'output_padding=0', 'groups=1', 'dilation=1'], (a, cx) =>
    convTranspose(nd, a.tensor('input'), a.tensor('weight'), a.optTensor('bias'), {
      stride: a.ints('stride', [1]), padding: a.ints('padding', [0]), outputPadding: a.ints('output_padding', [0]),
      groups: a.int('groups', 1), dilation: a.ints('dilation', [1]),
    }, cx.budget));
}

function maxPoolFn(nd: number): Builtin {
  return fn(['input', 'kernel_size', 'stride=None', 'padding=0', 'dilation=1', 'ceil_mode=False', 'return_indices=False'], (a, cx) => {
    if (a.bool('return_indices', false)) a.fail('return_indices', `max_pool${nd}d: return_indices is not supported (results are values only)`);
    return pool('max', nd, a.tensor('input'), {
      kernel: a.ints('kernel_size', []), stride: a.optInts('stride'), padding: a.ints('padding', [0]),
      dilation: a.ints('dilation', [1]), ceilMode: a.bool('ceil_mode', false), countIncludePad: true,
    }, cx.budget);
  });
}

function avgPoolFn(nd: number): Builtin {
  return fn(['input', 'kernel_size', 'stride=None', 'padding=0', 'ceil_mode=False', 'count_include_pad=True', 'divisor_override=None'], (a, cx) => {
    if (a.has('divisor_override')) a.fail('divisor_override', `avg_pool${nd}d: divisor_override is not supported`);
    return pool('avg', nd, a.tensor('input'), {
      kernel: a.ints('kernel_size', []), stride: a.optInts('stride'), padding: a.ints('padding', [0]),
      dilation: [1], ceilMode: a.bool('ceil_mode', false), countIncludePad: a.bool('count_include_pad', true),
    }, cx.budget);
  });
}

function reshapeEntries(a: Bound): ReshapeEntry[] {
  return a.sizes().map((d) => (dimValue(d) === -1 ? 'infer' : d));
}

function softmaxFn(log: boolean): Builtin {
  return fn(['input', 'dim=None'], (a, cx) => softmax(a.tensor('input'), a.optInt('dim'), cx.budget, log));
}

/** The table. Aliases (`view`, `t`, `mm`, torch.* spellings) point at the same entries. */
export const FUNCTIONS: Record<string, Builtin> = {
  // elementwise and math
  add: binaryFn('add'), sub: binaryFn('sub'), subtract: binaryFn('sub'), mul: binaryFn('mul'), multiply: binaryFn('mul'),
  div: binaryFn('div'), divide: binaryFn('div'), pow: binaryFn('pow', 'exponent'),
  maximum: binaryFn('maximum'), minimum: binaryFn('minimum'),
  neg: unaryFn('neg'), negative: unaryFn('neg'), exp: unaryFn('exp'), log: unaryFn('log'), sqrt: unaryFn('sqrt'),
  abs: unaryFn('abs'), sigmoid: unaryFn('sigmoid'), tanh: unaryFn('tanh'), relu: unaryFn('relu'),
  square: fn(['input'], (a, cx) => binary(BINARY.mul, a.tensor('input'), a.tensor('input'), cx.budget)),
  softmax: softmaxFn(false), log_softmax: softmaxFn(true),
  // products
  matmul: fn(['input', 'other'], (a, cx) => matmul(a.tensor('input'), a.tensor('other'), cx.budget)),
  mm: fn(['input', 'mat2'], (a, cx) => {
    const x = a.tensor('input');
    const y = a.tensor('mat2');
    if (x.rank !== 2 || y.rank !== 2) throw new OpFailure(`mm: both operands must be 2-D, got ${fmt(x.shape)} and ${fmt(y.shape)}`, 'operand-shapes');
    return matmul(x, y, cx.budget, 'mm');
  }),
  dot: fn(['input', 'other'], (a, cx) => dot(a.tensor('input'), a.tensor('other'), cx.budget)),
  outer: fn(['input', 'vec2'], (a, cx) => outer(a.tensor('input'), a.tensor('vec2'), cx.budget)),
  einsum: fn(['equation', '*operands'], (a, cx) => {
    const eq = a.str('equation', '');
    let ops: Tensor[] = a.rest.map((r) => toTensorArg(a, r));
    if (a.rest.length === 1 && !isTensor(a.rest[0].v) && a.rest[0].v.kind === 'list') {
      const list = a.rest[0].v;
      ops = list.items.map((v) => toTensorArg(a, { ...a.rest[0], v }));
    }
    return einsum(eq, ops, cx.budget);
  }),
  linear: fn(['input', 'weight', 'bias=None'], (a, cx) => linear(a.tensor('input'), a.tensor('weight'), a.optTensor('bias'), cx.budget)),
  // reductions
  sum: reduceFn(false), mean: reduceFn(true), max: extremeFn(true), min: extremeFn(false),
  // shape ops
  transpose: fn(['input', 'dim0', 'dim1'], (a, cx) => transpose(a.tensor('input'), a.int('dim0', 0), a.int('dim1', 1), cx.budget)),
  t: fn(['input'], (a, cx) => {
    const x = a.tensor('input');
    if (x.rank > 2) throw new OpFailure(`t: expects a tensor with at most 2 dims, got ${fmt(x.shape)} (use transpose or .T)`, 'operand-shapes');
    return reverseDims(x, cx.budget);
  }),
  permute: fn(['input', '*dims'], (a, cx) => permute(a.tensor('input'), a.restInts(), cx.budget)),
  reshape: fn(['input', '*shape'], (a, cx) => reshape(a.tensor('input'), reshapeEntries(a), cx.budget)),
  flatten: fn(['input', 'start_dim=0', 'end_dim=-1'], (a, cx) => flatten(a.tensor('input'), a.int('start_dim', 0), a.int('end_dim', -1), cx.budget)),
  unsqueeze: fn(['input', 'dim'], (a, cx) => unsqueeze(a.tensor('input'), a.int('dim', 0), cx.budget)),
  squeeze: fn(['input', 'dim=None'], (a, cx) => squeeze(a.tensor('input'), a.optInt('dim'), cx.budget)),
  cat: fn(['tensors', 'dim=0'], (a, cx) => cat(a.tensorList('tensors'), a.int('dim', 0), cx.budget)),
  concat: fn(['tensors', 'dim=0'], (a, cx) => cat(a.tensorList('tensors'), a.int('dim', 0), cx.budget)),
  stack: fn(['tensors', 'dim=0'], (a, cx) => stack(a.tensorList('tensors'), a.int('dim', 0), cx.budget)),
  // nn
  conv1d: convFn(1), conv2d: convFn(2), conv3d: convFn(3),
  conv_transpose1d: convTFn(1), conv_transpose2d: convTFn(2), conv_transpose3d: convTFn(3),
  max_pool1d: maxPoolFn(1), max_pool2d: maxPoolFn(2), max_pool3d: maxPoolFn(3),
  avg_pool1d: avgPoolFn(1), avg_pool2d: avgPoolFn(2), avg_pool3d: avgPoolFn(3),
  // losses
  mse_loss: fn(['input', 'target', 'size_average=None', 'reduce=None', 'reduction=mean'], (a, cx) =>
    mseLoss(a.tensor('input'), a.tensor('target'), checkReduction('mse_loss', a.str('reduction', 'mean')), cx.budget)),
  cross_entropy: fn(
    ['input', 'target', 'weight=None', 'size_average=None', 'ignore_index=-100', 'reduce=None', 'reduction=mean', 'label_smoothing=0.0'],
    (a, cx) => {
      if (a.has('weight')) a.fail('weight', 'cross_entropy: class weights are not supported');
      if (a.number('label_smoothing', 0) !== 0) a.fail('label_smoothing', 'cross_entropy: label_smoothing is not supported');
      return crossEntropy(a.tensor('input'), a.tensor('target'), checkReduction('cross_entropy', a.str('reduction', 'mean')), cx.budget);
    },
  ),
  // constructors
  zeros: fn(['*size'], (a, cx) => zeros(a.sizes(), cx.budget)),
  ones: fn(['*size'], (a, cx) => ones(a.sizes(), cx.budget)),
  randn: fn(['*size'], (a, cx) => randn(a.sizes(), cx.normal, cx.budget)),
  arange: fn(['start', 'end=None', 'step=1'], (a, cx) => {
    const step = a.number('step', 1);
    if (!a.has('end')) return arange(constDim(0), numOrDim(a, 'start'), step, cx.budget);
    return arange(numOrDim(a, 'start'), numOrDim(a, 'end'), step, cx.budget);
  }),
  eye: fn(['n', 'm=None'], (a, cx) => {
    const n = a.dim('n');
    return eye(n, a.has('m') ? a.dim('m') : n, cx.budget);
  }),
  tensor: fn(['data'], (a) => a.tensor('data')),
};

function toTensorArg(a: Bound, r: { v: Value; span: { start: number; end: number } }): Tensor {
  if (isTensor(r.v)) return r.v;
  throw new OpFailure(`${a.fn}: expected a tensor, got something else`, 'eval', undefined, r.span);
}

/** arange accepts fractional bounds; symbolic ones give a shape-only result. */
function numOrDim(a: Bound, name: string): ReturnType<typeof toDim> {
  const arg = a.arg(name);
  if (arg && !isTensor(arg.v) && arg.v.kind === 'dim') return arg.v.dim;
  return constDim(a.number(name, 0));
}

export const ALIASES: Record<string, string> = {
  view: 'reshape', concatenate: 'cat', mv: 'matmul', true_divide: 'div',
};

export function lookupFunction(name: string): Builtin | undefined {
  return FUNCTIONS[ALIASES[name] ?? name];
}
