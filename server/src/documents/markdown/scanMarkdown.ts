/**
 * Markdown → claim blocks, math and hidden spans (spec section 1), read with a real CommonMark parser
 * (micromark via mdast-util-from-markdown) so that comments inside code are text, as the spec requires.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { math as mathSyntax } from 'micromark-extension-math';
import { mathFromMarkdown } from 'mdast-util-math';
import type { ClaimBlock, MathRegion, ScannedDocument } from '../../core/document';
import type { Span } from '../../core/span';
import { stitchChunks, type ChunkScan } from '../chunks/chunkScan';
import { normalizeSpans } from '../spans';
import { checkMarkerEnd, isBlank, isSpace, lineBreakLength, lineEndOf } from '../text';
import { ownLineFlags } from '../ownLine';
import { findHtmlComments, findHtmlTags, type RawComment } from './htmlComments';
import { findPastedMath } from './pastedMath';
import { markdownPrefix } from './prefix';
import { blanked, compacted, tooDeep } from './nesting';
import { collapseCommentRuns, verified, type CollapsedText, type CommentRun } from './stackedComments';
import { joinParagraphLines, joinsInParagraphs } from './joinedLines';

interface MdNode {
  type: string;
  position?: { start: { offset?: number }; end: { offset?: number } };
  children?: MdNode[];
}

/**
 * A leaf block in document order: what a forward-looking claim can bind to. `prose` units (paragraphs,
 * headings) and flow `html` blocks can be all comments, and are then skipped; `other` units (display
 * math, code, rules) always count as "the next block-level thing".
 */
interface Unit extends Span {
  /** `code`: a fenced or indented code block, hidden; a claim's search passes over it to the prose after. */
  kind: 'prose' | 'html' | 'other' | 'code';
  /** Inside a tight list: where the outermost list ends. A claim above a list reads the whole list as its paragraph. */
  listEnd?: number;
  masks: Span[];
}

interface FoundComment extends RawComment {
  unit: number;
}

/**
 * `base`: micromark drops a leading byte order mark and counts its offsets without it; `toOriginal`:
 * the parser read the chunk with its too-deep regions cut out (nesting.ts).
 */
function nodeRange(n: MdNode, base: number, toOriginal: (o: number) => number): Span | null {
  const s = n.position?.start.offset;
  const e = n.position?.end.offset;
  return typeof s === 'number' && typeof e === 'number' && e >= s ? { start: toOriginal(s + base), end: toOriginal(e + base) } : null;
}

const PROSE = new Set(['paragraph', 'heading', 'tableCell']);
const OTHER_LEAVES = new Set(['math', 'code', 'thematicBreak', 'definition', 'yaml', 'toml']);

export function scanMarkdown(text: string): ScannedDocument {
  return stitchChunks('markdown', text, [{ offset: 0, scan: scanMarkdownChunk(text) }]);
}

/**
 * One chunk of a document (or the whole of it), with offsets relative to the chunk. Own-line blocks
 * that find no content after them in the chunk are left `pending`: the chunks after decide where
 * their search ends.
 */
export function scanMarkdownChunk(source: string, shortcuts = true): ChunkScan {
  // Lines nested too deep for the parser are blanked (offsets kept), hidden, and reported as skipped.
  const skipped = tooDeep(source);
  const text = blanked(source, skipped);
  const forParser = compacted(source, skipped);
  // Runs of stacked comment lines are given to the parser as one line each (stackedComments.ts), and
  // paragraph lines joined (joinedLines.ts); both are checked on the parser's answer.
  const collapsed = shortcuts && skipped.length === 0 ? collapseCommentRuns(source) : null;
  const joined = shortcuts && skipped.length === 0 ? joinParagraphLines(collapsed ? collapsed.text : source) : null;
  let runs: readonly CommentRun[] = [];
  let tree: MdNode;
  let base = forParser.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let toOriginal = forParser.toOriginal;
  try {
    if (collapsed || joined) {
      tree = parseMarkdown(joined ? joined.text : (collapsed as CollapsedText).text);
      if ((!collapsed || verified(tree.children ?? [], collapsed.runs, base)) && (!joined || joinsInParagraphs(tree, joined.joins, base))) {
        runs = collapsed?.runs ?? [];
        if (collapsed) toOriginal = collapsed.toOriginal;
      } else {
        tree = parseMarkdown(forParser.text);
      }
    } else {
      tree = parseMarkdown(forParser.text);
    }
  } catch {
    tree = fallbackTree(text);
    base = 0;
    toOriginal = (o) => o;
    runs = [];
  }
  const runAt = new Map(runs.map((r) => [r.start, r]));
  const rangeOf = (n: MdNode, b: number) => nodeRange(n, b, toOriginal);
  const units: Unit[] = [];
  const comments: FoundComment[] = [];
  const hidden: Span[] = [...skipped];
  const math: MathRegion[] = [];

  const htmlBlock = (r: Span, unit: number): void => {
    let owner = unit;
    if (owner < 0) {
      units.push({ ...r, kind: 'html', masks: [] });
      owner = units.length - 1;
    } else {
      units[owner].masks.push(r);
    }
    const found = findHtmlComments(text, r.start, r.end);
    for (const c of found) {
      comments.push({ ...c, unit: owner });
      hidden.push(c.span);
      // `<!-- check: math --> $...$` at a line start makes the whole line an HTML block (CommonMark):
      // the math on the comment's own line is still the math it checks.
      if (unit < 0) math.push(...mathAfterComment(text, c.span.end, r.end));
    }
    if (unit >= 0) hidden.push(r);
    else hidden.push(...findHtmlTags(text, r.start, r.end, found));
  };

  // Depth-first, document order, with an explicit stack: deeply nested blockquotes must not overflow.
  const stack: { node: MdNode; unit: number; listEnd?: number }[] = [{ node: tree, unit: -1 }];
  while (stack.length > 0) {
    const { node, unit, listEnd: inList } = stack.pop()!;
    const r = rangeOf(node, base);
    let childUnit = unit;
    const listEnd = inList ?? (node.type === 'list' && r ? tightEnd(text, r) : undefined);
    if (r && PROSE.has(node.type) && unit < 0) {
      units.push({ ...r, kind: 'prose', masks: [], ...(listEnd !== undefined ? { listEnd } : {}) });
      childUnit = units.length - 1;
    } else if (r && node.type === 'html') {
      // A run of stacked comment lines the parser read as one: each line is an HTML block of its own.
      const run = unit < 0 ? runAt.get(r.start) : undefined;
      if (run && run.end === r.end) for (const line of run.lines) htmlBlock(line, unit);
      else htmlBlock(r, unit);
      continue;
    } else if (r && node.type === 'inlineCode') {
      // Read like any other text (section 5: students paste PyTorch's printouts in code spans), but no
      // math or claim opens inside one.
      if (unit >= 0) units[unit].masks.push(r);
      continue;
    } else if (r && node.type === 'inlineMath') {
      math.push(dollarMath(text, r, false));
      if (unit >= 0) units[unit].masks.push(r);
      continue;
    } else if (r && OTHER_LEAVES.has(node.type) && unit < 0) {
      units.push({ ...r, kind: node.type === 'code' ? 'code' : 'other', masks: [] });
      if (node.type === 'code') hidden.push(r);
      if (node.type === 'math') math.push(dollarMath(text, r, true));
      continue;
    }
    const kids = node.children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], unit: childUnit, ...(listEnd !== undefined ? { listEnd } : {}) });
  }

  for (let u = 0; u < units.length; u++) {
    const unit = units[u];
    if (unit.kind !== 'prose') continue;
    math.push(...findPastedMath(text, unit.start, unit.end, unit.masks));
    const open = findUnparsedClaimOpen(text, unit);
    if (open >= 0) {
      const c: FoundComment = {
        span: { start: open, end: unit.end },
        content: { start: open + 4, end: unit.end },
        terminated: false,
        unit: u,
      };
      comments.push(c);
      hidden.push(c.span);
    }
  }

  comments.sort((a, b) => a.span.start - b.span.start);
  math.sort((a, b) => a.span.start - b.span.start);
  const { blocks, pending, firstEnd } = buildBlocks(text, comments, units);
  // A construct still open at the chunk's end (an unclosed fence, `$$`, HTML block, or a container
  // holding one) runs up to the very end, past the trailing blank line that every cut leaves there.
  const kids = tree.children ?? [];
  const lastEnd = kids.length > 0 ? rangeOf(kids[kids.length - 1], base)?.end ?? -1 : -1;
  const scan: ChunkScan = { blocks, pending, math, hidden: normalizeSpans(hidden), firstEnd, open: text.length > 0 && lastEnd >= text.length };
  if (skipped.length > 0) scan.skipped = skipped;
  return scan;
}

/** Past this many `[` in one chunk, the parser reads no links or images in it (see `parseMarkdown`). */
export const MAX_LABEL_BRACKETS = 1_000;
const NO_LABELS = { disable: { null: ['labelStartLink', 'labelStartImage', 'labelEnd'] } };

/**
 * The parser's tree. A bracket that opens no link costs the parser a pass over the events before it
 * (they are spliced once per bracket): a paragraph of 600,000 brackets, a long tensor pasted as text,
 * took minutes. A chunk with that many brackets is read without links and images, whose only bearing
 * on a check is that comments and math inside a link's target or an image's text are not read.
 */
function parseMarkdown(text: string): MdNode {
  let brackets = 0;
  for (let i = text.indexOf('['); i >= 0 && brackets <= MAX_LABEL_BRACKETS; i = text.indexOf('[', i + 1)) brackets++;
  const extensions = brackets > MAX_LABEL_BRACKETS ? [mathSyntax(), NO_LABELS] : [mathSyntax()];
  return fromMarkdown(text, { extensions, mdastExtensions: [mathFromMarkdown()] }) as MdNode;
}

/** `$..$`, `$$..$$` (inline or a fenced flow block): the body is what lies between the dollar runs. */
/**
 * Where a list's first run of items without a blank line between them ends: a blank line is where
 * documents are cut into chunks, so reading a list only up to its first blank line makes a chunk read
 * what the whole document reads.
 */
function tightEnd(text: string, r: Span): number {
  const blank = /\n[ \t]*\r?\n/.exec(text.slice(r.start, r.end));
  return blank ? r.start + blank.index : r.end;
}

/** `$...$`, `$$...$$` and `\(...\)` on the rest of the line from `from` (inside an HTML block). */
function mathAfterComment(text: string, from: number, to: number): MathRegion[] {
  const nl = text.indexOf('\n', from);
  const end = Math.min(to, nl < 0 ? text.length : nl);
  const line = text.slice(from, end);
  const out: MathRegion[] = [];
  for (const m of line.matchAll(/\$\$([^$]+)\$\$|\$([^$\s](?:[^$]*[^$\s])?)\$|\\\(([\s\S]*?)\\\)/g)) {
    const start = from + (m.index ?? 0);
    const open = m[1] !== undefined ? 2 : m[2] !== undefined ? 1 : 2;
    const span = { start, end: start + m[0].length };
    out.push({ span, body: { start: start + open, end: span.end - open }, kind: m[1] !== undefined ? 'display' : 'inline' });
  }
  return out;
}

function dollarMath(text: string, r: Span, flow: boolean): MathRegion {
  let open = 0;
  while (r.start + open < r.end && text.charCodeAt(r.start + open) === 36) open++;
  let close = 0;
  while (r.end - close - 1 >= r.start + open && text.charCodeAt(r.end - close - 1) === 36) close++;
  // An unclosed flow block runs to its container's end; an inline run must match the opening one.
  if (!flow && close !== open) close = Math.min(close, open);
  if (flow && close < 2) close = 0;
  const bodyStart = r.start + open;
  const bodyEnd = Math.max(bodyStart, r.end - close);
  return { span: r, body: { start: bodyStart, end: bodyEnd }, kind: flow || open >= 2 ? 'display' : 'inline' };
}

/**
 * CommonMark reads `text <!-- check: ...` with no `-->` before the paragraph ends as plain text. The
 * student meant a claim: report it as an unterminated block running to the paragraph's end.
 */
function findUnparsedClaimOpen(text: string, unit: Unit): number {
  const s = text.slice(unit.start, unit.end);
  let i = 0;
  let m = 0;
  for (;;) {
    const k = s.indexOf('<!--', i);
    if (k < 0) return -1;
    const abs = unit.start + k;
    while (m < unit.masks.length && unit.masks[m].end <= abs) m++;
    if (m < unit.masks.length && unit.masks[m].start <= abs) {
      i = unit.masks[m].end - unit.start;
      continue;
    }
    // Closed by `-->` in the same paragraph, it is no unterminated claim but one the parser did not
    // read as a comment (`\<!-- ... -->`, escaped): reporting it as never closed would be wrong, and
    // its span would run over the real comments after it.
    const close = text.indexOf('-->', abs + 4);
    if (close >= 0 && close + 3 <= unit.end) {
      i = close + 3 - unit.start;
      continue;
    }
    if (checkMarkerEnd(text, abs + 4, unit.end) >= 0) return abs;
    i = k + 4;
  }
}

function buildBlocks(
  text: string,
  comments: FoundComment[],
  units: Unit[],
): { blocks: ClaimBlock[]; pending: number[]; firstEnd: number } {
  const own = ownLineFlags(text, comments.map((c) => c.span), markdownPrefix);
  const endToStart = new Map<number, number>();
  for (const c of comments) endToStart.set(c.span.end, c.span.start);

  // The last character of each unit that is neither whitespace nor inside a comment (-1: none).
  const lastContent = units.map((u) => {
    if (u.kind === 'other') return u.end - 1;
    if (u.kind === 'code') return -1;
    let p = u.end;
    while (p > u.start) {
      const st = endToStart.get(p);
      if (st !== undefined && st >= u.start && st < p) p = st;
      else if (isSpace(text.charCodeAt(p - 1))) p--;
      else return p - 1;
    }
    return -1;
  });
  const nextContent: number[] = new Array(units.length + 1);
  nextContent[units.length] = -1;
  for (let u = units.length - 1; u >= 0; u--) nextContent[u] = lastContent[u] >= 0 ? u : nextContent[u + 1];

  const blocks: ClaimBlock[] = [];
  const pending: number[] = [];
  comments.forEach((c, i) => {
    const markerEnd = checkMarkerEnd(text, c.content.start, c.content.end);
    if (markerEnd < 0) return;
    const unit = units[c.unit];
    let searchSpan: Span;
    if (own[i]) {
      if (lastContent[c.unit] >= c.span.end) searchSpan = { start: c.span.end, end: unit.end };
      else {
        const v = nextContent[c.unit + 1] ?? -1;
        // A list right after the claim is its "next paragraph" as a whole (`- conv: 28×28`, `- pool: 14×14`).
        searchSpan = { start: c.span.end, end: v >= 0 ? Math.max(units[v].end, units[v].listEnd ?? 0) : text.length };
        if (v < 0) pending.push(blocks.length);
      }
    } else {
      searchSpan = { start: Math.min(unit.start, c.span.start), end: c.span.start };
    }
    if (!c.terminated) {
      blocks.push({ span: c.span, segments: [], text: '', ownLine: own[i], searchSpan, unterminated: true });
      return;
    }
    const seg = { text: text.slice(markerEnd, c.content.end), offset: markerEnd };
    blocks.push({ span: c.span, segments: [seg], text: seg.text, ownLine: own[i], searchSpan });
  });
  const first = nextContent[0];
  return { blocks, pending, firstEnd: first >= 0 ? Math.max(units[first].end, units[first].listEnd ?? 0) : -1 };
}

/**
 * If the parser ever throws, read the document as blank-line-separated paragraphs: comments are still
 * found (without code awareness), so the student gets a result rather than nothing.
 */
function fallbackTree(text: string): MdNode {
  const children: MdNode[] = [];
  const at = (o: number) => ({ offset: o });
  let start = -1;
  let lastEnd = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const lineEnd = lineEndOf(text, lineStart);
    const blank = isBlank(text, lineStart, lineEnd);
    if (!blank && start < 0) start = lineStart;
    if (!blank) lastEnd = lineEnd;
    if ((blank || lineEnd >= text.length) && start >= 0) {
      children.push({
        type: 'paragraph',
        position: { start: at(start), end: at(lastEnd) },
        children: [{ type: 'html', position: { start: at(start), end: at(lastEnd) } }],
      });
      start = -1;
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + lineBreakLength(text, lineEnd);
  }
  return { type: 'root', children };
}
