/**
 * The tensor engine's public API (spec section 4 and the `==` identity claims of section 2).
 * Nothing here throws on bad input: errors come back as `EngineError`s with a claim-text span
 * (exceptions: `tensorFromNested` on a ragged list and `toNested` on a shape-only tensor throw a
 * RangeError; use `nestedToTensor` / check `data` first).
 *
 * Choices where PyTorch or the spec leave room (documented here so hovers and docs can cite them):
 * - `max(x, dim)` / `min(x, dim)` give the values only (PyTorch also returns indices). A second
 *   argument written as a whole-number literal or a symbol is a dim; any other tensor means the
 *   elementwise `maximum`/`minimum`.
 * - Broadcasting a symbolic dim works only against an equal dim or a literal 1 (`p` against `3` is
 *   an error rather than a guess).
 * - Slicing a symbolic dim assumes the bounds fall inside it (`x[1:]` on `p` rows has `p-1`); pooling
 *   in ceil mode on a symbolic length uses the ceil formula without PyTorch's last-window correction.
 * - A name with no value may stand for a size (`zeros(n, 3)` has shape `n×3`); used as a number it
 *   is an `unknown-name` (or `needs-values`) error.
 * - `grad(l, x)` with a name `x` that `l` does not use is zero (PyTorch would raise); with any other
 *   expression `x` that is not a node of `l`'s graph it is an error. Second-order derivatives
 *   (differentiating through a grad/jacobian result) are refused with an error.
 * - `randn` draws from `env.rng`, or from a fixed seed when absent, so results are reproducible.
 * - Every op result carries its graph, so a tensor bound by `let y = ...` can be differentiated
 *   through later: `grad(sum(y), x)`. Results of `grad`/`jacobian` are constants.
 */
export { EngineError, type EngineErrorCode } from './errors';
export { type EngineLimits, DEFAULT_MAX_ELEMENTS, defaultLimits } from './limits';
export {
  Tensor, shapeOnlyTensor, tensorFromNested, nestedToTensor, toNested, scalarTensor, fromData,
} from './tensor';
export { evaluate, evaluateModule, type EvalEnv, type EvalOutcome, type ModuleBreakdown } from './evaluate';
export { checkIdentity, type IdentityOutcome } from './identity';
export { compareToClaim, formatNumber, type ClaimComparison } from './compare';
export { printExpr } from './print';
export { fmt as formatShapePretty } from './shape';
