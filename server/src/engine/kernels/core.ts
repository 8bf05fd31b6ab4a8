// The one loop nest behind convolution and transposed convolution.
//
// Both ops relate a "small" tensor (conv output / conv-transpose input) to a "big" one (conv input /
// conv-transpose output) through  bigPos = smallPos * stride - padLo + k * dilation, with a weight laid
// out as [smallChannels, bigChannels / groups, ...K] in both cases. Conv forward, conv-transpose's input
// gradient and both ops' weight gradients are then the same nest read in three directions, so they
// share one implementation instead of four subtly different ones.

import { checkStop, type StopFn } from './common';

export type CoreMode =
  /** small += w (*) big: conv forward, conv-transpose gradient w.r.t. its input */
  | 'toSmall'
  /** big += w^T (*) small: conv gradient w.r.t. its input, conv-transpose forward */
  | 'toBig'
  /** gw += small (x) big: the weight gradient of either op */
  | 'toWeight';

export interface CoreGeom {
  N: number;
  groups: number;
  smallC: number;
  bigC: number;
  /** spatial sizes, each lifted to three dims */
  small: number[];
  big: number[];
  k: number[];
  stride: number[];
  padLo: number[];
  dilation: number[];
}

/**
 * For each kernel tap k, the half-open range of small positions whose big position lies inside
 * [0, L). Precomputing it keeps bounds tests out of the innermost loop.
 */
function validRanges(O: number, L: number, K: number, s: number, p: number, d: number): Int32Array {
  const r = new Int32Array(2 * K);
  for (let k = 0; k < K; k++) {
    const off = k * d - p;
    let lo = Math.ceil(-off / s);
    let hi = Math.floor((L - 1 - off) / s) + 1;
    if (lo < 0) lo = 0;
    if (hi > O) hi = O;
    if (hi < lo) hi = lo;
    r[2 * k] = lo;
    r[2 * k + 1] = hi;
  }
  return r;
}

export function convCore(
  mode: CoreMode,
  g: CoreGeom,
  small: Float64Array,
  big: Float64Array,
  w: Float64Array,
  shouldStop: StopFn,
): void {
  const [OD, OH, OW] = g.small as [number, number, number];
  const [D, H, W] = g.big as [number, number, number];
  const [KD, KH, KW] = g.k as [number, number, number];
  const [sd, sh, sw] = g.stride as [number, number, number];
  const [pd, ph, pw] = g.padLo as [number, number, number];
  const [dd, dh, dw] = g.dilation as [number, number, number];
  const smallCg = g.smallC / g.groups;
  const bigCg = g.bigC / g.groups;
  const smallPlane = OD * OH * OW;
  const bigPlane = D * H * W;
  const kVol = KD * KH * KW;
  const rd = validRanges(OD, D, KD, sd, pd, dd);
  const rh = validRanges(OH, H, KH, sh, ph, dh);
  const rw = validRanges(OW, W, KW, sw, pw, dw);

  for (let n = 0; n < g.N; n++) {
    for (let sc = 0; sc < g.smallC; sc++) {
      checkStop(shouldStop);
      const grp = Math.floor(sc / smallCg);
      const smallBase = (n * g.smallC + sc) * smallPlane;
      for (let i = 0; i < bigCg; i++) {
        const bigBase = (n * g.bigC + grp * bigCg + i) * bigPlane;
        const wBase = (sc * bigCg + i) * kVol;
        for (let kd = 0; kd < KD; kd++) {
          const odLo = rd[2 * kd]!, odHi = rd[2 * kd + 1]!;
          for (let kh = 0; kh < KH; kh++) {
            const ohLo = rh[2 * kh]!, ohHi = rh[2 * kh + 1]!;
            for (let kw = 0; kw < KW; kw++) {
              const owLo = rw[2 * kw]!, owHi = rw[2 * kw + 1]!;
              if (owLo >= owHi) continue;
              const wIdx = wBase + (kd * KH + kh) * KW + kw;
              const offW = kw * dw - pw;
              const wv = mode === 'toWeight' ? 0 : w[wIdx]!;
              // One copy of the row walk per mode keeps the mode test out of the hot loops.
              if (mode === 'toSmall') {
                for (let od = odLo; od < odHi; od++) {
                  const id = od * sd - pd + kd * dd;
                  for (let oh = ohLo; oh < ohHi; oh++) {
                    const sRow = smallBase + (od * OH + oh) * OW;
                    const bRow = bigBase + (id * H + oh * sh - ph + kh * dh) * W + offW;
                    for (let ow = owLo; ow < owHi; ow++) small[sRow + ow] += wv * big[bRow + ow * sw]!;
                  }
                }
              } else if (mode === 'toBig') {
                for (let od = odLo; od < odHi; od++) {
                  const id = od * sd - pd + kd * dd;
                  for (let oh = ohLo; oh < ohHi; oh++) {
                    const sRow = smallBase + (od * OH + oh) * OW;
                    const bRow = bigBase + (id * H + oh * sh - ph + kh * dh) * W + offW;
                    for (let ow = owLo; ow < owHi; ow++) big[bRow + ow * sw] += wv * small[sRow + ow]!;
                  }
                }
              } else {
                let acc = 0;
                for (let od = odLo; od < odHi; od++) {
                  const id = od * sd - pd + kd * dd;
                  for (let oh = ohLo; oh < ohHi; oh++) {
                    const sRow = smallBase + (od * OH + oh) * OW;
                    const bRow = bigBase + (id * H + oh * sh - ph + kh * dh) * W + offW;
                    for (let ow = owLo; ow < owHi; ow++) acc += small[sRow + ow]! * big[bRow + ow * sw]!;
                  }
                }
                w[wIdx] += acc;
              }
            }
          }
        }
      }
    }
  }
}

/** Sum of an [N, C, ...] gradient over everything but C: the bias gradient. */
export function channelSums(gradOut: Float64Array, N: number, C: number, plane: number, shouldStop: StopFn): Float64Array {
  const gb = new Float64Array(C);
  for (let n = 0; n < N; n++) {
    checkStop(shouldStop);
    for (let c = 0; c < C; c++) {
      const base = (n * C + c) * plane;
      let acc = 0;
      for (let j = 0; j < plane; j++) acc += gradOut[base + j]!;
      gb[c] += acc;
    }
  }
  return gb;
}

/** Writes bias[c] into every position of channel c (the starting value of a forward pass). */
export function fillBias(out: Float64Array, bias: Float64Array, N: number, C: number, plane: number): void {
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const base = (n * C + c) * plane;
      out.fill(bias[c]!, base, base + plane);
    }
  }
}
