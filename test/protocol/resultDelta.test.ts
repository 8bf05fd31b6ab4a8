/**
 * Results crossing from the checking worker to the server's thread as changes (lsp/resultDelta.ts):
 * whatever the edit, the server must end up with exactly the check the worker computed, and a result
 * the edit did not change must not be sent again.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CheckCache, checkDocument } from '../../server/src/checker';
import type { DocumentCheck } from '../../server/src/core/result';
import { decodeCheck, encodeCheck, type Baseline, type Refs } from '../../server/src/lsp/resultDelta';

/** How each item was sent. */
function kinds(refs: Refs<unknown>): string[] {
  return Array.from(refs.from, (j, i) => (j < 0 ? 'whole' : refs.by[i] === 0 ? 'same' : 'moved'));
}

const hw3 = readFileSync(new URL('../../examples/hw3.md', import.meta.url), 'utf8');

/** The worker's side and the server's side of one document, as in checkWorker.ts and workerRunner.ts. */
function channel() {
  let sent: Baseline | undefined;
  let received: Baseline | undefined;
  let id = 0;
  return (check: DocumentCheck) => {
    id++;
    const delta = encodeCheck(sent, check);
    sent = { id, results: check.results, lets: check.lets };
    const got = decodeCheck(received, delta);
    received = { id, results: got.results, lets: got.lets };
    return { delta, got };
  };
}

describe('results sent as changes', () => {
  it('an edit before every claim: each result is sent as moved, and the server rebuilds the same check', () => {
    const cache = new CheckCache();
    const send = channel();
    const first = checkDocument({ name: 'hw3.md', kind: 'markdown', text: hw3 }, {}, cache);
    assert.deepEqual(send(first).got, first);
    const edited = `Some words first.\n\n${hw3}`;
    const second = checkDocument({ name: 'hw3.md', kind: 'markdown', text: edited }, {}, cache);
    const { delta, got } = send(second);
    assert.deepEqual(got, second);
    assert.ok(second.results.length > 10);
    assert.equal(delta.results.whole.length, 0, 'nothing sent whole');
    assert.ok(kinds(delta.results).every((k) => k === 'moved') && delta.results.by.every((by) => by === 19));
    assert.ok(second.lets.length > 0);
    assert.equal(delta.lets.whole.length, 0);
    assert.ok(delta.lets.by.every((by) => by === 19), 'every let sent as moved');
  });

  it('a changed claim is sent whole, the ones before it as the same, the ones after as moved', () => {
    const cache = new CheckCache();
    const send = channel();
    send(checkDocument({ name: 'hw3.md', kind: 'markdown', text: hw3 }, {}, cache));
    const at = hw3.indexOf('<!-- check:', hw3.length >> 1);
    const edited = `${hw3.slice(0, at)}<!-- check: 1 + 1 = 3 -->\n\n${hw3.slice(at)}`;
    const check = checkDocument({ name: 'hw3.md', kind: 'markdown', text: edited }, {}, cache);
    const { delta, got } = send(check);
    assert.deepEqual(got, check);
    const k = kinds(delta.results);
    const whole = k.indexOf('whole');
    assert.ok(whole > 0);
    assert.ok(k.slice(0, whole).every((x) => x === 'same'), k.join(' '));
    assert.ok(k.slice(whole + 1).every((x) => x === 'moved'), k.join(' '));
  });

  it('random edits: the server always holds exactly what the worker computed', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(40), fc.constantFrom('', 'x', ' 5', '\n\n', '4×5', '<!-- check: 2 * 3 = 7 -->', '<!-- check: let n = 3 -->\n')), { maxLength: 6 }), (edits) => {
        const cache = new CheckCache();
        const send = channel();
        let text = hw3;
        const first = checkDocument({ name: 'hw3.md', kind: 'markdown', text }, {}, cache);
        assert.deepEqual(send(first).got, first);
        for (const [pos, len, insert] of edits) {
          const at = pos % (text.length + 1);
          text = text.slice(0, at) + insert + text.slice(Math.min(text.length, at + len));
          const check = checkDocument({ name: 'hw3.md', kind: 'markdown', text }, {}, cache);
          assert.deepEqual(send(check).got, check);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('refuses changes made against results the server does not hold', () => {
    const check = checkDocument({ name: 'hw3.md', kind: 'markdown', text: hw3 }, {});
    const delta = encodeCheck({ id: 7, results: check.results, lets: check.lets }, check);
    assert.throws(() => decodeCheck({ id: 6, results: check.results, lets: check.lets }, delta), /refer to check 7/);
    assert.throws(() => decodeCheck(undefined, delta), /refer to check 7/);
    assert.deepEqual(decodeCheck(undefined, encodeCheck(undefined, check)), check);
  });
});
