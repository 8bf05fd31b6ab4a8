/**
 * The tensor engine's public API (spec section 4 and the `==` identity claims of section 2).
 * Nothing here throws on bad input: errors come back as `EngineError`s with a claim-text span.
 */
export { EngineError, type EngineErrorCode } from './errors';
export { type EngineLimits, DEFAULT_MAX_ELEMENTS, defaultLimits } from './limits';
export {
  Tensor, shapeOnlyTensor, tensorFromNested, nestedToTensor, toNested, scalarTensor, fromData,
} from './tensor';
export { evaluate, type EvalEnv, type EvalOutcome } from './evaluate';
export { checkIdentity, type IdentityOutcome } from './identity';
export { compareToClaim, formatNumber, type ClaimComparison } from './compare';
export { printExpr } from './print';
export { fmt as formatShapePretty } from './shape';
