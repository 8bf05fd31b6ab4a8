/**
 * The claim language's syntax tree (spec section 2). Every node carries `span`: offsets into the
 * block's claim text (`ClaimBlock.text`), mapped to the document with `blockOffsetToDocument`.
 */
import type { Span } from '../core/span';

// ---------- dims and shapes ----------

export type DimAst =
  | { type: 'int'; value: number; span: Span }
  | { type: 'sym'; name: string; span: Span }
  | { type: 'neg'; arg: DimAst; span: Span }
  | { type: 'op'; op: '+' | '-' | '*' | '/' | '//'; left: DimAst; right: DimAst; span: Span }
  | { type: 'fn'; name: 'floor' | 'ceil'; arg: DimAst; span: Span };

/** `4x5`, `(m, n)`, `\mathbb{R}^{m \times n}`, `()`/`scalar` (dims empty). */
export interface ShapeAst {
  dims: DimAst[];
  span: Span;
}

// ---------- expressions ----------

export type BinaryOp = '+' | '-' | '*' | '/' | '**' | '@';

export interface Kwarg {
  name: string;
  value: Expr;
  span: Span;
}

export type IndexItem =
  | { type: 'slice'; start: Expr | null; stop: Expr | null; step: Expr | null; span: Span }
  | { type: 'ellipsis'; span: Span }
  | { type: 'newaxis'; span: Span }
  | { type: 'expr'; expr: Expr; span: Span };

export type Expr =
  /** `raw` is the literal as written: its digits after the point decide a claim's tolerance. */
  | { type: 'num'; value: number; raw: string; span: Span }
  | { type: 'bool'; value: boolean; span: Span }
  | { type: 'none'; span: Span }
  | { type: 'str'; value: string; span: Span }
  | { type: 'name'; name: string; span: Span }
  /** `[..]`: a tensor literal, or a list argument (`cat([a, b])`). */
  | { type: 'list'; items: Expr[]; span: Span }
  /** `(a, b)`: a tuple argument (`stride=(1, 2)`, `reshape(x, (2, 3))`). */
  | { type: 'tuple'; items: Expr[]; span: Span }
  | { type: 'unary'; op: '-' | '+'; arg: Expr; span: Span }
  | { type: 'binary'; op: BinaryOp; left: Expr; right: Expr; opSpan: Span; span: Span }
  /** `f(args)`, or a method call `x.f(args)` when `object` is set. */
  | { type: 'call'; callee: string; calleeSpan: Span; object: Expr | null; args: Expr[]; kwargs: Kwarg[]; span: Span }
  /** `x.T`, `x.shape`. */
  | { type: 'attr'; object: Expr; name: string; nameSpan: Span; span: Span }
  | { type: 'index'; object: Expr; items: IndexItem[]; span: Span };

// ---------- layer shorthand (section 3) ----------

export type LayerOp = 'conv' | 'pool' | 'convT';

export type LayerParamName = 'kernel' | 'stride' | 'padding' | 'dilation' | 'filters' | 'output_padding' | 'ceil';

export interface LayerParam {
  name: LayerParamName;
  /** One entry per spatial dim written (`k3x5` has two); `padding` may be 'same' or 'valid'; `ceil` has none. */
  values: DimAst[];
  mode?: 'same' | 'valid';
  span: Span;
}

export interface LayerStmt {
  op: LayerOp;
  /** `conv2d` → 2; plain `conv` → undefined (DIMS are spatial only). */
  ndim?: 1 | 2 | 3;
  /** The span of the op word (`conv2d`). */
  opSpan: Span;
  /** DIMS as written after `out`. */
  dims: DimAst[];
  dimsSpan: Span;
  params: LayerParam[];
  /** `fits conv out ...` (true) or `not fits conv out ...` (false): a claim that the layer fits its input (section 3b). */
  fits?: boolean;
  /** The span of `fits` / `not fits`. */
  fitsSpan?: Span;
}

/** `params conv2d k11 c=3 f=96`, `params linear 4096 1000`. */
export interface ParamsStmt {
  layer: 'conv1d' | 'conv2d' | 'conv3d' | 'convT1d' | 'convT2d' | 'convT3d' | 'linear';
  layerSpan: Span;
  /** conv: kernel (one per spatial dim or one for all). */
  kernel: DimAst[];
  inChannels: DimAst | null;
  outChannels: DimAst | null;
  groups: DimAst | null;
  bias: boolean;
  /** linear: in and out features. */
  features: DimAst[];
}

// ---------- statements ----------

/** The settings of spec section 3b and their values; the first value is the default. */
export const SETTINGS = {
  convention: ['pytorch', 'tensorflow', 'strict'],
  layout: ['channels_first', 'channels_last'],
  derivatives: ['pytorch', 'numerator'],
} as const;
export type SettingName = keyof typeof SETTINGS;
export type Convention = (typeof SETTINGS)['convention'][number];
export type Layout = (typeof SETTINGS)['layout'][number];
export type Derivatives = (typeof SETTINGS)['derivatives'][number];

export interface MathBinding {
  name: string;
  value: Expr;
  span: Span;
}

/** What a statement claims; absent: the value is read from the document text (section 5). */
export type ClaimRhs =
  | { type: 'shape'; shape: ShapeAst; span: Span }
  | { type: 'value'; expr: Expr; span: Span };

export type Stmt =
  | { type: 'letShape'; name: string; nameSpan: Span; shape: ShapeAst; span: Span }
  | { type: 'letValue'; name: string; nameSpan: Span; expr: Expr; span: Span }
  /** `EXPR : SHAPE`, `EXPR = VALUE`, or a bare `EXPR`. */
  | { type: 'claim'; expr: Expr; rhs: ClaimRhs | null; span: Span }
  | { type: 'identity'; left: Expr; right: Expr; opSpan: Span; span: Span }
  /** Layer shorthand; `rhs` is `= SHAPE` or `: SHAPE`. */
  | { type: 'layer'; layer: LayerStmt; rhs: { shape: ShapeAst; span: Span } | null; span: Span }
  | { type: 'params'; params: ParamsStmt; rhs: { expr: Expr; span: Span } | null; span: Span }
  | { type: 'math'; bindings: MathBinding[]; span: Span }
  /** `convention tensorflow`, `layout channels_last`, `derivatives numerator`: held like a `let`. */
  | { type: 'setting'; name: SettingName; value: string; valueSpan: Span; span: Span }
  /** `table net(x)`: the next table, checked cell by cell (section 5a). */
  | { type: 'table'; expr: Expr; keywordSpan: Span; span: Span }
  /** A statement that did not parse; `errorSpan` points at the offending token. */
  | { type: 'invalid'; message: string; errorSpan: Span; span: Span };
