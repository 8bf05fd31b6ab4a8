/**
 * The web extension's entry (bundled to dist/web/extension.js, package.json `browser`): VS Code for
 * the Web (vscode.dev, github.dev) and code-server's web worker extension host. The language server
 * is dist/web/server.js in a Worker, or in this extension host where no Worker can start
 * (serverHost.ts says which, in that order). Everything else is shared with the desktop entry
 * (node.ts) in extension.ts.
 */
import * as vscode from 'vscode';
import {
  BaseLanguageClient,
  BrowserMessageReader,
  BrowserMessageWriter,
  type LanguageClientOptions,
  type MessageTransports,
} from 'vscode-languageclient/browser';
import { startBrowserServer, type ServerPort } from '../../server/src/lsp/browser';
import { activateWith, deactivate as stopClient } from './extension';
import { startFirst, type Attempt, type RunningServer, type Started } from './serverHost';

/**
 * vscode-languageclient/browser's LanguageClient, less its `instanceof Worker` test: the extension
 * host replaces the global Worker with a wrapper, so a real Worker fails that test (the client then
 * crashes on `onClose`), and where there is no Worker at all the test itself throws. This client is
 * always given `{ reader, writer }`.
 */
class WebLanguageClient extends BaseLanguageClient {
  constructor(
    clientOptions: LanguageClientOptions,
    private readonly transports: () => Promise<MessageTransports>,
  ) {
    super('derivcheck', 'Derivation Check', clientOptions);
  }

  protected override createMessageTransports(): Promise<MessageTransports> {
    return this.transports();
  }
}

interface WorkerLike {
  terminate(): void;
}
type WorkerConstructor = new (url: string, options?: { name?: string }) => WorkerLike;

function workerFrom(url: string): RunningServer {
  // Looked up when used, not assumed: a host may offer no Worker (then the next attempt runs).
  const Worker = (globalThis as unknown as { Worker?: WorkerConstructor }).Worker;
  if (!Worker) throw new Error('this extension host has no Worker');
  const worker = new Worker(url, { name: 'Derivation Check language server' });
  return { port: worker as unknown as ServerPort, end: () => worker.terminate() };
}

/** The three ways to start the server, in the order serverHost.ts explains. */
export function serverAttempts(serverUri: vscode.Uri): Attempt[] {
  return [
    { how: "a Worker from the extension's URI", start: () => workerFrom(serverUri.toString(true)) },
    {
      how: 'a Worker from a blob: URL of the server script',
      start: async () => {
        const bytes = await vscode.workspace.fs.readFile(serverUri);
        const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'text/javascript' }));
        try {
          const running = workerFrom(url);
          return { port: running.port, end: () => { running.end(); URL.revokeObjectURL(url); } };
        } catch (e) {
          URL.revokeObjectURL(url);
          throw e;
        }
      },
    },
    {
      how: 'the extension host itself, over a MessageChannel',
      start: () => {
        const channel = new MessageChannel();
        const server = startBrowserServer(channel.port2 as unknown as ServerPort);
        return {
          port: channel.port1 as unknown as ServerPort,
          end: () => {
            server.dispose();
            channel.port1.close();
            channel.port2.close();
          },
        };
      },
    },
  ];
}

let running: Started | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverUri = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  let client: BaseLanguageClient | undefined;
  const transports = async (): Promise<MessageTransports> => {
    // Called again when the client restarts a crashed server: the old one goes first.
    running?.end();
    running = await startFirst(serverAttempts(serverUri));
    for (const why of running.refused) client?.info(`The language server did not start in ${why}`);
    client?.info(`The language server runs in ${running.how}.`);
    return { reader: new BrowserMessageReader(running.port), writer: new BrowserMessageWriter(running.port) };
  };
  await activateWith(context, (clientOptions) => (client = new WebLanguageClient(clientOptions, transports)));
}

export async function deactivate(): Promise<void> {
  try {
    await stopClient();
  } finally {
    // After the client's shutdown and exit, or when those failed: a Worker would outlive the client.
    running?.end();
    running = undefined;
  }
}
