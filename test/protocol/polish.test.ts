/**
 * Editor polish from issue 9, over the real protocol (the bundled server, a JSON-RPC client):
 * a hover never repeats the diagnostic VS Code already prints above it; an identity's inlay hint says
 * how it was checked; a large or random tensor's hint is its shape, not a row of truncated numbers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, Hover, InlayHint, MarkupContent } from 'vscode-languageserver-protocol';
import { hintLabel } from '../../server/src/lsp/inlayHints';
import { marked, positionAt, rangeOf, startSession, type Session } from './harness';

// 0: a wrong claim's statement, 1: its claimed value, 2: a statement that cannot be evaluated, 3: the
// right side of a broken math link, 4: an identity, 5: randn, 6: a 7-element tensor, 7: a 2-element tensor.
const doc = marked(`# Polish

<!-- check: «conv out 10x11 k3 s2» -->
The output is «5×4».

<!-- check: «nosuchfn(3)» -->

<!-- check: math -->
$$\\frac{10 - 3}{2} + 1 = «5»$$

<!-- check: let b : 3 -->
<!-- check: «grad(sum(b * b), b) == 2 * b» -->
<!-- check: «randn(2, 3)» -->
<!-- check: «softmax(tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]), dim=0)» -->
<!-- check: «relu(tensor([1.0, -2.0]))» -->
`);
const T = doc.text;
const R = doc.ranges;
const uri = 'file:///hw/polish.md';

function text(h: Hover | null): string {
  assert.ok(h, 'a hover');
  return (h!.contents as MarkupContent).value;
}

/** How often `needle` occurs in `hay` once Markdown escapes are undone. */
function occurrences(hay: string, message: Diagnostic['message']): number {
  const needle = typeof message === 'string' ? message : message.value;
  const plain = hay.replace(/\\([\\`*_[\]|<>~])/g, '$1');
  return plain.split(needle).length - 1;
}

describe('editor polish (issue 9)', () => {
  let s: Session;
  let diagnostics: Diagnostic[];
  before(async () => {
    s = await startSession();
    s.open(uri, T);
    diagnostics = (await s.diagnosticsFor(uri, 1)).diagnostics;
  });
  after(async () => {
    await s.dispose();
  });

  async function hoverAt(offset: number): Promise<string> {
    return text(await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionAt(T, offset) }));
  }

  function diagnosticAt(offset: number): Diagnostic {
    const line = positionAt(T, offset).line;
    const d = diagnostics.find((x) => x.range.start.line === line);
    assert.ok(d, `a diagnostic on line ${line}: ${JSON.stringify(diagnostics)}`);
    return d!;
  }

  it('a hover on a wrong value does not repeat the diagnostic, and still says how the value was computed', async () => {
    const d = diagnosticAt(R[1].start);
    assert.deepEqual(d.range, rangeOf(T, R[1]));
    const h = await hoverAt(R[1].start + 1);
    assert.equal(occurrences(h, d.message), 0, `the hover repeats the diagnostic:\n${h}`);
    assert.ok(h.includes('4×5') && /conv out/.test(h), h);
  });

  it('a hover on a statement that cannot be checked does not repeat its error', async () => {
    const d = diagnosticAt(R[2].start);
    const h = await hoverAt(R[2].start + 2);
    assert.equal(occurrences(h, d.message), 0, `the hover repeats the diagnostic:\n${h}`);
    assert.ok(/cannot be checked/.test(h), h);
  });

  it('a hover on a broken math link does not repeat the link\'s message', async () => {
    const d = diagnosticAt(R[3].start);
    assert.deepEqual(d.range, rangeOf(T, R[3]));
    const h = await hoverAt(R[3].start);
    assert.equal(occurrences(h, d.message), 0, `the hover repeats the diagnostic:\n${h}`);
    assert.ok(h.includes('✗'), h);
  });

  it('a hover away from any diagnostic keeps the full message (the claim statement of a wrong value)', async () => {
    const d = diagnosticAt(R[1].start);
    const h = await hoverAt(R[0].start + 2);
    assert.equal(occurrences(h, d.message), 1, h);
  });

  describe('inlay hints', () => {
    let hints: InlayHint[];
    before(async () => {
      hints = await s.conn.sendRequest('textDocument/inlayHint', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: positionAt(T, T.length) },
      });
    });
    const labelAt = (offset: number) => {
      const p = positionAt(T, offset);
      const h = hints.find((x) => x.position.line === p.line && x.position.character === p.character);
      assert.ok(h, `a hint at ${JSON.stringify(p)}: ${JSON.stringify(hints)}`);
      return typeof h!.label === 'string' ? h!.label : h!.label.map((l) => l.value).join('');
    };

    it('an identity says it holds in 3 random trials, not `equal (3)`', () => {
      assert.equal(labelAt(R[4].end), 'holds in 3 random trials ✓');
    });

    it('a random tensor shows its shape, not its digits', () => {
      assert.equal(labelAt(R[5].end), '⇒ tensor 2×3');
    });

    it('a large tensor shows its shape; a small one its values', () => {
      assert.equal(labelAt(R[6].end), '⇒ tensor 7');
      assert.equal(labelAt(R[7].end), '⇒ [1, 0]');
    });
  });
});

describe('hint labels (issue 9)', () => {
  const base = {
    status: 'pass' as const, code: 'ok' as const, span: { start: 0, end: 1 }, source: 's', computed: '3', claimed: null,
    claimedSpan: null, steps: [],
  };
  it('an identity checked without random values just holds; a failing one says by how much', () => {
    assert.equal(hintLabel({ ...base, kind: 'identity', computedText: 'equal', message: 's holds: Both sides agree (shape ()); largest difference 0' }), 'holds ✓');
    assert.equal(hintLabel({ ...base, kind: 'identity', computedText: 'equal (3)', message: 's holds: Both sides agree (shape 3) in 1 random trial; largest difference 0' }), 'holds in 1 random trial ✓');
    assert.equal(
      hintLabel({ ...base, kind: 'identity', status: 'fail', code: 'mismatch', computedText: 'differ by up to 2', message: 's does not hold' }),
      'differ by up to 2 ✗',
    );
  });
  it('a tensor of six elements still shows its values; seven show the shape', () => {
    const v = (n: number) => Array.from({ length: n }, (_, i) => i);
    assert.equal(hintLabel({ ...base, kind: 'text', computed: v(6), computedText: '[0, 1, 2, 3, 4, 5]', message: '' }), '⇒ [0, 1, 2, 3, 4, 5] ✓');
    assert.equal(hintLabel({ ...base, kind: 'text', computed: [v(4), v(4)], computedText: '[[...]]', message: '' }), '⇒ tensor 2×4 ✓');
  });
});
