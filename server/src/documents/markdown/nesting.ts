/**
 * A guard in front of the Markdown parser. CommonMark containers (block quotes, list items) nest
 * without limit, and the parser's cost grows with the square of their depth: a 25 kB line of `>`
 * took 21 s, a line of 50,000 `- ` markers minutes, and 2 MB of nested quotes 3 GB. No homework
 * nests more than a few levels, so lines nested deeper than `MAX_NESTING` containers (or indented
 * past `MAX_INDENT` columns, the way lists nest) are not given to the parser: they are blanked
 * (offsets kept), reported as skipped, and the rest of the document is read and checked as usual.
 */
import type { Span } from '../../core/span';
import { lineBreakLength, lineEndOf } from '../text';
import { firstWhere } from '../../core/search';

export const MAX_NESTING = 20;
export const MAX_INDENT = 120;

/** The regions (whole lines, merged) nested too deep to parse, in order. */
export function tooDeep(text: string): Span[] {
  const out: Span[] = [];
  let s = 0;
  while (s < text.length) {
    const e = lineEndOf(text, s);
    if (lineTooDeep(text, s, e)) {
      const last = out[out.length - 1];
      if (last && last.end === s) last.end = e + lineBreakLength(text, e);
      else out.push({ start: s, end: e + lineBreakLength(text, e) });
    }
    if (e >= text.length) break;
    s = e + lineBreakLength(text, e);
  }
  for (const r of out) r.end = Math.min(r.end, text.length);
  return out;
}

function lineTooDeep(text: string, s: number, e: number): boolean {
  let depth = 0;
  let column = 0;
  let i = s;
  for (;;) {
    while (i < e && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) {
      column += text.charCodeAt(i) === 9 ? 4 : 1;
      i++;
    }
    if (column > MAX_INDENT || depth > MAX_NESTING) return !isThematicBreak(text, s, e);
    if (i >= e) return false;
    const c = text.charCodeAt(i);
    if (c === 62 /* > */) {
      depth++;
      column++;
      i++;
      continue;
    }
    const m = listMarkerEnd(text, i, e);
    if (m < 0) return false;
    depth++;
    column += m - i;
    i = m;
  }
}

/** After a list marker at i (`-`, `+`, `*`, or up to 9 digits and `.`/`)`) followed by a blank or the line's end; -1 if none. */
function listMarkerEnd(text: string, i: number, e: number): number {
  const c = text.charCodeAt(i);
  let j = i;
  if (c === 45 || c === 43 || c === 42) j = i + 1;
  else {
    while (j < e && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    if (j === i || (text.charCodeAt(j) !== 46 && text.charCodeAt(j) !== 41)) return -1;
    j++;
  }
  if (j < e && text.charCodeAt(j) !== 32 && text.charCodeAt(j) !== 9) return -1;
  return j;
}

/** `- - - -` or `* * *` alone on a line is a rule, however many marks it has. */
function isThematicBreak(text: string, s: number, e: number): boolean {
  let mark = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) continue;
    if (c !== 45 && c !== 42 && c !== 95) return false;
    if (mark && c !== mark) return false;
    mark = c;
  }
  return mark !== 0;
}

/** `text` with the regions blanked: every character but line breaks becomes a space, so offsets hold. */
export function blanked(text: string, regions: readonly Span[]): string {
  if (regions.length === 0) return text;
  let out = '';
  let at = 0;
  for (const r of regions) {
    out += text.slice(at, r.start);
    out += text.slice(r.start, r.end).replace(/[^\r\n]/g, ' ');
    at = r.end;
  }
  return out + text.slice(at);
}

/**
 * What the parser is given: `text` with each region replaced by one line break (a blank line, as the
 * region was to the lines around it). Blanking alone kept offsets but left the parser a megabyte of
 * spaces to walk; `toOriginal` maps the parser's offsets back to `text`'s.
 */
export function compacted(text: string, regions: readonly Span[]): { text: string; toOriginal: (offset: number) => number } {
  if (regions.length === 0) return { text, toOriginal: (o) => o };
  let out = '';
  let at = 0;
  // For region k: where its line break stands in the compacted text, and where the region starts and ends.
  const marks: { c: number; start: number; end: number }[] = [];
  for (const r of regions) {
    out += text.slice(at, r.start);
    marks.push({ c: out.length, start: r.start, end: r.end });
    out += '\n';
    at = r.end;
  }
  out += text.slice(at);
  const toOriginal = (o: number): number => {
    const lo = firstWhere(marks.length, (i) => marks[i].c >= o);
    // marks[lo - 1] is the last region whose line break stands before o.
    if (lo < marks.length && marks[lo].c === o) return marks[lo].start;
    if (lo === 0) return o;
    const m = marks[lo - 1];
    return m.end + (o - m.c - 1);
  };
  return { text: out, toOriginal };
}
