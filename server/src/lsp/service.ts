/**
 * Wires the features to a connection. Where checks run is a parameter (`CheckRunner`): worker
 * threads in the Node server (server.ts), this thread in the browser's server (itself a Worker) or
 * with a stand-in checker in tests. No Node API here.
 */
import {
  CodeActionKind,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeActionParams,
  type Connection,
  type HoverParams,
  type InitializeResult,
  type InlayHintParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions, fixAllKind } from './codeActions';
import { checkText } from './commands';
import { documentDiagnostics } from './diagnostics';
import { DocumentChecks, countResults, kindOf, optionsFor, type CheckedDocument } from './documents';
import { InProcessRunner, type CheckRunner, type Checker } from './checkRunner';
import { hoverAt } from './hover';
import { inlayHints } from './inlayHints';
import { CheckTextRequest, CountsNotification, type CheckTextParams, type CountsParams } from './protocol';
import { toOffset, toSpan } from './ranges';
import { SettingsStore } from './settings';
import { guardSync, validated } from './params';
import { addCheckKind, registerTutor, tutorActions, tutorCapabilities, tutorHover } from './tutor';
import { checkNotebookText, isNotebookFile, listenNotebooks, notebookDocumentSync, supersededRetries } from './notebooks';
import { fileAccess, projectOf, type WorkspaceFiles } from './latexProjects';

/** Long enough to skip the intermediate states of a word being typed, short enough to feel live. */
export const debounceMs = 150;

/** What an entry may add: the Node entry reads workspace files (for LaTeX projects); a browser entry need not. */
export interface ServerHooks {
  workspaceFiles?(folderUris: string[]): WorkspaceFiles;
}

export function startServer(connection: Connection, checking: CheckRunner | Checker<unknown>, version = '0.0.0', hooks: ServerHooks = {}): void {
  // A bare checker (the browser's server, tests) runs in this thread.
  const runner: CheckRunner = 'newCache' in checking ? new InProcessRunner(checking) : checking;
  const documents = new TextDocuments(TextDocument);
  let workspace: WorkspaceFiles | undefined;
  // A LaTeX file's includes and root: open documents first (their unsaved text), then the workspace.
  const latexFiles = fileAccess(
    (uri) => documents.get(uri)?.getText(),
    () => documents.all().filter((d) => kindOf(d.uri, d.languageId) === 'latex').map((d) => d.uri),
    { read: (uri) => workspace?.read(uri) ?? { error: 'no workspace' }, texFiles: () => workspace?.texFiles() ?? [] },
  );
  const onCrash = (uri: string, error: unknown): void => {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    connection.console.error(`checker crashed on ${uri}: ${detail}`);
  };
  const checks = new DocumentChecks(runner, onCrash, (uri, text) => projectOf(uri, text, latexFiles));
  let settings = new SettingsStore(undefined);
  let versionedEdits = false;
  let hintRefresh = false;
  // Notebook cells come over the notebook channel (lsp/notebooks.ts); requests on a cell land in `current`.
  const notebooks = listenNotebooks(connection, runner, () => settings, onCrash, debounceMs);

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    const folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders.push(params.rootUri);
    if (hooks.workspaceFiles && folders.length > 0) workspace = hooks.workspaceFiles(folders);
    if (caps.workspace?.configuration) {
      settings = new SettingsStore((uri) =>
        connection.workspace.getConfiguration({ scopeUri: uri, section: 'derivcheck' }),
      );
    }
    versionedEdits = caps.workspace?.workspaceEdit?.documentChanges === true;
    hintRefresh = caps.workspace?.inlayHint?.refreshSupport === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        notebookDocumentSync,
        hoverProvider: true,
        inlayHintProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind, addCheckKind], resolveProvider: false },
        ...tutorCapabilities,
      },
      serverInfo: { name: 'derivcheck', version },
    };
  });

  /**
   * The current version's check, for a request that must answer for the text as it is now: at once
   * for a version already checked, awaited for one being checked (only that document's requests wait).
   */
  async function current(uri: string): Promise<CheckedDocument | undefined> {
    // Superseded by a newer version while it was checked: answer for the newer one (a bounded number
    // of times: a document edited without pause is answered when the edits stop).
    for (let attempt = 0; attempt < supersededRetries; attempt++) {
      const doc = documents.get(uri);
      if (!doc) return notebooks.cellOf(uri);
      // The settings the document is published with: a check under other options would supersede it.
      const s = await settings.get(uri);
      if (!s.enable) return undefined;
      const checked = await checks.checkOf(doc, optionsFor(s));
      if (checked) return checked;
    }
    return undefined;
  }

  type Trigger = 'open' | 'change' | 'save' | 'request';

  async function publish(uri: string, trigger: Trigger): Promise<void> {
    const s = await settings.get(uri);
    // Re-read after the await: the document may have changed or closed meanwhile.
    const doc = documents.get(uri);
    if (!doc || !kindOf(uri, doc.languageId)) return;
    if (!s.enable) {
      void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: [] });
      return;
    }
    if (trigger === 'change' && s.run === 'onSave') return;
    const checked = await checks.checkOf(doc, optionsFor(s));
    if (!checked || checked.version !== documents.get(uri)?.version) return;
    void connection.sendDiagnostics({ uri, version: checked.version, diagnostics: documentDiagnostics(checked) });
    const counts: CountsParams = { uri, version: checked.version, counts: countResults(checked.check.results) };
    void connection.sendNotification(CountsNotification, counts);
  }

  function publishSoon(uri: string, delay: number, trigger: Trigger): void {
    checks.schedule(uri, delay, () => {
      publish(uri, trigger).catch((e) => connection.console.error(`publishing ${uri} failed: ${String(e)}`));
    });
  }

  // TextDocuments fires onDidChangeContent right after onDidOpen; the open must not be debounced as
  // an edit (nor skipped in onSave mode), so remember which URIs were just opened.
  const justOpened = new Set<string>();
  documents.onDidOpen((e) => justOpened.add(e.document.uri));
  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    if (justOpened.delete(uri)) publishSoon(uri, 0, 'open');
    else publishSoon(uri, debounceMs, 'change');
    // A LaTeX file may be another open file's include or root: those are checked again too (a file
    // whose project text did not change answers from its last check).
    if (kindOf(uri, e.document.languageId) === 'latex') {
      for (const d of documents.all()) if (d.uri !== uri && kindOf(d.uri, d.languageId) === 'latex') publishSoon(d.uri, debounceMs, 'change');
    }
  });
  documents.onDidSave((e) => publishSoon(e.document.uri, 0, 'save'));
  documents.onDidClose((e) => {
    checks.forget(e.document.uri);
    settings.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    for (const doc of documents.all()) publishSoon(doc.uri, 0, 'open');
    notebooks.republishAll();
    if (hintRefresh) void connection.languages.inlayHint.refresh();
  });

  // Every request's params are validated in one place (lsp/params.ts): malformed ones get InvalidParams.
  connection.onHover(validated('textDocument/hover', async (params: HoverParams) => {
    const doc = await current(params.textDocument.uri);
    if (!doc) return null;
    const offset = toOffset(doc.lines, params.position);
    return tutorHover(doc, offset) ?? hoverAt(doc, offset);
  }));

  connection.languages.inlayHint.on(validated('textDocument/inlayHint', async (params: InlayHintParams) => {
    const uri = params.textDocument.uri;
    if (!(await settings.get(notebooks.notebookOfCell(uri) ?? uri)).inlayHints.enabled) return [];
    const doc = await current(uri);
    return doc ? inlayHints(doc, toSpan(doc.lines, params.range)) : [];
  }));

  connection.onCodeAction(validated('textDocument/codeAction', async (params: CodeActionParams) => {
    const doc = await current(params.textDocument.uri);
    if (!doc) return [];
    const span = toSpan(doc.lines, params.range);
    return [...codeActions(doc, { span, only: params.context.only, versionedEdits }), ...tutorActions(doc, span.start, params.context.only)];
  }));

  connection.onRequest(CheckTextRequest, validated(CheckTextRequest, async (params: CheckTextParams) => {
    const s = await settings.get(params.uri);
    if (isNotebookFile(params.uri)) {
      return checkNotebookText(params, s.enable, (doc) => checks.checkComposed(params.uri, doc, optionsFor(s)));
    }
    const open = documents.get(params.uri);
    const result = await checkText(params, {
      enabled: () => s.enable,
      check: async (uri, text, kind) =>
        (open && open.getText() === text ? await checks.checkOf(open, optionsFor(s)) : undefined) ??
        (await checks.checkText(uri, text, kind, optionsFor(s))),
    });
    // Verify Current File in onSave mode: the open document's diagnostics follow the request.
    if (open && result.checked) await publish(params.uri, 'request');
    return result;
  }));

  registerTutor(connection, current);

  // A didChange whose version is not newer (replayed or reordered) is ignored: nothing stale is published.
  documents.listen(guardSync(connection, (uri) => documents.get(uri)?.version, (m) => connection.console.log(m)));
  connection.listen();
}
