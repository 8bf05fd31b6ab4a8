/**
 * Number literals as students and PyTorch write them (spec section 5): `4`, `4.5`, `-0.25`, `−0.245`
 * (Unicode minus), `1e-3`, thousands separators (`34,944`, `34 944`, `34\,944`, `73{,}856`), suffixes
 * (`61.7K`, `1.8M`, `3.2B`, `3.54 MFLOPs`, `2 M params`), byte units (`4 GB`, `2 MiB`), percentages
 * (`65.9%` is 0.659), scientific forms (`1.2 \times 10^{-3}`, `1.2 \cdot 10^{-3}`), and `\frac{9}{2}`.
 *
 * `decimals` sets the tolerance: a claimed x matches when |computed - x| <= 0.5·10^-decimals. It is the
 * digits written after the point, shifted by what scales the number: `1.5e-3` has 4, `65.9%` has 3,
 * `1.8M` has -5 (±0.05M), `38M` has -6 (±0.5M), `1.5 MiB` has log10 of its half-unit. Whole numbers with
 * no suffix, `1e3` and fractions are exact (null).
 */
import { groupEnd, isAsciiLetter, isBlankChar, isDigit, isMinus, macroAt, skipBlanks, skipSpaces, type Piece } from './chars';

/** How a number was written, so that a quick fix can write the computed value the same way. */
export interface NumberForm {
  /** The thousands separator written (`,`, ` `, `\,`, `{,}`), if any. */
  separator?: string;
  /** Digits written after the point in the mantissa. */
  fraction: number;
  /** `%`: the value is the mantissa / 100. */
  percent?: boolean;
  /** A suffix and its factor: `M` 1e6, ` MFLOPs` 1e6, ` GiB` 2^30 (text as written, space included). */
  suffix?: { text: string; factor: number };
  /** `\times 10^{-3}` (text as written before the exponent's digits) and the exponent. */
  power?: { joiner: string; exponent: number; braced: boolean };
  /** `1e-3`: the exponent written with `e`. */
  e?: number;
}

export interface NumberToken {
  value: number;
  decimals: number | null;
  end: number;
  form?: NumberForm;
}

const MULTIPLIERS: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9, G: 1e9, T: 1e12 };
const BYTES: Record<string, number> = {
  KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4,
};
/** Words a multiplier may carry (`MFLOPs`, `2 M params`). */
const COUNTED = /^(?:FLOPs|FLOPS|flops|MACs|MACS|macs|MAdds|params|parameters|Params|multiply-adds|mult-adds)(?![A-Za-z])/;
/** Units glued to a number that do not scale it (`4px wide`): the number stays a number. */
const PLAIN_UNITS = /^(?:px|pt|cm|mm|ms|fps|dB)(?![A-Za-z])/;

/** A thousands separator at j followed by exactly three digits (not a fourth): its text, or ''. */
function separatorAt(p: Piece, j: number, allowed: readonly string[]): string {
  const t = p.text;
  for (const sep of allowed) {
    if (!t.startsWith(sep, j)) continue;
    const k = j + sep.length;
    if (k + 3 <= p.end && isDigit(t.charCodeAt(k)) && isDigit(t.charCodeAt(k + 1)) && isDigit(t.charCodeAt(k + 2)) && !isDigit(t.charCodeAt(k + 3))) {
      // `34 944` only between digit groups, never a space before a decimal point or a letter-glued group.
      if (sep === ' ' || sep === '\u2009' || sep === '\u202f') {
        const after = t.charCodeAt(k + 3);
        if (after === 46 && isDigit(t.charCodeAt(k + 4))) return '';
        if (isAsciiLetter(after)) return '';
      }
      return sep;
    }
  }
  return '';
}

/**
 * The plain number at i (optional minus, digits, optional `.digits`, optional exponent), without any
 * context check. `thousands` allows separators (`73,856`): not inside tensors, where `,` separates elements.
 * `trailingDot` accepts Python's `1.` (inside `tensor([1., 0.])`); in prose a dot after a number ends the sentence.
 */
export function readPlainNumber(p: Piece, i: number, thousands: boolean, trailingDot = false): NumberToken | null {
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
  let separator: string | undefined;
  if (thousands && j - intStart <= 3) {
    // One kind of separator for the whole number: `1,000,000`, `34 944`, `73{,}856`, `34\,944`.
    const first = separatorAt(p, j, [',', '{,}', '\\,', ' ', '\u2009', '\u202f']);
    if (first) {
      let k = j;
      while (separatorAt(p, k, [first]) === first) {
        digits += t.slice(k + first.length, k + first.length + 3);
        k += first.length + 3;
      }
      separator = first;
      j = k;
    }
  }
  let frac = '';
  if (t.charCodeAt(j) === 46 && j + 1 < p.end && isDigit(t.charCodeAt(j + 1))) {
    let k = j + 1;
    while (k < p.end && isDigit(t.charCodeAt(k))) k++;
    frac = t.slice(j + 1, k);
    j = k;
  } else if (trailingDot && t.charCodeAt(j) === 46 && !isAsciiLetter(t.charCodeAt(j + 1))) {
    j++;
  }
  let exp = 0;
  let eExp: number | undefined;
  const e = t.charCodeAt(j);
  if (e === 101 || e === 69) {
    let k = j + 1;
    const s = t.charCodeAt(k);
    if (s === 43 || isMinus(s)) k++;
    const expStart = k;
    while (k < p.end && isDigit(t.charCodeAt(k))) k++;
    if (k > expStart && !isAsciiLetter(t.charCodeAt(k))) {
      exp = Number(t.slice(expStart, k)) * (isMinus(s) ? -1 : 1);
      eExp = exp;
      j = k;
    }
  }
  const value = Number(`${neg ? '-' : ''}${digits}${frac ? '.' + frac : ''}e${exp}`);
  if (!Number.isFinite(value)) return null;
  const d = frac.length - exp;
  const form: NumberForm = { fraction: frac.length, ...(separator ? { separator } : {}), ...(eExp !== undefined ? { e: eExp } : {}) };
  // `1.5e-3` claims 4 decimals; `4.097e6` claims ±500; `1e3` (no digits after a point) is exact.
  return { value, decimals: frac.length > 0 || d > 0 ? d : null, end: j, form };
}

/**
 * A number with what may follow it in prose and math: `\times 10^{-3}`, `%`, a suffix or byte unit.
 * Returns null when what follows makes the digits part of something else (handled by the caller).
 */
export function readNumber(p: Piece, i: number): NumberToken | null {
  const n = readPlainNumber(p, i, true);
  if (!n) return null;
  return withPower(p, n) ?? withSuffix(p, n) ?? n;
}

/** `1.2 \times 10^{-3}`, `1.2 \cdot 10^{-3}`, `1.2 × 10^-3`, `1.2 \times 10^{6}`. */
function withPower(p: Piece, n: NumberToken): NumberToken | null {
  if (n.form?.e !== undefined) return null;
  const t = p.text;
  let j = skipBlanks(p, n.end);
  const c = t.charCodeAt(j);
  if (c === 0xd7 || c === 0xb7) j++;
  else {
    const m = macroAt(p, j);
    if (m !== 'times' && m !== 'cdot') return null;
    j += 1 + m.length;
  }
  j = skipBlanks(p, j);
  if (!t.startsWith('10', j)) return null;
  j = skipBlanks(p, j + 2);
  if (t.charCodeAt(j) !== 94 /* ^ */) return null;
  j = skipBlanks(p, j + 1);
  const expAt = j;
  let expText: string;
  let end: number;
  let braced = false;
  if (t.charCodeAt(j) === 123) {
    const close = groupEnd(p, j, 16);
    if (close < 0) return null;
    expText = t.slice(j + 1, close - 1).trim();
    end = close;
    braced = true;
  } else {
    const m = /^[-−]?\d/.exec(t.slice(j, j + 2));
    if (!m) return null;
    expText = t[j];
    end = j + 1;
    if (isMinus(t.charCodeAt(j))) {
      expText = '-' + t[j + 1];
      end = j + 2;
    }
  }
  const em = /^([-−+]?)(\d{1,3})$/.exec(expText);
  if (!em) return null;
  const exponent = Number(em[2]) * (em[1] === '-' || em[1] === '−' ? -1 : 1);
  const value = n.value * Math.pow(10, exponent);
  if (!Number.isFinite(value)) return null;
  const fraction = n.form?.fraction ?? 0;
  // The joiner as written (` \times 10^`), so a fix keeps the student's form; `-3` or `{-3}` follows it.
  const joiner = t.slice(n.end, expAt);
  return {
    value: Number(value.toPrecision(15)),
    decimals: fraction > 0 || exponent < 0 ? fraction - exponent : null,
    end,
    form: { fraction, power: { joiner, exponent, braced }, ...(n.form?.separator ? { separator: n.form.separator } : {}) },
  };
}

/** `65.9%`, `1.8M`, `61.7K`, `3.54 MFLOPs`, `2 M params`, `4 GB`, `1.5 MiB`; `4px` stays 4. */
function withSuffix(p: Piece, n: NumberToken): NumberToken | null {
  const t = p.text;
  const fraction = n.form?.fraction ?? 0;
  if (n.form?.e !== undefined) return null;
  const scaled = (text: string, factor: number, end: number): NumberToken => ({
    value: Number((n.value * factor).toPrecision(15)),
    decimals: fraction - Math.log10(factor),
    end,
    form: { fraction, suffix: { text, factor }, ...(n.form?.separator ? { separator: n.form.separator } : {}) },
  });
  const glued = n.end;
  const spaced = isBlankChar(t.charCodeAt(glued)) ? skipBlanks(p, glued) : -1;
  const rest = (at: number) => t.slice(at, Math.min(p.end, at + 24));
  // Percent, glued or after one space (`65.9 %`); `\%` in LaTeX.
  for (const at of [glued, spaced]) {
    if (at < 0) continue;
    const r = rest(at);
    const pm = /^\\?%/.exec(r);
    if (pm) {
      return {
        value: Number((n.value / 100).toPrecision(15)),
        decimals: fraction + 2,
        end: at + pm[0].length,
        form: { fraction, percent: true, suffix: { text: t.slice(glued, at + pm[0].length), factor: 0.01 } },
      };
    }
  }
  for (const at of [glued, spaced]) {
    if (at < 0) continue;
    const r = rest(at);
    const bm = /^(KB|MB|GB|TB|KiB|MiB|GiB|TiB)(?![A-Za-z])/.exec(r);
    if (bm) return scaled(t.slice(glued, at + bm[0].length), BYTES[bm[1]], at + bm[0].length);
    const mm = /^([KMBGT])/.exec(r);
    if (mm) {
      const after = r.slice(1);
      const counted = COUNTED.exec(after);
      if (counted) return scaled(t.slice(glued, at + 1 + counted[0].length), MULTIPLIERS[mm[1]], at + 1 + counted[0].length);
      const spacedWord = /^ +/.exec(after);
      if (spacedWord && COUNTED.test(after.slice(spacedWord[0].length))) {
        // `2 M params`, `1.8M parameters`: the suffix is the letter; the unit word is prose.
        return scaled(t.slice(glued, at + 1), MULTIPLIERS[mm[1]], at + 1);
      }
      // A glued multiplier alone (`1.8M`, `138M.`): not before another letter (`3Mb`, `2Ms`).
      if (at === glued && !/^[A-Za-z0-9_]/.test(after)) return scaled(mm[1], MULTIPLIERS[mm[1]], at + 1);
    }
  }
  return null;
}

/** Whether a unit that leaves the number as is (`4px`) is glued at j: the number is still a number. */
export function plainUnitAt(p: Piece, j: number): boolean {
  return PLAIN_UNITS.test(p.text.slice(j, Math.min(p.end, j + 6)));
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
