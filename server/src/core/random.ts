/**
 * The one seeded generator every component uses (dims' random points, the engine's `randn` and
 * identity trials, math's symbolic links, the checker's per-block seeds): the same text must give
 * the same results, run after run. mulberry32: small and fast; not for cryptography.
 */
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
