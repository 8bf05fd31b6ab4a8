/**
 * The worker thread of `WorkerRunner` (bundled to dist/checkWorker.js): checks what it is sent with
 * one CheckCache per open document, and stops a check between blocks when the server cancels it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CheckCache, CheckCancelled, checkDocument } from '../checker';
import { optionsKey } from './checkRunner';
import type { WorkerJob, WorkerReply } from './workerRunner';

const port = parentPort;
const cancel = new Int32Array((workerData as { cancel: SharedArrayBuffer }).cancel);
const caches = new Map<string, { key: string; cache: CheckCache }>();

function cacheFor(uri: string | null, key: string): CheckCache {
  if (uri === null) return new CheckCache();
  let entry = caches.get(uri);
  if (!entry || entry.key !== key) {
    entry = { key, cache: new CheckCache() };
    caches.set(uri, entry);
  }
  return entry.cache;
}

port?.on('message', (m: WorkerJob | { forget: string }) => {
  if ('forget' in m) {
    caches.delete(m.forget);
    return;
  }
  let reply: WorkerReply;
  try {
    const cancelled = () => Atomics.load(cancel, 0) === m.id;
    reply = { id: m.id, check: checkDocument(m.doc, { ...m.options, cancelled }, cacheFor(m.uri, optionsKey(m.options))) };
  } catch (e) {
    reply = e instanceof CheckCancelled ? { id: m.id, cancelled: true } : { id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply);
});
