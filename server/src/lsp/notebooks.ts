/**
 * Jupyter notebooks over LSP 3.17 notebook synchronisation. The client sends a notebook's Markdown
 * cells over the notebook channel (`notebookDocument/did*`); here they are joined in order into one
 * document (documents/notebook.ts), checked once, and the results are taken back to each cell, so
 * `let`s flow from earlier cells to later ones. Each cell then looks like an ordinary document
 * (a `CheckedDocument` under its `vscode-notebook-cell:` URI): diagnostics, hover, inlay hints and
 * quick fixes work on it unchanged.
 */
import {
  NotebookCellKind,
  NotebookDocuments,
  type Connection,
  type NotebookDocument,
  type NotebookDocumentSyncOptions,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentCheck } from '../core/result';
import { LineIndex } from '../core/span';
import { composeCells, readNotebook, composeNotebook } from '../documents/notebook';
import type { ComposedDocument } from '../documents/compose/composed';
import { projectCheck } from '../checker/project';
import { documentDiagnostics } from './diagnostics';
import { countResults, optionsFor, type CheckedDocument, type CheckerOptions } from './documents';
import { optionsKey, type CheckRunner } from './checkRunner';
import { Debouncer } from './debounce';
import { CountsNotification, emptyCounts, type CheckTextParams, type CheckTextResult, type ResultCounts } from './protocol';
import type { SettingsStore } from './settings';

/** Markdown cells of any notebook: code cells are never sent, so they cost nothing. */
export const notebookDocumentSync: NotebookDocumentSyncOptions = {
  notebookSelector: [{ notebook: '*', cells: [{ language: 'markdown' }] }],
};

/** How many times a request waits for a newer check after the one it waited for was superseded. */
export const supersededRetries = 5;

/** One check of a notebook: each Markdown cell's share of it, and the whole notebook's counts. */
export interface NotebookCheck {
  key: string;
  cells: Map<string, CheckedDocument>;
  counts: ResultCounts;
}

interface Entry {
  latest?: NotebookCheck;
  pending?: { key: string; promise: Promise<NotebookCheck | undefined> };
  /** Cell URIs diagnostics were last published for: a removed cell's must be cleared. */
  published: Set<string>;
}

export class NotebookChecks {
  private readonly entries = new Map<string, Entry>();
  private readonly debounce = new Debouncer();

  constructor(
    readonly notebooks: NotebookDocuments<TextDocument>,
    private readonly runner: CheckRunner,
    private readonly onCrash: (uri: string, error: unknown) => void,
  ) {}

  /** The notebook's Markdown cells in order, with their current text documents. */
  markdownCells(nb: NotebookDocument): TextDocument[] {
    const out: TextDocument[] = [];
    for (const cell of nb.cells) {
      if (cell.kind !== NotebookCellKind.Markup) continue;
      const doc = this.notebooks.getCellTextDocument(cell);
      if (doc && doc.languageId === 'markdown') out.push(doc);
    }
    return out;
  }

  /**
   * The check of the notebook as it is now: at once when its cells have not changed since the last
   * one, else asked for (once, however many callers wait). Undefined when a newer state of the
   * notebook superseded this one before its check finished.
   */
  checkOf(nb: NotebookDocument, options: CheckerOptions): Promise<NotebookCheck | undefined> {
    const entry = this.entryFor(nb.uri);
    const cells = this.markdownCells(nb);
    const key = `${optionsKey(options)}\n${cells.map((c) => `${c.uri}@${c.version}`).join('\n')}`;
    if (entry.latest && entry.latest.key === key) return Promise.resolve(entry.latest);
    if (entry.pending && entry.pending.key === key) return entry.pending.promise;
    const doc = composeCells(cells.map((c) => ({ id: c.uri, text: c.getText() })));
    const promise = this.run(nb.uri, doc, options).then((check): NotebookCheck | undefined => {
      if (entry.pending?.promise === promise) entry.pending = undefined;
      if (!check) return undefined;
      const byCell = new Map<string, CheckedDocument>();
      cells.forEach((cell, i) => byCell.set(cell.uri, cellCheck(cell, projectCheck(doc, check, i))));
      const checked = { key, cells: byCell, counts: countResults(check.results) };
      if (this.entries.get(nb.uri) === entry) entry.latest = checked;
      return checked;
    });
    entry.pending = { key, promise };
    return promise;
  }

  private async run(nbUri: string, doc: ComposedDocument, options: CheckerOptions): Promise<DocumentCheck | undefined> {
    try {
      return await this.runner.check(nbUri, { name: nbUri, kind: 'markdown', text: doc.text, ...(doc.parts ? { parts: doc.parts } : {}) }, options);
    } catch (error) {
      this.onCrash(nbUri, error);
      return { results: [], lets: [] };
    }
  }

  /** A cell's share of its notebook's current check, for a request on that cell (hover, hints, actions). */
  async cellOf(cellUri: string, options: (notebookUri: string) => Promise<CheckerOptions | undefined>): Promise<CheckedDocument | undefined> {
    // Superseded by a newer state of the notebook while it was checked: answer for the newer one
    // (a bounded number of times: a notebook edited without pause is answered when the edits stop).
    for (let attempt = 0; attempt < supersededRetries; attempt++) {
      const nb = this.notebooks.findNotebookDocumentForCell(cellUri);
      const o = nb && (await options(nb.uri));
      if (!nb || !o) return undefined;
      const checked = await this.checkOf(nb, o);
      if (checked) return checked.cells.get(cellUri);
    }
    return undefined;
  }

  schedule(nbUri: string, delayMs: number, task: () => void): void {
    this.debounce.schedule(nbUri, delayMs, task);
  }

  /** The cells published last time, replaced by `now`. */
  swapPublished(nbUri: string, now: Set<string>): Set<string> {
    const entry = this.entryFor(nbUri);
    const before = entry.published;
    entry.published = now;
    return before;
  }

  forget(nbUri: string): Set<string> {
    const entry = this.entries.get(nbUri);
    this.debounce.cancel(nbUri);
    this.entries.delete(nbUri);
    this.runner.forget(nbUri);
    return entry?.published ?? new Set();
  }

  private entryFor(uri: string): Entry {
    let entry = this.entries.get(uri);
    if (!entry) {
      entry = { published: new Set() };
      this.entries.set(uri, entry);
    }
    return entry;
  }
}

function cellCheck(cell: TextDocument, check: DocumentCheck): CheckedDocument {
  const text = cell.getText();
  let lines: LineIndex | undefined;
  return {
    uri: cell.uri,
    version: cell.version,
    kind: 'markdown',
    text,
    check,
    get lines() {
      return (lines ??= new LineIndex(text));
    },
  };
}

/** True for a notebook file's URI or path (`.ipynb`), which Verify All sends as JSON text. */
export function isNotebookFile(uri: string): boolean {
  const cut = uri.search(/[?#]/);
  return (cut >= 0 ? uri.slice(0, cut) : uri).toLowerCase().endsWith('.ipynb');
}

/**
 * Verify All on a notebook file that is not open: its Markdown cells checked from the file's JSON.
 * Only the counts come back: the diagnostics of a closed notebook have no cell editor to stand in;
 * they appear per cell when the notebook is opened.
 */
export async function checkNotebookText(params: CheckTextParams, enabled: boolean, check: (doc: ComposedDocument) => Promise<DocumentCheck>): Promise<CheckTextResult> {
  const none: CheckTextResult = { uri: params.uri, checked: false, counts: emptyCounts(), diagnostics: [] };
  if (!enabled || typeof params.text !== 'string') return none;
  const nb = readNotebook(params.text);
  if ('error' in nb) return none;
  const results = (await check(composeNotebook(nb.cells))).results;
  return { uri: params.uri, checked: true, counts: countResults(results), diagnostics: [] };
}

/**
 * Listens on the notebook channel and publishes each notebook's diagnostics per cell URI, with the
 * notebook's counts for the status bar. Returns what the rest of the server needs: the checks (for
 * requests on cells) and the sync capability to announce.
 */
export function listenNotebooks(
  connection: Connection,
  runner: CheckRunner,
  settings: () => SettingsStore,
  onCrash: (uri: string, error: unknown) => void,
  debounceMs: number,
): NotebookFeature {
  const notebooks = new NotebookDocuments(TextDocument);
  const checks = new NotebookChecks(notebooks, runner, onCrash);

  async function publish(nbUri: string, trigger: 'open' | 'change' | 'save'): Promise<void> {
    const s = await settings().get(nbUri);
    const nb = notebooks.getNotebookDocument(nbUri);
    if (!nb) return;
    const now = new Set<string>();
    if (s.enable && !(trigger === 'change' && s.run === 'onSave')) {
      const checked = await checks.checkOf(nb, optionsFor(s));
      // Superseded by a newer state (its own publish follows), or closed meanwhile: nothing to say.
      if (!checked || !notebooks.getNotebookDocument(nbUri)) return;
      for (const [uri, cell] of checked.cells) {
        now.add(uri);
        void connection.sendDiagnostics({ uri, version: cell.version, diagnostics: documentDiagnostics(cell) });
      }
      void connection.sendNotification(CountsNotification, { uri: nbUri, version: nb.version, counts: checked.counts });
    } else if (s.enable) {
      return; // onSave mode: an edit keeps the diagnostics of the last save
    }
    for (const uri of checks.swapPublished(nbUri, now)) {
      if (!now.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  const soon = (nbUri: string, delay: number, trigger: 'open' | 'change' | 'save') =>
    checks.schedule(nbUri, delay, () => {
      publish(nbUri, trigger).catch((e) => connection.console.error(`publishing ${nbUri} failed: ${String(e)}`));
    });

  notebooks.onDidOpen((nb) => soon(nb.uri, 0, 'open'));
  notebooks.onDidChange((e) => {
    const uri = e.notebookDocument.uri;
    // A removed cell's diagnostics go at once: its editor is gone, and nothing else would clear them.
    for (const cell of e.cells?.removed ?? []) void connection.sendDiagnostics({ uri: cell.document, diagnostics: [] });
    const structural = (e.cells?.added.length ?? 0) + (e.cells?.removed.length ?? 0) > 0;
    soon(uri, structural ? 0 : debounceMs, 'change');
  });
  notebooks.onDidSave((nb) => soon(nb.uri, 0, 'save'));
  notebooks.onDidClose((nb) => {
    for (const uri of checks.forget(nb.uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const cell of nb.cells) void connection.sendDiagnostics({ uri: cell.document, diagnostics: [] });
    settings().forget(nb.uri);
  });
  notebooks.listen(connection);
  return {
    checks,
    republishAll() {
      const seen = new Set<string>();
      for (const cell of notebooks.cellTextDocuments.all()) {
        const nb = notebooks.findNotebookDocumentForCell(cell.uri);
        if (nb && !seen.has(nb.uri)) {
          seen.add(nb.uri);
          soon(nb.uri, 0, 'open');
        }
      }
    },
    cellOf(uri) {
      return checks.cellOf(uri, async (nbUri) => {
        const s = await settings().get(nbUri);
        return s.enable ? optionsFor(s) : undefined;
      });
    },
    notebookOfCell(uri) {
      return notebooks.findNotebookDocumentForCell(uri)?.uri;
    },
  };
}

/** What the rest of the server asks of the notebook feature. */
export interface NotebookFeature {
  checks: NotebookChecks;
  /** Publishes every open notebook again (after a settings change). */
  republishAll(): void;
  /** The current check of a Markdown cell, or undefined when the URI is no cell (or checking is off). */
  cellOf(uri: string): Promise<CheckedDocument | undefined>;
  /** The notebook a cell belongs to (its settings are the notebook's). */
  notebookOfCell(uri: string): string | undefined;
}
