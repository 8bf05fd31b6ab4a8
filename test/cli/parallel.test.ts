// The CLI's worker-thread path must be invisible: the same bytes, in the same order, and the same exit
// code as checking the files one after another. DERIVCHECK_WORKERS forces either path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

function run(args: string[], cwd: string, workers: string) {
  const r = spawnSync('node', [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, DERIVCHECK_WORKERS: workers } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const DOCS = [
  '# ok\n\n<!-- check: conv out 10x11 k3 s2 -->\nThe output is 4×5.\n',
  'Intro.\n\n<!-- check: conv out 10x11 k3 s2 -->\nThe output dimension will be 5×4.\n',
  '<!-- check: let x : 2x5; let W : 1x2x3; let f = conv1d(x, W, stride=2) -->\n<!-- check: f : 1x2 -->\n<!-- check: grad(sum(f), W) : 1x2x4 -->\n',
  '<!-- check: let A : m x n; let b : n -->\n<!-- check: (A @ b) * 2 == A @ (2 * b) -->\n<!-- check: A @ b == A @ b + 1 -->\n',
  '<!-- check: nosuchname + 1 -->\n\n<!-- check: conv out 2x2 k5 -->\nToo small.\n',
  '<!-- check: conv out 28x28 k5 -->\nA 5×5 kernel turns the 28×28 image into a $24 \\times 24$ map.\n',
];

/** 26 files of every kind of outcome, nested, with a dangling link the walk cannot stat. */
function classroom(): string {
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-par-'));
  for (let i = 0; i < 24; i++) {
    const sub = join(dir, 'class', i % 3 === 0 ? 'deep' : '.');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `s${String(i).padStart(2, '0')}.md`), DOCS[i % DOCS.length].repeat(1 + (i % 4)));
  }
  writeFileSync(join(dir, 'class', 'p.tex'), '% check: params conv2d k11 c=3 f=96 = 34944\n% check: conv out 64x64 k3 s2\nThe output is $31 \\times 31$.\n');
  writeFileSync(join(dir, 'class', 'q.tex'), '% check: params conv2d k3 c=3 f=8 = 225\n');
  symlinkSync(join(dir, 'nowhere.md'), join(dir, 'class', 'broken.md'));
  return dir;
}

for (const format of ['text', 'json']) {
  test(`workers give exactly the sequential ${format} output, stderr and exit code`, () => {
    const dir = classroom();
    const one = run(['--format', format, 'class', 'missing.md'], dir, '1');
    const two = run(['--format', format, 'class', 'missing.md'], dir, '2');
    const three = run(['--format', format, 'class', 'missing.md'], dir, '3');
    assert.equal(one.code, 2, one.stderr);
    assert.match(one.stderr, /broken\.md/);
    assert.match(one.stderr, /missing\.md/);
    assert.ok(one.stdout.split('\n').length > 20, one.stdout);
    for (const par of [two, three]) {
      assert.equal(par.stdout, one.stdout);
      assert.equal(par.stderr, one.stderr);
      assert.equal(par.code, one.code);
    }
  });
}

test('with workers, a failing claim still exits 1 and a clean class exits 0', () => {
  const dir = classroom();
  assert.equal(run(['class/deep', 'class/s01.md'], dir, '2').code, 1);
  const clean = mkdtempSync(join(tmpdir(), 'derivcheck-par-'));
  for (let i = 0; i < 20; i++) writeFileSync(join(clean, `ok${i}.md`), DOCS[0]);
  const r = run(['.'], clean, '2');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.at(-1), '20 claims: 20 passed, 0 failed, 0 errors, 0 unbound');
  // One line per file, since more than one was checked.
  assert.equal(lines.filter((l) => /^ok\d+\.md: 1 claims: 1 passed/.test(l)).length, 20);
});

test('DERIVCHECK_WORKERS is documented and a bad value is a usage error', () => {
  const dir = classroom();
  const help = spawnSync('node', [cli, '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /DERIVCHECK_WORKERS/);
  const r = run(['class'], dir, 'many');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /DERIVCHECK_WORKERS/);
});
