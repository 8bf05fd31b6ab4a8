/**
 * LaTeX paragraphs by lines (spec section 5): a paragraph ends at a blank line or `\end{document}`;
 * comment-only lines belong to no paragraph of their own. Tables of "next such line" are built once,
 * so that 100,000 stacked claim lines each find their paragraph in constant time.
 */
import type { Span } from '../../core/span';
import { isInlineSpace, lineBreakLength, lineEndOf } from '../text';
import { firstWhere } from '../../core/search';

type LineKind = 'blank' | 'comment' | 'end' | 'text';

export class LatexLines {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** First line >= i holding text or `\end{document}`. */
  private readonly nextText: number[];
  /** First line >= i that is blank or `\end{document}`. */
  private readonly nextBreak: number[];
  /** Last blank line <= i, or -1. */
  private readonly prevBlank: number[];

  constructor(private readonly text: string) {
    let s = 0;
    for (;;) {
      const e = lineEndOf(text, s);
      this.starts.push(s);
      this.ends.push(e);
      if (e >= text.length) break;
      s = e + lineBreakLength(text, e);
    }
    const n = this.starts.length;
    const kinds: LineKind[] = this.starts.map((st, k) => this.kindOf(st, this.ends[k]));
    this.nextText = new Array(n + 1);
    this.nextBreak = new Array(n + 1);
    this.nextText[n] = n;
    this.nextBreak[n] = n;
    for (let k = n - 1; k >= 0; k--) {
      this.nextText[k] = kinds[k] === 'text' || kinds[k] === 'end' ? k : this.nextText[k + 1];
      this.nextBreak[k] = kinds[k] === 'blank' || kinds[k] === 'end' ? k : this.nextBreak[k + 1];
    }
    this.prevBlank = new Array(n);
    for (let k = 0; k < n; k++) this.prevBlank[k] = kinds[k] === 'blank' ? k : k > 0 ? this.prevBlank[k - 1] : -1;
  }

  private kindOf(start: number, end: number): LineKind {
    let i = start;
    while (i < end && isInlineSpace(this.text.charCodeAt(i))) i++;
    if (i === end) return 'blank';
    if (this.text.charCodeAt(i) === 37) return 'comment';
    if (this.text.startsWith('\\end{document}', i)) return 'end';
    return 'text';
  }

  lineOf(offset: number): number {
    const starts = this.starts;
    return Math.max(0, firstWhere(starts.length, (i) => starts[i] > offset) - 1);
  }

  /** From `from` (a block's end) to the end of the next paragraph (to the text's end when none follows). */
  forwardSearch(from: number): Span {
    const end = this.paragraphEndFrom(Math.min(this.starts.length, this.lineOf(from) + 1));
    return { start: from, end: end < 0 ? this.text.length : Math.max(from, end) };
  }

  /** True when no paragraph follows `from`: a forward search from there runs past the text. */
  reachesEnd(from: number): boolean {
    return this.paragraphEndFrom(Math.min(this.starts.length, this.lineOf(from) + 1)) < 0;
  }

  /** Where a search coming from before the text ends: the end of its first paragraph; -1 when it has none. */
  firstParagraphEnd(): number {
    return this.paragraphEndFrom(0);
  }

  private paragraphEndFrom(line: number): number {
    const n = this.starts.length;
    const p = this.nextText[line];
    if (p >= n) return -1;
    const e = this.nextBreak[p];
    return e === p ? this.starts[p] : this.ends[e - 1];
  }

  /** From the start of the paragraph holding `to` (after the previous blank line) to `to`. */
  backwardSearch(to: number): Span {
    const b = this.prevBlank[this.lineOf(to)];
    return { start: b < 0 ? 0 : Math.min(to, this.starts[b + 1]), end: to };
  }
}
