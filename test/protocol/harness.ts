/**
 * A real JSON-RPC client talking to the bundled server over stdio, as any editor would.
 * `DERIVCHECK_SERVER` may point at another bundle (e.g. the server built with a stand-in checker).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type InitializeResult,
  type ClientCapabilities,
  type ConfigurationItem,
  type Position,
} from 'vscode-languageserver-protocol/node';

export const serverPath = process.env.DERIVCHECK_SERVER ?? fileURLToPath(new URL('../../dist/server.js', import.meta.url));

export interface SessionOptions {
  /** Answers workspace/configuration; when absent the client does not claim that capability. */
  configuration?: (item: ConfigurationItem) => unknown;
  capabilities?: ClientCapabilities;
  /** `ipc` is how VS Code starts the server (TransportKind.ipc); `stdio` is how other editors do. */
  transport?: 'stdio' | 'ipc';
  /** Workspace folder URIs sent at initialize (none by default). */
  workspaceFolders?: string[];
}

export class Session {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  initializeResult!: InitializeResult;
  private waiters: { test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private versions = new Map<string, number>();
  private texts = new Map<string, string>();
  private exited: Promise<number | null>;

  constructor(
    readonly proc: ChildProcess,
    readonly conn: ProtocolConnection,
  ) {
    this.exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
  }

  get alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** The first publication for `uri` that satisfies `test`, among those already received or to come. */
  diagnostics(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const match = (p: PublishDiagnosticsParams) => p.uri === uri && test(p);
    const seen = this.published.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ test: match, resolve }));
  }

  /** The publication for exactly this version of `uri`. */
  diagnosticsFor(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return this.diagnostics(uri, (p) => p.version === version);
  }

  open(uri: string, text: string, languageId = 'markdown'): number {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return 1;
  }

  /** Replaces the whole text (full-document change, which incremental servers must also accept). */
  change(uri: string, text: string): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    void this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return version;
  }

  save(uri: string): void {
    void this.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  close(uri: string): void {
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  text(uri: string): string {
    return this.texts.get(uri) ?? '';
  }

  async dispose(): Promise<void> {
    if (this.alive) {
      try {
        await this.conn.sendRequest('shutdown');
        void this.conn.sendNotification('exit');
      } catch {
        this.proc.kill();
      }
    }
    await this.exited;
    this.conn.dispose();
  }
}

export async function startSession(options: SessionOptions = {}): Promise<Session> {
  const ipc = options.transport === 'ipc';
  const proc = ipc
    ? spawn(process.execPath, [serverPath, '--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] })
    : spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  // Drained so a chatty server cannot block on a full pipe.
  proc.stderr!.on('data', () => {});
  if (ipc) proc.stdout!.on('data', () => {});
  const conn = ipc
    ? createProtocolConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc))
    : createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const session = new Session(proc, conn);
  if (options.configuration) {
    const answer = options.configuration;
    conn.onRequest('workspace/configuration', (p: { items: ConfigurationItem[] }) => p.items.map(answer));
  }
  conn.listen();
  const capabilities: ClientCapabilities = options.capabilities ?? {
    workspace: {
      configuration: options.configuration !== undefined,
      workspaceEdit: { documentChanges: true },
    },
    textDocument: {
      publishDiagnostics: { versionSupport: true, relatedInformation: true },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      inlayHint: {},
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true },
    },
  };
  session.initializeResult = await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities,
    workspaceFolders: options.workspaceFolders ? options.workspaceFolders.map((uri) => ({ uri, name: uri.slice(uri.lastIndexOf('/') + 1) })) : null,
  });
  await conn.sendNotification('initialized', {});
  return session;
}

/**
 * Strips `«` and `»` from a document and returns where they stood: `ranges[i]` is the i-th marked
 * span, as UTF-16 offsets into the stripped text.
 */
export function marked(source: string): { text: string; ranges: { start: number; end: number }[] } {
  let text = '';
  const ranges: { start: number; end: number }[] = [];
  const open: number[] = [];
  for (const ch of source) {
    if (ch === '«') {
      open.push(ranges.length);
      ranges.push({ start: text.length, end: -1 });
    } else if (ch === '»') {
      ranges[open.pop()!].end = text.length;
    } else text += ch;
  }
  return { text, ranges };
}

/** LSP position of a UTF-16 offset. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export function rangeOf(text: string, span: { start: number; end: number }) {
  return { start: positionAt(text, span.start), end: positionAt(text, span.end) };
}

export function offsetAt(text: string, pos: { line: number; character: number }): number {
  const lines = text.split('\n');
  let o = 0;
  for (let i = 0; i < pos.line; i++) o += lines[i].length + 1;
  return o + pos.character;
}

/** Applies LSP text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: { range: { start: Position; end: Position }; newText: string }[]): string {
  const spans = edits
    .map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  for (const e of spans) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  return text;
}
