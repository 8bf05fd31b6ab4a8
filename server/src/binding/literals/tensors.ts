/**
 * Tensor literals: nested brackets of numbers (`[[1,2],[3,4]]`, `[1, 2.5]`) and `pmatrix`/`bmatrix`
 * (and `matrix`, `Bmatrix`, `vmatrix`, `smallmatrix`) environments whose cells are all numbers (rows
 * by `\\`, cells by `&`; a one-column matrix is n×1). Both must be rectangular.
 * `decimals` is the largest count of digits after the point among the elements, null if all are whole.
 */
import type { NestedNumbers } from '../../core/result';
import { isDigit, isMinus, macroAt, skipSpaces, type Piece } from './chars';
import { readFraction, readPlainNumber, type NumberToken } from './numbers';

export interface TensorToken {
  value: NestedNumbers;
  decimals: number | null;
  /** Each element's own digits after the point, in row-major order: each is compared to its own. */
  each: (number | null)[];
  end: number;
}

type Nested = number | Nested[];

const MAX_DEPTH = 16;
const MAX_MATRIX_CHARS = 20_000;

/** A bracketed tensor at i (text[i] is `[`). */
export function readBracketTensor(p: Piece, i: number): TensorToken | null {
  let decimals: number | null = null;
  const each: (number | null)[] = [];
  const parse = (at: number, depth: number): { v: Nested[]; end: number } | null => {
    if (depth > MAX_DEPTH || p.text.charCodeAt(at) !== 91) return null;
    const items: Nested[] = [];
    let j = skipSpaces(p, at + 1);
    for (;;) {
      if (p.text.charCodeAt(j) === 91) {
        const sub = parse(j, depth + 1);
        if (!sub) return null;
        items.push(sub.v);
        j = sub.end;
      } else {
        const n = readElement(p, j);
        if (!n) return null;
        if (n.decimals !== null) decimals = Math.max(decimals ?? 0, n.decimals);
        each.push(n.decimals);
        items.push(n.value);
        j = n.end;
      }
      j = skipSpaces(p, j);
      const c = p.text.charCodeAt(j);
      if (c === 44) {
        j = skipSpaces(p, j + 1);
        continue;
      }
      if (c === 93) return { v: items, end: j + 1 };
      return null;
    }
  };
  const r = parse(i, 0);
  if (!r || !rectangular(r.v)) return null;
  return { value: r.v as NestedNumbers, decimals, each, end: r.end };
}

function readElement(p: Piece, j: number): NumberToken | null {
  if (j >= p.end) return null;
  const c = p.text.charCodeAt(j);
  if (isDigit(c) || isMinus(c)) {
    const afterMinus = isMinus(c) ? skipSpaces(p, j + 1) : j;
    if (isMinus(c) && p.text.charCodeAt(afterMinus) === 92) return readFraction(p, afterMinus, true);
    // Python prints floats as `1.` (`tensor([1., 0.])`).
    return readPlainNumber(p, j, false, true);
  }
  if (c === 92) return readFraction(p, j, false);
  return null;
}

/** Every list at the same depth has the same length, and numbers only at the deepest level. */
function rectangular(v: Nested[]): boolean {
  const shape: number[] = [];
  for (let x: Nested = v; Array.isArray(x); x = x[0]) {
    if (x.length === 0) return false;
    shape.push(x.length);
  }
  const check = (x: Nested, depth: number): boolean => {
    if (typeof x === 'number') return depth === shape.length;
    return depth < shape.length && x.length === shape[depth] && x.every((y) => check(y, depth + 1));
  };
  return check(v, 0);
}

export const MATRIX_ENVIRONMENTS = new Set(['pmatrix', 'bmatrix', 'Bmatrix', 'vmatrix', 'Vmatrix', 'matrix', 'smallmatrix']);

/**
 * The matrix environment at i (`\begin{pmatrix}`): `end` is after `\end{..}` whether or not its cells are
 * numbers, so the caller can skip a symbolic matrix whole; `tensor` is null then.
 */
export function readMatrix(p: Piece, i: number): { env: string; end: number; tensor: TensorToken | null } | null {
  if (macroAt(p, i) !== 'begin') return null;
  const t = p.text;
  const open = i + 6;
  const close = t.slice(open, Math.min(p.end, open + 20)).indexOf('}');
  if (t.charCodeAt(open) !== 123 || close < 0) return null;
  const env = t.slice(open + 1, open + close);
  if (!MATRIX_ENVIRONMENTS.has(env)) return null;
  const bodyStart = open + close + 1;
  const endTag = `\\end{${env}}`;
  // Matrices are short; a bounded look keeps a run of unclosed `\begin{pmatrix}` linear.
  const k = t.slice(bodyStart, Math.min(p.end, bodyStart + MAX_MATRIX_CHARS)).indexOf(endTag);
  if (k < 0) return null;
  const bodyEnd = bodyStart + k;
  const end = bodyEnd + endTag.length;
  return { env, end, tensor: matrixCells(p, bodyStart, bodyEnd, end) };
}

function matrixCells(p: Piece, from: number, to: number, end: number): TensorToken | null {
  const rows = p.text.slice(from, to).split(/\\\\(?:\[[^\]]{0,20}\])?/);
  if (rows.length > 1 && rows[rows.length - 1].trim() === '') rows.pop();
  let decimals: number | null = null;
  const each: (number | null)[] = [];
  const value: number[][] = [];
  for (const row of rows) {
    const cells: number[] = [];
    for (const cell of row.split('&')) {
      // Cells are read on their own: the tensor's span is the whole environment, not a cell.
      const piece: Piece = { text: cell, start: 0, end: cell.length };
      const n = readElement(piece, skipSpaces(piece, 0));
      if (!n || skipSpaces(piece, n.end) !== piece.end) return null;
      if (n.decimals !== null) decimals = Math.max(decimals ?? 0, n.decimals);
      each.push(n.decimals);
      cells.push(n.value);
    }
    value.push(cells);
  }
  if (value.length === 0 || value.some((r) => r.length !== value[0].length)) return null;
  return { value, decimals, each, end };
}
