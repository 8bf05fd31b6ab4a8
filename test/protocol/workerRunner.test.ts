/**
 * The language server's worker threads (lsp/workerRunner.ts), driven through a stand-in worker
 * (workers/standIn.cjs) whose checks wait, die or answer as their text says: which lane a check runs
 * in, what cancels it, what survives a dying worker. The real checker in the real worker is covered
 * by responsiveness.test.ts over the protocol.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { WorkerRunner } from '../../server/src/lsp/workerRunner';
import type { DocumentCheck } from '../../server/src/core/result';

const standIn = fileURLToPath(new URL('./workers/standIn.cjs', import.meta.url));

/** What the stand-in answers: the thread that ran the check and how many checks of that key it has seen. */
interface Seen {
  thread: number;
  seen: number;
  text: string;
}

const doc = (text: string) => ({ name: 'x.md', kind: 'markdown' as const, text });
const seen = (c: DocumentCheck | undefined): Seen | undefined => (c ? (JSON.parse(c.lets[0].name) as Seen) : undefined);

describe('WorkerRunner', () => {
  it('keeps a document in its lane, so its next version finds the cache there', async () => {
    const r = new WorkerRunner(standIn);
    const a = seen(await r.check('a', doc('v1'), {}))!;
    const b = seen(await r.check('a', doc('v2'), {}))!;
    assert.equal(a.seen, 1);
    assert.equal(b.seen, 2);
    assert.equal(a.thread, b.thread);
  });

  it('checks another document while one takes as long as it likes, and a newer version cancels the long one', async () => {
    const r = new WorkerRunner(standIn);
    const long = r.check('slow', doc('wait'), {});
    const other = seen(await r.check('b', doc('x'), {}))!;
    assert.equal(other.text, 'x', 'answered while the long check still runs');
    const newer = r.check('slow', doc('quick'), {});
    assert.equal(await long, undefined, 'the older version is cancelled');
    assert.equal(seen(await newer)?.text, 'quick');
  });

  it('drops a waiting check superseded by a newer version without running it', async () => {
    const r = new WorkerRunner(standIn);
    const lanes = [r.check('s1', doc('wait'), {}), r.check('s2', doc('wait'), {})];
    const v1 = r.check('c', doc('c1'), {});
    const v2 = r.check('c', doc('c2'), {});
    assert.equal(await v1, undefined);
    r.forget('s1');
    const c = seen(await v2)!;
    assert.equal(c.text, 'c2');
    assert.equal(c.seen, 1, 'c1 never ran');
    r.forget('s2');
    assert.deepEqual(await Promise.all(lanes), [undefined, undefined], 'forgetting a document cancels its running check');
  });

  it('moves a document to the free lane when its own is busy with another document', async () => {
    const r = new WorkerRunner(standIn);
    const first = seen(await r.check('a', doc('1'), {}))!;
    const blocker = r.check('z', doc('wait'), {}); // takes the started lane, a's
    const moved = seen(await r.check('a', doc('2'), {}))!;
    assert.notEqual(moved.thread, first.thread);
    assert.equal(moved.seen, 1, 'a cold cache in the new lane');
    r.forget('z');
    assert.equal(await blocker, undefined);
    const stays = seen(await r.check('a', doc('3'), {}))!;
    assert.equal(stays.thread, moved.thread, 'its cache is in its new lane now');
    assert.equal(stays.seen, 2);
  });

  it('fails only the check a dying worker ran; the lane starts a new worker', async () => {
    const r = new WorkerRunner(standIn);
    const before = seen(await r.check('d', doc('ok'), {}))!;
    await assert.rejects(r.check('d', doc('exit'), {}), /stopped \(exit code 3\)/);
    const after = seen(await r.check('d', doc('ok'), {}))!;
    assert.notEqual(after.thread, before.thread);
    assert.equal(after.seen, 1, 'the new worker starts with no cache');
    await assert.rejects(r.check('d', doc('throw'), {}), /thrown on purpose/);
    assert.equal(seen(await r.check('d', doc('ok again'), {}))?.seen, 2, 'an error is not a dead worker');
  });

  it('sends a document after its first text as edits, and the worker rebuilds each version exactly', async () => {
    const r = new WorkerRunner(standIn);
    let text = 'wait';
    const versions = ['wait', 'wait more', 'was it more', 'a', '', 'b', 'quick'];
    const checks = versions.map((t) => r.check('e', doc((text = t)), {}));
    // Each version supersedes the last: only the final one is answered, the rest are cancelled or never run.
    const got = await Promise.all(checks);
    assert.equal(seen(got.at(-1))?.text, text);
    // One at a time, each rebuilt from an edit of the one before.
    for (const t of ['x1', 'x12', '0x12', '0x', 'unrelated text']) assert.equal(seen(await r.check('e', doc(t), {}))?.text, t);
    // After a move to the other lane, the text is sent whole again.
    const blocker = r.check('z', doc('wait'), {});
    assert.equal(seen(await r.check('e', doc('after the move'), {}))?.text, 'after the move');
    r.forget('z');
    await blocker;
  });

  it("checks an open document's new version before one-off checks asked for earlier (Verify All)", async () => {
    const r = new WorkerRunner(standIn);
    const lanes = [r.check('s1', doc('wait'), {}), r.check('s2', doc('wait'), {})];
    const order: string[] = [];
    const onceDone = Promise.all([1, 2, 3].map((n) => r.checkOnce(doc(`file ${n}`), {}).then(() => order.push(`file ${n}`))));
    const typed = r.check('typed', doc('v2'), {}).then(() => order.push('typed'));
    r.forget('s1');
    await Promise.all([onceDone, typed]);
    assert.equal(order[0], 'typed');
    r.forget('s2');
    await Promise.all(lanes);
  });

  it('runs one-off checks without touching any cache', async () => {
    const r = new WorkerRunner(standIn);
    assert.equal(seen(await r.checkOnce(doc('x'), {}))?.seen, 0);
    assert.equal(seen(await r.check('k', doc('x'), {}))?.seen, 1);
  });
});
