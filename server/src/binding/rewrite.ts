/**
 * Writing a computed number the way the student wrote the claimed one, for a quick fix: the same
 * digits after the point, separator, suffix, percent sign, power of ten and minus sign. `1.8M` → `1.9M`,
 * `65.9%` → `63.2%`, `34,944` → `34,848`, `4.54 \times 10^{-5}` → `4.61 \times 10^{-5}`.
 */
import type { NumberForm } from './literals/numbers';

function fixed(v: number, digits: number): string {
  const s = v.toFixed(Math.max(0, Math.min(20, digits)));
  return s === '-0' || /^-0\.0*$/.test(s) ? s.slice(1) : s;
}

function grouped(s: string, sep: string): string {
  const m = /^(-?)(\d+)(.*)$/.exec(s);
  if (!m) return s;
  return m[1] + m[2].replace(/\B(?=(\d{3})+(?!\d))/g, sep) + m[3];
}

/** `v` written in `form` (null: the form cannot hold it, e.g. a whole-number form and a fraction). */
export function writeNumberLike(v: number, written: string, form: NumberForm | undefined, decimals: number | null): string | null {
  if (!Number.isFinite(v)) return null;
  let out: string;
  if (form?.power) {
    const mantissa = v / Math.pow(10, form.power.exponent);
    const exp = form.power.braced ? `{${form.power.exponent}}` : String(form.power.exponent);
    out = fixed(mantissa, form.fraction) + form.power.joiner + exp;
  } else if (form?.e !== undefined) {
    out = `${fixed(v / Math.pow(10, form.e), form.fraction)}e${form.e}`;
  } else if (form?.suffix) {
    out = fixed(v / form.suffix.factor, form.fraction) + form.suffix.text;
  } else if (decimals !== null && decimals > 0) {
    out = fixed(v, decimals);
  } else if (Number.isInteger(v) && Math.abs(v) < 1e15) {
    out = String(v);
  } else {
    out = String(Number(v.toPrecision(7)));
  }
  if (form?.separator) out = grouped(out, form.separator);
  if (written.includes('−')) out = out.replace('-', '−');
  return out;
}
