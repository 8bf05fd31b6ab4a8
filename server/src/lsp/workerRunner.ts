/**
 * A `CheckRunner` that checks in worker threads running dist/checkWorker.js (checkWorker.ts), as the
 * CLI's pool does: the server's thread only speaks the protocol, so it answers hovers, hints and
 * actions for every document while one document takes seconds to check.
 *
 * Two lanes (a worker each, started when first needed, not at `initialize`): a document that takes
 * seconds occupies one, and the other still checks whatever else is edited meanwhile. A document
 * keeps to the lane that holds its cache (its next version costs what the edit costs); it moves
 * only when that lane is busy with another document and the other lane is free. A newer version
 * of a document cancels its check still waiting or running: the checker polls a flag shared with
 * its lane between blocks, so typing never queues up stale work. A worker that dies (out of memory
 * on a pathological document) fails only the check it was running; the lane starts a new one.
 */
import { Worker } from 'node:worker_threads';
import type { SourceDocument } from '../core/document';
import type { DocumentCheck } from '../core/result';
import type { CheckRunner, CheckerOptions } from './checkRunner';
import { editBetween } from '../documents/edit';
import { decodeCheck, type Baseline, type CheckDelta } from './resultDelta';

/** A check sent to a worker; `key` null for a one-off check that keeps no cache. */
export interface WorkerJob {
  id: number;
  key: string | null;
  doc: SourceDocument | WireDocument;
  options: CheckerOptions;
}

/**
 * A document sent as the edit from the last text this worker was sent for the same key (the job
 * `base`): copying a 600 kB text to the worker on every keystroke cost more than checking the edit.
 */
export interface WireDocument extends Omit<SourceDocument, 'text'> {
  edit: { base: number; from: number; to: number; insert: string };
}

/** Tells a worker to drop a document's cache. */
export interface WorkerForget {
  forget: string;
}

export type WorkerReply = { id: number; check: CheckDelta } | { id: number; cancelled: true } | { id: number; error: string };

interface Pending extends Omit<WorkerJob, 'doc'> {
  doc: SourceDocument;
  resolve(check: DocumentCheck | undefined): void;
  reject(error: Error): void;
}

interface Lane {
  worker?: Worker;
  running?: Pending;
  /** The id of the job this lane's worker should abandon; read by the worker between blocks. */
  cancel: Int32Array;
}

export const LANES = 2;

export class WorkerRunner implements CheckRunner {
  private readonly lanes: Lane[] = Array.from({ length: LANES }, () => ({ cancel: new Int32Array(new SharedArrayBuffer(4)) }));
  /** The lane holding each document's cache. */
  private readonly home = new Map<string, Lane>();
  private queue: Pending[] = [];
  private nextId = 1;
  /** The last results received for each document: a worker sends the next ones against them. */
  private readonly received = new Map<string, Baseline>();
  /** The last text sent for each document, and to which worker: the next is sent as an edit of it. */
  private readonly textSent = new Map<string, { id: number; text: string; worker: Worker }>();

  constructor(private readonly entry: string) {}

  check(key: string, doc: SourceDocument, options: CheckerOptions): Promise<DocumentCheck | undefined> {
    this.abandon(key);
    return this.enqueue(key, doc, options);
  }

  async checkOnce(doc: SourceDocument, options: CheckerOptions): Promise<DocumentCheck> {
    const check = await this.enqueue(null, doc, options);
    if (!check) throw new Error('a one-off check was cancelled');
    return check;
  }

  forget(key: string): void {
    this.abandon(key);
    this.received.delete(key);
    this.textSent.delete(key);
    const lane = this.home.get(key);
    this.home.delete(key);
    lane?.worker?.postMessage({ forget: key } satisfies WorkerForget);
  }

  /** Resolves the waiting checks of `key` as superseded and asks a running one to stop. */
  private abandon(key: string): void {
    this.queue = this.queue.filter((j) => {
      if (j.key !== key) return true;
      j.resolve(undefined);
      return false;
    });
    for (const lane of this.lanes) if (lane.running?.key === key) Atomics.store(lane.cancel, 0, lane.running.id);
  }

  private enqueue(key: string | null, doc: SourceDocument, options: CheckerOptions): Promise<DocumentCheck | undefined> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, key, doc, options, resolve, reject });
      this.pump();
    });
  }

  /**
   * Starts every waiting job that has a lane free for it, in the order they were asked for, open
   * documents first: Verify All's one-off checks of a whole workspace must not hold up the diagnostics
   * of the document being typed in.
   */
  private pump(): void {
    for (const open of [true, false]) {
      for (let i = 0; i < this.queue.length; ) {
        const job = this.queue[i];
        const lane = (job.key !== null) === open ? this.laneFor(job) : undefined;
        if (!lane) {
          i++;
          continue;
        }
        this.queue.splice(i, 1);
        this.start(lane, job);
      }
    }
  }

  private laneFor(job: Pending): Lane | undefined {
    const idle = this.lanes.filter((l) => !l.running);
    if (idle.length === 0) return undefined;
    if (job.key === null) return idle.find((l) => l.worker) ?? idle[0];
    const key = job.key;
    const home = this.home.get(key);
    if (home && !home.running) return home;
    // Its previous version is still stopping there: wait for it rather than check twice at once.
    if (home?.running?.key === key) return undefined;
    const lane = idle.find((l) => l.worker) ?? idle[0];
    home?.worker?.postMessage({ forget: key } satisfies WorkerForget);
    this.home.set(key, lane);
    return lane;
  }

  private start(lane: Lane, job: Pending): void {
    let worker: Worker;
    try {
      worker = this.workerOf(lane);
    } catch (e) {
      // No worker could be made (resources exhausted): this check fails, the lane stays free.
      job.reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    lane.running = job;
    const message: WorkerJob = { id: job.id, key: job.key, doc: this.wire(job, worker), options: job.options };
    // A check in progress keeps the process alive; an idle worker does not (the server exits on `exit`).
    worker.ref();
    worker.postMessage(message);
  }

  /** The document as an edit of the last text `worker` was sent for its key, when it holds one. */
  private wire(job: Pending, worker: Worker): SourceDocument | WireDocument {
    if (job.key === null) return job.doc;
    const last = this.textSent.get(job.key);
    this.textSent.set(job.key, { id: job.id, text: job.doc.text, worker });
    if (!last || last.worker !== worker) return job.doc;
    const { text, ...rest } = job.doc;
    const e = editBetween(last.text, text);
    return { ...rest, edit: { base: last.id, from: e.from, to: e.oldEnd, insert: text.slice(e.from, e.newEnd) } };
  }

  private settle(job: Pending, delta: CheckDelta): void {
    let check: DocumentCheck;
    try {
      check = decodeCheck(job.key === null ? undefined : this.received.get(job.key), delta);
    } catch (e) {
      job.reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    if (job.key !== null) this.received.set(job.key, { id: job.id, results: check.results, lets: check.lets });
    job.resolve(check);
  }

  private workerOf(lane: Lane): Worker {
    if (lane.worker) return lane.worker;
    const worker = new Worker(this.entry, { workerData: { cancel: lane.cancel.buffer } });
    worker.on('message', (reply: WorkerReply) => {
      const job = lane.running;
      if (!job || job.id !== reply.id) return;
      lane.running = undefined;
      worker.unref();
      if ('check' in reply) this.settle(job, reply.check);
      else if ('cancelled' in reply) job.resolve(undefined);
      else job.reject(new Error(reply.error));
      this.pump();
    });
    const fail = (error: Error) => {
      if (lane.worker !== worker) return;
      lane.worker = undefined;
      const job = lane.running;
      lane.running = undefined;
      job?.reject(error);
      this.pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the checking worker stopped (exit code ${code})`)));
    lane.worker = worker;
    return worker;
  }
}
