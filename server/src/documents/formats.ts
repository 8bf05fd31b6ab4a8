/**
 * Which reader reads a file, by its name: the one table of file extensions (spec section 1). The CLI's
 * folder walk, the language server and the client's Verify All all ask here, so a format added here is
 * found everywhere.
 */
import type { DocumentKind } from '../core/document';

/** `notebook`: a Jupyter notebook (JSON), read by notebook.ts into Markdown cells. */
export type FileFormat = DocumentKind | 'notebook';

/** Lower-case extension → reader. Quarto and R Markdown are Markdown: their code chunks are fenced code. */
const EXTENSIONS: ReadonlyMap<string, FileFormat> = new Map<string, FileFormat>([
  ['.md', 'markdown'],
  ['.markdown', 'markdown'],
  ['.qmd', 'markdown'],
  ['.rmd', 'markdown'],
  ['.tex', 'latex'],
  ['.ipynb', 'notebook'],
]);

/** The extensions read, lower case with the dot, in the table's order (for globs and messages). */
export const FILE_EXTENSIONS: readonly string[] = [...EXTENSIONS.keys()];

export function formatOfPath(path: string): FileFormat | undefined {
  const lower = path.toLowerCase();
  const dot = lower.lastIndexOf('.');
  if (dot < 0 || lower.indexOf('/', dot) >= 0 || lower.indexOf('\\', dot) >= 0) return undefined;
  return EXTENSIONS.get(lower.slice(dot));
}
