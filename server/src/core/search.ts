/**
 * Binary search over sorted data, the one the readers, the checker and the server share (line
 * starts, cuts, spans, cells, runs: documents may hold 100,000 of them).
 */

/**
 * The first index in [0, length) at which `holds` is true, for a `holds` that is false up to some
 * index and true from there on; `length` when it holds nowhere.
 */
export function firstWhere(length: number, holds: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
