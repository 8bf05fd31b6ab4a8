import type { Span } from '../core/span';
import type { Dim, Shape } from '../dims';

/** One spatial dim's computation: {label:'W', formula:'floor((10-3)/2)+1', value:'4', inexact:true}. */
export interface LayerStep {
  label: string;
  /** The formula with the numbers (or symbols) put in. */
  formula: string;
  /** The result, as a bare dim ('4', 'H', 'floor((H-3)/2)+1'). */
  value: string;
  /** The division before the floor (or ceil) is known not to be whole. */
  inexact: boolean;
  /** Which way that division was rounded: `floor` (PyTorch's default) or `ceil` (pooling with ceil_mode). */
  rounding: 'floor' | 'ceil';
}

export interface LayerOutcome {
  ok: true;
  shape: Shape;
  steps: LayerStep[];
  /** Human summary lines, e.g. 'W: floor((10-3)/2)+1 = 4 ((10-3)/2 = 3.5 is not whole: floored)'. */
  explanation: string[];
  /** One line per spatial dim whose division before the floor is known not to be whole (`W: (10-3)/2 = 3.5 is not whole`). */
  unfit: string[];
}

export interface LayerFailure {
  ok: false;
  message: string;
  /** The offending AST node, in claim-text offsets. */
  span: Span;
  code: 'invalid-layer' | 'syntax';
}

export interface ParamsOutcome {
  ok: true;
  value: Dim;
  explanation: string[];
}

export function fail(message: string, span: Span, code: LayerFailure['code'] = 'invalid-layer'): LayerFailure {
  return { ok: false, message, span, code };
}

export function isFailure(x: unknown): x is LayerFailure {
  return typeof x === 'object' && x !== null && (x as { ok?: unknown }).ok === false;
}
