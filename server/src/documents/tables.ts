/**
 * The next table after a claim block (spec section 5a): a GFM table in Markdown (read with micromark's
 * GFM table extension, the same CommonMark parser as the rest of the document), or a LaTeX `tabular`
 * (a careful reader: rows end at `\\`, cells at unescaped `&`, rules such as `\hline` are dropped).
 * Each cell comes with the span of its trimmed content, so a claim's diagnostic sits on the cell.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import type { ScannedDocument } from '../core/document';
import type { Span } from '../core/span';
import { firstSpanEndingAfter } from './spans';

export interface TableCell {
  /** The cell's text, trimmed. */
  text: string;
  /** Where that trimmed text stands in the document (empty cell: an empty span inside the cell). */
  span: Span;
}

export interface DocTable {
  kind: 'gfm' | 'tabular';
  span: Span;
  header: TableCell[];
  rows: TableCell[][];
}

/** Tables are looked for this far after a block at most: a table pages later is not "the next". */
const MAX_DISTANCE = 200_000;

/** Tables found in each scanned document: a table block's key, and then its check, read the same table. */
const found = new WeakMap<ScannedDocument, Map<string, DocTable | null>>();

/** The first table starting in [from, to) (to: the next claim block), or null. */
export function nextTable(doc: ScannedDocument, from: number, to: number): DocTable | null {
  const end = Math.min(to, doc.text.length, from + MAX_DISTANCE);
  if (end <= from) return null;
  let tables = found.get(doc);
  if (!tables) found.set(doc, (tables = new Map()));
  const key = `${from}:${end}`;
  let table = tables.get(key);
  if (table === undefined) {
    table = doc.kind === 'latex' ? nextTabular(doc, from, end) : nextGfm(doc.text, from, end);
    tables.set(key, table);
  }
  return table;
}

interface MdNode {
  type: string;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

function nextGfm(text: string, from: number, to: number): DocTable | null {
  // Quick reject: a GFM table needs a delimiter row.
  const slice = text.slice(from, to);
  if (!/\|?\s*:?-+:?\s*\|/.test(slice) && !/\|\s*:?-+:?\s*\|?/.test(slice)) return null;
  let tree: MdNode;
  try {
    tree = fromMarkdown(slice, { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] }) as MdNode;
  } catch {
    return null;
  }
  const table = findFirst(tree, 'table');
  if (!table?.children?.length || !table.position) return null;
  const rows = table.children.map((row) => (row.children ?? []).map((cell) => gfmCell(text, from, cell)));
  return {
    kind: 'gfm',
    span: { start: from + (table.position.start.offset ?? 0), end: from + (table.position.end.offset ?? 0) },
    header: rows[0],
    rows: rows.slice(1),
  };
}

function findFirst(node: MdNode, type: string): MdNode | null {
  // Iterative: a hostile document may nest deeply.
  const stack: MdNode[] = [node];
  while (stack.length) {
    const n = stack.shift()!;
    if (n.type === type) return n;
    if (n.type === 'code' || n.type === 'html') continue;
    stack.unshift(...(n.children ?? []));
  }
  return null;
}

/** A GFM cell's position covers its leading pipe (and the row's last pipe): keep only the content. */
function gfmCell(text: string, base: number, cell: MdNode): TableCell {
  let s = base + (cell.position?.start.offset ?? 0);
  let e = base + (cell.position?.end.offset ?? 0);
  if (text[s] === '|') s++;
  if (e > s && text[e - 1] === '|' && text[e - 2] !== '\\') e--;
  return trimmed(text, s, e);
}

function trimmed(text: string, s: number, e: number): TableCell {
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return { text: text.slice(s, e), span: { start: s, end: e } };
}

// ---------- LaTeX tabular ----------

const RULES = /^\\(hline|toprule|midrule|bottomrule|cline\{[^}]*\}|cmidrule(\([^)]*\))?\{[^}]*\})\s*/;

/** `doc.hidden` is sorted and non-overlapping: a binary search. */
function inHidden(doc: ScannedDocument, i: number): boolean {
  const k = firstSpanEndingAfter(doc.hidden, i);
  return k < doc.hidden.length && doc.hidden[k].start <= i;
}

function nextTabular(doc: ScannedDocument, from: number, to: number): DocTable | null {
  const text = doc.text;
  const re = /\\begin\{(tabular\*?|tabularx|longtable)\}/g;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m.index < to) {
    if (inHidden(doc, m.index)) continue;
    const env = m[1];
    const close = text.indexOf(`\\end{${env}}`, re.lastIndex);
    if (close < 0) return null;
    let i = re.lastIndex;
    // tabular* and tabularx take a width first; all take an optional [pos] and the column spec.
    if (env !== 'tabular' && env !== 'longtable') i = skipGroup(text, skipSpace(text, i), close);
    i = skipSpace(text, i);
    if (text[i] === '[') i = text.indexOf(']', i) + 1 || close;
    i = skipGroup(text, skipSpace(text, i), close);
    const rows = tabularRows(doc, i, close);
    if (rows.length === 0) return null;
    return { kind: 'tabular', span: { start: m.index, end: close + env.length + 6 }, header: rows[0], rows: rows.slice(1) };
  }
  return null;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

/** Past a balanced `{...}` at i (or i itself when none is there). */
function skipGroup(text: string, i: number, limit: number): number {
  if (text[i] !== '{') return i;
  let depth = 0;
  for (let j = i; j < limit; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '{') depth++;
    else if (text[j] === '}' && --depth === 0) return j + 1;
  }
  return limit;
}

function tabularRows(doc: ScannedDocument, start: number, end: number): TableCell[][] {
  const text = doc.text;
  const rows: TableCell[][] = [];
  let cells: TableCell[] = [];
  let cellStart = start;
  let depth = 0;
  const endCell = (at: number) => {
    let s = cellStart;
    // Rules at the start of a row belong to no cell.
    for (;;) {
      s = skipSpace(text, s);
      const r = RULES.exec(text.slice(s, at));
      if (!r) break;
      s += r[0].length;
    }
    cells.push(trimmed(text, s, at));
  };
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (inHidden(doc, i)) continue;
    if (c === '\\') {
      if (text[i + 1] === '\\' && depth === 0) {
        endCell(i);
        rows.push(cells);
        cells = [];
        i++;
        // `\\[2pt]`: the row's extra space is not the next cell.
        if (text[i + 1] === '[') i = Math.max(i, text.indexOf(']', i));
        cellStart = i + 1;
        continue;
      }
      i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (c === '&' && depth === 0) {
      endCell(i);
      cellStart = i + 1;
    }
  }
  endCell(end);
  if (cells.some((x) => x.text !== '')) rows.push(cells);
  return rows.filter((r) => r.some((x) => x.text !== ''));
}
