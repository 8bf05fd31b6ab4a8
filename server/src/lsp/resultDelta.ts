/**
 * A check's results sent from a worker to the server's thread as what changed since the last check
 * of the same document. After an edit most results are the very ones sent last time (a block the edit
 * did not reach) or those moved by the edit's length (a block after it): copying every result across
 * threads on every keystroke cost more than checking the edit. A result is sent whole only when it is
 * new; otherwise as the index of the last check's result it equals, and by how much it moved.
 */
import type { CheckResult, DocumentCheck, LetInfo, MathLink, TextEdit } from '../core/result';
import type { Span } from '../core/span';
import { shiftLet, shiftResult } from '../core/shift';

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

function spanMoved(now: Span | null | undefined, was: Span | null | undefined, by: number): boolean {
  if (!now || !was) return now === was;
  return now.start === was.start + by && now.end === was.end + by;
}

/** Every key of `now` equals the same key of `was` (by identity), except those `moved` compares. */
function sameExcept(now: object, was: object, moved: (key: string, a: unknown, b: unknown) => boolean | undefined): boolean {
  const x = now as Record<string, unknown>;
  const y = was as Record<string, unknown>;
  let defined = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    defined++;
    const m = moved(k, x[k], y[k]);
    if (m === undefined ? x[k] !== y[k] : !m) return false;
  }
  for (const k in y) if (y[k] !== undefined) defined--;
  return defined === 0;
}

function linkMoved(now: MathLink, was: MathLink, by: number): boolean {
  return sameExcept(now, was, (k, a, b) => (k === 'leftSpan' || k === 'rightSpan' || k === 'error' ? spanMoved(a as Span, b as Span, by) : undefined));
}

/** `now` is `was` with every place in it moved by `by` (as core/shift.ts moves it), all else the same. */
export function isMoved(now: CheckResult, was: CheckResult, by: number): boolean {
  return sameExcept(now, was, (k, a, b) => {
    switch (k) {
      case 'span':
      case 'errorSpan':
      case 'claimedSpan':
        return spanMoved(a as Span | null, b as Span | null, by);
      case 'fix': {
        const f = a as TextEdit;
        const g = b as TextEdit | undefined;
        return g !== undefined && f.newText === g.newText && spanMoved(f.span, g.span, by);
      }
      case 'links': {
        const l = a as MathLink[];
        const m = b as MathLink[] | undefined;
        return m !== undefined && l.length === m.length && l.every((x, i) => linkMoved(x, m[i], by));
      }
      default:
        return undefined;
    }
  });
}

export function encodeCheck(base: Baseline | undefined, check: DocumentCheck): CheckDelta {
  if (!base) return { base: 0, results: refsOf(check.results, () => undefined), lets: refsOf(check.lets, () => undefined) };
  const index = new Map<CheckResult, number>();
  // A moved result shares its parts with the one it was moved from; its explanation is its own array.
  const bySteps = new Map<unknown, number>();
  base.results.forEach((r, i) => {
    index.set(r, i);
    if (r.steps.length > 0) bySteps.set(r.steps, i);
  });
  const results = refsOf(check.results, (r) => {
    const same = index.get(r);
    if (same !== undefined) return [same, 0];
    const from = bySteps.get(r.steps);
    if (from === undefined) return undefined;
    const by = r.span.start - base.results[from].span.start;
    return isMoved(r, base.results[from], by) ? [from, by] : undefined;
  });
  return { base: base.id, results, lets: encodeLets(base.lets, check.lets) };
}

/** A moved `let` is a copy with its name's place shifted: found by what it says, in order. */
function encodeLets(base: readonly LetInfo[], lets: readonly LetInfo[]): Refs<LetInfo> {
  const index = new Map<LetInfo, number>();
  const bySaying = new Map<string, number[]>();
  base.forEach((l, i) => {
    index.set(l, i);
    const k = letSaying(l);
    const list = bySaying.get(k);
    if (list) list.push(i);
    else bySaying.set(k, [i]);
  });
  const used = new Map<string, number>();
  return refsOf(lets, (l) => {
    const same = index.get(l);
    if (same !== undefined) return [same, 0];
    const k = letSaying(l);
    const list = bySaying.get(k);
    const n = used.get(k) ?? 0;
    if (!list || n >= list.length) return undefined;
    used.set(k, n + 1);
    const from = list[n];
    const by = l.nameSpan.start - base[from].nameSpan.start;
    return l.nameSpan.end - base[from].nameSpan.end === by ? [from, by] : undefined;
  });
}

function letSaying(l: LetInfo): string {
  return `${l.name}\u0000${l.shapeText}\u0000${l.valueText ?? '\u0001'}`;
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
