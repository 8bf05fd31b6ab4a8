/**
 * A composed document's results taken back to one of its sources (a cell, a file). A pure function
 * of the results, apart from the engine, so the language server can use it without loading the checker.
 */
import type { ComposedDocument } from '../documents/compose/composed';
import { toSource } from '../documents/compose/composed';
import type { CheckResult, DocumentCheck, LetInfo } from '../core/result';
import type { Span } from '../core/span';

/**
 * The results whose statement lies in `source`, with spans in that source's own offsets. A span that
 * reaches into another source (a claim at the end of one cell bound to a value in the next) cannot be
 * shown there: the claimed value's place and the quick fix are dropped, and the result is shown on its
 * statement, whose message still names the claimed value.
 */
export function projectCheck(doc: ComposedDocument, check: DocumentCheck, source: number): DocumentCheck {
  const local = (s: Span): Span | null => {
    const a = toSource(doc, s.start);
    if (!a || a.source !== source) return null;
    const b = toSource(doc, s.end);
    return { start: a.offset, end: b && b.source === source ? Math.max(a.offset, b.offset) : a.offset };
  };
  const results: CheckResult[] = [];
  for (const r of check.results) {
    const span = local(r.span);
    if (!span) continue;
    const out: CheckResult = { ...r, span, claimedSpan: r.claimedSpan && local(r.claimedSpan) };
    if (r.errorSpan) out.errorSpan = local(r.errorSpan) ?? span;
    if (r.fix) {
      const at = local(r.fix.span);
      if (at && out.claimedSpan) out.fix = { span: at, newText: r.fix.newText };
      else delete out.fix;
    }
    if (r.links) out.links = r.links.map((l) => ({ ...l, leftSpan: local(l.leftSpan) ?? span, rightSpan: local(l.rightSpan) ?? span }));
    results.push(out);
  }
  const lets: LetInfo[] = [];
  for (const l of check.lets) {
    const nameSpan = local(l.nameSpan);
    if (nameSpan) lets.push({ ...l, nameSpan });
  }
  return { results, lets };
}

/** The problems met while joining the document (a missing include, a cycle) added as `include` errors. */
export function withProblems(doc: ComposedDocument, check: DocumentCheck): DocumentCheck {
  if (!doc.problems || doc.problems.length === 0) return check;
  const results = check.results.slice();
  for (const p of doc.problems) {
    results.push({
      kind: 'text', status: 'error', code: 'include', span: p.span, errorSpan: p.span,
      source: doc.text.slice(p.span.start, p.span.end).replace(/\s+/g, ' ').trim().slice(0, 80),
      computed: null, computedText: null, claimed: null, claimedSpan: null, steps: [], message: p.message,
    });
  }
  // Stable: a problem at the same place as a claim comes after it.
  results.sort((a, b) => a.span.start - b.span.start);
  return { results, lets: check.lets };
}
