/**
 * Jupyter notebooks (nbformat 4, spec section 1): the file is JSON; its Markdown cells, in order, form
 * one Markdown document. Code and raw cells hold no claims and add nothing to it, but they are counted
 * in cell numbers, as Jupyter and linters number cells.
 */
import { Composer, type ComposedDocument } from './compose/composed';
import { firstWhere } from '../core/search';

export interface NotebookCell {
  /** 1-based, counting every cell. */
  index: number;
  /** `markdown`, `code`, `raw` (or whatever else the file says). */
  type: string;
  /** The cell's source joined into one string. */
  source: string;
}

export type NotebookRead = { cells: NotebookCell[] } | { error: string };

/**
 * Reads a notebook's cells. Never throws: a malformed notebook gives the reason, for that file alone.
 * nbformat 4 only: version 3 kept cells in `worksheets` (and called the source `input`), and Jupyter
 * rewrites such a file as version 4 when it opens and saves it.
 */
export function readNotebook(json: string): NotebookRead {
  let data: unknown;
  try {
    data = JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json);
  } catch (e) {
    return { error: `not a notebook: the file is not valid JSON (${(e as Error).message})` };
  }
  if (!isObject(data)) return { error: 'not a notebook: the JSON is not an object with `cells`' };
  const version = data.nbformat;
  if (typeof version !== 'number') return { error: 'not a notebook: no `nbformat` version' };
  if (version !== 4) {
    return { error: `nbformat ${version} notebooks are not read, only nbformat 4: open and save it in Jupyter to convert it` };
  }
  if (!Array.isArray(data.cells)) return { error: 'not a notebook: `cells` is missing or not a list' };
  const cells: NotebookCell[] = [];
  for (let i = 0; i < data.cells.length; i++) {
    const c: unknown = data.cells[i];
    const n = i + 1;
    if (!isObject(c) || typeof c.cell_type !== 'string') return { error: `cell ${n} is not a notebook cell (no \`cell_type\`)` };
    const source = sourceText(c.source);
    if (source === null) return { error: `cell ${n} has no \`source\` (a string or a list of strings)` };
    cells.push({ index: n, type: c.cell_type, source });
  }
  return { cells };
}

/** nbformat's multiline string: one string, or a list of strings (lines keeping their `\n`) joined as they are. */
function sourceText(s: unknown): string | null {
  if (typeof s === 'string') return s;
  if (!Array.isArray(s)) return null;
  let out = '';
  for (const line of s) {
    if (typeof line !== 'string') return null;
    out += line;
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A Markdown cell to compose: its id (a number, or a cell URI in the editor), number and text. */
export interface MarkdownCell {
  id: string;
  cell?: number;
  text: string;
}

/**
 * What separates two cells in the composed text: a blank line, so that the last paragraph of one cell
 * and the first of the next stay two paragraphs, as Jupyter renders them. Each cell is also read as a
 * part of its own (SourceDocument.parts): a fence or comment a cell leaves open ends with the cell.
 */
export const CELL_JOINER = '\n\n';

/** The Markdown cells, in order, as one Markdown document read cell by cell. */
export function composeCells(cells: readonly MarkdownCell[]): ComposedDocument {
  const c = new Composer();
  const parts: number[] = [];
  for (const cell of cells) {
    if (parts.length > 0) c.join(CELL_JOINER);
    parts.push(c.offset);
    const i = c.addSource(cell.cell === undefined ? { id: cell.id, text: cell.text } : { id: cell.id, cell: cell.cell, text: cell.text });
    c.add(i);
  }
  return c.done('markdown', parts.length > 1 ? parts : undefined);
}

/** A notebook file's Markdown cells as one document; ids are the cell numbers. */
export function composeNotebook(cells: readonly NotebookCell[]): ComposedDocument {
  return composeCells(cells.filter((c) => c.type === 'markdown').map((c) => ({ id: String(c.index), cell: c.index, text: c.source })));
}

/** Where each cell's text lies in the composed text: enough to locate an offset (plain data, so it crosses threads). */
export interface CellPlace {
  cell: number;
  start: number;
  end: number;
}

export function cellPlaces(doc: ComposedDocument): CellPlace[] {
  return doc.pieces.map((p) => ({ cell: doc.sources[p.source].cell ?? p.source + 1, start: p.start, end: p.end }));
}

/** The cell holding a composed offset and the offset within the cell's source (joining text: the cell before). */
export function cellOffset(places: readonly CellPlace[], offset: number): { cell: number; offset: number; place: CellPlace } | null {
  if (places.length === 0) return null;
  // The last cell starting at or before the offset (the first, for an offset before it).
  const p = places[Math.max(0, firstWhere(places.length, (i) => places[i].start > offset) - 1)];
  return { cell: p.cell, offset: Math.max(0, Math.min(offset, p.end) - p.start), place: p };
}
