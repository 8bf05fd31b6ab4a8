/**
 * `\input{file}`, `\input file` and `\include{file}` in a LaTeX text, outside comments and verbatim
 * (a commented-out `% \input{old}` is not read). `\subfile`, `\import` and friends are not followed:
 * they come from packages, and the spec names these two.
 */
import type { Span } from '../../core/span';
import { linearFacts } from './linearFacts';

export interface Include {
  /** The file name as written (`sec/a`, `sec/a.tex`). */
  name: string;
  /** The whole command, `\input{...}` included. */
  span: Span;
}

const COMMAND = /\\(input|include)(?![a-zA-Z@])/g;

export function findIncludes(text: string): Include[] {
  if (!text.includes('\\in')) return [];
  const facts = linearFacts(text);
  const hidden = [...facts.comments, ...facts.verbatim].sort((a, b) => a.start - b.start);
  const out: Include[] = [];
  let h = 0;
  COMMAND.lastIndex = 0;
  for (let m = COMMAND.exec(text); m; m = COMMAND.exec(text)) {
    const at = m.index;
    while (h < hidden.length && hidden[h].end <= at) h++;
    if (h < hidden.length && hidden[h].start <= at) continue;
    // `\\input` is a line break followed by the word "input": an odd run of backslashes before it.
    let run = 0;
    while (at - run - 1 >= 0 && text.charCodeAt(at - run - 1) === 92) run++;
    if (run % 2 === 1) continue;
    let i = at + m[0].length;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] === '{') {
      const close = text.indexOf('}', i + 1);
      const nl = text.slice(i + 1, close < 0 ? i + 1 : close);
      if (close < 0 || /[{\n\r]/.test(nl)) continue;
      const name = nl.trim();
      if (name) out.push({ name, span: { start: at, end: close + 1 } });
    } else if (m[1] === 'input') {
      // TeX's own form: the name runs to the next space (`\input chapter1`).
      let j = i;
      while (j < text.length && !/[\s{}%\\]/.test(text[j])) j++;
      if (j > i) out.push({ name: text.slice(i, j), span: { start: at, end: j } });
    }
  }
  return out;
}

/** `\input{sec}` reads `sec.tex`; a name with an extension is taken as written. */
export function includeFileName(name: string): string {
  const last = name.slice(name.lastIndexOf('/') + 1);
  return last.includes('.') ? name : `${name}.tex`;
}

/**
 * The root named by a `% !TEX root = main.tex` magic comment (TeXShop, TeXstudio and LaTeX Workshop
 * read it) in the file's first lines, as written, or null.
 */
export function magicRoot(text: string): string | null {
  const head = text.slice(0, 4000);
  const m = /^[ \t]*%+[ \t]*!TEX[ \t]+root[ \t]*=[ \t]*(.+?)[ \t]*$/im.exec(head);
  return m ? m[1] : null;
}
