/**
 * The worker thread of `WorkerRunner` (bundled to dist/checkWorker.js): checks what it is sent with
 * one CheckCache per open document, and stops a check between blocks when the server cancels it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CheckCache, CheckCancelled, checkDocument } from '../checker';
import { CachesByKey } from './checkRunner';
import type { WorkerForget, WorkerJob, WorkerReply } from './workerRunner';

const port = parentPort;
const cancel = new Int32Array((workerData as { cancel: SharedArrayBuffer }).cancel);
const caches = new CachesByKey(() => new CheckCache());

port?.on('message', (m: WorkerJob | WorkerForget) => {
  if ('forget' in m) {
    caches.delete(m.forget);
    return;
  }
  let reply: WorkerReply;
  try {
    const cancelled = () => Atomics.load(cancel, 0) === m.id;
    reply = { id: m.id, check: checkDocument(m.doc, { ...m.options, cancelled }, caches.get(m.key, m.options)) };
  } catch (e) {
    reply = e instanceof CheckCancelled ? { id: m.id, cancelled: true } : { id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply);
});
