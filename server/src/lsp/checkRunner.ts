/**
 * Where checks run, behind one small interface: the server's features ask a `CheckRunner` for a
 * document's check and await it. `InProcessRunner` runs the checker in this thread (the browser
 * build, where the whole server is already a Worker, and unit tests); `WorkerRunner`
 * (workerRunner.ts, Node only) runs it in worker threads, so a document that takes seconds never
 * holds up the answers for other documents. This file uses no Node API.
 */
import type { Convention, Layout } from '../claims/ast';
import type { SourceDocument } from '../core/document';
import type { DocumentCheck } from '../core/result';

export interface CheckerOptions {
  maxElements?: number;
  blockTimeMs?: number;
  tolerance?: number | null;
  convention?: Convention;
  layout?: Layout;
}

/** The checker itself, with a cache per document so the next version costs what its edit costs. */
export interface Checker<Cache> {
  newCache(): Cache;
  check(doc: SourceDocument, options: CheckerOptions, cache: Cache): DocumentCheck;
}

export interface CheckRunner {
  /**
   * Checks one version of the document known by `key` (an open document's or notebook's URI); the
   * runner keeps a cache per key. Resolves to undefined when a later `check` of the same key
   * superseded this one before it finished; rejects when the checker crashed.
   */
  check(key: string, doc: SourceDocument, options: CheckerOptions): Promise<DocumentCheck | undefined>;
  /** A check that leaves no state behind (a file that is not open). */
  checkOnce(doc: SourceDocument, options: CheckerOptions): Promise<DocumentCheck>;
  /** The document closed: its check is abandoned and its cache dropped. */
  forget(key: string): void;
}

/** Cached block results depend on these options: a cache is kept per key and options. */
export function optionsKey(o: CheckerOptions): string {
  return `${o.maxElements}|${o.blockTimeMs}|${o.tolerance}|${o.convention}|${o.layout}`;
}

/** One cache per document key, replaced when the options change (results under other limits must not be reused). */
export class CachesByKey<Cache> {
  private readonly caches = new Map<string, { options: string; cache: Cache }>();

  constructor(private readonly newCache: () => Cache) {}

  get(key: string | null, options: CheckerOptions): Cache {
    if (key === null) return this.newCache();
    const o = optionsKey(options);
    let entry = this.caches.get(key);
    if (!entry || entry.options !== o) {
      entry = { options: o, cache: this.newCache() };
      this.caches.set(key, entry);
    }
    return entry.cache;
  }

  delete(key: string): void {
    this.caches.delete(key);
  }
}

/**
 * Runs checks in this thread, one turn of the event loop after they are asked for: a check asked
 * for again meanwhile (a newer version) supersedes the waiting one, which is never run.
 */
export class InProcessRunner<Cache> implements CheckRunner {
  private readonly caches: CachesByKey<Cache>;
  private readonly latest = new Map<string, number>();
  private seq = 0;

  constructor(private readonly checker: Checker<Cache>) {
    this.caches = new CachesByKey(() => checker.newCache());
  }

  async check(key: string, doc: SourceDocument, options: CheckerOptions): Promise<DocumentCheck | undefined> {
    const mine = ++this.seq;
    this.latest.set(key, mine);
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (this.latest.get(key) !== mine) return undefined;
    return this.checker.check(doc, options, this.caches.get(key, options));
  }

  async checkOnce(doc: SourceDocument, options: CheckerOptions): Promise<DocumentCheck> {
    return this.checker.check(doc, options, this.checker.newCache());
  }

  forget(key: string): void {
    this.caches.delete(key);
    this.latest.delete(key);
  }
}
