/**
 * HTML comments inside the raw text of an `html` node. CommonMark hands us one node per HTML block or
 * inline tag; a block may hold several comments and other HTML, so we find each `<!--` ... `-->`.
 */
import type { Span } from '../../core/span';

export interface RawComment {
  span: Span;
  /** Where the comment's content starts and ends (between `<!--` and `-->`). */
  content: Span;
  terminated: boolean;
}

/** Comments in text[from, to). An unterminated one runs to `to`. */
export function findHtmlComments(whole: string, from: number, to: number): RawComment[] {
  // Searching a slice keeps indexOf from running past the node: 100,000 nodes stay linear.
  const text = new OffsetText(whole, from, to);
  const out: RawComment[] = [];
  let i = from;
  while (i < to) {
    const open = text.indexOf('<!--', i);
    if (open < 0 || open + 4 > to) break;
    const contentStart = open + 4;
    // CommonMark 0.31 counts `<!-->` and `<!--->` as complete (empty) comments.
    if (text.startsWith('>', contentStart) && contentStart + 1 <= to) {
      out.push({ span: { start: open, end: contentStart + 1 }, content: { start: contentStart, end: contentStart }, terminated: true });
      i = contentStart + 1;
      continue;
    }
    if (text.startsWith('->', contentStart) && contentStart + 2 <= to) {
      out.push({ span: { start: open, end: contentStart + 2 }, content: { start: contentStart, end: contentStart }, terminated: true });
      i = contentStart + 2;
      continue;
    }
    const close = text.indexOf('-->', contentStart);
    if (close < 0 || close + 3 > to) {
      out.push({ span: { start: open, end: to }, content: { start: contentStart, end: to }, terminated: false });
      break;
    }
    out.push({ span: { start: open, end: close + 3 }, content: { start: contentStart, end: close }, terminated: true });
    i = close + 3;
  }
  return out;
}

/** Tags (`<div>`, `</sup>`) in text[from, to), outside the given comments: hidden from the literal finder. */
export function findHtmlTags(whole: string, from: number, to: number, comments: readonly RawComment[]): Span[] {
  const text = new OffsetText(whole, from, to);
  const out: Span[] = [];
  let c = 0;
  let i = from;
  while (i < to) {
    const lt = text.indexOf('<', i);
    if (lt < 0 || lt >= to) break;
    while (c < comments.length && comments[c].span.end <= lt) c++;
    if (c < comments.length && comments[c].span.start <= lt) {
      i = comments[c].span.end;
      continue;
    }
    const next = text.charCodeAt(lt + 1);
    const isTag = (next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 47 || next === 33 || next === 63;
    if (!isTag) {
      i = lt + 1;
      continue;
    }
    let gt = text.indexOf('>', lt + 1);
    if (gt < 0 || gt >= to) gt = to - 1;
    out.push({ start: lt, end: gt + 1 });
    i = gt + 1;
  }
  return out;
}

/** A slice of the document that answers in document offsets. */
class OffsetText {
  private readonly s: string;
  constructor(whole: string, private readonly base: number, to: number) {
    this.s = whole.slice(base, to);
  }
  indexOf(needle: string, from: number): number {
    const i = this.s.indexOf(needle, from - this.base);
    return i < 0 ? -1 : i + this.base;
  }
  startsWith(needle: string, at: number): boolean {
    return this.s.startsWith(needle, at - this.base);
  }
  charCodeAt(at: number): number {
    return this.s.charCodeAt(at - this.base);
  }
}
