import type { ClaimBlock, MathRegion, ScannedDocument } from '../core/document';

/** The first math region after a block, by binary search: documents can hold thousands of both. */
export function nextMathRegion(doc: ScannedDocument, block: ClaimBlock): MathRegion | null {
  const math = doc.math;
  let lo = 0;
  let hi = math.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (math[mid].span.start >= block.span.end) hi = mid;
    else lo = mid + 1;
  }
  return lo < math.length ? math[lo] : null;
}
