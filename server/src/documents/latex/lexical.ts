/**
 * The small lexical pieces both LaTeX readers share: the linear reader (latex/linearFacts.ts) and the
 * chunk cutter (chunks/latexCuts.ts) must skip exactly the same groups, or a cut could fall inside
 * something the reader sees as open.
 */
import { isLineBreak, lineEndOf } from '../text';

/** Macros whose argument is text inside math: a `$` or `%` there does not count. */
export const TEXT_MACROS = new Set(['text', 'mbox', 'textrm', 'textbf', 'textit', 'textsf', 'texttt', 'hbox', 'intertext']);

/** After the balanced group opening at text[at] (or after at most 2,000 characters). */
export function skipGroup(text: string, at: number): number {
  let depth = 0;
  const stop = Math.min(text.length, at + 2000);
  for (let k = at; k < stop; k++) {
    const c = text.charCodeAt(k);
    if (c === 92) k++;
    else if (c === 123) depth++;
    else if (c === 125 && --depth === 0) return k + 1;
  }
  return at + 1;
}

/**
 * For `\verb|...|` (or `\lstinline`) whose name ends at text[j]: the offset just after the closing
 * delimiter, or -1 when there is none. `\verb` ends on its own line; looking no further than 1,000
 * characters keeps a line of unclosed `\verb`s linear.
 */
export function verbEnd(text: string, j: number): number {
  const delim = text[j] === '*' ? text[j + 1] : text[j];
  const from = text[j] === '*' ? j + 2 : j + 1;
  if (!delim || delim === '{' || isLineBreak(delim.charCodeAt(0))) return -1;
  const k = text.slice(from, lineEndOf(text, from, from + 1000)).indexOf(delim);
  return k < 0 ? -1 : from + k + 1;
}

export function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** `{name}` at text[at]: the name (at most 40 characters, on one line), or null. */
export function readBraced(text: string, at: number): string | null {
  if (text.charCodeAt(at) !== 123) return null;
  const limit = Math.min(text.length, at + 42);
  for (let k = at + 1; k < limit; k++) {
    const c = text.charCodeAt(k);
    if (c === 125) return text.slice(at + 1, k);
    if (c === 123 || isLineBreak(c) || c === 92) return null;
  }
  return null;
}
