/**
 * The extension's own messages between client and server. Plain names and types only, so the client
 * bundle can import this file without pulling the server's dependencies in.
 */
import type { Diagnostic } from 'vscode-languageserver-protocol';

export interface ResultCounts {
  claims: number;
  pass: number;
  fail: number;
  error: number;
  unbound: number;
}

/** Checks a text that need not be open in the editor (Verify All Files in Workspace). */
export const CheckTextRequest = 'derivcheck/checkText';

export interface CheckTextParams {
  uri: string;
  text: string;
  /** The editor's language id; when absent the URI's extension decides. */
  languageId?: string;
}

export interface CheckTextResult {
  uri: string;
  /** False when the file is neither Markdown nor LaTeX, or checking is disabled for it. */
  checked: boolean;
  counts: ResultCounts;
  diagnostics: Diagnostic[];
}

/** Sent with every publication, so the status bar can count passes, which have no diagnostic. */
export const CountsNotification = 'derivcheck/counts';

export interface CountsParams {
  uri: string;
  version: number;
  counts: ResultCounts;
}

export function emptyCounts(): ResultCounts {
  return { claims: 0, pass: 0, fail: 0, error: 0, unbound: 0 };
}

export function addCounts(a: ResultCounts, b: ResultCounts): ResultCounts {
  return {
    claims: a.claims + b.claims,
    pass: a.pass + b.pass,
    fail: a.fail + b.fail,
    error: a.error + b.error,
    unbound: a.unbound + b.unbound,
  };
}

/**
 * The first message a browser server port (a Worker, or the in-process MessageChannel) sends, before
 * any JSON-RPC: the script loaded and the server runs. A Worker whose script fails to load says so
 * only through an `error` event, so the web client waits for one or the other before it commits to
 * that Worker (client/src/serverHost.ts). Not JSON-RPC: the client takes it off before its reader.
 */
export const ReadyMessage = { derivcheck: 'ready' } as const;

export function isReadyMessage(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { derivcheck?: unknown }).derivcheck === ReadyMessage.derivcheck;
}
