/**
 * The one table of function docs (claims/catalog.ts) against what it documents: every function the
 * engine knows has an entry whose signature is the engine's own, and docs/functions.md is the table's
 * current rendering (regenerate with `node --import tsx tools/docs/functions.ts`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ALIASES, FUNCTIONS } from '../../../server/src/engine/functions';
import { FUNCTION_DOCS, functionDoc, moduleDoc } from '../../../server/src/claims/catalog';
import { functionsMarkdown } from '../../../server/src/claims/catalogMarkdown';

test('every engine function is documented with the engine\'s own signature', () => {
  for (const [name, builtin] of Object.entries(FUNCTIONS)) {
    const doc = functionDoc(name);
    assert.ok(doc, `${name} has no entry in the catalog`);
    assert.deepEqual(doc.sig, builtin.sig, `${name}: catalog ${doc.sig.join(', ')} vs engine ${builtin.sig.join(', ')}`);
  }
  for (const [alias, target] of Object.entries(ALIASES)) {
    const doc = functionDoc(alias);
    assert.ok(doc, `alias ${alias} has no entry`);
    assert.deepEqual(doc.sig, FUNCTIONS[target].sig, alias);
  }
});

test('every entry has a one-line description and a unique name', () => {
  const seen = new Set<string>();
  for (const d of FUNCTION_DOCS) {
    assert.ok(!seen.has(d.name), `${d.name} twice`);
    seen.add(d.name);
    assert.ok(d.summary.length > 5 && !d.summary.includes('\n'), d.name);
  }
});

test('prefixed names find their entry', () => {
  assert.equal(functionDoc('F.conv2d')?.name, 'conv2d');
  assert.equal(functionDoc('torch.nn.functional.softmax')?.name, 'softmax');
  assert.equal(moduleDoc('nn.Conv2d')?.name, 'Conv2d');
  assert.equal(functionDoc('no_such_function'), undefined);
});

test('docs/functions.md is the catalog\'s current rendering', () => {
  const committed = readFileSync(new URL('../../../docs/functions.md', import.meta.url), 'utf8');
  assert.equal(committed, functionsMarkdown(), 'docs/functions.md is out of date: run node --import tsx tools/docs/functions.ts');
});
