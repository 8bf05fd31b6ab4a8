/**
 * Finding the documents under the paths a user gives, when the folders may hold anything a student
 * submitted. The walk never follows a link out of the folder it was given nor into a folder it has
 * already entered (no loop), never opens what is not a regular file (a FIFO would block, a device
 * never end), and refuses files over a size limit; each entry it leaves out is named, and the rest is
 * still found. Reading goes through `readDocument`, which checks the opened file again, so a file
 * swapped for a FIFO between the walk and the read cannot block either.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import type { Problem } from './results';

/**
 * The file names the folder walk checks (compared without case). Notebooks and Quarto/R Markdown are
 * listed already; until their readers exist they are read as Markdown (`kindOfPath` decides).
 */
export const CHECKED_EXTENSIONS: readonly string[] = ['.md', '.markdown', '.tex', '.ipynb', '.qmd', '.Rmd'];

/** Default for `--max-file-size`: the 100-page benchmark homework is under 1 MB. */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export function isCheckedName(name: string): boolean {
  const lower = name.toLowerCase();
  return CHECKED_EXTENSIONS.some((ext) => lower.endsWith(ext.toLowerCase()) && lower.length > ext.length);
}

/** A document to check: the path to show, and the resolved path the walk vetted, to read. */
export interface FoundFile {
  path: string;
  real: string;
  /** The folder walked to find it: the files it names (`\input`, `% !TEX root`) may be read only there. */
  root?: string;
}

export interface Found {
  files: FoundFile[];
  /** Entries left out, each with the reason. */
  skipped: Problem[];
  /** Files passed over that look like homework in a form not read (`.pdf`, `.docx`...), by extension. */
  otherKinds?: Map<string, number>;
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${bytes} bytes`;
}

function tooBig(size: number, max: number): string {
  return `${formatSize(size)}, over the size limit of ${formatSize(max)} (--max-file-size); not checked`;
}

/** What a non-regular entry is, in words. */
function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function errText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file or folder';
  if (err.code === 'ELOOP') return 'a link that loops';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied';
  return err.message;
}

const dirKey = (st: Stats): string => `${st.dev}:${st.ino}`;

function within(root: string, target: string): boolean {
  return target === root || target.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * One path from the command line. A file named explicitly is checked whatever its name (the user chose
 * it); a folder is walked with itself as the boundary links may not leave.
 */
export function findDocuments(path: string, maxFileSize: number, out: Found = { files: [], skipped: [] }): Found {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    out.skipped.push({ path, message: errText(e) });
    return out;
  }
  if (st.isDirectory()) {
    let real: string;
    try {
      real = realpathSync(path);
    } catch (e) {
      out.skipped.push({ path, message: errText(e) });
      return out;
    }
    walkTree(path, real, maxFileSize, out);
  } else if (!st.isFile()) out.skipped.push({ path, message: `${kindOf(st)}, not read` });
  else if (st.size > maxFileSize) out.skipped.push({ path, message: tooBig(st.size, maxFileSize) });
  else out.files.push({ path, real: path });
  return out;
}

/**
 * Files a folder scan passes over that look like homework in a form not read: said on stderr, so that
 * "0 claims" is never mistaken for "all is well".
 */
const NOTED_KINDS = new Set(['.txt', '.pdf', '.docx', '.doc', '.odt', '.rtf', '.html', '.htm', '.rst', '.org', '.adoc', '.typ', '.lyx', '.ltx', '.rnw']);

function noteOtherKind(name: string, out: Found): void {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return;
  const ext = name.slice(dot).toLowerCase();
  if (!NOTED_KINDS.has(ext)) return;
  out.otherKinds ??= new Map();
  out.otherKinds.set(ext, (out.otherKinds.get(ext) ?? 0) + 1);
}

/** `skipped 2 .pdf, 1 .docx: files of kinds it does not read; it reads .md ...` or '' when none. */
export function otherKindsNote(found: Found, reads: readonly string[]): string {
  const kinds = found.otherKinds;
  if (!kinds || kinds.size === 0) return '';
  const list = [...kinds].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([ext, n]) => `${n} ${ext}`).join(', ');
  return `skipped files of kinds it does not read (${list}); it reads ${reads.join(' ')}`;
}

/** The state of one walk: its boundary, the folders entered so far, and those it is inside now. */
interface Walk {
  root: string;
  /** The folder as the user named it: the files found name the folder their includes may be read in by it. */
  named: string;
  visited: Set<string>;
  ancestors: Set<string>;
  maxFileSize: number;
  out: Found;
}

/**
 * One entry of a folder: a document, a folder to walk, or a reason to leave it out. Links are
 * followed only to places inside the walk's root; each folder is walked once (a second link to it
 * is passed over), and a link to a folder the walk is inside is named as a loop.
 */
function findEntry(path: string, real: string, walk: Walk): void {
  const { out, maxFileSize } = walk;
  const name = basename(path);
  let st: Stats;
  try {
    st = lstatSync(real);
  } catch (e) {
    out.skipped.push({ path, message: errText(e) });
    return;
  }
  let target = real;
  if (st.isSymbolicLink()) {
    try {
      target = realpathSync(real);
    } catch (e) {
      // A dangling link only matters where it stands for a document.
      if (isCheckedName(name)) out.skipped.push({ path, message: `a link to nothing (${errText(e)})` });
      return;
    }
    if (!within(walk.root, target)) {
      out.skipped.push({ path, message: `a link out of the folder (to ${target}); not followed` });
      return;
    }
    try {
      st = statSync(target);
    } catch (e) {
      out.skipped.push({ path, message: errText(e) });
      return;
    }
  }
  if (st.isDirectory()) {
    const key = dirKey(st);
    if (walk.ancestors.has(key)) out.skipped.push({ path, message: 'a link to a folder it is inside (a loop); not followed' });
    else if (!walk.visited.has(key)) walkFolder(path, target, key, walk);
  } else if (!st.isFile()) out.skipped.push({ path, message: `${kindOf(st)}, not read` });
  else if (!isCheckedName(name)) noteOtherKind(name, out);
  else if (st.size > maxFileSize) out.skipped.push({ path, message: tooBig(st.size, maxFileSize) });
  else out.files.push({ path, real: target, root: walk.named });
}

/**
 * One entry directly inside a class folder (`root`), where the entry itself is not walked (the class
 * report walks folder entries as trees of their own): a document, or the reason it is left out.
 */
export function findFileEntry(path: string, real: string, root: string, maxFileSize: number, out: Found): void {
  findEntry(path, real, { root, named: dirname(path), visited: new Set(), ancestors: new Set(), maxFileSize, out });
}

/** The entries of a folder in name order, skipping `node_modules` and dot-entries. */
export function folderEntries(real: string): string[] {
  return readdirSync(real)
    .filter((name) => name !== 'node_modules' && !name.startsWith('.'))
    .sort();
}

/** Walks a folder (`real`: resolved) with itself as the boundary: no link may lead out of it. */
export function walkTree(path: string, real: string, maxFileSize: number, out: Found): void {
  let st: Stats;
  try {
    st = statSync(real);
  } catch (e) {
    out.skipped.push({ path, message: errText(e) });
    return;
  }
  walkFolder(path, real, dirKey(st), { root: real, named: path, visited: new Set(), ancestors: new Set(), maxFileSize, out });
}

function walkFolder(path: string, real: string, key: string, walk: Walk): void {
  walk.visited.add(key);
  let names: string[];
  try {
    names = folderEntries(real);
  } catch (e) {
    walk.out.skipped.push({ path, message: errText(e) });
    return;
  }
  walk.ancestors.add(key);
  for (const name of names) findEntry(join(path, name), join(real, name), walk);
  walk.ancestors.delete(key);
}

/**
 * Reads a document the walk found, without trusting that it is still what the walk saw: opened
 * non-blocking (a FIFO returns at once), checked to be a regular file on the open descriptor, and read
 * only up to the limit, whatever size it claims.
 */
export function readDocument(path: string, maxFileSize: number): { text: string } | { unreadable: string } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { unreadable: errText(e) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { unreadable: `${kindOf(st)}, not read` };
    if (st.size > maxFileSize) return { unreadable: tooBig(st.size, maxFileSize) };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // The size fstat gave plus one byte (to see the end), at least 64 KB (a file may grow), at most 1 MB a read.
      const buf = Buffer.allocUnsafe(Math.min(Math.max(st.size - total + 1, 1 << 16), maxFileSize + 1 - total, 1 << 20));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      if (total > maxFileSize) return { unreadable: tooBig(total, maxFileSize) };
    }
    return { text: Buffer.concat(chunks, total).toString('utf8') };
  } catch (e) {
    return { unreadable: errText(e) };
  } finally {
    closeSync(fd);
  }
}
