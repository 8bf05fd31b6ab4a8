/** Shared helpers for the math-check tests. */
import { checkMath, seededRng } from '../../../server/src/math/index';
import type { MathOutcome } from '../../../server/src/math/index';

export function check(latex: string, symbols: Record<string, number> = {}, opts: { offset?: number; env?: string } = {}): MathOutcome {
  return checkMath({
    latex,
    offset: opts.offset ?? 0,
    env: opts.env,
    symbols: new Map(Object.entries(symbols)),
    rng: seededRng(42),
  });
}

/**
 * Text with one range marked `⟦...⟧`: returns the text without the marks and the marked range, so a
 * test states the span it expects by pointing at the characters.
 */
export function marked(text: string): { text: string; span: { start: number; end: number } } {
  const start = text.indexOf('⟦');
  const end = text.indexOf('⟧') - 1;
  if (start < 0 || end < start) throw new Error(`no ⟦marked⟧ range in ${text}`);
  return { text: text.replace('⟦', '').replace('⟧', ''), span: { start, end } };
}

export function brokenLinks(o: MathOutcome): number[] {
  return o.links.flatMap((l, i) => (l.holds ? [] : [i]));
}
