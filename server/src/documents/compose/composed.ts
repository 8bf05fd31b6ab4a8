/**
 * A document made of several sources — the Markdown cells of a notebook, or a LaTeX file and the files
 * it `\input`s — joined into one text that the checker reads like any other, with a map from every
 * offset of that text back to the source it came from. `let`s then flow from one source into the
 * next, and a claim at the end of one may bind to the start of the next, with no change to the checker.
 */
import type { DocumentKind } from '../../core/document';
import type { Span } from '../../core/span';
import { firstWhere } from '../../core/search';

/** One source of a composed document: a notebook cell or a file. */
export interface ComposedSource {
  /** How adapters name it: a path, a URI, or a cell's URI. */
  id: string;
  /** For a notebook cell: its number, 1-based, counting every cell of the notebook (code cells too). */
  cell?: number;
  /** The source's own text. */
  text: string;
}

/** A stretch of the composed text copied verbatim from one source. */
export interface Piece {
  /** Index into `ComposedDocument.sources`. */
  source: number;
  /** Where the stretch lies in the composed text (half-open). */
  start: number;
  end: number;
  /** Where it starts in the source's own text. */
  at: number;
}

export interface ComposedDocument {
  kind: DocumentKind;
  text: string;
  sources: ComposedSource[];
  /** Sorted by `start`, not overlapping. Text between pieces was added to join them and maps to no source. */
  pieces: Piece[];
  /** Where the text is read afresh (see SourceDocument.parts); absent when it is read as one. */
  parts?: number[];
  /** What stopped a source from being joined in (a missing file, an include cycle), at composed offsets. */
  problems?: ComposeProblem[];
}

export interface ComposeProblem {
  span: Span;
  message: string;
}

/** Where an offset of the composed text lies in its sources. */
export interface SourceOffset {
  source: number;
  offset: number;
}

/**
 * The source offset of a composed offset. An offset in joining text (or past the end) belongs to the
 * piece before it, at that piece's end: a span that ends in the joiner ends at its source's end.
 */
export function toSource(doc: ComposedDocument, offset: number): SourceOffset | null {
  const ps = doc.pieces;
  if (ps.length === 0) return null;
  if (offset < ps[0].start) return { source: ps[0].source, offset: ps[0].at };
  // The last piece starting at or before the offset (binary search: a notebook may have 1,000 cells).
  const p = ps[firstWhere(ps.length, (i) => ps[i].start > offset) - 1];
  return { source: p.source, offset: p.at + Math.min(offset, p.end) - p.start };
}

/** The composed offset of a source offset, or -1 when that place of the source is not in the text. */
export function fromSource(doc: ComposedDocument, source: number, offset: number): number {
  for (const p of doc.pieces) {
    if (p.source === source && offset >= p.at && offset <= p.at + (p.end - p.start)) return p.start + offset - p.at;
  }
  return -1;
}

/** Builds the text and the pieces; `add` appends source text, `join` appends text of no source. */
export class Composer {
  private chunks: string[] = [];
  private length = 0;
  readonly sources: ComposedSource[] = [];
  readonly pieces: Piece[] = [];

  addSource(source: ComposedSource): number {
    this.sources.push(source);
    return this.sources.length - 1;
  }

  get offset(): number {
    return this.length;
  }

  /** Appends `sources[source].text` from `from` to `to`. */
  add(source: number, from = 0, to = this.sources[source].text.length): void {
    if (to <= from) return;
    const text = this.sources[source].text.slice(from, to);
    const last = this.pieces[this.pieces.length - 1];
    if (last && last.source === source && last.end === this.length && last.at + (last.end - last.start) === from) last.end += text.length;
    else this.pieces.push({ source, start: this.length, end: this.length + text.length, at: from });
    this.chunks.push(text);
    this.length += text.length;
  }

  join(text: string): void {
    if (text.length === 0) return;
    this.chunks.push(text);
    this.length += text.length;
  }

  /** The text so far ends with a line break (or is empty). */
  atLineStart(): boolean {
    const last = this.chunks.length > 0 ? this.chunks[this.chunks.length - 1] : '';
    return last.length === 0 ? this.length === 0 : /[\n\r]$/.test(last);
  }

  readonly problems: ComposeProblem[] = [];

  done(kind: DocumentKind, parts?: number[]): ComposedDocument {
    const doc: ComposedDocument = { kind, text: this.chunks.join(''), sources: this.sources, pieces: this.pieces };
    if (parts) doc.parts = parts;
    if (this.problems.length > 0) doc.problems = this.problems;
    return doc;
  }
}
