/**
 * Where a result is, as the CLI prints it: a line and column in the file, or, in a notebook, a cell
 * number and a line and column within that cell's source (spec section 8). The output formats call
 * `locator(report)` and never look at how a notebook was joined.
 */
import { LineIndex } from '../core/span';
import { cellOffset, type CellPlace } from '../documents/notebook';

export interface Location {
  /** 1-based. */
  line: number;
  column: number;
  /** In a notebook: the cell's number, 1-based, counting every cell. */
  cell?: number;
}

export interface Locatable {
  text: string;
  /** Present for a notebook: where each Markdown cell lies in `text`. */
  cells?: CellPlace[];
}

/** Offset → location for one file's report; line indexes are built once per file or cell. */
export function locator(rep: Locatable): (offset: number) => Location {
  const cells = rep.cells;
  if (!cells) {
    const index = new LineIndex(rep.text);
    return (offset) => {
      const at = index.position(offset);
      return { line: at.line + 1, column: at.character + 1 };
    };
  }
  const indexes = new Map<CellPlace, LineIndex>();
  return (offset) => {
    const found = cellOffset(cells, offset);
    if (!found) return { line: 1, column: 1 };
    let index = indexes.get(found.place);
    if (!index) indexes.set(found.place, (index = new LineIndex(rep.text.slice(found.place.start, found.place.end))));
    const at = index.position(found.offset);
    return { cell: found.cell, line: at.line + 1, column: at.character + 1 };
  };
}

/** `path:line:col` or, in a notebook, `path:cell N:line:col`: what editors' problem matchers read. */
export function locationText(path: string, at: Location): string {
  return at.cell === undefined ? `${path}:${at.line}:${at.column}` : `${path}:cell ${at.cell}:${at.line}:${at.column}`;
}
