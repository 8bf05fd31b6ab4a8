/**
 * Where a result is shown, in lines and columns: the one place every output format turns a span into
 * a position, so that a notebook's cell (spec section 8: `path:cell N:line:col:`) is added here once.
 */
import type { CheckResult } from '../core/result';
import { LineIndex, type Span } from '../core/span';
import { cellOffset, type CellPlace } from '../documents/notebook';
import type { FileReport } from './results';

/** 1-based lines and UTF-16 columns; `endColumn` is one past the last character (SARIF's convention). */
export interface Location {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** In a notebook: the 1-based cell the lines count within. */
  cell?: number;
}

export type Locator = (span: Span) => Location;

/**
 * Builds the file's locator once. A notebook's report is its Markdown cells joined (`cells` says where
 * each lies): its places are a cell number and a line and column within that cell's source.
 */
export function locatorFor(report: Pick<FileReport, 'text' | 'cells'>): Locator {
  const cells = report.cells;
  if (!cells) {
    const index = new LineIndex(report.text);
    return (span) => {
      const a = index.position(span.start);
      const b = index.position(Math.max(span.start, span.end));
      return { line: a.line + 1, column: a.character + 1, endLine: b.line + 1, endColumn: b.character + 1 };
    };
  }
  const indexes = new Map<CellPlace, LineIndex>();
  const at = (offset: number): { cell: number; line: number; column: number } => {
    const found = cellOffset(cells, offset);
    if (!found) return { cell: 1, line: 1, column: 1 };
    let index = indexes.get(found.place);
    if (!index) indexes.set(found.place, (index = new LineIndex(report.text.slice(found.place.start, found.place.end))));
    const p = index.position(found.offset);
    return { cell: found.cell, line: p.line + 1, column: p.character + 1 };
  };
  return (span) => {
    const a = at(span.start);
    const b = at(Math.max(span.start, span.end));
    // A span that runs past its cell ends where the cell does, for formats that want one cell.
    return { cell: a.cell, line: a.line, column: a.column, endLine: b.cell === a.cell ? b.line : a.line, endColumn: b.cell === a.cell ? b.column : a.column };
  };
}

/** Where a result points: the claimed value for a fail, the error's token, else the statement. */
export function anchorSpan(r: CheckResult): Span {
  if (r.status === 'fail' && r.claimedSpan) return r.claimedSpan;
  if (r.status === 'error' && r.errorSpan) return r.errorSpan;
  return r.span;
}

/** `path:line:col` or, in a notebook, `path:cell N:line:col` — the form problem matchers read. */
export function placeText(path: string, at: Location): string {
  return at.cell === undefined ? `${path}:${at.line}:${at.column}` : `${path}:cell ${at.cell}:${at.line}:${at.column}`;
}
