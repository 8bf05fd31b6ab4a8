// Hostile documents: each must give a clear `error` or a correct result, and never throw, hang or
// run out of memory. Ranges are UTF-16 offsets into the text and must land on the right characters
// whatever the line endings, tabs or astral-plane characters before them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDocument } from '../../../server/src/checker';
import { parseBlock } from '../../../server/src/claims';
import type { DocumentKind } from '../../../server/src/core/document';
import type { CheckResult, DocumentCheck } from '../../../server/src/core/result';
import { scanDocument } from '../../../server/src/documents';
import { assertCheck } from '../fuzz/support';

function check(text: string, kind: DocumentKind = 'markdown', blockTimeMs?: number): DocumentCheck {
  const out = checkDocument({ name: 'hostile', kind, text }, blockTimeMs === undefined ? {} : { blockTimeMs });
  assertCheck(out, scanDocument(text, kind), parseBlock);
  return out;
}

function only(out: DocumentCheck): CheckResult {
  assert.equal(out.results.length, 1, JSON.stringify(out.results.map((r) => [r.status, r.code, r.message.slice(0, 200)])));
  return out.results[0];
}

/** A clear error: status error, a stable code, a message a student can read (no stack, no "undefined"). */
function assertClearError(r: CheckResult, code?: string): void {
  assert.equal(r.status, 'error', `${r.status}: ${r.message.slice(0, 300)}`);
  if (code) assert.equal(r.code, code, r.message.slice(0, 300));
  assert.ok(r.message.length > 10 && r.message.length < 2000, `message length ${r.message.length}`);
  assert.doesNotMatch(r.message, /undefined|\[object |at .*\(.*:\d+:\d+\)|Maximum call stack/);
}

const slice = (text: string, s: { start: number; end: number } | null | undefined) => (s ? text.slice(s.start, s.end) : null);

describe('hostile documents', { timeout: 180_000 }, () => {
  it('10,000 nested parentheses in a claim: a correct value or a clear error', () => {
    const deep = `${'('.repeat(10_000)}1${')'.repeat(10_000)}`;
    const r = only(check(`<!-- check: ${deep} + 1 = 2 -->\n`));
    if (r.status !== 'pass') assertClearError(r);
  });

  it('10,000 nested brackets in a tensor literal and in a shape: clear errors', () => {
    const out = check(`<!-- check: let t = ${'['.repeat(10_000)}1${']'.repeat(10_000)} -->\n<!-- check: ones(2) : ${'('.repeat(10_000)}2${')'.repeat(10_000)} -->\n`);
    for (const r of out.results) if (r.status !== 'pass') assertClearError(r);
  });

  it('a 1 MB claim: a correct value or a clear error', () => {
    const n = 250_000;
    const claim = `sum([${'1, '.repeat(n - 1)}1]) = ${n}`;
    assert.ok(claim.length > 750_000);
    const r = only(check(`<!-- check: ${claim} -->\n`));
    if (r.status !== 'pass') assertClearError(r);
  });

  it('a 1 MB name in a claim: a clear unknown-name error whose message does not repeat the megabyte', () => {
    const name = `${'a'.repeat(1_000_000)}`;
    const r2 = only(check(`<!-- check: ${name} : 2x2 -->\n`));
    assert.equal(r2.code, 'unknown-name');
    assertClearError(r2, 'unknown-name');
  });

  it('100,000 claims in one file: one result each, all correct', () => {
    const n = 100_000;
    const text = '<!-- check: conv out 10 k3 -->\nThe output has 8 entries.\n\n'.repeat(n);
    const out = check(text);
    assert.equal(out.results.length, n);
    const bad = out.results.filter((r) => r.status !== 'pass');
    assert.equal(bad.length, 0, JSON.stringify(bad.slice(0, 3)));
  });

  it('zeros(100000, 100000): a clear limit error, not an out-of-memory', () => {
    const r = only(check('<!-- check: zeros(100000, 100000) : 100000x100000 -->\n'));
    assertClearError(r, 'limit');
    assert.match(r.message, /limit|elements/i);
    const r2 = only(check('<!-- check: sum(ones(100000, 100000)) = 10000000000 -->\n'));
    assertClearError(r2, 'limit');
  });

  it('an einsum with 20 indices: a correct value or a clear error', () => {
    const idx = 'abcdefghijklmnopqrst';
    const ones = `ones(${Array(20).fill(2).join(', ')})`;
    const out = check(`<!-- check: einsum("${idx}->", ${ones}) = 1048576 -->\n<!-- check: einsum("${idx.slice(0, 10)},${idx.slice(10)}->", ones(${Array(10).fill(2).join(', ')}), ones(${Array(10).fill(2).join(', ')})) = 1048576 -->\n`);
    assert.equal(out.results.length, 2);
    for (const r of out.results) if (r.status !== 'pass') assertClearError(r);
  });

  it('LaTeX math nested 10,000 \\frac deep under a math claim: a clear error', () => {
    const frac = `${'\\frac{1}{'.repeat(10_000)}2${'}'.repeat(10_000)}`;
    const r = only(check(`<!-- check: math -->\n$$${frac} = 1$$\n`));
    assertClearError(r);
    const latex = only(check(`% check: math\n\\[${frac} = 1\\]\n`, 'latex'));
    assertClearError(latex);
  });

  it('an unterminated <!-- check: gives one clear error and the claims before it are still checked', () => {
    const text = '<!-- check: conv out 10x11 k3 s2 -->\nThe output is 4×5.\n\n<!-- check: conv out 10 k3\nThe output is 8.\n';
    const out = check(text);
    assert.equal(out.results.length, 2);
    assert.equal(out.results[0].status, 'pass');
    assertClearError(out.results[1], 'unterminated');
    assert.equal(slice(text, out.results[1].errorSpan), '<!--');
  });

  it('an unterminated plain <!-- before a claim: no crash, and no claim is invented', () => {
    const out = check('Text <!-- a comment that never ends\n\n<!-- check: conv out 10 k3 = 8 -->\n');
    for (const r of out.results) assert.ok(r.status === 'error' || r.status === 'pass');
  });

  it('binary garbage: no exception, results consistent', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const bytes = Buffer.alloc(200_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rand() * 256);
    for (const kind of ['markdown', 'latex'] as const) {
      check(bytes.toString('utf8'), kind);
      check(bytes.toString('latin1'), kind);
    }
    // Garbage around and inside a real claim.
    const g = bytes.subarray(0, 2000).toString('latin1');
    check(`${g}<!-- check: conv out 10 k3 ${g} -->${g}`);
    check(`${g}\n% check: conv out 10 k3 ${g}\n${g}`, 'latex');
  });

  it('CRLF line endings: ranges land on the right characters (Markdown and LaTeX)', () => {
    const md = '# HW\r\n\r\n<!-- check: conv out 10x11 k3 s2 -->\r\nThe output is 5×4.\r\n\r\n<!-- check: conv out 10x11 k3 s2 -->\r\nThe output is 4×5.\r\n';
    const out = check(md);
    assert.equal(out.results.length, 2);
    const [fail, pass] = out.results;
    assert.equal(fail.status, 'fail');
    assert.equal(slice(md, fail.span), 'conv out 10x11 k3 s2');
    assert.equal(slice(md, fail.claimedSpan), '5×4');
    assert.equal(pass.status, 'pass');
    assert.equal(slice(md, pass.claimedSpan), '4×5');

    const tex = '\\begin{document}\r\n% check: conv out 10x11 k3 s2\r\nThe output is $5 \\times 4$.\r\n% check: let m = 4\r\n% W_out : m\r\n\\end{document}\r\n';
    const t = check(tex, 'latex');
    const tf = t.results.find((r) => r.kind === 'layer')!;
    assert.equal(tf.status, 'fail');
    assert.equal(slice(tex, tf.span), 'conv out 10x11 k3 s2');
    assert.equal(slice(tex, tf.claimedSpan), '5 \\times 4');
    const cont = t.results.find((r) => r.source.startsWith('W_out'));
    assert.ok(cont, 'the continuation line after a CRLF is a statement');
    assert.equal(slice(tex, cont.span), 'W_out : m');
  });

  it('tabs inside claims and prose: ranges still exact', () => {
    const md = '<!-- check:\tconv\tout 10x11 k3\ts2\t-->\nThe output is\t5×4.\n';
    const r = only(check(md));
    assert.equal(r.status, 'fail');
    assert.equal(slice(md, r.claimedSpan), '5×4');
    assert.equal(slice(md, r.span), 'conv\tout 10x11 k3\ts2');
    const tex = '%\tcheck:\tconv out 10x11 k3 s2\nThe output is\t$4\\times5$.\n';
    const t = only(check(tex, 'latex'));
    assert.equal(t.status, 'pass', t.message);
    assert.equal(slice(tex, t.claimedSpan), '4\\times5');
  });

  it('emoji and other characters outside the BMP before a claim: spans are UTF-16 and cover exactly the claimed text', () => {
    const md = '😀𝔸𝕏 🧮 Résumé ✓ — the output 😀 is 5×4 😀 <!-- check: conv out 10x11 k3 s2 -->\n\n<!-- check: conv out 10x11 k3 s2 -->\n𝔸😀 Output 😀😀: 4×5.\n';
    const out = check(md);
    assert.equal(out.results.length, 2);
    const [fail, pass] = out.results;
    assert.equal(fail.status, 'fail', fail.message);
    assert.equal(slice(md, fail.claimedSpan), '5×4');
    assert.equal(slice(md, fail.span), 'conv out 10x11 k3 s2');
    assert.equal(fail.fix && slice(md, fail.fix.span), '5×4', 'the quick fix replaces exactly the claimed text');
    assert.equal(pass.status, 'pass', pass.message);
    assert.equal(slice(md, pass.claimedSpan), '4×5');

    const tex = '😀𝔸 % check: conv out 10x11 k3 s2\n𝕏 The output 😀 is $5 \\times 4$.\n';
    const t = only(check(tex, 'latex'));
    assert.equal(slice(tex, t.span), 'conv out 10x11 k3 s2');
    if (t.claimedSpan) assert.equal(slice(tex, t.claimedSpan), '5 \\times 4');
  });

  it('a lone surrogate and NUL characters in a claim: a clear error', () => {
    const r = only(check('<!-- check: conv out 10\uD800x11 k3\u0000 -->\nGives 4×5.\n'));
    assertClearError(r);
  });

  it('a math claim over 100,000 characters of math: a clear error', () => {
    const r = only(check(`<!-- check: math -->\n$$${'1 + '.repeat(40_000)}1 = 40001$$\n`));
    if (r.status !== 'pass') assertClearError(r);
  });
});
