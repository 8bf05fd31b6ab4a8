/**
 * The claim-writing help (completion, signature help, hover on function names, "Add a check for this
 * value") adapted to LSP. What to offer is decided in completion.ts; this file only translates.
 * service.ts registers it with one call and asks `tutorHover`/`tutorActions` before its own answers.
 */
import {
  CodeActionKind, CompletionItemKind, InsertTextFormat, MarkupKind,
  type CodeAction, type CompletionItem, type Hover, type ServerCapabilities, type SignatureHelp,
} from 'vscode-languageserver-protocol';
import type { Connection } from 'vscode-languageserver';
import type { CheckedDocument } from './documents';
import { addCheckAt, claimContextAt, claimSnippetsAt, completionsAt, functionHoverAt, signatureAt, type Item, type ItemKind } from './completion';

/** The "Add a check" action: a refactoring that inserts, not a fix of a diagnostic. */
export const addCheckKind = `${CodeActionKind.Refactor}.insert`;

/** A space opens the list after `check:` and after `conv out 10x11`; `(` and `,` show the signature. */
export const tutorCapabilities: Pick<ServerCapabilities, 'completionProvider' | 'signatureHelpProvider'> = {
  completionProvider: { triggerCharacters: [' ', '.', '(', ',', ';'], resolveProvider: false },
  signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [' ', '='] },
};

const KINDS: Record<ItemKind, CompletionItemKind> = {
  function: CompletionItemKind.Function,
  module: CompletionItemKind.Class,
  keyword: CompletionItemKind.Keyword,
  variable: CompletionItemKind.Variable,
  param: CompletionItemKind.Property,
  snippet: CompletionItemKind.Snippet,
  value: CompletionItemKind.EnumMember,
};

export function tutorCompletion(doc: CheckedDocument, offset: number): CompletionItem[] | null {
  const ctx = claimContextAt(doc.text, doc.kind, offset);
  if (!ctx) {
    const snippets = claimSnippetsAt(doc.text, doc.kind, offset);
    return snippets.length ? snippets.map((i, n) => toItem(doc, offset, i, n)) : null;
  }
  return completionsAt(ctx, doc.check.lets).map((i, n) => toItem(doc, offset, i, n));
}

function toItem(doc: CheckedDocument, offset: number, i: Item, n: number): CompletionItem {
  const replaced = i.replaceFrom !== undefined
    ? { textEdit: { range: { start: doc.lines.position(i.replaceFrom), end: doc.lines.position(offset) }, newText: i.insert }, filterText: i.filter }
    : { insertText: i.insert };
  return {
    label: i.label,
    kind: KINDS[i.kind],
    detail: i.detail,
    documentation: i.documentation ? { kind: MarkupKind.Markdown, value: i.documentation } : undefined,
    ...replaced,
    insertTextFormat: i.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    // Keep the table's order: keywords and snippets first at a statement's start, then functions, then names.
    sortText: String(n).padStart(4, '0'),
  };
}

export function tutorSignature(doc: CheckedDocument, offset: number): SignatureHelp | null {
  const ctx = claimContextAt(doc.text, doc.kind, offset);
  const sig = ctx && signatureAt(ctx);
  if (!sig) return null;
  return {
    signatures: [{
      label: sig.label,
      documentation: { kind: MarkupKind.Markdown, value: sig.documentation },
      parameters: sig.parameters.map((p) => ({ label: p })),
    }],
    activeSignature: 0,
    activeParameter: sig.active,
  };
}

/** A function or module name in a claim: its documentation (the statement's verdict is one word away). */
export function tutorHover(doc: CheckedDocument, offset: number): Hover | null {
  const h = functionHoverAt(doc.text, doc.kind, offset);
  if (!h) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: h.markdown },
    range: { start: doc.lines.position(h.start), end: doc.lines.position(h.end) },
  };
}

export function tutorActions(doc: CheckedDocument, offset: number, only: string[] | undefined): CodeAction[] {
  if (only && !only.some((o) => addCheckKind === o || addCheckKind.startsWith(`${o}.`))) return [];
  const add = addCheckAt(doc.text, doc.kind, offset);
  if (!add) return [];
  const at = doc.lines.position(add.at);
  return [{
    title: `Add a check for this value (${add.value})`,
    kind: addCheckKind,
    edit: { changes: { [doc.uri]: [{ range: { start: at, end: at }, newText: add.insert }] } },
  }];
}

/** Registers completion and signature help; `current` gives the document's check as of its text now. */
export function registerTutor(connection: Connection, current: (uri: string) => Promise<CheckedDocument | undefined>): void {
  connection.onCompletion(async (params) => {
    const doc = await current(params.textDocument.uri);
    return doc ? tutorCompletion(doc, doc.lines.offsetAt(params.position)) : null;
  });
  connection.onSignatureHelp(async (params) => {
    const doc = await current(params.textDocument.uri);
    return doc ? tutorSignature(doc, doc.lines.offsetAt(params.position)) : null;
  });
}
