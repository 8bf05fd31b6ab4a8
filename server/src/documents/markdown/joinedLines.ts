/**
 * Paragraph lines, joined for the parser. The CommonMark parser's cost is mostly per line: 8,000
 * one-line sentences in one paragraph (each with its claim) took twice as long as the same text on
 * one line. A line break inside a paragraph is a soft break, which every inline rule reads as it reads
 * a space; so where both lines start with a letter (no block construct starts with one, so the second
 * line can only continue the paragraph) and the first ends in neither a space nor a backslash (a hard
 * break), the break is given to the parser as spaces, of the same length: every offset stays the same.
 *
 * Whether the first line was a paragraph line at all (not code, HTML, math or a heading) is checked on
 * the parser's answer (`joinsInParagraphs`): every joined break must lie inside a paragraph, else the
 * chunk is parsed as written. Lines inside a fence or `$$` block, or after a line starting with `<`
 * up to the next blank line, are not joined, so that check seldom fails.
 */
import { isBlank, lineBreakLength, lineEndOf } from '../text';

export interface JoinedLines {
  text: string;
  /** Where each joined line break starts, ascending. */
  joins: number[];
}

function letterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A fence or `$$` opener on this line (up to three spaces in): its character and run length; else null. */
function fenceAt(text: string, s: number, e: number): { ch: number; len: number } | null {
  let i = s;
  while (i < e && i - s < 3 && text.charCodeAt(i) === 32) i++;
  const ch = text.charCodeAt(i);
  if (ch !== 96 && ch !== 126 && ch !== 36) return null;
  let k = i;
  while (k < e && text.charCodeAt(k) === ch) k++;
  return k - i >= (ch === 36 ? 2 : 3) ? { ch, len: k - i } : null;
}

/** Whether the line's first character, up to three spaces in, is `<` (an HTML block may start there). */
function startsWithTag(text: string, s: number, e: number): boolean {
  let i = s;
  while (i < e && i - s < 3 && text.charCodeAt(i) === 32) i++;
  return text.charCodeAt(i) === 60;
}

/** The text with joinable paragraph line breaks replaced by spaces; null when there is none. */
export function joinParagraphLines(text: string): JoinedLines | null {
  const joins: number[] = [];
  let fence: { ch: number; len: number } | null = null;
  let html = false;
  const parts: string[] = [];
  let from = 0;
  let s = 0;
  while (s < text.length) {
    const e = lineEndOf(text, s);
    const br = lineBreakLength(text, e);
    const open = fenceAt(text, s, e);
    if (fence) {
      if (open && open.ch === fence.ch && open.len >= fence.len) fence = null;
    } else if (open) {
      fence = open;
    } else if (isBlank(text, s, e)) {
      html = false;
    } else if (startsWithTag(text, s, e)) {
      html = true;
    }
    const next = e + br;
    const last = text.charCodeAt(e - 1);
    if (
      !fence && !html && br > 0 && next < text.length && letterAt(text, s) && letterAt(text, next) &&
      last !== 32 && last !== 9 && last !== 92
    ) {
      parts.push(text.slice(from, e), br === 2 ? '  ' : ' ');
      joins.push(e);
      from = next;
    }
    if (br === 0) break;
    s = next;
  }
  if (joins.length === 0) return null;
  parts.push(text.slice(from));
  return { text: parts.join(''), joins };
}

interface Node {
  type: string;
  position?: { start: { offset?: number }; end: { offset?: number } };
  children?: Node[];
}

/**
 * Whether every joined break lies inside a paragraph of the parser's tree (`base`: offsets the parser
 * counts without a leading byte order mark).
 */
export function joinsInParagraphs(root: Node, joins: readonly number[], base: number): boolean {
  const paragraphs: Array<[number, number]> = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    if (n.type === 'paragraph') {
      const s = n.position?.start.offset;
      const e = n.position?.end.offset;
      if (typeof s === 'number' && typeof e === 'number') paragraphs.push([s + base, e + base]);
      continue;
    }
    if (n.children) for (const c of n.children) stack.push(c);
  }
  paragraphs.sort((a, b) => a[0] - b[0]);
  let k = 0;
  for (const j of joins) {
    while (k < paragraphs.length && paragraphs[k][1] <= j) k++;
    if (k >= paragraphs.length || paragraphs[k][0] >= j) return false;
  }
  return true;
}
