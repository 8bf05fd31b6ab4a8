/**
 * Where a LaTeX document may be cut into chunks: at the start of the first non-blank line after a
 * blank one, when nothing is open there — no math (`$`, `$$`, `\[`, `\(`, math environments), no
 * verbatim-like environment, and, for the parser, no brace group and no environment except those whose
 * body is read like the text around them (`document`, lists, theorem-like ones). The linear reader
 * drops `$` and `\(` at a blank line and ignores braces and other environments, and so does this
 * pass for it. Comments, `\%`, `\\` and `\verb` are skipped as the readers skip them.
 */
import { MATH_ENVIRONMENTS, VERBATIM_ENVIRONMENTS } from '../mathEnvironments';
import { isLineBreak, lineEndOf } from '../text';
import { isBlankTex } from './lines';
import { TEXT_MACROS, isLetter, readBraced, skipGroup, verbEnd } from '../latex/lexical';

/** Environments the parser reads like plain text: cutting inside one changes none of the facts. */
const TRANSPARENT = new Set([
  'document', 'itemize', 'enumerate', 'description', 'center', 'flushleft', 'flushright', 'quote',
  'quotation', 'abstract', 'proof', 'solution', 'problem', 'theorem', 'lemma', 'corollary', 'definition',
  'remark', 'example', 'exercise', 'question', 'answer',
]);

/**
 * Offsets (ascending, > 0) at which the document may be cut, for the parser or the linear reader. The
 * pass may start at an earlier cut `from`: a cut is only ever reached with nothing open (braces only
 * matter to the parser, and it cuts with none open), so what follows depends only on the text from it
 * on (`from` itself is not listed again). `stop(cut)` ends the pass after that cut.
 */
export function latexCuts(text: string, forParser: boolean, from = 0, stop?: (cut: number) => boolean): number[] {
  const cuts: number[] = [];
  const n = text.length;
  /** The closing delimiter of the open math, or ''. */
  let mathCloser = '';
  let mathInline = false;
  let braces = 0;
  const envs: string[] = [];
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 37 /* % */) {
      i = lineEndOf(text, i);
      continue;
    }
    if (isLineBreak(c)) {
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      // A run of blank lines: cut at the first line with text after it.
      let j = i;
      let blank = false;
      for (;;) {
        const e = lineEndOf(text, j);
        if (e >= n || !isBlankTex(text, j, e)) break;
        blank = true;
        j = e + (text.charCodeAt(e) === 13 && text.charCodeAt(e + 1) === 10 ? 2 : 1);
      }
      if (!blank) continue;
      if (!forParser && mathInline) mathCloser = '';
      if (mathCloser === '' && (!forParser || (braces === 0 && envs.length === 0)) && j < n) {
        cuts.push(j);
        if (stop?.(j)) return cuts;
      }
      i = j;
      continue;
    }
    if (c === 36 /* $ */) {
      const tok = text.charCodeAt(i + 1) === 36 ? '$$' : '$';
      if (mathCloser === '') {
        mathCloser = tok;
        mathInline = tok === '$';
      } else if (mathCloser === tok) mathCloser = '';
      i += tok.length;
      continue;
    }
    if (c === 123) {
      braces++;
      i++;
      continue;
    }
    if (c === 125) {
      if (braces > 0) braces--;
      i++;
      continue;
    }
    if (c !== 92 /* \ */) {
      i++;
      continue;
    }
    const d = text.charCodeAt(i + 1);
    if (!isLetter(d)) {
      const two = text.slice(i, i + 2);
      if (mathCloser === '' && (two === '\\[' || two === '\\(')) {
        mathCloser = two === '\\[' ? '\\]' : '\\)';
        mathInline = two === '\\(';
      } else if (mathCloser !== '' && mathCloser === two) mathCloser = '';
      i += isLineBreak(d) || Number.isNaN(d) ? 1 : 2;
      continue;
    }
    let j = i + 1;
    while (j < n && isLetter(text.charCodeAt(j))) j++;
    const name = text.slice(i + 1, j);
    if (name === 'verb' || name === 'lstinline') {
      const end = verbEnd(text, j);
      if (end >= 0) {
        i = end;
        continue;
      }
      i = j;
      continue;
    }
    if (mathCloser !== '' && TEXT_MACROS.has(name) && text.charCodeAt(j) === 123) {
      // `$\text{a $b$}$`: the `$`s in the text argument are nested math, as the readers see it.
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
        const close = text.indexOf(`\\end{${env}}`, after);
        i = close < 0 ? n : close + env.length + 6;
        continue;
      }
      if (MATH_ENVIRONMENTS.has(env)) {
        if (name === 'begin' && mathCloser === '') {
          mathCloser = `\\end{${env}}`;
          mathInline = false;
        } else if (name === 'end' && mathCloser === `\\end{${env}}`) mathCloser = '';
      } else if (forParser && !TRANSPARENT.has(env)) {
        if (name === 'begin') envs.push(env);
        else {
          const k = envs.lastIndexOf(env);
          if (k >= 0) envs.length = k;
        }
      }
      i = after;
      continue;
    }
    i = j;
  }
  return cuts;
}
