/** The layer shorthand (spec section 3): output shapes and parameter counts, PyTorch's rules. */
export type { LayerStep, LayerOutcome, LayerFailure, ParamsOutcome } from './types';
export { computeLayer, spatialLabels } from './compute';
export { countParams } from './count';
