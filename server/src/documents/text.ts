/** Character tests on UTF-16 code units, shared by the scanners. */

export function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** Space, tab, form feed, vertical tab: whitespace that does not end a line. */
export function isInlineSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff;
}

export function isSpace(c: number): boolean {
  return isInlineSpace(c) || isLineBreak(c);
}

/** Offset of the start of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && !isLineBreak(text.charCodeAt(i - 1))) i--;
  return i;
}

/** Offset of the line break ending the line holding `offset` (or the text's end). */
export function lineEndOf(text: string, offset: number, limit = text.length): number {
  // `limit` bounds the search: a line of 50,000 unclosed `\verb|` must not be walked once per `\verb`.
  const stop = Math.min(limit, text.length);
  let i = offset;
  while (i < stop && !isLineBreak(text.charCodeAt(i))) i++;
  return i;
}

/** Length of the line break at `offset`: 2 for CRLF, 1 for LF or a lone CR, 0 otherwise. */
export function lineBreakLength(text: string, offset: number): number {
  const c = text.charCodeAt(offset);
  if (c === 13) return text.charCodeAt(offset + 1) === 10 ? 2 : 1;
  return c === 10 ? 1 : 0;
}

/** True when text[from, to) is all whitespace (line breaks included). */
export function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

/** The claim marker: after leading whitespace, `check:`. Returns the offset just after the colon, or -1. */
export function checkMarkerEnd(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isSpace(text.charCodeAt(i))) i++;
  return to - i >= 6 && text.startsWith('check:', i) ? i + 6 : -1;
}
