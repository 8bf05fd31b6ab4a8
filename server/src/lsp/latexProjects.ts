/**
 * LaTeX across files in the editor: an open `.tex` file is checked within its project (the root that
 * includes it and the files the root includes, documents/compose/latexProject.ts). Other files are read
 * from the editor's open documents first (their unsaved text), then from the workspace through
 * `WorkspaceFiles`, which the Node entry provides (server.ts) and a browser entry may leave out: then
 * only open documents are read.
 */
import type { FileAccess } from '../documents/compose/latexProject';
import { latexProject } from '../documents/compose/latexProject';
import type { ComposedDocument } from '../documents/compose/composed';

/** The workspace's files as the server may read them (bounded to the workspace folders, by the entry). */
export interface WorkspaceFiles {
  /** A file's text by URI, or why not. */
  read(uri: string): string | { error: string };
  /** The `.tex` files of the workspace folders, by URI. */
  texFiles(): readonly string[];
}

/** What a LaTeX document is checked as, when it is part of a project of several files. */
export interface ProjectView {
  doc: ComposedDocument;
  source: number;
}

export function fileAccess(open: (uri: string) => string | undefined, openTex: () => string[], workspace?: WorkspaceFiles): FileAccess {
  return {
    read(uri) {
      const text = open(uri);
      if (text !== undefined) return text;
      return workspace ? workspace.read(uri) : { error: 'it is not open in the editor' };
    },
    texFiles() {
      const all = new Set(openTex());
      for (const u of workspace?.texFiles() ?? []) all.add(u);
      return [...all];
    },
  };
}

/** The project a LaTeX document belongs to, or undefined when it stands alone (no includes, no root). */
export function projectOf(uri: string, text: string, access: FileAccess): ProjectView | undefined {
  const { doc, source } = latexProject(uri, text, access);
  return doc.sources.length > 1 || doc.problems ? { doc, source } : undefined;
}
