/**
 * Number literals: `4`, `4.5`, `-0.25`, `1e-3`, `73,856`, and `\frac{9}{2}` (also `\tfrac`, `\dfrac`).
 * `decimals` is how many digits after the point the student wrote (the claim's tolerance, spec
 * section 5): `1.5e-3` has 4 (it is 0.0015); whole numbers, `1e3` and fractions are exact (null).
 */
import { groupEnd, isDigit, isMinus, macroAt, skipSpaces, type Piece } from './chars';

export interface NumberToken {
  value: number;
  decimals: number | null;
  end: number;
}

/**
 * The plain number at i (optional minus, digits, optional `.digits`, optional exponent), without any
 * context check. `thousands` allows `73,856`: not inside tensors, where the comma separates elements.
 */
export function readPlainNumber(p: Piece, i: number, thousands: boolean): NumberToken | null {
  const t = p.text;
  let j = i;
  let neg = false;
  if (j < p.end && isMinus(t.charCodeAt(j))) {
    neg = true;
    j++;
  }
  const intStart = j;
  while (j < p.end && isDigit(t.charCodeAt(j))) j++;
  if (j === intStart) return null;
  let digits = t.slice(intStart, j);
  if (thousands && j - intStart <= 3) {
    // Groups of exactly three digits after a comma: `73,856`, `1,000,000`.
    let k = j;
    let grouped = '';
    while (t.charCodeAt(k) === 44 && k + 4 <= p.end && isDigit(t.charCodeAt(k + 1)) && isDigit(t.charCodeAt(k + 2)) && isDigit(t.charCodeAt(k + 3)) && !isDigit(t.charCodeAt(k + 4))) {
      grouped += t.slice(k + 1, k + 4);
      k += 4;
    }
    if (grouped) {
      digits += grouped;
      j = k;
    }
  }
  let frac = '';
  if (t.charCodeAt(j) === 46 && j + 1 < p.end && isDigit(t.charCodeAt(j + 1))) {
    let k = j + 1;
    while (k < p.end && isDigit(t.charCodeAt(k))) k++;
    frac = t.slice(j + 1, k);
    j = k;
  }
  let exp = 0;
  const e = t.charCodeAt(j);
  if (e === 101 || e === 69) {
    let k = j + 1;
    const s = t.charCodeAt(k);
    if (s === 43 || isMinus(s)) k++;
    const expStart = k;
    while (k < p.end && isDigit(t.charCodeAt(k))) k++;
    if (k > expStart) {
      exp = Number(t.slice(expStart, k)) * (isMinus(s) ? -1 : 1);
      j = k;
    }
  }
  const value = Number(`${neg ? '-' : ''}${digits}${frac ? '.' + frac : ''}e${exp}`);
  if (!Number.isFinite(value)) return null;
  const d = frac.length - exp;
  return { value, decimals: d > 0 ? d : null, end: j };
}

const FRACTIONS = new Set(['frac', 'tfrac', 'dfrac']);

/** `\frac{a}{b}` with numeric a and b (b not 0), at i; `negative` when a minus stood before it. */
export function readFraction(p: Piece, i: number, negative: boolean): NumberToken | null {
  const name = macroAt(p, i);
  if (!FRACTIONS.has(name)) return null;
  const a = readBracedNumber(p, skipSpaces(p, i + 1 + name.length));
  if (!a) return null;
  const b = readBracedNumber(p, skipSpaces(p, a.end));
  if (!b || b.value === 0) return null;
  return { value: (negative ? -1 : 1) * (a.value / b.value), decimals: null, end: b.end };
}

function readBracedNumber(p: Piece, i: number): NumberToken | null {
  const close = groupEnd(p, i, 64);
  if (close < 0) return null;
  const inner: Piece = { text: p.text, start: i + 1, end: close - 1 };
  const n = readPlainNumber(inner, skipSpaces(inner, inner.start), false);
  if (!n || skipSpaces(inner, n.end) !== inner.end) return null;
  return { value: n.value, decimals: null, end: close };
}
