/**
 * Counts as tables write them (section 5a): `34,944`, `34 944`, `34\,944`, `1.8M`, `61.7K`, `138M`,
 * `3.2B`, optionally in `$...$`; a dash (`-`, `–`, `—`) is 0. A suffix's written digits set the
 * tolerance (`1.8M`: ±0.05M); a plain whole number must match exactly.
 * Kept apart from binding/literals/numbers.ts on purpose: a cell holds one count, so it also takes
 * forms prose does not (a lowercase `k`, a bare spaced suffix `1.8 M`, a dash for 0).
 */

export interface CellCount {
  value: number;
  tolerance: number;
  text: string;
  /** Offsets of the number within the cell text. */
  start: number;
  end: number;
  /** The computed count written in the same style (separators, suffix and digits kept). */
  restyle(n: number): string;
}

const SUFFIX: Record<string, number> = { K: 1e3, k: 1e3, M: 1e6, G: 1e9, B: 1e9, T: 1e12 };

export function readCount(cell: string): CellCount | null {
  const dash = /^\$?\s*[-–—]\s*\$?$/.exec(cell);
  if (dash) return { value: 0, tolerance: 0, text: cell, start: 0, end: cell.length, restyle: (n) => withSeparators(n, '') };
  const m = /(\d{1,3}(?:(?:,|\\,|[ \u2009\u202f])\d{3})+|\d+)(\.\d+)?(?:\s?([KkMGBT])(?![a-z]))?/.exec(cell);
  if (!m) return null;
  const sepMatch = /\d(,|\\,|[ \u2009\u202f])\d{3}/.exec(m[1]);
  const sep = sepMatch ? sepMatch[1] : '';
  const whole = m[1].replace(/[^\d]/g, '');
  const frac = m[2] ?? '';
  const suffix = m[3] ?? '';
  const mult = suffix ? SUFFIX[suffix] : 1;
  const value = Number(`${whole}${frac}`) * mult;
  const decimals = frac ? frac.length - 1 : 0;
  const tolerance = suffix ? 0.5 * 10 ** -decimals * mult : frac ? 0.5 * 10 ** -decimals : 0;
  const start = m.index;
  const end = m.index + m[0].length;
  return {
    value, tolerance, text: cell.slice(start, end).trim(), start, end,
    restyle: (n) => (suffix ? `${(n / mult).toFixed(decimals)}${suffix}` : withSeparators(n, sep)),
  };
}

function withSeparators(n: number, sep: string): string {
  const s = String(Math.round(n));
  if (!sep) return s;
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}
