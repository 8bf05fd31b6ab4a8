/**
 * Wires the features to a connection. Where checks run is a parameter (`CheckRunner`): a worker
 * thread in the Node server (server.ts), this thread in a browser or in tests. No Node API here.
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
import { DocumentChecks, InProcessRunner, countResults, kindOf, optionsFor, type CheckedDocument, type Checker, type CheckRunner } from './documents';
import { guardSync, validated } from './params';
import { hoverAt } from './hover';
import { inlayHints } from './inlayHints';
import { CheckTextRequest, CountsNotification, type CheckTextParams, type CountsParams } from './protocol';
import { toOffset, toSpan } from './ranges';
import { SettingsStore } from './settings';
import { addCheckKind, registerTutor, tutorActions, tutorCapabilities, tutorHover } from './tutor';

/** Long enough to skip the intermediate states of a word being typed, short enough to feel live. */
export const debounceMs = 150;

export function startServer(connection: Connection, checking: CheckRunner | Checker<unknown>, version = '0.0.0'): void {
  // A bare checker (the browser build, tests) runs in this thread.
  const runner = 'newCache' in checking ? new InProcessRunner(checking) : checking;
  const documents = new TextDocuments(TextDocument);
  const checks = new DocumentChecks(runner, (uri, error) => {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    connection.console.error(`checker crashed on ${uri}: ${detail}`);
  });
  let settings = new SettingsStore(undefined);
  let versionedEdits = false;
  let hintRefresh = false;

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
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
        hoverProvider: true,
        inlayHintProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind, addCheckKind], resolveProvider: false },
        ...tutorCapabilities,
      },
      serverInfo: { name: 'derivcheck', version },
    };
  });

  /**
   * The current version's check, for a request that must answer for the text as it is now: known at
   * once for a document already checked, awaited for one being checked (only its own requests wait).
   */
  async function current(uri: string): Promise<CheckedDocument | undefined> {
    for (;;) {
      const doc = documents.get(uri);
      if (!doc) return undefined;
      const s = settings.peek(uri);
      if (!s.enable) return undefined;
      const checked = await checks.checkOf(doc, optionsFor(s));
      // Superseded by a newer version while it was checked: answer for the newer one.
      if (checked || documents.get(uri)?.version === doc.version) return checked;
    }
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
    if (hintRefresh) void connection.languages.inlayHint.refresh();
  });

  connection.onHover(validated('textDocument/hover', async (params: HoverParams) => {
    const doc = await current(params.textDocument.uri);
    if (!doc) return null;
    const offset = toOffset(doc.lines, params.position);
    return tutorHover(doc, offset) ?? hoverAt(doc, offset);
  }));

  connection.languages.inlayHint.on(validated('textDocument/inlayHint', async (params: InlayHintParams) => {
    const uri = params.textDocument.uri;
    if (!settings.peek(uri).inlayHints.enabled) return [];
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
    const open = documents.get(params.uri);
    const kind = kindOf(params.uri, params.languageId);
    const checked =
      kind && s.enable
        ? ((open && open.getText() === params.text ? await current(params.uri) : undefined) ?? (await checks.checkText(params.uri, params.text, kind, optionsFor(s))))
        : undefined;
    const result = checkText(params, {
      enabled: () => s.enable,
      check: () => checked as CheckedDocument,
    });
    // Verify Current File in onSave mode: the open document's diagnostics follow the request.
    if (open && result.checked) await publish(params.uri, 'request');
    return result;
  }));

  registerTutor(connection, current);

  documents.listen(guardSync(connection, (uri) => documents.get(uri)?.version, (m) => connection.console.log(m)));
  connection.listen();
}
