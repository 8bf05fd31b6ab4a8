/**
 * The one core both adapters share: a document in, a verdict per statement out. The CLI and the
 * language server only translate `DocumentCheck`; nothing here knows of LSP, files or VS Code.
 */
import type { ClaimBlock, ScannedDocument, SourceDocument } from '../core/document';
import type { CheckResult, DocumentCheck, LetInfo } from '../core/result';
import type { Span } from '../core/span';
import { ScanCache, scanDocument, type Edit } from '../documents';
import { parseBlock } from '../claims';
import { findLiterals, type TextLiteral } from '../binding/literals';
import type { EngineLimits } from '../engine';
import type { Convention, Layout } from '../claims/ast';
import { DEFAULT_CLAIM_SETTINGS, Scope } from './scope';
import { evaluateStatement, type BlockContext } from './statements';
import { seededRng } from './random';
import { nextMathRegion } from './mathRegion';
import { tableResults, tableSpanAfter, tableTextAfter } from './tableHook';

export { checkComposed } from './composed';
export { projectCheck, withProblems } from './project';

export interface CheckOptions {
  /** Largest tensor (in elements) the engine will build; beyond it a claim is an error, not an out-of-memory. */
  maxElements?: number;
  /** Time one claim block may take before it is stopped with an error. */
  blockTimeMs?: number;
  /** Overrides section 5's digits-written rule: numbers match within tolerance · max(1, |claimed|). */
  tolerance?: number | null;
  /** The convention and layout before any `convention`/`layout` statement (CLI flags, settings; section 3b). */
  convention?: Convention;
  layout?: Layout;
}

export const DEFAULT_MAX_ELEMENTS = 10_000_000;
export const DEFAULT_BLOCK_TIME_MS = 2_000;

/**
 * Results of the blocks of one document, keyed by everything a block's results can depend on: its
 * own text, the text it binds to, the math after it, and the bindings it inherits. An edit then
 * re-evaluates only the blocks it can change; every other block's results are reused, shifted.
 */
export class CheckCache {
  entries = new Map<string, CachedBlock>();
  /** Chunk scans of the last version: an edit re-parses only the chunk it touched. */
  scan = new ScanCache();
  hits = 0;
  misses = 0;
  /** The text part of each block's key in the last check, by block start (see `textKey`). */
  textKeys = new Map<number, TextKey>();
  /** `scan.scans` after the last check: the scan's `edit` is relative to that check's text only then. */
  seenScans = -1;
}

interface CachedBlock {
  /** Results and lets with the spans they had when the block started at `at`. */
  at: number;
  results: CheckResult[];
  lets: LetInfo[];
  scopeAfter: Scope;
  scopeKeyAfter: string;
}

/** What a block's key reads of the text, and where: equal places in unchanged text give an equal key. */
interface TextKey {
  span: Span;
  searchSpan: Span;
  ownLine: boolean;
  unterminated: boolean;
  /** The math region a `math` block reads, or null. */
  math: Span | null;
  key: string;
  /** The scope key the block was checked under last time and its entry: a reused key needs no lookup. */
  scopeKey?: string;
  fullKey?: string;
  entry?: CachedBlock;
}

export function checkDocument(doc: SourceDocument, options: CheckOptions = {}, cache?: CheckCache): DocumentCheck {
  const scanned = scanDocument(doc.text, doc.kind, cache?.scan, doc.parts);
  const maxElements = options.maxElements ?? DEFAULT_MAX_ELEMENTS;
  const blockTimeMs = options.blockTimeMs ?? DEFAULT_BLOCK_TIME_MS;
  const results: CheckResult[] = [];
  const lets: LetInfo[] = [];
  const settings = { ...DEFAULT_CLAIM_SETTINGS, convention: options.convention ?? 'pytorch', layout: options.layout ?? 'channels_first' };
  let scope = new Scope(undefined, undefined, settings);
  const tolerance = options.tolerance ?? null;
  let scopeKey = `${maxElements}|${tolerance}|${settings.convention}|${settings.layout}`;
  const fresh = new Map<string, CachedBlock>();

  const edit = cache && cache.scan.scans === cache.seenScans + 1 ? cache.scan.edit : null;
  const textKeys = new Map<number, TextKey>();

  for (const block of scanned.blocks) {
    const [text, reused] = textKey(scanned, block, edit, cache?.textKeys);
    if (cache) textKeys.set(block.span.start, text);
    // Same text key and same scope key as last time: the entry is the one found under the same key then,
    // and that key string (its hash already computed) is reused rather than built and hashed again.
    const same = reused && text.scopeKey === scopeKey && text.fullKey !== undefined;
    const key = same ? (text.fullKey as string) : `${scopeKey}\u0000${text.key}`;
    const hit = (same ? text.entry : undefined) ?? cache?.entries.get(key) ?? fresh.get(key);
    text.scopeKey = scopeKey;
    text.fullKey = key;
    if (hit) {
      if (cache) cache.hits++;
      // Results are kept with the spans of their last place: a block the edit did not move costs nothing.
      const placed = hit.at === block.span.start ? hit : moved(hit, block.span.start);
      for (const r of placed.results) results.push(r);
      for (const l of placed.lets) lets.push(l);
      scope = hit.scopeAfter;
      scopeKey = hit.scopeKeyAfter;
      fresh.set(key, placed);
      text.entry = placed;
      continue;
    }
    if (cache) cache.misses++;
    const before = scope;
    // Only `let` and `math` statements bind (statements.ts), and each needs its keyword in the text; a
    // block without either reads the scope and never writes it, so it is spared copying a scope that
    // holds every binding of the document so far (after an edit in a `let`, for each block that follows).
    const mayBind = block.text.includes('let') || block.text.includes('math') || SETTING_WORD.test(block.text);
    const out = checkBlock(scanned, block, mayBind ? before.clone() : before, { maxElements, deadline: Date.now() + blockTimeMs }, tolerance);
    for (const r of out.results) results.push(r);
    for (const l of out.lets) lets.push(l);
    // Only a block that binds something changes what later blocks see.
    const binds = out.lets.length > 0 || out.defines;
    scope = binds ? out.scope : before;
    // What a block binds depends on its own text and, for a `math` definition, on the math it reads —
    // never on the prose it binds claims to, so typing there does not re-key the blocks after it.
    const reads = block.text.includes('math') ? mathTextAfter(scanned, block, false) : '';
    const keyAfter = binds ? hashString(`${scopeKey}\u0000${block.text}\u0000${reads}`) : scopeKey;
    text.entry = { at: block.span.start, results: out.results, lets: out.lets, scopeAfter: scope, scopeKeyAfter: keyAfter };
    fresh.set(key, text.entry);
    scopeKey = keyAfter;
  }
  if (cache) {
    cache.textKeys = textKeys;
    cache.seenScans = cache.scan.scans;
  }
  if (cache) cache.entries = fresh;
  return { results, lets };
}

/** A block that may hold a `convention`/`layout`/`derivatives` statement changes the scope. */
const SETTING_WORD = /\b(convention|layout|derivatives)\b/;

interface BlockOutcome {
  results: CheckResult[];
  lets: LetInfo[];
  scope: Scope;
  defines: boolean;
}

function checkBlock(doc: ScannedDocument, block: ClaimBlock, scope: Scope, limits: EngineLimits, tolerance: number | null): BlockOutcome {
  const results: CheckResult[] = [];
  const lets: LetInfo[] = [];
  if (block.unterminated) {
    results.push(unterminated(doc, block));
    return { results, lets, scope, defines: false };
  }
  let literals: readonly TextLiteral[] | null = null;
  const symbolsBefore = scope.symbols.size;
  const settingsBefore = scope.settings;
  const ctx: BlockContext = {
    doc,
    block,
    scope,
    limits,
    rng: seededRng(hashString(block.text)),
    literals: () => (literals ??= safeLiterals(doc, block.searchSpan)),
    taken: new Set(),
    laterBare: 0,
    lets,
    tolerance,
  };
  const stmts = parseBlock(block.text);
  // A block after its sentence reads that sentence's answers in reading order too: each bare statement
  // leaves the nearest answers to the bare statements after it.
  let bare = stmts.filter(readsText).length;
  for (const stmt of stmts) {
    if (readsText(stmt)) ctx.laterBare = --bare;
    if (Date.now() > limits.deadline) {
      results.push({
        kind: 'text', status: 'error', code: 'limit', span: block.span, source: block.text.trim().slice(0, 80),
        computed: null, computedText: null, claimed: null, claimedSpan: null, steps: [],
        message: 'This claim block ran out of its time budget; the rest of its statements were not checked.',
      });
      break;
    }
    if (stmt.type === 'table') {
      results.push(...tableResults(ctx, stmt));
      continue;
    }
    const r = evaluateStatement(ctx, stmt);
    if (r) results.push(r);
  }
  return { results, lets, scope, defines: scope.symbols.size !== symbolsBefore || scope.settings !== settingsBefore || block.text.includes('math') };
}

/** A statement whose claimed value is read from the text (section 5). */
function readsText(stmt: ReturnType<typeof parseBlock>[number]): boolean {
  return (stmt.type === 'layer' || stmt.type === 'params' || stmt.type === 'claim') && stmt.rhs === null;
}

function safeLiterals(doc: ScannedDocument, within: Span): readonly TextLiteral[] {
  try {
    return findLiterals(doc, within);
  } catch {
    return [];
  }
}

function unterminated(doc: ScannedDocument, block: ClaimBlock): CheckResult {
  const open = { start: block.span.start, end: Math.min(block.span.end, block.span.start + 4) };
  return {
    kind: 'text', status: 'error', code: 'unterminated', span: open, errorSpan: open,
    source: doc.text.slice(block.span.start, Math.min(block.span.end, block.span.start + 60)).replace(/\s+/g, ' ').trim(),
    computed: null, computedText: null, claimed: null, claimedSpan: null, steps: [],
    message: 'This check comment is never closed: add `-->` after the claim. Nothing in it was checked.',
  };
}

function mathTextAfter(doc: ScannedDocument, block: ClaimBlock, withOffset = true): string {
  const m = nextMathRegion(doc, block);
  if (!m) return '';
  const text = doc.text.slice(m.span.start, m.span.end);
  return withOffset ? `${m.span.start - block.span.start}:${text}` : text;
}



/**
 * The part of a block's cache key that comes from the text: the block, the window its literals are
 * searched in, and the math a `math` block reads. When all of that lies outside the edit, the block
 * had the same places (shifted) and the same text in the last check, and its old key is taken as is:
 * hashing every block's window on every keystroke was most of an edit's cost.
 */
function textKey(doc: ScannedDocument, block: ClaimBlock, edit: Edit | null, old: Map<number, TextKey> | undefined): [TextKey, boolean] {
  const m = block.text.includes('math') ? nextMathRegion(doc, block) : null;
  if (edit && old) {
    const lo = Math.min(block.span.start, block.searchSpan.start);
    // An edit inside the table a `table` block reads changes that block's claims.
    const hi = Math.max(block.span.end, block.searchSpan.end, m ? m.span.end : 0, tableSpanAfter(doc, block)?.end ?? 0);
    const by = hi <= edit.from ? 0 : lo >= edit.newEnd ? edit.newEnd - edit.oldEnd : null;
    const was = by === null ? undefined : old.get(block.span.start - by);
    if (
      by !== null && was &&
      sameSpan(was.span, block.span, by) && sameSpan(was.searchSpan, block.searchSpan, by) &&
      was.ownLine === !!block.ownLine && was.unterminated === !!block.unterminated &&
      (was.math === null ? m === null : m !== null && sameSpan(was.math, m.span, by))
    ) {
      return [by === 0 ? was : { ...was, span: block.span, searchSpan: block.searchSpan, math: m && m.span }, true];
    }
  }
  const from = Math.min(block.span.start, block.searchSpan.start);
  const to = Math.max(block.span.end, block.searchSpan.end);
  // Hidden spans inside the window change what literals are found; they follow from the text itself.
  const window = doc.text.slice(from, to);
  // A `table` block's cells are its claimed values: the table's text is part of what it reads.
  const mathText = (m ? `${m.span.start - block.span.start}:${doc.text.slice(m.span.start, m.span.end)}` : '') + tableTextAfter(doc, block);
  const key = `${block.span.start - from}\u0000${block.ownLine ? 1 : 0}\u0000${block.unterminated ? 1 : 0}\u0000${hashString(window)}:${window.length}\u0000${mathText}`;
  return [{ span: block.span, searchSpan: block.searchSpan, ownLine: !!block.ownLine, unterminated: !!block.unterminated, math: m && m.span, key }, false];
}

/** `was`, shifted by `by`, is `now`. */
function sameSpan(was: Span, now: Span, by: number): boolean {
  return was.start + by === now.start && was.end + by === now.end;
}

function moved(hit: CachedBlock, at: number): CachedBlock {
  const by = at - hit.at;
  return {
    at,
    results: hit.results.map((r) => shiftResult(r, by)),
    lets: hit.lets.map((l) => ({ ...l, nameSpan: shift(l.nameSpan, by) })),
    scopeAfter: hit.scopeAfter,
    scopeKeyAfter: hit.scopeKeyAfter,
  };
}

function shift(s: Span, by: number): Span {
  return { start: s.start + by, end: s.end + by };
}

function shiftResult(r: CheckResult, by: number): CheckResult {
  return {
    ...r,
    span: shift(r.span, by),
    errorSpan: r.errorSpan && shift(r.errorSpan, by),
    claimedSpan: r.claimedSpan && shift(r.claimedSpan, by),
    fix: r.fix && { span: shift(r.fix.span, by), newText: r.fix.newText },
    ...(r.links ? { links: r.links.map((l) => ({ ...l, leftSpan: shift(l.leftSpan, by), rightSpan: shift(l.rightSpan, by), ...(l.error ? { error: shift(l.error, by) } : {}) })) } : {}),
  };
}

/**
 * Two independent 32-bit lanes (FNV-1a and a murmur-style mix), as 16 hex digits. 32 bits alone
 * were not enough once the CLI shares one cache across a class of submissions: among ~10,000 block
 * windows a collision (two different windows sharing results) would be likely within a few hundred runs.
 */
export function hashString(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
