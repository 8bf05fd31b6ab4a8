/**
 * The package a student installs: its README is the student one and names every setting; the claim
 * reference ships and a command opens it; the convention and layout settings offer exactly the names the
 * claim language accepts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SETTINGS } from '../../server/src/claims/ast';

const read = (p: string) => readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8');
const pkg = JSON.parse(read('package.json'));

test('the .vsix README is the student README, and it names every setting', () => {
  assert.match(pkg.scripts.package, /--readme-path README\.student\.md/);
  const readme = read('README.student.md');
  for (const key of Object.keys(pkg.contributes.configuration.properties)) {
    if (key === 'derivcheck.trace.server') continue; // for developers of the extension
    assert.ok(readme.includes(`\`${key}\``), `README.student.md does not explain ${key}`);
  }
  // Developer material stays out of it.
  assert.doesNotMatch(readme, /npm (ci|test|run)|node scripts|golden|bench/);
});

test('the claim reference ships, and a command opens it', () => {
  const ignore = read('.vscodeignore').split('\n');
  for (const doc of ['docs/claims.md', 'docs/functions.md', 'docs/math.md']) assert.ok(ignore.includes(`!${doc}`), `${doc} is not packaged`);
  assert.ok(!ignore.includes('!CONTRIBUTING.md'), 'CONTRIBUTING.md is for developers');
  const cmd = pkg.contributes.commands.find((c: { command: string }) => c.command === 'derivcheck.openClaimReference');
  assert.deepEqual(cmd, { command: 'derivcheck.openClaimReference', title: 'Open Claim Reference', category: 'Derivation Check' });
});

test('derivcheck.convention and derivcheck.layout offer the names the claim language accepts', () => {
  const props = pkg.contributes.configuration.properties;
  assert.deepEqual(props['derivcheck.convention'].enum, [...SETTINGS.convention]);
  assert.equal(props['derivcheck.convention'].default, 'pytorch');
  assert.deepEqual(props['derivcheck.layout'].enum, [...SETTINGS.layout]);
  assert.equal(props['derivcheck.layout'].default, 'channels_first');
});
