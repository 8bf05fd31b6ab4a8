// Shared plumbing for the numeric kernels: cancellation, shape normalisation and validation.
//
// Every kernel works internally on three spatial dims. A 1d or 2d problem is lifted by prepending
// spatial dims of size 1 with kernel 1, stride 1, padding 0 and dilation 1, which leaves every sum
// unchanged and lets a single set of loops serve all three ranks.

/** Thrown when the caller's `shouldStop` callback asks a kernel to give up (time budget exceeded). */
export class KernelAborted extends Error {
  constructor() {
    super('kernel aborted: time budget exceeded');
    this.name = 'KernelAborted';
  }
}

export type StopFn = (() => boolean) | undefined;

export function checkStop(shouldStop: StopFn): void {
  if (shouldStop !== undefined && shouldStop()) throw new KernelAborted();
}

export function product(xs: readonly number[]): number {
  let p = 1;
  for (const x of xs) p *= x;
  return p;
}

function isNonNegInt(v: number): boolean {
  return Number.isInteger(v) && v >= 0;
}

/** Number of spatial dims of an `[N, C, ...S]` shape; throws unless it is 1, 2 or 3. */
export function spatialRank(shape: readonly number[], what: string): number {
  const r = shape.length - 2;
  if (r < 1 || r > 3) {
    throw new Error(`${what}: expected a shape [N, C, ...spatial] with 1 to 3 spatial dims, got [${shape.join(', ')}]`);
  }
  for (const d of shape) {
    if (!isNonNegInt(d)) throw new Error(`${what}: dims must be non-negative integers, got [${shape.join(', ')}]`);
  }
  return r;
}

/**
 * A per-spatial-dim parameter, lifted to three dims. A single value is broadcast to every spatial
 * dim, as PyTorch does for `stride=2`.
 */
export function lift(v: readonly number[], rank: number, fill: number, name: string, min: number): number[] {
  let vals: readonly number[];
  if (v.length === rank) vals = v;
  else if (v.length === 1) vals = new Array<number>(rank).fill(v[0]!);
  else throw new Error(`${name} must have 1 or ${rank} entries, got ${v.length}`);
  for (const x of vals) {
    if (!Number.isInteger(x) || x < min) throw new Error(`${name} must be integers >= ${min}, got [${v.join(', ')}]`);
  }
  const out = new Array<number>(3 - rank).fill(fill);
  out.push(...vals);
  return out;
}

/** Spatial part of an [N, C, ...S] shape lifted to three dims. */
export function liftSpatial(shape: readonly number[]): number[] {
  const s = shape.slice(2);
  while (s.length < 3) s.unshift(1);
  return s;
}

export function checkLength(a: ArrayLike<number>, shape: readonly number[], what: string): void {
  const n = product(shape);
  if (a.length !== n) {
    throw new Error(`${what}: buffer holds ${a.length} values but shape [${shape.join(', ')}] needs ${n}`);
  }
}
