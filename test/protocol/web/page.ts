/**
 * The page test/protocol/web.test.ts loads in Chromium: it starts the web server each way the web
 * extension can (client/src/serverHost.ts picks among them), then talks LSP to it as the client does.
 * Bundled by the test with the web build's options; no `vscode` here, so no VS Code is needed.
 */
import { BrowserMessageReader, BrowserMessageWriter, createProtocolConnection } from 'vscode-languageserver-protocol/browser';
import { startBrowserServer, type ServerPort } from '../../../server/src/lsp/browser';
import { startFirst, type Attempt, type RunningServer } from '../../../client/src/serverHost';

type WorkerConstructor = new (url: string) => { terminate(): void };
// The page's own Worker (typed here because the project's tsconfig has no DOM library).
const PageWorker = (globalThis as unknown as { Worker: WorkerConstructor }).Worker;

function worker(url: string): RunningServer {
  const w = new PageWorker(url);
  return { port: w as unknown as ServerPort, end: () => w.terminate() };
}

/** The ways to start the server, by name; `missing` is a script the page's server answers 404 for. */
const attempts: Record<string, () => Attempt> = {
  url: () => ({ how: 'url', start: () => worker('/server.js') }),
  missing: () => ({ how: 'missing', start: () => worker('/missing.js') }),
  blob: () => ({
    how: 'blob',
    start: async () => {
      const bytes = await (await fetch('/server.js')).arrayBuffer();
      return worker(URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' })));
    },
  }),
  inProcess: () => ({
    how: 'inProcess',
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
  }),
};

interface Position {
  line: number;
  character: number;
}

/** Starts a server with the first of `names` that works, opens `text`, and reports what it said. */
async function check(names: string[], uri: string, text: string, hoverAt: Position) {
  const t0 = performance.now();
  const started = await startFirst(names.map((n) => attempts[n]()));
  const conn = createProtocolConnection(new BrowserMessageReader(started.port), new BrowserMessageWriter(started.port));
  const published = new Promise<unknown>((resolve) => conn.onNotification('textDocument/publishDiagnostics', resolve));
  const counts = new Promise<unknown>((resolve) => conn.onNotification('derivcheck/counts', resolve));
  conn.listen();
  const init = (await conn.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null })) as {
    serverInfo?: unknown;
    capabilities: unknown;
  };
  await conn.sendNotification('initialized', {});
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const diagnostics = await published;
  const firstDiagnosticMs = performance.now() - t0;
  const hover = await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: hoverAt });
  const result = { how: started.how, refused: started.refused, serverInfo: init.serverInfo, diagnostics, counts: await counts, hover, firstDiagnosticMs };
  conn.dispose();
  started.end();
  return result;
}

(globalThis as unknown as { derivcheckCheck: typeof check }).derivcheckCheck = check;
