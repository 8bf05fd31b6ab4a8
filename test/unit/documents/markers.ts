/**
 * Test documents with their expected ranges marked inline: `«` opens and `»` closes a range (they may
 * nest). The markers are stripped before scanning; spans are returned in the order the ranges open.
 */
import type { Span } from '../../../server/src/core/span';

export function marked(src: string): { text: string; spans: Span[] } {
  let text = '';
  const spans: Span[] = [];
  const open: number[] = [];
  for (const ch of src) {
    if (ch === '«') {
      open.push(spans.length);
      spans.push({ start: text.length, end: -1 });
    } else if (ch === '»') {
      const k = open.pop();
      if (k === undefined) throw new Error('unbalanced » in fixture');
      spans[k].end = text.length;
    } else {
      text += ch;
    }
  }
  if (open.length) throw new Error('unbalanced « in fixture');
  return { text, spans };
}

/** The text a span covers, for readable failure messages. */
export function slice(text: string, s: Span): string {
  return text.slice(s.start, s.end);
}
