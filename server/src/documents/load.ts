/**
 * A file, by its format, as the document the checker reads: Markdown (and Quarto, R Markdown) as it is,
 * a notebook as its Markdown cells joined, a LaTeX file within the files it includes or is included by.
 * Adapters call this with the file's text and a way to read other files; it never reads a file itself.
 */
import { Composer, type ComposedDocument } from './compose/composed';
import { latexProject, type FileAccess } from './compose/latexProject';
import { formatOfPath, type FileFormat } from './formats';
import { composeNotebook, readNotebook } from './notebook';

export interface LoadedDocument {
  format: FileFormat;
  /** What the checker reads. */
  doc: ComposedDocument;
  /**
   * The source of `doc` that is this file, when its results must be taken back to it alone (a LaTeX
   * file of a project); absent when every result of `doc` belongs to this file.
   */
  source?: number;
}

export type Loaded = LoadedDocument | { error: string };

/** No access: other files are never read (a LaTeX file is then checked alone). */
export const NO_FILES: FileAccess = { read: () => ({ error: 'other files are not read here' }) };

export function loadDocument(path: string, text: string, access: FileAccess = NO_FILES, format: FileFormat = formatOfPath(path) ?? 'markdown'): Loaded {
  if (format === 'notebook') {
    const nb = readNotebook(text);
    if ('error' in nb) return { error: nb.error };
    return { format, doc: composeNotebook(nb.cells) };
  }
  if (format === 'latex') {
    const { doc, source } = latexProject(path, text, access);
    return doc.sources.length > 1 ? { format, doc, source } : { format, doc };
  }
  return { format, doc: single(path, 'markdown', text) };
}

/** One file as a composed document of one source: the identity map. */
export function single(id: string, kind: ComposedDocument['kind'], text: string): ComposedDocument {
  const c = new Composer();
  c.add(c.addSource({ id, text }));
  return c.done(kind);
}

export type { FileAccess } from './compose/latexProject';
export type { ComposedDocument } from './compose/composed';
