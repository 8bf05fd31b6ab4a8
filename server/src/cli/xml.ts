/**
 * Escaping text for XML 1.0, which the JUnit report is: the five markup characters, and every
 * character XML forbids outright (most C0 controls, lone surrogates, U+FFFE/U+FFFF) replaced by U+FFFD,
 * since a student's document may hold anything and one such character makes the whole report
 * unreadable to a strict parser. A writer library would do the same in more code.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** For element text and attribute values alike (attributes also keep their newlines and tabs). */
export function xmlEscape(s: string, attribute = false): string {
  const clean = s.replace(FORBIDDEN, '\uFFFD').replace(/[&<>"']/g, (c) => ENTITIES[c]);
  return attribute ? clean.replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;') : clean.replace(/\r/g, '&#13;');
}

export function attrs(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v), true)}"`)
    .join('');
}
