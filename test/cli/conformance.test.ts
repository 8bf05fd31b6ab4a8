// The contract's public conformance cases, run on the bundled CLI exactly as the course's own
// checker runs them. They live beside the project (../shared/spec/conformance), not in it: where that
// folder is absent the test is skipped, and says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const corpus = join(root, '..', 'shared', 'spec', 'conformance');
const script = join(corpus, 'check.py');

test('every public conformance case agrees', { skip: existsSync(script) ? false : `no conformance corpus at ${corpus}` }, () => {
  const r = spawnSync('python3', [script, '--corpus', corpus, join(root, 'dist', 'cli.js')], { encoding: 'utf8' });
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  const m = /^(\d+)\/(\d+) claims agree$/.exec(last);
  assert.ok(m, `unexpected output: ${r.stdout}${r.stderr}`);
  assert.equal(m[1], m[2], r.stdout);
  assert.equal(r.status, 0);
});
