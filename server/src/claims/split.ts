/**
 * Splits a block's claim text into statements at top-level newlines and `;`.
 *
 * Only brackets that are closed count as nesting: a multi-line tensor literal stays one statement,
 * but an unclosed `(` must not swallow every later line of the block, so it is matched first.
 */
import type { Span } from '../core/span';

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS = new Set([')', ']', '}']);

/** The end offset of the string starting at `i`, or -1 when it is not closed on its line. */
function stringEnd(text: string, i: number): number {
  const quote = text[i];
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\' && text[j + 1] !== '\n') j++;
    else if (c === quote) return j;
    else if (c === '\n') return -1;
  }
  return -1;
}

/** Maps each opener that has a matching closer to that closer's offset. */
function matchBrackets(text: string): Map<number, number> {
  const matches = new Map<number, number>();
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = stringEnd(text, i);
      if (end >= 0) i = end;
    } else if (c === '(' || c === '[' || c === '{') {
      stack.push(i);
    } else if (CLOSERS.has(c)) {
      const top = stack[stack.length - 1];
      if (top !== undefined && OPENERS[text[top]] === c) {
        stack.pop();
        matches.set(top, i);
      }
    }
  }
  return matches;
}

/** Trimmed, non-empty statement ranges of `text`, in order. */
export function splitStatements(text: string): Span[] {
  const matches = matchBrackets(text);
  const out: Span[] = [];
  let start = 0;
  const flush = (end: number): void => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = stringEnd(text, i);
      if (end >= 0) i = end;
    } else if ((c === '(' || c === '[' || c === '{') && matches.has(i)) {
      i = matches.get(i)!;
    } else if (c === ';' || c === '\n' || c === '\r') {
      flush(i);
      start = i + 1;
    }
  }
  flush(text.length);
  return out;
}
