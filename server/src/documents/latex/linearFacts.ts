/**
 * LaTeX facts from one left-to-right pass: the fallback when the document is too big for the parser
 * (which costs milliseconds per kilobyte) or when the parser throws. It knows exactly what the scanner
 * needs: `\%` and `\\` escapes, comments, verbatim-like environments, `\verb`, and math delimiters.
 * Inline math (`$`, `\(`) that meets a blank line is abandoned, as TeX would: one stray `$` must not
 * swallow the rest of the document.
 */
import type { MathRegion } from '../../core/document';
import type { Span } from '../../core/span';
import { MATH_ENVIRONMENTS, VERBATIM_ENVIRONMENTS } from '../mathEnvironments';
import { isInlineSpace, isLineBreak, lineEndOf } from '../text';
import type { LatexFacts } from './facts';
import { delimitedMath, environmentMath } from './mathDelimiters';
import { TEXT_MACROS, isLetter, readBraced, skipGroup, verbEnd } from './lexical';

interface OpenMath {
  start: number;
  closer: string;
  env?: string;
  /** `$` and `\(` end at a blank line. */
  inline: boolean;
}

/** If text[i] ends a line and the next line is blank, true. */
function blankLineFollows(text: string, i: number): boolean {
  let j = i + (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1);
  while (j < text.length && isInlineSpace(text.charCodeAt(j))) j++;
  return j >= text.length || isLineBreak(text.charCodeAt(j));
}

export function linearFacts(text: string): LatexFacts {
  const comments: Span[] = [];
  const math: MathRegion[] = [];
  const verbatim: Span[] = [];
  let open: OpenMath | null = null;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 37 /* % */) {
      const end = lineEndOf(text, i);
      comments.push({ start: i, end });
      i = end;
      continue;
    }
    if (isLineBreak(c)) {
      if (open?.inline && blankLineFollows(text, i)) open = null;
      i++;
      continue;
    }
    if (c === 36 /* $ */) {
      const dbl = text.charCodeAt(i + 1) === 36;
      const tok = dbl ? '$$' : '$';
      if (open === null) open = { start: i, closer: tok, inline: !dbl };
      else if (open.closer === tok) {
        math.push(delimitedMath(text, { start: open.start, end: i + tok.length }));
        open = null;
      }
      i += tok.length;
      continue;
    }
    if (c !== 92 /* \ */) {
      i++;
      continue;
    }
    const d = text.charCodeAt(i + 1);
    if (!isLetter(d)) {
      const two = text.slice(i, i + 2);
      if (open === null && (two === '\\[' || two === '\\(')) {
        open = { start: i, closer: two === '\\[' ? '\\]' : '\\)', inline: two === '\\(' };
      } else if (open !== null && open.closer === two) {
        math.push(delimitedMath(text, { start: open.start, end: i + 2 }));
        open = null;
      }
      // `\%`, `\$`, `\\` and friends: the escaped character is not markup.
      i += isLineBreak(d) || Number.isNaN(d) ? 1 : 2;
      continue;
    }
    let j = i + 1;
    while (j < n && isLetter(text.charCodeAt(j))) j++;
    const name = text.slice(i + 1, j);
    if (name === 'verb' || name === 'lstinline') {
      const end = verbEnd(text, j);
      if (end >= 0) {
        verbatim.push({ start: i, end });
        i = end;
        continue;
      }
      i = j;
      continue;
    }
    if (open !== null && TEXT_MACROS.has(name) && text.charCodeAt(j) === 123) {
      // `$\text{a $b$}$`: the `$`s in the text argument belong to nested math, not to ours.
      i = skipGroup(text, j);
      continue;
    }
    if (name === 'begin' || name === 'end') {
      const env = readBraced(text, j);
      if (env === null) {
        i = j;
        continue;
      }
      const after = j + env.length + 2;
      if (name === 'begin' && VERBATIM_ENVIRONMENTS.has(env)) {
        const endTag = `\\end{${env}}`;
        const close = text.indexOf(endTag, after);
        const bodyEnd = close < 0 ? n : close;
        verbatim.push({ start: after, end: bodyEnd });
        i = close < 0 ? n : close + endTag.length;
        continue;
      }
      if (MATH_ENVIRONMENTS.has(env)) {
        if (name === 'begin' && open === null) open = { start: i, closer: `\\end{${env}}`, env, inline: false };
        else if (name === 'end' && open?.env === env) {
          const region = environmentMath(text, { start: open.start, end: after }, env);
          if (region) math.push(region);
          open = null;
        }
      }
      i = after;
      continue;
    }
    i = j;
  }
  return { comments, math, verbatim };
}

