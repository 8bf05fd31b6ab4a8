/**
 * The names a block can read, found in its text without evaluating it. The list may hold more than
 * the block reads (keywords, the parts of `k3x5`), never less: a block sees only these names
 * (scope.ts `viewOf`), and its cache key is made of their versions.
 */
import type { Bindings } from './scope';

const WORD = /[\p{L}\d_]+/gu;
const MATH_WORD = /\p{L}[\p{L}\d]*/gu;

/**
 * Claim text: every word, and the names a word can hold: `4xm` and `mxn` are dims (`m`, `n`), `2m`
 * is 2·m, `k3`... are read whole. For math (`math` true): every letter run and each of its letters,
 * since math reads `Wx` as W·x and spells a `let` name in many ways (section 6a: `W_{\text{out}}`,
 * `\mathbf{W}_1`, `\hat{y}`): each letter is an initial (scope.ts `initialOf`).
 */
export function readNames(text: string, math = false): string[] {
  const out = new Set<string>();
  const add = (w: string) => {
    const name = w.replace(/^\d+/, '');
    if (name) out.add(name);
  };
  if (math) {
    for (const [w] of text.matchAll(MATH_WORD)) {
      out.add(w);
      for (const ch of w) if (/\p{L}/u.test(ch)) out.add(ch);
    }
    return [...out];
  }
  for (const [w] of text.matchAll(WORD)) {
    add(w);
    if (/[xX]/.test(w)) for (const part of w.split(/[xX]/)) add(part);
  }
  return [...out];
}

/**
 * A `math` block's names: its claim text's, and every bound name its math can spell — every name
 * whose first letter the math holds (`letters`: `readNames(math, true)`), a superset of what the
 * spelling rules of section 6a (math/names.ts `resolveLetName`) can resolve.
 */
export function mathNames(bindings: Bindings, names: readonly string[], letters: readonly string[]): string[] {
  const out = new Set(names);
  for (const l of letters) if ([...l].length === 1) bindings.namesStartingWith(l, out);
  return [...out];
}
