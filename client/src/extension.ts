/**
 * The VS Code side: starts the language server, and adds what a server cannot do alone — walking
 * the workspace for files nobody opened, a progress notification, and a status bar summary.
 */
import * as vscode from 'vscode';
import { openClaimReference, openReferenceCommand } from './reference';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
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
import { countsSummary, languageIdOf, statusIsError, statusText } from './summary';

const languages = ['markdown', 'latex', 'tex'];
const schemes = ['file', 'untitled'];
/** Dot-folders and node_modules hold tooling and dependencies, never homework (as in the CLI). */
const workspaceInclude = '**/*.{md,markdown,tex}';
const workspaceExclude = '{**/node_modules/**,**/.*/**}';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: schemes.flatMap((scheme) => languages.map((language) => ({ scheme, language }))),
    synchronize: { configurationSection: 'derivcheck' },
    diagnosticCollectionName: 'derivcheck',
  };
  client = new LanguageClient('derivcheck', 'Derivation Check', serverOptions, clientOptions);

  // Diagnostics for files checked by Verify All Files that are not open: once a file opens, the
  // server's live diagnostics replace them.
  const workspaceDiagnostics = vscode.languages.createDiagnosticCollection('derivcheck-workspace');
  const counts = new Map<string, ResultCounts>();
  const status = vscode.window.createStatusBarItem('derivcheck.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'Derivation Check';
  status.command = 'derivcheck.verifyFile';

  const updateStatus = () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !languages.includes(doc.languageId)) {
      status.hide();
      return;
    }
    const c = counts.get(doc.uri.toString());
    status.text = c ? statusText(c) : 'Derivation Check';
    status.backgroundColor = c && statusIsError(c) ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    status.tooltip = c ? `Derivation Check: ${countsSummary(c)}. Click to verify this file.` : 'Derivation Check';
    status.show();
  };

  context.subscriptions.push(
    workspaceDiagnostics,
    status,
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.workspace.onDidOpenTextDocument((d) => workspaceDiagnostics.delete(d.uri)),
    vscode.workspace.onDidCloseTextDocument((d) => counts.delete(d.uri.toString())),
    vscode.commands.registerCommand('derivcheck.verifyFile', () => verifyFile(counts, updateStatus)),
    vscode.commands.registerCommand('derivcheck.verifyWorkspace', () => verifyWorkspace(workspaceDiagnostics)),
    vscode.commands.registerCommand(openReferenceCommand, () => openClaimReference(context.extensionUri)),
  );

  await client.start();
  context.subscriptions.push(
    client.onNotification(CountsNotification, (p: CountsParams) => {
      counts.set(p.uri, p.counts);
      updateStatus();
    }),
  );
  updateStatus();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

async function check(params: CheckTextParams, token?: vscode.CancellationToken): Promise<CheckTextResult> {
  if (!client) throw new Error('Derivation Check: the language server is not running');
  return client.sendRequest<CheckTextResult>(CheckTextRequest, params, token);
}

async function verifyFile(counts: Map<string, ResultCounts>, updateStatus: () => void): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || !languages.includes(doc.languageId)) {
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
