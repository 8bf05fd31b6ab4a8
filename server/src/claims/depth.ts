/**
 * Brackets are limited while parsing, but `a + a + ... + a` builds a left-deep tree without any;
 * the evaluators walk the tree recursively, so a statement's tree depth is bounded here, once,
 * without recursion.
 */

/** Nesting of the syntax tree as plain objects (a binary node and its operand: 1 level). */
export const MAX_TREE_DEPTH = 1000;

/** True when `root`'s object nesting exceeds `limit`; stops walking as soon as it does. */
export function deeperThan(root: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (d > limit) return true;
    if (Array.isArray(v)) {
      // An array adds no level: `items[i]` is one step from the list, as `left` is from a binary.
      for (const x of v) if (x !== null && typeof x === 'object') stack.push([x, d]);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k !== 'span' && k.endsWith('Span') === false && x !== null && typeof x === 'object') stack.push([x, d + 1]);
      }
    }
  }
  return false;
}
