// The progress line's content, and the problem matcher package.json contributes, run against the
// lines the text format prints (the plain form and the notebook form of spec section 8).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { placeText } from '../../../server/src/cli/location';
import { progressLine } from '../../../server/src/cli/progress';

test('progress: a bar, done/total, files per second', () => {
  assert.equal(progressLine(0, 300, 0, 10), '[----------]   0/300 files  0 files/s');
  assert.equal(progressLine(150, 300, 2000, 10), '[#####-----] 150/300 files  75 files/s');
  assert.equal(progressLine(300, 300, 3000, 10), '[##########] 300/300 files  100 files/s');
});

interface Matcher {
  name: string;
  owner: string;
  fileLocation: unknown;
  pattern: { regexp: string; file: number; line: number; column: number; severity: number; message: number };
}

const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'package.json'), 'utf8'));
const matcher = (manifest.contributes.problemMatchers as Matcher[]).find((m) => m.name === 'derivcheck') as Matcher;

function match(line: string) {
  const m = new RegExp(matcher.pattern.regexp).exec(line);
  if (!m) return null;
  const p = matcher.pattern;
  return { file: m[p.file], line: Number(m[p.line]), column: Number(m[p.column]), severity: m[p.severity], message: m[p.message] };
}

test('$derivcheck reads the text format, in plain files and notebooks, and nothing else', () => {
  assert.ok(matcher, 'package.json contributes a problem matcher named derivcheck');
  const at = { line: 4, column: 30, endLine: 4, endColumn: 33 };
  assert.deepEqual(match(`${placeText('hw/a b.md', at)}: error: Claimed 5×4, but conv out 10×11 k3 s2 gives 4×5 (W: 4; H: 5)`), {
    file: 'hw/a b.md', line: 4, column: 30, severity: 'error', message: 'Claimed 5×4, but conv out 10×11 k3 s2 gives 4×5 (W: 4; H: 5)',
  });
  assert.deepEqual(match(`${placeText('nb.ipynb', { ...at, cell: 3 })}: info: nothing is claimed`), {
    file: 'nb.ipynb', line: 4, column: 30, severity: 'info', message: 'nothing is claimed',
  });
  assert.equal(match('C:\\hw\\a.md:12:5: error: x')?.file, 'C:\\hw\\a.md');
  assert.equal(match('hw/a.md: 4 claims: 1 passed, 3 failed, 0 errors, 0 unbound'), null);
  assert.equal(match('15 claims: 10 passed, 3 failed, 1 errors, 1 unbound'), null);
});
