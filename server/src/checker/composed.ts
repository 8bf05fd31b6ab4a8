/**
 * Checking a composed document (documents/compose/): the checker reads its joined text like any other
 * document, plus the problems met while joining it. project.ts takes the results back to their sources.
 */
import type { ComposedDocument } from '../documents/compose/composed';
import type { DocumentCheck } from '../core/result';
import { withProblems } from './project';
import { checkDocument, type CheckCache, type CheckOptions } from './index';

/** The joined text checked as one document, with the problems met while joining it as `include` errors. */
export function checkComposed(doc: ComposedDocument, name: string, options: CheckOptions = {}, cache?: CheckCache): DocumentCheck {
  const check = checkDocument(doc.parts ? { name, kind: doc.kind, text: doc.text, parts: doc.parts } : { name, kind: doc.kind, text: doc.text }, options, cache);
  return withProblems(doc, check);
}
