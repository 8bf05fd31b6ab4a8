/**
 * A check's results sent from a worker to the server's thread as what changed since the last check
 * of the same document. After an edit most results are the very ones sent last time (a block the edit
 * did not reach) or those moved by the edit's length (a block after it): copying every result across
 * threads on every keystroke cost more than checking the edit. A result is sent whole only when it is
 * new; otherwise as the index of the last check's result it is, or was moved from, and by how much.
 */
import type { CheckResult, DocumentCheck, LetInfo } from '../core/result';
import { originOf, shiftLet, shiftResult } from '../core/shift';

/**
 * A list of results (or lets) as references to the last list where possible. Flat arrays of numbers,
 * handed over without a copy: a thousand small objects saying "the same as number 12" cost the two
 * threads more to copy than the numbers they hold.
 */
export interface Refs<T> {
  /** For each item: the index of the last list's item it repeats, or -1 for the next of `whole`. */
  from: Int32Array;
  /** For each repeated item: how far it moved (0: the very same). */
  by: Int32Array;
  whole: T[];
}

export interface CheckDelta {
  /** The id of the check whose results the indices refer to; 0 when every result is sent whole. */
  base: number;
  results: Refs<CheckResult>;
  lets: Refs<LetInfo>;
}

/** The buffers to hand over with a delta (postMessage's transfer list). */
export function transferables(delta: CheckDelta): ArrayBuffer[] {
  return [delta.results.from.buffer, delta.results.by.buffer, delta.lets.from.buffer, delta.lets.by.buffer] as ArrayBuffer[];
}

/** Builds a `Refs` from `find`, which gives an item's [index, moved by] in the last list, or undefined. */
function refsOf<T>(items: readonly T[], find: (item: T) => readonly [number, number] | undefined): Refs<T> {
  const from = new Int32Array(items.length);
  const by = new Int32Array(items.length);
  const whole: T[] = [];
  items.forEach((item, i) => {
    const hit = find(item);
    if (hit) {
      from[i] = hit[0];
      by[i] = hit[1];
    } else {
      from[i] = -1;
      whole.push(item);
    }
  });
  return { from, by, whole };
}

function itemsOf<T>(refs: Refs<T>, last: readonly T[], move: (item: T, by: number) => T): T[] {
  const out: T[] = new Array(refs.from.length);
  let w = 0;
  for (let i = 0; i < out.length; i++) {
    const j = refs.from[i];
    if (j < 0) out[i] = refs.whole[w++];
    else out[i] = refs.by[i] === 0 ? last[j] : move(last[j], refs.by[i]);
  }
  return out;
}

/** The last results sent (or received) for a document, and the id of the check they came from. */
export interface Baseline {
  id: number;
  results: readonly CheckResult[];
  lets: readonly LetInfo[];
}

/**
 * Each item as a reference to the last list where it is one of its items, or was moved from one
 * (core/shift.ts remembers): the move is exact, so the other side rebuilds the very same item.
 */
function refsTo<T extends CheckResult | LetInfo>(last: readonly T[], items: readonly T[]): Refs<T> {
  const index = new Map<T, number>();
  last.forEach((x, i) => index.set(x, i));
  return refsOf(items, (x) => {
    const same = index.get(x);
    if (same !== undefined) return [same, 0];
    const origin = originOf(x);
    const from = origin && index.get(origin.from);
    return from === undefined ? undefined : [from, origin!.by];
  });
}

export function encodeCheck(base: Baseline | undefined, check: DocumentCheck): CheckDelta {
  if (!base) return { base: 0, results: refsOf(check.results, () => undefined), lets: refsOf(check.lets, () => undefined) };
  return { base: base.id, results: refsTo(base.results, check.results), lets: refsTo(base.lets, check.lets) };
}

/** The check `delta` describes, given the results it refers to; throws when they are not the ones it was made against. */
export function decodeCheck(base: Baseline | undefined, delta: CheckDelta): DocumentCheck {
  if (delta.base !== 0 && delta.base !== base?.id) {
    throw new Error(`the worker's results refer to check ${delta.base}, the server holds ${base?.id ?? 'none'}`);
  }
  return {
    results: itemsOf(delta.results, base?.results ?? [], shiftResult),
    lets: itemsOf(delta.lets, base?.lets ?? [], shiftLet),
  };
}
