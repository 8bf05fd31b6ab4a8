/**
 * Check results as diagnostics (spec section 7). A failing claim is marked where the wrong value is
 * written, because that is what the student has to change; the statement that computed the right
 * value goes into related information.
 */
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver-protocol';
import type { CheckResult } from '../core/result';
import type { CheckedDocument } from './documents';
import { toRange } from './ranges';

export const diagnosticSource = 'derivcheck';

const { Error: ERROR, Information: INFO } = DiagnosticSeverity;

export function documentDiagnostics(doc: CheckedDocument): Diagnostic[] {
  return doc.check.results.flatMap((r) => resultDiagnostics(doc, r));
}

export function resultDiagnostics(doc: CheckedDocument, r: CheckResult): Diagnostic[] {
  const position = doc.position;
  const at = (span: { start: number; end: number }) =>
    position ? { start: position(span.start), end: position(span.end) } : toRange(doc.lines, span);
  const claim = (message: string): DiagnosticRelatedInformation[] => [
    { location: { uri: doc.uri, range: at(r.span) }, message },
  ];
  switch (r.status) {
    case 'pass':
      return [];
    case 'unbound':
      return [{ range: at(r.span), severity: INFO, source: diagnosticSource, code: r.code, message: r.message }];
    case 'error':
      return [{ range: at(r.errorSpan ?? r.span), severity: ERROR, source: diagnosticSource, code: r.code, message: r.message }];
    case 'fail': {
      const broken = (r.links ?? []).filter((l) => !l.holds);
      if (broken.length > 0) {
        return broken.map((l) => ({
          // A link that could not be checked is marked at the token that stopped it.
          range: at(l.error ?? l.rightSpan),
          severity: ERROR,
          source: diagnosticSource,
          code: r.code,
          message: l.message,
          relatedInformation: claim(`checked by: ${r.source}`),
        }));
      }
      const where = r.claimedSpan ?? r.span;
      const d: Diagnostic = { range: at(where), severity: ERROR, source: diagnosticSource, code: r.code, message: r.message };
      if (where.start !== r.span.start || where.end !== r.span.end) d.relatedInformation = claim(`claim: ${r.source}`);
      return [d];
    }
  }
}
