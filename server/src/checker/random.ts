import { seededUniform } from '../core/random';

/** A block's generator, seeded by a hash of its text: the same text gives the same results. */
export function seededRng(seed: string | number): () => number {
  const s = typeof seed === 'number' ? seed >>> 0 : parseInt(seed.slice(0, 8), 16) >>> 0;
  return seededUniform(s === 0 ? 0x9e3779b9 : s);
}
