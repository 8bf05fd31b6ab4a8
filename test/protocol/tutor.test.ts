/**
 * Claim-writing help over the real protocol (the bundled server over stdio): completion inside a claim
 * comment, signature help inside calls, hover on function names, the hint at the end of a failing
 * claim's hover, and the "Add a check for this value" action.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CompletionItem, CompletionList, Hover, MarkupContent, SignatureHelp } from 'vscode-languageserver-protocol';
import { applyEdits, marked, positionAt, startSession, type Session } from './harness';

function labels(r: CompletionItem[] | CompletionList | null): string[] {
  const items = r === null ? [] : Array.isArray(r) ? r : r.items;
  return items.map((i) => i.label);
}

function items(r: CompletionItem[] | CompletionList | null): CompletionItem[] {
  return r === null ? [] : Array.isArray(r) ? r : r.items;
}

describe('claim-writing help over the protocol', () => {
  let s: Session;
  before(async () => {
    s = await startSession();
  });
  after(async () => {
    await s.dispose();
  });

  async function complete(uri: string, text: string, offset: number, languageId = 'markdown') {
    s.open(uri, text, languageId);
    await s.diagnostics(uri);
    return s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: positionAt(text, offset) }) as Promise<CompletionItem[] | CompletionList | null>;
  }

  it('announces completion (space, dot, paren triggers) and signature help', () => {
    const caps = s.initializeResult.capabilities;
    assert.deepEqual(caps.completionProvider?.triggerCharacters, [' ', '.', '(', ',', ';']);
    assert.deepEqual(caps.signatureHelpProvider?.triggerCharacters, ['(', ',']);
  });

  it('completes function names with signature and description inside an unterminated claim comment', async () => {
    const text = 'Some prose.\n\n<!-- check: sof';
    const r = await complete('file:///c1.md', text, text.length);
    const softmax = items(r).find((i) => i.label === 'softmax');
    assert.ok(softmax, `softmax missing from ${labels(r).slice(0, 20)}`);
    assert.equal(softmax.detail, 'softmax(input, dim=None)');
    assert.equal((softmax.documentation as MarkupContent).value, 'Softmax along `dim`: exponentials normalised to sum to 1.\n\nShape: same as input');
    // statement keywords and snippets come at a statement's start
    for (const k of ['let', 'math', 'table', 'convention', 'layout', 'conv out', 'shape claim']) assert.ok(labels(r).includes(k), k);
  });

  it('offers nothing outside claim comments', async () => {
    const text = 'Plain prose with softmax in it.\n';
    assert.deepEqual(labels(await complete('file:///c2.md', text, 20)), []);
  });

  it('offers whole claim comments for the common kinds on a line that starts with a prefix of check', async () => {
    const text = 'Intro.\n\n<!-- che';
    const r = items(await complete('file:///snip.md', text, text.length));
    assert.deepEqual(r.map((i) => i.label), ['check: layer', 'check: shape', 'check: value', 'check: gradient', 'check: parameters']);
    const layer = r[0];
    assert.equal(layer.insertTextFormat, 2);
    assert.deepEqual(layer.textEdit, { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 8 } }, newText: '<!-- check: conv out ${1:10x11} k${2:3} s${3:2} -->' });
    const tex = 'Intro.\n\nch';
    const t = items(await complete('file:///snip.tex', tex, tex.length, 'latex'));
    assert.equal((t[1].textEdit as { newText: string }).newText, '% check: ${1:x @ W} : ${2:4x5}');
    assert.deepEqual(labels(await complete('file:///snip2.md', 'The chart', 9)), [], 'only at the start of a line');
  });

  it('completes let names with their shapes', async () => {
    const text = '<!-- check: let W : 1x2x3 -->\n\n<!-- check: grad(sum(W), ';
    const w = items(await complete('file:///c3.md', text, text.length)).find((i) => i.label === 'W');
    assert.ok(w);
    assert.equal(w.detail, 'W: 1×2×3');
  });

  it('completes layer params after conv out DIMS, without those already written', async () => {
    const text = '<!-- check: conv out 10x11 k3 ';
    assert.deepEqual(labels(await complete('file:///c4.md', text, text.length)), ['s', 'p', 'p=same', 'p=valid', 'd', 'f']);
    const pool = '<!-- check: pool2d out 3x10x10 ';
    assert.deepEqual(labels(await complete('file:///c5.md', pool, pool.length)), ['k', 's', 'p', 'p=same', 'p=valid', 'd', 'ceil']);
  });

  it('completes nn. constructors and setting values', async () => {
    const text = '<!-- check: let net = nn.';
    const r = items(await complete('file:///c6.md', text, text.length));
    const conv = r.find((i) => i.label === 'Conv2d');
    assert.ok(conv);
    assert.equal(conv.detail, 'nn.Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True)');
    const conv2 = '<!-- check: convention ';
    assert.deepEqual(labels(await complete('file:///c7.md', conv2, conv2.length)), ['pytorch', 'tensorflow', 'strict']);
  });

  it('completes in a LaTeX claim comment, its continuation lines included', async () => {
    const text = 'Text.\n% check: let x : 2x5\n% soft';
    assert.ok(labels(await complete('file:///c8.tex', text, text.length, 'latex')).includes('softmax'));
  });

  it('shows the signature with the active parameter inside a call', async () => {
    const uri = 'file:///sig.md';
    const text = '<!-- check: conv2d(x, W, ';
    s.open(uri, text);
    await s.diagnostics(uri);
    const h: SignatureHelp | null = await s.conn.sendRequest('textDocument/signatureHelp', { textDocument: { uri }, position: positionAt(text, text.length) });
    assert.ok(h);
    assert.equal(h.signatures[0].label, 'conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1)');
    assert.deepEqual(h.signatures[0].parameters?.map((p) => p.label), ['input', 'weight', 'bias=None', 'stride=1', 'padding=0', 'dilation=1', 'groups=1']);
    assert.equal(h.activeParameter, 2);
    const kw = '<!-- check: conv2d(x, W, padding=';
    s.change(uri, kw);
    const k: SignatureHelp | null = await s.conn.sendRequest('textDocument/signatureHelp', { textDocument: { uri }, position: positionAt(kw, kw.length) });
    assert.equal(k?.activeParameter, 4);
    // the keyword arguments are also completed
    const c = '<!-- check: conv2d(x, W, ';
    const ls = labels(await complete('file:///sig2.md', c, c.length));
    for (const l of ['bias=', 'stride=', 'padding=', 'dilation=', 'groups=']) assert.ok(ls.includes(l), l);
  });

  it('documents a function name on hover', async () => {
    const uri = 'file:///hov.md';
    const m = marked('<!-- check: let z = [1.0, 2.0]; «softmax»(z, dim=0) = [0.2689, 0.7311] -->\n');
    s.open(uri, m.text);
    await s.diagnostics(uri);
    const h: Hover | null = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionAt(m.text, m.ranges[0].start + 2) });
    assert.ok(h);
    assert.equal((h.contents as MarkupContent).value, '```text\nsoftmax(input, dim=None)\n```\n\nSoftmax along `dim`: exponentials normalised to sum to 1.\n\nShape: same as input');
    assert.deepEqual(h.range, { start: positionAt(m.text, m.ranges[0].start), end: positionAt(m.text, m.ranges[0].end) });
  });

  it('ends the hover of a failing claim with its hint', async () => {
    const uri = 'file:///hint.md';
    const text = '<!-- check: conv out 10x11 k3 s2 = 3x4 -->\n';
    s.open(uri, text);
    await s.diagnostics(uri);
    const h: Hover | null = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionAt(text, 14) });
    assert.ok(h);
    assert.match((h.contents as MarkupContent).value, /the claimed 3×4 leaves out the \+1/);
    const d = await s.diagnostics(uri);
    assert.match(String(d.diagnostics[0].message), /; the claimed 3×4 leaves out the \+1$/);
  });

  it('offers "Add a check for this value" on a sentence that states a shape, inserting a skeleton above its paragraph', async () => {
    const uri = 'file:///add.md';
    const text = '# HW\n\nThe first layer\nturns the image into 28×28×6 maps.\n';
    s.open(uri, text);
    await s.diagnostics(uri);
    const at = positionAt(text, text.indexOf('maps'));
    const actions: CodeAction[] = await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] } });
    const add = actions.find((a) => a.title.startsWith('Add a check'));
    assert.ok(add);
    assert.equal(add.title, 'Add a check for this value (28×28×6)');
    const edited = applyEdits(text, add.edit!.changes![uri]);
    assert.equal(edited, '# HW\n\n<!-- check: EXPR -->\nThe first layer\nturns the image into 28×28×6 maps.\n');
  });
});

describe('where writing help applies (completion.ts, no protocol)', () => {
  it('finds the claim statement before the cursor in Markdown, closed or not', async () => {
    const { claimContextAt } = await import('../../server/src/lsp/completion');
    const open = 'x\n<!-- check: let a : 2x3; sof';
    assert.deepEqual(claimContextAt(open, 'markdown', open.length), { statementStart: open.indexOf(' sof'), before: ' sof' });
    const closed = '<!-- check: conv out 4x4 k3 --> after';
    assert.equal(claimContextAt(closed, 'markdown', closed.indexOf('k3') + 2)?.before, ' conv out 4x4 k3');
    assert.equal(claimContextAt(closed, 'markdown', closed.length), null, 'after the comment is prose');
    assert.equal(claimContextAt('<!-- a comment, not a claim', 'markdown', 10), null);
    assert.equal(claimContextAt('<!-- che', 'markdown', 8), null, 'not before check: is complete');
  });

  it('finds it in LaTeX comments and their continuation lines, not after \\%', async () => {
    const { claimContextAt } = await import('../../server/src/lsp/completion');
    const tex = 'We have 50\\% of it. % check: conv out 9 k3\n% let x : 3\n% x @ ';
    assert.equal(claimContextAt(tex, 'latex', tex.length)?.before, ' x @ ');
    assert.equal(claimContextAt(tex, 'latex', tex.indexOf('k3') + 2)?.before, ' conv out 9 k3');
    assert.equal(claimContextAt('50\\% check: x', 'latex', 14), null);
    assert.equal(claimContextAt('text\n% a plain comment\n% more', 'latex', 28), null);
  });

  it('reads the open call, its argument index and keywords', async () => {
    const { enclosingCall } = await import('../../server/src/lsp/completion');
    const c = enclosingCall(' conv2d(x[0, :], W, stride=(1, 2), pad');
    assert.ok(c);
    assert.equal(c.callee, 'conv2d');
    assert.equal(c.index, 3);
    assert.deepEqual([...c.given], ['stride']);
    assert.equal(enclosingCall(' sum(x) + 1'), null);
  });

  it('offers "Add a check" on prose stating a value, never inside a claim or code fence', async () => {
    const { addCheckAt } = await import('../../server/src/lsp/completion');
    const md = 'Intro.\n\nThe loss is 0.25 here.\n';
    assert.deepEqual(addCheckAt(md, 'markdown', md.indexOf('0.25')), { at: md.indexOf('The'), insert: '<!-- check: EXPR -->\n', value: '0.25' });
    assert.equal(addCheckAt('<!-- check: x : 2x3 -->', 'markdown', 15), null);
    assert.equal(addCheckAt('No values in this sentence.', 'markdown', 5), null);
    const tex = 'The output is $4 \\times 5$.\n';
    assert.deepEqual(addCheckAt(tex, 'latex', 3), { at: 0, insert: '% check: EXPR\n', value: '4 \\times 5' });
  });
});

describe('derivcheck.convention and derivcheck.layout over the protocol', () => {
  it('set the defaults a document starts with; statements in the document still override them', async () => {
    const s = await startSession({ configuration: () => ({ convention: 'tensorflow', layout: 'channels_last' }) });
    try {
      const uri = 'file:///conv.md';
      s.open(uri, '<!-- check: conv out 15x15 k3 s2 p=same = 8x8 -->\n\n<!-- check: conv2d out 32x32x3 k5 f=10 = 28x28x10 -->\n');
      const d = await s.diagnostics(uri);
      assert.deepEqual(d.diagnostics, []);
      const v = s.change(uri, '<!-- check: convention pytorch; conv out 15x15 k3 s2 p=same = 8x8 -->\n');
      const e = await s.diagnosticsFor(uri, v);
      assert.equal(e.diagnostics.length, 1);
      assert.match(String(e.diagnostics[0].message), /p=same needs stride 1/);
    } finally {
      await s.dispose();
    }
  });

  it('requests sent before the client has answered the settings are answered under them too, and the open is published', async () => {
    const s = await startSession({ configuration: () => ({ convention: 'tensorflow' }) });
    try {
      const uri = 'file:///early.md';
      // Under PyTorch's rule this claim fails; under TensorFlow's it holds.
      const v = s.open(uri, '<!-- check: conv out 15x15 k3 s2 p=same = 8x8 -->\n');
      const range = { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } };
      const [hints, hover] = await Promise.all([
        s.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range }),
        s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 14 } }),
      ]);
      const d = await s.diagnosticsFor(uri, v);
      assert.deepEqual(d.diagnostics, [], "published, under the client's convention");
      assert.match(JSON.stringify(hover), /tensorflow/);
      assert.ok(Array.isArray(hints));
    } finally {
      await s.dispose();
    }
  });
});
