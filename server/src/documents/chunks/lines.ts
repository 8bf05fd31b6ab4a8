import { isInlineSpace } from '../text';

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
