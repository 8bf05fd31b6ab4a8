/**
 * Which documents make up each submission of a class (spec section 8a): every entry directly inside
 * a folder PATH is one submission (a file, or a folder walked recursively with itself as the boundary,
 * so one student's link cannot pull in another's work or anything outside), and a file PATH is one
 * submission. An entry the walk leaves out still gets its row, with the reason, so the TA sees it.
 */
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { findDocuments, findFileEntry, folderEntries, isCheckedName, walkTree, type Found, type FoundFile } from '../walk';

export interface SubmissionFiles {
  name: string;
  files: FoundFile[];
  /** Entries left out, each `path: reason`. */
  notes: string[];
}

export interface ClassFolders {
  submissions: SubmissionFiles[];
  /** A PATH that could not be read at all. */
  problems: string[];
}

function notesOf(found: Found): string[] {
  return found.skipped.map((s) => `${s.path}: ${s.message}`);
}

function entrySubmission(name: string, path: string, real: string, classRoot: string, maxFileSize: number): SubmissionFiles | undefined {
  const found: Found = { files: [], skipped: [] };
  let target = real;
  let isDir = false;
  try {
    if (lstatSync(real).isSymbolicLink()) target = realpathSync(real);
    isDir = statSync(target).isDirectory();
  } catch {
    // findFileEntry below names the problem.
  }
  const inside = target.startsWith(classRoot + sep);
  // A folder of the class (or a link to one inside it) is walked as its own tree; anything else,
  // links out and loops included, goes through the walk's own checks, which name what they leave out.
  if (target === classRoot) found.skipped.push({ path, message: 'a link to the class folder itself (a loop); not followed' });
  else if (isDir && inside) walkTree(path, target, maxFileSize, found);
  else findFileEntry(path, real, classRoot, maxFileSize, found);
  // A plain file the walk ignores (README.txt beside the submissions) is not a submission.
  if (found.files.length === 0 && found.skipped.length === 0 && !isDir && !isCheckedName(basename(path))) return undefined;
  return { name, files: found.files, notes: notesOf(found) };
}

export function findSubmissions(paths: readonly string[], maxFileSize: number): ClassFolders {
  const out: ClassFolders = { submissions: [], problems: [] };
  const singleFolder = paths.length === 1;
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (e) {
      out.problems.push(`${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (e as Error).message}`);
      continue;
    }
    if (!isDir) {
      const found = findDocuments(p, maxFileSize);
      out.submissions.push({ name: p, files: found.files, notes: notesOf(found) });
      continue;
    }
    let root: string;
    let names: string[];
    try {
      root = realpathSync(p);
      names = folderEntries(root);
    } catch (e) {
      out.problems.push(`${p}: ${(e as Error).message}`);
      continue;
    }
    for (const name of names) {
      const sub = entrySubmission(singleFolder ? name : join(p, name), join(p, name), join(root, name), root, maxFileSize);
      if (sub) out.submissions.push(sub);
    }
  }
  return out;
}
