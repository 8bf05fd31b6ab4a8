/**
 * A result moved with its text: an edit before a block shifts its results without changing them.
 * The checker reuses a cached block this way, and the language server rebuilds such a result from
 * the one it already has instead of receiving it again from its worker (lsp/resultDelta.ts).
 */
import type { CheckResult, LetInfo } from './result';
import type { Span } from './span';

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
