/**
 * Server side of "Verify Current File" and "Verify All Files in Workspace": the client sends each
 * file's text (it can read files the server cannot, e.g. in a virtual workspace) and gets back the
 * counts and the diagnostics, which it shows for files that are not open.
 */
import type { CheckedDocument } from './documents';
import { countResults, kindOf } from './documents';
import { documentDiagnostics } from './diagnostics';
import { emptyCounts, type CheckTextParams, type CheckTextResult } from './protocol';

export interface CheckTextDeps {
  /** The enabled state for this URI. */
  enabled(uri: string): boolean;
  /** Checks a text with the settings of its URI. */
  check(uri: string, text: string, kind: NonNullable<ReturnType<typeof kindOf>>): Promise<CheckedDocument>;
}

export async function checkText(params: CheckTextParams, deps: CheckTextDeps): Promise<CheckTextResult> {
  const kind = kindOf(params.uri, params.languageId);
  if (!kind || !deps.enabled(params.uri) || typeof params.text !== 'string') {
    return { uri: params.uri, checked: false, counts: emptyCounts(), diagnostics: [] };
  }
  const doc = await deps.check(params.uri, params.text, kind);
  return { uri: params.uri, checked: true, counts: countResults(doc.check.results), diagnostics: documentDiagnostics(doc) };
}
