// Section 5 (v2): which literal a sentence claims — echoes, chains, answers in order — and when a quick
// fix may rewrite it. Each case is a sentence seen in a student's homework; « » marks the claimed literal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, marked } from '../checker/fixture';

function bound(doc: string, status: string, kind: 'markdown' | 'latex' = 'markdown') {
  const { text, spans } = marked(doc);
  const results = check(text, kind);
  const r = results[0];
  assert.ok(r, 'a result');
  assert.equal(r.status, status, r.message);
  if (spans.length) assert.deepEqual(r.claimedSpan, spans[0], `claimed ${JSON.stringify(r.claimed)}`);
  else assert.equal(r.claimedSpan, null, `claimed ${JSON.stringify(r.claimed)}`);
  return { r, text };
}

test('a wrong answer whose numbers all appear in the claim is not an echo (forgetting that the map shrinks)', () => {
  const { r } = bound('<!-- check: conv2d out 3x32x32 k3 f=32 -->\nWithout padding, conv1 outputs «32×32×32».\n', 'fail');
  assert.equal(r.computed, '32x30x30');
});

test('an echo equal to the input or the kernel is passed over; a result word makes it the answer', () => {
  bound('<!-- check: conv out 28x28 k5 -->\nA 5×5 kernel turns the 28×28 image into a «24×24» map.\n', 'pass');
  bound('<!-- check: conv out 28x28 k3 p1 -->\nA 3×3 kernel with padding 1 turns the 28×28 image into a «28×28» map.\n', 'pass');
  bound('<!-- check: conv out 28x28 k5 -->\nThe 28×28 image becomes «28×28».\n', 'fail');
  bound('<!-- check: conv out 28x28 k5 -->\nThe 28×28 input has shape «28×28».\n', 'fail');
  bound('<!-- check: conv out 28x28 k5 -->\nThe 28×28 input shrinks.\n', 'unbound');
});

test('digits of the claim\'s own words (conv1d, max_pool2d) make nothing an echo', () => {
  bound('<!-- check: conv1d out 28 k5 p2 -->\nWith padding 2 the output length stays «28».\n', 'pass');
  bound('<!-- check: let x : 1x4x4 -->\n<!-- check: max_pool2d(x, 1) -->\nA window of one keeps the map at «1×4×4».\n', 'pass');
});

test('in a chain only the last side is claimed', () => {
  const { r } = bound('<!-- check: -log(0.659) -->\nThe loss is $-\\log 0.659 = «0.417»$.\n', 'pass');
  assert.equal(r.claimed, '0.417');
  bound('<!-- check: params conv2d k5 c=32 f=64 -->\nIt has 5·5·32·64 + 64 = «51264» parameters.\n', 'pass');
  bound('<!-- check: params conv2d k5 c=32 f=64 -->\nIt has 5·5·32·64 = «51200» parameters.\n', 'fail');
});

test('a definition of an input (`W = 28`) is not the answer; `H_out = 28` is', () => {
  bound('<!-- check: conv out 28 k5 -->\nWith $W = 28$ and $K = 5$, the output is «24».\n', 'pass');
  bound('<!-- check: conv out 28 k5 -->\nSo $H_{out} = «28»$.\n', 'fail');
});

test('the statements of a block take the answers in order', () => {
  const { text, spans } = marked('<!-- check: conv out 28x28 k5; pool out 24x24 k2 -->\nThe conv keeps «28×28» and the pool then gives «12×12».\n');
  const [a, b] = check(text);
  assert.deepEqual([a.status, b.status], ['fail', 'pass']);
  assert.deepEqual(a.claimedSpan, spans[0]);
  assert.deepEqual(b.claimedSpan, spans[1]);
  const { text: t2, spans: s2 } = marked('<!-- check: conv out 10x11 k3 s2; pool out 4x4 k2 -->\nThe conv gives «4×5» and then «2×2».\n');
  const [c, d] = check(t2);
  assert.deepEqual([c.status, d.status], ['pass', 'pass']);
  assert.deepEqual([c.claimedSpan, d.claimedSpan], s2);
});

test('a tuple shape is read, so an older shape two paragraphs up is not bound', () => {
  bound('<!-- check: let x : 3x4 -->\nThe matrix is 2 \\times 2.\n\n<!-- check: x.T -->\nIts transpose has shape «(4, 3)».\n', 'pass');
  bound('<!-- check: let x : 1x6x28x28 -->\n<!-- check: x -->\nPyTorch prints `torch.Size(«[1, 6, 28, 28]»)`.\n', 'pass');
  bound('<!-- check: let x : 8x64x55x55 -->\n<!-- check: x -->\ntorchsummary prints «[-1, 64, 55, 55]».\n', 'pass');
});

test('numbers in their written forms: separators, suffixes, percent, powers of ten', () => {
  bound('<!-- check: params conv2d k11 c=3 f=96 -->\nConv1 has «34,944» parameters.\n', 'pass');
  bound('<!-- check: params linear 4096 1000 -->\nThe last layer has $«4.097 \\times 10^{6}»$ parameters.\n', 'pass');
  bound('<!-- check: params linear 4096 1000 -->\nThe last layer has «4.1M» parameters.\n', 'pass');
  bound('<!-- check: params linear 4096 1000 -->\nThe last layer has «4.2M» parameters.\n', 'fail');
  bound('<!-- check: sigmoid(0.66) -->\nThe probability is «65.9%».\n', 'pass');
  bound('<!-- check: tanh(-0.25) -->\nThe activation is «−0.245».\n', 'pass');
});

test('each element of a tensor keeps its own tolerance', () => {
  bound('<!-- check: softmax(tensor([0.0, 0.2, 0.5]), dim=0) -->\nThe probabilities are «[0.2584, 0.32, 0.43]».\n', 'pass');
  bound('<!-- check: softmax(tensor([0.0, 0.2, 0.5]), dim=0) -->\nThe probabilities are «[0.2584, 0.32, 0.42]».\n', 'fail');
});

test('a quick fix is offered only for the claimed answer, and rewrites it in the student\'s form', () => {
  const { r } = bound('<!-- check: params conv2d k5 c=32 f=64 -->\nIt has 5·5·32·64 + 64 = «51200» parameters.\n', 'fail');
  assert.deepEqual(r.fix?.newText, '51264');
  const pct = bound('<!-- check: sigmoid(0.5) -->\nThe probability is «65.9%».\n', 'fail').r;
  assert.equal(pct.fix?.newText, '62.2%');
  const m = bound('<!-- check: params linear 4096 1000 -->\nIt has «4.2M» parameters.\n', 'fail').r;
  assert.equal(m.fix?.newText, '4.1M');
  const sep = bound('<!-- check: params conv2d k11 c=3 f=96 -->\nIt has «34,848» parameters.\n', 'fail').r;
  assert.equal(sep.fix?.newText, '34,944');
});

test('no fix where two literals could be the answer and no result word says which', () => {
  const { r } = bound('<!-- check: conv out 10x11 k3 s2 -->\nWe tried «5×4», 6×6 and 7×7.\n', 'fail');
  assert.equal(r.fix, undefined);
});

test('math on the claim comment\'s own line is the math it checks, not a formula paragraphs later', () => {
  const text = '<!-- check: math --> $\\frac{10-3}{2} + 1 = 4.5$\n\nLater: $$1 + 1 = 3$$\n';
  const [r] = check(text);
  assert.equal(r.status, 'pass', r.message);
  const wrong = check('<!-- check: math --> $2 + 2 = 5$\n\nLater: $$1 + 1 = 2$$\n')[0];
  assert.equal(wrong.status, 'fail', wrong.message);
});

test('`2m` in a claim and in the text is 2·m, and matches m+m', () => {
  bound('<!-- check: let m = 3; let A : 2m x 4 -->\n<!-- check: A -->\nA is a «6×4» matrix.\n', 'pass');
  bound('<!-- check: let A : (m+m) x n -->\n<!-- check: A -->\nA is a $«2m \\times n»$ matrix.\n', 'pass');
});

test('stacked claim comments take the paragraph\'s answers in order, and a cached check follows the blocks above', async () => {
  const { checkDocument, CheckCache } = await import('../../../server/src/checker');
  const stacked = '<!-- check: conv out 28x28 k5 -->\n<!-- check: pool out 24x24 k2 -->\nThe conv gives 24×24 and the pool 12×12.\n';
  const [a, b] = check(stacked);
  assert.deepEqual([a.status, b.status, a.claimed, b.claimed], ['pass', 'pass', '24×24', '12×12']);
  // The first block now claims its value itself and takes no literal: the second reads from the start.
  const edited = stacked.replace('conv out 28x28 k5 -->', 'conv out 28x28 k5 : 24x24 -->');
  const cache = new CheckCache();
  checkDocument({ name: 'a', kind: 'markdown', text: stacked }, {}, cache);
  const cached = checkDocument({ name: 'a', kind: 'markdown', text: edited }, {}, cache).results;
  const fresh = check(edited);
  assert.deepEqual(cached, fresh);
  assert.equal(fresh[1].claimed, '24×24');
  assert.equal(fresh[1].status, 'fail');
});
