/**
 * What may stand before a comment on a line it still "has to itself" in Markdown: indentation, and
 * the markers of the containers it sits in (`> ` quotes, `- `/`1. ` list items). `- <!-- check: x -->`
 * starts a list item with nothing but the claim, so it looks forward like a claim on a bare line.
 */
export function markdownPrefix(text: string, lineStart: number, end: number): boolean {
  if (end - lineStart > 200) return false;
  return /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+[ \t>]*)*$/.test(text.slice(lineStart, end));
}
