// Transposed convolution (PyTorch's conv_transpose1d/2d/3d) forward and backward in float64.
//
// A transposed convolution is the input-gradient of a convolution with the same weight, so it runs
// the shared loop nest with the roles of the two tensors swapped: its input is the nest's "small"
// side and its output the "big" side.

import { checkLength, liftSpatial, lift, product, spatialRank, type StopFn } from './common';
import { channelSums, convCore, fillBias, type CoreGeom } from './core';

export { KernelAborted } from './common';

export interface ConvTParams {
  stride: number[];
  padding: number[];
  outputPadding: number[];
  dilation: number[];
  groups: number;
}

/** Output length along one dim: (L-1)s - 2p + d(k-1) + op + 1. */
export function convTransposeOutputSize(L: number, k: number, s: number, p: number, op: number, d: number): number {
  return (L - 1) * s - 2 * p + d * (k - 1) + op + 1;
}

function prepare(xShape: number[], wShape: number[], p: ConvTParams): { geom: CoreGeom; outShape: number[] } {
  const r = spatialRank(xShape, 'conv_transpose input');
  if (wShape.length !== r + 2) {
    throw new Error(`conv_transpose: weight must have ${r + 2} dims for a ${r}d transposed convolution, got [${wShape.join(', ')}]`);
  }
  const g = p.groups;
  if (!Number.isInteger(g) || g < 1) throw new Error(`conv_transpose: groups must be a positive integer, got ${g}`);
  const [N, Cin] = xShape as [number, number];
  const [WCin, CoutG] = wShape as [number, number];
  if (Cin % g !== 0) throw new Error(`conv_transpose: input channels ${Cin} are not divisible by groups ${g}`);
  if (WCin !== Cin) {
    throw new Error(
      `conv_transpose: weight [${wShape.join(', ')}] expects ${WCin} input channels, but the input [${xShape.join(', ')}] has ${Cin}`,
    );
  }
  const Cout = CoutG * g;
  const stride = lift(p.stride, r, 1, 'conv_transpose stride', 1);
  const padding = lift(p.padding, r, 0, 'conv_transpose padding', 0);
  const outPad = lift(p.outputPadding, r, 0, 'conv_transpose output_padding', 0);
  const dilation = lift(p.dilation, r, 1, 'conv_transpose dilation', 1);
  const small = liftSpatial(xShape);
  const k = liftSpatial(wShape);
  const big = small.map((L, i) => convTransposeOutputSize(L, k[i]!, stride[i]!, padding[i]!, outPad[i]!, dilation[i]!));
  for (let i = 3 - r; i < 3; i++) {
    // PyTorch's rule: the extra output positions must not be reachable as a whole extra stride step.
    if (outPad[i]! >= stride[i]! && outPad[i]! >= dilation[i]!) {
      throw new Error(
        `conv_transpose: output_padding must be smaller than either stride or dilation, got output_padding=${outPad[i]}, stride=${stride[i]}, dilation=${dilation[i]}`,
      );
    }
    if (big[i]! < 1) {
      throw new Error(`conv_transpose: computed output size ${big[i]} is too small (input [${xShape.join(', ')}], weight [${wShape.join(', ')}])`);
    }
  }
  const outShape = [N, Cout, ...big.slice(3 - r)];
  return {
    geom: { N, groups: g, smallC: Cin, bigC: Cout, small, big, k, stride, padLo: padding, dilation },
    outShape,
  };
}

export function convTransposeForward(
  x: Float64Array,
  xShape: number[],
  w: Float64Array,
  wShape: number[],
  bias: Float64Array | null,
  p: ConvTParams,
  shouldStop?: () => boolean,
): { out: Float64Array; outShape: number[] } {
  const { geom, outShape } = prepare(xShape, wShape, p);
  checkLength(x, xShape, 'conv_transpose input');
  checkLength(w, wShape, 'conv_transpose weight');
  if (bias !== null && bias.length !== geom.bigC) {
    throw new Error(`conv_transpose: bias has ${bias.length} entries but there are ${geom.bigC} output channels`);
  }
  const out = new Float64Array(product(outShape));
  if (bias !== null) fillBias(out, bias, geom.N, geom.bigC, product(geom.big));
  convCore('toBig', geom, x, out, w, shouldStop as StopFn);
  return { out, outShape };
}

export function convTransposeBackward(
  gradOut: Float64Array,
  outShape: number[],
  x: Float64Array,
  xShape: number[],
  w: Float64Array,
  wShape: number[],
  p: ConvTParams,
  hasBias: boolean,
  shouldStop?: () => boolean,
): { gx: Float64Array; gw: Float64Array; gb: Float64Array | null } {
  const { geom, outShape: expected } = prepare(xShape, wShape, p);
  if (expected.length !== outShape.length || expected.some((v, i) => v !== outShape[i])) {
    throw new Error(
      `conv_transpose backward: gradient shape [${outShape.join(', ')}] differs from the output shape [${expected.join(', ')}]`,
    );
  }
  checkLength(gradOut, outShape, 'conv_transpose output gradient');
  checkLength(x, xShape, 'conv_transpose input');
  checkLength(w, wShape, 'conv_transpose weight');
  const gx = new Float64Array(x.length);
  const gw = new Float64Array(w.length);
  convCore('toSmall', geom, gx, gradOut, w, shouldStop);
  convCore('toWeight', geom, x, gradOut, gw, shouldStop);
  const gb = hasBias ? channelSums(gradOut, geom.N, geom.bigC, product(geom.big), shouldStop) : null;
  return { gx, gw, gb };
}
