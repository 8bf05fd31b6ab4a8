import type { Span } from './span';

export type DocumentKind = 'markdown' | 'latex';

export interface SourceDocument {
  /** The path or URI the document is known by; used only in messages. */
  name: string;
  kind: DocumentKind;
  text: string;
  /**
   * Offsets (the first is 0) where the text is read afresh, as separate documents stitched together:
   * nothing left open at the end of one part (a fence, a comment) runs into the next. Notebook cells
   * are rendered one by one, so a composed notebook sets one part per cell (documents/compose/).
   */
  parts?: readonly number[];
}

/**
 * The reader for a file name (`markdown`, `latex` or `notebook`). The table lives with the readers, in
 * documents/formats.ts; this name stays for the callers that only ask whether a file is read at all.
 */
export { formatOfPath as kindOfPath } from '../documents/formats';

/** A piece of claim text and the document offset of its first character. */
export interface TextSegment {
  text: string;
  offset: number;
}

/**
 * One `<!-- check: ... -->` comment, or one `% check:` comment with its continuation lines.
 * `text` is the claim text after `check:`, its segments joined by '\n', so that a statement on the
 * second comment line of a LaTeX block is still a separate line of claim text.
 */
export interface ClaimBlock {
  /** The whole comment, delimiters included. */
  span: Span;
  segments: TextSegment[];
  text: string;
  /** True when the comment has its line(s) to itself: it binds forward; otherwise backward (section 5). */
  ownLine: boolean;
  /** Where a claim without `=`/`:` looks for its claimed value (section 5). */
  searchSpan: Span;
  /** Set when a Markdown comment has no `-->`: the block is reported as an error and holds no claims. */
  unterminated?: boolean;
}

export type MathKind = 'inline' | 'display' | 'environment';

/** A piece of math in the document: `$..$`, `$$..$$`, `\[..\]`, or an equation/align environment. */
export interface MathRegion {
  /** Delimiters included. */
  span: Span;
  /** The LaTeX between the delimiters. */
  body: Span;
  kind: MathKind;
  /** The environment name for kind 'environment' (`align`, `align*`, `equation`, ...). */
  env?: string;
}

export interface ScannedDocument {
  kind: DocumentKind;
  text: string;
  /** In document order. */
  blocks: ClaimBlock[];
  /** In document order. */
  math: MathRegion[];
  /** Sorted, non-overlapping: comments, code spans, fenced code, verbatim bodies. Never searched for literals. */
  hidden: Span[];
  /** Regions the reader refused to parse (Markdown nested too deep); hidden too, and reported. */
  skipped?: Span[];
}

/** Maps an offset inside `block.text` to the document offset it came from. */
export function blockOffsetToDocument(block: ClaimBlock, i: number): number {
  let base = 0;
  for (const seg of block.segments) {
    if (i <= base + seg.text.length) return seg.offset + (i - base);
    base += seg.text.length + 1; // the '\n' that joins segments
  }
  const last = block.segments[block.segments.length - 1];
  return last ? last.offset + last.text.length : block.span.end;
}
