/**
 * Checking many files at once in worker threads. The workers run this same bundle (`dist/cli.js`)
 * re-entered off the main thread, so there is still one file to ship and load. Results come back
 * tagged with the file's index and are put back in order, so the output is byte-identical to the
 * sequential run whatever order the workers finish in.
 */
import { availableParallelism } from 'node:os';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { CheckCache, checkComposed, projectCheck, type CheckOptions } from '../checker';
import type { DocumentCheck } from '../core/result';
import { loadDocument, type ComposedDocument } from '../documents/load';
import { cellPlaces, type CellPlace } from '../documents/notebook';
import { folderAccess } from './files';
import { readDocument, type FoundFile } from './walk';

/** What every check needs besides the file, the same in each thread: the command line's tensor limit,
 * default convention and layout, and the largest file read. */
export type FileOptions = Pick<CheckOptions, 'maxElements' | 'convention' | 'layout'> & { maxFileSize: number };

/**
 * One file's outcome: what the report needs, or why the file could not be read. A notebook's `text` is
 * its Markdown cells joined, and `cells` says where each lies (cli/location.ts).
 */
export type FileOutcome = { path: string; text: string; check: DocumentCheck; cells?: CellPlace[] } | { path: string; unreadable: string };

/** Below this many files, starting workers (each loads and compiles the bundle) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 8;

export const WORKERS_ENV = 'DERIVCHECK_WORKERS';

/**
 * A class of submissions is mostly the same homework: the blocks and chunks one file shares with any
 * file checked before it in this thread are reused, not re-parsed and re-evaluated. The editor's
 * caches already key each entry by everything its results depend on (never by the document), so an
 * entry from another file is as valid as one from an earlier version of the same file. They keep
 * only the last document's entries, though, and a student's mistakes differ from the last
 * student's, so the entries of all files so far are offered, up to a bound on memory.
 */
const MAX_SHARED_BLOCKS = 20_000;
const MAX_SHARED_CHUNKS = 5_000;
const shared = new CheckCache();
let sharedBlocks: CheckCache['entries'] = new Map();
let sharedChunks: CheckCache['scan']['entries'] = new Map();

function checkShared(path: string, doc: ComposedDocument, options: FileOptions): DocumentCheck {
  shared.entries = sharedBlocks;
  shared.scan.entries = sharedChunks;
  const check = checkComposed(doc, path, { maxElements: options.maxElements, convention: options.convention, layout: options.layout }, shared);
  // checkDocument leaves only this document's entries in the cache: fold them into the pool.
  sharedBlocks = merge(sharedBlocks, shared.entries, MAX_SHARED_BLOCKS);
  sharedChunks = merge(sharedChunks, shared.scan.entries, MAX_SHARED_CHUNKS);
  return check;
}

function merge<V>(into: Map<string, V>, latest: Map<string, V>, max: number): Map<string, V> {
  if (into === latest) return into;
  if (into.size + latest.size > max) return latest;
  for (const [k, v] of latest) into.set(k, v);
  return into;
}

/**
 * Read and check one file; shared by the sequential path and the workers so they cannot drift apart.
 * The file is read at the path the walk vetted (`real`) and named by the path the user knows.
 */
export function checkFile(file: FoundFile, options: FileOptions): FileOutcome {
  const { path } = file;
  const read = readDocument(file.real, options.maxFileSize);
  if ('unreadable' in read) return { path, unreadable: read.unreadable };
  const loaded = loadDocument(path, read.text, accessFor(file.root ?? includesFolder(path)));
  if ('error' in loaded) return { path, unreadable: loaded.error };
  const { doc, source } = loaded;
  const check = checkShared(path, doc, options);
  if (loaded.format === 'notebook') return { path, text: doc.text, check, cells: cellPlaces(doc) };
  // A LaTeX file of a project: its own results, at places in its own text.
  if (source !== undefined) return { path, text: read.text, check: projectCheck(doc, check, source) };
  return { path, text: read.text, check };
}

/**
 * Where a file named on the command line may read the files it names: the folder the command runs in
 * (a section's root is usually above it) when the file is inside it, else the file's own folder. Named
 * as the path is: relative paths with '.', absolute ones with the absolute folder.
 */
function includesFolder(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return isAbsolute(path) ? process.cwd() : '.';
  return dirname(path);
}

/** One FileAccess per folder and run: its listing of `.tex` files is then made once, not once per file. */
const accesses = new Map<string, ReturnType<typeof folderAccess>>();
function accessFor(folder: string): ReturnType<typeof folderAccess> {
  let a = accesses.get(folder);
  if (!a) accesses.set(folder, (a = folderAccess(folder)));
  return a;
}

/**
 * How many threads to check in, this one included: 0 means no workers. `DERIVCHECK_WORKERS=N`
 * overrides the choice (1: no workers; N ≥ 2: N threads even for few files), chiefly so tests can compare
 * both paths on one machine. Returns an error message for a value that is not a positive integer.
 */
export function workerCount(files: number, env: string | undefined): number | string {
  if (env !== undefined && env !== '') {
    const n = Number(env);
    if (!Number.isInteger(n) || n <= 0) return `${WORKERS_ENV} takes a positive whole number, not ${env}`;
    return n === 1 ? 0 : Math.min(n, files);
  }
  const cpus = availableParallelism();
  if (cpus < 2 || files < MIN_FILES_FOR_WORKERS) return 0;
  return Math.min(cpus, files);
}

interface Job {
  index: number;
  file: FoundFile;
}

interface Done {
  index: number;
  outcome: FileOutcome;
}

/** Called after each file with how many are done, for a progress bar. */
export type OnProgress = (done: number, total: number) => void;

/** Checks the files one after another in this thread (no workers). */
export function checkHere(files: readonly FoundFile[], options: FileOptions, onProgress?: OnProgress): FileOutcome[] {
  return files.map((file, i) => {
    const outcome = checkFile(file, options);
    onProgress?.(i + 1, files.length);
    return outcome;
  });
}

/**
 * Checks `paths` in this thread and `threads - 1` workers running `entry`; outcomes in the order of
 * `paths`. This thread takes files too rather than wait: one fewer bundle to load and cache to warm,
 * and no more threads than CPUs.
 */
export function checkInWorkers(entry: string, paths: readonly FoundFile[], options: FileOptions, threads: number, onProgress?: OnProgress): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = new Array(paths.length);
  let next = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    const pool: Worker[] = [];
    const inFlight = new Map<Worker, number>();
    const retired = new Set<Worker>();
    let settled = false;
    const stop = (w: Worker): void => {
      retired.add(w);
      void w.terminate();
    };
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      for (const w of pool) stop(w);
      reject(err);
    };
    const record = (index: number, outcome: FileOutcome): void => {
      outcomes[index] = outcome;
      done++;
      onProgress?.(done, paths.length);
      if (done === paths.length && !settled) {
        settled = true;
        for (const w of pool) stop(w);
        resolve(outcomes);
      }
    };
    // Two files in flight per worker, so it has the next one while this thread is busy checking
    // its own file and cannot hand it out; files differ a lot in cost, so no bigger batches.
    const feed = (w: Worker): void => {
      while (next < paths.length && (inFlight.get(w) ?? 0) < 2) {
        const job: Job = { index: next, file: paths[next] };
        next++;
        inFlight.set(w, (inFlight.get(w) ?? 0) + 1);
        w.postMessage(job);
      }
      if (inFlight.get(w) === 0) stop(w);
    };
    for (let i = 0; i < threads - 1; i++) {
      const w = new Worker(entry, { workerData: { derivcheckWorker: true, options } });
      pool.push(w);
      inFlight.set(w, 0);
      w.on('message', (m: Done) => {
        inFlight.set(w, (inFlight.get(w) ?? 1) - 1);
        record(m.index, m.outcome);
        if (!settled) feed(w);
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        if (!retired.has(w)) fail(new Error(`a checking worker stopped (exit code ${code}) before all files were checked`));
      });
      feed(w);
    }
    // One file per turn of the event loop, so the workers' results are taken in between.
    const own = (): void => {
      if (settled || next >= paths.length) return;
      const index = next++;
      try {
        record(index, checkFile(paths[index], options));
      } catch (err) {
        fail(err);
        return;
      }
      setImmediate(own);
    };
    setImmediate(own);
  });
}

/** True in a thread started by `checkInWorkers`. */
export function isCheckWorker(): boolean {
  return parentPort !== null && (workerData as { derivcheckWorker?: boolean } | null)?.derivcheckWorker === true;
}

/** The worker's side: check each file it is sent and send the outcome back. */
export function serveChecks(): void {
  const port = parentPort;
  if (!port) return;
  const { options } = workerData as { options: FileOptions };
  port.on('message', (job: Job) => {
    const done: Done = { index: job.index, outcome: checkFile(job.file, options) };
    port.postMessage(done);
  });
}
