/**
 * The desktop extension's entry (bundled to dist/client.js, package.json `main`): the language server
 * is dist/server.js in a Node child process, over IPC. Everything else is shared with the web entry
 * (web.ts) in extension.ts.
 */
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateWith } from './extension';

export { deactivate } from './extension';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  await activateWith(context, (clientOptions) => new LanguageClient('derivcheck', 'Derivation Check', serverOptions, clientOptions));
}
