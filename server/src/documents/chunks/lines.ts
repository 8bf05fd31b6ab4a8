import { isInlineSpace } from '../text';

/** Calls `f(start, end)` for each line (end excludes the line break: LF, CRLF or a lone CR). */
export function forEachLine(text: string, f: (start: number, end: number) => void): void {
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let end = start;
    while (end < n) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      end++;
    }
    f(start, end);
    if (end >= n) return;
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
}

/** CommonMark's blank line: spaces and tabs only. */
export function isBlankMd(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** A blank line as LatexLines counts one. */
export function isBlankTex(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isInlineSpace(text.charCodeAt(i))) return false;
  return true;
}
