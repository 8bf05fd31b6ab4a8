/**
 * The expression tree of one side of a relation. Spans are offsets into the math body (the caller adds
 * the body's document offset). Sums and products are n-ary so that a long `1+1+...+1` stays shallow:
 * evaluation recurses only as deep as the student nested.
 */
import type { Span } from '../core/span';

export type FnName =
  | 'exp' | 'log' | 'ln' | 'tanh' | 'sinh' | 'cosh' | 'sin' | 'cos' | 'tan' | 'arctan'
  | 'sigmoid' | 'relu' | 'softplus' | 'max' | 'min' | 'abs' | 'floor' | 'ceil' | 'sgn' | 'sqrt'
  /** Tensor functions (section 6a): `\operatorname{diag}`, `\operatorname{tr}`, `\operatorname{softmax}`. */
  | 'diag' | 'tr' | 'softmax';

export type MathNode =
  /** `raw` is the literal as written (`4.5`): it is read as an exact decimal. */
  | { type: 'num'; raw: string; span: Span }
  /** `name` is flattened (`W_{\text{out}}` is `W_out`); `sub` keeps the subscript so `x_k` can follow a sum's index. */
  | { type: 'sym'; name: string; base: string; sub: string | null; span: Span }
  | { type: 'sum'; terms: { sign: 1 | -1; node: MathNode }[]; span: Span }
  /**
   * `*` is juxtaposition, `\cdot`, `\times` (between tensors: the matrix product); `o` is `\odot`/`\circ`
   * (elementwise); `/` divides.
   */
  | { type: 'prod'; factors: { op: '*' | '/' | 'o'; node: MathNode }[]; span: Span }
  | { type: 'neg'; arg: MathNode; span: Span }
  | { type: 'pow'; base: MathNode; exp: MathNode; span: Span }
  | { type: 'frac'; num: MathNode; den: MathNode; span: Span }
  /** `\sqrt[index]{arg}`; `\log_b` keeps its base in `base`. */
  | { type: 'call'; fn: FnName; args: MathNode[]; base: MathNode | null; span: Span }
  | { type: 'bigop'; op: 'sum' | 'prod'; index: string; from: MathNode; to: MathNode; body: MathNode; span: Span }
  /** `A^\top`, `x^T`, `W^{\mathsf{T}}`: a transpose (of a scalar: the scalar). */
  | { type: 'transpose'; arg: MathNode; span: Span }
  /** `\|v\|`, `\|v\|_2`, `\lVert v \rVert`: the Euclidean (Frobenius) norm. */
  | { type: 'norm'; arg: MathNode; span: Span }
  /** `bmatrix`/`pmatrix` (and `matrix`, `vmatrix` is not one): rows of entries; a column is a vector. */
  | { type: 'matrix'; rows: MathNode[][]; span: Span }
  /**
   * `\frac{\partial L}{\partial W}`, `\frac{dL}{dW}`, `\partial L / \partial W`, `\nabla_W L`: evaluated by
   * autodiff (grad when L is a scalar, jacobian otherwise), never symbolically.
   */
  | { type: 'deriv'; of: MathNode; wrt: MathNode & { type: 'sym' }; span: Span }
  /** `\sigma'(z)`, `\tanh'(x)`: the derivative of a named elementwise function, at its argument. */
  | { type: 'fnprime'; fn: FnName; arg: MathNode; span: Span }
  /**
   * A side the parser could not read (`\sigma'(z)` before primes were names): the links that touch it
   * are errors, the rest of the chain is still checked. `errorSpan` is the token that stopped it.
   */
  | { type: 'error'; message: string; errorSpan: Span; span: Span };

/** A relation as written, normalised to one spelling. */
export type Relation = '=' | '\\approx' | '<' | '\\le' | '>' | '\\ge' | '\\neq';

/** One chain: sides joined by relations (`rels[i]` joins `sides[i]` and `sides[i + 1]`). */
export interface Chain {
  sides: MathNode[];
  rels: { rel: Relation; span: Span }[];
}
