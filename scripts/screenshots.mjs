// Takes the README's picture of the class report: docs/images/report.png. Run it by hand after a
// change to the report's look (`npm run build && npm run screenshots`); the tests never write it.
// The class is 16 copies of examples/hw3.md with the benchmark generator's realistic mistakes, under
// made-up first names, graded against the example itself as the answer key.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classroom } from '../bench/generate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.DERIVCHECK_CHROMIUM ?? '/usr/bin/chromium';
const NAMES = ['ada', 'ben', 'chen', 'dara', 'emil', 'fatima', 'gus', 'hana', 'ivan', 'jo', 'kofi', 'lea', 'mika', 'noor', 'omar', 'priya'];

const dir = mkdtempSync(join(tmpdir(), 'derivcheck-shot-'));
try {
  mkdirSync(join(dir, 'class'));
  classroom(5, NAMES.length).forEach((s, i) => writeFileSync(join(dir, 'class', `${NAMES[i]}.md`), s.text));
  // One student forgot the claims altogether.
  writeFileSync(join(dir, 'class', 'quinn.md'), '# Homework 3\n\nAll my answers are in the PDF.\n');
  const out = join(dir, 'report.html');
    // Run from the project, so the key is named examples/hw3.md in the picture, not by a local path.
  const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'report', '--key', 'examples/hw3.md', '--out', out, join(dir, 'class')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`report failed: ${r.stderr}`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    await page.goto(`file://${out}`);
    // Sorted by score, lowest first, as a TA looking for who needs help would.
    await page.locator('#grid thead button', { hasText: 'Score' }).click();
    mkdirSync(join(root, 'docs/images'), { recursive: true });
    await page.screenshot({ path: join(root, 'docs/images/report.png'), fullPage: true });
    console.log('wrote docs/images/report.png');
  } finally {
    await browser.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
