/**
 * Resource limits: a student's typo (`zeros(100000, 100000)`) must give a clear error, never an
 * out-of-memory crash or a frozen editor.
 */
import { OpFailure } from './errors';

export interface EngineLimits {
  /** Largest number of elements any one tensor may hold (default 10_000_000). */
  maxElements: number;
  /** `Date.now()` in ms after which evaluation stops with a limit error. */
  deadline: number;
}

export const DEFAULT_MAX_ELEMENTS = 10_000_000;

export function defaultLimits(timeoutMs = 5000): EngineLimits {
  return { maxElements: DEFAULT_MAX_ELEMENTS, deadline: Date.now() + timeoutMs };
}

/** The limits of one evaluation, checked by ops and long loops. */
export class Budget {
  private ticks = 0;

  constructor(readonly limits: EngineLimits) {}

  /** Throws a limit error when a tensor of `n` elements would exceed the cap; call before allocating. */
  checkElements(n: number, what: string): void {
    if (!Number.isFinite(n) || n > this.limits.maxElements) {
      throw new OpFailure(
        `${what} would hold ${Number.isFinite(n) ? n.toLocaleString('en-US') : 'too many'} elements; the limit is ${this.limits.maxElements.toLocaleString('en-US')}`,
        'limit',
      );
    }
  }

  /** Call in inner loops: reads the clock only every 4096 calls, which keeps it cheap. */
  tick(weight = 1): void {
    this.ticks += weight;
    if (this.ticks >= 4096) {
      this.ticks = 0;
      this.checkTime();
    }
  }

  checkTime(): void {
    if (Date.now() > this.limits.deadline) {
      throw new OpFailure('evaluation took too long and was stopped (time limit)', 'limit');
    }
  }

  expired(): boolean {
    return Date.now() > this.limits.deadline;
  }
}
