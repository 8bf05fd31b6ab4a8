// What keeps an edit's cost linear (issue 14): a block's cache key is made of the names it reads and
// the versions of their bindings, so an edit in a `let` re-evaluates the `let` and the blocks that
// read the name it binds, and no other. Counted with the cache's misses, never timed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CheckCache, checkDocument } from '../../../server/src/checker';
import { comparable } from '../fuzz/support';

function recheck(before: string, after: string) {
  const cache = new CheckCache();
  checkDocument({ name: 'a', kind: 'markdown', text: before }, {}, cache);
  cache.hits = 0;
  cache.misses = 0;
  const incremental = checkDocument({ name: 'a', kind: 'markdown', text: after }, {}, cache);
  assert.deepEqual(comparable(incremental), comparable(checkDocument({ name: 'a', kind: 'markdown', text: after })), 'same results as a fresh check');
  return { cache, results: incremental.results };
}

/** 20 lets, then 60 claims; claim k reads a{k % 20} (each claim's text differs, so none shares another's key). */
function homework(value5: string): string {
  const lets = Array.from({ length: 20 }, (_, i) => `<!-- check: let a${i} = ${i === 5 ? value5 : `[${i}, ${i + 1}]`} -->`);
  const claims = Array.from({ length: 60 }, (_, k) => `Claim ${k}.\n\n<!-- check: sum(a${k % 20}) + ${k} = ${2 * (k % 20) + 1 + k} -->\n`);
  return `# HW\n\n${lets.join('\n\n')}\n\n${claims.join('\n')}`;
}

test('an edit in a let re-evaluates the let and exactly the blocks that read its name', () => {
  const { cache, results } = recheck(homework('[5, 6]'), homework('[5, 7]'));
  const readers = 60 / 20; // claims 5, 25, 45
  assert.equal(cache.misses, 1 + readers, `misses ${cache.misses}, hits ${cache.hits}`);
  assert.equal(results.filter((r) => r.status === 'fail').length, readers, 'the readers see the new value');
});

test('a let that reads an edited let is re-evaluated, and so are its own readers', () => {
  const doc = (v: number) =>
    `<!-- check: let n = ${v} -->\n\n<!-- check: let m = n * 2 -->\n\n<!-- check: let k = 7 -->\n\n` +
    `<!-- check: m = 6 -->\n\n<!-- check: k = 7 -->\n\n<!-- check: n + 0 = 3 -->\n\n<!-- check: k * 2 = 14 -->\n`;
  const { cache, results } = recheck(doc(3), doc(4));
  // let n, let m (reads n), `m = 6` (reads m), `n + 0 = 3` (reads n); not let k nor its two readers.
  assert.equal(cache.misses, 4, `misses ${cache.misses}, hits ${cache.hits}`);
  assert.deepEqual(results.map((r) => r.status), ['fail', 'pass', 'fail', 'pass']);
});

test('a shape symbol given a value later reaches the blocks that use the shape', () => {
  const doc = (v: number) => `<!-- check: let W : m x 3 -->\n\n<!-- check: let m = ${v} -->\n\n<!-- check: W : 4x3 -->\n\n<!-- check: zeros(2) : 2 -->\n`;
  const { cache, results } = recheck(doc(4), doc(5));
  // let m and `W : 4x3` (W's shape holds m); not let W nor the zeros claim.
  assert.equal(cache.misses, 2, `misses ${cache.misses}, hits ${cache.hits}`);
  assert.deepEqual(results.map((r) => r.status), ['fail', 'pass']);
});

test('a math block reads the names its math spells, however it spells them', () => {
  const doc = (v: number) =>
    `<!-- check: let W_out = ${v}; let other = 1 -->\n\n<!-- check: math -->\n$$2 W_{\\text{out}} = 8$$\n\n<!-- check: math -->\n$$2 + 2 = 4$$\n`;
  const { cache, results } = recheck(doc(4), doc(5));
  assert.equal(cache.misses, 2, `misses ${cache.misses}, hits ${cache.hits}`);
  assert.deepEqual(results.map((r) => r.status), ['fail', 'pass']);
});

test('a name used before and after its let: each block sees the binding in force where it stands', () => {
  const text = '<!-- check: let x = 1 -->\n\n<!-- check: x = 1 -->\n\n<!-- check: let x = 2 -->\n\n<!-- check: x = 2 -->\n\n<!-- check: zeros(m) : m -->\n';
  const out = checkDocument({ name: 'a', kind: 'markdown', text });
  assert.deepEqual(out.results.map((r) => r.status), ['pass', 'pass', 'pass']);
});

test('a claim with = VALUE or : SHAPE reads no text: editing the paragraph after it re-evaluates nothing', () => {
  const doc = (w: string) => `<!-- check: conv out 10x11 k3 s2 = 4x5 -->\n<!-- check: ones(2) : 2 -->\nThe ${w} output is 4×5.\n`;
  const { cache } = recheck(doc('first'), doc('second'));
  assert.equal(cache.misses, 0, `misses ${cache.misses}, hits ${cache.hits}`);
});

test('stacked bare claims read at most 2,000 characters: an edit in the paragraph re-evaluates only the claims within reach', () => {
  const claims = Array.from({ length: 200 }, (_, i) => `<!-- check: conv out ${10 + i}x${10 + i} k3 -->`);
  const doc = (w: string) => `${claims.join('\n')}\nThe ${w} output is 8×8.\n`;
  const { cache, results } = recheck(doc('first'), doc('second'));
  const near = claims.filter((_, i) => claims.slice(i + 1).join('\n').length + 1 < 2000).length;
  assert.ok(near > 0 && near < 200);
  assert.equal(cache.misses, near, `misses ${cache.misses}, hits ${cache.hits}`);
  assert.equal(results[0].status, 'unbound', 'the first claim is too far from the paragraph to read it');
  // Stacked claims take the paragraph's answers in order: the first one within reach takes the only
  // answer (8×8 is not its shape), and the ones after it find nothing left.
  const failed = results.flatMap((r, i) => (r.status === 'fail' ? [i] : []));
  assert.equal(failed.length, 1, `one claim takes the answer: ${failed}`);
  assert.ok(failed[0] >= 200 - near - 1, 'the claim that takes it is within reach');
  assert.equal(results[199].status, 'unbound', 'the answer was taken by a claim above');
});

// What main's features add to a block's key once merged with the versioned bindings: section 6a's
// spellings, the settings statements (section 3b) and modules (section 3a).

test('a math block reads a let its math spells by the rules of section 6a (bold, accents, joined subscripts)', () => {
  const doc = (v: number) =>
    `<!-- check: let W1 = ${v} -->\n\n<!-- check: let yhat = 2 -->\n\n<!-- check: math -->\n$$2 \\mathbf{W}_{1} = 8$$\n\n` +
    `<!-- check: math -->\n$$3 \\hat{y} = 6$$\n\n<!-- check: math -->\n$$2 + 2 = 4$$\n`;
  const { cache, results } = recheck(doc(4), doc(5));
  // The let and the math that spells W1 as \mathbf{W}_{1}; not the \hat{y} block (yhat kept its version) nor 2 + 2.
  assert.equal(cache.misses, 2, `misses ${cache.misses}, hits ${cache.hits}`);
  assert.deepEqual(results.map((r) => r.status), ['fail', 'pass', 'pass']);
});

test('a settings statement re-keys every later block; a let edit leaves the settings alone', () => {
  const doc = (conv: string, n: number) =>
    `<!-- check: convention ${conv} -->\n\n<!-- check: let n = ${n} -->\n\n<!-- check: conv out 4x4 k3 s2 p=same -->\nThe map is 2×2.\n\n<!-- check: n = 3 -->\n`;
  const changed = recheck(doc('pytorch', 3), doc('tensorflow', 3));
  assert.equal(changed.cache.misses, 4, `misses ${changed.cache.misses}, hits ${changed.cache.hits}`);
  const fresh = (conv: string) => checkDocument({ name: 'a', kind: 'markdown', text: doc(conv, 3) }).results.map((r) => r.status);
  assert.notDeepEqual(fresh('pytorch'), fresh('tensorflow'), 'the convention changes the layer claim');
  const letEdit = recheck(doc('tensorflow', 3), doc('tensorflow', 4));
  // The let and its one reader.
  assert.equal(letEdit.cache.misses, 2, `misses ${letEdit.cache.misses}, hits ${letEdit.cache.hits}`);
});

test('a module let is a versioned binding: editing it re-checks the claims that call it', () => {
  const doc = (out: number) =>
    `<!-- check: let x : 2x4 -->\n\n<!-- check: let net = nn.Sequential(nn.Linear(4, ${out}), nn.ReLU()) -->\n\n<!-- check: net(x) : 2x3 -->\n\n<!-- check: x : 2x4 -->\n`;
  const { cache, results } = recheck(doc(3), doc(5));
  assert.equal(cache.misses, 2, `misses ${cache.misses}, hits ${cache.hits}`);
  assert.deepEqual(results.map((r) => r.status), ['fail', 'pass']);
});

// Blocks that bind and read through every path a block's reads can take: names, a shape's symbols
// (`let m = 4` makes `W : m x n` 4×n), a symbol carried by a tensor (`zeros(n)` after `W : m x n`),
// math that spells a let (`\mathbf{W}`), stacked claims; edits that change a value, rename a name,
// delete or add a block. The cache carried across the edits must give what a fresh check gives.
const BLOCKS = [
  '<!-- check: let m = 4 -->',
  '<!-- check: let n = 3 -->',
  '<!-- check: let W : m x n -->',
  '<!-- check: W @ ones(n) : m -->',
  '<!-- check: zeros(n) : 3 -->',
  '<!-- check: let a = [1, 2] -->',
  '<!-- check: sum(a) = 3 -->',
  '<!-- check: let b = a * 2 -->\n<!-- check: sum(b) -->\nThe sum is 6.',
  '<!-- check: math -->\n$$\\mathbf{a}_0 + 1 = 2$$',
  '<!-- check: math -->\n$$m + n = 7$$',
  '<!-- check: m * n = 12 -->',
  'Prose with 4×3 in it.',
];

test('random edits in lets, names and blocks: the cache gives what a fresh check gives', () => {
  let seed = 14;
  const rand = (k: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % k;
  };
  for (let round = 0; round < 40; round++) {
    const blocks = Array.from({ length: 10 }, () => BLOCKS[rand(BLOCKS.length)]);
    let text = blocks.join('\n\n') + '\n';
    const cache = new CheckCache();
    checkDocument({ name: 'a', kind: 'markdown', text }, {}, cache);
    for (let e = 0; e < 6; e++) {
      const digits = [...text.matchAll(/\d/g)].map((m) => m.index as number);
      const lets = [...text.matchAll(/let (\w)/g)].map((m) => (m.index as number) + 4);
      const starts = [...text.matchAll(/<!--/g)].map((m) => m.index as number);
      const kind = rand(4);
      if (kind === 0 && digits.length) {
        const at = digits[rand(digits.length)];
        text = text.slice(0, at) + String((Number(text[at]) + 1 + rand(8)) % 10) + text.slice(at + 1);
      } else if (kind === 1 && lets.length) {
        const at = lets[rand(lets.length)];
        text = text.slice(0, at) + 'mnWab'[rand(5)] + text.slice(at + 1);
      } else if (kind === 2 && starts.length) {
        const at = starts[rand(starts.length)];
        const end = text.indexOf('-->', at);
        text = text.slice(0, at) + text.slice(end + 3);
      } else {
        const at = starts.length ? starts[rand(starts.length)] : 0;
        text = text.slice(0, at) + BLOCKS[rand(BLOCKS.length)] + '\n\n' + text.slice(at);
      }
      const incremental = checkDocument({ name: 'a', kind: 'markdown', text }, {}, cache);
      assert.deepEqual(comparable(incremental), comparable(checkDocument({ name: 'a', kind: 'markdown', text })), `round ${round}, edit ${e}:\n${text}`);
    }
  }
});
