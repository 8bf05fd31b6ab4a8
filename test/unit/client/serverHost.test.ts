// How the web client starts its language server (client/src/serverHost.ts): the attempts run in
// order, one counts only once its server says it runs, a refused one is ended and the next tried.
// The servers here are stand-ins on Node's MessageChannel (browser-like: onmessage, addEventListener,
// start); the real server in a real Worker, from a blob and in-process, runs in Chromium in
// test/protocol/web.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ServerPort } from '../../../server/src/lsp/browser';
import { ReadyMessage } from '../../../server/src/lsp/protocol';
import { startFirst, whenReady, type Attempt, type RunningServer } from '../../../client/src/serverHost';

const asPort = (x: unknown) => x as ServerPort;

/** A server that starts: its end of a channel says ready, as startBrowserServer does. */
function startingServer(log: string[], name: string): RunningServer {
  const channel = new MessageChannel();
  channel.port2.postMessage(ReadyMessage);
  return {
    port: asPort(channel.port1),
    end: () => {
      log.push(`${name} ended`);
      channel.port1.close();
      channel.port2.close();
    },
  };
}

/** A "Worker" whose script fails to load: constructed fine, then an error event, never a message. */
function failingWorker(log: string[], message: string): RunningServer {
  const target = new EventTarget();
  // A task, as a Worker's error event is: after the caller's awaits, never before its listener.
  setTimeout(() => target.dispatchEvent(Object.assign(new Event('error'), { message })), 0);
  return { port: asPort(target), end: () => log.push('failing worker ended') };
}

describe('web client: where the language server starts', () => {
  // Node does not keep the process alive for a MessagePort listened to with addEventListener (a
  // browser has no such notion): without this the test would end while a message is on its way.
  let keepAlive: ReturnType<typeof setInterval>;
  before(() => { keepAlive = setInterval(() => {}, 60_000); });
  after(() => clearInterval(keepAlive));

  it('takes the first attempt whose server says it runs, and tries no other', async () => {
    const log: string[] = [];
    const started = await startFirst([
      { how: 'worker', start: () => startingServer(log, 'worker') },
      { how: 'never tried', start: () => { throw new Error('should not run'); } },
    ]);
    assert.equal(started.how, 'worker');
    assert.deepEqual(started.refused, []);
    assert.deepEqual(log, []);
    started.end();
    assert.deepEqual(log, ['worker ended']);
  });

  it('falls back past constructors that throw (code-server refuses Workers from remote extensions)', async () => {
    const log: string[] = [];
    const attempts: Attempt[] = [
      { how: 'extension URI', start: () => { throw new Error('Creating workers from remote extensions is currently not supported.'); } },
      { how: 'blob', start: async () => { throw new Error('this extension host has no Worker'); } },
      { how: 'in-process', start: () => startingServer(log, 'in-process') },
    ];
    const started = await startFirst(attempts);
    assert.equal(started.how, 'in-process');
    assert.deepEqual(started.refused, [
      'extension URI: Creating workers from remote extensions is currently not supported.',
      'blob: this extension host has no Worker',
    ]);
    started.end();
  });

  it('falls back past a Worker that reports an error before it is ready, and ends that Worker', async () => {
    const log: string[] = [];
    const started = await startFirst([
      { how: 'blob', start: () => failingWorker(log, 'Refused to load the script') },
      { how: 'in-process', start: () => startingServer(log, 'in-process') },
    ]);
    assert.equal(started.how, 'in-process');
    assert.deepEqual(started.refused, ['blob: Refused to load the script']);
    assert.deepEqual(log, ['failing worker ended']);
    started.end();
  });

  it('says why every attempt failed when none starts', async () => {
    const log: string[] = [];
    await assert.rejects(
      startFirst([
        { how: 'a', start: () => { throw new Error('first reason'); } },
        { how: 'b', start: () => failingWorker(log, '') },
      ]),
      (e: Error) =>
        /could not start its language server/.test(e.message) &&
        e.message.includes('a: first reason') &&
        e.message.includes('b: the server script did not load'),
    );
    assert.deepEqual(log, ['failing worker ended']);
  });

  it('waits for the ready message, not for any message', async () => {
    const channel = new MessageChannel();
    let ready = false;
    const waiting = whenReady(asPort(channel.port1)).then(() => (ready = true));
    channel.port2.postMessage({ jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'hi' } });
    // Seen by a second listener on the same port: by then whenReady has seen it too.
    await new Promise<void>((resolve) => channel.port1.addEventListener('message', () => resolve(), { once: true }));
    assert.equal(ready, false);
    channel.port2.postMessage(ReadyMessage);
    await waiting;
    assert.equal(ready, true);
    channel.port1.close();
  });
});
