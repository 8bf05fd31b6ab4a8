/**
 * Span bookkeeping shared by both scanners. Everything here is linear (or n log n) in its input, because
 * the scanners run on every keystroke and must survive 100,000-claim documents.
 */
import type { Span } from '../core/span';
import { firstWhere } from '../core/search';

/** Sorts and merges overlapping or touching spans; drops empty ones. */
export function normalizeSpans(spans: Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) {
      if (s.end > last.end) last.end = s.end;
    } else {
      out.push({ start: s.start, end: s.end });
    }
  }
  return out;
}

/** Index of the first span in a sorted, non-overlapping list whose end is after `offset`. */
export function firstSpanEndingAfter(spans: readonly Span[], offset: number): number {
  return firstWhere(spans.length, (i) => spans[i].end > offset);
}

/**
 * The parts of `within` not covered by any of the sorted, non-overlapping `holes`.
 * Costs O(log holes + holes inside `within`).
 */
export function visiblePieces(within: Span, holes: readonly Span[]): Span[] {
  const pieces: Span[] = [];
  let pos = within.start;
  for (let i = firstSpanEndingAfter(holes, within.start); i < holes.length && holes[i].start < within.end; i++) {
    const h = holes[i];
    if (h.start > pos) pieces.push({ start: pos, end: h.start });
    if (h.end > pos) pos = h.end;
  }
  if (pos < within.end) pieces.push({ start: pos, end: within.end });
  return pieces;
}
