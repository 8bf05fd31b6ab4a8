/**
 * The bundled server, driven over stdio by a real JSON-RPC client: what an editor sees.
 * Documents carry «markers» around the ranges the server must report.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Hover, InlayHint, MarkupContent, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits, marked, positionAt, rangeOf, startSession, type Session } from './harness';
import type { CheckTextResult } from '../../server/src/lsp/protocol';
import manifest from '../../package.json';

const Error = 1;
const Information = 3;

// 0: a wrong claim's statement, 1: its claimed value, 2: a right claim's statement, 3: its value,
// 4: an unbound statement, 5: a let name, 6: a statement that cannot be evaluated.
const homework = marked(`# HW 3

<!-- check: «conv out 10x11 k3 s2» -->
The output 😀 dimension will be «5×4».

<!-- check: «conv out 10x11 k3 s2» -->
Therefore the output is «4×5».

<!-- check: «conv out 10x11 k3 s2» -->
Nothing is claimed here.

<!-- check: let «xs» = [[1,2],[3,4]] -->
<!-- check: «conv out 10x11» -->
Shape 3×3.
`);
const R = homework.ranges;
const T = homework.text;

function hoverText(h: Hover | null): string {
  assert.ok(h, 'expected a hover');
  return (h.contents as MarkupContent).value;
}

function edits(action: CodeAction): TextEdit[] {
  const e = action.edit!;
  if (e.documentChanges) return (e.documentChanges as TextDocumentEdit[]).flatMap((c) => c.edits as TextEdit[]);
  return Object.values(e.changes ?? {}).flat();
}

describe('language server over stdio', { timeout: 60_000 }, () => {
  let s: Session;
  before(async () => {
    s = await startSession();
  });
  after(async () => {
    await s.dispose();
  });

  it('declares its capabilities', () => {
    const caps = s.initializeResult.capabilities;
    assert.equal(caps.hoverProvider, true);
    assert.ok(caps.inlayHintProvider);
    const sync = caps.textDocumentSync as { openClose: boolean; change: number; save: unknown };
    assert.equal(sync.openClose, true);
    assert.equal(sync.change, 2, 'incremental sync');
    assert.ok(sync.save);
    const kinds = (caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds;
    assert.deepEqual(kinds.sort(), ['quickfix', 'refactor.insert', 'source.fixAll.derivcheck']);
    assert.equal(s.initializeResult.serverInfo?.name, 'derivcheck');
    assert.equal(s.initializeResult.serverInfo?.version, manifest.version);
  });

  it('publishes diagnostics on open: fail on the claimed value, unbound as information, error on the statement', async () => {
    const uri = 'file:///hw/open.md';
    s.open(uri, T);
    const p = await s.diagnosticsFor(uri, 1);
    const byLine = [...p.diagnostics].sort((a, b) => a.range.start.line - b.range.start.line);
    assert.equal(byLine.length, 3, JSON.stringify(p.diagnostics, null, 1));
    const [fail, unbound, error] = byLine;

    assert.equal(fail.severity, Error);
    assert.equal(fail.source, 'derivcheck');
    assert.deepEqual(fail.range, rangeOf(T, R[1]), 'on the claimed value, in UTF-16 columns (after an emoji)');
    assert.ok(String(fail.message).includes('4×5'), String(fail.message));
    assert.ok(fail.relatedInformation?.length);
    assert.equal(fail.relatedInformation![0].location.uri, uri);
    assert.deepEqual(fail.relatedInformation![0].location.range, rangeOf(T, R[0]), 'related information at the claim');

    assert.equal(unbound.severity, Information);
    assert.equal(unbound.code, 'unbound');
    assert.deepEqual(unbound.range, rangeOf(T, R[4]));

    assert.equal(error.severity, Error);
    assert.equal(error.range.start.line, positionAt(T, R[6].start).line);
    assert.ok(error.range.start.character >= positionAt(T, R[6].start).character);
    assert.ok(error.range.end.character <= positionAt(T, R[6].end).character);
    s.close(uri);
  });

  it('republishes after a change, for the new version', async () => {
    const uri = 'file:///hw/change.md';
    s.open(uri, T);
    await s.diagnosticsFor(uri, 1);
    const fixed = T.replace('5×4', '4×5');
    const v = s.change(uri, fixed);
    const p = await s.diagnosticsFor(uri, v);
    assert.equal(p.diagnostics.filter((d) => d.code !== 'unbound' && d.severity === Error && d.range.start.line === 3).length, 0);
    assert.equal(p.diagnostics.length, 2, 'unbound and error remain');
    s.close(uri);
  });

  it('after a burst of 20 edits publishes only the final version last, never stale content after it', async () => {
    const uri = 'file:///hw/burst.md';
    s.open(uri, T);
    await s.diagnosticsFor(uri, 1);
    const texts = new Map<number, string>();
    let last = 1;
    for (let i = 0; i < 20; i++) {
      // Each version claims a different size, and moves the claim, so stale results are recognisable.
      const text = `${'\n'.repeat(i % 3)}<!-- check: conv out 10x11 k3 s2 -->\nThe output is ${i + 1}×${20 - i}.\n`;
      last = s.change(uri, text);
      texts.set(last, text);
    }
    const final = await s.diagnosticsFor(uri, last);
    // One round trip: anything the server meant to send before answering has arrived.
    await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    const mine = s.published.filter((p) => p.uri === uri);
    const afterOpen = mine.slice(mine.findIndex((p) => p.version === 1) + 1);
    assert.ok(afterOpen.length >= 1);
    assert.equal(afterOpen[afterOpen.length - 1], final, 'the final version is published last');
    const versions = afterOpen.map((p) => p.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'versions never go back');
    // Every publication matches a fresh check of its own version's text: no result of one version
    // is ever shown with another's.
    for (const p of afterOpen) {
      const fresh: CheckTextResult = await s.conn.sendRequest('derivcheck/checkText', {
        uri: 'file:///hw/fresh.md',
        text: texts.get(p.version!)!,
        languageId: 'markdown',
      });
      const strip = (ds: typeof p.diagnostics) =>
        ds.map((d) => ({ range: d.range, message: d.message, code: d.code, severity: d.severity }));
      assert.deepEqual(strip(p.diagnostics), strip(fresh.diagnostics), `version ${p.version}`);
    }
    assert.equal(final.diagnostics.length, 1);
    assert.deepEqual(final.diagnostics[0].range.start, { line: 1 + ((20 - 1) % 3), character: 14 });
    s.close(uri);
  });

  it('clears diagnostics when a document closes', async () => {
    const uri = 'file:///hw/close.md';
    s.open(uri, T);
    await s.diagnosticsFor(uri, 1);
    const count = s.published.length;
    s.close(uri);
    const p = await s.diagnostics(uri, (q) => s.published.indexOf(q) >= count);
    assert.deepEqual(p.diagnostics, []);
  });

  describe('on an open document', () => {
    const uri = 'file:///hw/features.md';
    before(async () => {
      s.open(uri, T);
      await s.diagnosticsFor(uri, 1);
    });

    it('hovers on a claim statement with the computed value and the steps', async () => {
      const h: Hover | null = await s.conn.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: positionAt(T, R[2].start + 3),
      });
      const text = hoverText(h);
      assert.ok(text.includes('4×5'), text);
      assert.ok(/floor|\b4\b/.test(text), text);
      assert.deepEqual(h!.range, rangeOf(T, R[2]));
    });

    it('hovers on a wrong claimed value in the text with the verdict', async () => {
      const h: Hover | null = await s.conn.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: positionAt(T, R[1].start + 1),
      });
      const text = hoverText(h);
      assert.ok(text.includes('✗') || /does not hold/.test(text), text);
      assert.ok(text.includes('4×5'), text);
    });

    it('hovers on a let name with its shape', async () => {
      const h: Hover | null = await s.conn.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: positionAt(T, R[5].start + 1),
      });
      const text = hoverText(h);
      assert.ok(text.includes('xs'), text);
      assert.ok(text.includes('2×2'), text);
    });

    it('has no hover away from claims', async () => {
      const h: Hover | null = await s.conn.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line: 0, character: 2 },
      });
      assert.equal(h, null);
    });

    it('shows inlay hints after each claim statement', async () => {
      const hints: InlayHint[] = await s.conn.sendRequest('textDocument/inlayHint', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: positionAt(T, T.length) },
      });
      const at = (i: number) => hints.find((h) => h.position.line === positionAt(T, R[i].end).line);
      assert.deepEqual(at(0)?.position, positionAt(T, R[0].end));
      assert.equal(at(0)?.label, '⇒ 4×5 ✗');
      assert.equal(at(2)?.label, '⇒ 4×5 ✓');
      assert.equal(at(4)?.label, '⇒ 4×5');
      assert.equal(at(6), undefined, 'no hint for an error');
    });

    it('limits inlay hints to the requested range', async () => {
      const hints: InlayHint[] = await s.conn.sendRequest('textDocument/inlayHint', {
        textDocument: { uri },
        range: rangeOf(T, { start: R[2].start - 12, end: R[3].end }),
      });
      assert.deepEqual(hints.map((h) => h.label), ['⇒ 4×5 ✓']);
    });

    it('offers a preferred quick fix that replaces the wrong value, attached to its diagnostic', async () => {
      const published = await s.diagnosticsFor(uri, 1);
      const diagnostic = published.diagnostics.find((d) => d.severity === Error && d.range.start.line === 3)!;
      const actions: CodeAction[] = await s.conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic], only: ['quickfix'] },
      });
      assert.equal(actions.length, 1, JSON.stringify(actions));
      const [fix] = actions;
      assert.equal(fix.kind, 'quickfix');
      assert.equal(fix.isPreferred, true);
      assert.equal(fix.title, 'Replace 5×4 with 4×5');
      assert.deepEqual(fix.diagnostics?.map((d) => d.range), [diagnostic.range]);
      const e = edits(fix);
      assert.equal(e.length, 1);
      assert.deepEqual(e[0].range, rangeOf(T, R[1]));
      assert.equal(e[0].newText, '4×5');
      const version = (fix.edit!.documentChanges![0] as TextDocumentEdit).textDocument.version;
      assert.equal(version, 1, 'edits are tied to the version they were computed for');
    });

    it('offers no quick fix away from a failing claim', async () => {
      const actions: CodeAction[] = await s.conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: rangeOf(T, R[3]),
        context: { diagnostics: [], only: ['quickfix'] },
      });
      assert.deepEqual(actions, []);
    });

    it('fixes all claims with source.fixAll, after which the document checks clean', async () => {
      const actions: CodeAction[] = await s.conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll'] },
      });
      assert.equal(actions.length, 1);
      assert.equal(actions[0].kind, 'source.fixAll.derivcheck');
      const fixedText = applyEdits(T, edits(actions[0]));
      const result: CheckTextResult = await s.conn.sendRequest('derivcheck/checkText', {
        uri: 'file:///hw/fixed.md',
        text: fixedText,
        languageId: 'markdown',
      });
      assert.equal(result.counts.fail, 0);
      assert.equal(result.counts.pass, 2);
    });
  });

  it('checks a text that is not open: counts and diagnostics', async () => {
    const result: CheckTextResult = await s.conn.sendRequest('derivcheck/checkText', {
      uri: 'file:///hw/closed.md',
      text: T,
    });
    assert.equal(result.checked, true);
    assert.deepEqual(result.counts, { claims: 4, pass: 1, fail: 1, error: 1, unbound: 1 });
    assert.equal(result.diagnostics.length, 3);
    assert.ok(!s.published.some((p) => p.uri === 'file:///hw/closed.md'), 'nothing published for a closed file');
  });

  it('does not check files that are neither Markdown nor LaTeX', async () => {
    const result: CheckTextResult = await s.conn.sendRequest('derivcheck/checkText', {
      uri: 'file:///hw/notes.txt',
      text: T,
    });
    assert.equal(result.checked, false);
  });

  it('checks LaTeX comments', async () => {
    const tex = marked(
      '\\documentclass{article}\n\\begin{document}\n% check: «conv out 10x11 k3 s2»\nThe output is «5 \\times 4».\n\\end{document}\n',
    );
    const uri = 'file:///hw/hw.tex';
    s.open(uri, tex.text, 'latex');
    const p = await s.diagnosticsFor(uri, 1);
    assert.equal(p.diagnostics.length, 1, JSON.stringify(p.diagnostics));
    assert.deepEqual(p.diagnostics[0].range, rangeOf(tex.text, tex.ranges[1]));
    s.close(uri);
  });

  it('marks the side of a math chain that breaks it', async () => {
    const m = marked('<!-- check: «math W=10 K=3 P=0 S=2» -->\n$$W_o = \\frac{W - K + 2P}{S} + 1 = \\frac{10 - 3}{2} + 1 = «5»$$\n');
    const uri = 'file:///hw/math.md';
    s.open(uri, m.text);
    const p = await s.diagnosticsFor(uri, 1);
    assert.equal(p.diagnostics.length, 1, JSON.stringify(p.diagnostics));
    assert.deepEqual(p.diagnostics[0].range, rangeOf(m.text, m.ranges[1]));
    assert.deepEqual(p.diagnostics[0].relatedInformation?.[0].location.range, rangeOf(m.text, m.ranges[0]));
    const hints: InlayHint[] = await s.conn.sendRequest('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
    });
    assert.deepEqual(hints.map((h) => h.label), ['✗']);
    s.close(uri);
  });

  it('marks a broken link at its side and an unreadable link at the token that stopped it', async () => {
    const m = marked('<!-- check: math -->\n$$2 + 2 = «5» = 3«!» \\cdot 2$$\n');
    const uri = 'file:///hw/math-links.md';
    s.open(uri, m.text);
    const p = await s.diagnosticsFor(uri, 1);
    assert.deepEqual(p.diagnostics.map((d) => d.range), [rangeOf(m.text, m.ranges[0]), rangeOf(m.text, m.ranges[1])]);
    s.close(uri);
  });

  it('survives a document of random bytes and still answers', async () => {
    const uri = 'file:///hw/noise.md';
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) & 0xff;
    const bytes = Buffer.from(Array.from({ length: 20_000 }, rand));
    // Interleave claim openers so the noise reaches the claim parser, not just the Markdown one.
    const noise = bytes.toString('latin1').replace(/(.{500})/gs, '$1<!-- check: ') + '\u0000\uD800';
    s.open(uri, noise);
    await s.diagnosticsFor(uri, 1);
    s.open('file:///hw/noise.tex', noise.replaceAll('<!-- check:', '% check:'), 'latex');
    await s.diagnosticsFor('file:///hw/noise.tex', 1);
    const h = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 4 } });
    assert.ok(h === null || typeof h === 'object');
    assert.ok(s.alive);
    s.close(uri);
    s.close('file:///hw/noise.tex');
  });
});

describe('language server over node IPC, as VS Code starts it', { timeout: 60_000 }, () => {
  it('initializes and publishes diagnostics', async () => {
    const s = await startSession({ transport: 'ipc' });
    try {
      assert.equal(s.initializeResult.serverInfo?.name, 'derivcheck');
      const uri = 'file:///hw/ipc.md';
      s.open(uri, T);
      const p = await s.diagnosticsFor(uri, 1);
      assert.equal(p.diagnostics.length, 3);
    } finally {
      await s.dispose();
    }
  });
});

describe('language server settings', { timeout: 60_000 }, () => {
  it('in onSave mode publishes on open and save, not on change; inlay hints can be turned off', async () => {
    const s = await startSession({
      configuration: (item) => (item.section === 'derivcheck' ? { run: 'onSave', inlayHints: { enabled: false } } : null),
    });
    try {
      const uri = 'file:///hw/save.md';
      s.open(uri, T);
      const opened = await s.diagnosticsFor(uri, 1);
      assert.equal(opened.diagnostics.length, 3);
      const v = s.change(uri, T.replace('5×4', '4×5'));
      // A hover round trip later, still nothing for the edit: it waits for the save.
      const hints: InlayHint[] = await s.conn.sendRequest('textDocument/inlayHint', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } },
      });
      assert.deepEqual(hints, []);
      s.save(uri);
      const saved = await s.diagnosticsFor(uri, v);
      assert.equal(saved.diagnostics.length, 2);
      assert.deepEqual(
        s.published.filter((p) => p.uri === uri).map((p) => p.version),
        [1, v],
        'one publication for the open and one for the save',
      );
    } finally {
      await s.dispose();
    }
  });

  it('publishes nothing when disabled', async () => {
    const s = await startSession({ configuration: () => ({ enable: false }) });
    try {
      const uri = 'file:///hw/off.md';
      s.open(uri, T);
      const p = await s.diagnosticsFor(uri, 1);
      assert.deepEqual(p.diagnostics, []);
      const h = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionAt(T, R[0].start) });
      assert.equal(h, null);
    } finally {
      await s.dispose();
    }
  });
});
