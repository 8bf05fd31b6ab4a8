// Server stress: 1,000 rapid random edits (incremental ranges and full-text replacements) sent over
// stdio without waiting; the server stays up, publishes for the last version, never publishes an older
// version after it, and its final diagnostics are what a fresh checkDocument says about the final text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { checkDocument } from '../../server/src/checker';
import type { DocumentKind } from '../../server/src/core/document';
import { LineIndex } from '../../server/src/core/span';
import { documentDiagnostics } from '../../server/src/lsp/diagnostics';
import { positionAt, startSession, type Session } from './harness';
import { seededUniform } from '../../server/src/core/random';

/** The project's seeded generator, so that every run checks the same cases. */
const rng = seededUniform;

const INSERTS = [
  '4', '5', '2', 'x', '×', ' ', '\n', '\n\n', 'k', 's2', ';', '=', ':', '(', ')', '[', ']', '$', '$$', '-->', '<!--', '%',
  '<!-- check: conv out 10x11 k3 s2 -->\n', '<!-- check: let z = [[1,2],[3,4]]; z @ z -->\nIt is [[7,10],[15,22]].\n',
  '<!-- check: math W=10 K=3 -->\n$$W - K = 7$$\n', '% check: conv out 10 k3\n', '😀', 'Résumé', '\t',
];

/** Expected diagnostics of a text, as the server words them; sorted for comparison. */
function expected(uri: string, kind: DocumentKind, text: string) {
  const check = checkDocument({ name: uri, kind, text });
  return normalize(documentDiagnostics({ uri, version: 0, kind, text, lines: new LineIndex(text), check }));
}

function normalize(ds: readonly { range: unknown; message: unknown; severity?: unknown; code?: unknown }[]) {
  return ds
    .map((d) => ({ range: JSON.stringify(d.range), message: JSON.stringify(d.message), severity: d.severity, code: d.code }))
    .sort((a, b) => (a.range + a.message < b.range + b.message ? -1 : 1));
}

describe('server stress: 1,000 rapid random edits', { timeout: 300_000 }, () => {
  let s: Session;
  before(async () => {
    s = await startSession();
  });
  after(async () => {
    await s.dispose();
  });

  for (const [kind, file, seed] of [
    ['markdown', 'hw3.md', 1],
    ['latex', 'hw3.tex', 2],
  ] as const) {
    it(`${kind}: still up, final diagnostics equal a fresh check of the final text`, async () => {
      const uri = `file:///stress/${file}`;
      const r = rng(seed);
      let text = readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8').replace(/\r/g, '');
      s.open(uri, text, kind);
      let version = 1;
      for (let i = 0; i < 1000; i++) {
        version++;
        const pick = r();
        if (pick < 0.1) {
          // Full-text change: a few edits at once, sent as the whole new text.
          for (let k = 0; k < 3; k++) {
            const at = Math.floor(r() * (text.length + 1));
            text = text.slice(0, at) + INSERTS[Math.floor(r() * INSERTS.length)] + text.slice(Math.min(text.length, at + Math.floor(r() * 10)));
          }
          void s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
          continue;
        }
        let start = Math.floor(r() * (text.length + 1));
        let end = Math.min(text.length, start + (pick < 0.5 ? 0 : Math.floor(r() * 20)));
        // Never split a surrogate pair: an editor would not.
        if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start] ?? '')) start--;
        if (end > 0 && /[\uDC00-\uDFFF]/.test(text[end] ?? '')) end++;
        end = Math.max(start, Math.min(end, text.length));
        const insert = pick < 0.8 ? INSERTS[Math.floor(r() * INSERTS.length)] : '';
        const range = { start: positionAt(text, start), end: positionAt(text, end) };
        text = text.slice(0, start) + insert + text.slice(end);
        void s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: insert }] });
      }
      const final = await s.diagnosticsFor(uri, version);
      assert.ok(s.alive, 'the server is still running');
      assert.deepEqual(normalize(final.diagnostics), expected(uri, kind, text));
      // Nothing older may arrive after the final version's diagnostics.
      await new Promise((res) => setTimeout(res, 400));
      const i = s.published.indexOf(final);
      const later = s.published.slice(i + 1).filter((p) => p.uri === uri);
      assert.ok(later.every((p) => p.version === version), `stale publications after the final one: ${later.map((p) => p.version).join(', ')}`);
      // And it still answers requests.
      const hover = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
      assert.ok(hover === null || typeof hover === 'object');
    });
  }
});
