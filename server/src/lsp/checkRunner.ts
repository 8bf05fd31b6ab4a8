/**
 * Where checks run, behind one small interface: the server's features ask a `CheckRunner` for a
 * document's check and await it. `InProcessRunner` runs the checker in this thread (the browser
 * build, the tests); `WorkerRunner` (workerRunner.ts, Node only) runs it in a worker thread, so a
 * document that takes seconds never holds up the answers for other documents. This file uses no
 * Node API.
 */
import type { SourceDocument } from '../core/document';
import type { DocumentCheck } from '../core/result';
import type { Checker, CheckerOptions } from './documents';

export type { Checker, CheckerOptions };

export interface CheckRunner {
  /**
   * Checks one version of an open document; the runner keeps a cache per URI, so the next version
   * costs what its edit costs. Resolves to undefined when a later `check` of the same URI
   * superseded this one before it finished; rejects when the checker crashed.
   */
  check(uri: string, doc: SourceDocument, options: CheckerOptions): Promise<DocumentCheck | undefined>;
  /** A check that leaves no state behind (a file that is not open). */
  checkOnce(doc: SourceDocument, options: CheckerOptions): Promise<DocumentCheck>;
  /** The document closed: drop its cache. */
  forget(uri: string): void;
}

export function optionsKey(o: CheckerOptions): string {
  return `${o.maxElements}|${o.blockTimeMs}|${o.tolerance}|${o.convention}|${o.layout}`;
}

/**
 * Runs checks in this thread, one turn of the event loop after they are asked for: a check asked
 * for again meanwhile (a newer version) supersedes the waiting one, which is never run.
 */
export class InProcessRunner<Cache> implements CheckRunner {
  private readonly caches = new Map<string, { key: string; cache: Cache }>();
  private readonly latest = new Map<string, number>();
  private seq = 0;

  constructor(private readonly checker: Checker<Cache>) {}

  async check(uri: string, doc: SourceDocument, options: CheckerOptions): Promise<DocumentCheck | undefined> {
    const mine = ++this.seq;
    this.latest.set(uri, mine);
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (this.latest.get(uri) !== mine) return undefined;
    const key = optionsKey(options);
    let entry = this.caches.get(uri);
    if (!entry || entry.key !== key) {
      // Cached block results were computed under other limits: they must not be reused.
      entry = { key, cache: this.checker.newCache() };
      this.caches.set(uri, entry);
    }
    return this.checker.check(doc, options, entry.cache);
  }

  async checkOnce(doc: SourceDocument, options: CheckerOptions): Promise<DocumentCheck> {
    return this.checker.check(doc, options, this.checker.newCache());
  }

  forget(uri: string): void {
    this.caches.delete(uri);
    this.latest.delete(uri);
  }
}
