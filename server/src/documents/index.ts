/**
 * Documents → claim blocks, math regions and hidden spans (spec section 1). Never throws: whatever the
 * input, the checker gets a ScannedDocument back.
 */
import type { DocumentKind, ScannedDocument } from '../core/document';
import { scanMarkdown } from './markdown/scanMarkdown';
import { scanLatex } from './latex/scanLatex';

export function scanDocument(text: string, kind: DocumentKind): ScannedDocument {
  try {
    return kind === 'latex' ? scanLatex(text) : scanMarkdown(text);
  } catch {
    // Both scanners guard their parsers already; this is the last line of defence.
    return { kind, text, blocks: [], math: [], hidden: [] };
  }
}
