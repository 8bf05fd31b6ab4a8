/**
 * The CLI's way of reading the files a document names (`\input`, `% !TEX root`): documents are
 * untrusted input, so a name may not lead out of the folder being checked, nor to anything but a
 * regular file of bounded size. Handed to documents/ as a FileAccess; the checker does no I/O.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep, isAbsolute } from 'node:path';
import type { FileAccess } from '../documents/load';
import { formatOfPath } from '../documents/formats';

/** Larger than any write-up; a name that leads to a disk image must not be read into memory. */
export const MAX_INCLUDED_BYTES = 8 * 1024 * 1024;
/** Folders are searched for a root only this far: a root search must not walk a whole disk. */
const MAX_LISTED = 5_000;

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** Reads files at or below `folder` (by their real path: a link out of it is refused). */
export function folderAccess(folder: string): FileAccess {
  let realFolder: string | null = null;
  let listed: string[] | null = null;
  const folderReal = (): string => (realFolder ??= realpathSync(folder));
  return {
    read(path) {
      try {
        if (!inside(resolve(folder), resolve(path))) return { error: 'it is outside the folder being checked' };
        const real = realpathSync(path);
        if (!inside(folderReal(), real)) return { error: 'it leads outside the folder being checked' };
        const st = statSync(real);
        if (!st.isFile()) return { error: 'it is not a regular file' };
        if (st.size > MAX_INCLUDED_BYTES) return { error: `it is larger than ${MAX_INCLUDED_BYTES / 1024 / 1024} MB` };
        return readFileSync(real, 'utf8');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        return { error: code === 'ENOENT' ? 'no such file' : (e as Error).message };
      }
    },
    texFiles() {
      return (listed ??= listTex(folder));
    },
  };
}

/** `.tex` files under `folder`, skipping node_modules and dot-folders and following no links. */
function listTex(folder: string): string[] {
  const out: string[] = [];
  const stack = [folder];
  let seen = 0;
  while (stack.length > 0 && seen < MAX_LISTED) {
    const dir = stack.pop() as string;
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      if (++seen > MAX_LISTED) break;
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const p = dir === '.' ? name : join(dir, name);
      try {
        const st = lstatSync(p);
        if (st.isDirectory()) stack.push(p);
        else if (st.isFile() && formatOfPath(name) === 'latex') out.push(p);
      } catch {
        // gone since listed: not a candidate
      }
    }
  }
  return out;
}
