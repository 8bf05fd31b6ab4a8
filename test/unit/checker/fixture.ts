// Fixtures mark the expected range inside the test text with « and », as texlab's tests do; the
// markers are removed before checking, and their offsets are the expected span.
import type { Span } from '../../../server/src/core/span';
import { checkDocument } from '../../../server/src/checker';
import type { DocumentKind } from '../../../server/src/core/document';

export function marked(textWithMarks: string): { text: string; spans: Span[] } {
  const spans: Span[] = [];
  let text = '';
  let open = -1;
  for (const ch of textWithMarks) {
    if (ch === '«') open = text.length;
    else if (ch === '»') {
      spans.push({ start: open, end: text.length });
      open = -1;
    } else text += ch;
  }
  return { text, spans };
}

export function check(text: string, kind: DocumentKind = 'markdown') {
  return checkDocument({ name: 'test', kind, text }).results;
}
