/**
 * One dim of a shape literal, in the claim language's dim syntax: a whole number (`4`), a symbol with
 * its LaTeX subscript flattened (`H_{output}` → `H_output`, `W_{\text{out}}` → `W_out`), or a
 * parenthesised expression (`(n+2)`). A dim glued to something that makes it part of a bigger
 * expression (`10^{-3}`, `f(x)`, `X'`, `x[0]`, `2k`) is not a dim.
 */
import { groupEnd, isAsciiLetter, isDigit, isWordChar, type Piece } from './chars';

export interface DimToken {
  dim: string;
  numeric: boolean;
  end: number;
  /** `2m`: a number glued to a one-letter symbol, a dim only inside a chain of other dims. */
  scaled?: boolean;
}

/** Characters that make what precedes them part of an expression, not a dim. */
function gluedAfter(p: Piece, j: number): boolean {
  if (j >= p.end) return false;
  const c = p.text.charCodeAt(j);
  // `[^1]` is a footnote mark, not an index.
  if (c === 91 && p.text.charCodeAt(j + 1) === 94) return false;
  return c === 94 /* ^ */ || c === 40 /* ( */ || c === 91 /* [ */ || c === 39 /* ' */ || c === 95 /* _ */;
}

/** Flattens a subscript's LaTeX to letters and digits: `{\text{out}}` → `out`; '' when it holds more. */
export function flattenSubscript(raw: string): string {
  const s = raw.replace(/\\(?:text|mathrm|mathit|textrm|mathsf|rm|it|operatorname)\b/g, '').replace(/[{}\s]/g, '');
  return /^[A-Za-z0-9]+$/.test(s) ? s : '';
}

/** A symbol at i (`W`, `H_{output}`, `W_c`, `batch`): its name with the subscript flattened. */
export function readSymbol(p: Piece, i: number): { name: string; end: number } | null {
  const t = p.text;
  if (!isAsciiLetter(t.charCodeAt(i))) return null;
  let j = i + 1;
  while (j < p.end && (isAsciiLetter(t.charCodeAt(j)) || isDigit(t.charCodeAt(j)))) j++;
  let name = t.slice(i, j);
  if (t.charCodeAt(j) === 95 /* _ */) {
    let sub = '';
    let k = -1;
    if (t.charCodeAt(j + 1) === 123) {
      k = groupEnd(p, j + 1, 80);
      if (k > 0) sub = flattenSubscript(t.slice(j + 1, k));
    } else if (t.charCodeAt(j + 1) === 92) {
      // `n_\textrm{h}`, `W_\text{out}`: a font command's group is the subscript.
      const m = /^\\(?:text|textrm|mathrm|mathit|mathsf|operatorname)\s*(?=\{)/.exec(t.slice(j + 1, j + 20));
      if (m) {
        k = groupEnd(p, j + 1 + m[0].length, 80);
        if (k > 0) sub = flattenSubscript(t.slice(j + 1 + m[0].length, k));
      }
    } else if (j + 1 < p.end && (isAsciiLetter(t.charCodeAt(j + 1)) || isDigit(t.charCodeAt(j + 1)))) {
      k = j + 2;
      sub = t[j + 1];
    }
    if (!sub) return null;
    name += '_' + sub;
    j = k;
  }
  return { name, end: j };
}

/** A dim at i (no leading spaces). */
export function readDim(p: Piece, i: number): DimToken | null {
  const t = p.text;
  const c = t.charCodeAt(i);
  if (isDigit(c)) {
    let j = i;
    while (j < p.end && isDigit(t.charCodeAt(j))) j++;
    const next = t.charCodeAt(j);
    // `4.5` is no dim; `4x5` is (the `x` is the separator); `2k`, `3rd` are words; `2m` before or
    // after a times sign is the dim 2·m (`$2m \times n$`), decided by the chain reader.
    if (next === 46 && isDigit(t.charCodeAt(j + 1))) return null;
    const scaled = /^[A-Za-z](?![A-Za-z0-9_])/.exec(t.slice(j, Math.min(p.end, j + 2)));
    if (scaled && next !== 120 && !gluedAfter(p, j + 1)) {
      return { dim: `(${Number(t.slice(i, j))}*${scaled[0]})`, numeric: false, end: j + 1, scaled: true };
    }
    if (j < p.end && isWordChar(next) && !(next === 120 /* x */ && !isAsciiLetter(t.charCodeAt(j + 1)))) return null;
    if (gluedAfter(p, j)) return null;
    return { dim: String(Number(t.slice(i, j))), numeric: true, end: j };
  }
  if (isAsciiLetter(c)) {
    const s = readSymbol(p, i);
    if (!s || gluedAfter(p, s.end)) return null;
    return { dim: s.name, numeric: false, end: s.end };
  }
  if (c === 40 /* ( */) {
    const k = t.slice(i + 1, Math.min(p.end, i + 62)).indexOf(')');
    if (k < 0) return null;
    const close = i + 1 + k;
    const expr = parenExpression(t.slice(i + 1, close));
    if (!expr || gluedAfter(p, close + 1)) return null;
    return { dim: `(${expr})`, numeric: false, end: close + 1 };
  }
  return null;
}

/**
 * An arithmetic expression of symbols and whole numbers, as the claim language writes it: spaces
 * dropped, subscripts flattened, `\cdot`/`\times` as `*`. '' when it holds anything else.
 */
export function parenExpression(raw: string): string {
  let s = raw.replace(/_\{([^{}]*)\}/g, (_m, sub: string) => '_' + (flattenSubscript(sub) || '?'));
  s = s.replace(/\\(?:cdot|times)(?![A-Za-z])/g, '*').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9_+\-*/()]+$/.test(s) || !/[A-Za-z0-9]/.test(s)) return '';
  return s;
}
