/**
 * The VS Code side, shared by the desktop (node.ts) and the web (web.ts) extension: starts the
 * language client the entry creates, and adds what a server cannot do alone — walking the workspace
 * for files nobody opened, a progress notification, and a status bar summary. Nothing here depends
 * on where the extension host runs: documents are selected by language, files are read through
 * `workspace.fs`, so `vscode-remote:`, `vscode-vfs:` and other virtual file systems work as `file:`.
 */
import * as vscode from 'vscode';
import { openClaimReference, openReferenceCommand } from './reference';
import type { BaseLanguageClient, DocumentSelector, LanguageClientOptions } from 'vscode-languageclient';
import {
  CheckTextRequest,
  CountsNotification,
  addCounts,
  emptyCounts,
  type CheckTextParams,
  type CheckTextResult,
  type CountsParams,
  type ResultCounts,
} from '../../server/src/lsp/protocol';
import { countsSummary, languageIdOf, spellings, statusIsError, statusLabel, statusText } from './summary';
import { FILE_EXTENSIONS } from '../../server/src/documents/formats';

// Quarto's and R Markdown's own language ids, when their extensions are installed.
const languages = ['markdown', 'latex', 'tex', 'quarto', 'rmd'];
/**
 * Without the Quarto or R extensions, `.qmd` and `.Rmd` files open as plain text: they are selected by
 * name instead (the server reads them as Markdown by their extension), so they are checked either way.
 */
const byName = `**/*.{${spellings(['.qmd', '.rmd'])}}`;
const isByName = (path: string) => /\.(qmd|rmd)$/i.test(path);
/**
 * By language, whatever the scheme: on the web, documents are `vscode-remote:` (code-server),
 * `vscode-vfs:` (github.dev) or `vscode-test-web:`, which a selector on `file`/`untitled` never sees.
 * Markdown cells of any notebook are selected too: they sync over the notebook channel, and requests on
 * them (hover, inlay hints, code actions) carry `vscode-notebook-cell:` URIs this filter matches.
 */
export const documentSelector: DocumentSelector = [
  ...languages.map((language) => ({ language })),
  { pattern: byName },
  { notebook: '*', language: 'markdown' },
];
/**
 * Every format the server reads (the one table, documents/formats.ts). Dot-folders and node_modules
 * hold tooling and dependencies, never homework (as in the CLI).
 */
const workspaceInclude = `**/*.{${spellings(FILE_EXTENSIONS)}}`;
const workspaceExclude = '{**/node_modules/**,**/.*/**}';

let client: BaseLanguageClient | undefined;

/** The entry's language client (Node: a child process over IPC; web: a Worker), given the options. */
export type CreateClient = (clientOptions: LanguageClientOptions) => BaseLanguageClient;

/** Everything but the client's transport; returns the started client. */
export async function activateWith(context: vscode.ExtensionContext, createClient: CreateClient): Promise<BaseLanguageClient> {
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    synchronize: { configurationSection: 'derivcheck' },
    diagnosticCollectionName: 'derivcheck',
  };
  const started = createClient(clientOptions);
  client = started;

  // Diagnostics for files checked by Verify All Files that are not open: once a file opens, the
  // server's live diagnostics replace them.
  const workspaceDiagnostics = vscode.languages.createDiagnosticCollection('derivcheck-workspace');
  const counts = new Map<string, ResultCounts>();
  const status = vscode.window.createStatusBarItem('derivcheck.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'Derivation Check';
  status.command = 'derivcheck.verifyFile';

  const updateStatus = () => {
    // In a notebook the status bar counts the whole notebook's claims (sent under the notebook's URI).
    const notebook = vscode.window.activeNotebookEditor?.notebook;
    if (notebook && (!vscode.window.activeTextEditor || vscode.window.activeTextEditor.document.uri.scheme === 'vscode-notebook-cell')) {
      const c = counts.get(notebook.uri.toString());
      status.text = c ? statusText(c) : 'Derivation Check';
      status.accessibilityInformation = c ? { label: statusLabel(c) } : undefined;
      status.tooltip = c ? `Derivation Check: ${countsSummary(c)} in this notebook's Markdown cells.` : 'Derivation Check';
      status.show();
      return;
    }
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !isChecked(doc)) {
      status.hide();
      return;
    }
    const c = counts.get(doc.uri.toString());
    status.text = c ? statusText(c) : 'Derivation Check';
    status.accessibilityInformation = c ? { label: statusLabel(c) } : undefined;
    status.backgroundColor = c && statusIsError(c) ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    status.tooltip = c ? `Derivation Check: ${countsSummary(c)}. Click to verify this file.` : 'Derivation Check';
    status.show();
  };

  context.subscriptions.push(
    workspaceDiagnostics,
    status,
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.window.onDidChangeActiveNotebookEditor(updateStatus),
    vscode.workspace.onDidOpenTextDocument((d) => workspaceDiagnostics.delete(d.uri)),
    vscode.workspace.onDidCloseTextDocument((d) => counts.delete(d.uri.toString())),
    vscode.commands.registerCommand('derivcheck.verifyFile', () => verifyFile(counts, updateStatus)),
    vscode.commands.registerCommand('derivcheck.verifyWorkspace', () => verifyWorkspace(workspaceDiagnostics)),
    vscode.commands.registerCommand(openReferenceCommand, () => openClaimReference(context.extensionUri)),
  );

  await started.start();
  context.subscriptions.push(
    started.onNotification(CountsNotification, (p: CountsParams) => {
      counts.set(p.uri, p.counts);
      updateStatus();
    }),
  );
  updateStatus();
  return started;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

async function check(params: CheckTextParams, token?: vscode.CancellationToken): Promise<CheckTextResult> {
  if (!client) throw new Error('Derivation Check: the language server is not running');
  return client.sendRequest<CheckTextResult>(CheckTextRequest, params, token);
}

function isChecked(doc: vscode.TextDocument): boolean {
  return languages.includes(doc.languageId) || (doc.uri.scheme === 'file' && isByName(doc.uri.path));
}

async function verifyFile(counts: Map<string, ResultCounts>, updateStatus: () => void): Promise<void> {
  const notebook = vscode.window.activeNotebookEditor?.notebook;
  const doc = vscode.window.activeTextEditor?.document;
  if (notebook && (!doc || doc.uri.scheme === 'vscode-notebook-cell')) {
    // A notebook is checked as it changes; its counts are the latest the server sent.
    const c = counts.get(notebook.uri.toString()) ?? emptyCounts();
    const message = `Derivation Check: ${countsSummary(c)}`;
    if (c.fail + c.error > 0) void vscode.window.showWarningMessage(message);
    else void vscode.window.showInformationMessage(message);
    return;
  }
  if (!doc || !isChecked(doc)) {
    void vscode.window.showInformationMessage('Derivation Check: open a Markdown or LaTeX file to verify it.');
    return;
  }
  const result = await check({ uri: doc.uri.toString(), text: doc.getText(), languageId: doc.languageId });
  if (!result.checked) {
    void vscode.window.showInformationMessage('Derivation Check is disabled for this file (derivcheck.enable).');
    return;
  }
  counts.set(result.uri, result.counts);
  updateStatus();
  const message = `Derivation Check: ${countsSummary(result.counts)}`;
  if (statusIsError(result.counts)) void vscode.window.showErrorMessage(message);
  else void vscode.window.showInformationMessage(message);
}

async function verifyWorkspace(collection: vscode.DiagnosticCollection): Promise<void> {
  const c = client;
  if (!c) return;
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Derivation Check', cancellable: true },
    async (progress, token) => {
      const uris = await vscode.workspace.findFiles(workspaceInclude, workspaceExclude, undefined, token);
      uris.sort((a, b) => a.toString().localeCompare(b.toString()));
      let total = emptyCounts();
      let files = 0;
      for (const [i, uri] of uris.entries()) {
        if (token.isCancellationRequested) break;
        progress.report({ message: `${i + 1}/${uris.length} ${vscode.workspace.asRelativePath(uri)}`, increment: 100 / uris.length });
        // A notebook is sent as its file's JSON (an open one too: the server counts its Markdown cells).
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        let text: string;
        try {
          text = open ? open.getText() : new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
        } catch {
          continue; // deleted or unreadable since findFiles: nothing to check
        }
        const languageId = open?.languageId ?? languageIdOf(uri.path);
        const result = await check({ uri: uri.toString(), text, languageId }, token);
        if (!result.checked) continue;
        files++;
        total = addCounts(total, result.counts);
        if (!open) collection.set(uri, await c.protocol2CodeConverter.asDiagnostics(result.diagnostics));
      }
      return { total, files, cancelled: token.isCancellationRequested };
    },
  );
  const message = `Derivation Check: ${countsSummary(summary.total, summary.files)}${summary.cancelled ? ' (cancelled)' : ''}`;
  if (statusIsError(summary.total)) void vscode.window.showErrorMessage(message);
  else void vscode.window.showInformationMessage(message);
}
