/**
 * Every request's params are checked here, in one place, before a feature sees them: a malformed
 * request (a hover without a position, `only: 'source'` in a code action) is answered with an
 * `InvalidParams` error that says what is wrong, never with an internal error from deep inside a
 * feature. Notifications cannot be answered: a malformed or out-of-order one is ignored (see
 * `guardSync`).
 */
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';

type Check = (p: Record<string, unknown>) => string | null;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isUInt = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0;

function position(x: unknown, what: string): string | null {
  if (!isObject(x)) return `${what} must be a position {line, character}`;
  if (!isUInt(x.line) || !isUInt(x.character)) return `${what} must have whole, non-negative line and character`;
  return null;
}

function range(x: unknown, what: string): string | null {
  if (!isObject(x)) return `${what} must be a range {start, end}`;
  return position(x.start, `${what}.start`) ?? position(x.end, `${what}.end`);
}

function textDocument(p: Record<string, unknown>): string | null {
  if (!isObject(p.textDocument) || typeof p.textDocument.uri !== 'string') return 'textDocument.uri must be a string';
  return null;
}

const checks: Record<string, Check> = {
  'textDocument/hover': (p) => textDocument(p) ?? position(p.position, 'position'),
  'textDocument/completion': (p) => textDocument(p) ?? position(p.position, 'position'),
  'textDocument/signatureHelp': (p) => textDocument(p) ?? position(p.position, 'position'),
  'textDocument/inlayHint': (p) => textDocument(p) ?? range(p.range, 'range'),
  'textDocument/codeAction': (p) => {
    const bad = textDocument(p) ?? range(p.range, 'range');
    if (bad) return bad;
    if (!isObject(p.context)) return 'context must be an object';
    if (!Array.isArray(p.context.diagnostics)) return 'context.diagnostics must be an array';
    const only = p.context.only;
    if (only !== undefined && !(Array.isArray(only) && only.every((k) => typeof k === 'string'))) return 'context.only must be an array of code action kinds';
    return null;
  },
  'derivcheck/checkText': (p) => {
    if (typeof p.uri !== 'string') return 'uri must be a string';
    if (typeof p.text !== 'string') return 'text must be a string';
    if (p.languageId !== undefined && typeof p.languageId !== 'string') return 'languageId must be a string';
    return null;
  },
};

/** What is wrong with `params` for `method`, or null when they are well formed (or the method is not ours). */
export function invalidParams(method: string, params: unknown): string | null {
  const check = checks[method];
  if (!check) return null;
  if (!isObject(params)) return `${method} needs its params as an object`;
  return check(params);
}

/** `handler`, answering malformed params with `InvalidParams` instead of running. */
export function validated<P, R>(method: string, handler: (params: P) => R): (params: P) => R | ResponseError<void> {
  return (params: P) => {
    const problem = invalidParams(method, params);
    if (problem) return new ResponseError(ErrorCodes.InvalidParams, `${method}: ${problem}`);
    return handler(params);
  };
}

/**
 * The connection as `TextDocuments.listen` should see it: a `didChange` whose version is not newer
 * than the document's (a reordered or replayed notification) or that is malformed is dropped, so
 * the document keeps its text and nothing is published for the stale version.
 */
export function guardSync(connection: Connection, versionOf: (uri: string) => number | undefined, log: (message: string) => void): Connection {
  const guarded = Object.create(connection) as Connection;
  guarded.onDidChangeTextDocument = (handler) =>
    connection.onDidChangeTextDocument((params) => {
      const td = isObject(params) && isObject(params.textDocument) ? params.textDocument : null;
      if (!td || typeof td.uri !== 'string' || typeof td.version !== 'number' || !Array.isArray(params.contentChanges)) {
        log('ignored a malformed textDocument/didChange');
        return;
      }
      const known = versionOf(td.uri);
      if (known !== undefined && td.version <= known) {
        log(`ignored textDocument/didChange for ${td.uri}: version ${td.version} is not newer than ${known}`);
        return;
      }
      return handler(params);
    });
  return guarded;
}
