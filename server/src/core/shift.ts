/**
 * A result moved with its text: an edit before a block shifts its results without changing them.
 * The checker reuses a cached block this way, and the language server rebuilds such a result from
 * the one it already has instead of receiving it again from its worker (lsp/resultDelta.ts): each
 * moved result remembers what it was moved from, and by how much.
 */
import type { CheckResult, LetInfo } from './result';
import type { Span } from './span';

/** What a moved result or let was moved from. Weak: nothing is kept alive for it. */
export interface Origin<T> {
  from: T;
  by: number;
}

const origins = new WeakMap<object, Origin<object>>();

/** The result or let `x` was moved from by `moveResult`/`moveLet`, if it was. */
export function originOf<T extends CheckResult | LetInfo>(x: T): Origin<T> | undefined {
  return origins.get(x) as Origin<T> | undefined;
}

export function shiftSpan(s: Span, by: number): Span {
  return { start: s.start + by, end: s.end + by };
}

/** `r` moved by `by`: every place in it shifted; everything else shared with `r`, not copied. */
export function shiftResult(r: CheckResult, by: number): CheckResult {
  return {
    ...r,
    span: shiftSpan(r.span, by),
    errorSpan: r.errorSpan && shiftSpan(r.errorSpan, by),
    claimedSpan: r.claimedSpan && shiftSpan(r.claimedSpan, by),
    fix: r.fix && { span: shiftSpan(r.fix.span, by), newText: r.fix.newText },
    ...(r.links ? { links: r.links.map((l) => ({ ...l, leftSpan: shiftSpan(l.leftSpan, by), rightSpan: shiftSpan(l.rightSpan, by), ...(l.error ? { error: shiftSpan(l.error, by) } : {}) })) } : {}),
  };
}

/** `l` moved by `by`: its name's place shifted. */
export function shiftLet(l: LetInfo, by: number): LetInfo {
  return { ...l, nameSpan: shiftSpan(l.nameSpan, by) };
}

/** `shiftResult`, remembering where the moved result came from (the checker's moves: see `originOf`). */
export function moveResult(r: CheckResult, by: number): CheckResult {
  const moved = shiftResult(r, by);
  origins.set(moved, { from: r, by });
  return moved;
}

/** `shiftLet`, remembering where the moved let came from. */
export function moveLet(l: LetInfo, by: number): LetInfo {
  const moved = shiftLet(l, by);
  origins.set(moved, { from: l, by });
  return moved;
}
