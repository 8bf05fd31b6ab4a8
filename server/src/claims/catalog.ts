/**
 * What a student can write inside a claim, documented once: functions with their signatures and a
 * one-line description, `nn.` module constructors, statement keywords and layer-shorthand params. The
 * editor's completion, signature help and hover read this table, and docs/functions.md is generated from
 * it (`node scripts/function-docs.mjs`); a unit test keeps the signatures equal to the engine's.
 *
 * Signatures follow PyTorch: `name=default` is optional, `*name` collects the remaining arguments.
 */

export interface FunctionDoc {
  name: string;
  sig: readonly string[];
  summary: string;
  /** What the result's shape is, when that is the useful thing to know. */
  shape?: string;
  group: 'elementwise' | 'products' | 'reductions' | 'shape' | 'nn' | 'losses' | 'constructors' | 'derivatives' | 'modules';
}

const CONV = ['input', 'weight', 'bias=None', 'stride=1', 'padding=0', 'dilation=1', 'groups=1'];
const CONVT = ['input', 'weight', 'bias=None', 'stride=1', 'padding=0', 'output_padding=0', 'groups=1', 'dilation=1'];
const MAXPOOL = ['input', 'kernel_size', 'stride=None', 'padding=0', 'dilation=1', 'ceil_mode=False', 'return_indices=False'];
const AVGPOOL = ['input', 'kernel_size', 'stride=None', 'padding=0', 'ceil_mode=False', 'count_include_pad=True', 'divisor_override=None'];
const BIN = ['input', 'other'];
const UN = ['input'];
const RED = ['input', 'dim=None', 'keepdim=False'];

function f(name: string, sig: readonly string[], group: FunctionDoc['group'], summary: string, shape?: string): FunctionDoc {
  return shape ? { name, sig, group, summary, shape } : { name, sig, group, summary };
}

export const FUNCTION_DOCS: readonly FunctionDoc[] = [
  // elementwise
  f('add', BIN, 'elementwise', 'Elementwise sum, with broadcasting (same as `+`).'),
  f('sub', BIN, 'elementwise', 'Elementwise difference, with broadcasting (same as `-`).'),
  f('subtract', BIN, 'elementwise', 'Alias of `sub`.'),
  f('mul', BIN, 'elementwise', 'Elementwise product, with broadcasting (same as `*`).'),
  f('multiply', BIN, 'elementwise', 'Alias of `mul`.'),
  f('div', BIN, 'elementwise', 'Elementwise quotient, with broadcasting (same as `/`).'),
  f('divide', BIN, 'elementwise', 'Alias of `div`.'),
  f('true_divide', BIN, 'elementwise', 'Alias of `div`.'),
  f('pow', ['input', 'exponent'], 'elementwise', 'Elementwise power (same as `**`).'),
  f('maximum', BIN, 'elementwise', 'Elementwise maximum of two tensors.'),
  f('minimum', BIN, 'elementwise', 'Elementwise minimum of two tensors.'),
  f('neg', UN, 'elementwise', 'Elementwise negation.'),
  f('negative', UN, 'elementwise', 'Alias of `neg`.'),
  f('exp', UN, 'elementwise', 'Elementwise e^x.'),
  f('log', UN, 'elementwise', 'Elementwise natural logarithm.'),
  f('sqrt', UN, 'elementwise', 'Elementwise square root.'),
  f('abs', UN, 'elementwise', 'Elementwise absolute value.'),
  f('sigmoid', UN, 'elementwise', 'Elementwise logistic sigmoid 1/(1+e^-x).'),
  f('tanh', UN, 'elementwise', 'Elementwise hyperbolic tangent.'),
  f('relu', UN, 'elementwise', 'Elementwise max(x, 0).'),
  f('square', UN, 'elementwise', 'Elementwise x².'),
  f('softmax', ['input', 'dim=None'], 'elementwise', 'Softmax along `dim`: exponentials normalised to sum to 1.', 'same as input'),
  f('log_softmax', ['input', 'dim=None'], 'elementwise', 'Logarithm of the softmax along `dim`, computed stably.', 'same as input'),
  // products
  f('matmul', BIN, 'products', 'Matrix product with PyTorch\'s broadcasting rules (same as `@`).'),
  f('mv', BIN, 'products', 'Matrix–vector product (as `matmul`).', 'n×m, m → n'),
  f('mm', ['input', 'mat2'], 'products', 'Product of two 2-D matrices.', 'n×m @ m×p → n×p'),
  f('dot', BIN, 'products', 'Dot product of two 1-D vectors.', 'scalar'),
  f('outer', ['input', 'vec2'], 'products', 'Outer product of two vectors.', 'n, m → n×m'),
  f('einsum', ['equation', '*operands'], 'products', 'Einstein summation, as `torch.einsum(\'ij,jk->ik\', a, b)`.'),
  f('linear', ['input', 'weight', 'bias=None'], 'products', 'x @ Wᵀ + b, as `F.linear`.', '…×in, out×in → …×out'),
  // reductions
  f('sum', RED, 'reductions', 'Sum of all elements, or along `dim`.'),
  f('mean', RED, 'reductions', 'Mean of all elements, or along `dim`.'),
  f('max', ['input', 'dim=None', 'keepdim=False', 'other=None'], 'reductions', 'Largest element (along `dim`), or the elementwise maximum with `other`.'),
  f('min', ['input', 'dim=None', 'keepdim=False', 'other=None'], 'reductions', 'Smallest element (along `dim`), or the elementwise minimum with `other`.'),
  // shape ops
  f('transpose', ['input', 'dim0', 'dim1'], 'shape', 'Swaps two dims.'),
  f('t', UN, 'shape', 'Transpose of a matrix (at most 2 dims); same as `x.T`.'),
  f('permute', ['input', '*dims'], 'shape', 'Reorders the dims.'),
  f('reshape', ['input', '*shape'], 'shape', 'Same values in a new shape; one dim may be -1.'),
  f('view', ['input', '*shape'], 'shape', 'Alias of `reshape`.'),
  f('flatten', ['input', 'start_dim=0', 'end_dim=-1'], 'shape', 'Merges the dims from `start_dim` to `end_dim` into one.'),
  f('unsqueeze', ['input', 'dim'], 'shape', 'Inserts a dim of size 1 at `dim`.'),
  f('squeeze', ['input', 'dim=None'], 'shape', 'Removes dims of size 1 (or only `dim`).'),
  f('cat', ['tensors', 'dim=0'], 'shape', 'Joins a list of tensors along an existing dim.'),
  f('concat', ['tensors', 'dim=0'], 'shape', 'Alias of `cat`.'),
  f('concatenate', ['tensors', 'dim=0'], 'shape', 'Alias of `cat`.'),
  f('stack', ['tensors', 'dim=0'], 'shape', 'Joins a list of tensors along a new dim.'),
  // nn
  f('conv1d', CONV, 'nn', '1-D convolution, as `F.conv1d`; weight is out×in/groups×k.', '(N)×C×L → (N)×out×L\''),
  f('conv2d', CONV, 'nn', '2-D convolution, as `F.conv2d`; weight is out×in/groups×kH×kW.', '(N)×C×H×W → (N)×out×H\'×W\''),
  f('conv3d', CONV, 'nn', '3-D convolution, as `F.conv3d`.'),
  f('conv_transpose1d', CONVT, 'nn', '1-D transposed convolution, as `F.conv_transpose1d`; weight is in×out/groups×k.'),
  f('conv_transpose2d', CONVT, 'nn', '2-D transposed convolution, as `F.conv_transpose2d`.'),
  f('conv_transpose3d', CONVT, 'nn', '3-D transposed convolution, as `F.conv_transpose3d`.'),
  f('max_pool1d', MAXPOOL, 'nn', '1-D max pooling; the stride defaults to the kernel.'),
  f('max_pool2d', MAXPOOL, 'nn', '2-D max pooling; the stride defaults to the kernel.'),
  f('max_pool3d', MAXPOOL, 'nn', '3-D max pooling; the stride defaults to the kernel.'),
  f('avg_pool1d', AVGPOOL, 'nn', '1-D average pooling; the stride defaults to the kernel.'),
  f('avg_pool2d', AVGPOOL, 'nn', '2-D average pooling; the stride defaults to the kernel.'),
  f('avg_pool3d', AVGPOOL, 'nn', '3-D average pooling; the stride defaults to the kernel.'),
  // losses
  f('mse_loss', ['input', 'target', 'size_average=None', 'reduce=None', 'reduction=mean'], 'losses', 'Mean squared error (`reduction` mean, sum or none).'),
  f('cross_entropy', ['input', 'target', 'weight=None', 'size_average=None', 'ignore_index=-100', 'reduce=None', 'reduction=mean', 'label_smoothing=0.0'], 'losses', 'Cross-entropy of logits against class indices (or a class index).'),
  // constructors
  f('zeros', ['*size'], 'constructors', 'A tensor of zeros of the given size.'),
  f('ones', ['*size'], 'constructors', 'A tensor of ones of the given size.'),
  f('randn', ['*size'], 'constructors', 'Seeded standard-normal values of the given size.'),
  f('arange', ['start', 'end=None', 'step=1'], 'constructors', 'Evenly spaced values in [start, end).'),
  f('eye', ['n', 'm=None'], 'constructors', 'The identity matrix (n×m).'),
  f('tensor', ['data'], 'constructors', 'A tensor from nested lists, as `torch.tensor([[1, 2], [3, 4]])`.'),
  // derivatives
  f('grad', ['l', 'x'], 'derivatives', 'Gradient of a scalar `l` with respect to `x`, by reverse-mode autodiff.', 'shape of x (numerator layout: x\'s dims reversed)'),
  f('jacobian', ['y', 'x'], 'derivatives', 'Jacobian of `y` with respect to `x`, as `torch.autograd.functional.jacobian`.', 'y.shape + x.shape'),
  // module measures (spec section 3a)
  f('params', ['module'], 'modules', 'Number of learnable parameters of a module (running statistics are buffers, not parameters).', 'number'),
  f('macs', ['module', 'x'], 'modules', 'Multiply–accumulate operations of one forward pass (conv, linear and attention products).', 'number'),
  f('flops', ['module', 'x'], 'modules', 'Floating-point operations of one forward pass: 2 × MACs.', 'number'),
  f('activations', ['module', 'x'], 'modules', 'Number of values the forward pass produces, summed over the layers.', 'number'),
  f('memory', ['x', 'dtype=float32'], 'modules', 'Bytes of a tensor (or `memory(M, x)`: of the activations), 4 bytes a value unless `dtype=` says otherwise.', 'number'),
  f('receptive_field', ['module'], 'modules', 'Receptive field of one output unit of a Sequential of conv and pool layers, in input positions.', 'number or shape'),
];

/** `nn.` constructors (spec section 3a), with PyTorch's argument order and defaults. */
export const MODULE_DOCS: readonly FunctionDoc[] = [
  f('Linear', ['in_features', 'out_features', 'bias=True'], 'modules', 'Fully connected layer: x @ Wᵀ + b.'),
  f('Bilinear', ['in1_features', 'in2_features', 'out_features', 'bias=True'], 'modules', 'Bilinear layer x₁ᵀ A x₂ + b.'),
  f('Conv1d', ['in_channels', 'out_channels', 'kernel_size', 'stride=1', 'padding=0', 'dilation=1', 'groups=1', 'bias=True'], 'modules', '1-D convolution layer.'),
  f('Conv2d', ['in_channels', 'out_channels', 'kernel_size', 'stride=1', 'padding=0', 'dilation=1', 'groups=1', 'bias=True'], 'modules', '2-D convolution layer.'),
  f('Conv3d', ['in_channels', 'out_channels', 'kernel_size', 'stride=1', 'padding=0', 'dilation=1', 'groups=1', 'bias=True'], 'modules', '3-D convolution layer.'),
  f('ConvTranspose1d', ['in_channels', 'out_channels', 'kernel_size', 'stride=1', 'padding=0', 'output_padding=0', 'groups=1', 'bias=True', 'dilation=1'], 'modules', '1-D transposed convolution layer.'),
  f('ConvTranspose2d', ['in_channels', 'out_channels', 'kernel_size', 'stride=1', 'padding=0', 'output_padding=0', 'groups=1', 'bias=True', 'dilation=1'], 'modules', '2-D transposed convolution layer.'),
  f('ConvTranspose3d', ['in_channels', 'out_channels', 'kernel_size', 'stride=1', 'padding=0', 'output_padding=0', 'groups=1', 'bias=True', 'dilation=1'], 'modules', '3-D transposed convolution layer.'),
  f('MaxPool1d', ['kernel_size', 'stride=None', 'padding=0', 'dilation=1', 'ceil_mode=False'], 'modules', '1-D max pooling layer.'),
  f('MaxPool2d', ['kernel_size', 'stride=None', 'padding=0', 'dilation=1', 'ceil_mode=False'], 'modules', '2-D max pooling layer.'),
  f('MaxPool3d', ['kernel_size', 'stride=None', 'padding=0', 'dilation=1', 'ceil_mode=False'], 'modules', '3-D max pooling layer.'),
  f('AvgPool1d', ['kernel_size', 'stride=None', 'padding=0', 'ceil_mode=False', 'count_include_pad=True'], 'modules', '1-D average pooling layer.'),
  f('AvgPool2d', ['kernel_size', 'stride=None', 'padding=0', 'ceil_mode=False', 'count_include_pad=True'], 'modules', '2-D average pooling layer.'),
  f('AvgPool3d', ['kernel_size', 'stride=None', 'padding=0', 'ceil_mode=False', 'count_include_pad=True'], 'modules', '3-D average pooling layer.'),
  f('AdaptiveAvgPool1d', ['output_size'], 'modules', 'Average pooling to a fixed output length.'),
  f('AdaptiveAvgPool2d', ['output_size'], 'modules', 'Average pooling to a fixed output size.'),
  f('BatchNorm1d', ['num_features', 'eps=1e-05', 'momentum=0.1', 'affine=True'], 'modules', 'Batch normalisation over N (and L).'),
  f('BatchNorm2d', ['num_features', 'eps=1e-05', 'momentum=0.1', 'affine=True'], 'modules', 'Batch normalisation over N, H, W.'),
  f('BatchNorm3d', ['num_features', 'eps=1e-05', 'momentum=0.1', 'affine=True'], 'modules', 'Batch normalisation over N, D, H, W.'),
  f('LayerNorm', ['normalized_shape', 'eps=1e-05', 'elementwise_affine=True'], 'modules', 'Layer normalisation over the last dims.'),
  f('GroupNorm', ['num_groups', 'num_channels', 'eps=1e-05', 'affine=True'], 'modules', 'Group normalisation over channel groups.'),
  f('Embedding', ['num_embeddings', 'embedding_dim'], 'modules', 'A lookup table of embedding vectors.'),
  f('RNN', ['input_size', 'hidden_size', 'num_layers=1', 'bias=True', 'batch_first=False', 'bidirectional=False'], 'modules', 'Elman RNN; gives (output, h): index it.'),
  f('LSTM', ['input_size', 'hidden_size', 'num_layers=1', 'bias=True', 'batch_first=False', 'bidirectional=False', 'proj_size=0'], 'modules', 'LSTM; gives (output, (h, c)): index it, `lstm(x)[0]`.'),
  f('GRU', ['input_size', 'hidden_size', 'num_layers=1', 'bias=True', 'batch_first=False', 'bidirectional=False'], 'modules', 'GRU; gives (output, h): index it.'),
  f('MultiheadAttention', ['embed_dim', 'num_heads', 'bias=True', 'batch_first=False'], 'modules', 'Multi-head attention; `mha(q, k, v)` gives (output, weights).'),
  f('TransformerEncoderLayer', ['d_model', 'nhead', 'dim_feedforward=2048', 'batch_first=False'], 'modules', 'Self-attention and feed-forward block.'),
  f('TransformerDecoderLayer', ['d_model', 'nhead', 'dim_feedforward=2048', 'batch_first=False'], 'modules', 'Self-, cross-attention and feed-forward block.'),
  f('ReLU', [], 'modules', 'max(x, 0) as a module.'),
  f('LeakyReLU', ['negative_slope=0.01'], 'modules', 'x, or slope·x below 0.'),
  f('GELU', [], 'modules', 'Gaussian error linear unit.'),
  f('Tanh', [], 'modules', 'tanh as a module.'),
  f('Sigmoid', [], 'modules', 'Logistic sigmoid as a module.'),
  f('Softmax', ['dim=None'], 'modules', 'Softmax along `dim` as a module.'),
  f('Dropout', ['p=0.5'], 'modules', 'Dropout (the identity for shapes).'),
  f('Flatten', ['start_dim=1', 'end_dim=-1'], 'modules', 'Flattens dims from `start_dim` (1: keeps the batch).'),
  f('Identity', [], 'modules', 'Returns its input.'),
  f('Sequential', ['*modules'], 'modules', 'Modules applied in order; index and slice it as PyTorch does.'),
];

export interface KeywordDoc {
  label: string;
  /** Text inserted, in LSP snippet syntax ($1, ${1:name}). */
  snippet: string;
  summary: string;
}

/** Statement keywords (spec section 2) and the snippets for common claims. */
export const STATEMENT_DOCS: readonly KeywordDoc[] = [
  { label: 'let', snippet: 'let ${1:x} : ${2:2x3}', summary: 'Bind a name: `let x : 2x3` (a shape) or `let x = [[1, 2]]` (values).' },
  { label: 'math', snippet: 'math ${1:W=10 K=3 P=0 S=2}', summary: 'Check the next math in the document, link by link; the bindings are optional.' },
  { label: 'table', snippet: 'table ${1:EXPR}', summary: 'Check the next table, cell by cell.' },
  { label: 'params', snippet: 'params ${1:conv2d} k${2:3} c=${3:3} f=${4:16}', summary: 'Count learnable parameters: `params conv2d k11 c=3 f=96`, `params linear 4096 1000`.' },
  { label: 'convention', snippet: 'convention ${1|pytorch,tensorflow,strict|}', summary: 'How later layer claims are computed: pytorch (default), tensorflow (SAME = ceil(L/s)), strict.' },
  { label: 'layout', snippet: 'layout ${1|channels_first,channels_last|}', summary: 'How the shapes of layers and modules are written: channels_first (C×H×W, default) or channels_last (H×W×C).' },
  { label: 'derivatives', snippet: 'derivatives ${1|pytorch,numerator|}', summary: 'How gradient shapes are read: pytorch (the variable\'s shape) or numerator (dims reversed).' },
  { label: 'fits', snippet: 'fits conv out ${1:10x11} k${2:3} s${3:2}', summary: 'Claim that a layer fits its input (every division before the floor is whole).' },
  { label: 'not fits', snippet: 'not fits conv out ${1:10x11} k${2:3} s${3:2}', summary: 'Claim that a layer does not fit its input.' },
  { label: 'conv out', snippet: 'conv out ${1:10x11} k${2:3} s${3:2}', summary: 'Output size of a convolution over spatial dims (PyTorch\'s formula).' },
  { label: 'conv2d out', snippet: 'conv2d out ${1:3x32x32} k${2:3} s${3:1} p${4:1} f=${5:16}', summary: 'A 2-D convolution over C×H×W (or N×C×H×W) with f filters.' },
  { label: 'pool out', snippet: 'pool out ${1:32x32} k${2:2}', summary: 'Output size of a pooling layer (stride defaults to the kernel).' },
  { label: 'pool2d out', snippet: 'pool2d out ${1:16x32x32} k${2:2}', summary: 'A 2-D pooling over C×H×W: the channels are kept.' },
  { label: 'convT out', snippet: 'convT out ${1:16x16} k${2:4} s${3:2} p${4:1}', summary: 'Output size of a transposed convolution.' },
];

/** Snippets for whole claims (completion at the start of a statement). */
export const CLAIM_SNIPPETS: readonly KeywordDoc[] = [
  { label: 'shape claim', snippet: '${1:x @ W} : ${2:4x5}', summary: 'Claim the shape of an expression.' },
  { label: 'value claim', snippet: '${1:softmax(z, dim=0)} = ${2:[0.1, 0.9]}', summary: 'Claim the value of an expression (digits written decide the tolerance).' },
  { label: 'gradient shape', snippet: 'grad(${1:sum(f)}, ${2:W}) : ${3:2x3}', summary: 'Claim the shape of a gradient.' },
  { label: 'jacobian shape', snippet: 'jacobian(${1:f}, ${2:x}) : ${3:2x5}', summary: 'Claim the shape of a Jacobian (output shape then input shape).' },
  { label: 'identity', snippet: '${1:grad(sum(x * x), x)} == ${2:2 * x}', summary: 'Claim two expressions agree (shape-only inputs get random values).' },
];

/** Params of the layer shorthand after `conv out DIMS` (spec section 3). */
export const LAYER_PARAM_DOCS: readonly KeywordDoc[] = [
  { label: 'k', snippet: 'k${1:3}', summary: 'Kernel size (required): k3, k3x5, k=3.' },
  { label: 's', snippet: 's${1:2}', summary: 'Stride: s2, s=2. Default 1 (pool: the kernel).' },
  { label: 'p', snippet: 'p${1:1}', summary: 'Padding on each side: p1, p=1. Default 0.' },
  { label: 'p=same', snippet: 'p=same', summary: 'Padding that keeps the size (PyTorch: stride 1 only; TensorFlow: ceil(L/s)).' },
  { label: 'p=valid', snippet: 'p=valid', summary: 'No padding (TensorFlow: ceil((L-d(k-1))/s)).' },
  { label: 'd', snippet: 'd${1:2}', summary: 'Dilation: d2, d=2. Default 1.' },
  { label: 'f', snippet: 'f=${1:16}', summary: 'Number of filters (output channels). Default: channels kept.' },
  { label: 'op', snippet: 'op${1:1}', summary: 'Output padding (convT only). Default 0.' },
  { label: 'ceil', snippet: 'ceil', summary: 'Ceil mode (pool only): round up instead of down.' },
];

export function functionDoc(name: string): FunctionDoc | undefined {
  const bare = name.replace(/^(torch\.nn\.functional\.|nn\.functional\.|torch\.|F\.)/, '');
  return FUNCTION_DOCS.find((d) => d.name === bare);
}

export function moduleDoc(name: string): FunctionDoc | undefined {
  const bare = name.replace(/^(torch\.nn\.|nn\.)/, '');
  return MODULE_DOCS.find((d) => d.name === bare);
}

/** `conv2d(input, weight, bias=None, stride=1, ...)`. */
export function signatureOf(d: FunctionDoc, prefix = ''): string {
  return `${prefix}${d.name}(${d.sig.join(', ')})`;
}
