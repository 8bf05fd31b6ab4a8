/** Character classes for the literal finder, on UTF-16 code units. */

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

const LETTER = /\p{L}/u;

/** Letters of any script count as word characters: `é3` is a word, not a number. */
export function isWordChar(c: number): boolean {
  if (isAsciiLetter(c) || isDigit(c) || c === 95) return true;
  if (c < 0x80 || c === 0xd7 || c === 0x2212) return false;
  return LETTER.test(String.fromCharCode(c));
}

export function isBlankChar(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0;
}

export function isLineSpace(c: number): boolean {
  return isBlankChar(c) || c === 10 || c === 13;
}

/** The minus signs students type: ASCII hyphen-minus and U+2212. */
export function isMinus(c: number): boolean {
  return c === 45 || c === 0x2212;
}

/** A piece of the document the finder may read: text[start, end). */
export interface Piece {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export function skipBlanks(p: Piece, i: number): number {
  while (i < p.end && isBlankChar(p.text.charCodeAt(i))) i++;
  return i;
}

/** Spaces, tabs and line breaks (a literal may wrap inside a matrix or `\mathbb{R}^{..}`). */
export function skipSpaces(p: Piece, i: number): number {
  while (i < p.end && isLineSpace(p.text.charCodeAt(i))) i++;
  return i;
}

/** `\name` at i: the name (ASCII letters), or '' when text[i] is not a backslash followed by a letter. */
export function macroAt(p: Piece, i: number): string {
  if (p.text.charCodeAt(i) !== 92) return '';
  let j = i + 1;
  while (j < p.end && isAsciiLetter(p.text.charCodeAt(j))) j++;
  return p.text.slice(i + 1, j);
}

/** The offset just after the group `{...}` opening at i (balanced), or -1 (unbalanced within `limit`). */
export function groupEnd(p: Piece, i: number, limit = 400): number {
  if (p.text.charCodeAt(i) !== 123) return -1;
  let depth = 0;
  const stop = Math.min(p.end, i + limit);
  for (let j = i; j < stop; j++) {
    const c = p.text.charCodeAt(j);
    if (c === 92) j++;
    else if (c === 123) depth++;
    else if (c === 125 && --depth === 0) return j + 1;
  }
  return -1;
}
