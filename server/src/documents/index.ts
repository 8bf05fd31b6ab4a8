/**
 * Documents → claim blocks, math regions and hidden spans (spec section 1). Never throws: whatever the
 * input, the checker gets a ScannedDocument back.
 *
 * A document is cut into chunks at places where the parser's reading cannot depend on what came before
 * (see chunks/markdownCuts.ts and chunks/latexCuts.ts); each chunk is parsed alone and the results are
 * stitched. The parsers cost milliseconds per kilobyte, so reading small chunks keeps memory and GC
 * flat, and a ScanCache lets an edit re-parse only the chunk it touched.
 */
import type { DocumentKind, ScannedDocument } from '../core/document';
import { scanMarkdown, scanMarkdownChunk } from './markdown/scanMarkdown';
import { latexFacts, PARSER_MAX_CHARS, scanLatex, scanLatexChunk } from './latex/scanLatex';
import { stitchChunks, type ChunkScan, type PlacedChunk } from './chunks/chunkScan';
import { markdownCuts } from './chunks/markdownCuts';
import { latexCuts } from './chunks/latexCuts';
import { lineStartOf } from './text';

/**
 * Chunk scans of the last document scanned, keyed by the chunk's text and how it was read. Holds only
 * the chunks of the latest scan, so it never grows beyond one document's worth.
 */
export class ScanCache {
  entries = new Map<string, ChunkScan>();
  /** The last scan's text, reader, cuts and chunks by place: what lets an edit redo only its own region. */
  last: LastScan | null = null;
  /** How the last scanned text differs from the one before it (null: no earlier scan to compare). */
  edit: Edit | null = null;
  /** Scans made with this cache: a caller holding its own state can tell whether it saw the previous one. */
  scans = 0;
  /** Chunks found in the cache / parsed, summed over scans (for tests and benchmarks). */
  hits = 0;
  misses = 0;
}

interface LastScan {
  text: string;
  tag: string;
  minChunk: number;
  maxChunk: number;
  cuts: number[];
  /** By `start:end`: the chunk's cache key (the same string, so its hash is not computed again) and scan. */
  chunks: Map<string, { key: string; scan: ChunkScan }>;
}

export { editBetween, type Edit } from './edit';
import { editBetween, type Edit } from './edit';
import { firstWhere } from '../core/search';

/**
 * The cut pass redone only where the edit can change it: from the last old cut on a line before the
 * edit (the cuts before it, and the state there, depend only on the text before it) to the first new
 * cut past the edit that is also an old cut (from there on the text and the state are the old ones).
 */
function cutsAfterEdit(text: string, kind: DocumentKind, useParser: boolean, last: LastScan, edit: Edit): number[] {
  const old = last.cuts;
  const lineStart = lineStartOf(text, edit.from);
  // Binary search: the first old cut at or after the edit's line.
  const lo = firstWhere(old.length, (i) => old[i] >= lineStart);
  const from = lo > 0 ? old[lo - 1] : 0;
  const delta = edit.newEnd - edit.oldEnd;
  let k = lo;
  let synced = -1;
  const stop = (cut: number): boolean => {
    if (cut < edit.newEnd) return false;
    const want = cut - delta;
    while (k < old.length && old[k] < want) k++;
    if (k < old.length && old[k] === want) {
      synced = k;
      return true;
    }
    return false;
  };
  const redone = kind === 'markdown' ? markdownCuts(text, from, stop) : latexCuts(text, useParser, from, stop);
  const cuts = old.slice(0, lo);
  for (const c of redone) cuts.push(c);
  if (synced >= 0) for (let i = synced + 1; i < old.length; i++) cuts.push(old[i] + delta);
  return cuts;
}

/** Below this a chunk is not cut off, unless it has to be; at this size it always is, if it can be. */
const MIN_CHUNK = 1024;
const MAX_CHUNK = 4096;

export function scanDocument(text: string, kind: DocumentKind, cache?: ScanCache, parts?: readonly number[]): ScannedDocument {
  try {
    if (parts && parts.length > 1) return scanParts(text, kind, parts, cache);
    return scanChunked(text, kind, cache);
  } catch {
    try {
      return scanDocumentWhole(text, kind);
    } catch {
      // Both scanners guard their parsers already; this is the last line of defence.
      return { kind, text, blocks: [], math: [], hidden: [] };
    }
  }
}

/**
 * A text made of parts that are each read alone (notebook cells: Jupyter renders each cell by itself,
 * so a fence one cell leaves open does not swallow the next) and stitched, so that a claim at the end
 * of one part still binds to the start of the next. Each part's scan is cached by its text: an edit
 * in one cell re-reads that cell.
 */
export function scanParts(text: string, kind: DocumentKind, parts: readonly number[], cache?: ScanCache): ScannedDocument {
  const useParser = kind === 'latex' && text.length <= PARSER_MAX_CHARS;
  const tag = kind === 'markdown' ? 'm' : useParser ? 'p' : 'l';
  const old = cache?.entries;
  const fresh = new Map<string, ChunkScan>();
  const placed: PlacedChunk[] = [];
  for (let i = 0; i < parts.length; i++) {
    const s = parts[i];
    const e = i + 1 < parts.length ? parts[i + 1] : text.length;
    const chunk = text.slice(s, e);
    const key = tag + chunk;
    let scan = fresh.get(key) ?? old?.get(key);
    if (scan) {
      if (cache) cache.hits++;
    } else {
      if (cache) cache.misses++;
      scan = kind === 'markdown' ? scanMarkdownChunk(chunk) : scanLatexChunk(chunk, latexFacts(chunk, useParser));
    }
    fresh.set(key, scan);
    placed.push({ offset: s, scan });
  }
  if (cache) {
    cache.scans++;
    // No edit region or cuts to offer the next scan: it compares blocks by their own text instead.
    cache.edit = null;
    cache.last = null;
    cache.entries = fresh;
  }
  return stitchChunks(kind, text, placed);
}

/** The document read in one piece: what chunked scanning must equal (kept for tests and as a fallback). */
export function scanDocumentWhole(text: string, kind: DocumentKind): ScannedDocument {
  return kind === 'latex' ? scanLatex(text) : scanMarkdown(text);
}

/**
 * Which cuts become chunk borders. Content-defined (a hash of the line after the cut) rather than by
 * counting from the start, so that an edit changes the chunks around it and not every chunk after it.
 */
export function chunkStarts(text: string, cuts: readonly number[], min = MIN_CHUNK, max = MAX_CHUNK): number[] {
  const starts = [0];
  let last = 0;
  for (const c of cuts) {
    const size = c - last;
    if (size >= max || (size >= min && (lineHash(text, c) & 3) === 0)) {
      starts.push(c);
      last = c;
    }
  }
  return starts;
}

function lineHash(text: string, at: number): number {
  let h = 0x811c9dc5;
  const end = Math.min(text.length, at + 32);
  for (let i = at; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

/** The chunked scan, with chunk sizes a test may shrink (0, 0: a chunk at every cut). Throws on a bug. */
export function scanChunked(text: string, kind: DocumentKind, cache?: ScanCache, minChunk = MIN_CHUNK, maxChunk = MAX_CHUNK): ScannedDocument {
  // The reader is chosen by the document's size, as the whole-document scan chooses it.
  const useParser = kind === 'latex' && text.length <= PARSER_MAX_CHARS;
  const tag = kind === 'markdown' ? 'm' : useParser ? 'p' : 'l';
  const last = cache?.last;
  const reuse = last && last.tag === tag && last.minChunk === minChunk && last.maxChunk === maxChunk ? last : null;
  const edit = reuse ? editBetween(reuse.text, text) : null;
  const cuts = reuse && edit
    ? cutsAfterEdit(text, kind, useParser, reuse, edit)
    : kind === 'markdown' ? markdownCuts(text) : latexCuts(text, useParser);
  const starts = chunkStarts(text, cuts, minChunk, maxChunk);
  const old = cache?.entries;
  const fresh = new Map<string, ChunkScan>();
  const chunks = new Map<string, { key: string; scan: ChunkScan }>();
  const delta = edit ? edit.newEnd - edit.oldEnd : 0;
  const scanOf = (s: number, e: number): ChunkScan => {
    // A chunk wholly before or after the edit has the text it had at its old place: no slice, no hash.
    let known: { key: string; scan: ChunkScan } | undefined;
    if (reuse && edit) {
      if (e <= edit.from) known = reuse.chunks.get(`${s}:${e}`);
      else if (s >= edit.newEnd) known = reuse.chunks.get(`${s - delta}:${e - delta}`);
    }
    if (known) {
      if (cache) cache.hits++;
      fresh.set(known.key, known.scan);
      chunks.set(`${s}:${e}`, known);
      return known.scan;
    }
    const chunk = text.slice(s, e);
    const key = tag + chunk;
    let scan = fresh.get(key) ?? old?.get(key);
    if (scan && cache) cache.hits++;
    if (!scan) {
      if (cache) cache.misses++;
      scan = kind === 'markdown' ? scanMarkdownChunk(chunk) : scanLatexChunk(chunk, latexFacts(chunk, useParser));
    }
    fresh.set(key, scan);
    chunks.set(`${s}:${e}`, { key, scan });
    return scan;
  };

  const placed: PlacedChunk[] = [];
  let k = 0;
  while (k < starts.length) {
    const s = starts[k];
    let m = k + 1;
    for (;;) {
      const e = m < starts.length ? starts[m] : text.length;
      const scan = scanOf(s, e);
      if (!scan.open || m >= starts.length) {
        placed.push({ offset: s, scan });
        break;
      }
      // The cut before was wrong (say, a fence inside a list item fooled the pre-scan): read on. Doubling
      // the chunk each time keeps a fence that never closes linear in the document's size.
      const want = s + 2 * (e - s);
      while (m < starts.length && starts[m] < want) m++;
    }
    k = m;
  }
  if (cache) {
    cache.scans++;
    cache.edit = edit;
    cache.entries = fresh;
    cache.last = { text, tag, minChunk, maxChunk, cuts, chunks };
  }
  return stitchChunks(kind, text, placed);
}
