/**
 * Every location in the checker is a half-open range of UTF-16 code-unit offsets into the document's
 * text: that is what JavaScript strings index and what LSP columns count, so no conversion is needed
 * until a position is shown to a person.
 */
import { firstWhere } from './search';

export interface Span {
  start: number;
  end: number;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

export function spanContains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export function spansOverlap(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** 0-based line and UTF-16 column, the LSP convention. */
export interface LineColumn {
  line: number;
  character: number;
}

/** Maps offsets to lines and columns; built once per document text. */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  position(offset: number): LineColumn {
    return positionAmong(this.lineStarts, this.text.length, offset);
  }

  offsetAt(pos: LineColumn): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line];
    const next = pos.line + 1 < this.lineStarts.length ? this.lineStarts[pos.line + 1] : this.text.length;
    return Math.min(start + Math.max(0, pos.character), next);
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }
}

/** Offset to line and column among line starts `starts` of a text of `length`: LineIndex.position, for starts kept elsewhere. */
export function positionAmong(starts: readonly number[], length: number, offset: number): LineColumn {
  const o = Math.max(0, Math.min(offset, length));
  const line = Math.max(0, firstWhere(starts.length, (i) => starts[i] > o) - 1);
  return { line, character: o - starts[line] };
}
