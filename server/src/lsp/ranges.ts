/** Offsets (the checker's spans) to LSP ranges and back; UTF-16 on both sides, so only lines move. */
import type { Position, Range } from 'vscode-languageserver-protocol';
import type { LineIndex, Span } from '../core/span';

export function toRange(lines: LineIndex, span: Span): Range {
  return { start: lines.position(span.start), end: lines.position(span.end) };
}

export function toSpan(lines: LineIndex, range: Range): Span {
  return { start: lines.offsetAt(range.start), end: lines.offsetAt(range.end) };
}

export function toOffset(lines: LineIndex, position: Position): number {
  return lines.offsetAt(position);
}

/** Closed on both ends: a cursor right after a claimed value still counts as on it. */
export function touches(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** Closed intersection, for the same reason: an empty selection at a range's edge touches it. */
export function meets(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}
