// The CLI end to end: the bundled dist/cli.js spawned as a user would run it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

function run(args: string[], cwd: string) {
  const r = spawnSync('node', [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const GOOD = '# ok\n\n<!-- check: conv out 10x11 k3 s2 -->\nThe output is 4×5.\n';
const BAD = 'Intro.\n\n<!-- check: conv out 10x11 k3 s2 -->\nThe output dimension will be 5×4.\n';

test('a document whose claims hold exits 0 and counts them', () => {
  const dir = workspace({ 'a.md': GOOD });
  const r = run(['a.md'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim().split('\n').at(-1), '1 claims: 1 passed, 0 failed, 0 errors, 0 unbound');
});

test('a wrong claim exits 1 and points at the claimed value, in the problem-matcher form', () => {
  const dir = workspace({ 'hw.md': BAD });
  const r = run(['hw.md'], dir);
  assert.equal(r.code, 1);
  const [line] = r.stdout.split('\n');
  // "5×4" stands on line 4, column 30 (1-based).
  assert.match(line, /^hw\.md:4:30: error: Claimed 5×4, but conv out 10×11 k3 s2 gives 4×5 \(W: .*= 4.*H: .*= 5/);
});

test('JSON output has the documented fields, canonical computed values, and a summary', () => {
  const dir = workspace({ 'hw.md': BAD, 'p.tex': '% check: params conv2d k11 c=3 f=96 = 34944\n' });
  const r = run(['--format', 'json', 'hw.md', 'p.tex'], dir);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout);
  assert.equal(out.version, 2);
  assert.deepEqual(out.summary, { files: 2, claims: 2, pass: 1, fail: 1, error: 0, unbound: 0 });
  const [c] = out.files[0].claims;
  assert.equal(out.files[0].path, 'hw.md');
  assert.deepEqual(
    { line: c.line, column: c.column, source: c.source, status: c.status, computed: c.computed, claimed: c.claimed, claimedLine: c.claimedLine },
    { line: 3, column: 13, source: 'conv out 10x11 k3 s2', status: 'fail', computed: '4x5', claimed: '5×4', claimedLine: 4 },
  );
  assert.equal(out.files[1].claims[0].computed, 34944);
});

test('folders are searched recursively, skipping node_modules and dot-folders', () => {
  const dir = workspace({
    'hw/a.md': GOOD,
    'hw/deep/b.markdown': GOOD,
    'hw/c.tex': '% check: conv out 64x64 k3 s2\nThe output is $31 \\times 31$.\n',
    'hw/node_modules/x.md': BAD,
    'hw/.git/y.md': BAD,
    'hw/notes.txt': BAD,
  });
  const r = run(['--format', 'json', 'hw'], dir);
  assert.equal(r.code, 0, r.stdout);
  const paths = JSON.parse(r.stdout).files.map((f: { path: string }) => f.path).sort();
  assert.deepEqual(paths, ['hw/a.md', 'hw/c.tex', 'hw/deep/b.markdown']);
});

test('an unreadable path is named on stderr, exits 2, and the other files are still reported', () => {
  const dir = workspace({ 'a.md': GOOD });
  const r = run(['--format', 'json', 'missing.md', 'a.md'], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /missing\.md/);
  assert.equal(JSON.parse(r.stdout).summary.pass, 1);
});

test('usage errors exit 2', () => {
  const dir = workspace({});
  assert.equal(run([], dir).code, 2);
  assert.equal(run(['--format', 'xml', 'a.md'], dir).code, 2);
  assert.equal(run(['--bogus', 'a.md'], dir).code, 2);
});

test('a bad claim is an error with a clear message, and the rest of the document is still checked', () => {
  const doc = [
    '<!-- check: conv out 10x11 s2 -->', 'Missing kernel.', '',
    '<!-- check: conv out 2x2 k5 -->', 'Too small.', '',
    '<!-- check: nosuchname + 1 -->', '',
    '<!-- check: conv out 28x28 k5 -->', 'A 5×5 kernel turns the 28×28 image into a $24 \\times 24$ map.', '',
  ].join('\n');
  const dir = workspace({ 'e.md': doc });
  const out = JSON.parse(run(['--format', 'json', 'e.md'], dir).stdout);
  const statuses = out.files[0].claims.map((c: { status: string }) => c.status);
  assert.deepEqual(statuses, ['error', 'error', 'error', 'pass']);
  const [kernel, small, unknown] = out.files[0].claims;
  assert.match(kernel.message, /kernel/i);
  assert.match(small.message, /below 1|less than 1|< ?1/i);
  assert.match(unknown.message, /nosuchname/);
});

test('--layout channels_last reads modules and layer shorthand as H×W×C; a statement in the document still overrides it', () => {
  const CNN = [
    '<!-- check: let x : 32x32x3; let net = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2)) -->',
    '',
    '<!-- check: net(x) : 16x16x8 -->',
    '',
    '<!-- check: nn.Sequential(net, nn.Flatten(0), nn.Linear(2048, 10))(x) : 10 -->',
    '',
    '<!-- check: conv2d out 32x32x3 k3 p1 f=8 = 32x32x8 -->',
    '',
  ].join('\n');
  // Two files, so the worker pool receives the flag too.
  const dir = workspace({ 'a.md': CNN, 'b.md': CNN, 'c.md': `<!-- check: layout channels_first -->\n\n${CNN}` });
  const last = run(['--layout', 'channels_last', 'a.md', 'b.md'], dir);
  assert.equal(last.code, 0, last.stdout + last.stderr);
  assert.equal(last.stdout.trim().split('\n').at(-1), '6 claims: 6 passed, 0 failed, 0 errors, 0 unbound');
  // Without the flag (channels_first, PyTorch's order) 32x32x3 is 32 channels: the conv refuses it.
  const first = run(['a.md'], dir);
  assert.equal(first.code, 1);
  assert.match(first.stdout, /expects 3 input channels, got 32/);
  // A `layout channels_first` statement wins over the flag.
  const stmt = run(['--layout', 'channels_last', 'c.md'], dir);
  assert.equal(stmt.code, 1);
  assert.match(stmt.stdout, /expects 3 input channels, got 32/);
  const bad = run(['--layout', 'keras', 'a.md'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /channels_first/);
});
