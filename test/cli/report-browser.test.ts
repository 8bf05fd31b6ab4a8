// The class report opened in headless Chromium (Debian's, driven by playwright-core): it renders,
// names every submission, shows the charts and the messages, sorts, and asks the network for nothing
// (every request but the page itself is recorded and aborted, as the e2e harness does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const fixtures = join(import.meta.dirname, 'fixtures');
const CHROMIUM = process.env.DERIVCHECK_CHROMIUM ?? '/usr/bin/chromium';

test('the HTML report renders in Chromium, names every submission, sorts, and loads nothing', { skip: existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM}`, timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-report-'));
  const out = join(dir, 'report.html');
  const r = spawnSync('node', [cli, 'report', '--key', 'key.md', '--out', out, 'class'], { cwd: fixtures, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const html = readFileSync(out);
  // Served over loopback, since Chromium does not let a page's file:// loads be intercepted.
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/report.html`;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    await context.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.request().url() === url ? route.continue() : route.abort();
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(url);
    await page.locator('#grid').waitFor();

    assert.equal(await page.title(), 'Derivation Check — class report');
    const names = await page.locator('#grid tbody th .name').allTextContents();
    assert.deepEqual(names, ['alice.md', 'bob.md', 'carol', 'dave.md', 'erin, jr.md']);
    // Every cell is drawn with its colour: the computed style of a fail is the red of the legend.
    // (The page's window, typed here by hand: the tests compile without the DOM library.)
    type PageWindow = { getComputedStyle(el: unknown): { backgroundColor: string } };
    const failColour = await page.locator('#grid td.s-fail').first().evaluate((el) => (globalThis as unknown as PageWindow).getComputedStyle(el).backgroundColor);
    assert.equal(failColour, 'rgb(198, 40, 40)');
    const tip = await page.locator('#grid tbody tr', { hasText: 'bob.md' }).locator('td.s-fail').first().getAttribute('title');
    assert.match(tip ?? '', /Claimed 5×4, but conv out 10×11 k3 s2 gives 4×5/);
    assert.equal(await page.locator('#grid td.s-missing').count() > 0, true, 'the key makes missing cells');
    assert.equal(await page.locator('table.rates tbody tr').count(), await page.locator('#grid thead th.claim').count());
    assert.equal(await page.locator('svg.histogram rect').count(), 10);
    const box = await page.locator('svg.histogram').boundingBox();
    assert.ok(box && box.width > 100 && box.height > 50, 'the histogram is laid out');

    // Sorting by score: ascending, then descending (the script runs under the page's CSP).
    const scoreHeader = page.locator('#grid thead button', { hasText: 'Score' });
    await scoreHeader.click();
    const up = await page.locator('#grid tbody td.score').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-v'))));
    assert.deepEqual(up, [...up].sort((a, b) => a - b));
    assert.equal(up[0], 0);
    await scoreHeader.click();
    assert.equal(await page.locator('#grid tbody th .name').first().textContent(), 'alice.md');

    assert.deepEqual(requests, [url], 'nothing but the page itself was requested');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
