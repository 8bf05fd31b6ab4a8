/**
 * The one core both adapters share: a document in, a verdict per statement out. The CLI and the
 * language server only translate `DocumentCheck`; nothing here knows of LSP, files or VS Code.
 */
import type { ClaimBlock, ScannedDocument, SourceDocument } from '../core/document';
import type { CheckResult, DocumentCheck, LetInfo } from '../core/result';
import type { Span } from '../core/span';
import { ScanCache, scanDocument } from '../documents';
import { parseBlock } from '../claims';
import { findLiterals, type TextLiteral } from '../binding/literals';
import type { EngineLimits } from '../engine';
import { Scope } from './scope';
import { evaluateStatement, type BlockContext } from './statements';
import { seededRng } from './random';
import { nextMathRegion } from './mathRegion';

export interface CheckOptions {
  /** Largest tensor (in elements) the engine will build; beyond it a claim is an error, not an out-of-memory. */
  maxElements?: number;
  /** Time one claim block may take before it is stopped with an error. */
  blockTimeMs?: number;
  /** Overrides section 5's digits-written rule: numbers match within tolerance · max(1, |claimed|). */
  tolerance?: number | null;
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
}

interface CachedBlock {
  /** Results with spans relative to the block's start. */
  results: CheckResult[];
  lets: LetInfo[];
  scopeAfter: Scope;
  scopeKeyAfter: string;
}

export function checkDocument(doc: SourceDocument, options: CheckOptions = {}, cache?: CheckCache): DocumentCheck {
  const scanned = scanDocument(doc.text, doc.kind, cache?.scan);
  const maxElements = options.maxElements ?? DEFAULT_MAX_ELEMENTS;
  const blockTimeMs = options.blockTimeMs ?? DEFAULT_BLOCK_TIME_MS;
  const results: CheckResult[] = [];
  const lets: LetInfo[] = [];
  let scope = new Scope();
  const tolerance = options.tolerance ?? null;
  let scopeKey = `${maxElements}|${tolerance}`;
  const fresh = new Map<string, CachedBlock>();

  for (const block of scanned.blocks) {
    const key = cacheKey(scanned, block, scopeKey);
    const hit = cache?.entries.get(key) ?? fresh.get(key);
    if (hit) {
      if (cache) cache.hits++;
      results.push(...hit.results.map((r) => shiftResult(r, block.span.start)));
      lets.push(...hit.lets.map((l) => ({ ...l, nameSpan: shift(l.nameSpan, block.span.start) })));
      scope = hit.scopeAfter;
      scopeKey = hit.scopeKeyAfter;
      fresh.set(key, hit);
      continue;
    }
    if (cache) cache.misses++;
    const before = scope;
    const out = checkBlock(scanned, block, before.clone(), { maxElements, deadline: Date.now() + blockTimeMs }, tolerance);
    results.push(...out.results);
    lets.push(...out.lets);
    // Only a block that binds something changes what later blocks see.
    const binds = out.lets.length > 0 || out.defines;
    scope = binds ? out.scope : before;
    // What a block binds depends on its own text and, for a `math` definition, on the math it reads —
    // never on the prose it binds claims to, so typing there does not re-key the blocks after it.
    const reads = block.text.includes('math') ? mathTextAfter(scanned, block, false) : '';
    const keyAfter = binds ? hashString(`${scopeKey}\u0000${block.text}\u0000${reads}`) : scopeKey;
    fresh.set(key, {
      results: out.results.map((r) => shiftResult(r, -block.span.start)),
      lets: out.lets.map((l) => ({ ...l, nameSpan: shift(l.nameSpan, -block.span.start) })),
      scopeAfter: scope,
      scopeKeyAfter: keyAfter,
    });
    scopeKey = keyAfter;
  }
  if (cache) cache.entries = fresh;
  return { results, lets };
}

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
  const ctx: BlockContext = {
    doc,
    block,
    scope,
    limits,
    rng: seededRng(hashString(block.text)),
    literals: () => (literals ??= safeLiterals(doc, block.searchSpan)),
    taken: new Set(),
    lets,
    tolerance,
  };
  for (const stmt of parseBlock(block.text)) {
    if (Date.now() > limits.deadline) {
      results.push({
        kind: 'text', status: 'error', code: 'limit', span: block.span, source: block.text.trim().slice(0, 80),
        computed: null, computedText: null, claimed: null, claimedSpan: null, steps: [],
        message: 'This claim block ran out of its time budget; the rest of its statements were not checked.',
      });
      break;
    }
    const r = evaluateStatement(ctx, stmt);
    if (r) results.push(r);
  }
  return { results, lets, scope, defines: scope.symbols.size !== symbolsBefore || block.text.includes('math') };
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



function cacheKey(doc: ScannedDocument, block: ClaimBlock, scopeKey: string): string {
  const from = Math.min(block.span.start, block.searchSpan.start);
  const to = Math.max(block.span.end, block.searchSpan.end);
  // Hidden spans inside the window change what literals are found; they follow from the text itself.
  const window = doc.text.slice(from, to);
  const mathText = block.text.includes('math') ? mathTextAfter(doc, block) : '';
  return `${scopeKey}\u0000${block.span.start - from}\u0000${block.ownLine ? 1 : 0}\u0000${block.unterminated ? 1 : 0}\u0000${hashString(window)}:${window.length}\u0000${mathText}`;
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
    ...(r.links ? { links: r.links.map((l) => ({ ...l, leftSpan: shift(l.leftSpan, by), rightSpan: shift(l.rightSpan, by) })) } : {}),
  };
}

/** FNV-1a, 32 bits, as hex: enough to key a per-document cache. */
export function hashString(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}
