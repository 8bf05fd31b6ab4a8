/**
 * LaTeX → claim blocks, math and hidden spans (spec section 1). Facts come from the real parser when the
 * document is small enough for it (it costs several milliseconds per kilobyte: a 400 KB thesis would
 * take seconds), else from a linear scan; blocks and search spans are built here from the facts.
 */
import type { ClaimBlock, ScannedDocument, TextSegment } from '../../core/document';
import type { Span } from '../../core/span';
import { blankPrefix } from '../ownLine';
import { normalizeSpans } from '../spans';
import { checkMarkerEnd, isInlineSpace, isLineBreak, lineStartOf } from '../text';
import { stitchChunks, type ChunkScan } from '../chunks/chunkScan';
import type { LatexFacts } from './facts';
import { linearFacts } from './linearFacts';
import { parsedFacts } from './parsedFacts';
import { LatexLines } from './lines';

/** Above this many characters the parser is skipped (measured: ~30 KB parses in a few hundred ms). */
export const PARSER_MAX_CHARS = 30_000;

export function latexFacts(text: string, useParser = text.length <= PARSER_MAX_CHARS): LatexFacts {
  if (useParser) {
    try {
      return parsedFacts(text);
    } catch {
      // The parser recurses: deeply nested braces overflow its stack. The linear scan cannot.
    }
  }
  return linearFacts(text);
}

export function scanLatex(text: string, facts: LatexFacts = latexFacts(text)): ScannedDocument {
  return stitchChunks('latex', text, [{ offset: 0, scan: scanLatexChunk(text, facts) }]);
}

/**
 * One chunk of a document (or the whole of it), offsets relative to the chunk. `facts` must come from
 * the reader the whole document would use: a document's size, not a chunk's, picks it.
 */
export function scanLatexChunk(text: string, facts: LatexFacts): ChunkScan {
  const lines = new LatexLines(text);
  const { blocks, pending } = buildLatexBlocks(text, facts.comments, lines);
  const hidden = normalizeSpans([...facts.comments, ...facts.verbatim]);
  return { blocks, pending, math: facts.math, hidden, firstEnd: lines.firstParagraphEnd(), open: false };
}

/** After the `%` run and spaces: where the comment's text starts. */
function afterPercent(text: string, c: Span): number {
  let i = c.start;
  while (i < c.end && text.charCodeAt(i) === 37) i++;
  return i;
}

/** True when comment `b` is on the line right after comment `a` and alone on it. */
function continues(text: string, a: Span, b: Span): boolean {
  let i = a.end;
  if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) i += 2;
  else if (isLineBreak(text.charCodeAt(i))) i += 1;
  else return false;
  while (i < b.start && isInlineSpace(text.charCodeAt(i))) i++;
  return i === b.start;
}

function buildLatexBlocks(text: string, comments: readonly Span[], lines: LatexLines): { blocks: ClaimBlock[]; pending: number[] } {
  const blocks: ClaimBlock[] = [];
  const pending: number[] = [];
  for (let i = 0; i < comments.length; i++) {
    const first = comments[i];
    const markerEnd = checkMarkerEnd(text, afterPercent(text, first), first.end);
    if (markerEnd < 0) continue;
    const segments: TextSegment[] = [{ text: text.slice(markerEnd, first.end), offset: markerEnd }];
    let last = first;
    while (i + 1 < comments.length && continues(text, last, comments[i + 1])) {
      const next = comments[i + 1];
      const from = afterPercent(text, next);
      if (checkMarkerEnd(text, from, next.end) >= 0) break;
      segments.push({ text: text.slice(from, next.end), offset: from });
      last = next;
      i++;
    }
    const span = { start: first.start, end: last.end };
    const ownLine = blankPrefix(text, lineStartOf(text, first.start), first.start);
    const searchSpan = ownLine ? lines.forwardSearch(span.end) : lines.backwardSearch(span.start);
    if (ownLine && lines.reachesEnd(span.end)) pending.push(blocks.length);
    blocks.push({ span, segments, text: segments.map((s) => s.text).join('\n'), ownLine, searchSpan });
  }
  return { blocks, pending };
}
