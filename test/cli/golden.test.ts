// Every output format on a small class (fixtures/class: a clean submission, wrong values, a folder of
// two files with an error, one with no claims, one with an unbound claim and a comma in its name),
// compared with the committed golden files. The CLI runs in fixtures/, so paths are relative; the
// version and any temporary path are normalised as scripts/cli-golden.mjs does when it writes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const fixtures = join(import.meta.dirname, 'fixtures');
const golden = join(import.meta.dirname, 'golden');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const { cases } = JSON.parse(readFileSync(join(golden, 'cases.json'), 'utf8')) as { cases: { file: string; args: string[]; exit: number }[] };

function normalise(out: string, tmp: string): string {
  return out.split(tmp).join('<tmp>').split(fixtures).join('<fixtures>').split(version).join('<version>');
}

for (const c of cases) {
  test(`golden: derivcheck ${c.args.join(' ')} → ${c.file}`, () => {
    const tmp = mkdtempSync(join(tmpdir(), 'derivcheck-golden-'));
    try {
      const args = c.args.map((a) => a.replace('<tmp>', tmp));
      // Both thread counts must give the golden bytes.
      for (const workers of ['1', '3']) {
        const r = spawnSync('node', [cli, ...args], { cwd: fixtures, encoding: 'utf8', env: { ...process.env, DERIVCHECK_WORKERS: workers } });
        assert.equal(r.status, c.exit, r.stderr);
        assert.equal(normalise(r.stdout, tmp), readFileSync(join(golden, c.file), 'utf8'), `${c.file} differs (workers ${workers}); if the change is deliberate, run node scripts/cli-golden.mjs and read the diff`);
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
}

test('the golden class covers every status, a file with no claims, and a multi-file submission', () => {
  const out = JSON.parse(readFileSync(join(golden, 'class.json'), 'utf8'));
  assert.equal(out.version, 2);
  const statuses = new Set(out.files.flatMap((f: { claims: { status: string }[] }) => f.claims.map((c) => c.status)));
  assert.deepEqual([...statuses].sort(), ['error', 'fail', 'pass', 'unbound']);
  assert.ok(out.files.some((f: { claims: unknown[] }) => f.claims.length === 0));
  assert.ok(out.files.some((f: { path: string }) => f.path.startsWith('class/carol/')));
});
