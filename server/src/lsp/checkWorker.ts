/**
 * The worker thread of `WorkerRunner` (bundled to dist/checkWorker.js): checks what it is sent with
 * one CheckCache per open document, stops a check between blocks when the server cancels it, and
 * sends a document's results as what changed since the last ones it sent (resultDelta.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CheckCache, CheckCancelled, checkDocument } from '../checker';
import { CachesByKey } from './checkRunner';
import { encodeCheck, transferables, type Baseline } from './resultDelta';
import type { SourceDocument } from '../core/document';
import type { WorkerForget, WorkerJob, WorkerReply } from './workerRunner';

const port = parentPort;
const cancel = new Int32Array((workerData as { cancel: SharedArrayBuffer }).cancel);
const caches = new CachesByKey(() => new CheckCache());
/** What was last sent for each document: the next results are sent against it. */
const sent = new Map<string, Baseline>();
/** The last text received for each document: the next comes as an edit of it. */
const texts = new Map<string, { id: number; text: string }>();

/** The document a job stands for, its text rebuilt from the last one when it came as an edit. */
function documentOf(m: WorkerJob): SourceDocument {
  if (!('edit' in m.doc)) {
    if (m.key !== null) texts.set(m.key, { id: m.id, text: m.doc.text });
    return m.doc;
  }
  const { edit, ...rest } = m.doc;
  const base = m.key === null ? undefined : texts.get(m.key);
  if (!base || base.id !== edit.base) throw new Error(`the server sent an edit of text ${edit.base}, this worker holds ${base?.id ?? 'none'}`);
  const text = base.text.slice(0, edit.from) + edit.insert + base.text.slice(edit.to);
  texts.set(m.key as string, { id: m.id, text });
  return { ...rest, text };
}

port?.on('message', (m: WorkerJob | WorkerForget) => {
  if ('forget' in m) {
    caches.delete(m.forget);
    sent.delete(m.forget);
    texts.delete(m.forget);
    return;
  }
  let reply: WorkerReply;
  try {
    const cancelled = () => Atomics.load(cancel, 0) === m.id;
    const check = checkDocument(documentOf(m), { ...m.options, cancelled }, caches.get(m.key, m.options));
    reply = { id: m.id, check: encodeCheck(m.key === null ? undefined : sent.get(m.key), check) };
    if (m.key !== null) sent.set(m.key, { id: m.id, results: check.results, lets: check.lets });
  } catch (e) {
    reply = e instanceof CheckCancelled ? { id: m.id, cancelled: true } : { id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply, 'check' in reply ? transferables(reply.check) : []);
});
