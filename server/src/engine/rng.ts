/** Seeded randomness: `randn` and the random trials of identity claims must be reproducible. */

/** mulberry32: small, fast, and good enough for test values (not for cryptography). */
export function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples from a uniform source (Box–Muller). */
export function normalSampler(uniform: () => number): () => number {
  return () => {
    let u = uniform();
    while (u <= 1e-300) u = uniform();
    const v = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

export const DEFAULT_SEED = 0x5eed;
