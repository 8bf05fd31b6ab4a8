/**
 * Finding the literals a bare claim can bind to (spec section 5): shapes, numbers and tensors in the
 * document text, outside hidden spans (comments, code, verbatim) and claim blocks.
 *
 * The rules, kept simple so a student can predict them:
 * - A literal's span is its own characters (`4×5`, `-0.25`, `\frac{9}{2}`, the whole `pmatrix`).
 * - Numbers inside a shape, tensor or `\frac{}{}` belong to it and are not reported again.
 * - Digits that are part of a word or identifier are not numbers: `hw3`, `lc3424`, `x1`, `2k`, `3rd`.
 * - Sub- and superscripts are skipped (`W_{j0}`, `x^2`, `10^{-3}`), and so is a number right before a
 *   `^` (`2^{10}` is a power, not a claimed 2); brackets right after a name are an index (`x[0]`).
 * - A dotted run like `1.2.3` is a section number, no literal; `1.2` at a line start is a number.
 * - `73,856` is one number; `-` is a sign only where no operand stands before it (`10 - 3` is 10 and 3).
 * - `\mathbb{R}` with no exponent (a scalar) and matrices with non-numeric cells are not literals.
 * - A times chain that is an operand of arithmetic (`H - D \\times (K-1) + 2P`) is skipped whole.
 * - ASCII `x` joins dims only between whole numbers (`4x5`, `4 x 5`); `×` and `\times` join symbols too.
 */
import type { ScannedDocument } from '../core/document';
import type { NestedNumbers } from '../core/result';
import type { Span } from '../core/span';
import { normalizeSpans, visiblePieces } from '../documents/spans';
import { groupEnd, isAsciiLetter, isDigit, isMinus, isWordChar, macroAt, skipBlanks, type Piece } from './literals/chars';
import { plainUnitAt, readFraction, readNumber, type NumberForm } from './literals/numbers';
import { readByShape, readRealShape, readShapeChain, readTupleShape } from './literals/shapes';
import { readBracketTensor, readMatrix } from './literals/tensors';

export type TextLiteral =
  | { kind: 'shape'; span: Span; dims: string[]; text: string }
  | { kind: 'number'; span: Span; value: number; decimals: number | null; text: string; form?: NumberForm }
  /** `decimals` is the most any element has (for writing a fix); `each` the digits of every element, flat. */
  | { kind: 'tensor'; span: Span; value: NestedNumbers; decimals: number | null; each: (number | null)[]; text: string };

/** The literals in `within`, in document order. */
export function findLiterals(doc: ScannedDocument, within: Span): TextLiteral[] {
  const start = Math.max(0, within.start);
  const end = Math.min(doc.text.length, within.end);
  if (end <= start) return [];
  const holes = holesOf(doc);
  const out: TextLiteral[] = [];
  for (const s of visiblePieces({ start, end }, holes)) scanPiece({ text: doc.text, start: s.start, end: s.end }, out);
  return out;
}

/**
 * The literals of the visible stretch around `span` once `newText` replaces it, as a quick fix would
 * leave the text. `text` is that stretch alone and `base` its offset in the document: a literal at
 * `s` in `text` stands at `base + s` (up to the edit, where the two texts agree).
 */
export function literalsAfterEdit(doc: ScannedDocument, within: Span, span: Span, newText: string): { text: string; base: number; literals: TextLiteral[] } {
  const pieces = visiblePieces({ start: Math.max(0, within.start), end: Math.min(doc.text.length, within.end) }, holesOf(doc));
  const piece = pieces.find((s) => s.start <= span.start && span.end <= s.end);
  if (!piece) return { text: '', base: 0, literals: [] };
  const text = doc.text.slice(piece.start, span.start) + newText + doc.text.slice(span.end, piece.end);
  const out: TextLiteral[] = [];
  scanPiece({ text, start: 0, end: text.length }, out);
  return { text, base: piece.start, literals: out };
}

// Claims are bound one after another against the same document: merge its holes once.
const holeCache = new WeakMap<ScannedDocument, Span[]>();

function holesOf(doc: ScannedDocument): Span[] {
  let holes = holeCache.get(doc);
  if (!holes) {
    holes = normalizeSpans([...doc.hidden, ...doc.blocks.map((b) => b.span)]);
    holeCache.set(doc, holes);
  }
  return holes;
}

/** A literal without its text: distributing Omit over the union keeps each kind's own fields. */
type Untexted = TextLiteral extends infer L ? (L extends TextLiteral ? Omit<L, 'text'> : never) : never;

function push(out: TextLiteral[], p: Piece, lit: Untexted): void {
  out.push({ ...lit, text: p.text.slice(lit.span.start, lit.span.end) } as TextLiteral);
}

/** Whether a `-` at i is a sign (nothing that could be its left operand stands right before it). */
function minusIsSign(p: Piece, i: number): boolean {
  if (i <= p.start) return true;
  const prev = p.text.charCodeAt(i - 1);
  return !(isWordChar(prev) || prev === 41 || prev === 93 || prev === 125 || prev === 46);
}

/** A `[` right after a name, `)`, `]` or `}` indexes; it holds no literal. (`\left[` does not.) */
function isIndexBracket(p: Piece, i: number): boolean {
  if (i <= p.start) return false;
  const prev = p.text.charCodeAt(i - 1);
  if (prev === 41 || prev === 93 || prev === 125 || prev === 39) return true;
  if (!isWordChar(prev)) return false;
  let j = i - 1;
  while (j > p.start && isAsciiLetter(p.text.charCodeAt(j - 1))) j--;
  return !(j > p.start && p.text.charCodeAt(j - 1) === 92);
}

/** The offset after the brackets opening at i, or i + 1 when they do not close on the same stretch. */
function skipBrackets(p: Piece, i: number): number {
  let depth = 0;
  const stop = Math.min(p.end, i + 200);
  for (let j = i; j < stop; j++) {
    const c = p.text.charCodeAt(j);
    if (c === 91) depth++;
    else if (c === 93 && --depth === 0) return j + 1;
    else if (c === 10) break;
  }
  return i + 1;
}

/** After a `_` or `^` script at i: `{...}`, `\name`, or one character. */
function skipScript(p: Piece, i: number): number {
  const j = skipBlanks(p, i + 1);
  if (p.text.charCodeAt(j) === 123) {
    const e = groupEnd(p, j);
    return e > 0 ? e : j + 1;
  }
  const m = macroAt(p, j);
  return m ? j + 1 + m.length : Math.min(p.end, j + 1);
}

/** After the word at i: letters, digits, `_`, and the dotted/hyphenated tails of section numbers. */
function skipWord(p: Piece, i: number): number {
  let j = i;
  while (j < p.end && (isWordChar(p.text.charCodeAt(j)) || (p.text.charCodeAt(j) === 46 && isDigit(p.text.charCodeAt(j + 1))))) j++;
  return Math.max(j, i + 1);
}

function scanPiece(p: Piece, out: TextLiteral[]): void {
  const t = p.text;
  let i = p.start;
  while (i < p.end) {
    const c = t.charCodeAt(i);
    if (c === 92 /* \ */) {
      i = scanMacro(p, i, out);
      continue;
    }
    if (c === 95 || c === 94 /* _ ^ */) {
      i = skipScript(p, i);
      continue;
    }
    if (c === 0x211d || (c === 82 && !(i > p.start && (isWordChar(t.charCodeAt(i - 1)) || t.charCodeAt(i - 1) === 92)))) {
      const real = readRealShape(p, i);
      if (real) {
        push(out, p, { kind: 'shape', span: { start: i, end: real.end }, dims: real.dims });
        i = real.end;
        continue;
      }
    }
    if (c === 91 /* [ */) {
      if (isIndexBracket(p, i)) {
        i = skipBrackets(p, i);
        continue;
      }
      const tensor = readBracketTensor(p, i);
      if (tensor) {
        push(out, p, { kind: 'tensor', span: { start: i, end: tensor.end }, value: tensor.value, decimals: tensor.decimals, each: tensor.each });
        i = tensor.end;
        continue;
      }
      // `[28x28x10]`, CS231n's way of writing a volume: the brackets belong to the shape.
      const inner = readShapeChain(p, skipBlanks(p, i + 1));
      if (inner && !inner.rejected && p.text.charCodeAt(skipBlanks(p, inner.end)) === 93) {
        const end = skipBlanks(p, inner.end) + 1;
        push(out, p, { kind: 'shape', span: { start: i, end }, dims: inner.dims });
        i = end;
        continue;
      }
      i++;
      continue;
    }
    const wordStart = !(i > p.start && isWordChar(t.charCodeAt(i - 1)));
    if (c === 40 && wordStart) {
      // `(3, 4)`, `(3,)`: a shape as Python prints it.
      const tuple = readTupleShape(p, i);
      if (tuple) {
        push(out, p, { kind: 'shape', span: { start: i, end: tuple.end }, dims: tuple.dims });
        i = tuple.end;
        continue;
      }
    }
    if ((isAsciiLetter(c) || c === 40) && wordStart) {
      const chain = readShapeChain(p, i);
      if (chain) {
        if (!chain.rejected) push(out, p, { kind: 'shape', span: { start: i, end: chain.end }, dims: chain.dims });
        i = chain.end;
        continue;
      }
      i = c === 40 ? i + 1 : skipWord(p, i);
      continue;
    }
    if (isMinus(c) && minusIsSign(p, i)) {
      const j = skipBlanks(p, i + 1);
      const frac = t.charCodeAt(j) === 92 ? readFraction(p, j, true) : null;
      if (frac) {
        push(out, p, { kind: 'number', span: { start: i, end: frac.end }, value: frac.value, decimals: null });
        i = frac.end;
        continue;
      }
      if (isDigit(t.charCodeAt(i + 1))) {
        i = scanNumber(p, i, out);
        continue;
      }
      i++;
      continue;
    }
    if (isDigit(c)) {
      // `LeNet-5`, `ResNet-50`: the digits name a model; `3-layer`: they qualify a word.
      const hyphenName = i - 1 > p.start && t.charCodeAt(i - 1) === 45 && isAsciiLetter(t.charCodeAt(i - 2));
      if (!wordStart || hyphenName) {
        i = skipWord(p, i);
        continue;
      }
      const by = readByShape(p, i);
      if (by) {
        push(out, p, { kind: 'shape', span: { start: i, end: by.end }, dims: by.dims });
        i = by.end;
        continue;
      }
      const chain = readShapeChain(p, i);
      if (chain) {
        if (!chain.rejected) push(out, p, { kind: 'shape', span: { start: i, end: chain.end }, dims: chain.dims });
        i = chain.end;
        continue;
      }
      i = scanNumber(p, i, out);
      continue;
    }
    i++;
  }
}

/** A number at i (digit or sign), checked against what touches it. Returns where scanning goes on. */
function scanNumber(p: Piece, i: number, out: TextLiteral[]): number {
  const n = readNumber(p, i);
  if (!n) return i + 1;
  const t = p.text;
  const next = t.charCodeAt(n.end);
  if (next === 45 && isAsciiLetter(t.charCodeAt(n.end + 1)) && !t.startsWith('-by-', n.end)) return skipWord(p, n.end + 1);
  // `1.2.3` (a section), `2k`, `3rd`: part of something else; `4px` is still the number 4.
  if ((next === 46 && isDigit(t.charCodeAt(n.end + 1))) || (n.end < p.end && isWordChar(next) && !plainUnitAt(p, n.end))) return skipWord(p, i + 1);
  // `2^{10}`: a power, not a claimed number.
  if (next === 94) return skipScript(p, n.end);
  const shape = lengthShape(p, i);
  if (shape && Number.isInteger(n.value) && n.value > 0 && !n.form?.suffix) {
    // "a vector of length 4", "of size 4": the one-dim shape 4.
    push(out, p, { kind: 'shape', span: { start: i, end: n.end }, dims: [String(n.value)] });
    return n.end;
  }
  // Python prints floats as `1.` ("PyTorch prints 1. for it"): a dot that ends no sentence is the number's.
  const end = next === 46 && !n.form?.suffix && /^(?: [a-z]|,)/.test(t.slice(n.end + 1, n.end + 3)) ? n.end + 1 : n.end;
  push(out, p, { kind: 'number', span: { start: i, end }, value: n.value, decimals: n.decimals, ...(n.form ? { form: n.form } : {}) });
  return end;
}

/** "of length 4", "of size 4", "length-4", "with 4 elements" read as a one-dim shape. */
function lengthShape(p: Piece, i: number): boolean {
  const before = p.text.slice(Math.max(p.start, i - 24), i);
  return /\b(?:of|with)\s+(?:length|size|dimension)\s*$/i.test(before) || /\b(?:length|dimension)[- ]$/i.test(before);
}

/** A `\name` at i: a shape, fraction or matrix, or a command to step over. */
function scanMacro(p: Piece, i: number, out: TextLiteral[]): number {
  const name = macroAt(p, i);
  if (!name) return Math.min(p.end, i + 2); // `\\`, `\%`, `\{`: an escaped character
  if (name === 'frac' || name === 'tfrac' || name === 'dfrac') {
    const frac = readFraction(p, i, false);
    if (frac) {
      push(out, p, { kind: 'number', span: { start: i, end: frac.end }, value: frac.value, decimals: null });
      return frac.end;
    }
  } else if (name === 'begin') {
    const m = readMatrix(p, i);
    if (m) {
      const tensor = m.tensor;
      if (tensor) push(out, p, { kind: 'tensor', span: { start: i, end: m.end }, value: tensor.value, decimals: tensor.decimals, each: tensor.each });
      return m.end;
    }
  } else {
    const real = readRealShape(p, i);
    if (real) {
      push(out, p, { kind: 'shape', span: { start: i, end: real.end }, dims: real.dims });
      return real.end;
    }
  }
  return i + 1 + name.length;
}
