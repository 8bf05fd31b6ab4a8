/**
 * Quick fixes that rewrite a wrong claimed value into the computed one, and `source.fixAll.derivcheck`
 * for all of them at once (what `editor.codeActionsOnSave` runs). The edit is the checker's `fix`;
 * this file only decides which fixes the request is about and how to package them.
 */
import { CodeActionKind, type CodeAction, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { CheckResult } from '../core/result';
import type { Span } from '../core/span';
import { resultDiagnostics } from './diagnostics';
import type { CheckedDocument } from './documents';
import { meets, toRange, toSpan } from './ranges';

export const fixAllKind = `${CodeActionKind.SourceFixAll}.derivcheck`;

export interface CodeActionRequest {
  span: Span;
  /** `context.only`: the kinds the client asked for, or undefined for any. */
  only?: string[];
  /** Whether the client applies `documentChanges` (versioned edits, refused on a changed document). */
  versionedEdits: boolean;
}

export function codeActions(doc: CheckedDocument, request: CodeActionRequest): CodeAction[] {
  const wants = (kind: string) =>
    !request.only || request.only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const fixable = doc.check.results.filter((r): r is CheckResult & { fix: NonNullable<CheckResult['fix']> } =>
    r.status === 'fail' && r.fix !== undefined,
  );
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const r of fixable) {
      const diagnostics = resultDiagnostics(doc, r);
      const near = meets(r.fix.span, request.span) || diagnostics.some((d) => meets(toSpan(doc.lines, d.range), request.span));
      if (!near) continue;
      actions.push({
        title: `Replace ${doc.text.slice(r.fix.span.start, r.fix.span.end)} with ${r.fix.newText}`,
        kind: CodeActionKind.QuickFix,
        diagnostics,
        isPreferred: true,
        edit: workspaceEdit(doc, [toTextEdit(doc, r.fix)], request.versionedEdits),
      });
    }
  }
  if (fixable.length > 0 && wants(fixAllKind)) {
    const edits = nonOverlapping(fixable.map((r) => r.fix)).map((f) => toTextEdit(doc, f));
    actions.push({
      title: `Fix all Derivation Check claims (${edits.length})`,
      kind: fixAllKind,
      edit: workspaceEdit(doc, edits, request.versionedEdits),
    });
  }
  return actions;
}

function toTextEdit(doc: CheckedDocument, fix: { span: Span; newText: string }): TextEdit {
  return { range: toRange(doc.lines, fix.span), newText: fix.newText };
}

/** Two fixes on one value (say a shape claimed twice in one comment) must not both apply. */
function nonOverlapping<T extends { span: Span }>(fixes: T[]): T[] {
  const sorted = [...fixes].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const kept: T[] = [];
  for (const f of sorted) {
    const last = kept[kept.length - 1];
    if (last && f.span.start < last.span.end) continue;
    if (last && f.span.start === last.span.start && f.span.end === last.span.end) continue;
    kept.push(f);
  }
  return kept;
}

function workspaceEdit(doc: CheckedDocument, edits: TextEdit[], versioned: boolean): WorkspaceEdit {
  if (versioned && doc.version >= 0) {
    return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] };
  }
  return { changes: { [doc.uri]: edits } };
}
