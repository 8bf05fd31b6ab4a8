// The Markdown parser's cost grows with the square of the brackets in a paragraph that open no link
// (it splices its event list once per bracket): 2.4 MB of pasted `[1, 2]` pairs took minutes. Past
// MAX_LABEL_BRACKETS in one chunk, the chunk is read without links and images (scanMarkdown.ts); what
// that changes is asserted here, never a time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_LABEL_BRACKETS, scanMarkdownChunk } from '../../../server/src/documents/markdown/scanMarkdown';

const image = '![a map <!-- check: conv out 8x8 k3 --> of 6×6](map.png)';

test('below the bracket limit, a comment inside an image text is not read as a claim (links are read)', () => {
  const pairs = '[1, 2] '.repeat(10);
  const blocks = scanMarkdownChunk(`${pairs}\n\n${image}\n`).blocks;
  assert.ok(blocks.every((b) => b.text.trim() !== 'conv out 8x8 k3'));
});

test('past the bracket limit, the chunk is read without links: the same comment is a claim, the rest unchanged', () => {
  const pairs = '[1, 2] '.repeat(MAX_LABEL_BRACKETS);
  const scan = scanMarkdownChunk(`${pairs}\n\n${image}\n\n<!-- check: pool out 4x4 k2 -->\nThe map is 2×2.\n`);
  assert.deepEqual(scan.blocks.map((b) => b.text.trim()), ['conv out 8x8 k3', 'pool out 4x4 k2']);
});

test('a long paragraph of pasted tensors is read, and a claim after it binds to its own paragraph', () => {
  const tensor = `[${Array.from({ length: 20_000 }, () => '[1, 2]').join(', ')}]`;
  const scan = scanMarkdownChunk(`The weights are ${tensor}.\n\n<!-- check: conv out 8x8 k3 -->\nThe map is 6×6.\n`);
  assert.equal(scan.blocks.length, 1);
  assert.equal(scan.blocks[0].text.trim(), 'conv out 8x8 k3');
});
