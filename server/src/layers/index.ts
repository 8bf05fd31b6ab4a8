/** The layer shorthand (spec section 3): output shapes and parameter counts, PyTorch's rules. */
export type { LayerStep, LayerOutcome, LayerFailure, ParamsOutcome } from './types';
export { computeLayer, splitDims, spatialLabels, type LayerOptions } from './compute';
export { resolveParams } from './layer-params';
export { countParams } from './count';
