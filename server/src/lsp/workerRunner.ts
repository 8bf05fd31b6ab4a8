/**
 * A `CheckRunner` that checks in a worker thread running dist/checkWorker.js (checkWorker.ts), as
 * the CLI's pool does: the server's thread stays free to answer hovers, hints and actions for every
 * other document while one document takes seconds. Checks run one at a time in the worker; a newer
 * version of a document cancels its check still waiting or running (the checker polls a shared
 * flag between blocks), so typing never queues up stale work. The worker is started on the first
 * check, not at `initialize`.
 */
import { Worker } from 'node:worker_threads';
import type { SourceDocument } from '../core/document';
import type { DocumentCheck } from '../core/result';
import type { CheckRunner, CheckerOptions } from './checkRunner';

export interface WorkerJob {
  id: number;
  uri: string | null;
  doc: SourceDocument;
  options: CheckerOptions;
}

export type WorkerReply = { id: number; check: DocumentCheck } | { id: number; cancelled: true } | { id: number; error: string };

interface Pending extends WorkerJob {
  resolve(check: DocumentCheck | undefined): void;
  reject(error: Error): void;
}

export class WorkerRunner implements CheckRunner {
  private worker: Worker | undefined;
  private queue: Pending[] = [];
  private running: Pending | undefined;
  private nextId = 1;
  /** The id of the job the worker should abandon; read by the worker between blocks. */
  private readonly cancel = new Int32Array(new SharedArrayBuffer(4));

  constructor(private readonly entry: string) {}

  check(uri: string, doc: SourceDocument, options: CheckerOptions): Promise<DocumentCheck | undefined> {
    this.queue = this.queue.filter((j) => {
      if (j.uri !== uri) return true;
      j.resolve(undefined);
      return false;
    });
    if (this.running?.uri === uri) Atomics.store(this.cancel, 0, this.running.id);
    return this.enqueue(uri, doc, options);
  }

  async checkOnce(doc: SourceDocument, options: CheckerOptions): Promise<DocumentCheck> {
    const check = await this.enqueue(null, doc, options);
    if (!check) throw new Error('a one-off check was cancelled');
    return check;
  }

  forget(uri: string): void {
    this.worker?.postMessage({ forget: uri });
  }

  private enqueue(uri: string | null, doc: SourceDocument, options: CheckerOptions): Promise<DocumentCheck | undefined> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, uri, doc, options, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const job = this.queue.shift() as Pending;
    this.running = job;
    const message: WorkerJob = { id: job.id, uri: job.uri, doc: job.doc, options: job.options };
    this.ensureWorker().postMessage(message);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.entry, { workerData: { cancel: this.cancel.buffer } });
    // The language server's connection keeps the process alive; the worker must not keep it after `exit`.
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const job = this.running;
      if (!job || job.id !== reply.id) return;
      this.running = undefined;
      if ('check' in reply) job.resolve(reply.check);
      else if ('cancelled' in reply) job.resolve(undefined);
      else job.reject(new Error(reply.error));
      this.pump();
    });
    const fail = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const job = this.running;
      this.running = undefined;
      job?.reject(error);
      this.pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the checking worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
