// Max and average pooling (PyTorch's max_poolNd / avg_poolNd) forward and backward in float64.
//
// The window walks mirror PyTorch's CPU kernels line for line where the result depends on it: the
// order in which a max window is scanned decides which of several equal maxima wins, and the
// clipping of an average window decides its divisor.

import { checkLength, checkStop, liftSpatial, lift, product, spatialRank, type StopFn } from './common';

export { KernelAborted } from './common';

export interface PoolParams {
  kernel: number[];
  stride: number[];
  padding: number[];
  /** max pool only; average pooling has no dilation in PyTorch and rejects anything but 1 */
  dilation: number[];
  ceilMode: boolean;
  /** avg pool only; PyTorch's default is true */
  countIncludePad?: boolean;
}

/**
 * PyTorch's pooling_output_shape. In ceil mode the last window must still start inside the input or
 * the left padding; one that would start in the right padding only is dropped.
 */
export function poolOutputSize(L: number, k: number, s: number, p: number, d: number, ceilMode: boolean): number {
  let out = Math.floor((L + 2 * p - d * (k - 1) - 1 + (ceilMode ? s - 1 : 0)) / s) + 1;
  if (ceilMode && (out - 1) * s >= L + p) out--;
  return out;
}

interface PoolGeom {
  planes: number;
  inS: number[];
  outS: number[];
  k: number[];
  s: number[];
  p: number[];
  d: number[];
  outShape: number[];
}

function prepare(xShape: number[], p: PoolParams, what: string, allowDilation: boolean): PoolGeom {
  const r = spatialRank(xShape, `${what} input`);
  const k = lift(p.kernel, r, 1, `${what} kernel_size`, 1);
  // PyTorch's stride=None means "same as the kernel"; an empty list is how callers say that.
  const s = p.stride.length === 0 ? k.slice() : lift(p.stride, r, 1, `${what} stride`, 1);
  const pad = lift(p.padding, r, 0, `${what} padding`, 0);
  const d = lift(p.dilation.length === 0 ? [1] : p.dilation, r, 1, `${what} dilation`, 1);
  if (!allowDilation && d.some((v) => v !== 1)) throw new Error(`${what}: dilation is not supported`);
  const inS = liftSpatial(xShape);
  const outS: number[] = [];
  for (let i = 0; i < 3; i++) {
    if (pad[i]! > Math.floor(k[i]! / 2)) {
      throw new Error(`${what}: padding should be at most half of kernel size, but got padding=${pad[i]} and kernel_size=${k[i]}`);
    }
    const o = poolOutputSize(inS[i]!, k[i]!, s[i]!, pad[i]!, d[i]!, p.ceilMode);
    if (o < 1) {
      throw new Error(
        `${what}: input [${xShape.join(', ')}] is too small for kernel_size=${k[i]}, padding=${pad[i]}, dilation=${d[i]} (calculated output size ${o})`,
      );
    }
    outS.push(o);
  }
  const planes = xShape[0]! * xShape[1]!;
  return { planes, inS, outS, k, s, p: pad, d, outShape: [xShape[0]!, xShape[1]!, ...outS.slice(3 - r)] };
}

/**
 * `argmax` holds, for each output element, the flat index of the winning element within its own
 * (n, c) spatial plane of x, as PyTorch's return_indices does; -1 marks a window that covers no input.
 */
export function maxPoolForward(
  x: Float64Array,
  xShape: number[],
  p: PoolParams,
  shouldStop?: () => boolean,
): { out: Float64Array; outShape: number[]; argmax: Int32Array } {
  const g = prepare(xShape, p, 'max_pool', true);
  checkLength(x, xShape, 'max_pool input');
  const [D, H, W] = g.inS as [number, number, number];
  const [OD, OH, OW] = g.outS as [number, number, number];
  const [KD, KH, KW] = g.k as [number, number, number];
  const [sd, sh, sw] = g.s as [number, number, number];
  const [pd, ph, pw] = g.p as [number, number, number];
  const [dd, dh, dw] = g.d as [number, number, number];
  const inPlane = D * H * W;
  const outPlane = OD * OH * OW;
  const out = new Float64Array(g.planes * outPlane);
  const argmax = new Int32Array(g.planes * outPlane);
  for (let pl = 0; pl < g.planes; pl++) {
    checkStop(shouldStop as StopFn);
    const xb = pl * inPlane;
    let o = pl * outPlane;
    for (let od = 0; od < OD; od++) {
      let d0 = od * sd - pd;
      const d1 = Math.min(d0 + (KD - 1) * dd + 1, D);
      while (d0 < 0) d0 += dd;
      for (let oh = 0; oh < OH; oh++) {
        let h0 = oh * sh - ph;
        const h1 = Math.min(h0 + (KH - 1) * dh + 1, H);
        while (h0 < 0) h0 += dh;
        for (let ow = 0; ow < OW; ow++, o++) {
          let w0 = ow * sw - pw;
          const w1 = Math.min(w0 + (KW - 1) * dw + 1, W);
          while (w0 < 0) w0 += dw;
          // Padding counts as -inf, so a window's max starts there; a strict > keeps the first of
          // equal maxima and NaN always wins, as in PyTorch's CPU kernel.
          let best = -Infinity;
          let bestIdx = d0 < d1 && h0 < h1 && w0 < w1 ? (d0 * H + h0) * W + w0 : -1;
          for (let z = d0; z < d1; z += dd) {
            for (let y = h0; y < h1; y += dh) {
              const row = (z * H + y) * W;
              for (let xw = w0; xw < w1; xw += dw) {
                const v = x[xb + row + xw]!;
                if (v > best || v !== v) {
                  best = v;
                  bestIdx = row + xw;
                }
              }
            }
          }
          out[o] = best;
          argmax[o] = bestIdx;
        }
      }
    }
  }
  return { out, outShape: g.outShape, argmax };
}

export function maxPoolBackward(
  gradOut: Float64Array,
  argmax: Int32Array,
  xShape: number[],
  shouldStop?: () => boolean,
): Float64Array {
  spatialRank(xShape, 'max_pool input');
  const planes = xShape[0]! * xShape[1]!;
  const inPlane = product(xShape.slice(2));
  const gx = new Float64Array(planes * inPlane);
  if (gradOut.length !== argmax.length) {
    throw new Error(`max_pool backward: gradient has ${gradOut.length} values but argmax has ${argmax.length}`);
  }
  if (planes === 0) return gx;
  if (argmax.length % planes !== 0) {
    throw new Error(`max_pool backward: argmax length ${argmax.length} does not fit input shape [${xShape.join(', ')}]`);
  }
  const outPlane = argmax.length / planes;
  for (let pl = 0; pl < planes; pl++) {
    checkStop(shouldStop);
    const xb = pl * inPlane;
    const ob = pl * outPlane;
    for (let j = 0; j < outPlane; j++) {
      const idx = argmax[ob + j]!;
      if (idx >= 0 && idx < inPlane) gx[xb + idx] += gradOut[ob + j]!;
    }
  }
  return gx;
}

/**
 * Walks every average-pool window as PyTorch does, calling `visit` with the clipped window and its
 * divisor. PyTorch sizes the window against the padded input *before* clipping to the real one, so
 * count_include_pad counts the padding cells but never the part that overhangs the right padding in
 * ceil mode.
 */
function forEachAvgWindow(
  g: PoolGeom,
  countIncludePad: boolean,
  shouldStop: StopFn,
  visit: (pl: number, o: number, d0: number, d1: number, h0: number, h1: number, w0: number, w1: number, div: number) => void,
): void {
  const [D, H, W] = g.inS as [number, number, number];
  const [OD, OH, OW] = g.outS as [number, number, number];
  const [KD, KH, KW] = g.k as [number, number, number];
  const [sd, sh, sw] = g.s as [number, number, number];
  const [pd, ph, pw] = g.p as [number, number, number];
  const outPlane = OD * OH * OW;
  for (let pl = 0; pl < g.planes; pl++) {
    checkStop(shouldStop);
    let o = pl * outPlane;
    for (let od = 0; od < OD; od++) {
      let d0 = od * sd - pd;
      let d1 = Math.min(d0 + KD, D + pd);
      const sizeD = d1 - d0;
      d0 = Math.max(d0, 0);
      d1 = Math.min(d1, D);
      for (let oh = 0; oh < OH; oh++) {
        let h0 = oh * sh - ph;
        let h1 = Math.min(h0 + KH, H + ph);
        const sizeH = h1 - h0;
        h0 = Math.max(h0, 0);
        h1 = Math.min(h1, H);
        for (let ow = 0; ow < OW; ow++, o++) {
          let w0 = ow * sw - pw;
          let w1 = Math.min(w0 + KW, W + pw);
          const sizeW = w1 - w0;
          w0 = Math.max(w0, 0);
          w1 = Math.min(w1, W);
          if (d0 >= d1 || h0 >= h1 || w0 >= w1) continue;
          const div = countIncludePad ? sizeD * sizeH * sizeW : (d1 - d0) * (h1 - h0) * (w1 - w0);
          visit(pl, o, d0, d1, h0, h1, w0, w1, div);
        }
      }
    }
  }
}

export function avgPoolForward(
  x: Float64Array,
  xShape: number[],
  p: PoolParams,
  shouldStop?: () => boolean,
): { out: Float64Array; outShape: number[] } {
  const g = prepare(xShape, p, 'avg_pool', false);
  checkLength(x, xShape, 'avg_pool input');
  const [D, H, W] = g.inS as [number, number, number];
  const inPlane = D * H * W;
  const out = new Float64Array(product(g.outShape));
  forEachAvgWindow(g, p.countIncludePad ?? true, shouldStop, (pl, o, d0, d1, h0, h1, w0, w1, div) => {
    const xb = pl * inPlane;
    let sum = 0;
    for (let z = d0; z < d1; z++) {
      for (let y = h0; y < h1; y++) {
        const row = xb + (z * H + y) * W;
        for (let xw = w0; xw < w1; xw++) sum += x[row + xw]!;
      }
    }
    out[o] = sum / div;
  });
  return { out, outShape: g.outShape };
}

export function avgPoolBackward(
  gradOut: Float64Array,
  outShape: number[],
  xShape: number[],
  p: PoolParams,
  shouldStop?: () => boolean,
): Float64Array {
  const g = prepare(xShape, p, 'avg_pool', false);
  if (g.outShape.length !== outShape.length || g.outShape.some((v, i) => v !== outShape[i])) {
    throw new Error(`avg_pool backward: gradient shape [${outShape.join(', ')}] differs from the output shape [${g.outShape.join(', ')}]`);
  }
  checkLength(gradOut, outShape, 'avg_pool output gradient');
  const [D, H, W] = g.inS as [number, number, number];
  const inPlane = D * H * W;
  const gx = new Float64Array(g.planes * inPlane);
  forEachAvgWindow(g, p.countIncludePad ?? true, shouldStop, (pl, o, d0, d1, h0, h1, w0, w1, div) => {
    const xb = pl * inPlane;
    const share = gradOut[o]! / div;
    for (let z = d0; z < d1; z++) {
      for (let y = h0; y < h1; y++) {
        const row = xb + (z * H + y) * W;
        for (let xw = w0; xw < w1; xw++) gx[row + xw] += share;
      }
    }
  });
  return gx;
}
