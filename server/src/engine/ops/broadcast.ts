/** Index maps for broadcasting: which input element feeds each output element. */
import { stridesOf } from '../shape';

/** For each flat index of `outDims`, the flat index of the broadcast input of shape `inDims`. */
export function broadcastMap(outDims: readonly number[], inDims: readonly number[]): Int32Array {
  const off = outDims.length - inDims.length;
  const inStr = stridesOf(inDims);
  // Stride 0 along broadcast dims: the same input element is reused.
  const eff = outDims.map((d, i) => (i < off || inDims[i - off] === 1 ? 0 : inStr[i - off]));
  return stridedMap(outDims, eff);
}

/**
 * For each flat index of `outDims`, the flat input index reached by walking the input with
 * `strides` from `base`: one odometer serves broadcasting, permutation and slicing.
 */
export function stridedMap(outDims: readonly number[], strides: readonly number[], base = 0): Int32Array {
  const n = outDims.reduce((a, b) => a * b, 1);
  const map = new Int32Array(n);
  const idx = new Array<number>(outDims.length).fill(0);
  let pos = base;
  for (let k = 0; k < n; k++) {
    map[k] = pos;
    for (let ax = outDims.length - 1; ax >= 0; ax--) {
      idx[ax]++;
      pos += strides[ax];
      if (idx[ax] < outDims[ax]) break;
      pos -= strides[ax] * idx[ax];
      idx[ax] = 0;
    }
  }
  return map;
}

export function isIdentityMap(map: Int32Array, inSize: number): boolean {
  return map.length === inSize;
}
