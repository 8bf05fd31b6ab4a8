/**
 * A document is scanned as a sequence of chunks, each read on its own by the real parser; this is what
 * one chunk yields, and how the chunks are put back together. A whole-document scan is the same thing
 * with one chunk, so the two paths share every line that builds blocks.
 */
import type { ClaimBlock, DocumentKind, MathRegion, ScannedDocument } from '../../core/document';
import type { Span } from '../../core/span';

/** Everything in chunk-relative offsets. Never mutated once built: the ScanCache shares it between scans. */
export interface ChunkScan {
  blocks: ClaimBlock[];
  /**
   * Indexes into `blocks` of own-line blocks that found nothing to bind to in the chunk: their search
   * runs on to the first later chunk with content (`firstEnd`), or to the document's end.
   */
  pending: number[];
  math: MathRegion[];
  /** Sorted, non-overlapping. */
  hidden: Span[];
  /** Where a search that comes from an earlier chunk ends in this one; -1 when it passes through. */
  firstEnd: number;
  /** The parser still had a construct open at the chunk's end: the chunk cannot end here. */
  open: boolean;
  /** Regions not read at all (nested too deep for the parser; see markdown/nesting.ts). */
  skipped?: Span[];
}

export interface PlacedChunk {
  offset: number;
  scan: ChunkScan;
}

const shift = (s: Span, by: number): Span => ({ start: s.start + by, end: s.end + by });

function shiftBlock(b: ClaimBlock, by: number): ClaimBlock {
  const out: ClaimBlock = {
    span: shift(b.span, by),
    segments: b.segments.map((s) => ({ text: s.text, offset: s.offset + by })),
    text: b.text,
    ownLine: b.ownLine,
    searchSpan: shift(b.searchSpan, by),
  };
  if (b.unterminated) out.unterminated = true;
  return out;
}

function shiftMath(m: MathRegion, by: number): MathRegion {
  const out: MathRegion = { span: shift(m.span, by), body: shift(m.body, by), kind: m.kind };
  if (m.env !== undefined) out.env = m.env;
  return out;
}

/** `chunks` cover `text` in order, without gaps. */
export function stitchChunks(kind: DocumentKind, text: string, chunks: readonly PlacedChunk[]): ScannedDocument {
  const blocks: ClaimBlock[] = [];
  const math: MathRegion[] = [];
  const hidden: Span[] = [];
  const skipped: Span[] = [];
  let waiting: ClaimBlock[] = [];
  for (const { offset, scan } of chunks) {
    if (scan.firstEnd >= 0 && waiting.length > 0) {
      for (const b of waiting) b.searchSpan = { start: b.searchSpan.start, end: offset + scan.firstEnd };
      waiting = [];
    }
    const base = blocks.length;
    for (const b of scan.blocks) blocks.push(shiftBlock(b, offset));
    for (const i of scan.pending) waiting.push(blocks[base + i]);
    for (const m of scan.math) math.push(shiftMath(m, offset));
    for (const r of scan.skipped ?? []) skipped.push(shift(r, offset));
    for (let i = 0; i < scan.hidden.length; i++) {
      const h = shift(scan.hidden[i], offset);
      const last = hidden[hidden.length - 1];
      // Spans of two chunks touch only if one ends exactly where the next chunk starts.
      if (i === 0 && last && h.start <= last.end) last.end = Math.max(last.end, h.end);
      else hidden.push(h);
    }
  }
  for (const b of waiting) b.searchSpan = { start: b.searchSpan.start, end: text.length };
  const doc: ScannedDocument = { kind, text, blocks, math, hidden };
  if (skipped.length > 0) doc.skipped = skipped;
  return doc;
}
