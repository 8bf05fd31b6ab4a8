/**
 * What every output format shares: one checked file, the counts of its statuses, and the optional
 * fields other parts of the checker may add to a result (a hint, section 7a).
 */
import type { CheckResult, DocumentCheck, Hint, Status } from '../core/result';
import type { CellPlace } from '../documents/notebook';

export interface FileReport {
  /** As given on the command line, joined with the path found under a folder. */
  path: string;
  text: string;
  check: DocumentCheck;
  /** A notebook: its `text` is its Markdown cells joined, and here is where each lies (cli/location.ts). */
  cells?: CellPlace[];
}

export interface Counts {
  claims: number;
  pass: number;
  fail: number;
  error: number;
  unbound: number;
}

export function emptyCounts(): Counts {
  return { claims: 0, pass: 0, fail: 0, error: 0, unbound: 0 };
}

export function countResults(results: readonly CheckResult[], into: Counts = emptyCounts()): Counts {
  for (const r of results) {
    into.claims++;
    into[r.status]++;
  }
  return into;
}

/** `12 claims: 10 passed, 1 failed, 1 errors, 0 unbound` — the text format's summary wording. */
export function countsLine(c: Counts): string {
  return `${c.claims} claims: ${c.pass} passed, ${c.fail} failed, ${c.error} errors, ${c.unbound} unbound`;
}

/** A fail or an error: what makes the exit code 1. */
export function isProblem(status: Status): boolean {
  return status === 'fail' || status === 'error';
}

/**
 * The likely mistake behind a fail (spec 7a). `undefined`: the result is no fail (the checker gives
 * hints to fails only); `null`: no known mistake explains the value.
 */
export function hintOf(r: CheckResult): Hint | null | undefined {
  return r.hint;
}

/** The message with its hint, for formats that have one message field (SARIF, JUnit, GitHub). */
export function messageWithHint(r: CheckResult): string {
  const h = hintOf(r);
  if (!h || r.message.includes(h.message)) return r.message;
  return `${r.message}; ${h.message}`;
}

/** Why the run did not check an entry it found: named on stderr, and in the formats that can say so. */
export interface Problem {
  path: string;
  message: string;
}
