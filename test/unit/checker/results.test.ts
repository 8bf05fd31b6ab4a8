// What the checker says, statement by statement: statuses, spans of errors, messages, options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument, CheckCache } from '../../../server/src/checker';
import { check, marked } from './fixture';

const slice = (text: string, s: { start: number; end: number } | null | undefined) => (s ? text.slice(s.start, s.end) : null);

test('the tolerance setting overrides the digits written', () => {
  const text = '<!-- check: tanh(0.3) = 0.29 -->\n';
  assert.equal(check(text)[0].status, 'pass', 'two digits: 0.2913 rounds to 0.29');
  const strict = checkDocument({ name: 't', kind: 'markdown', text }, { tolerance: 1e-6 }).results[0];
  assert.equal(strict.status, 'fail');
  assert.match(strict.message, /tolerance/);
  const loose = checkDocument({ name: 't', kind: 'markdown', text: '<!-- check: tanh(0.3) = 0.3 -->\n' }, { tolerance: 0.05 }).results[0];
  assert.equal(loose.status, 'pass');
});

test('an error points at the offending token', () => {
  const { text, spans } = marked('<!-- check: relu(«nosuch») @ 2 -->\n');
  const [r] = check(text);
  assert.equal(r.status, 'error');
  assert.equal(r.code, 'unknown-name');
  assert.deepEqual(r.errorSpan, spans[0]);
});

test('a shape mismatch inside an expression names both shapes', () => {
  const [r] = check('<!-- check: let a : 2x3; let b : 4x5 -->\n<!-- check: a @ b : 2x5 -->\n');
  assert.equal(r.status, 'error');
  assert.match(r.message, /2×3/);
  assert.match(r.message, /4×5/);
});

test('a shape-only tensor where a value is needed is an error that says so', () => {
  const [r] = check('<!-- check: let a : 2x3 -->\n<!-- check: sum(a) = 4 -->\n');
  assert.equal(r.status, 'error');
  assert.equal(r.code, 'needs-values');
  assert.match(r.message, /only a shape/);
});

test('a 1 MB claim gives a clear error with a short message', () => {
  const text = `<!-- check: ${'x + '.repeat(250_000)}1 = 2 -->\nafter\n\n<!-- check: conv out 10x11 k3 s2 = 4x5 -->\n`;
  const out = check(text);
  assert.equal(out.at(-1)!.status, 'pass', 'the rest of the document is still checked');
  assert.ok(out[0].message.length < 2100, `message of ${out[0].message.length} characters`);
  assert.equal(out[0].status, 'error');
});

test('an unterminated comment is one error at its opening, and the document before it is checked', () => {
  const text = '<!-- check: conv out 10x11 k3 s2 = 4x5 -->\n\n<!-- check: conv out 1x1 k9\nno end\n';
  const out = check(text);
  assert.deepEqual(out.map((r) => r.status), ['pass', 'error']);
  assert.equal(out[1].code, 'unterminated');
  assert.equal(slice(text, out[1].errorSpan), '<!--');
});

test('a tensor over the element limit is an error, not an out-of-memory', () => {
  const [r] = checkDocument({ name: 't', kind: 'markdown', text: '<!-- check: zeros(1000, 1000) : 1000x1000 -->\n' }, { maxElements: 1000 }).results;
  assert.equal(r.status, 'error');
  assert.equal(r.code, 'limit');
});

test('let bindings reach later blocks in document order, and a later let shadows', () => {
  const out = check('<!-- check: let m = 4; let A : m x 3 -->\n<!-- check: A : 4x3 -->\n<!-- check: let A : 2x2 -->\n<!-- check: A : 2x2 -->\n');
  assert.deepEqual(out.map((r) => r.status), ['pass', 'pass']);
});

test('a failing value claim in the comment carries a fix in the style written', () => {
  const text = '<!-- check: tanh(0.3) = 0.25 -->\n';
  const [r] = check(text);
  assert.equal(r.status, 'fail');
  assert.equal(slice(text, r.fix!.span), '0.25');
  assert.equal(r.fix!.newText, '0.29');
});

test('the cache reuses unchanged blocks and gives the same results as a fresh check', () => {
  const base = '<!-- check: let x = [[1,2],[3,4]] -->\n<!-- check: x @ x -->\nIt is [[7,10],[15,22]].\n\n<!-- check: conv out 10x11 k3 s2 -->\nThe output is 5×4.\n';
  const cache = new CheckCache();
  checkDocument({ name: 't', kind: 'markdown', text: base }, {}, cache);
  const edited = `Intro line.\n\n${base.replace('5×4', '4×5')}`;
  const hitsBefore = cache.hits;
  const cached = checkDocument({ name: 't', kind: 'markdown', text: edited }, {}, cache);
  const fresh = checkDocument({ name: 't', kind: 'markdown', text: edited });
  assert.deepEqual(cached, fresh);
  assert.ok(cache.hits > hitsBefore, 'the unchanged x @ x block came from the cache');
  assert.deepEqual(fresh.results.map((r) => r.status), ['pass', 'pass']);
});

test('a name a math chain defines is bound for later claims, in math and in expressions', () => {
  const text = [
    '<!-- check: math W=10 K=3 P=0 S=2 -->',
    '$$W_{out} = \\frac{W - K + 2P}{S} + 1$$',
    '',
    '<!-- check: W_out = 4.5; W_out * 2 = 9 -->',
    '<!-- check: math -->',
    '$$2 W_{out} = 9$$',
    '',
  ].join('\n');
  const out = check(text);
  assert.deepEqual(out.map((r) => [r.kind, r.status]), [['math', 'pass'], ['value', 'pass'], ['value', 'pass'], ['math', 'pass']]);
});
