/**
 * The language server over a browser message port: a Worker's own global scope (webWorker.ts, the
 * web server bundle dist/web/server.js) or one end of a MessageChannel (the web client's in-process
 * fallback, where the host lets an extension start no Worker at all).
 *
 * Unlike the Node server, the checker is imported statically: a browser has no `require` of a file
 * beside the bundle, and a Worker that is started once per window gains nothing from loading it later.
 * Nothing here or in service.ts uses a Node API (tsconfig.web.json typechecks it without Node's types).
 */
import { BrowserMessageReader, BrowserMessageWriter, ProposedFeatures, createConnection } from 'vscode-languageserver/browser';
import { version } from '../../../package.json';
import { CheckCache, checkDocument } from '../checker';
import { ReadyMessage } from './protocol';
import { startServer } from './service';

/** What BrowserMessageReader/Writer accept: a MessagePort, a Worker, or a Worker's global scope. */
export type ServerPort = ConstructorParameters<typeof BrowserMessageReader>[0];

/** Starts the server on `port`; returns what stops it (the in-process server has no Worker to end). */
export function startBrowserServer(port: ServerPort): { dispose(): void } {
  const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(port), new BrowserMessageWriter(port));
  startServer(connection, { newCache: () => new CheckCache(), check: checkDocument }, version);
  // Before any JSON-RPC: tells the client this server runs (see ReadyMessage).
  port.postMessage(ReadyMessage);
  return { dispose: () => connection.dispose() };
}
