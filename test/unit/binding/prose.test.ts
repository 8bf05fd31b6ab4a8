/**
 * The trust corpus of section 5: which literal of a student's prose is the claimed answer. Every case of
 * test/golden/prose.json (written by tools/golden/prose.py; every computed value from PyTorch) is checked
 * with `checkDocument`, claim by claim: the status, the literal bound (its exact span, via
 * `claimedSpan`), the computed value, and for a `fail` with a quick fix, that the fix replaces exactly
 * the claimed literal and that, applied, the claim passes and no other claim's verdict moves.
 *
 * Cases are grouped by the rule they test (`describe` per rule), so a failure names the rule broken.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkDocument } from '../../../server/src/checker';
import type { DocumentKind } from '../../../server/src/core/document';
import type { CheckResult } from '../../../server/src/core/result';
import type { Span } from '../../../server/src/core/span';

interface Expected {
  status: string[];
  computed?: unknown;
  /** null: nothing may be claimed; absent: not asserted (math). */
  claimed?: { start: number; end: number; texts: string[] } | null;
  messageHas?: string[];
  messageLacks?: string[];
  links?: { right: string; holds: boolean }[];
}

interface Case {
  id: string;
  rule: string;
  kind: DocumentKind;
  text: string;
  note?: string;
  claims: Expected[];
}

/**
 * Cases whose rule is decided (docs/claims.md) but not built yet: they run and report, as `todo`, so the
 * gap stays visible without failing the suite. Each names what is missing.
 */
const NOT_YET = new Map<string, string>([
]);

const golden = JSON.parse(readFileSync(new URL('../../golden/prose.json', import.meta.url), 'utf8')) as { cases: Case[] };

function check(kind: DocumentKind, text: string): CheckResult[] {
  return checkDocument({ name: 'prose', kind, text }).results;
}

/** Shapes compare without spaces and with `×` as `x`; numbers within 1e-6 relative (the JSON holds float64). */
function close(got: unknown, want: unknown): boolean {
  if (Array.isArray(want)) return Array.isArray(got) && got.length === want.length && want.every((w, i) => close(got[i], w));
  if (typeof want === 'number') return typeof got === 'number' && Math.abs(got - want) <= 1e-6 + 1e-6 * Math.abs(want);
  if (typeof want === 'string') return typeof got === 'string' && norm(got) === norm(want);
  return got === want;
}

function norm(s: string): string {
  return s.replace(/\s+/g, '').replace(/×/g, 'x');
}

function overlaps(a: Span, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function describeResult(text: string, r: CheckResult): string {
  const lit = r.claimedSpan ? JSON.stringify(text.slice(r.claimedSpan.start, r.claimedSpan.end)) : 'nothing';
  return `${r.source}: ${r.status}, bound ${lit}, computed ${JSON.stringify(r.computed)} — ${r.message}`;
}

function assertCase(c: Case): void {
  const results = check(c.kind, c.text);
  const why = (r: CheckResult) => `${describeResult(c.text, r)}${c.note ? `\n  note: ${c.note}` : ''}\n  in: ${JSON.stringify(c.text)}`;
  assert.equal(results.length, c.claims.length, `one result per claim: ${results.map((r) => describeResult(c.text, r)).join(' | ')}`);
  c.claims.forEach((e, i) => {
    const r = results[i];
    assert.ok(e.status.includes(r.status), `claim ${i}: status ${r.status}, want ${e.status.join(' or ')}\n  ${why(r)}`);
    if (e.claimed === null) {
      assert.equal(r.claimedSpan, null, `claim ${i}: nothing may be claimed\n  ${why(r)}`);
    } else if (e.claimed !== undefined) {
      const want = e.claimed;
      assert.ok(r.claimedSpan, `claim ${i}: should bind ${JSON.stringify(want.texts[0])}\n  ${why(r)}`);
      const span = r.claimedSpan!;
      const got = c.text.slice(span.start, span.end);
      assert.ok(
        overlaps(span, want) && want.texts.includes(got),
        `claim ${i}: bound ${JSON.stringify(got)} at ${span.start}, want ${JSON.stringify(want.texts[0])} at ${want.start}\n  ${why(r)}`,
      );
    }
    if ('computed' in e) {
      assert.ok(close(r.computed, e.computed), `claim ${i}: computed ${JSON.stringify(r.computed)}, want ${JSON.stringify(e.computed)}\n  ${why(r)}`);
    }
    for (const s of e.messageHas ?? []) assert.ok(r.message.includes(s), `claim ${i}: the message should say ${JSON.stringify(s)}\n  ${why(r)}`);
    for (const s of e.messageLacks ?? []) assert.ok(!r.message.includes(s), `claim ${i}: the message should not say ${JSON.stringify(s)}\n  ${why(r)}`);
    for (const l of e.links ?? []) {
      const link = r.links?.find((x) => x.rightText === l.right);
      assert.ok(link, `claim ${i}: a link ending in ${l.right} is checked\n  ${why(r)}`);
      assert.equal(link!.holds, l.holds, `claim ${i}: link … = ${l.right}\n  ${why(r)}`);
    }
  });
  // A quick fix replaces exactly the claimed literal, makes the claim pass, and moves no other verdict.
  results.forEach((r, i) => {
    if (r.status !== 'fail' || !r.fix) return;
    if (r.claimedSpan) assert.deepEqual(r.fix.span, r.claimedSpan, `claim ${i}: the fix replaces the claimed literal\n  ${why(r)}`);
    const fixed = c.text.slice(0, r.fix.span.start) + r.fix.newText + c.text.slice(r.fix.span.end);
    const after = check(c.kind, fixed);
    assert.equal(after.length, results.length, `after the fix ${JSON.stringify(r.fix.newText)}: same claims`);
    assert.equal(after[i].status, 'pass', `claim ${i} after its fix (${JSON.stringify(r.fix.newText)}): ${describeResult(fixed, after[i])}`);
    after.forEach((a, j) => {
      if (j !== i) assert.equal(a.status, results[j].status, `claim ${j} after claim ${i}'s fix: ${describeResult(fixed, a)}`);
    });
  });
}

const byRule = new Map<string, Case[]>();
for (const c of golden.cases) byRule.set(c.rule, [...(byRule.get(c.rule) ?? []), c]);

test('the corpus holds every issue sentence and 150 more, each naming its rule', () => {
  assert.ok(golden.cases.length >= 150 + golden.cases.filter((c) => c.id.startsWith('issue/')).length);
  for (const c of golden.cases) {
    assert.ok(c.rule && c.claims.length > 0, c.id);
    assert.ok(c.claims.some((e) => e.status.includes('fail')) || c.claims.some((e) => e.status.includes('pass')) || c.claims.some((e) => e.status.includes('unbound')) || c.claims.some((e) => e.status.includes('error')), c.id);
  }
  // Sentences come in pairs: the right answer passes, a planted wrong one fails.
  const wrong = golden.cases.filter((c) => c.id.endsWith('/wrong')).length;
  assert.ok(wrong >= 100, `${wrong} planted wrong answers`);
});

for (const [rule, cases] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
  describe(`prose rule: ${rule}`, () => {
    for (const c of cases) test(c.id, { todo: NOT_YET.get(c.id) }, () => assertCase(c));
  });
}
