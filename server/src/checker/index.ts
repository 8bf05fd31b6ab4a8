/**
 * The one core both adapters share: a document in, a verdict per statement out. The CLI and the
 * language server only translate `DocumentCheck`; nothing here knows of LSP, files or VS Code.
 */
import { shiftLet, shiftResult } from '../core/shift';
import type { ClaimBlock, ScannedDocument, SourceDocument } from '../core/document';
import type { CheckResult, DocumentCheck, LetInfo } from '../core/result';
import type { Span } from '../core/span';
import { ScanCache, scanDocument, type Edit } from '../documents';
import { parseBlock } from '../claims';
import type { Stmt } from '../claims/ast';
import type { TextLiteral } from '../binding/literals';
import { readableSpan } from '../binding/reach';
import type { EngineLimits } from '../engine';
import type { Convention, Layout } from '../claims/ast';
import { Bindings, DEFAULT_CLAIM_SETTINGS, Scope, initialOf, settingsKey, viewOf, type Binding, type ClaimSettings } from './scope';
import { shapeSymbols } from '../engine/shape';
import { evaluateStatement, type BlockContext } from './statements';
import { seededRng } from './random';
import { nextMathRegion } from './mathRegion';
import { mathNames, readNames } from './reads';
import { TextPieces } from './pieces';
import { MAX_NESTING } from '../documents/markdown/nesting';
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
  /** Asked between blocks: true stops the check with `CheckCancelled` (a newer version arrived). */
  cancelled?: () => boolean;
}

/** Thrown by `checkDocument` when `options.cancelled` says so; the cache stays valid for the next check. */
export class CheckCancelled extends Error {
  constructor() {
    super('check cancelled');
  }
}

export const DEFAULT_MAX_ELEMENTS = 10_000_000;
export const DEFAULT_BLOCK_TIME_MS = 2_000;

/**
 * Results of the blocks of one document, keyed by everything a block's results can depend on: its
 * own text, the text it binds to, the math after it, and the versions of the bindings it reads. An
 * edit then re-evaluates only the blocks it can change; every other block's results are reused, shifted.
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
  /** What the block bound, in order, with the versions later blocks' keys are made of. */
  binds: Array<[string, Binding]>;
  /** The settings after the block when a `convention`/`layout`/`derivatives` statement changed them, else null. */
  settings: ClaimSettings | null;
  /** Where the last literal its claims took ends, from `at` (-1: none): a stacked block after it reads past it. */
  takenEnd: number;
}

/** What a block's key reads of the text, and where: equal places in unchanged text give an equal key. */
interface TextKey {
  span: Span;
  /** The text binding can read (`readableSpan`), or null when no statement of the block reads any. */
  window: Span | null;
  ownLine: boolean;
  unterminated: boolean;
  /** The math region a `math` block reads, or null. */
  math: Span | null;
  key: string;
  /** The names the block's text can read; for a `math` block also the heads its math can spell. */
  names: string[];
  mathHeads: string[] | null;
  /** The bindings before and after the block in the last check, and the options then. */
  before?: Bindings;
  after?: Bindings;
  options?: string;
  /** Where the stacked blocks before it left off, from the block's start (-1: none), in the last check. */
  carried?: number;
  /** The names (and probed symbols, bare) its reads key was made of last time: what an edit must not touch to reuse it. */
  usedNames?: string[];
  /** The reads key the block was checked under last time and its entry: a reused key needs no lookup. */
  readsKey?: string;
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
  let bindings = Bindings.empty(settings);
  const tolerance = options.tolerance ?? null;
  const optionsKey = `${maxElements}|${tolerance}|${settings.convention}|${settings.layout}`;
  const fresh = new Map<string, CachedBlock>();

  const edit = cache && cache.scan.scans === cache.seenScans + 1 ? cache.scan.edit : null;
  const textKeys = new Map<number, TextKey>();
  const pieces = new TextPieces(scanned);
  // Stacked claim comments over one paragraph take its answers in order, as the statements of one block
  // do: the last literal taken by the blocks before, when they read the same window's end.
  const stack: { last: { windowEnd: number; takenEnd: number } | null } = { last: null };
  // After an edit, the names whose binding may differ from the last check's at this point of the document.
  const changes = edit && cache ? new BindingChanges(edit, cache.textKeys) : null;

  for (const block of scanned.blocks) {
    if (options.cancelled?.()) throw new CheckCancelled();
    // The block's time limit runs from here: reading a claim of megabytes (or its table) counts too.
    const deadline = Date.now() + blockTimeMs;
    const [text, reused, parsed] = textKey(scanned, block, edit, cache?.textKeys, pieces, deadline);
    if (cache) textKeys.set(block.span.start, text);
    const old = changes?.reach(block.span.start);
    const inherited = stack.last;
    const carriedAt = inherited && block.ownLine && text.window && inherited.windowEnd === text.window.end && inherited.takenEnd > block.span.end ? inherited.takenEnd : -1;
    const carried = carriedAt < 0 ? -1 : carriedAt - block.span.start;
    const passOn = (entry: CachedBlock): void => {
      const own = entry.takenEnd < 0 ? -1 : block.span.start + entry.takenEnd;
      stack.last = text.window ? { windowEnd: text.window.end, takenEnd: Math.max(own, carriedAt) } : null;
    };
    // The block's view of the scope: only the names it can read, and their versions for its key.
    const bindingsBefore = bindings;
    // Same text key, and the bindings it saw last time, or ones that differ only in names it does not
    // read (an edit in a `let` changed another name): the same entry, its bindings replayed.
    if (
      reused && text.before && text.options === optionsKey && text.carried === carried && text.entry && text.after && text.fullKey &&
      (text.before === bindings || (changes !== null && text.before.settings === bindings.settings && changes.untouched(text)))
    ) {
      if (cache) cache.hits++;
      const placed = text.entry.at === block.span.start ? text.entry : moved(text.entry, block.span.start);
      for (const r of placed.results) results.push(r);
      for (const l of placed.lets) lets.push(l);
      if (text.before === bindings) bindings = text.after;
      else {
        for (const [name, b] of placed.binds) bindings = bindings.with(name, b);
        if (placed.settings) bindings = bindings.withSettings(placed.settings);
        text.before = bindingsBefore;
        text.after = bindings;
      }
      fresh.set(text.fullKey, placed);
      text.entry = placed;
      passOn(placed);
      continue;
    }
    // Recomputed or looked up: what it binds now, and what it bound last time, may differ.
    changes?.note(old?.entry?.binds);
    text.before = bindingsBefore;
    text.options = optionsKey;
    text.carried = carried;
    const names = text.mathHeads ? mathNames(bindings, text.names, text.mathHeads) : text.names;
    const used = new Map<string, string>();
    viewOf(bindings, names, used, false);
    // Probed symbols are keyed `name\u0001` in `used`; a change is noted by the bare name.
    text.usedNames = [];
    for (const u of used.keys()) text.usedNames.push(u.endsWith('\u0001') ? u.slice(0, -1) : u);
    // Every block computes by the settings in force (layers, numerator layout, hints): they are part of every key.
    let reads = `${optionsKey}\u0000${settingsKey(bindings.settings)}\u0000${carried}`;
    for (const [name, v] of used) reads += `\u0000${name}=${v}`;
    // Short strings serve as keys as they are: hashing every block's strings was a cost of its own.
    const readsKey = reads.length <= 256 ? reads : hashString(reads);
    // Same text key and same reads as last time: the entry is the one found under the same key then,
    // and that key string is reused rather than built again.
    const same = reused && text.readsKey === readsKey && text.fullKey !== undefined;
    const key = same ? (text.fullKey as string) : `${readsKey}\u0000${text.key}`;
    const hit = (same ? text.entry : undefined) ?? cache?.entries.get(key) ?? fresh.get(key);
    text.readsKey = readsKey;
    text.fullKey = key;
    if (hit) {
      if (cache) cache.hits++;
      // Results are kept with the spans of their last place: a block the edit did not move costs nothing.
      const placed = hit.at === block.span.start ? hit : moved(hit, block.span.start);
      for (const r of placed.results) results.push(r);
      for (const l of placed.lets) lets.push(l);
      for (const [name, b] of placed.binds) bindings = bindings.with(name, b);
      if (placed.settings) bindings = bindings.withSettings(placed.settings);
      changes?.note(placed.binds);
      fresh.set(key, placed);
      text.entry = placed;
      text.after = bindings;
      passOn(placed);
      continue;
    }
    if (cache) cache.misses++;
    const scope = viewOf(bindings, names, new Map());
    const out = checkBlock(scanned, block, scope, text.window, text.window && windowLiterals(pieces, text.window), parsed, { maxElements, deadline }, blockTimeMs, tolerance, carriedAt);
    for (const r of out.results) results.push(r);
    for (const l of out.lets) lets.push(l);
    // What a block binds depends on its own text, what it read and, for a `math` definition, the math
    // it reads — never on the prose it binds claims to, so typing there does not re-key its readers.
    const binds: Array<[string, Binding]> = [];
    if (scope.writes.length > 0) {
      const version = hashString(`${readsKey}\u0000${block.text}\u0000${text.math ? scanned.text.slice(text.math.start, text.math.end) : ''}`);
      scope.writes.forEach((w, i) => {
        const b: Binding = { tensor: w.tensor, module: w.module, scalar: w.scalar, version: `${version}.${i}` };
        binds.push([w.name, b]);
        bindings = bindings.with(w.name, b);
      });
    }
    // A `convention`/`layout`/`derivatives` statement changes what every later block computes.
    const settingsAfter = scope.settings !== bindings.settings ? scope.settings : null;
    if (settingsAfter) bindings = bindings.withSettings(settingsAfter);
    changes?.note(binds);
    text.entry = { at: block.span.start, results: out.results, lets: out.lets, binds, settings: settingsAfter, takenEnd: out.takenEnd < 0 ? -1 : out.takenEnd - block.span.start };
    text.after = bindings;
    fresh.set(key, text.entry);
    passOn(text.entry);
  }
  if (cache) {
    cache.textKeys = textKeys;
    cache.seenScans = cache.scan.scans;
  }
  if (cache) cache.entries = fresh;
  if (scanned.skipped) {
    for (const r of scanned.skipped) results.push(skippedResult(scanned, r));
    results.sort((a, b) => a.span.start - b.span.start);
  }
  return { results, lets };
}

/**
 * The names whose binding may differ, at the block being checked, from the last check's bindings at
 * the same block: every name bound (then or now) by a block that was not reused as it was, by a block
 * of the last check that is gone, and the symbols of their shapes (a shape's symbol reads the
 * tensor that carries it). A block whose reads touch none of them reads what it read last time, so
 * an edit inside a `let` re-keys only the blocks that read the name, not every block after it.
 */
class BindingChanges {
  private readonly names = new Set<string>();
  private readonly initials = new Set<string>();
  /** The last check's blocks in document order, and the next one not yet passed. */
  private readonly old: TextKey[];
  private next = 0;

  constructor(
    private readonly edit: Edit,
    old: Map<number, TextKey>,
  ) {
    this.old = [...old.values()];
  }

  /** Where a block of the last check stands now, or null when the edit covered it. */
  private now(t: TextKey): number | null {
    if (t.span.end <= this.edit.from) return t.span.start;
    return t.span.start >= this.edit.oldEnd ? t.span.start + this.edit.newEnd - this.edit.oldEnd : null;
  }

  /** Passes the last check's blocks before `start` (gone now: their bindings changed) and returns the one at it. */
  reach(start: number): TextKey | undefined {
    while (this.next < this.old.length) {
      const t = this.old[this.next];
      const at = this.now(t);
      if (at !== null && at >= start) {
        if (at > start) return undefined;
        this.next++;
        return t;
      }
      this.note(t.entry?.binds);
      this.next++;
    }
    return undefined;
  }

  note(binds: ReadonlyArray<[string, Binding]> | undefined): void {
    if (!binds) return;
    for (const [name, b] of binds) {
      this.names.add(name);
      this.initials.add(initialOf(name));
      if (b.tensor) for (const s of shapeSymbols(b.tensor.shape)) this.names.add(s);
    }
  }

  /** Whether none of the names the block read last time (nor, for math, their initials) may have changed. */
  untouched(t: TextKey): boolean {
    if (this.names.size === 0) return true;
    if (!t.usedNames) return false;
    for (const u of t.usedNames) if (this.names.has(u)) return false;
    if (t.mathHeads) for (const l of t.mathHeads) if (this.initials.has(l)) return false;
    return true;
  }
}

/** A region the reader did not parse: the student must learn that claims in it were not checked. */
function skippedResult(doc: ScannedDocument, span: Span): CheckResult {
  const line = (o: number) => {
    let n = 1;
    for (let i = doc.text.indexOf('\n'); i >= 0 && i < o; i = doc.text.indexOf('\n', i + 1)) n++;
    return n;
  };
  const from = line(span.start);
  const to = line(Math.max(span.start, span.end - 1));
  const where = from === to ? `Line ${from} is` : `Lines ${from}–${to} are`;
  const first = { start: span.start, end: Math.min(span.end, doc.text.indexOf('\n', span.start) < 0 ? span.end : doc.text.indexOf('\n', span.start)) };
  return {
    kind: 'text', status: 'error', code: 'limit', span: first, errorSpan: first, source: '',
    computed: null, computedText: null, claimed: null, claimedSpan: null, steps: [],
    message: `${where} nested more than ${MAX_NESTING} levels deep (block quotes or lists): Derivation Check does not read them, and claims in them are not checked.`,
  };
}

/** A block's window literals, from the pieces shared by the whole check (checker/pieces.ts). */
interface WindowLiterals {
  all(): readonly TextLiteral[];
  nearest(forward: boolean): Iterable<TextLiteral>;
}

function windowLiterals(pieces: TextPieces, window: Span): WindowLiterals {
  return { all: () => pieces.literals(window), nearest: (forward) => pieces.nearest(window, forward) };
}

interface BlockOutcome {
  results: CheckResult[];
  lets: LetInfo[];
  /** Where the last literal its claims took ends (-1: none). */
  takenEnd: number;
}

function checkBlock(
  doc: ScannedDocument, block: ClaimBlock, scope: Scope, reach: Span | null, window: WindowLiterals | null, parsed: Stmt[] | null,
  limits: EngineLimits, blockTimeMs: number, tolerance: number | null, startAfter = -1,
): BlockOutcome {
  const results: CheckResult[] = [];
  const lets: LetInfo[] = [];
  if (block.unterminated) {
    results.push(unterminated(doc, block));
    return { results, lets, takenEnd: -1 };
  }
  let literals: readonly TextLiteral[] | null = null;
  const ctx: BlockContext = {
    doc,
    // Binding's context rules (binding/select.ts) read up to the window's edges: the bounded window, the one the key holds.
    block: reach ? { ...block, searchSpan: reach } : block,
    scope,
    limits,
    rng: seededRng(hashString(block.text)),
    literals: () => (literals ??= window ? window.all() : []),
    nearest: (forward) => (window ? window.nearest(forward) : []),
    taken: new Set(),
    startAfter,
    laterBare: 0,
    lets,
    tolerance,
  };
  const stmts = parsed ?? parseBlock(block.text);
  // A block after its sentence reads that sentence's answers in reading order too: each bare statement
  // leaves the nearest answers to the bare statements after it.
  let bare = stmts.filter(bareClaim).length;
  for (const stmt of stmts) {
    if (bareClaim(stmt)) ctx.laterBare = --bare;
    if (Date.now() > limits.deadline) {
      results.push({
        kind: 'text', status: 'error', code: 'limit', span: block.span, source: block.text.trim().slice(0, 80),
        computed: null, computedText: null, claimed: null, claimedSpan: null, steps: [],
        message: `${blockName(doc, block)} ran out of its time limit (${seconds(blockTimeMs)}); the rest of its statements were not checked.`,
      });
      break;
    }
    if (stmt.type === 'table') {
      results.push(...tableResults(ctx, stmt));
      continue;
    }
    const r = evaluateStatement(ctx, stmt);
    // The statement the limit stopped (in the engine, the math, anywhere) says which block and which
    // limit; so does math stopped by its work budget before the time limit.
    const late = Date.now() > limits.deadline;
    if (r && r.status === 'error' && (late || (r.kind === 'math' && r.code === 'limit'))) {
      const which = blockName(doc, block).replace(/^The/, 'the');
      r.message = `${r.message} (${late ? `stopped at the ${seconds(blockTimeMs)} time limit of ${which}` : `in ${which}`})`;
    }
    if (r) results.push(r);
  }
  let takenEnd = -1;
  for (const t of ctx.taken) takenEnd = Math.max(takenEnd, t.span.end);
  return { results, lets, takenEnd };
}

/** `The claim block at line 12 (`math W=10`)`: a limit message must say which block it stopped. */
function blockName(doc: ScannedDocument, block: ClaimBlock): string {
  let line = 1;
  for (let i = doc.text.indexOf('\n'); i >= 0 && i < block.span.start; i = doc.text.indexOf('\n', i + 1)) line++;
  const text = block.text.replace(/\s+/g, ' ').trim();
  return `The claim block at line ${line} (\`${text.length > 40 ? `${text.slice(0, 39)}…` : text}\`)`;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** A statement whose claimed value is read from the text (section 5): counted for `laterBare`. */
function bareClaim(stmt: Stmt): boolean {
  return (stmt.type === 'layer' || stmt.type === 'params' || stmt.type === 'claim') && stmt.rhs === null;
}

/**
 * Whether a statement may read the text around its block (section 5). Only a claim with neither
 * `= VALUE` nor `: SHAPE` does; a statement of a kind not listed here is assumed to read.
 */
function readsText(stmt: Stmt): boolean {
  switch (stmt.type) {
    case 'invalid':
    case 'letShape':
    case 'letValue':
    case 'identity':
    case 'math':
    case 'setting':
      return false;
    case 'claim':
    case 'layer':
    case 'params':
      return stmt.rhs === null;
    default:
      return true;
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




/**
 * The part of a block's cache key that comes from the text: the comment, what binding can read of
 * the text around it, and the math a `math` block reads. Each costs what the block's own text costs:
 * the window is bounded (`readableSpan`), only its visible pieces are hashed (not the claim comments
 * stacked in it), and a block that reads no window hashes none. When all of that lies outside the
 * edit, the block had the same places (shifted) and the same text in the last check, and its old key
 * is taken as is: hashing every block on every keystroke was most of an edit's cost.
 */
function textKey(
  doc: ScannedDocument, block: ClaimBlock, edit: Edit | null, old: Map<number, TextKey> | undefined, pieces: TextPieces, deadline: number,
): [TextKey, boolean, Stmt[] | null] {
  const m = block.text.includes('math') ? nextMathRegion(doc, block) : null;
  if (edit && old) {
    // The block lies before the edit (same place) or after it (shifted); its window and math must too.
    const before = block.span.end <= edit.from;
    const by = before ? 0 : block.span.start >= edit.newEnd ? edit.newEnd - edit.oldEnd : null;
    const was = by === null ? undefined : old.get(block.span.start - by);
    const window = was?.window ? readableSpan(doc.text, block) : null;
    const lo = Math.min(block.span.start, window ? window.start : Infinity);
    // An edit inside the table a `table` block reads changes that block's claims.
    const hi = Math.max(block.span.end, window ? window.end : 0, m ? m.span.end : 0, tableSpanAfter(doc, block)?.end ?? 0);
    const outside = before ? hi <= edit.from : lo >= edit.newEnd;
    if (
      by !== null && was && outside && sameSpan(was.span, block.span, by) &&
      was.ownLine === !!block.ownLine && was.unterminated === !!block.unterminated &&
      (was.window === null || (window !== null && sameSpan(was.window, window, by))) &&
      (was.math === null ? m === null : m !== null && sameSpan(was.math, m.span, by))
    ) {
      return [by === 0 ? was : { ...was, span: block.span, window, math: m && m.span }, true, null];
    }
  }
  const parsed = block.unterminated ? [] : parseBlock(block.text, deadline);
  const window = parsed.some(readsText) ? readableSpan(doc.text, block) : null;
  // What binding reads: the visible pieces (claim comments and hidden spans are never read), placed.
  const seen = window ? pieces.key(window, block.span.start) : '';
  const comment = doc.text.slice(block.span.start, block.span.end);
  // A `table` block's cells are its claimed values: the table's text is part of what it reads.
  const table = tableSpanAfter(doc, block);
  const mathText = (m ? `${m.span.start - block.span.start}:${doc.text.slice(m.span.start, m.span.end)}` : '') + tableTextAfter(doc, block, table);
  const short = (x: string) => (x.length <= 256 ? x : `${hashString(x)}:${x.length}`);
  const key = `${block.ownLine ? 1 : 0}${block.unterminated ? 1 : 0}${window ? 1 : 0}\u0000${short(comment)}\u0000${short(seen)}\u0000${short(mathText)}`;
  // A table's cells may name `let`s too (a row per expression): they are read like the block's text.
  const names = table ? [...new Set([...readNames(block.text), ...readNames(doc.text.slice(table.start, table.end))])] : readNames(block.text);
  const mathHeads = m ? readNames(doc.text.slice(m.span.start, m.span.end), true) : null;
  return [{ span: block.span, window, ownLine: !!block.ownLine, unterminated: !!block.unterminated, math: m && m.span, key, names, mathHeads }, false, parsed];
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
    lets: hit.lets.map((l) => shiftLet(l, by)),
    binds: hit.binds,
    settings: hit.settings,
    takenEnd: hit.takenEnd,
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
