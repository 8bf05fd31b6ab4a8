export { construct, isModuleName, MODULE_NAMES } from './registry';
export { runModule, receptiveField, leaves, numelTree, type LayerRow, type RunOutcome, type ReceptiveField } from './run';
export { indexSequential, sliceSequential, makeSequential } from './sequential';
export { formatCtorValue } from './args';
export { isTuple, ModuleError, type CtorValue, type ModuleInstance, type OutTree, type OutTuple, type ValueOp } from './types';
