/**
 * LaTeX math pasted into Markdown prose: `\[..\]`, `\(..\)` (also doubled, `\\(..\\)`, as MathJax pages
 * write inline math in Markdown) and `\begin{equation|align|...}` blocks.
 * CommonMark reads `\[` as an escaped bracket, so the parser cannot see these; we scan the raw source of
 * a paragraph, outside its code spans, `$` math and HTML. A delimiter must close inside the same
 * paragraph: a blank line ends the paragraph and, with it, any math the student forgot to close.
 */
import type { MathRegion } from '../../core/document';
import type { Span } from '../../core/span';
import { MATH_ENVIRONMENTS } from '../mathEnvironments';

/** True when the backslash at `i` starts a command (it is not itself escaped by a run of backslashes). */
function isCommandBackslash(s: string, i: number): boolean {
  let run = 0;
  for (let j = i - 1; j >= 0 && s.charCodeAt(j) === 92; j--) run++;
  return run % 2 === 0;
}

/** Math regions in text[from, to), skipping starts inside `masks` (sorted, non-overlapping). */
export function findPastedMath(text: string, from: number, to: number, masks: readonly Span[]): MathRegion[] {
  const s = text.slice(from, to);
  if (s.indexOf('\\') < 0) return [];
  const out: MathRegion[] = [];
  // A closer that was not found once is not found later either: remembering that keeps a paragraph
  // of 100,000 unclosed `\[` linear.
  const missing = new Set<string>();
  const find = (closer: string, at: number): number => {
    if (missing.has(closer)) return -1;
    const k = s.indexOf(closer, at);
    if (k < 0) missing.add(closer);
    return k;
  };
  let m = 0;
  let i = 0;
  while (i < s.length) {
    const bs = s.indexOf('\\', i);
    if (bs < 0) break;
    const abs = from + bs;
    while (m < masks.length && masks[m].end <= abs) m++;
    if (m < masks.length && masks[m].start <= abs) {
      i = masks[m].end - from;
      continue;
    }
    if (!isCommandBackslash(s, bs)) {
      i = bs + 1;
      continue;
    }
    const next = s[bs + 1];
    // `\\( ... \\)`: MathJax's inline delimiters as Markdown sources write them (CS231n's notes), since
    // Markdown turns `\\(` into the `\(` MathJax reads. (`\\[` stays an escaped bracket: such pages write
    // display math with `$$`.)
    if (next === '\\' && s[bs + 2] === '(') {
      const close = find('\\\\)', bs + 3);
      if (close >= 0) {
        out.push({ span: { start: abs, end: from + close + 3 }, body: { start: abs + 3, end: from + close }, kind: 'inline' });
        i = close + 3;
        continue;
      }
    }
    if (next === '[' || next === '(') {
      const closer = next === '[' ? '\\]' : '\\)';
      const close = find(closer, bs + 2);
      if (close >= 0) {
        out.push({
          span: { start: abs, end: from + close + 2 },
          body: { start: abs + 2, end: from + close },
          kind: next === '[' ? 'display' : 'inline',
        });
        i = close + 2;
        continue;
      }
    } else if (s.startsWith('begin{', bs + 1)) {
      const nameEnd = s.slice(bs + 7, bs + 40).indexOf('}') + bs + 7;
      const env = nameEnd >= bs + 7 ? s.slice(bs + 7, nameEnd) : '';
      if (MATH_ENVIRONMENTS.has(env)) {
        const endTag = `\\end{${env}}`;
        const close = find(endTag, nameEnd + 1);
        if (close >= 0) {
          out.push({
            span: { start: abs, end: from + close + endTag.length },
            body: { start: from + nameEnd + 1, end: from + close },
            kind: 'environment',
            env,
          });
          i = close + endTag.length;
          continue;
        }
      }
    }
    i = bs + 1;
  }
  return out;
}
