// Issue 14: Markdown nested deeper than any homework (a 1 MB nested list, megabytes of nested
// block quotes) is not given to the parser, whose cost grows with the square of the depth. The
// region is reported and hidden; the rest of the document is still checked. No timing asserted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDocument } from '../../../server/src/checker';
import { scanDocument } from '../../../server/src/documents';
import { MAX_NESTING, compacted, tooDeep } from '../../../server/src/documents/markdown/nesting';

const before = '<!-- check: conv out 10x11 k3 s2 -->\nThe output is 4×5.\n\n';
const after = '\n\n<!-- check: 1 + 1 = 3 -->\n';

function check(text: string) {
  return checkDocument({ name: 'a.md', kind: 'markdown', text }).results;
}

function nestedList(bytes: number): string {
  let s = '';
  for (let i = 0; s.length < bytes; i++) s += `${' '.repeat(2 * i)}- item ${i}\n`;
  return s;
}

describe('deeply nested Markdown', () => {
  it('a 1 MB nested list: the claims around it are checked, the deep part is reported once', () => {
    const text = `${before}${nestedList(1_000_000)}${after}`;
    const results = check(text);
    assert.deepEqual(results.map((r) => [r.status, r.code]), [['pass', 'ok'], ['error', 'limit'], ['fail', 'mismatch']]);
    assert.match(results[1].message, new RegExp(`nested more than ${MAX_NESTING} levels deep`));
  });

  for (const mb of [2, 8]) {
    it(`${mb} MB of nested block quotes on one line: reported, and the claims around it checked`, () => {
      const text = `${before}${'>'.repeat(mb * 1_000_000)} deep\n${after}`;
      const results = check(text);
      assert.deepEqual(results.map((r) => r.status), ['pass', 'error', 'fail']);
      assert.match(results[1].message, /^Line 4 is nested/);
    });
  }

  it('a claim inside the deep region is not read; nesting within the limit is read as usual', () => {
    const deep = `${'> '.repeat(MAX_NESTING + 1)}<!-- check: 1 + 1 = 2 -->\n`;
    const ok = `${'> '.repeat(MAX_NESTING)}<!-- check: 2 + 2 = 4 -->\n`;
    const results = check(`${ok}\n${deep}`);
    assert.deepEqual(results.map((r) => [r.status, r.code]), [['pass', 'ok'], ['error', 'limit']]);
  });

  it('a long rule of spaced marks (- - - - ...) is a rule, not nesting', () => {
    assert.deepEqual(tooDeep(`${'- '.repeat(40)}\n* * * * * * * * * * * * * * * * * * * * * * * * *\n`), []);
  });

  it('the parser is given the text without the deep region, and offsets map back', () => {
    const text = `a\n${'>'.repeat(50)} x\nb <!-- check: 1 + 1 = 2 -->\n`;
    const regions = tooDeep(text);
    assert.deepEqual(regions, [{ start: 2, end: 55 }]);
    const c = compacted(text, regions);
    assert.equal(c.text, 'a\n\nb <!-- check: 1 + 1 = 2 -->\n');
    assert.equal(c.toOriginal(3), 55);
    assert.equal(c.toOriginal(2), 2);
    assert.equal(c.toOriginal(1), 1);
    const [block] = scanDocument(text, 'markdown').blocks;
    assert.equal(text.slice(block.span.start, block.span.end), '<!-- check: 1 + 1 = 2 -->');
  });
});
