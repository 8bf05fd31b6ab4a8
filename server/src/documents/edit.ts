/**
 * Where two versions of a text differ. A file of its own (no parser imported) so the language
 * server's thread can use it without loading the document readers.
 */

/** Where two texts differ: `text` equals `old` before `from` and from `newEnd` on (`oldEnd` in `old`). */
export interface Edit {
  from: number;
  oldEnd: number;
  newEnd: number;
}

export function editBetween(old: string, text: string): Edit {
  const max = Math.min(old.length, text.length);
  // Compared a block at a time (a native comparison) and then a character at a time: a character loop
  // over a 600 kB homework was the largest cost left in an edit.
  let from = 0;
  for (let step = 4096; step >= 1; step >>= 3) {
    while (from + step <= max && old.slice(from, from + step) === text.slice(from, from + step)) from += step;
  }
  let tail = 0;
  const room = max - from;
  for (let step = 4096; step >= 1; step >>= 3) {
    while (tail + step <= room && old.slice(old.length - tail - step, old.length - tail) === text.slice(text.length - tail - step, text.length - tail)) tail += step;
  }
  return { from, oldEnd: old.length - tail, newEnd: text.length - tail };
}
