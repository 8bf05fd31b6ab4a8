/** Turning a DimAst into a validated Dim: the checks every layer argument shares. */
import type { DimAst } from '../claims/ast';
import type { Span } from '../core/span';
import { Dim, dimError, dimFromAst, dimValue, formatDimBare, isIntegerValued } from '../dims';
import { LayerFailure, fail } from './types';

/**
 * The dim of `ast` with the known symbols put in. It must be defined, whole when concrete, and at
 * least `min` when concrete (symbols stand for positive integers, so a symbolic value is trusted).
 */
export function readDim(ast: DimAst, symbols: ReadonlyMap<string, number>, what: string, min: number): Dim | LayerFailure {
  const d = dimFromAst(ast, symbols);
  const err = dimError(d);
  if (err !== undefined) return fail(`${what}: ${err}`, ast.span);
  if (isIntegerValued(d) === false) return fail(`${what} must be a whole number, got ${formatDimBare(d)}`, ast.span);
  const v = dimValue(d);
  if (v !== undefined && v < min) {
    const bound = min === 0 ? 'negative' : `below ${min}`;
    return fail(`${what} cannot be ${bound}, got ${v}`, ast.span);
  }
  return d;
}

/** The span from the first to the last of several nodes (for a list such as `k3x5`). */
export function coverSpan(nodes: readonly { span: Span }[], fallback: Span): Span {
  if (nodes.length === 0) return fallback;
  return { start: nodes[0].span.start, end: nodes[nodes.length - 1].span.end };
}

export function isFail<T extends object>(x: T | LayerFailure): x is LayerFailure {
  return (x as Partial<LayerFailure>).ok === false;
}
