/**
 * How much of the text a bare claim can read (spec section 5: forward to the end of the next
 * paragraph, backward to the start of its own), bounded: a claim reads at most `MAX_REACH`
 * characters of it, the nearest ones. Without a bound, each of 8,000 claims sharing one paragraph
 * (or 100,000 claims stacked above one) would read all the others' text, and checking would cost
 * the square of the document. The answer a sentence gives stands near its claim; a paragraph of
 * more than a page between a claim and its answer is not a case binding must serve.
 */
import type { ClaimBlock } from '../core/document';
import type { Span } from '../core/span';

export const MAX_REACH = 2_000;

/** A cut is moved to a blank at most this far, so it does not split a literal in two. */
const SNAP = 100;

export function readableSpan(text: string, block: ClaimBlock): Span {
  const s = block.searchSpan;
  if (s.end - s.start <= MAX_REACH) return s;
  if (block.ownLine) {
    const end = s.start + MAX_REACH;
    for (let i = end; i > end - SNAP; i--) if (isBlank(text.charCodeAt(i - 1))) return { start: s.start, end: i };
    return { start: s.start, end };
  }
  const start = s.end - MAX_REACH;
  for (let i = start; i < start + SNAP; i++) if (isBlank(text.charCodeAt(i))) return { start: i, end: s.end };
  return { start, end: s.end };
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
