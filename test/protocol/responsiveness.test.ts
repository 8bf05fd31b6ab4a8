/**
 * Issue 14 over the protocol: a document that takes seconds to check does not hold up the answers
 * for other documents (checks run in a worker), a newer version cancels the older check, malformed
 * requests get `InvalidParams`, and a `didChange` whose version goes backwards is ignored. Orders of
 * answers are asserted, never times.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ResponseError } from 'vscode-languageserver-protocol';
import { startSession, type Session } from './harness';

const InvalidParams = -32602;

/** Each block's math takes seconds of exact arithmetic (stopped at the 2 s block limit). */
const slow = Array.from({ length: 3 }, () => `<!-- check: math -->\n$$${'(x+1)'.repeat(2000)} = (x+1)^{2000}$$\n`).join('\n');
const small = '<!-- check: conv out 10x11 k3 s2 -->\nThe output is 5×4.\n';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a slow document does not stall the others', { timeout: 120_000 }, () => {
  let s: Session;
  before(async () => {
    s = await startSession();
  });
  after(async () => {
    await s.dispose();
  });

  it('a hover on another document is answered while the slow one is being checked', async () => {
    const fast = 'file:///fast.md';
    const heavy = 'file:///slow.md';
    await s.diagnosticsFor(fast, s.open(fast, small));
    const order: string[] = [];
    const published = s.diagnosticsFor(heavy, s.open(heavy, slow)).then(() => order.push('slow diagnostics'));
    // Let the server start on the slow document (a head start, not a measurement).
    await pause(300);
    const hover = s.conn.sendRequest('textDocument/hover', { textDocument: { uri: fast }, position: { line: 0, character: 14 } }).then((h) => {
      order.push('hover on the other document');
      return h;
    });
    assert.ok(await hover, 'the hover has content');
    await published;
    assert.deepEqual(order, ['hover on the other document', 'slow diagnostics']);
  });

  it('a document opened while the slow one is being checked is checked, and its hover answered, before the slow one finishes', async () => {
    const heavy = 'file:///slow3.md';
    const late = 'file:///late.md';
    const order: string[] = [];
    const published = s.diagnosticsFor(heavy, s.open(heavy, slow)).then(() => order.push('slow diagnostics'));
    await pause(300);
    const lateDiagnostics = s.diagnosticsFor(late, s.open(late, small)).then((p) => {
      order.push('other diagnostics');
      return p;
    });
    const hover = s.conn.sendRequest('textDocument/hover', { textDocument: { uri: late }, position: { line: 0, character: 14 } }).then((h) => {
      order.push('hover on the other document');
      return h;
    });
    assert.ok(await hover, 'the hover has content');
    assert.equal((await lateDiagnostics).diagnostics.length, 1, 'the small text has one wrong claim');
    await published;
    assert.deepEqual(order.slice(2), ['slow diagnostics']);
    assert.deepEqual(new Set(order.slice(0, 2)), new Set(['hover on the other document', 'other diagnostics']));
  });

  it('a newer version cancels the check of the older one: only the newer is published', async () => {
    const uri = 'file:///slow2.md';
    const v1 = s.open(uri, slow);
    await pause(300);
    const v2 = s.change(uri, small);
    const p = await s.diagnosticsFor(uri, v2);
    assert.equal(p.diagnostics.length, 1, 'the small text has one wrong claim');
    await pause(200);
    assert.equal(s.published.filter((x) => x.uri === uri && x.version === v1).length, 0, 'nothing published for the superseded version');
  });
});

describe('malformed requests and out-of-order changes', { timeout: 60_000 }, () => {
  let s: Session;
  const uri = 'file:///m.md';
  before(async () => {
    s = await startSession();
    await s.diagnosticsFor(uri, s.open(uri, small));
  });
  after(async () => {
    await s.dispose();
  });

  async function invalid(method: string, params: unknown): Promise<string> {
    try {
      await s.conn.sendRequest(method, params);
    } catch (e) {
      assert.ok(e instanceof ResponseError, `expected a ResponseError, got ${String(e)}`);
      assert.equal(e.code, InvalidParams, `${method}: ${e.message}`);
      return e.message;
    }
    assert.fail(`${method} answered malformed params`);
  }

  it('a hover without a position', async () => {
    assert.match(await invalid('textDocument/hover', { textDocument: { uri } }), /position/);
  });

  it('a hover with a negative line or no document', async () => {
    await invalid('textDocument/hover', { textDocument: { uri }, position: { line: -1, character: 0 } });
    await invalid('textDocument/hover', { position: { line: 0, character: 0 } });
  });

  it("a code action with only: 'source' (a string, not a list)", async () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } };
    assert.match(await invalid('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: 'source' } }), /only/);
    await invalid('textDocument/codeAction', { textDocument: { uri }, range });
  });

  it('inlay hints without a range, and checkText without text', async () => {
    await invalid('textDocument/inlayHint', { textDocument: { uri } });
    await invalid('derivcheck/checkText', { uri, text: 42 });
  });

  it('the server still answers well-formed requests afterwards', async () => {
    const h = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 14 } });
    assert.ok(h);
  });

  it('a didChange whose version goes backwards is ignored: no diagnostics for it, the text stays', async () => {
    const v2 = s.change(uri, `${small}\n<!-- check: 1 + 1 = 3 -->\n`);
    const p2 = await s.diagnosticsFor(uri, v2);
    assert.equal(p2.diagnostics.length, 2);
    const before = s.published.length;
    void s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 1 }, contentChanges: [{ text: 'Nothing here.\n' }] });
    void s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v2 }, contentChanges: [{ text: 'Nothing here.\n' }] });
    // A save publishes the current version at once: it must still be v2, with v2's text.
    s.save(uri);
    const again = await s.diagnostics(uri, (p) => s.published.indexOf(p) >= before);
    assert.equal(again.version, v2);
    assert.equal(again.diagnostics.length, 2);
    await pause(300);
    assert.deepEqual(s.published.slice(before).filter((p) => p.uri === uri).map((p) => p.version), [v2]);
  });
});
