/**
 * Shape literals (spec section 5): a chain of dims joined by `×`, `\times` or, between whole numbers,
 * `x` (`4×5`, `4 x 5`, `4x5`, `1 \times 2 \times 3`, `F \times H_{output}`), and `\mathbb{R}^{..}`,
 * `\R^{..}`, `R^{..}`, `ℝ^{..}` (`\mathbb{R}^m` is a one-dim shape). A chain that is an operand of
 * arithmetic (`H - D \times (K-1) + 2P`, `1 \times 10^{-3}`) is no shape: it may not follow `+ - * / ^ _`
 * nor be followed by `+ - * / ^ _ ( [ '` or another times sign.
 */
import { groupEnd, isAsciiLetter, isDigit, isWordChar, macroAt, skipBlanks, type Piece } from './chars';
import { parenExpression, readDim, readSymbol } from './dims';

export interface ShapeToken {
  dims: string[];
  start: number;
  end: number;
  /** Set when the chain is an operand of arithmetic: no literal, and nothing inside it is one either. */
  rejected?: boolean;
}

/**
 * Marks that may stand around a times sign without changing the shape: math delimiters (`4$\times$5`),
 * braces (`$4{\times}5$`) and Markdown emphasis (`**5**×**4**`).
 */
function skipDecoration(p: Piece, i: number): number {
  let j = skipBlanks(p, i);
  for (let n = 0; n < 4; n++) {
    const c = p.text.charCodeAt(j);
    if (c === 36 /* $ */ || c === 123 || c === 125) j = skipBlanks(p, j + 1);
    else if (c === 42 && p.text.charCodeAt(j + 1) === 42) j = skipBlanks(p, j + 2);
    else if (c === 92 && (p.text.charCodeAt(j + 1) === 40 || p.text.charCodeAt(j + 1) === 41)) j = skipBlanks(p, j + 2);
    else break;
  }
  return j;
}

/** A times sign at i (after optional blanks): where the next dim may start, and whether it was ASCII `x`. */
function readTimes(p: Piece, i: number): { next: number; ascii: boolean } | null {
  const j = skipDecoration(p, i);
  const c = p.text.charCodeAt(j);
  if (c === 0xd7 /* × */) return { next: skipDecoration(p, j + 1), ascii: false };
  if (c === 92 && macroAt(p, j) === 'times') return { next: skipDecoration(p, j + 6), ascii: false };
  if (c === 120 /* x */) {
    const after = p.text.charCodeAt(j + 1);
    if (isAsciiLetter(after) || after === 95) return null;
    // ASCII `x` joins plain text only: `4 x 5`, `4x5` (not across `$`, where `x` is a variable).
    if (j !== skipBlanks(p, i)) return null;
    return { next: skipBlanks(p, j + 1), ascii: true };
  }
  return null;
}

const OPERATORS_BEFORE = new Set([43, 45, 0x2212, 42, 47, 94, 95, 0xd7]);
const OPERATORS_AFTER = new Set([43, 45, 0x2212, 42, 47, 94, 95, 40, 91, 39, 0xd7]);

function operandBefore(p: Piece, i: number): boolean {
  let j = i;
  while (j > p.start && (p.text.charCodeAt(j - 1) === 32 || p.text.charCodeAt(j - 1) === 9)) j--;
  if (j <= p.start) return false;
  // `**5**×**4**`: emphasis, not a product.
  if (p.text.charCodeAt(j - 1) === 42 && j - 1 > p.start && p.text.charCodeAt(j - 2) === 42) return false;
  if (OPERATORS_BEFORE.has(p.text.charCodeAt(j - 1))) return true;
  return /\\(?:cdot|times)$/.test(p.text.slice(Math.max(p.start, j - 6), j));
}

function operandAfter(p: Piece, i: number): boolean {
  const j = skipBlanks(p, i);
  if (j >= p.end) return false;
  const c = p.text.charCodeAt(j);
  // `**` closes emphasis; `[^1]` is a footnote.
  if (c === 42 && p.text.charCodeAt(j + 1) === 42) return false;
  if (c === 91 && p.text.charCodeAt(j + 1) === 94) return false;
  if (OPERATORS_AFTER.has(c)) return true;
  const m = macroAt(p, j);
  return m === 'cdot' || m === 'times';
}

/** A chain of two or more dims starting at i. */
export function readShapeChain(p: Piece, i: number): ShapeToken | null {
  const first = readDim(p, i);
  if (!first) return null;
  const dims = [first.dim];
  let numeric = [first.numeric];
  let end = first.end;
  for (;;) {
    const sep = readTimes(p, end);
    if (!sep) break;
    const d = readDim(p, sep.next);
    if (!d) break;
    if (sep.ascii && !(d.numeric && numeric[numeric.length - 1])) break;
    dims.push(d.dim);
    numeric = [...numeric.slice(-1), d.numeric];
    end = d.end;
  }
  if (dims.length < 2) return null;
  // Skipping the whole rejected chain (rather than retrying from its second dim) keeps `4×4×…×` linear.
  if (operandBefore(p, i) || operandAfter(p, end)) return { dims, start: i, end, rejected: true };
  return { dims, start: i, end };
}

/** `\mathbb{R}`, `\mathbf{R}`, `\R`, `\Reals`, `R`, `ℝ` at i: the offset after it, or -1. */
function readReals(p: Piece, i: number): number {
  const t = p.text;
  const c = t.charCodeAt(i);
  if (c === 0x211d) return i + 1;
  if (c === 82 /* R */) {
    const prev = i > p.start ? t.charCodeAt(i - 1) : 32;
    return isWordChar(prev) || prev === 92 ? -1 : i + 1;
  }
  const name = macroAt(p, i);
  if (name === 'R' || name === 'Reals' || name === 'reals' || name === 'RR') return i + 1 + name.length;
  if (name === 'mathbb' || name === 'mathbf' || name === 'mathrm' || name === 'Bbb') {
    const j = skipBlanks(p, i + 1 + name.length);
    if (t.charCodeAt(j) === 82) return j + 1;
    const close = groupEnd(p, j, 8);
    if (close > 0 && t.slice(j + 1, close - 1).trim() === 'R') return close;
  }
  return -1;
}

/** `\mathbb{R}^{1 \times 2}`, `R^{m×n}`, `\R^m` at i. */
export function readRealShape(p: Piece, i: number): ShapeToken | null {
  const afterR = readReals(p, i);
  if (afterR < 0) return null;
  const caret = skipBlanks(p, afterR);
  if (p.text.charCodeAt(caret) !== 94) return null;
  const at = skipBlanks(p, caret + 1);
  const t = p.text;
  if (t.charCodeAt(at) === 123) {
    const close = groupEnd(p, at, 300);
    if (close < 0) return null;
    const dims = splitDims(t.slice(at + 1, close - 1));
    return dims ? { dims, start: i, end: close } : null;
  }
  if (isDigit(t.charCodeAt(at))) {
    let j = at;
    while (j < p.end && isDigit(t.charCodeAt(j))) j++;
    return { dims: [String(Number(t.slice(at, j)))], start: i, end: j };
  }
  if (isAsciiLetter(t.charCodeAt(at))) {
    // TeX takes one token after `^`: `\mathbb{R}^mn` is R^m followed by n.
    return { dims: [t[at]], start: i, end: at + 1 };
  }
  return null;
}

/** The dims inside `R^{...}`: split on `\times`, `×` or `,`; on `x` only when every part is a number. */
function splitDims(inner: string): string[] | null {
  let parts = inner.split(/\\times(?![A-Za-z])|×|,/);
  if (parts.length === 1 && /^\s*\d+\s*(?:x\s*\d+\s*)+$/.test(inner)) parts = inner.split('x');
  const dims: string[] = [];
  for (const raw of parts) {
    const part = raw.trim();
    if (/^\d+$/.test(part)) {
      dims.push(String(Number(part)));
      continue;
    }
    const piece: Piece = { text: part, start: 0, end: part.length };
    const sym = readSymbol(piece, 0);
    if (sym && sym.end === part.length) {
      dims.push(sym.name);
      continue;
    }
    const expr = parenExpression(part);
    if (!expr) return null;
    dims.push(/^\(.*\)$/.test(expr) && balancedOuter(expr) ? expr : `(${expr})`);
  }
  return dims.length > 0 ? dims : null;
}

function balancedOuter(s: string): boolean {
  let depth = 0;
  for (let k = 0; k < s.length; k++) {
    if (s[k] === '(') depth++;
    else if (s[k] === ')' && --depth === 0 && k < s.length - 1) return false;
  }
  return depth === 0;
}

/**
 * `5-by-4`, `5 by 4`, `5-by-4-by-3`: whole numbers joined by `by` (a hyphen, or spaces, on each side).
 */
export function readByShape(p: Piece, i: number): ShapeToken | null {
  const re = /^(\d+)((?:(?:-by-| by )\d+)+)(?!\w|\.\d)/;
  const m = re.exec(p.text.slice(i, Math.min(p.end, i + 80)));
  if (!m) return null;
  const dims = m[0].split(/-by-| by /).map((d) => String(Number(d)));
  return { dims, start: i, end: i + m[0].length };
}

/**
 * `(3, 4)`, `(1, 6, 28, 28)`, `(3,)`: a tuple of whole numbers as Python prints a shape. One element
 * needs Python's trailing comma; anything else inside (`(3, x)`, `(0.5, 1)`) is no shape.
 */
export function readTupleShape(p: Piece, i: number): ShapeToken | null {
  const m = /^\(\s*(\d+(?:\s*,\s*\d+)*)\s*(,?)\s*\)/.exec(p.text.slice(i, Math.min(p.end, i + 120)));
  if (!m) return null;
  const dims = m[1].split(',').map((d) => String(Number(d.trim())));
  if (dims.length === 1 && !m[2]) return null;
  return { dims, start: i, end: i + m[0].length };
}
