/**
 * Brackets are limited while parsing, but `a + a + ... + a` builds a left-deep tree without any;
 * the evaluators walk the tree recursively, so a statement's tree depth is bounded here, once,
 * without recursion.
 */

/** Nesting of the syntax tree as plain objects (a binary node and its operand: 1 level). */
export const MAX_TREE_DEPTH = 1000;

/**
 * True when `root`'s object nesting exceeds `limit`; stops walking as soon as it does. Every statement
 * of every block passes here, so the walk allocates nothing per node (two parallel stacks, `for...in`
 * rather than `Object.entries`): it was a tenth of checking 100,000 stacked claims.
 */
export function deeperThan(root: unknown, limit: number): boolean {
  const nodes: unknown[] = [root];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const v = nodes.pop();
    const d = depths.pop() as number;
    if (d > limit) return true;
    if (Array.isArray(v)) {
      // An array adds no level: `items[i]` is one step from the list, as `left` is from a binary.
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (x !== null && typeof x === 'object') {
          nodes.push(x);
          depths.push(d);
        }
      }
    } else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k in o) {
        if (!Object.prototype.hasOwnProperty.call(o, k) || k === 'span' || k.endsWith('Span')) continue;
        const x = o[k];
        if (x !== null && typeof x === 'object') {
          nodes.push(x);
          depths.push(d + 1);
        }
      }
    }
  }
  return false;
}
