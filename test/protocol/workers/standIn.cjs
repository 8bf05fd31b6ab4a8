// A stand-in for dist/checkWorker.js in workerRunner.test.ts: it speaks the same messages but its
// "checks" do what the document's text says, so the runner's scheduling can be driven exactly.
//   wait        runs until the server cancels it (polling the shared flag, as the checker does between blocks)
//   exit        the worker dies mid-check (as on running out of memory)
//   throw       the check fails with an error
//   anything    answered at once
// Each answer says which worker thread ran it and how many checks of its key that worker has seen
// (its "cache"), so a test can tell a warm lane from a cold one.
const { parentPort, workerData, threadId } = require('node:worker_threads');
const cancel = new Int32Array(workerData.cancel);
const seen = new Map();
const texts = new Map();

/** The job's text, rebuilt as checkWorker.ts does when it came as an edit of the last one. */
function textOf(m) {
  if (!m.doc.edit) {
    if (m.key !== null) texts.set(m.key, { id: m.id, text: m.doc.text });
    return m.doc.text;
  }
  const { base, from, to, insert } = m.doc.edit;
  const last = texts.get(m.key);
  if (!last || last.id !== base) throw new Error('out of step');
  const text = last.text.slice(0, from) + insert + last.text.slice(to);
  texts.set(m.key, { id: m.id, text });
  return text;
}

parentPort.on('message', (m) => {
  if ('forget' in m) {
    seen.delete(m.forget);
    texts.delete(m.forget);
    return;
  }
  const text = textOf(m);
  if (text === 'exit') process.exit(3);
  if (text === 'throw') {
    parentPort.postMessage({ id: m.id, error: 'thrown on purpose' });
    return;
  }
  const answer = () => {
    if (m.key !== null) seen.set(m.key, (seen.get(m.key) ?? 0) + 1);
    // What the runner hands back is results and lets: the facts ride in a let's name.
    const facts = { thread: threadId, seen: m.key === null ? 0 : seen.get(m.key), text };
    const none = { from: new Int32Array(0), by: new Int32Array(0), whole: [] };
    const let0 = { name: JSON.stringify(facts), nameSpan: { start: 0, end: 0 }, shapeText: '', valueText: null };
    const check = { base: 0, results: none, lets: { from: Int32Array.of(-1), by: Int32Array.of(0), whole: [let0] } };
    parentPort.postMessage({ id: m.id, check });
  };
  if (text !== 'wait') return answer();
  const poll = setInterval(() => {
    if (Atomics.load(cancel, 0) === m.id) {
      clearInterval(poll);
      parentPort.postMessage({ id: m.id, cancelled: true });
    }
  }, 5);
});
