/**
 * Checking a list of documents with a progress bar: in worker threads when there are many, here
 * otherwise. Shared by plain checking and the class report.
 */
import type { FoundFile } from './walk';
import { checkHere, checkInWorkers, workerCount, WORKERS_ENV, type FileOptions, type FileOutcome } from './pool';
import { progressBar } from './progress';

export async function checkAll(entry: string, files: readonly FoundFile[], options: FileOptions): Promise<FileOutcome[] | string> {
  const workers = workerCount(files.length, process.env[WORKERS_ENV]);
  if (typeof workers === 'string') return workers;
  const bar = progressBar(process.stderr);
  const onProgress = (done: number, total: number) => bar.update(done, total);
  try {
    return workers > 0 ? await checkInWorkers(entry, files, options, workers, onProgress) : checkHere(files, options, onProgress);
  } finally {
    bar.end();
  }
}
