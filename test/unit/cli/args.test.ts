// The command line parsed as a pure function: each option, its errors, and the report's defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, parseSize } from '../../../server/src/cli/args';
import { DEFAULT_MAX_FILE_SIZE } from '../../../server/src/cli/walk';

test('checking: format, limits and paths; --opt=value and --opt value alike', () => {
  assert.deepEqual(parseArgs(['--format', 'sarif', '--max-file-size=2M', 'hw', 'b.md']), {
    command: 'check', format: 'sarif', maxFileSize: 2 * 1024 * 1024, paths: ['hw', 'b.md'],
  });
  assert.deepEqual(parseArgs(['--format=junit', '--max-elements', '5', 'x']), { command: 'check', format: 'junit', maxElements: 5, maxFileSize: DEFAULT_MAX_FILE_SIZE, paths: ['x'] });
  assert.deepEqual(parseArgs(['--', '--format']), { command: 'check', format: 'text', maxFileSize: DEFAULT_MAX_FILE_SIZE, paths: ['--format'] });
});

test('report: --out defaults to report.html; --csv and --key are its own options', () => {
  assert.deepEqual(parseArgs(['report', 'class']), { command: 'report', maxFileSize: DEFAULT_MAX_FILE_SIZE, paths: ['class'], out: 'report.html', csv: undefined, key: undefined });
  const r = parseArgs(['report', '--csv', 's.csv', '--key=key.md', '--out', 'r.html', 'a', 'b']);
  assert.deepEqual(r, { command: 'report', maxFileSize: DEFAULT_MAX_FILE_SIZE, paths: ['a', 'b'], out: 'r.html', csv: 's.csv', key: 'key.md' });
});

test('usage errors are messages that name the option', () => {
  assert.match(parseArgs([]) as string, /no PATH/);
  assert.match(parseArgs(['--format', 'xml', 'a']) as string, /--format takes text, json, sarif, junit, github, gradescope; not xml/);
  assert.match(parseArgs(['--format']) as string, /not nothing/);
  assert.match(parseArgs(['--csv', 'x.csv', 'a']) as string, /--csv is an option of derivcheck report/);
  assert.match(parseArgs(['report', '--format', 'json', 'a']) as string, /--format is for checking/);
  assert.match(parseArgs(['report', '--out', '-', '--csv', '-', 'a']) as string, /cannot both be standard output/);
  assert.match(parseArgs(['--max-file-size', '0', 'a']) as string, /--max-file-size/);
  assert.match(parseArgs(['--bogus', 'a']) as string, /unknown option --bogus/);
});

test('--help and --version win over everything else', () => {
  assert.deepEqual(parseArgs(['--format', 'xml', '--help']), { command: 'help' });
  assert.deepEqual(parseArgs(['report', '--version']), { command: 'version' });
});

test('sizes: bytes, K, M, G (1024-based), nothing else', () => {
  assert.equal(parseSize('1048576'), 1048576);
  assert.equal(parseSize('5M'), 5 * 1024 * 1024);
  assert.equal(parseSize('500k'), 500 * 1024);
  assert.equal(parseSize('2MB'), 2 * 1024 * 1024);
  assert.equal(parseSize('1.5K'), 1536);
  assert.equal(parseSize('1G'), 1024 ** 3);
  for (const bad of ['', 'lots', '-1', '0', '5 T', 'M']) assert.equal(parseSize(bad), undefined, bad);
});
