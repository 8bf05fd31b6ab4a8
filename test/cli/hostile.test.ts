// Submissions are untrusted input (issue 11). Each hostile entry sits in a class folder beside one
// good submission; the CLI must finish (a spawn timeout turns a hang into a failure, it is not a
// timing assertion), name the entry on stderr with the reason, check the good file, and read
// nothing outside the folder it was given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, symlinkSync, ftruncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const GOOD = '<!-- check: conv out 10x11 k3 s2 -->\nThe output is 4×5.\n';
const SECRET = '<!-- check: conv out 10x11 k3 s2 -->\nThe secret output is 5×4.\n';

function run(args: string[], cwd: string) {
  const r = spawnSync('node', [cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
  assert.equal(r.signal, null, `the CLI did not finish: ${r.error?.message ?? ''}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temp dir with class/good.md, outside/secret.md, and whatever `make` adds to class/. */
function classWith(make: (cls: string, dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-hostile-'));
  mkdirSync(join(dir, 'class', 'sub'), { recursive: true });
  mkdirSync(join(dir, 'outside'));
  writeFileSync(join(dir, 'class', 'good.md'), GOOD);
  writeFileSync(join(dir, 'class', 'sub', 'also-good.md'), GOOD);
  writeFileSync(join(dir, 'outside', 'secret.md'), SECRET);
  make(join(dir, 'class'), dir);
  return dir;
}

function checkedPaths(stdout: string): string[] {
  return JSON.parse(stdout).files.map((f: { path: string }) => f.path);
}

/** The good files were checked, nothing else was, and `entry` is named on stderr with `reason`. */
function assertSkipped(dir: string, entry: string, reason: RegExp, expectedFiles = ['class/good.md', 'class/sub/also-good.md']) {
  const r = run(['--format', 'json', 'class'], dir);
  assert.equal(r.code, 2, `exit 2 names an entry not checked\n${r.stderr}`);
  assert.deepEqual(checkedPaths(r.stdout), expectedFiles);
  assert.equal(JSON.parse(r.stdout).summary.pass, expectedFiles.length);
  const line = r.stderr.split('\n').find((l) => l.includes(entry));
  assert.ok(line, `stderr names ${entry}: ${r.stderr}`);
  assert.match(line, reason);
  assert.doesNotMatch(r.stdout, /secret/);
}

test('a link to /dev/zero is not followed (it leads out of the folder)', () => {
  const dir = classWith((cls) => symlinkSync('/dev/zero', join(cls, 'zero.md')));
  assertSkipped(dir, 'class/zero.md', /link out of the folder.*\/dev\/zero/);
});

test('/dev/zero named on the command line is not read: it is not a regular file', () => {
  const dir = classWith(() => {});
  const r = run(['--format', 'json', 'class/good.md', '/dev/zero'], dir);
  assert.equal(r.code, 2);
  assert.deepEqual(checkedPaths(r.stdout), ['class/good.md']);
  assert.match(r.stderr, /\/dev\/zero: a character device, not read/);
});

test('a FIFO named like a document is skipped, not opened (opening it would block forever)', () => {
  const dir = classWith((cls) => {
    const m = spawnSync('mkfifo', [join(cls, 'fifo.md')]);
    assert.equal(m.status, 0, 'mkfifo');
  });
  assertSkipped(dir, 'class/fifo.md', /a FIFO, not read/);
});

test('a FIFO named on the command line is refused without blocking', () => {
  const dir = classWith((cls) => assert.equal(spawnSync('mkfifo', [join(cls, 'pipe.md')]).status, 0));
  const r = run(['--format', 'json', 'class/pipe.md', 'class/good.md'], dir);
  assert.equal(r.code, 2);
  assert.deepEqual(checkedPaths(r.stdout), ['class/good.md']);
  assert.match(r.stderr, /class\/pipe\.md: a FIFO, not read/);
});

test('loop -> .. inside a subfolder is not followed: each file is checked once', () => {
  const dir = classWith((cls) => symlinkSync('..', join(cls, 'sub', 'loop')));
  assertSkipped(dir, 'class/sub/loop', /loop/);
});

test('loop -> .. at the top of the folder leads out of it and is not followed', () => {
  const dir = classWith((cls) => symlinkSync('..', join(cls, 'loop')));
  assertSkipped(dir, 'class/loop', /link out of the folder/);
});

test('usr -> /usr is not walked', () => {
  const dir = classWith((cls) => symlinkSync('/usr', join(cls, 'usr')));
  assertSkipped(dir, 'class/usr', /link out of the folder.*\/usr/);
});

test('a link to a folder outside the tree does not check the files there', () => {
  const dir = classWith((cls, root) => symlinkSync(join(root, 'outside'), join(cls, 'elsewhere')));
  assertSkipped(dir, 'class/elsewhere', /link out of the folder/);
});

test('a link to a file outside the tree is not read', () => {
  const dir = classWith((cls, root) => symlinkSync(join(root, 'outside', 'secret.md'), join(cls, 'copied.md')));
  assertSkipped(dir, 'class/copied.md', /link out of the folder/);
});

test('a huge file is refused with a clear error naming the limit; the rest is checked', () => {
  const dir = classWith((cls) => {
    const fd = openSync(join(cls, 'huge.md'), 'w');
    ftruncateSync(fd, 50 * 1024 * 1024); // sparse: 50 MB that take no disk
    closeSync(fd);
  });
  assertSkipped(dir, 'class/huge.md', /50 MB, over the size limit of 5 MB \(--max-file-size\)/);
});

test('--max-file-size sets the limit', () => {
  const dir = classWith((cls) => writeFileSync(join(cls, 'long.md'), GOOD + 'x'.repeat(3000)));
  const small = run(['--format', 'json', '--max-file-size', '2K', 'class'], dir);
  assert.equal(small.code, 2);
  assert.match(small.stderr, /class\/long\.md: 3(\.\d)? KB, over the size limit of 2 KB/);
  const big = run(['--format', 'json', '--max-file-size', '1M', 'class'], dir);
  assert.equal(big.code, 0, big.stderr);
  assert.ok(checkedPaths(big.stdout).includes('class/long.md'));
  assert.equal(run(['--max-file-size', 'lots', 'class'], dir).code, 2);
});

test('links inside the folder are followed, to a file and to a folder', () => {
  const dir = classWith((cls) => {
    symlinkSync('good.md', join(cls, 'same.md'));
    mkdirSync(join(cls, 'real'));
    writeFileSync(join(cls, 'real', 'r.md'), GOOD);
    symlinkSync('real', join(cls, 'alias'));
  });
  const r = run(['--format', 'json', 'class'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(checkedPaths(r.stdout), ['class/alias/r.md', 'class/good.md', 'class/same.md', 'class/sub/also-good.md']);
});

test('every hostile entry at once: the CLI finishes, names each, and checks the good files', () => {
  const dir = classWith((cls, root) => {
    symlinkSync('/dev/zero', join(cls, 'zero.md'));
    assert.equal(spawnSync('mkfifo', [join(cls, 'fifo.md')]).status, 0);
    symlinkSync('..', join(cls, 'sub', 'loop'));
    symlinkSync('/usr', join(cls, 'usr'));
    symlinkSync(join(root, 'outside'), join(cls, 'elsewhere'));
    const fd = openSync(join(cls, 'huge.md'), 'w');
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
  });
  for (const format of ['json', 'text', 'sarif', 'junit', 'github', 'gradescope']) {
    const r = run(['--format', format, 'class'], dir);
    assert.equal(r.code, 2, format);
    for (const name of ['zero.md', 'fifo.md', 'sub/loop', 'usr', 'elsewhere', 'huge.md']) assert.match(r.stderr, new RegExp(`class/${name}: `), `${format}: ${name}`);
    assert.doesNotMatch(r.stdout, /secret/);
  }
  // The class report grades the others, and gives each hostile submission its row with the reason.
  const csv = run(['report', '--out', join(dir, 'r.html'), '--csv', '-', 'class'], dir);
  assert.equal(csv.code, 0, csv.stderr);
  const rows = csv.stdout.trimEnd().split('\r\n').map((l) => l.split(','));
  assert.deepEqual(rows.map((r) => r[0]), ['submission', 'elsewhere', 'fifo.md', 'good.md', 'huge.md', 'sub', 'usr', 'zero.md']);
  assert.deepEqual(rows.find((r) => r[0] === 'good.md')?.slice(1, 7), ['1', '1', '0', '0', '0', '1']);
  assert.deepEqual(rows.find((r) => r[0] === 'sub')?.slice(1, 7), ['1', '1', '0', '0', '0', '1']);
  const html = readFileSync(join(dir, 'r.html'), 'utf8');
  assert.match(html, /fifo\.md: a FIFO, not read/);
});
