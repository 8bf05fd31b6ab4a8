/**
 * Errors of the tensor engine. Ops deep inside the engine do not know where they stand in the claim
 * text, so they throw an `OpFailure`; the evaluator catches it at the AST node that called the op and
 * turns it into an `EngineError` carrying that node's span. Nothing throws out of the public API.
 */
import type { Span } from '../core/span';

export type EngineErrorCode = 'unknown-name' | 'operand-shapes' | 'needs-values' | 'limit' | 'eval' | 'syntax';

export class EngineError {
  constructor(
    readonly message: string,
    /** Claim-text span of the offending node. */
    readonly span: Span,
    readonly code: EngineErrorCode,
  ) {}
}

/**
 * Thrown inside the engine. `arg` names the argument (by position) at fault, so the error can point
 * at that argument rather than the whole call; `span` is set when the thrower already knows it.
 */
export class OpFailure extends Error {
  constructor(
    message: string,
    readonly code: EngineErrorCode = 'eval',
    readonly arg?: number,
    readonly span?: Span,
  ) {
    super(message);
    this.name = 'OpFailure';
  }
}

export function fail(message: string, code: EngineErrorCode = 'eval', arg?: number): never {
  throw new OpFailure(message, code, arg);
}

export function shapeFail(message: string, arg?: number): never {
  throw new OpFailure(message, 'operand-shapes', arg);
}

/** A name as it appears in a message: a pasted megabyte of identifier must not flood the editor. */
export function clipName(name: string, max = 40): string {
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}
