/**
 * Shared material of the property-based fuzz tests: seed documents (copied here, because tests must
 * not read the course's shared folder), arbitraries for random and mutated documents and edits, and
 * the invariants every check result must satisfy.
 *
 * Case counts: the suite runs 2,000 cases in all; `FUZZ_RUNS=100000` (npm run fuzz) scales every
 * property by the same factor, keeping each property's share.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { DocumentKind, ScannedDocument } from '../../../server/src/core/document';
import type { CheckResult, DocumentCheck } from '../../../server/src/core/result';
import type { Span } from '../../../server/src/core/span';

/** Total cases across all fuzz properties: 2,000 by default (the suite), FUZZ_RUNS for `npm run fuzz`. */
export const TOTAL_RUNS = Number(process.env.FUZZ_RUNS) > 0 ? Number(process.env.FUZZ_RUNS) : 2000;

/** Cases for a property that has `share` of the total (the shares over all files sum to 1). */
export function runs(share: number): number {
  return Math.max(1, Math.round(TOTAL_RUNS * share));
}

/** Fixed seed unless FUZZ_SEED is set, so that a failure in CI reproduces; `npm run fuzz` picks a random one. */
export const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 0x5eed;

export function params<T>(share: number): fc.Parameters<T> {
  return { numRuns: runs(share), seed: SEED, endOnFailure: true };
}

const root = new URL('../../../', import.meta.url);
function example(name: string): string {
  try {
    return readFileSync(new URL(`examples/${name}`, root), 'utf8');
  } catch {
    return '';
  }
}

export const HW3_MD = example('hw3.md');
export const HW3_TEX = example('hw3.tex');

/** Strings from the public conformance documents (spec/conformance), copied. */
export const CONFORMANCE_MD = [
  `# Expressions (public conformance cases)

<!-- check: let x = [[1,0,2,1],[0,1,1,3]]; let w = [[[1,-1],[0.5,2]]] -->

<!-- check: conv1d(x, w) = [[3.0,0.5,7.5]] -->
<!-- check: grad(sum(conv1d(x, w)), w) -->
The gradient is [[[3.0,3.0],[2.0,5.0]]].

<!-- check: jacobian(conv1d(x, w), w) -->
Its Jacobian with respect to $w$ lies in $\\mathbb{R}^{1 \\times 3 \\times 1 \\times 2 \\times 2}$.

<!-- check: let A : p x q; let b : q -->

<!-- check: relu(A @ b) : p -->
<!-- check: A @ A : p x q -->
<!-- check: grad(sum(exp(b)), b) == exp(b) -->
<!-- check: grad(sum(b * b), b) == b -->
<!-- check: tanh(0.3) -->
which is about 0.291.
`,
  `# Layer shapes (public conformance cases)

<!-- check: conv out 28x28 k5 -->
A 5×5 kernel turns the 28×28 image into a $24 \\times 24$ map.

<!-- check: conv2d out 3x32x32 k3 s2 p1 f=16 = 16x16x16 -->
<!-- check: conv out 50 k7 s3 d2 = 14 -->
<!-- check: pool out 9x9 k2 ceil -->
Pooling with ceil mode gives 5×5.

The upsampled map is 14×14 <!-- check: convT out 7x7 k4 s2 p1 -->.

<!-- check: conv out 20x20 k3 p=same = 20x20 -->
<!-- check: conv out 20x20 k3 s2 p=same -->
<!-- check: conv out HxW k5 p2 = HxW -->
<!-- check: params conv2d k3 c=64 f=128 = 73856 -->
`,
  `# Math (public conformance cases)

<!-- check: math -->
$$\\frac{32 - 5 + 2 \\cdot 2}{1} + 1 = 32$$

<!-- check: math L=50 K=7 S=3 D=2 -->
$$L_{out} = \\left\\lfloor \\frac{L - D(K-1) - 1}{S} \\right\\rfloor + 1 = 14$$

<!-- check: math -->
$$x^2 - y^2 = (x - y)(x + y)$$
`,
];

export const CONFORMANCE_TEX = [
  `\\documentclass{article}
\\begin{document}
% check: conv out 64x64 k3 s2
The output is $31 \\times 31$.
\\begin{lstlisting}
% check: conv out 1x1 k9
\\end{lstlisting}
\\end{document}
`,
];

/** Claim statements of every form (spec section 2), for claim blocks and the parser. */
export const STATEMENTS = [
  'conv out 10x11 k3 s2',
  'conv out 10x11 k3 s2 = 4x5',
  'conv2d out CxHxW k=K s=S p=P d=D f=F',
  'pool out 9x9 k2 ceil',
  'convT out 7x7 k4 s2 p1 : 14x14',
  'conv out 20x20 k3 p=same',
  'params conv2d k11 c=3 f=96',
  'params linear 4096 1000 = 4097000',
  'let x : 2x5',
  'let W : 1x2x3',
  'let m = 4',
  'let x0 = [[1,2,3,4,5],[5,4,3,2,1]]',
  'let f = conv1d(x, W, stride=2)',
  'conv1d(x, W, stride=2)',
  'conv1d(x, W, stride=2)[0, 1] == sum(W[0] * x[:, 2:5])',
  'dot(W[0, 1], x[1, 2:5]) : scalar',
  'jacobian(f, W)',
  'grad(sum(f * f), W)',
  'grad(sum(conv1d(x0, W0, stride=2) * g0), W0) = [[[-2,-2,-2],[2,2,2]]]',
  'W_c @ x_t : m',
  'sigmoid(W_c @ x_t + W_h @ h_prev)',
  'tanh(0.3) = 0.291',
  'softmax(x0, dim=1)',
  'einsum("ij,jk->ik", x0, x0.T)',
  'reshape(arange(6), (2, 3))',
  'x[:, 1:4].T : 3x2',
  'zeros(3, 4) + ones(4)',
  'math W=10 K=3 P=0 S=2',
  'math',
  'mse_loss(x0, zeros(2, 5)) = 11',
  'cross_entropy(x0, [1, 0])',
  'max_pool2d(ones(1, 4, 4), 2) : 1x2x2',
];

/** Math bodies, for math regions and checkMath. */
export const MATH_BODIES = [
  'W_{output} = \\frac{W - K + 2P}{S} + 1 = \\frac{10 - 3}{2} + 1 = 4.5',
  'L_{out} = \\left\\lfloor \\frac{L - D(K-1) - 1}{S} \\right\\rfloor + 1 = 14',
  'x^2 - y^2 = (x - y)(x + y)',
  '\\frac{32 - 5 + 2 \\cdot 2}{1} + 1 = 32',
  '\\sum_{i=1}^{10} i = 55',
  '\\sigma(0) = 0.5 \\approx 0.49',
  '\\sqrt{16} \\le 4 < 5',
  'a &= b + c \\\\ &= 2b',
  '\\exp(0) + \\log(1) \\ge 1',
  '\\max(3, 4) \\neq \\min(3, 4)',
];

const PROSE = [
  'Therefore, the output dimension will be 4×5 .',
  'The gradient is [[[3.0,3.0],[2.0,5.0]]].',
  'Let $W \\in \\mathbb{R}^{1\\times 3}$ be the weight.',
  'which is about 0.291.',
  'It is $2 \\times 2 \\times 5$ and 1e-3 and \\frac{9}{2}.',
  '$$\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}$$',
  '`<!-- check: conv out 1x1 k9 -->` in a code span',
  '```\n<!-- check: conv out 1x1 k9 -->\n```',
  '> quoted <!-- check: conv out 5 k3 --> gives 3',
  '- item 2×3',
  '| a | b |\n|---|---|\n| 4×5 | 3 |',
  'Emoji 😀 before 4x5, tab\there.',
];

/** Pieces that stress delimiters and structure. */
const SHARDS = [
  '<!--', '-->', '<!-- check:', 'check:', '$', '$$', '\\[', '\\]', '`', '```', '\n', '\r\n', '\r', '\t', ';', '%',
  '% check:', '\\%', '\\begin{align}', '\\end{align}', '\\begin{verbatim}', '\\end{verbatim}', '{', '}', '(', ')',
  '[', ']', '=', '==', ':', '×', 'x', '\\times', '😀', '\u0000', '\uFFFD', '\uD800', '\u200B', '    ', '>',
];

export function fragmentArb(kind: DocumentKind): fc.Arbitrary<string> {
  const stmt = fc.constantFrom(...STATEMENTS);
  const stmts = fc.array(stmt, { minLength: 1, maxLength: 3 }).map((s) => s.join('; '));
  const mathBody = fc.constantFrom(...MATH_BODIES);
  if (kind === 'latex') {
    return fc.oneof(
      stmts.map((s) => `% check: ${s}\n`),
      stmts.map((s) => `Text before % check: ${s}\n`),
      fc.tuple(stmts, stmt).map(([a, b]) => `% check: ${a}\n% ${b}\n`),
      mathBody.map((m) => `$$${m}$$\n`),
      mathBody.map((m) => `\\begin{align}\n${m}\n\\end{align}\n`),
      mathBody.map((m) => `\\[${m}\\]\n`),
      fc.constantFrom(...PROSE).map((p) => `${p}\n`),
      fc.constant('\\begin{lstlisting}\n% check: conv out 1x1 k9\n\\end{lstlisting}\n'),
      fc.constant('50\\% of 4×5\n'),
      fc.constantFrom(...SHARDS),
      fc.string({ maxLength: 12 }),
    );
  }
  return fc.oneof(
    stmts.map((s) => `<!-- check: ${s} -->\n`),
    stmts.map((s) => `<!-- check:\n${s.replace(/; /g, '\n')}\n-->\n`),
    fc.tuple(fc.constantFrom(...PROSE), stmts).map(([p, s]) => `${p} <!-- check: ${s} -->\n`),
    mathBody.map((m) => `$$${m}$$\n`),
    mathBody.map((m) => `$${m}$ `),
    fc.constantFrom(...PROSE).map((p) => `${p}\n\n`),
    fc.constantFrom(...SHARDS),
    fc.string({ maxLength: 12 }),
  );
}

/** A document assembled from fragments of claims, math and prose. */
export function generatedDocArb(kind: DocumentKind, maxFragments = 14): fc.Arbitrary<string> {
  return fc.array(fragmentArb(kind), { maxLength: maxFragments }).map((parts) => parts.join(''));
}

export interface Edit {
  /** Fraction of the text length where the edit starts, and how many characters it removes. */
  at: number;
  remove: number;
  insert: string;
}

export function editArb(kind: DocumentKind): fc.Arbitrary<Edit> {
  return fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    remove: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 60 })),
    insert: fc.oneof(
      fc.constant(''),
      fc.string({ maxLength: 3 }),
      fc.constantFrom(...SHARDS),
      fc.constantFrom('4', '5', 'x', '×', ' ', 'k', 's2', '0.5', ']', '[[1,2]]'),
      fragmentArb(kind),
    ),
  });
}

export function applyEdit(text: string, e: Edit): string {
  const start = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
  const end = Math.min(text.length, start + e.remove);
  return text.slice(0, start) + e.insert + text.slice(end);
}

/** A seed document with 1-6 random edits: the realistic "almost valid" input. */
export function mutatedDocArb(kind: DocumentKind): fc.Arbitrary<string> {
  const seeds = kind === 'latex' ? [HW3_TEX, ...CONFORMANCE_TEX].filter(Boolean) : [HW3_MD, ...CONFORMANCE_MD].filter(Boolean);
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(editArb(kind), { minLength: 1, maxLength: 6 }))
    .map(([seed, edits]) => edits.reduce(applyEdit, seed));
}

/** Either kind of input, for the properties that take any document. */
export function anyDocArb(kind: DocumentKind): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: generatedDocArb(kind) },
    { weight: 2, arbitrary: mutatedDocArb(kind) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200, unit: 'binary' }) },
  );
}

export const kindArb: fc.Arbitrary<DocumentKind> = fc.constantFrom('markdown', 'latex');

// ---------------------------------------------------------------------------- invariants

export function assertSpan(s: Span | null | undefined, length: number, what: string): void {
  if (s === null || s === undefined) return;
  assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end), `${what}: non-integer span ${JSON.stringify(s)}`);
  assert.ok(0 <= s.start && s.start <= s.end && s.end <= length, `${what}: span ${JSON.stringify(s)} outside 0..${length}`);
}

export function inside(inner: Span, outer: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export function assertScanned(scanned: ScannedDocument, text: string): void {
  const n = text.length;
  assert.equal(scanned.text, text);
  let last = -1;
  for (const b of scanned.blocks) {
    assertSpan(b.span, n, 'block.span');
    assertSpan(b.searchSpan, n, 'block.searchSpan');
    assert.ok(b.span.start >= last, 'blocks in document order, not overlapping');
    last = b.span.end;
    assert.equal(typeof b.text, 'string');
    for (const seg of b.segments) {
      assertSpan({ start: seg.offset, end: seg.offset + seg.text.length }, n, 'segment');
      assert.ok(inside({ start: seg.offset, end: seg.offset + seg.text.length }, b.span), 'segment inside its block');
      assert.equal(text.slice(seg.offset, seg.offset + seg.text.length), seg.text, 'segment text is the document text at its offset');
    }
    assert.equal(b.text, b.segments.map((s) => s.text).join('\n'), 'block text is its segments joined by newlines');
  }
  let mathLast = -1;
  for (const m of scanned.math) {
    assertSpan(m.span, n, 'math.span');
    assertSpan(m.body, n, 'math.body');
    assert.ok(inside(m.body, m.span), 'math body inside its region');
    assert.ok(m.span.start >= mathLast, 'math in document order');
    mathLast = m.span.start;
  }
  let hiddenLast = -1;
  for (const h of scanned.hidden) {
    assertSpan(h, n, 'hidden');
    assert.ok(h.start >= hiddenLast, 'hidden spans sorted and not overlapping');
    hiddenLast = h.end;
  }
}

/** The index of the block whose span holds `s` (blocks are in order and do not overlap), or -1. */
function blockContaining(scanned: ScannedDocument, s: Span): number {
  let lo = 0;
  let hi = scanned.blocks.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (scanned.blocks[mid].span.start <= s.start) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Blocks may touch (end of one = start of the next): try the one before as well.
  for (const i of [found, found - 1]) if (i >= 0 && inside(s, scanned.blocks[i].span)) return i;
  return -1;
}

const STATUSES = new Set(['pass', 'fail', 'error', 'unbound']);

/**
 * The invariants of a document's results: valid statuses, every range inside the document, every
 * result inside one claim block, and per block as many results as statements (minus clean lets).
 */
export function assertCheck(check: DocumentCheck, scanned: ScannedDocument, parse: (text: string) => { type: string }[]): void {
  const n = scanned.text.length;
  const perBlock = new Map<number, CheckResult[]>();
  for (const r of check.results) {
    assert.ok(STATUSES.has(r.status), `status ${r.status}`);
    assert.equal(typeof r.message, 'string');
    assert.ok(r.message.length > 0, 'a result has a message');
    assertSpan(r.span, n, 'result.span');
    assertSpan(r.errorSpan, n, 'result.errorSpan');
    assertSpan(r.claimedSpan, n, 'result.claimedSpan');
    if (r.fix) assertSpan(r.fix.span, n, 'result.fix.span');
    for (const l of r.links ?? []) {
      assertSpan(l.leftSpan, n, 'link.leftSpan');
      assertSpan(l.rightSpan, n, 'link.rightSpan');
    }
    const i = blockContaining(scanned, r.span);
    assert.ok(i >= 0, `result span ${JSON.stringify(r.span)} (${r.source}) lies inside a claim block`);
    // A math claim's error may point into the math it checks (spec section 6); any other error is in its block.
    if (r.errorSpan) {
      const inMath = r.kind === 'math' && scanned.math.some((m) => inside(r.errorSpan!, m.span));
      assert.ok(inside(r.errorSpan, scanned.blocks[i].span) || inMath, `errorSpan ${JSON.stringify(r.errorSpan)} of ${r.kind} ${JSON.stringify(r.source)} inside its claim block${r.kind === 'math' ? ' or the math' : ''}`);
    }
    for (const l of r.links ?? []) {
      assert.ok(scanned.math.some((m) => inside(l.leftSpan, m.span) && inside(l.rightSpan, m.span)), 'a link lies inside one math region');
    }
    const list = perBlock.get(i) ?? [];
    list.push(r);
    perBlock.set(i, list);
  }
  for (const l of check.lets) assertSpan(l.nameSpan, n, 'let.nameSpan');
  scanned.blocks.forEach((b, i) => {
    const got = perBlock.get(i) ?? [];
    if (b.unterminated) {
      assert.equal(got.length, 1, 'an unterminated block gets exactly one error');
      assert.equal(got[0].status, 'error');
      return;
    }
    const stmts = parse(b.text);
    const nonLet = stmts.filter((s) => s.type !== 'letShape' && s.type !== 'letValue').length;
    const stopped = got.some((r) => r.code === 'limit' && r.span.start === b.span.start && r.span.end === b.span.end);
    if (stopped) {
      assert.ok(got.length <= stmts.length + 1, 'a block stopped by its time budget has at most one result per statement, plus the stop');
    } else {
      assert.ok(
        nonLet <= got.length && got.length <= stmts.length,
        `block ${JSON.stringify(b.text.slice(0, 80))}: ${got.length} results for ${stmts.length} statements (${nonLet} not let)`,
      );
    }
  });
}

/** Results without the parts that may legitimately differ between runs: none (the check is deterministic). */
export function comparable(check: DocumentCheck): unknown {
  return JSON.parse(JSON.stringify(check));
}

/** fc.assert with the property's own assertion message in the failure (the test reporter drops `cause`). */
export function assertProperty<Ts extends [unknown, ...unknown[]]>(property: fc.IProperty<Ts>, share: number): void {
  try {
    fc.assert(property, params<Ts>(share));
  } catch (e) {
    const cause = (e as { cause?: unknown }).cause;
    if (cause instanceof Error) {
      (e as Error).message += `\n\nCaused by: ${cause.message}`;
    }
    throw e;
  }
}
