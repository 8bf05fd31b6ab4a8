// The walk and the read on their own: the read opens nothing that can block or run forever, even
// when the file changed after the walk saw it; the extension list is the one place names are decided.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKED_EXTENSIONS, findDocuments, isCheckedName, readDocument } from '../../../server/src/cli/walk';

const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;

test('the checked extensions include the notebook formats, compared without case', () => {
  for (const ext of ['.md', '.markdown', '.tex', '.ipynb', '.qmd', '.Rmd']) assert.ok(CHECKED_EXTENSIONS.includes(ext), ext);
  assert.ok(isCheckedName('Analysis.Rmd'));
  assert.ok(isCheckedName('HW.MD'));
  assert.ok(!isCheckedName('.md'), 'a bare extension is a dot-file, not a document');
  assert.ok(!isCheckedName('notes.txt'));
  assert.ok(!isCheckedName('md'));
});

test('a file swapped for a FIFO after the walk saw it is refused at once, not waited on', { skip: hasMkfifo ? false : 'no mkfifo' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-walk-'));
  writeFileSync(join(dir, 'hw.md'), 'text');
  const found = findDocuments(dir, 1000);
  assert.deepEqual(found.files.map((f) => f.path), [join(dir, 'hw.md')]);
  rmSync(join(dir, 'hw.md'));
  assert.equal(spawnSync('mkfifo', [join(dir, 'hw.md')]).status, 0);
  // A blocking open would never return here (no writer): the test would time out instead.
  assert.deepEqual(readDocument(found.files[0].real, 1000), { unreadable: 'a FIFO, not read' });
});

test('a file that grew past the limit after the walk is refused on read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-walk-'));
  writeFileSync(join(dir, 'hw.md'), 'small');
  const [file] = findDocuments(dir, 100).files;
  writeFileSync(join(dir, 'hw.md'), 'x'.repeat(500));
  const r = readDocument(file.real, 100);
  assert.ok('unreadable' in r && /over the size limit of 100 bytes/.test(r.unreadable), JSON.stringify(r));
  assert.deepEqual(readDocument(file.real, 1000), { text: 'x'.repeat(500) });
});

test('a document is read as UTF-8 exactly, byte order mark and all', () => {
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-walk-'));
  const text = '\uFEFF# Ünïcödé 😀\r\nline two\n';
  writeFileSync(join(dir, 'hw.md'), text);
  assert.deepEqual(readDocument(join(dir, 'hw.md'), 1000), { text });
});

test('a dangling link is named only where it stands for a document', () => {
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-walk-'));
  symlinkSync(join(dir, 'nowhere'), join(dir, 'gone.md'));
  symlinkSync(join(dir, 'nowhere'), join(dir, 'gone-folder'));
  const found = findDocuments(dir, 1000);
  assert.deepEqual(found.files, []);
  assert.deepEqual(found.skipped.map((s) => s.path), [join(dir, 'gone.md')]);
  assert.match(found.skipped[0].message, /a link to nothing/);
});
