/**
 * The web language server (dist/web/server.js, what vscode.dev and github.dev run) in a real Worker of
 * headless Chromium, no VS Code: it must load as a classic worker script (no `document`, no Node
 * API), answer `initialize`, and publish the computed value for a wrong claim. The same server is
 * also started from a `blob:` URL (as in code-server) and in the page over a MessageChannel (the
 * last fallback), and a Worker whose script fails to load must give way to the next attempt.
 *
 * Offline: the page and the scripts come from an HTTP server of this test on 127.0.0.1; Chromium
 * aborts every other request. Skipped where Debian's Chromium is not installed (the e2e setup,
 * `node test/e2e/setup.mjs`, installs it).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const serverScript = join(root, 'dist/web/server.js');
const skip = !existsSync(CHROMIUM) ? `${CHROMIUM} is not installed (node test/e2e/setup.mjs installs it)` : false;

// A wrong claim (the right value is 4×5), on a virtual file system's URI as github.dev gives them.
const uri = 'vscode-vfs://github/student/hw3/hw3.md';
const text = '# HW 3\n\n<!-- check: conv out 10x11 k3 s2 -->\nThe output dimension will be 5×4.\n';
const claimedLine = 3;
const hoverAt = { line: claimedLine, character: text.split('\n')[claimedLine].indexOf('5×4') + 1 };

interface Report {
  how: string;
  refused: string[];
  serverInfo: { name: string; version: string };
  diagnostics: { uri: string; diagnostics: { message: string; severity: number; source: string; range: { start: { line: number; character: number } } }[] };
  counts: { counts: { claims: number; pass: number; fail: number } };
  hover: { contents: { value: string } } | null;
  firstDiagnosticMs: number;
}

describe('web server in Chromium (no VS Code)', { skip, timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-web-'));
  const requests: string[] = [];
  let http: Server;
  let origin = '';
  let browser: Browser;
  let page: Page;

  before(async () => {
    assert.ok(existsSync(serverScript), 'dist/web/server.js is built (node scripts/build.mjs)');
    // The page's script, bundled as scripts/build.mjs bundles the web extension.
    await build({
      entryPoints: [join(root, 'test/protocol/web/page.ts')],
      outfile: join(dir, 'page.js'),
      bundle: true,
      platform: 'browser',
      conditions: ['worker'],
      format: 'iife',
      target: 'es2022',
      logLevel: 'silent',
    });
    const files: Record<string, { type: string; body: Buffer }> = {
      '/': { type: 'text/html', body: Buffer.from('<!doctype html><meta charset="utf-8"><script src="/page.js"></script>') },
      '/page.js': { type: 'text/javascript', body: readFileSync(join(dir, 'page.js')) },
      '/server.js': { type: 'text/javascript', body: readFileSync(serverScript) },
    };
    http = createServer((req, res) => {
      requests.push(req.url ?? '');
      const file = files[req.url ?? ''];
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': file.type }).end(file.body);
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const address = http.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'],
    });
    const context = await browser.newContext();
    await context.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
    page = await context.newPage();
    await page.goto(`${origin}/`);
  });

  after(async () => {
    await browser?.close();
    http?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (names: string[]): Promise<Report> =>
    page.evaluate(
      ([names, uri, text, hoverAt]) =>
        (globalThis as unknown as { derivcheckCheck: (...a: unknown[]) => Promise<Report> }).derivcheckCheck(names, uri, text, hoverAt),
      [names, uri, text, hoverAt] as const,
    );

  function assertWrongClaimReported(r: Report): void {
    assert.equal(r.serverInfo.name, 'derivcheck');
    assert.equal(r.diagnostics.uri, uri);
    assert.equal(r.diagnostics.diagnostics.length, 1, JSON.stringify(r.diagnostics));
    const [d] = r.diagnostics.diagnostics;
    assert.equal(d.severity, 1, 'an error');
    assert.equal(d.source, 'derivcheck');
    assert.match(d.message, /Claimed 5×4, but conv out 10×11 k3 s2 gives 4×5/);
    assert.deepEqual(d.range.start, { line: claimedLine, character: text.split('\n')[claimedLine].indexOf('5×4') });
    assert.deepEqual([r.counts.counts.claims, r.counts.counts.pass, r.counts.counts.fail], [1, 0, 1]);
    assert.match(r.hover?.contents.value ?? '', /Derivation Check[\s\S]*4×5/);
  }

  it('dist/web/server.js in a Worker from its URL publishes the computed value for a wrong claim', async (t) => {
    const r = await run(['url']);
    assert.equal(r.how, 'url');
    assertWrongClaimReported(r);
    // Printed, not asserted: no timing in tests.
    t.diagnostic(`first diagnostic ${r.firstDiagnosticMs.toFixed(0)} ms after new Worker`);
  });

  it('the same script from a blob: URL (how code-server runs it)', async () => {
    const r = await run(['blob']);
    assert.equal(r.how, 'blob');
    assertWrongClaimReported(r);
  });

  it('in the page itself over a MessageChannel (where no Worker can start)', async () => {
    const r = await run(['inProcess']);
    assert.equal(r.how, 'inProcess');
    assertWrongClaimReported(r);
  });

  it('a Worker whose script fails to load gives way to the next attempt', async () => {
    const r = await run(['missing', 'url']);
    assert.equal(r.how, 'url');
    assert.equal(r.refused.length, 1);
    assert.match(r.refused[0], /^missing: /);
    assertWrongClaimReported(r);
  });

  it('the server fetched nothing: every request was the page, its script or the server script', () => {
    assert.deepEqual([...new Set(requests)].sort(), ['/', '/missing.js', '/page.js', '/server.js']);
  });
});
