/** How computed values are written for people, for the CLI's JSON, and back into the document by a fix. */
import type { CanonicalValue, NestedNumbers } from '../core/result';

/** Shortest form that round-trips well enough for a person: 4, 4.5, 0.2913126, 1e-7. */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const p = Number(v.toPrecision(7));
  return String(p);
}

/** A number written with exactly `decimals` digits after the point, as the student wrote theirs. */
export function formatNumberLike(v: number, decimals: number | null): string {
  // A suffix or power of ten gives fewer than zero decimals (`1.8M`: -5); the plain form then has none.
  if (decimals === null || !Number.isInteger(decimals)) return formatNumber(v);
  return v.toFixed(Math.max(0, Math.min(20, decimals)));
}

const MAX_SHOWN = 64;

export function formatNested(v: number | NestedNumbers, decimals: number | null = null, budget = { left: MAX_SHOWN }): string {
  if (typeof v === 'number') {
    budget.left--;
    return decimals === null ? formatNumber(v) : formatNumberLike(v, decimals);
  }
  const parts: string[] = [];
  for (const item of v as (number | NestedNumbers)[]) {
    if (budget.left <= 0) {
      parts.push('…');
      break;
    }
    parts.push(formatNested(item, decimals, budget));
  }
  return `[${parts.join(', ')}]`;
}

export function canonicalNumber(v: number): CanonicalValue {
  return Number.isFinite(v) ? v : null;
}

/** The digits after the decimal point in a number as written; null for whole numbers (matched exactly). */
export function decimalsOf(raw: string): number | null {
  const m = /^[+-]?\d*\.(\d+)$/.exec(raw.trim());
  if (m) return m[1].length;
  const e = /^[+-]?(\d*)(?:\.(\d*))?[eE]([+-]?\d+)$/.exec(raw.trim());
  if (e) {
    // 1e-3 claims three decimals; 2.5e-3 claims four.
    const frac = (e[2] ?? '').length;
    const d = frac - Number(e[3]);
    return d > 0 ? d : null;
  }
  return null;
}
