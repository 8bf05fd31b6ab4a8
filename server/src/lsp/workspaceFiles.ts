/**
 * The Node entry's WorkspaceFiles: `.tex` files of the workspace folders, read from disk for the
 * LaTeX projects of open files. Documents are untrusted input: reads stay inside the workspace folders
 * (by real path), take regular files only, and are bounded in size; listings are bounded in count.
 * Node-only (node:fs), so it is passed in by server.ts rather than imported by the wiring.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, isAbsolute, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkspaceFiles } from './latexProjects';

const MAX_BYTES = 8 * 1024 * 1024;
const MAX_LISTED = 5_000;
/** A listing is reused this long: a hover must not walk the workspace again. */
const LIST_TTL_MS = 2_000;

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

export function nodeWorkspaceFiles(folderUris: string[]): WorkspaceFiles {
  const folders: string[] = [];
  for (const u of folderUris) {
    try {
      if (u.startsWith('file:')) folders.push(realpathSync(fileURLToPath(u)));
    } catch {
      // a folder that is gone holds no files
    }
  }
  const texts = new Map<string, { mtime: number; size: number; text: string }>();
  let listed: { at: number; uris: string[] } | null = null;
  return {
    read(uri) {
      try {
        if (!uri.startsWith('file:')) return { error: 'not a file' };
        const real = realpathSync(fileURLToPath(uri));
        if (!folders.some((f) => inside(f, real))) return { error: 'it is outside the workspace folders' };
        const st = statSync(real);
        if (!st.isFile()) return { error: 'it is not a regular file' };
        if (st.size > MAX_BYTES) return { error: 'it is larger than 8 MB' };
        const known = texts.get(real);
        if (known && known.mtime === st.mtimeMs && known.size === st.size) return known.text;
        const text = readFileSync(real, 'utf8');
        texts.set(real, { mtime: st.mtimeMs, size: st.size, text });
        return text;
      } catch (e) {
        return { error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message };
      }
    },
    texFiles() {
      if (listed && Date.now() - listed.at < LIST_TTL_MS) return listed.uris;
      const uris: string[] = [];
      let seen = 0;
      const stack = [...folders];
      while (stack.length > 0 && seen < MAX_LISTED) {
        const dir = stack.pop() as string;
        let names: string[];
        try {
          names = readdirSync(dir);
        } catch {
          continue;
        }
        for (const name of names) {
          if (++seen > MAX_LISTED) break;
          if (name === 'node_modules' || name.startsWith('.')) continue;
          const p = join(dir, name);
          try {
            const st = lstatSync(p);
            if (st.isDirectory()) stack.push(p);
            else if (st.isFile() && name.toLowerCase().endsWith('.tex')) uris.push(pathToFileURL(p).toString());
          } catch {
            // gone since listed
          }
        }
      }
      listed = { at: Date.now(), uris };
      return uris;
    },
  };
}
