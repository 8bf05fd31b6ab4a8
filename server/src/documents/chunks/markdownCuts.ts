/**
 * Where a Markdown document may be cut into chunks that the parser reads the same way alone as in the
 * whole: at the start of a line that follows a blank line, is not indented (so indented code and
 * list-item continuations stay with what they continue), and lies outside every construct that a
 * blank line does not end — fenced code (``` or ~~~), `$$` math, and HTML blocks of kinds 1-5
 * (`<script|pre|style|textarea>`, `<!--`, `<?`, `<!X`, `<![CDATA[`).
 *
 * One cheap pass over lines. It only reads lines that start at the top level; a fence inside a list item
 * can fool it, which is why every chunk's parse is also checked for a construct left open at its end
 * (ChunkScan.open) before a cut is trusted.
 */
import { isBlankMd } from './lines';

type Closer = (line: string) => boolean;

function leadingColumns(line: string): { cols: number; at: number } {
  let cols = 0;
  let at = 0;
  while (at < line.length) {
    const c = line.charCodeAt(at);
    if (c === 32) cols++;
    else if (c === 9) cols += 4 - (cols % 4);
    else break;
    at++;
  }
  return { cols, at };
}

function runOf(line: string, at: number, ch: number): number {
  let k = at;
  while (k < line.length && line.charCodeAt(k) === ch) k++;
  return k - at;
}

function onlySpaces(line: string, from: number): boolean {
  for (let k = from; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

const HTML_RAW = /^<(?:script|pre|style|textarea)(?:[\s>]|$)/i;
const HTML_RAW_END = /<\/(?:script|pre|style|textarea)>/i;

/** If the top-level line opens a construct that a blank line does not end, what closes it. */
function opener(line: string): Closer | null {
  const { cols, at } = leadingColumns(line);
  if (cols > 3 || at >= line.length) return null;
  const c = line.charCodeAt(at);
  if (c === 96 || c === 126) {
    const len = runOf(line, at, c);
    if (len < 3) return null;
    const rest = line.slice(at + len);
    if (c === 96 && rest.includes('`')) return null;
    return (l) => {
      const lc = leadingColumns(l);
      if (lc.cols > 3) return false;
      const run = runOf(l, lc.at, c);
      return run >= len && onlySpaces(l, lc.at + run);
    };
  }
  if (c === 36) {
    const len = runOf(line, at, 36);
    if (len < 2 || line.slice(at + len).includes('$')) return null;
    return (l) => {
      const lc = leadingColumns(l);
      if (lc.cols > 3) return false;
      const run = runOf(l, lc.at, 36);
      return run >= len && onlySpaces(l, lc.at + run);
    };
  }
  if (c !== 60) return null;
  const s = line.slice(at);
  const within = (closer: string | RegExp, skip: number): Closer => {
    const test: Closer = typeof closer === 'string' ? (l) => l.includes(closer) : (l) => closer.test(l);
    // The opening line may close the block itself (`<!-- note -->`).
    return test(s.slice(skip)) ? ALWAYS_CLOSED : test;
  };
  if (HTML_RAW.test(s)) return within(HTML_RAW_END, 1);
  if (s.startsWith('<!--')) return within('-->', 2);
  if (s.startsWith('<?')) return within('?>', 2);
  if (s.startsWith('<![CDATA[')) return within(']]>', 9);
  if (s.length > 2 && s[1] === '!' && /[A-Za-z]/.test(s[2])) return within('>', 2);
  return null;
}

const ALWAYS_CLOSED: Closer = () => true;

/**
 * Offsets (ascending, > 0) at which the document may be cut. The pass may start at an earlier cut
 * `from` instead of 0: every cut is reached with the same state (nothing open, after a blank line), so
 * what follows a cut depends only on the text from it on; `from` itself is not listed again. `stop(cut)` ends the pass after that cut.
 */
export function markdownCuts(text: string, from = 0, stop?: (cut: number) => boolean): number[] {
  const cuts: number[] = [];
  let closer: Closer | null = null;
  let afterBlank = from > 0;
  const n = text.length;
  let start = from;
  while (start <= n) {
    let end = start;
    while (end < n) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      end++;
    }
    if (closer !== null) {
      if (closer(text.slice(start, end))) closer = null;
    } else if (isBlankMd(text, start, end)) {
      afterBlank = true;
    } else {
      const c = text.charCodeAt(start);
      const cut = afterBlank && start > from && c !== 32 && c !== 9 && c !== 0xfeff;
      afterBlank = false;
      // Slicing every line is most of this pass's cost; only a line starting with one of ` ~ $ < can open.
      if (mayOpen(text, start, end)) {
        const close = opener(text.slice(start, end));
        if (close !== null && close !== ALWAYS_CLOSED) closer = close;
      }
      if (cut) {
        cuts.push(start);
        if (stop?.(start)) return cuts;
      }
    }
    if (end >= n) break;
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  return cuts;
}

function mayOpen(text: string, start: number, end: number): boolean {
  let at = start;
  while (at < end && at - start < 4) {
    const c = text.charCodeAt(at);
    if (c !== 32 && c !== 9) break;
    at++;
  }
  const c = text.charCodeAt(at);
  return at < end && (c === 96 || c === 126 || c === 36 || c === 60 || c === 32 || c === 9);
}
