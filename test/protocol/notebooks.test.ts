/**
 * LSP 3.17 notebook synchronisation against the bundled server: `notebookDocument/didOpen` and
 * `didChange` (cells inserted, removed, moved, edited) publish each Markdown cell's diagnostics under its
 * own cell URI, `let`s flow from earlier cells to later ones, removed cells' diagnostics are cleared,
 * and requests on a cell (hover, inlay hints, quick fixes) answer from its notebook's check.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Hover, InlayHint, MarkupContent, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startSession, type Session } from './harness';

const NB = 'file:///hw/hw3.ipynb';
const cellUri = (n: number) => `vscode-notebook-cell:/hw/hw3.ipynb#W${n}sZmlsZQ%3D%3D`;

interface Cell {
  uri: string;
  text: string;
  version: number;
}

const markdown = 1;

/** A notebook client: holds the cells and sends LSP notebook notifications for each change. */
class Notebook {
  version = 1;
  cells: Cell[] = [];
  constructor(readonly s: Session) {}

  open(texts: [number, string][]): void {
    this.cells = texts.map(([n, text]) => ({ uri: cellUri(n), text, version: 1 }));
    void this.s.conn.sendNotification('notebookDocument/didOpen', {
      notebookDocument: { uri: NB, notebookType: 'jupyter-notebook', version: this.version, cells: this.cells.map((c) => ({ kind: markdown, document: c.uri })) },
      cellTextDocuments: this.cells.map((c) => ({ uri: c.uri, languageId: 'markdown', version: c.version, text: c.text })),
    });
  }

  /** Replaces `deleteCount` cells at `start` with new cells (inserted, removed, or moved as both). */
  splice(start: number, deleteCount: number, added: Cell[]): void {
    const removed = this.cells.splice(start, deleteCount, ...added);
    this.version++;
    const newAdded = added.filter((c) => !removed.some((r) => r.uri === c.uri));
    void this.s.conn.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: NB, version: this.version },
      change: {
        cells: {
          structure: {
            array: { start, deleteCount, cells: added.map((c) => ({ kind: markdown, document: c.uri })) },
            didOpen: newAdded.map((c) => ({ uri: c.uri, languageId: 'markdown', version: c.version, text: c.text })),
            didClose: removed.filter((r) => !added.some((c) => c.uri === r.uri)).map((r) => ({ uri: r.uri })),
          },
        },
      },
    });
  }

  edit(index: number, text: string): void {
    const cell = this.cells[index];
    cell.text = text;
    cell.version++;
    this.version++;
    void this.s.conn.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: NB, version: this.version },
      change: { cells: { textContent: [{ document: { uri: cell.uri, version: cell.version }, changes: [{ text }] }] } },
    });
  }

  close(): void {
    void this.s.conn.sendNotification('notebookDocument/didClose', {
      notebookDocument: { uri: NB },
      cellTextDocuments: this.cells.map((c) => ({ uri: c.uri })),
    });
  }
}

/** Waits until the latest publication of every listed cell satisfies its test. */
async function settled(s: Session, want: Record<string, (p: PublishDiagnosticsParams) => boolean>): Promise<Record<string, PublishDiagnosticsParams>> {
  // Bounded by the test's timeout; on failure the last publications say what the server sent.
  for (let i = 0; ; i++) {
    const latest: Record<string, PublishDiagnosticsParams> = {};
    for (const p of s.published) latest[p.uri] = p;
    if (Object.entries(want).every(([uri, test]) => latest[uri] && test(latest[uri]))) return latest;
    if (i === 600) assert.fail(`still waiting; last publications: ${JSON.stringify(Object.values(latest).map((p) => [p.uri, p.version, messages(p)]))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const text = (m: string | MarkupContent) => (typeof m === 'string' ? m : m.value);
const messages = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => text(d.message));

const LET = '# HW\n\n<!-- check: let x : 5x7 -->\n';
const GOOD = '<!-- check: x.T @ x -->\nThe Gram matrix is $7 \\times 7$.\n';
const BAD = '<!-- check: x @ x.T -->\nand the other one is $7 \\times 7$ too.\n';

describe('notebooks over LSP 3.17', { timeout: 120_000 }, () => {
  let s: Session;
  before(async () => {
    s = await startSession();
  });
  after(async () => {
    await s.dispose();
  });

  it('announces notebook sync for Markdown cells of any notebook', () => {
    assert.deepEqual(s.initializeResult.capabilities.notebookDocumentSync, { notebookSelector: [{ notebook: '*', cells: [{ language: 'markdown' }] }] });
  });

  it('didOpen: each cell gets its own diagnostics; a let in cell 1 is known in cells 2 and 3', async () => {
    const nb = new Notebook(s);
    nb.open([[1, LET], [2, GOOD], [3, BAD]]);
    const got = await settled(s, { [cellUri(1)]: () => true, [cellUri(2)]: () => true, [cellUri(3)]: (p) => p.diagnostics.length === 1 });
    assert.deepEqual(got[cellUri(1)].diagnostics, []);
    assert.deepEqual(got[cellUri(2)].diagnostics, []);
    const d = got[cellUri(3)].diagnostics[0];
    assert.match(text(d.message), /^Claimed 7×7, but x @ x\.T gives 5×5/);
    // On "7 \times 7" of the cell's second line: a range within the cell, not within the joined text.
    assert.deepEqual(d.range, { start: { line: 1, character: 22 }, end: { line: 1, character: 32 } });
    assert.equal(got[cellUri(3)].version, 1);

    // Requests on a cell answer from the notebook's check.
    const hover = (await s.conn.sendRequest('textDocument/hover', { textDocument: { uri: cellUri(3) }, position: { line: 1, character: 25 } })) as Hover;
    assert.match((hover.contents as MarkupContent).value, /5×5/);
    const hints = (await s.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri: cellUri(2) }, range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } } })) as InlayHint[];
    assert.ok(hints.some((h) => String(typeof h.label === 'string' ? h.label : h.label.map((l) => l.value).join('')).includes('7×7')), JSON.stringify(hints));
    const actions = (await s.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: cellUri(3) },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.kind === 'quickfix');
    assert.ok(fix, JSON.stringify(actions));
    assert.match(JSON.stringify(fix.edit), new RegExp(cellUri(3).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.match(JSON.stringify(fix.edit), /5 \\\\times 5|5×5/);
    const all = (await s.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: cellUri(3) },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.equal(all.length, 1);

    // Edit: cell 3 fixed by the student; cell 1's let changed so cell 2 now fails.
    nb.edit(2, BAD.replace('7 \\times 7', '5 \\times 5'));
    await settled(s, { [cellUri(3)]: (p) => p.version === 2 && p.diagnostics.length === 0 });
    nb.edit(0, LET.replace('5x7', '5x6'));
    const edited = await settled(s, { [cellUri(2)]: (p) => p.diagnostics.length === 1 });
    assert.match(messages(edited[cellUri(2)])[0], /gives 6×6/);

    // Insert a cell before cell 2 that rebinds x: cells after it see the new x.
    nb.splice(1, 0, [{ uri: cellUri(4), text: '<!-- check: let x : 7x7 -->\n', version: 1 }]);
    const inserted = await settled(s, { [cellUri(2)]: (p) => p.diagnostics.length === 0, [cellUri(4)]: () => true, [cellUri(3)]: (p) => p.diagnostics.length === 1 });
    assert.match(messages(inserted[cellUri(3)])[0], /gives 7×7/);

    // Move the rebinding cell to the end: cells 2 and 3 see the let of cell 1 again.
    const moved = nb.cells[1];
    nb.splice(1, 1, []);
    nb.splice(nb.cells.length, 0, [moved]);
    await settled(s, { [cellUri(2)]: (p) => p.diagnostics.length === 1, [cellUri(3)]: (p) => p.diagnostics.length === 0 });

    // Remove cell 1 (the let): its diagnostics are cleared, and cells 2 and 3 no longer know x.
    s.published.length = 0;
    nb.splice(0, 1, []);
    const removed = await settled(s, { [cellUri(1)]: (p) => p.diagnostics.length === 0, [cellUri(2)]: (p) => p.diagnostics.some((d) => d.code === 'unknown-name') });
    assert.match(messages(removed[cellUri(2)]).join('\n'), /\bx\b/);

    // Close: every cell's diagnostics are cleared.
    nb.close();
    await settled(s, { [cellUri(2)]: (p) => p.diagnostics.length === 0, [cellUri(3)]: (p) => p.diagnostics.length === 0 });
  });

  it('a claim that ends a cell binds to the next cell: the diagnostic stands on the claim, in its own cell', async () => {
    const uri = 'file:///hw/b.ipynb';
    const c1 = 'vscode-notebook-cell:/hw/b.ipynb#W0';
    const c2 = 'vscode-notebook-cell:/hw/b.ipynb#W1';
    void s.conn.sendNotification('notebookDocument/didOpen', {
      notebookDocument: { uri, notebookType: 'jupyter-notebook', version: 1, cells: [{ kind: markdown, document: c1 }, { kind: markdown, document: c2 }] },
      cellTextDocuments: [
        { uri: c1, languageId: 'markdown', version: 1, text: 'Part a)\n\n<!-- check: conv out 10x11 k3 s2 -->' },
        { uri: c2, languageId: 'markdown', version: 1, text: 'So the output is 5×4.\n' },
      ],
    });
    const got = await settled(s, { [c1]: (p) => p.diagnostics.length === 1, [c2]: () => true });
    assert.match(text(got[c1].diagnostics[0].message), /^Claimed 5×4, but conv out 10×11 k3 s2 gives 4×5/);
    assert.equal(got[c1].diagnostics[0].range.start.line, 2);
    assert.deepEqual(got[c2].diagnostics, []);
  });

  it('Verify All on a notebook file that is not open counts its Markdown cells\' claims', async () => {
    const json = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
      { cell_type: 'markdown', metadata: {}, source: LET },
      { cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: '# <!-- check: 1 + 1 = 3 -->' },
      { cell_type: 'markdown', metadata: {}, source: [GOOD, '\n', BAD] },
    ] });
    const r = (await s.conn.sendRequest('derivcheck/checkText', { uri: 'file:///hw/closed.ipynb', text: json })) as { checked: boolean; counts: unknown };
    assert.equal(r.checked, true);
    assert.deepEqual(r.counts, { claims: 2, pass: 1, fail: 1, error: 0, unbound: 0 });
    const bad = (await s.conn.sendRequest('derivcheck/checkText', { uri: 'file:///hw/bad.ipynb', text: '{' })) as { checked: boolean };
    assert.equal(bad.checked, false);
  });

  it('Quarto and R Markdown files are checked as Markdown, by language id (quarto, rmd) or, as plain text, by name', async () => {
    const doc = '```{r}\n# <!-- check: 1 + 1 = 3 -->\n```\n\n<!-- check: conv out 10x11 k3 s2 -->\nThe output is 5×4.\n';
    for (const [uri, languageId] of [['file:///hw/a.qmd', 'quarto'], ['file:///hw/b.Rmd', 'rmd'], ['file:///hw/c.qmd', 'plaintext'], ['file:///hw/d.Rmd', 'plaintext']]) {
      s.open(uri, doc, languageId);
      const p = await s.diagnostics(uri, (x) => x.diagnostics.length > 0);
      assert.equal(p.diagnostics.length, 1, `${uri} (${languageId})`);
      assert.match(messages(p)[0], /^Claimed 5×4, but conv out 10×11 k3 s2 gives 4×5/, `${uri} (${languageId})`);
    }
  });
});
