/**
 * PyTorch's per-dim output formulas, each returning the value and the formula as a student would write
 * it with the numbers put in (`floor((10-3)/2)+1`), so the hover can show the arithmetic.
 */
import {
  Dim, addDim, ceilDim, constDim, dimValue, divDim, floorDim, formatDim, formatDimBare, isConcrete,
  isIntegerValued, mulDim, subDim,
} from '../dims';

export interface DimParams {
  L: Dim;
  k: Dim;
  s: Dim;
  p: Dim;
  d: Dim;
  op: Dim;
}

export interface DimResult {
  value: Dim;
  formula: string;
  inexact: boolean;
  /** How a division that is not whole was rounded: PyTorch floors, ceil-mode pooling rounds up. */
  rounding: 'floor' | 'ceil';
  /** Extra words for the explanation line: why it was floored, or PyTorch's last-window rule. */
  notes: string[];
}

const one = constDim(1);
const two = constDim(2);
const isOne = (d: Dim) => dimValue(d) === 1;
const isZero = (d: Dim) => dimValue(d) === 0;
const t = formatDim;

/** A short decimal for a fraction in an explanation: 3.5, 2.333. */
function decimal(x: number): string {
  const r = Math.round(x * 1000) / 1000;
  return r === x ? String(r) : `${r}…`;
}

/** `k-1` written out: `6` when k is a number, `(K-1)` otherwise. */
function kMinusOne(k: Dim): string {
  return isConcrete(k) ? formatDimBare(subDim(k, one)) : `(${formatDimBare(k)}-1)`;
}

/** The numerator of the conv/pool formula, L + 2p - d(k-1) - 1, and how it is written. */
function convNumerator(x: DimParams): { num: Dim; text: string } {
  const effMinus1 = mulDim(x.d, subDim(x.k, one));
  const num = subDim(subDim(addDim(x.L, mulDim(two, x.p)), effMinus1), one);
  let text = t(x.L);
  if (!isZero(x.p)) text += `+2*${t(x.p)}`;
  // With d=1, d(k-1)+1 is just k: `10-3` as the spec's example writes it.
  text += isOne(x.d) ? `-${t(x.k)}` : `-${t(x.d)}*${kMinusOne(x.k)}-1`;
  return { num, text };
}

/** conv (and pool without ceil): floor((L + 2p - d(k-1) - 1)/s) + 1. */
export function convOut(x: DimParams, rounding: 'floor' | 'ceil' = 'floor'): DimResult {
  const { num, text } = convNumerator(x);
  if (isOne(x.s)) {
    return { value: addDim(num, one), formula: `${text}+1`, inexact: false, rounding, notes: [] };
  }
  const q = divDim(num, x.s);
  const whole = isIntegerValued(q);
  const rounded = rounding === 'floor' ? floorDim(q) : ceilDim(q);
  let value = addDim(rounded, one);
  let formula = `${rounding}((${text})/${t(x.s)})+1`;
  const notes: string[] = [];
  const qv = dimValue(q);
  const inexact = whole === false;
  if (inexact && qv !== undefined) {
    notes.push(`(${text})/${t(x.s)} = ${decimal(qv)} is not whole: ${rounding === 'floor' ? 'floored' : 'rounded up'}`);
  }
  if (rounding === 'ceil') {
    // PyTorch drops a last window that would start in the right padding: if (out-1)*s >= L + p.
    const slack = subDim(mulDim(subDim(value, one), x.s), addDim(x.L, x.p));
    const sv = dimValue(slack);
    if (sv !== undefined && sv >= 0) {
      value = subDim(value, one);
      formula += '-1';
      notes.push('the last window would start in the padding, so PyTorch drops it');
    } else if (sv === undefined) {
      notes.push('assuming the last window starts inside the input; PyTorch drops one that does not');
    }
  }
  return { value, formula, inexact, rounding, notes };
}

/** Transposed conv: (L-1)s - 2p + d(k-1) + op + 1. */
export function convTOut(x: DimParams): DimResult {
  const value = addDim(
    addDim(subDim(mulDim(subDim(x.L, one), x.s), mulDim(two, x.p)), mulDim(x.d, subDim(x.k, one))),
    addDim(x.op, one),
  );
  let formula = isOne(x.s) ? `${formatDimBare(x.L)}-1` : `(${formatDimBare(x.L)}-1)*${t(x.s)}`;
  if (!isZero(x.p)) formula += `-2*${t(x.p)}`;
  formula += isOne(x.d) ? `+${t(x.k)}` : `+${t(x.d)}*${kMinusOne(x.k)}+1`;
  if (!isZero(x.op)) formula += `+${t(x.op)}`;
  return { value, formula, inexact: false, rounding: 'floor', notes: [] };
}

/**
 * conv with p=same (stride 1): PyTorch pads d(k-1) in total, half before and the rest after (the odd
 * one goes after), so the size is kept.
 */
export function sameOut(x: DimParams): DimResult {
  const total = mulDim(x.d, subDim(x.k, one));
  const tv = dimValue(total);
  const formula = `${t(x.L)}+${t(total)}-${isOne(x.d) ? t(x.k) : `${t(x.d)}*${kMinusOne(x.k)}-1`}+1`;
  const split = tv !== undefined ? ` (${Math.floor(tv / 2)} before, ${tv - Math.floor(tv / 2)} after)` : '';
  return { value: x.L, formula, inexact: false, rounding: 'floor', notes: [`p=same pads ${formatDimBare(total)} in total${split}`] };
}

/**
 * TensorFlow's padding rules (`convention tensorflow`, spec section 3b), for conv and pool alike, as
 * documented in TensorFlow's guide to convolution padding
 * (https://www.tensorflow.org/api_docs/python/tf/nn#notes_on_padding_2):
 *   SAME:  out = ceil(L / s)
 *   VALID: out = ceil((L - (k-1)·d) / s)
 * (the same formulas as tf.keras's conv_utils.conv_output_length).
 */
export function tfSameOut(x: DimParams): DimResult {
  const q = divDim(x.L, x.s);
  const whole = isIntegerValued(q);
  if (isOne(x.s)) return { value: x.L, formula: `${t(x.L)}`, inexact: false, rounding: 'ceil', notes: ['TensorFlow SAME: ceil(L/s)'] };
  return { value: ceilDim(q), formula: `ceil(${t(x.L)}/${t(x.s)})`, inexact: false, rounding: 'ceil', notes: [`TensorFlow SAME: ceil(L/s)${whole === false ? ', padding as needed' : ''}`] };
}

export function tfValidOut(x: DimParams): DimResult {
  const span = mulDim(x.d, subDim(x.k, one));
  const num = subDim(x.L, span);
  const text = `${t(x.L)}-${isOne(x.d) ? kMinusOne(x.k) : `${t(x.d)}*${kMinusOne(x.k)}`}`;
  if (isOne(x.s)) return { value: num, formula: text, inexact: false, rounding: 'ceil', notes: ['TensorFlow VALID: ceil((L-d(k-1))/s)'] };
  const q = divDim(num, x.s);
  const whole = isIntegerValued(q);
  const qv = dimValue(q);
  const notes = ['TensorFlow VALID: ceil((L-d(k-1))/s)'];
  if (whole === false && qv !== undefined) notes.push(`(${text})/${t(x.s)} = ${decimal(qv)} is not whole: rounded up`);
  return { value: ceilDim(q), formula: `ceil((${text})/${t(x.s)})`, inexact: whole === false, rounding: 'ceil', notes };
}
