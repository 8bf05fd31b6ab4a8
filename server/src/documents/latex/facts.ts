import type { MathRegion } from '../../core/document';
import type { Span } from '../../core/span';

/**
 * What either LaTeX reader (the real parser, or the linear fallback) finds. Claim blocks, search spans
 * and hidden spans are built from these by one shared piece of code, so the two readers cannot
 * disagree about anything but the facts themselves.
 */
export interface LatexFacts {
  /** Each comment from its `%` to the end of its line (line break excluded); sorted. */
  comments: Span[];
  /** Outermost math only, in document order. */
  math: MathRegion[];
  /** Bodies of verbatim-like environments and `\verb` arguments. */
  verbatim: Span[];
}
