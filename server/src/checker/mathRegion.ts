import type { ClaimBlock, MathRegion, ScannedDocument } from '../core/document';
import { firstWhere } from '../core/search';

/** The first math region after a block, by binary search: documents can hold thousands of both. */
export function nextMathRegion(doc: ScannedDocument, block: ClaimBlock): MathRegion | null {
  const math = doc.math;
  const lo = firstWhere(math.length, (i) => math[i].span.start >= block.span.end);
  return lo < math.length ? math[lo] : null;
}
