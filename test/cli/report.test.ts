// `derivcheck report` end to end, beyond the golden files: the default output file, an answer key
// that is itself wrong, hostile names in the CSV and the HTML, links between submissions, and the
// exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const GOOD = '<!-- check: conv out 10x11 k3 s2 -->\nThe output is 4×5.\n';
const BAD = '<!-- check: conv out 10x11 k3 s2 -->\nThe output is 5×4.\n';

function run(args: string[], cwd: string) {
  const r = spawnSync('node', [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function classOf(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-report-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, 'class', name, '..'), { recursive: true });
    writeFileSync(join(dir, 'class', name), text);
  }
  return dir;
}

const csvRows = (csv: string) => csv.trimEnd().split('\r\n');

test('without --out the HTML goes to report.html; the summary line says what was written', () => {
  const dir = classOf({ 'a.md': GOOD, 'b.md': BAD });
  const r = run(['report', 'class'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(join(dir, 'report.html')));
  assert.equal(r.stdout, '2 submissions, 1 claims matched, mean score 0.5; wrote report.html\n');
});

test('a key whose own claims fail is reported on stderr and in the HTML; an unreadable key is exit 2', () => {
  const dir = classOf({ 'a.md': GOOD });
  writeFileSync(join(dir, 'key.md'), BAD);
  const r = run(['report', '--key', 'key.md', '--out', 'r.html', 'class'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /in the key, key\.md:2:15: fail: Claimed 5×4/);
  assert.match(readFileSync(join(dir, 'r.html'), 'utf8'), /answer key&#39;s own claims that do not pass|answer key's own claims that do not pass/);
  const missing = run(['report', '--key', 'nokey.md', 'class'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /the key nokey\.md: no such file or folder/);
  writeFileSync(join(dir, 'empty.md'), '# nothing\n');
  assert.match(run(['report', '--key', 'empty.md', 'class'], dir).stderr, /the key holds no claims/);
});

test('hostile names: CSV formulas defused and quoted, HTML escaped', () => {
  const dir = classOf({ '=HYPERLINK("x").md': GOOD, '<img src=x onerror=alert(1)>.md': BAD });
  const r = run(['report', '--csv', '-', '--out', 'r.html', 'class'], dir);
  assert.equal(r.code, 0, r.stderr);
  const rows = csvRows(r.stdout);
  assert.ok(rows.includes(`<img src=x onerror=alert(1)>.md,1,0,1,0,0,0,fail`), rows.join('\n'));
  assert.ok(rows.includes(`"'=HYPERLINK(""x"").md",1,1,0,0,0,1,pass`), rows.join('\n'));
  const html = readFileSync(join(dir, 'r.html'), 'utf8');
  assert.ok(!html.includes('<img'), 'the name is escaped');
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;.md'));
  assert.equal(html.match(/<script>/g)?.length, 1, 'the page has its one script only');
});

test('a submission that is a folder is graded as one; links between submissions stay inside the class', () => {
  const dir = classOf({ 'ann/p1.md': GOOD, 'ann/p2.md': BAD, 'bo.md': GOOD });
  symlinkSync('ann', join(dir, 'class', 'copycat'));
  symlinkSync('.', join(dir, 'class', 'everyone'));
  const r = run(['report', '--csv', '-', '--out', 'r.html', 'class'], dir);
  assert.equal(r.code, 0, r.stderr);
  const rows = csvRows(r.stdout);
  assert.deepEqual(rows.slice(1).map((l) => l.split(',').slice(0, 7).join(',')), [
    'ann,2,1,1,0,0,0.5',
    'bo.md,1,1,0,0,0,1',
    'copycat,2,1,1,0,0,0.5',
    'everyone,0,0,0,0,0,0',
  ]);
  assert.match(r.stderr, /class\/everyone: a link to the class folder itself \(a loop\)/);
  // The two claims of ann are the first and second `conv out 10x11 k3 s2`: two columns.
  assert.deepEqual(rows[0].split(',').slice(7), ['conv out 10x11 k3 s2', 'conv out 10x11 k3 s2 (#2)']);
});

test('several PATHs: each submission is named by its path; a missing PATH is exit 2, the rest graded', () => {
  const dir = classOf({ 'x/a.md': GOOD, 'y/a.md': BAD });
  const r = run(['report', '--csv', '-', '--out', 'r.html', 'class/x', 'class/y', 'class/none'], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /class\/none: no such file or folder/);
  assert.deepEqual(csvRows(r.stdout).slice(1).map((l) => l.split(',')[0]), ['class/x/a.md', 'class/y/a.md']);
});
