/** Deterministic randomness: the same text gives the same results, run after run. */
export function seededRng(seed: string | number): () => number {
  let s = typeof seed === 'number' ? seed >>> 0 : parseInt(seed, 16) >>> 0;
  if (s === 0) s = 0x9e3779b9;
  // mulberry32
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
