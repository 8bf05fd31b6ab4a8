/**
 * Where a result is shown, in lines and columns: the one place every output format turns a span into
 * a position, so that a notebook's cell (spec section 8: `path:cell N:line:col:`) is added here once.
 */
import type { CheckResult } from '../core/result';
import { LineIndex, type Span } from '../core/span';
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

/** Builds the file's locator once; a notebook reader's cell map would be consulted here. */
export function locatorFor(report: FileReport): Locator {
  const index = new LineIndex(report.text);
  return (span) => {
    const a = index.position(span.start);
    const b = index.position(Math.max(span.start, span.end));
    return { line: a.line + 1, column: a.character + 1, endLine: b.line + 1, endColumn: b.character + 1 };
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
