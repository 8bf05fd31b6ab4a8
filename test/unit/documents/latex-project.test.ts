// LaTeX across files: \input / \include chains, cycles, missing files, and finding the root of a file
// opened alone (magic comment, then search). Files come from an in-memory FileAccess: documents/ does no I/O.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDocument, type FileAccess, type LoadedDocument } from '../../../server/src/documents/load';
import { findIncludes, magicRoot } from '../../../server/src/documents/latex/includes';
import { checkComposed, projectCheck } from '../../../server/src/checker';
import { LineIndex } from '../../../server/src/core/span';

function files(map: Record<string, string>, search = true): FileAccess & { reads: string[] } {
  const reads: string[] = [];
  const access: FileAccess & { reads: string[] } = {
    reads,
    read(path) {
      reads.push(path);
      return path in map ? map[path] : { error: 'no such file' };
    },
  };
  if (search) access.texFiles = () => Object.keys(map).filter((p) => p.endsWith('.tex'));
  return access;
}

/** The results of `path` as it is checked: [line, status, source] in its own text, 1-based. */
function checkIn(map: Record<string, string>, path: string, search = true) {
  const loaded = loadDocument(path, map[path], files(map, search));
  assert.ok(!('error' in loaded));
  const l = loaded as LoadedDocument;
  const all = checkComposed(l.doc, path);
  const own = l.source === undefined ? all : projectCheck(l.doc, all, l.source);
  const lines = new LineIndex(map[path]);
  return {
    loaded: l,
    results: own.results.map((r) => [lines.position(r.span.start).line + 1, r.status, r.code === 'include' ? r.message : r.source] as const),
  };
}

const MAIN = `\\documentclass{article}
\\begin{document}
% check: let x : 2x5
\\input{sections/part1}
% check: x.T : 5x2
\\include{part2}
\\end{document}
`;
const PART1 = `\\section{One}
% check: x @ x.T : 2x2
% check: let y : 3x2
`;
const PART2 = `% check: y @ x : 3x5
% check: x @ x.T : 3x3
`;

const PROJECT = { 'hw/main.tex': MAIN, 'hw/sections/part1.tex': PART1, 'hw/part2.tex': PART2 };

test('includes are found outside comments and verbatim, in both \\input forms', () => {
  const text = '\\input{a}\n% \\input{b}\n\\include{c} \\input d.tex\n\\begin{verbatim}\n\\input{e}\n\\end{verbatim}\n\\\\input{f}\n\\inputx{g}\n';
  assert.deepEqual(findIncludes(text).map((i) => i.name), ['a', 'c', 'd.tex']);
});

test('a root that \\inputs and \\includes files is one document: lets flow into and out of them', () => {
  const { results, loaded } = checkIn(PROJECT, 'hw/main.tex');
  assert.deepEqual(loaded.doc.sources.map((s) => s.id), ['hw/main.tex', 'hw/sections/part1.tex', 'hw/part2.tex']);
  // The root's own results only, on its own lines.
  assert.deepEqual(results, [[5, 'pass', 'x.T : 5x2']]);
});

test('an included file opened alone finds its root by search and gets its own results, on its own lines', () => {
  assert.deepEqual(checkIn(PROJECT, 'hw/sections/part1.tex').results, [[2, 'pass', 'x @ x.T : 2x2']]);
  // y (bound in part1) and x (bound in main) are both known in part2, included after both.
  assert.deepEqual(checkIn(PROJECT, 'hw/part2.tex').results, [[1, 'pass', 'y @ x : 3x5'], [2, 'fail', 'x @ x.T : 3x3']]);
});

test('a chain main → a → b: b finds main as its root, through a', () => {
  const map = {
    'main.tex': '\\documentclass{article}\n% check: let n = 4\n\\input{a}\n',
    'a.tex': '\\input{b}\n',
    'b.tex': '% check: n * 2 = 8\n',
  };
  assert.deepEqual(checkIn(map, 'b.tex').results, [[1, 'pass', 'n * 2 = 8']]);
});

test('a magic comment names the root; without search, and before searching', () => {
  const map = {
    'main.tex': '\\documentclass{article}\n% check: let n = 4\n\\input{sub/b}\n',
    'other.tex': '\\documentclass{article}\n% check: let n = 5\n\\input{sub/b}\n',
    'sub/b.tex': '% !TEX root = ../main.tex\n% check: n * 2 = 8\n',
  };
  assert.equal(magicRoot(map['sub/b.tex']), '../main.tex');
  // Two files include it, so a search alone could not choose; the magic comment does.
  assert.deepEqual(checkIn(map, 'sub/b.tex', false).results, [[2, 'pass', 'n * 2 = 8']]);
  assert.deepEqual(checkIn(map, 'sub/b.tex', true).results, [[2, 'pass', 'n * 2 = 8']]);
});

test('a file two roots include, with no magic comment, is checked alone: its lets from outside are unknown', () => {
  const map = {
    'a.tex': '\\documentclass{article}\n% check: let n = 4\n\\input{c}\n',
    'b.tex': '\\documentclass{article}\n% check: let n = 5\n\\input{c}\n',
    'c.tex': '% check: n * 2 = 8\n',
  };
  const r = checkIn(map, 'c.tex').results;
  assert.equal(r.length, 1);
  assert.equal(r[0][1], 'error');
});

test('a magic comment naming a file that cannot be read is an error at the comment; the file is checked alone', () => {
  const map = { 'b.tex': '% !TEX root = nowhere.tex\n% check: 2 * 2 = 4\n' };
  const { results } = checkIn(map, 'b.tex');
  assert.equal(results.length, 2);
  assert.equal(results[0][0], 1);
  assert.equal(results[0][1], 'error');
  assert.match(String(results[0][2]), /cannot be read \(nowhere\.tex\): no such file/);
  assert.deepEqual(results[1], [2, 'pass', '2 * 2 = 4']);
});

test('a missing included file is an error at its \\input; the rest is checked', () => {
  const map = { 'main.tex': '\\documentclass{article}\n% check: let n = 4\n\\input{gone}\n% check: n + 1 = 5\n' };
  const { results } = checkIn(map, 'main.tex');
  assert.equal(results.length, 2);
  assert.equal(results[0][0], 3);
  assert.equal(results[0][1], 'error');
  assert.match(String(results[0][2]), /Cannot read the included file gone \(gone\.tex\): no such file/);
  assert.deepEqual(results[1], [4, 'pass', 'n + 1 = 5']);
});

test('an include cycle is an error at the \\input that closes it, and nothing is read twice', () => {
  const map = {
    'main.tex': '\\documentclass{article}\n\\input{a}\n% check: 1 + 1 = 2\n',
    'a.tex': '% check: let n = 4\n\\input{main}\n',
  };
  const main = checkIn(map, 'main.tex');
  assert.deepEqual(main.results, [[3, 'pass', '1 + 1 = 2']]);
  const a = checkIn(map, 'a.tex');
  assert.equal(a.results.length, 1);
  assert.equal(a.results[0][0], 2);
  assert.equal(a.results[0][1], 'error');
  assert.match(String(a.results[0][2]), /Include cycle \(main\.tex → a\.tex → main\.tex\)/);
  // A file that includes itself.
  const self = checkIn({ 'x.tex': '\\documentclass{article}\n\\input{x}\n' }, 'x.tex');
  assert.match(String(self.results[0][2]), /Include cycle \(x\.tex → x\.tex\)/);
});

test('a file included twice is read once, where it is first included', () => {
  const map = {
    'main.tex': '\\documentclass{article}\n\\input{m}\n\\input{m}\n',
    'm.tex': '% check: 2 + 2 = 4\n',
  };
  const { loaded } = checkIn(map, 'main.tex');
  assert.equal(loaded.doc.sources.length, 2);
  assert.deepEqual(checkIn(map, 'm.tex').results, [[1, 'pass', '2 + 2 = 4']]);
});

test('a \\input inside a line puts the included text on lines of its own', () => {
  const map = {
    'main.tex': '\\documentclass{article}\nSee \\input{m} here.\n% check: let k = 3\n',
    'm.tex': '% check: let j = 2',
  };
  const { loaded } = checkIn(map, 'main.tex');
  assert.equal(loaded.doc.text, '\\documentclass{article}\nSee \n% check: let j = 2\n here.\n% check: let k = 3\n');
});

test('includes nested past the depth limit stop with an error, not a stack overflow', () => {
  const map: Record<string, string> = { 'f0.tex': '\\documentclass{article}\n\\input{f1}\n' };
  for (let i = 1; i < 40; i++) map[`f${i}.tex`] = `\\input{f${i + 1}}\n`;
  const { results } = checkIn(map, 'f0.tex');
  assert.equal(results.length, 0); // the error is in the deepest file read, not in the root
  const loaded = loadDocument('f0.tex', map['f0.tex'], files(map)) as LoadedDocument;
  assert.equal(loaded.doc.problems?.length, 1);
  assert.match(loaded.doc.problems![0].message, /nest deeper than 16/);
});
