/** Seeded randomness: `randn` and the random trials of identity claims must be reproducible. */

export { seededUniform } from '../core/random';

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
