// The CLI on notebooks, Quarto / R Markdown and multi-file LaTeX: the bundled dist/cli.js spawned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

function run(args: string[], cwd: string) {
  const r = spawnSync('node', [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, DERIVCHECK_WORKERS: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-formats-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function notebook(cells: { cell_type: string; source: string | string[] }[]): string {
  return JSON.stringify({ cells: cells.map((c) => ({ metadata: {}, ...(c.cell_type === 'code' ? { outputs: [], execution_count: null } : {}), ...c })), metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);
}

const NB = notebook([
  { cell_type: 'markdown', source: ['# HW\n', '\n', '<!-- check: let x : 5x7 -->\n'] },
  { cell_type: 'code', source: '# <!-- check: conv out 10x11 k3 s2 = 5x4 -->\nimport torch\n' },
  { cell_type: 'markdown', source: '<!-- check: x.T @ x -->\nThe Gram matrix is $7 \\times 7$.\n' },
  { cell_type: 'markdown', source: '<!-- check: x @ x.T -->\nand the other one is $7 \\times 7$ too.\n' },
]);

test('a notebook: text lines read path:cell N:line:col, counted like any file', () => {
  const dir = workspace({ 'hw.ipynb': NB });
  const r = run(['hw.ipynb'], dir);
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /^hw\.ipynb:cell 4:2:23: error: Claimed 7×7, but x @ x\.T gives 5×5/);
  assert.equal(lines.at(-1), '2 claims: 1 passed, 1 failed, 0 errors, 0 unbound');
});

test('a notebook in JSON: each claim has its cell, and line/column within that cell', () => {
  const dir = workspace({ 'hw.ipynb': NB });
  const out = JSON.parse(run(['--format', 'json', 'hw.ipynb'], dir).stdout);
  const claims = out.files[0].claims;
  assert.deepEqual(claims.map((c: Record<string, unknown>) => [c.cell, c.line, c.column, c.status, c.computed, c.claimedLine, c.claimedCell]), [
    [3, 1, 13, 'pass', '7x7', 2, 3],
    [4, 1, 13, 'fail', '5x5', 2, 4],
  ]);
});

test('a folder scan finds notebooks, Quarto and R Markdown; other document kinds it skipped are named on stderr', () => {
  const chunky = '```{r}\n# <!-- check: 1 + 1 = 3 -->\n```\n\n<!-- check: conv out 10x11 k3 s2 -->\nThe output is 4×5.\n';
  const dir = workspace({ 'a/hw.ipynb': NB, 'b/report.qmd': chunky, 'c/report.Rmd': chunky.replace('{r}', '{python}'), 'd/notes.txt': 'x', 'd/hw.pdf': '%PDF', 'img.png': '' });
  const r = run(['--format', 'json', '.'], dir);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.files.map((f: { path: string }) => f.path), ['a/hw.ipynb', 'b/report.qmd', 'c/report.Rmd']);
  assert.deepEqual(out.summary, { files: 3, claims: 4, pass: 3, fail: 1, error: 0, unbound: 0 });
  assert.match(r.stderr, /skipped files of kinds it does not read \(1 \.pdf, 1 \.txt\); it reads \.md \.markdown \.qmd \.rmd \.tex \.ipynb/);
  assert.doesNotMatch(r.stderr, /png/);
});

test('a folder with nothing skipped says nothing on stderr', () => {
  const dir = workspace({ 'hw.md': '<!-- check: 1 + 1 = 2 -->\n' });
  const r = run(['.'], dir);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
});

test('a malformed notebook is an error for that file (exit 2, named on stderr); the other files are still checked', () => {
  const dir = workspace({
    'bad.ipynb': '{"cells": [',
    'old.ipynb': JSON.stringify({ nbformat: 3, nbformat_minor: 0, worksheets: [] }),
    'nosource.ipynb': JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'markdown', metadata: {} }] }),
    'good.md': '<!-- check: 1 + 1 = 2 -->\n',
  });
  const r = run(['bad.ipynb', 'old.ipynb', 'nosource.ipynb', 'good.md'], dir);
  assert.equal(r.code, 2);
  assert.equal(r.stdout.trim(), '1 claims: 1 passed, 0 failed, 0 errors, 0 unbound');
  assert.match(r.stderr, /bad\.ipynb: not a notebook: the file is not valid JSON/);
  assert.match(r.stderr, /old\.ipynb: nbformat 3 notebooks are not read, only nbformat 4/);
  assert.match(r.stderr, /nosource\.ipynb: cell 1 has no `source`/);
});

const MAIN = '\\documentclass{article}\n\\begin{document}\n% check: let x : 2x5\n\\input{sec/one}\n\\end{document}\n';
const ONE = '\\section{One}\nWe have\n% check: x @ x.T : 3x3\n';

test('multi-file LaTeX: a folder scan checks each claim once, in the file where it is, with the lets of the root', () => {
  const dir = workspace({ 'hw/main.tex': MAIN, 'hw/sec/one.tex': ONE });
  const r = run(['hw'], dir);
  assert.equal(r.code, 1);
  // main.tex's own text holds no claim: the claim is reported once, in sec/one.tex, with main.tex's lets.
  assert.equal(r.stdout, 'hw/main.tex: no claims\nhw/sec/one.tex:3:20: error: Claimed 3×3, but x @ x.T gives 2×2 (x.T: 2×5 → 5×2; x @ x.T: (2×5, 5×2) → 2×2)\nhw/sec/one.tex: 1 claims: 0 passed, 1 failed, 0 errors, 0 unbound\n1 claims: 0 passed, 1 failed, 0 errors, 0 unbound\n');
});

test('multi-file LaTeX: an included file named alone finds its root under the working folder, by search or magic comment', () => {
  const dir = workspace({ 'hw/main.tex': MAIN, 'hw/sec/one.tex': ONE });
  const out = (r: { stdout: string }) => JSON.parse(r.stdout).files[0].claims.map((c: { status: string; computed: unknown }) => [c.status, c.computed]);
  assert.deepEqual(out(run(['--format', 'json', 'hw/sec/one.tex'], dir)), [['fail', '2x2']]);
  assert.deepEqual(out(run(['--format', 'json', join(dir, 'hw', 'sec', 'one.tex')], dir)), [['fail', '2x2']]);
  // Run from inside hw/sec, the folder being checked is hw/sec: the root above it is out of reach, even by name.
  const sec = join(dir, 'hw', 'sec');
  assert.deepEqual(out(run(['--format', 'json', 'one.tex'], sec)).map((c: unknown[]) => c[0]), ['error']);
  writeFileSync(join(sec, 'one.tex'), `% !TEX root = ../main.tex\n${ONE}`);
  const r = run(['one.tex'], sec);
  assert.match(r.stdout, /^one\.tex:1:15: error: The root named by `% !TEX root` cannot be read \(\.\.\/main\.tex\): it is outside the folder being checked/);
  // From the project's folder, the magic comment is followed.
  assert.deepEqual(out(run(['--format', 'json', 'hw/sec/one.tex'], dir)), [['fail', '2x2']]);
});

test('multi-file LaTeX: a missing include is an error at the \\input, and a name that leads out of the folder is refused', () => {
  const dir = workspace({
    'outside.tex': '% check: let secret = 1\n',
    'hw/main.tex': '\\documentclass{article}\n\\input{gone}\n\\input{../outside}\n% check: 1 + 1 = 2\n',
  });
  const r = run(['hw'], dir);
  assert.equal(r.code, 1);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /^hw\/main\.tex:2:1: error: Cannot read the included file gone \(hw\/gone\.tex\): no such file/);
  assert.match(lines[1], /^hw\/main\.tex:3:1: error: Cannot read the included file \.\.\/outside \(outside\.tex\): it is outside the folder being checked/);
  assert.equal(lines.at(-1), '3 claims: 1 passed, 0 failed, 2 errors, 0 unbound');
});

test('the example notebook reports the same 5 mistakes as the Markdown homework', () => {
  const root = join(import.meta.dirname, '..', '..');
  const nb = run(['--format', 'json', 'examples/hw3.ipynb'], root);
  const md = run(['--format', 'json', 'examples/hw3.md'], root);
  const summary = (s: string) => JSON.parse(s).summary;
  assert.deepEqual(summary(nb.stdout), summary(md.stdout));
  assert.equal(summary(nb.stdout).fail, 5);
  const fails = (s: string) => JSON.parse(s).files[0].claims.filter((c: { status: string }) => c.status === 'fail').map((c: { source: string; computed: unknown; claimed: string }) => [c.source, c.computed, c.claimed]);
  assert.deepEqual(fails(nb.stdout), fails(md.stdout));
});
