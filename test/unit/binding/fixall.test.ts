/**
 * Fix All must be safe to run on a whole homework (issue 9): for random documents of claims and the
 * prose students write around them (chains, echoes of the inputs and kernel, several answers in one
 * sentence, several statements in one block), the edits of `source.fixAll.derivcheck` — the very
 * code action the editor applies on save (lsp/codeActions.ts) — replace only the claimed literals of
 * failing claims, and after they are applied every fixed claim passes, every other claim keeps its
 * verdict, and every byte outside the replaced literals is the byte that was there.
 *
 * The answers written in the prose are random (often wrong, sometimes right); nothing here decides
 * which they are: the property holds whatever the checker computes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkDocument } from '../../../server/src/checker';
import type { DocumentKind } from '../../../server/src/core/document';
import type { CheckResult } from '../../../server/src/core/result';
import { LineIndex, type Span } from '../../../server/src/core/span';
import { codeActions, fixAllKind } from '../../../server/src/lsp/codeActions';
import type { CheckedDocument } from '../../../server/src/lsp/documents';
import { toSpan } from '../../../server/src/lsp/ranges';
import { assertProperty } from '../fuzz/support';

// ------------------------------------------------------------------------------- random documents

const dimArb = fc.integer({ min: 8, max: 40 });
const kArb = fc.constantFrom(1, 3, 5, 7);
const sArb = fc.constantFrom(1, 2);
const pArb = fc.constantFrom(0, 1, 2);
/** A small offset from a plausible answer: 0 leaves it (maybe right), others make it wrong. */
const nudgeArb = fc.constantFrom(0, 0, 1, -1, 2);

interface Layer {
  stmt: string;
  h: number;
  w: number;
  k: number;
  /** A plausible output, for writing answers near the truth (not an expected value: nothing asserts it). */
  oh: number;
  ow: number;
}

const layerArb: fc.Arbitrary<Layer> = fc.record({ h: dimArb, w: dimArb, k: kArb, s: sArb, p: pArb }).map(({ h, w, k, s, p }) => {
  const out = (n: number) => Math.max(1, Math.floor((n + 2 * p - k) / s) + 1);
  const params = [`k${k}`, s > 1 ? `s${s}` : '', p > 0 ? `p${p}` : ''].filter(Boolean).join(' ');
  return { stmt: `conv out ${h}x${w} ${params}`, h, w, k, oh: out(h), ow: out(w) };
});

const timesArb = fc.constantFrom('×', ' × ', 'x', ' \\times ');

/** An answer, marked ⟦...⟧ so the property knows which literals are answers (the marks are removed). */
function shapeText(a: number, b: number, times: string): string {
  return times.includes('\\') ? `$⟦${a}${times}${b}⟧$` : `⟦${a}${times}${b}⟧`;
}

/** One paragraph with its claim block: a layer, a parameter count, or two statements in one block. */
const paragraphArb: fc.Arbitrary<string> = fc.oneof(
  // Echoes of the kernel and input before the answer.
  fc.tuple(layerArb, nudgeArb, nudgeArb, timesArb).map(([l, a, b, t]) =>
    `<!-- check: ${l.stmt} -->\nA ${l.k}×${l.k} kernel turns the ${l.h}×${l.w} image into a ${shapeText(l.oh + a, l.ow + b, t)} map.\n`),
  // The input echoed after the answer.
  fc.tuple(layerArb, nudgeArb, timesArb).map(([l, a, t]) =>
    `<!-- check: ${l.stmt} -->\nThe output is ${shapeText(l.oh + a, l.ow, t)} for the ${l.h}×${l.w} input.\n`),
  // Inline, binding backward.
  fc.tuple(layerArb, nudgeArb).map(([l, a]) => `The map becomes ⟦${l.oh}×${l.ow + a}⟧ <!-- check: ${l.stmt} -->.\n`),
  // A chain of arithmetic in prose and in math: only the last side is the answer.
  fc.tuple(kArb, fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 128 }), nudgeArb, fc.boolean()).map(([k, c, f, a, math]) => {
    const n = k * k * c * f + f + a * f;
    return math
      ? `<!-- check: params conv2d k${k} c=${c} f=${f} -->\nIt has $${k} \\cdot ${k} \\cdot ${c} \\cdot ${f} + ${f} = ⟦${n}⟧$ parameters.\n`
      : `<!-- check: params conv2d k${k} c=${c} f=${f} -->\n${k}·${k}·${c}·${f} + ${f} = ⟦${n}⟧ parameters.\n`;
  }),
  // A plain count with a thousands separator.
  fc.tuple(fc.integer({ min: 100, max: 5000 }), fc.integer({ min: 10, max: 1000 }), nudgeArb).map(([a, b, d]) =>
    `<!-- check: params linear ${a} ${b} -->\nThe layer has ⟦${(a * b + b + d * b).toLocaleString('en-US')}⟧ parameters.\n`),
  // Two statements in one block take the answers in order.
  fc.tuple(layerArb, nudgeArb, nudgeArb).map(([l, a, b]) => {
    const ph = Math.max(1, Math.floor(l.oh / 2));
    const pw = Math.max(1, Math.floor(l.ow / 2));
    return `<!-- check: ${l.stmt}; pool out ${l.oh}x${l.ow} k2 -->\nThe conv gives ⟦${l.oh + a}×${l.ow}⟧ and the pool then gives ⟦${ph}×${pw + b}⟧.\n`;
  }),
  // A value with its decimals.
  fc.tuple(fc.integer({ min: -20, max: 20 }), fc.constantFrom(0, 0, 0.001, -0.002, 0.05)).map(([z, d]) => {
    const x = z / 10;
    const v = Math.tanh(x) + d;
    return `<!-- check: tanh(${x.toFixed(1)}) -->\nThe activation is $\\tanh(${x.toFixed(1)}) \\approx ⟦${v.toFixed(3)}⟧$.\n`;
  }),
  // Prose with literals and no claim, which no fix may touch.
  fc.constantFrom(
    'Recall that $5 \\cdot 5 = 25$ and a 3×3 kernel has 9 weights.\n',
    'The table below uses (3, 4) and [1, 6, 28, 28].\n',
    'We trained for 12 epochs at 0.001.\n',
  ),
);

/** The document, and where its answers stand (the literals a fix may replace). */
const docArb = fc.array(paragraphArb, { minLength: 1, maxLength: 6 }).map((ps) => unmark(ps.join('\n')));

function unmark(marked: string): { text: string; answers: Span[] } {
  const answers: Span[] = [];
  let text = '';
  let open = -1;
  for (const ch of marked) {
    if (ch === '⟦') open = text.length;
    else if (ch === '⟧') answers.push({ start: open, end: text.length });
    else text += ch;
  }
  return { text, answers };
}

// ------------------------------------------------------------------------------- Fix All, as the editor does

function checked(text: string, kind: DocumentKind): CheckedDocument {
  return { uri: 'file:///hw.md', version: 1, kind, text, lines: new LineIndex(text), check: checkDocument({ name: 'hw.md', kind, text }) };
}

/** The edits of the fixAll action, as offsets of the checked text, in document order. */
function fixAllEdits(doc: CheckedDocument): { span: Span; newText: string }[] {
  const actions = codeActions(doc, { span: { start: 0, end: doc.text.length }, only: [fixAllKind], versionedEdits: false });
  const all = actions.filter((a) => a.kind === fixAllKind);
  if (all.length === 0) return [];
  assert.equal(all.length, 1, 'one fixAll action');
  const edits = all[0].edit?.changes?.[doc.uri] ?? [];
  return edits.map((e) => ({ span: toSpan(doc.lines, e.range), newText: e.newText })).sort((a, b) => a.span.start - b.span.start);
}

function apply(text: string, edits: { span: Span; newText: string }[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.span.start) + e.newText;
    at = e.span.end;
  }
  return out + text.slice(at);
}

function same(a: Span | null, b: Span): boolean {
  return a !== null && a.start === b.start && a.end === b.end;
}

test('Fix All: only the answers of the prose change, and every fixed claim then passes', () => {
  assertProperty(
    fc.property(docArb, ({ text, answers }) => {
      const doc = checked(text, 'markdown');
      const before = doc.check.results;
      const edits = fixAllEdits(doc);
      // Each edit replaces the claimed literal of a failing claim, and no two edits overlap.
      const fixedIdx: number[] = [];
      edits.forEach((e, n) => {
        if (n > 0) assert.ok(edits[n - 1].span.end <= e.span.start, 'edits do not overlap');
        const i = before.findIndex((r) => r.status === 'fail' && r.fix && same(r.claimedSpan, e.span));
        assert.ok(answers.some((a) => same(a, e.span)), `edit ${JSON.stringify(text.slice(e.span.start, e.span.end))} → ${JSON.stringify(e.newText)} replaces an answer of the prose, no other literal\nin ${JSON.stringify(text)}`);
        assert.ok(i >= 0, `edit ${JSON.stringify(text.slice(e.span.start, e.span.end))} → ${JSON.stringify(e.newText)} replaces the claimed literal of a failing claim`);
        fixedIdx.push(i);
      });
      const after = checkDocument({ name: 'hw.md', kind: 'markdown', text: apply(text, edits) }).results;
      const fixedText = apply(text, edits);
      // Every byte outside the replaced literals is unchanged: walk the text between edits.
      let shift = 0;
      let at = 0;
      for (const e of edits) {
        assert.equal(fixedText.slice(at + shift, e.span.start + shift), text.slice(at, e.span.start), 'text between fixes unchanged');
        shift += e.newText.length - (e.span.end - e.span.start);
        at = e.span.end;
      }
      assert.equal(fixedText.slice(at + shift), text.slice(at), 'text after the last fix unchanged');
      assert.equal(after.length, before.length, 'the same claims after Fix All');
      const describe = (r: CheckResult, t: string) =>
        `${r.source}: ${r.status}${r.claimedSpan ? ` on ${JSON.stringify(t.slice(r.claimedSpan.start, r.claimedSpan.end))}` : ''} — ${r.message}`;
      for (const i of fixedIdx) {
        assert.equal(after[i].status, 'pass', `fixed claim ${describe(after[i], fixedText)}\nwas ${describe(before[i], text)}\nin ${JSON.stringify(text)}`);
      }
      before.forEach((r, i) => {
        if (fixedIdx.includes(i)) return;
        assert.equal(after[i].status, r.status, `an unfixed claim keeps its verdict: ${describe(after[i], fixedText)}\nwas ${describe(r, text)}\nin ${JSON.stringify(text)}`);
      });
    }),
    0.03,
  );
});
