/**
 * Stacked comment lines, read without the parser. A TA's answer key is thousands of lines that each
 * hold one HTML comment (`<!-- check: ... -->`) and nothing else; the CommonMark parser reads each as
 * an HTML block of its own (kind 2: it starts with `<!--` at the line's start and ends on the line
 * holding `-->`), at a cost per line that was a third of checking 100,000 of them.
 *
 * So each run of two or more such lines is handed to the parser as one short comment line, `<!---->`,
 * which the parser reads in the same state as the run's first line and leaves in the same state as
 * its last: both start an HTML block with `<!--` at column 0 and end it on their own line. Whether
 * the run really was read that way is checked on the parser's answer (`verified`): the short line must
 * come back as an HTML block of the top level, spanning exactly itself. Inside an open fence, HTML
 * block or `$$` math it would not be, and the chunk is then parsed again as written.
 */
import type { Span } from '../../core/span';
import { lineBreakLength, lineEndOf } from '../text';
import { firstWhere } from '../../core/search';

/** What the parser is given for a run. */
export const RUN_STANDIN = '<!---->';

export interface CommentRun {
  /** The run in the original text: from its first line's start to its last line's end (no line break). */
  start: number;
  end: number;
  /** Where its stand-in starts in the parser's text. */
  at: number;
  /** Each line of the run (no line break). */
  lines: Span[];
}

export interface CollapsedText {
  text: string;
  runs: CommentRun[];
  /** An offset of the parser's text back to the original (the stand-in's ends to the run's). */
  toOriginal: (offset: number) => number;
}

/** A line that is one HTML block of its own wherever a block may start: `<!--`, then `-->` at its end. */
function commentLine(text: string, s: number, e: number): boolean {
  return e - s >= 7 && text.startsWith('<!--', s) && text.startsWith('-->', e - 3);
}

/** The text with every run of two or more comment lines replaced by `RUN_STANDIN`; null when there is none. */
export function collapseCommentRuns(text: string): CollapsedText | null {
  const runs: CommentRun[] = [];
  let current: Span[] = [];
  const close = (): void => {
    if (current.length >= 2) runs.push({ start: current[0].start, end: current[current.length - 1].end, at: 0, lines: current });
    current = [];
  };
  let s = 0;
  while (s <= text.length) {
    const e = lineEndOf(text, s);
    if (commentLine(text, s, e)) current.push({ start: s, end: e });
    else close();
    if (e >= text.length) break;
    s = e + lineBreakLength(text, e);
  }
  close();
  if (runs.length === 0) return null;
  const parts: string[] = [];
  let from = 0;
  let length = 0;
  for (const r of runs) {
    parts.push(text.slice(from, r.start), RUN_STANDIN);
    length += r.start - from;
    r.at = length;
    length += RUN_STANDIN.length;
    from = r.end;
  }
  parts.push(text.slice(from));
  const toOriginal = (o: number): number => {
    // The last run whose stand-in starts at or before o.
    const lo = firstWhere(runs.length, (i) => runs[i].at > o);
    if (lo === 0) return o;
    const r = runs[lo - 1];
    const past = o - (r.at + RUN_STANDIN.length);
    if (past >= 0) return r.end + past;
    return o === r.at ? r.start : Math.min(r.end, r.start + (o - r.at));
  };
  return { text: parts.join(''), runs, toOriginal };
}

interface Node {
  type: string;
  position?: { start: { offset?: number }; end: { offset?: number } };
}

/**
 * Whether the parser read every stand-in as a top-level HTML block spanning exactly itself (`base`:
 * offsets the parser counts without a leading byte order mark). Then each line of the run is such a
 * block in the original text too.
 */
export function verified(rootChildren: readonly Node[], runs: readonly CommentRun[], base: number): boolean {
  let k = 0;
  for (const n of rootChildren) {
    if (k >= runs.length) break;
    const s = n.position?.start.offset;
    const e = n.position?.end.offset;
    if (typeof s !== 'number' || typeof e !== 'number') continue;
    const at = runs[k].at;
    if (s + base > at) return false;
    if (s + base === at) {
      if (n.type !== 'html' || e + base !== at + RUN_STANDIN.length) return false;
      k++;
    }
  }
  return k === runs.length;
}
