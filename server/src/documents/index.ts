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

/**
 * Chunk scans of the last document scanned, keyed by the chunk's text and how it was read. Holds only
 * the chunks of the latest scan, so it never grows beyond one document's worth.
 */
export class ScanCache {
  entries = new Map<string, ChunkScan>();
  /** Chunks found in the cache / parsed, summed over scans (for tests and benchmarks). */
  hits = 0;
  misses = 0;
}

/** Below this a chunk is not cut off, unless it has to be; at this size it always is, if it can be. */
const MIN_CHUNK = 1024;
const MAX_CHUNK = 4096;

export function scanDocument(text: string, kind: DocumentKind, cache?: ScanCache): ScannedDocument {
  try {
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
  const cuts = kind === 'markdown' ? markdownCuts(text) : latexCuts(text, useParser);
  const starts = chunkStarts(text, cuts, minChunk, maxChunk);
  const old = cache?.entries;
  const fresh = new Map<string, ChunkScan>();
  const scanOf = (chunk: string): ChunkScan => {
    const key = tag + chunk;
    let scan = fresh.get(key) ?? old?.get(key);
    if (scan && cache) cache.hits++;
    if (!scan) {
      if (cache) cache.misses++;
      scan = kind === 'markdown' ? scanMarkdownChunk(chunk) : scanLatexChunk(chunk, latexFacts(chunk, useParser));
    }
    fresh.set(key, scan);
    return scan;
  };

  const placed: PlacedChunk[] = [];
  let k = 0;
  while (k < starts.length) {
    const s = starts[k];
    let m = k + 1;
    for (;;) {
      const e = m < starts.length ? starts[m] : text.length;
      const scan = scanOf(text.slice(s, e));
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
  if (cache) cache.entries = fresh;
  return stitchChunks(kind, text, placed);
}
