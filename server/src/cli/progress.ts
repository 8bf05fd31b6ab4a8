/**
 * A progress bar on stderr for long runs, only when stderr is a terminal: piped or redirected output
 * (CI logs, `2> file`) stays clean. Redrawn at most ten times a second, erased when the run ends.
 */

/** One line of the bar: `[#######-----------]  120/300 files  85 files/s`. Pure, for tests. */
export function progressLine(done: number, total: number, elapsedMs: number, width = 24): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(fraction * width);
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const pad = String(total).length;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(done).padStart(pad)}/${total} files  ${rate.toFixed(0)} files/s`;
}

export interface Progress {
  update(done: number, total: number): void;
  end(): void;
}

const SILENT: Progress = { update() {}, end() {} };

/** A bar when `stream` is a terminal and there is enough to wait for; otherwise nothing at all. */
export function progressBar(stream: NodeJS.WriteStream, minFiles = 20): Progress {
  if (!stream.isTTY) return SILENT;
  const start = Date.now();
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (total < minFiles || (now - last < 100 && done < total)) return;
      last = now;
      shown = true;
      stream.write(`\r${progressLine(done, total, now - start)}\x1b[K`);
    },
    end() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
