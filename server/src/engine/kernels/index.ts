// Pure float64 kernels for convolution, transposed convolution and pooling; the engine wraps them as ops.
export { KernelAborted } from './common';
export { convForward, convBackward, convOutputSize, samePadding, type ConvParams } from './conv';
export {
  convTransposeForward,
  convTransposeBackward,
  convTransposeOutputSize,
  type ConvTParams,
} from './convTranspose';
export {
  poolOutputSize,
  maxPoolForward,
  maxPoolBackward,
  avgPoolForward,
  avgPoolBackward,
  type PoolParams,
} from './pool';
