/**
 * Section 5: a claim with no `=`/`:` takes its claimed value from the document text near its block.
 *
 * The spec says "the nearest literal of the right kind". Read literally, that breaks the most common
 * sentence a student writes: "A 5×5 kernel turns the 28×28 image into a 24×24 map" — the nearest
 * shape is the kernel. So a literal that merely repeats one of the claim's own inputs (every number
 * in it is written in the statement) is passed over, unless it equals the computed value. Bare claims
 * of one block take successive literals (`conv ...; pool ...` then "gives 4×5, then 2×2").
 */
import type { TextLiteral } from '../binding/literals';

export type LiteralKind = TextLiteral['kind'];

export function numbersWrittenIn(source: string): Set<number> {
  const out = new Set<number>();
  for (const m of source.matchAll(/(?<![A-Za-z_])\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g)) out.add(Number(m[0]));
  // `k3x5`, `10x11`: numbers glued to letters are still inputs.
  for (const m of source.matchAll(/\d+/g)) out.add(Number(m[0]));
  return out;
}

export function isEcho(lit: TextLiteral, written: Set<number>): boolean {
  switch (lit.kind) {
    case 'number':
      return written.has(lit.value);
    case 'shape':
      return lit.dims.length > 0 && lit.dims.every((d) => /^\d+$/.test(d) && written.has(Number(d)));
    case 'tensor':
      return false;
  }
}

/**
 * The literal a bare claim binds to: candidates in order of nearness, of the kinds accepted, not yet
 * taken by an earlier statement of the block; the first that matches or is not an echo.
 */
export function pickLiteral(
  literals: readonly TextLiteral[],
  forward: boolean,
  accepts: (lit: TextLiteral) => boolean,
  taken: ReadonlySet<TextLiteral>,
  written: Set<number>,
  matches: (lit: TextLiteral) => boolean,
): TextLiteral | null {
  const ordered = forward ? literals : [...literals].reverse();
  for (const lit of ordered) {
    if (taken.has(lit) || !accepts(lit)) continue;
    if (!isEcho(lit, written) || matches(lit)) return lit;
  }
  return null;
}
