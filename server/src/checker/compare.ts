/**
 * Number matching with the `derivcheck.tolerance` override. Without it the digits a student wrote
 * decide (section 5, done by the engine); with it every number claim matches within
 * tolerance · max(1, |claimed|), whatever was written — for courses that grade to a fixed precision.
 */
import type { NestedNumbers } from '../core/result';
import { compareToClaim, type Tensor } from '../engine';
import { formatNumber } from './format';

export type Comparison = ReturnType<typeof compareToClaim>;

export function compareClaim(value: Tensor, claimed: number | NestedNumbers, decimals: number | null | readonly (number | null)[], tolerance: number | null): Comparison {
  const strict = compareToClaim(value, claimed, tolerance === null ? decimals : null);
  if (tolerance === null || strict.matches || !strict.firstDiff || !value.data) return strict;
  const want = typeof claimed === 'number' ? [claimed] : ((claimed as unknown[]).flat(Infinity) as number[]);
  for (let i = 0; i < want.length; i++) {
    const c = value.data[i];
    if (!(Math.abs(c - want[i]) <= tolerance * Math.max(1, Math.abs(want[i])))) {
      return {
        matches: false,
        firstDiff: { index: [i], computed: c, claimed: want[i] },
        message: `Claimed ${formatNumber(want[i])}, but the computed value is ${formatNumber(c)} (tolerance ${tolerance})`,
      };
    }
  }
  return { matches: true, firstDiff: null, message: `matches within tolerance ${tolerance}` };
}
