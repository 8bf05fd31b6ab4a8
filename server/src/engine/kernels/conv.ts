// Convolution (PyTorch's conv1d/conv2d/conv3d, i.e. cross-correlation) forward and backward in float64.

import { checkLength, liftSpatial, lift, product, spatialRank, type StopFn } from './common';
import { channelSums, convCore, fillBias, type CoreGeom } from './core';

export { KernelAborted } from './common';

export interface ConvParams {
  stride: number[];
  /** Padding before each spatial dim. Separate from padHi so PyTorch's asymmetric padding='same' fits. */
  padLo: number[];
  padHi: number[];
  dilation: number[];
  groups: number;
}

/** Output length along one dim: floor((L + lo + hi - d(k-1) - 1) / s) + 1. */
export function convOutputSize(L: number, k: number, s: number, padLo: number, padHi: number, d: number): number {
  return Math.floor((L + padLo + padHi - d * (k - 1) - 1) / s) + 1;
}

/**
 * PyTorch's padding='same' for stride 1: the total d(k-1) is split with the extra element at the end.
 */
export function samePadding(k: number, d: number): { lo: number; hi: number } {
  const total = d * (k - 1);
  const lo = Math.floor(total / 2);
  return { lo, hi: total - lo };
}

interface Prepared {
  geom: CoreGeom;
  outShape: number[];
}

function prepare(xShape: number[], wShape: number[], p: ConvParams): Prepared {
  const r = spatialRank(xShape, 'conv input');
  if (wShape.length !== r + 2) {
    throw new Error(`conv: weight must have ${r + 2} dims for a ${r}d convolution, got [${wShape.join(', ')}]`);
  }
  const g = p.groups;
  if (!Number.isInteger(g) || g < 1) throw new Error(`conv: groups must be a positive integer, got ${g}`);
  const [N, Cin] = xShape as [number, number];
  const [Cout, CinG] = wShape as [number, number];
  if (Cin % g !== 0) throw new Error(`conv: input channels ${Cin} are not divisible by groups ${g}`);
  if (Cout % g !== 0) throw new Error(`conv: output channels ${Cout} are not divisible by groups ${g}`);
  if (CinG * g !== Cin) {
    throw new Error(
      `conv: weight [${wShape.join(', ')}] expects ${CinG * g} input channels (groups=${g}), but the input [${xShape.join(', ')}] has ${Cin}`,
    );
  }
  const stride = lift(p.stride, r, 1, 'conv stride', 1);
  const padLo = lift(p.padLo, r, 0, 'conv padding', 0);
  const padHi = lift(p.padHi, r, 0, 'conv padding', 0);
  const dilation = lift(p.dilation, r, 1, 'conv dilation', 1);
  const big = liftSpatial(xShape);
  const k = liftSpatial(wShape);
  const small = big.map((L, i) => convOutputSize(L, k[i]!, stride[i]!, padLo[i]!, padHi[i]!, dilation[i]!));
  for (let i = 3 - r; i < 3; i++) {
    const padded = big[i]! + padLo[i]! + padHi[i]!;
    const eff = dilation[i]! * (k[i]! - 1) + 1;
    if (padded < eff) {
      throw new Error(
        `conv: padded input size ${padded} is smaller than the dilated kernel size ${eff} (input [${xShape.join(', ')}], weight [${wShape.join(', ')}])`,
      );
    }
  }
  const outShape = [N, Cout, ...small.slice(3 - r)];
  return {
    geom: { N, groups: g, smallC: Cout, bigC: Cin, small, big, k, stride, padLo, dilation },
    outShape,
  };
}

export function convForward(
  x: Float64Array,
  xShape: number[],
  w: Float64Array,
  wShape: number[],
  bias: Float64Array | null,
  p: ConvParams,
  shouldStop?: () => boolean,
): { out: Float64Array; outShape: number[] } {
  const { geom, outShape } = prepare(xShape, wShape, p);
  checkLength(x, xShape, 'conv input');
  checkLength(w, wShape, 'conv weight');
  if (bias !== null && bias.length !== geom.smallC) {
    throw new Error(`conv: bias has ${bias.length} entries but there are ${geom.smallC} output channels`);
  }
  const out = new Float64Array(product(outShape));
  if (bias !== null) fillBias(out, bias, geom.N, geom.smallC, product(geom.small));
  convCore('toSmall', geom, out, x, w, shouldStop as StopFn);
  return { out, outShape };
}

export function convBackward(
  gradOut: Float64Array,
  outShape: number[],
  x: Float64Array,
  xShape: number[],
  w: Float64Array,
  wShape: number[],
  p: ConvParams,
  hasBias: boolean,
  shouldStop?: () => boolean,
): { gx: Float64Array; gw: Float64Array; gb: Float64Array | null } {
  const { geom, outShape: expected } = prepare(xShape, wShape, p);
  if (expected.length !== outShape.length || expected.some((v, i) => v !== outShape[i])) {
    throw new Error(`conv backward: gradient shape [${outShape.join(', ')}] differs from the output shape [${expected.join(', ')}]`);
  }
  checkLength(gradOut, outShape, 'conv output gradient');
  checkLength(x, xShape, 'conv input');
  checkLength(w, wShape, 'conv weight');
  const gx = new Float64Array(x.length);
  const gw = new Float64Array(w.length);
  convCore('toBig', geom, gradOut, gx, w, shouldStop);
  convCore('toWeight', geom, gradOut, x, gw, shouldStop);
  const gb = hasBias ? channelSums(gradOut, geom.N, geom.smallC, product(geom.small), shouldStop) : null;
  return { gx, gw, gb };
}
