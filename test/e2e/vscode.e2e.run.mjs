// End-to-end tests of the packaged extension in a real VS Code workbench: code-server 4.100.3 (VS Code
// 1.100.3) driven by Debian's Chromium through playwright-core, the only real VS Code these machines
// can run (test-electron and test-web download builds; see /work/shared/e2e/NOTES.md).
//
//   node test/e2e/vscode.e2e.run.mjs                 every check
//   node test/e2e/vscode.e2e.run.mjs hover quick     only the checks whose names contain a word
//   DERIVCHECK_SKIP_E2E=1 ...                        skip (no root for apt-get, say)
//   DERIVCHECK_E2E_HEADED=1 ...                      show the browser (needs a display)
//   DERIVCHECK_E2E_VSIX=x.vsix ...                   test that package instead of running `npm run package`
//   DERIVCHECK_SCREENSHOTS=1 ...                     after a full clean run, write the README's screenshots
//                                                    into docs/images, the hint hover included (`npm run
//                                                    screenshots`); the test command never changes tracked files
//   DERIVCHECK_E2E_HOST=web ...                      the same checks with the extension in the web worker
//                                                    extension host (the `browser` entry), not Node's
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { setup, ROOT, CACHE, ENTRY, CHROMIUM } from './setup.mjs';

const CHECK_NAMES = [
  'diagnostic: squiggle and Problems entry for a wrong claim',
  'hover: shows the computed value',
  'inlay hints: computed value with its verdict',
  'verify all: summary notification matches the CLI',
  'quick fix: replaces the wrong value',
  'homework: hw3.md squiggle and hover (README screenshot)',
  'latex: hw3.tex squiggle and hover',
  'completion: typing <!-- check: sof suggests softmax',
  'hint: the hover of a wrong value ends with the likely mistake',
  'notebook: hw3.ipynb in the notebook editor, squiggle and hover in a markdown cell (README screenshot)',
  'quarto: a .qmd file (no Quarto extension) shows diagnostics',
  'status bar: the file\'s counts, as the CLI counts them',
  'host: the language server runs where the extension host says',
  'package: the .vsix holds both entries and stays under 3 MB',
];

if (process.env.DERIVCHECK_SKIP_E2E === '1') {
  console.log('e2e: skipped because DERIVCHECK_SKIP_E2E=1 (the VS Code workbench tests were not run)');
  console.log(`e2e: 0 passed, 0 failed, ${CHECK_NAMES.length} skipped`);
  process.exit(0);
}

// `node`: code-server's Node extension host runs dist/client.js (as desktop VS Code would).
// `web`: the user setting remote.extensionKind moves the same .vsix into the workbench's web worker
// extension host, which runs dist/web/extension.js as vscode.dev and github.dev do.
const HOST = process.env.DERIVCHECK_E2E_HOST === 'web' ? 'web' : 'node';
const MANIFEST = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const EXTENSION_ID = `${MANIFEST.publisher}.${MANIFEST.name}`;
const RESULTS = join(ROOT, 'test-results', HOST === 'web' ? 'e2e-web' : 'e2e');
/** The README's pictures: a result of this run → its place under docs/images (written only on request). */
const SCREENSHOTS = [['hw3-vscode.png', join(ROOT, 'docs', 'images', 'hw3-vscode.png')], ['hw3-notebook.png', join(ROOT, 'docs', 'images', 'hw3-notebook.png')]];
const VSIX = process.env.DERIVCHECK_E2E_VSIX || join(ROOT, 'dist', 'derivation-check.vsix');
const FIXTURES = join(ROOT, 'test', 'e2e', 'fixtures', 'workspace');
const FIXTURE = 'e2e-claims.md';
const TUTOR = 'e2e-tutor.md';
const HINT_SCREENSHOT = join(ROOT, 'docs', 'images', 'hint-hover.png');
const VIEWPORT = { width: 1280, height: 800 };
// Generous: the first diagnostics wait for the extension host, the extension and the server to start.
const WAIT = 45_000;

const t0 = Date.now();
const secs = (since = t0) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const log = (msg) => console.log(`[e2e] ${msg}`);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
  if (r.error || r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stdout ?? ''}${r.stderr ?? ''}`);
  }
  return r.stdout;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function alive(pid) {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

// Each run has its own folder; those of runs whose process is gone are removed, while a concurrent
// run's (another engineer's `npm test` in the same tree) is left alone.
function runFolder() {
  const runs = join(CACHE, 'runs');
  mkdirSync(runs, { recursive: true });
  for (const name of readdirSync(runs)) {
    const pid = Number(name.split('-')[1]);
    if (!pid || !alive(pid)) rmSync(join(runs, name), { recursive: true, force: true });
  }
  const dir = join(runs, `run-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  const sub = {};
  for (const k of ['extensions', 'user-data', 'ws', 'config', 'data', 'cache', 'runtime', 'tmp']) {
    sub[k] = join(dir, k);
    mkdirSync(sub[k], { recursive: true, mode: 0o700 });
  }
  return { dir, ...sub };
}

// What would otherwise pop up over the editor, or reach for the network, in a fresh profile.
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.editor.enablePreview': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'editor.inlayHints.enabled': 'on',
  'editor.hover.delay': 200,
  'editor.cursorBlinking': 'solid',
  'editor.minimap.enabled': false,
  'window.restoreWindows': 'none',
  'files.autoSave': 'off',
  ...(HOST === 'web' ? { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } } : {}),
};

function startCodeServer(dirs, port, env) {
  writeFileSync(join(dirs.dir, 'config.yaml'), 'auth: none\ncert: false\n');
  mkdirSync(join(dirs['user-data'], 'User'), { recursive: true });
  writeFileSync(join(dirs['user-data'], 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  const out = openSync(join(RESULTS, 'code-server.log'), 'w');
  const child = spawn(
    process.execPath,
    [
      ENTRY,
      '--config', join(dirs.dir, 'config.yaml'),
      '--user-data-dir', dirs['user-data'],
      '--extensions-dir', dirs.extensions,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      dirs.ws,
    ],
    // Its own process group, so the extension host and language server go with it at the end.
    { detached: true, stdio: ['ignore', out, out], env },
  );
  closeSync(out);
  return child;
}

async function waitHealthy(port, child) {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see test-results/e2e/code-server.log`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('code-server did not answer /healthz within 60 s; see test-results/e2e/code-server.log');
}

async function killGroup(child) {
  if (!child?.pid) return;
  const gone = () => !alive(-child.pid) && child.exitCode !== null;
  try { process.kill(-child.pid, 'SIGTERM'); } catch {}
  for (let i = 0; i < 50 && !gone(); i++) await new Promise((r) => setTimeout(r, 100));
  try { process.kill(-child.pid, 'SIGKILL'); } catch {}
}

// ---- workbench helpers -----------------------------------------------------------------------

// The explorer's empty space: a click there gives the page keyboard focus and the pointer no hover.
const REST = { x: 200, y: 600 };

const text = async (locator) => ((await locator.textContent()) ?? '').replace(/\u00a0/g, ' ');

async function openFile(page, name) {
  await page.mouse.click(REST.x, REST.y);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: WAIT });
  await input.fill(name);
  // The focused row, not any row: before the list is filtered, the recently opened files show, and
  // Enter would open whichever of them is first.
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).first().waitFor({ timeout: WAIT });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: WAIT });
  // The editor, not the quick input, must have focus for the keys that follow.
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: WAIT });
  await page.locator('.editor-instance .view-lines').first().waitFor({ timeout: WAIT });
}

// The palette lists an extension's commands only once the extension host has read its manifest,
// which can be after the workbench looks ready: reopen it until the command is there.
async function runCommand(page, title) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title.split(': ').pop() }).first();
  const until = Date.now() + WAIT;
  for (;;) {
    await page.mouse.click(REST.x, REST.y);
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: WAIT });
    await input.pressSequentially(title);
    try {
      await row.waitFor({ timeout: 5_000 });
      break;
    } catch {
      if (Date.now() > until) throw new Error(`the command palette has no "${title}" after ${WAIT / 1000} s`);
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1_000);
    }
  }
  await page.keyboard.press('Enter');
}

async function goToLine(page, line) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: WAIT });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: WAIT });
}

const editorLine = (page, hasText, scope = '.editor-instance') => page.locator(`${scope} .view-lines .view-line`, { hasText });

/** `scope`: the editor to look in; a notebook's cell editors are `NOTEBOOK_CELLS`. */
async function squiggleOn(page, lineText, scope = '.editor-instance') {
  // The squiggle is in the overlay layer, not inside the line's DOM: match it to the line by position.
  const line = editorLine(page, lineText, scope).first();
  await line.waitFor({ timeout: WAIT });
  const squiggle = page.locator(`${scope} .squiggly-error`);
  const until = Date.now() + WAIT;
  while (Date.now() < until) {
    const lb = await line.boundingBox();
    for (const s of await squiggle.all()) {
      const b = await s.boundingBox().catch(() => null);
      if (lb && b && b.width > 0 && Math.abs(b.y + b.height / 2 - (lb.y + lb.height / 2)) < lb.height / 2) return b;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no .squiggly-error on the line with "${lineText}" within ${WAIT / 1000} s`);
}

// Markdown wraps long lines, so the wrong value may sit on a continuation below the cursor's row:
// take the squiggle closest below the cursor that Go to Line left at the start of the line.
async function squiggleNearCursor(page) {
  const until = Date.now() + WAIT;
  while (Date.now() < until) {
    const cursor = await page.locator('.editor-instance .cursors-layer .cursor').first().boundingBox().catch(() => null);
    let best = null;
    for (const s of await page.locator('.editor-instance .squiggly-error').all()) {
      const b = await s.boundingBox().catch(() => null);
      // Six rows hold any wrapped line of the homework; further down is another line's squiggle.
      if (!cursor || !b || b.width === 0 || b.y + b.height < cursor.y || b.y > cursor.y + 6 * cursor.height) continue;
      if (!best || b.y < best.y || (b.y === best.y && b.x < best.x)) best = b;
    }
    if (best) return best;
    await page.waitForTimeout(250);
  }
  throw new Error(`no .squiggly-error at or below the cursor within ${WAIT / 1000} s`);
}

// Hovering once can land before the editor has laid out or while another hover is closing; move
// away and back until the hover with the wanted text shows, next to the squiggle that was hovered
// (the pointer's way there can cross other squiggles, whose hovers then fade in instead).

async function hoverAt(page, box, wanted) {
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: wanted }).first();
  const until = Date.now() + WAIT;
  while (Date.now() < until) {
    await page.mouse.move(REST.x, REST.y);
    await page.locator('.monaco-hover:not(.hidden)').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
    await page.mouse.move(box.x + Math.min(box.width / 2, 12), box.y + box.height / 2);
    try {
      await hover.waitFor({ state: 'visible', timeout: 4_000 });
      const h = await hover.boundingBox();
      const below = h && h.y >= box.y + box.height - 4 && h.y - (box.y + box.height) < 40;
      const above = h && h.y + h.height <= box.y + 4 && box.y - (h.y + h.height) < 40;
      if (!below && !above) continue;
      // Screenshots of a hover still fading in show it half transparent over the text.
      await page.waitForFunction((el) => {
        for (let e = el; e; e = e.parentElement) if (getComputedStyle(e).opacity !== '1') return false;
        return true;
      }, await hover.elementHandle(), { timeout: 5_000 });
      return hover;
    } catch {}
  }
  throw new Error(`no hover containing "${wanted}" next to the squiggle within ${WAIT / 1000} s`);
}

async function toastWith(page, pattern) {
  const toast = page.locator('.notifications-toasts .notification-toast.notification-fade-in-done', { hasText: pattern });
  await toast.first().waitFor({ state: 'visible', timeout: WAIT });
  return toast.first();
}

async function closePanel(page) {
  // Ctrl+J toggles the panel; only press it when the panel is open.
  if (await page.locator('.part.panel:visible').count()) await page.keyboard.press('Control+J');
}

// ---- the checks --------------------------------------------------------------------------------

function cliReport(dir) {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--format', 'json', dir], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`the CLI exited ${r.status}: ${r.stderr}`);
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`the CLI printed no JSON report (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  }
}

const WRONG_LINE = 'will be 5×4';
const RIGHT_LINE = 'really is 4×5';
const COMPUTED = '4×5';

const checks = [
  [CHECK_NAMES[0], async ({ page }) => {
    await openFile(page, FIXTURE);
    await squiggleOn(page, WRONG_LINE);
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: COMPUTED });
    await row.first().waitFor({ timeout: WAIT });
    const all = await page.locator('.markers-panel .monaco-list-row').allTextContents();
    const entry = (await text(row.first())).trim();
    if (!/derivcheck/i.test(all.join('\n'))) throw new Error(`no Problems entry from derivcheck: ${JSON.stringify(all)}`);
    await closePanel(page);
    return `Problems: ${entry}`;
  }],

  [CHECK_NAMES[1], async ({ page }) => {
    await openFile(page, FIXTURE);
    const box = await squiggleOn(page, WRONG_LINE);
    // "Derivation Check" is the server's own hover, not the diagnostic repeated by the marker hover.
    const hover = await hoverAt(page, box, 'Derivation Check');
    const t = await text(hover);
    if (!t.includes(COMPUTED)) throw new Error(`hover lacks the computed value ${COMPUTED}: ${t}`);
    await page.mouse.move(REST.x, REST.y);
    await page.keyboard.press('Escape');
    return `hover: ${t.slice(t.indexOf('Derivation Check')).replace(/\s+/g, ' ').trim().slice(0, 160)}`;
  }],

  [CHECK_NAMES[2], async ({ page }) => {
    await openFile(page, FIXTURE);
    const fail = editorLine(page, `⇒ ${COMPUTED} ✗`);
    const pass = editorLine(page, `⇒ ${COMPUTED} ✓`);
    await fail.first().waitFor({ timeout: WAIT });
    await pass.first().waitFor({ timeout: WAIT });
    return `hints: "${(await text(fail.first())).trim()}" / "${(await text(pass.first())).trim()}"`;
  }],

  [CHECK_NAMES[3], async ({ page, dirs }) => {
    // Before the quick fix edits anything, so the workbench and the CLI see the same text.
    const { summary: s } = cliReport(dirs.ws);
    await runCommand(page, 'Derivation Check: Verify All Files in Workspace');
    const toast = await toastWith(page, /claims? in \d+ files?/);
    const t = (await text(toast)).replace(/\s+/g, ' ');
    const m = t.match(/(\d+) claims? in (\d+) files? — (\d+) passed, (\d+) failed, (\d+) errors?, (\d+) unbound/);
    if (!m) throw new Error(`summary not in the expected form: ${t}`);
    const got = { claims: +m[1], files: +m[2], pass: +m[3], fail: +m[4], error: +m[5], unbound: +m[6] };
    for (const k of Object.keys(got)) {
      if (got[k] !== s[k]) throw new Error(`summary says ${k} ${got[k]}, the CLI ${s[k]}: ${t}`);
    }
    if (s.fail < 1) throw new Error(`expected at least the fixture's wrong claim to fail: ${t}`);
    return `toast: ${m[0]}`;
  }],

  [CHECK_NAMES[4], async ({ page, dirs }) => {
    await openFile(page, FIXTURE);
    const box = await squiggleOn(page, WRONG_LINE);
    await page.mouse.click(box.x + Math.min(box.width / 2, 12), box.y + box.height / 2);
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: `with ${COMPUTED}` });
    // The menu is computed once per Ctrl+.; ask again while the server may still be catching up.
    const menuUntil = Date.now() + WAIT;
    for (let tries = 1; ; tries++) {
      await page.keyboard.press('Control+.');
      try {
        await fix.first().waitFor({ state: 'visible', timeout: 5_000 });
        if (tries > 1) log(`quick fix menu offered the fix at try ${tries}`);
        break;
      } catch (e) {
        if (Date.now() > menuUntil) throw new Error(`Ctrl+. offered no "with ${COMPUTED}" fix in ${tries} tries: ${await page.locator('.action-widget, .context-view').allTextContents()}`);
        await page.keyboard.press('Escape');
      }
    }
    const title = (await text(fix.first())).trim();
    // The widget lays a pointer block over the editor that swallows clicks: choose by keyboard.
    const rows = page.locator('.action-widget .monaco-list-row');
    for (let i = 0; ; i++) {
      const focused = page.locator('.action-widget .monaco-list-row.focused', { hasText: `with ${COMPUTED}` });
      if (await focused.count()) break;
      if (i > (await rows.count())) throw new Error(`could not focus "${title}" in the quick fix menu`);
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    const fixed = editorLine(page, `will be ${COMPUTED}`);
    await fixed.first().waitFor({ timeout: WAIT });
    const line = (await text(fixed.first())).trim();
    if (line.includes('5×4')) throw new Error(`the line still holds the wrong value: ${line}`);
    // Saved, the edit must reach the file itself.
    await page.keyboard.press('Control+S');
    const file = join(dirs.ws, FIXTURE);
    const until = Date.now() + WAIT;
    while (!readFileSync(file, 'utf8').includes(`will be ${COMPUTED}.`)) {
      if (Date.now() > until) throw new Error(`the saved file does not hold the fix:\n${readFileSync(file, 'utf8')}`);
      await page.waitForTimeout(200);
    }
    return `"${title}" → "${line}"`;
  }],

  [CHECK_NAMES[5], async ({ page, dirs }) => {
    const report = cliReport(dirs.ws);
    const hw = report.files.find((f) => f.path.endsWith('hw3.md'));
    if (!hw) throw new Error('the workspace has no hw3.md');
    const wrong = hw.claims.find((c) => c.status === 'fail' && c.claimedLine);
    if (!wrong) throw new Error('the CLI finds no wrong claimed value in hw3.md to show');
    await openFile(page, 'hw3.md');
    await goToLine(page, wrong.claimedLine);
    const box = await squiggleNearCursor(page);
    await hoverAt(page, box, 'Derivation Check');
    mkdirSync(RESULTS, { recursive: true });
    const shot = join(RESULTS, 'hw3-vscode.png');
    await page.screenshot({ path: shot });
    await page.mouse.move(REST.x, REST.y);
    return `hw3.md:${wrong.claimedLine} ${wrong.source}`;
  }],

  [CHECK_NAMES[6], async ({ page, dirs }) => {
    const hw = cliReport(dirs.ws).files.find((f) => f.path.endsWith('hw3.tex'));
    if (!hw) throw new Error('the workspace has no hw3.tex');
    const wrong = hw.claims.find((c) => c.status === 'fail' && c.claimedLine);
    if (!wrong) throw new Error('the CLI finds no wrong claimed value in hw3.tex to show');
    await openFile(page, 'hw3.tex');
    const mode = (await text(page.locator('.statusbar [id="status.editor.mode"]'))).trim();
    if (!/latex/i.test(mode)) throw new Error(`hw3.tex opened as "${mode}", not LaTeX`);
    await goToLine(page, wrong.claimedLine);
    const box = await squiggleNearCursor(page);
    const hover = await hoverAt(page, box, 'Derivation Check');
    const t = await text(hover);
    await page.mouse.move(REST.x, REST.y);
    return `hw3.tex:${wrong.claimedLine} (${mode}) ${t.slice(t.indexOf('Derivation Check')).replace(/\s+/g, ' ').slice(0, 100)}`;
  }],

  [CHECK_NAMES[7], async ({ page }) => {
    await openFile(page, TUTOR);
    await page.keyboard.press('Control+End');
    // Typed as a student types: the space after `check:` opens the list, the letters filter it.
    await page.keyboard.type('<!-- check: sof', { delay: 60 });
    const row = page.locator('.suggest-widget .monaco-list-row', { hasText: 'softmax' });
    try {
      await row.first().waitFor({ state: 'visible', timeout: 10_000 });
    } catch {
      // A slow server may answer the space's request after the widget closed: ask again, as Ctrl+Space does.
      await page.keyboard.press('Control+Space');
      await row.first().waitFor({ state: 'visible', timeout: WAIT });
    }
    const rows = (await page.locator('.suggest-widget .monaco-list-row').allTextContents()).map((r) => r.replace(/\s+/g, ' ').trim());
    await page.keyboard.press('Escape');
    // Undo the typing (never saved): the file on disk stays as the CLI and the other checks read it.
    for (let i = 0; i < 4; i++) await page.keyboard.press('Control+Z');
    return `suggestions: ${rows.slice(0, 4).join(' | ')}`;
  }],

  [CHECK_NAMES[8], async ({ page }) => {
    await openFile(page, TUTOR);
    const box = await squiggleOn(page, 'output is 3×4');
    const hover = await hoverAt(page, box, 'leaves out the +1');
    const t = await text(hover);
    mkdirSync(RESULTS, { recursive: true });
    const shot = join(RESULTS, 'hint-hover.png');
    await page.screenshot({ path: shot });
    if (process.env.DERIVCHECK_SCREENSHOTS === '1') {
      mkdirSync(dirname(HINT_SCREENSHOT), { recursive: true });
      writeFileSync(HINT_SCREENSHOT, readFileSync(shot));
      log(`wrote ${HINT_SCREENSHOT.slice(ROOT.length + 1)}`);
    }
    await page.mouse.move(REST.x, REST.y);
    return `hover: ${t.slice(t.indexOf('Derivation Check')).replace(/\s+/g, ' ').trim().slice(0, 200)}`;
  }],

  [CHECK_NAMES[9], async ({ page, dirs }) => {
    const hw = cliReport(dirs.ws).files.find((f) => f.path.endsWith('hw3.ipynb'));
    if (!hw) throw new Error('the workspace has no hw3.ipynb');
    const wrong = hw.claims.find((c) => c.status === 'fail' && c.claimedLine && c.claimedCell === c.cell);
    if (!wrong) throw new Error('the CLI finds no wrong claimed value in hw3.ipynb to show');
    await openNotebook(page, 'hw3.ipynb');
    // Markdown cells show rendered; the cell with the wrong claim is opened for editing as a student would.
    await editCell(page, wrong.cell);
    const line = claimedLineText(dirs, wrong);
    const box = await squiggleOn(page, line, NOTEBOOK_CELLS);
    const hover = await hoverAt(page, box, 'Derivation Check');
    const t = await text(hover);
    if (!t.includes(String(wrong.computed).replace(/x/g, '×'))) throw new Error(`hover lacks ${wrong.computed}: ${t}`);
    await page.screenshot({ path: join(RESULTS, 'hw3-notebook.png') });
    await page.mouse.move(REST.x, REST.y);
    return `hw3.ipynb cell ${wrong.cell}:${wrong.claimedLine} ${wrong.source} → ${t.slice(t.indexOf('Derivation Check')).replace(/\s+/g, ' ').slice(0, 80)}`;
  }],

  [CHECK_NAMES[10], async ({ page }) => {
    await openFile(page, 'e2e-report.qmd');
    const box = await squiggleOn(page, 'would be 3×4');
    const hover = await hoverAt(page, box, 'Derivation Check');
    const t = await text(hover);
    if (!t.includes('4×5')) throw new Error(`hover lacks 4×5: ${t}`);
    const mode = (await text(page.locator('.statusbar [id="status.editor.mode"]'))).trim();
    await page.mouse.move(REST.x, REST.y);
    return `e2e-report.qmd (${mode}): squiggle on 3×4, hover names 4×5`;
  }],
];

const NOTEBOOK_CELLS = '.notebookOverlay .cell-editor-container';

/** The text of the line (within its cell) that holds a notebook claim's claimed value, from the file. */
function claimedLineText(dirs, claim) {
  const nb = JSON.parse(readFileSync(join(dirs.ws, 'hw3.ipynb'), 'utf8'));
  const src = nb.cells[claim.cell - 1].source;
  const lines = (Array.isArray(src) ? src.join('') : src).split('\n');
  // A few words of the line, enough to find it and short enough not to wrap away.
  return lines[claim.claimedLine - 1].trim().slice(0, 20).trim();
}

async function openNotebook(page, name) {
  await page.mouse.click(REST.x, REST.y);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: WAIT });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: WAIT });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: WAIT });
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: WAIT });
  // VS Code's built-in ipynb support opens it in the notebook editor, not as JSON text.
  await page.locator('.notebookOverlay .cell-list-container').first().waitFor({ timeout: WAIT });
}

/** Focuses the notebook's first cell, moves down to cell `n` (1-based) and opens it for editing. */
async function editCell(page, n) {
  await runCommand(page, 'Notebook: Focus First Cell');
  await page.waitForTimeout(300);
  for (let i = 1; i < n; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.locator('.notebookOverlay .markdown-cell-row.focused .cell-editor-container .view-lines').first().waitFor({ timeout: WAIT });
}

// The README's pictures come from a full, clean run only (a partial run lacks the Verify All toast),
// and only when asked for (DERIVCHECK_SCREENSHOTS=1, `npm run screenshots`): the test command must not
// change tracked files. Every run leaves them in test-results/e2e/ to look at. Rewriting only on a
// difference keeps git quiet until the homework or the extension's look really changes.
function updateReadmeImages() {
  for (const [name, target] of SCREENSHOTS) {
    const shot = join(RESULTS, name);
    if (!existsSync(shot)) continue;
    const fresh = readFileSync(shot);
    if (existsSync(target) && readFileSync(target).equals(fresh)) continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, fresh);
    log(`wrote ${target.slice(ROOT.length + 1)}`);
  }
}

// Processes running the installed extension's Node server (dist/server.js), from /proc.
function nodeServers(extensionsDir) {
  const found = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    let cmdline = '';
    try { cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' '); } catch { continue; }
    if (cmdline.includes(extensionsDir) && /dist\/server\.js/.test(cmdline)) found.push(pid);
  }
  return found;
}

checks.push(
  [CHECK_NAMES[11], async ({ page, dirs }) => {
    // After the quick fix, if it ran: the CLI reads the saved file.
    const file = cliReport(dirs.ws).files.find((f) => f.path.endsWith(FIXTURE));
    if (!file) throw new Error(`the CLI report has no ${FIXTURE}`);
    const count = (status) => file.claims.filter((c) => c.status === status).length;
    // The item's text is icons and numbers ($(check) 2 $(error) 1); its accessible label says them in words.
    const want = `Derivation Check: ${count('pass')} passed, ${count('fail') + count('error')} failed or in error`;
    await openFile(page, FIXTURE);
    const item = page.locator(`.part.statusbar [aria-label="${want}"]`);
    await item.first().waitFor({ timeout: WAIT });
    return `status bar: ${want} (${(await text(item.first())).trim()})`;
  }],

  [CHECK_NAMES[12], async ({ page, dirs }) => {
    // Every check above got its answers from a server; here, which one. In the Node host it is a
    // Node process; in the web worker host none is, and the client's output channel says how the
    // browser runs it (code-server refuses a Worker from the extension's URI, so: from a blob).
    // The server has answered once the hints show (the quick fix check may have fixed the wrong value).
    await openFile(page, FIXTURE);
    await editorLine(page, `⇒ ${COMPUTED}`).first().waitFor({ timeout: WAIT });
    const servers = nodeServers(dirs.extensions);
    if (HOST === 'node') {
      if (!servers.length) throw new Error('no Node process runs dist/server.js of the installed extension');
      return `Node process ${servers.join(', ')} runs dist/server.js`;
    }
    if (servers.length) throw new Error(`Node process ${servers.join(', ')} runs dist/server.js: the extension is not in the web worker host`);
    await runCommand(page, 'Output: Show Output Channels...');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('Derivation Check');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Derivation Check' }).first().waitFor({ timeout: WAIT });
    await page.keyboard.press('Enter');
    const line = page.locator('.part.panel .view-lines .view-line', { hasText: 'The language server runs in' }).first();
    await line.waitFor({ timeout: WAIT });
    const said = (await text(line)).replace(/^.*?(The language server runs in)/, '$1').trim();
    await closePanel(page);
    if (!/a Worker from a blob: URL/.test(said)) throw new Error(`expected the blob: Worker in code-server, the client says: ${said}`);
    return `no Node server process; the client: "${said}"`;
  }],

  [CHECK_NAMES[13], async () => {
    const vsix = readFileSync(VSIX);
    // Entry names are stored uncompressed in a zip's directory.
    for (const entry of ['extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/checkWorker.js', 'extension/dist/web/extension.js', 'extension/dist/web/server.js']) {
      if (!vsix.includes(entry)) throw new Error(`the .vsix lacks ${entry}`);
    }
    const mb = vsix.length / (1024 * 1024);
    if (mb >= 3) throw new Error(`the .vsix is ${mb.toFixed(2)} MB, over 3 MB`);
    return `${mb.toFixed(2)} MB`;
  }],
);


// ---- main ------------------------------------------------------------------------------------

const filters = process.argv.slice(2).map((s) => s.toLowerCase());
const selected = checks.filter(([name]) => !filters.length || filters.some((f) => name.toLowerCase().includes(f)));
let passed = 0;
let failed = 0;
let child;
let browser;
let dirs;

// code-server has its own process group, so Ctrl+C (or a CI timeout's SIGTERM) does not reach it:
// without these it would outlive the run.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    console.log(`[e2e] ${sig}: stopping code-server and the browser`);
    if (child?.pid) try { process.kill(-child.pid, 'SIGKILL'); } catch {}
    browser?.close().catch(() => {});
    console.log(`e2e: ${passed} passed, ${failed + 1} failed (${HOST} extension host)`);
    process.exit(130);
  });
}

try {
  rmSync(RESULTS, { recursive: true, force: true });
  mkdirSync(RESULTS, { recursive: true });
  await setup();

  let t = Date.now();
  if (!process.env.DERIVCHECK_E2E_VSIX) {
    run('npm', ['run', '--silent', 'package']);
    if (!existsSync(VSIX)) throw new Error(`npm run package did not write ${VSIX}`);
    log(`packaged dist/derivation-check.vsix (${secs(t)})`);
  }

  dirs = runFolder();
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    XDG_RUNTIME_DIR: dirs.runtime,
    TMPDIR: dirs.tmp,
  };
  t = Date.now();
  run(process.execPath, [ENTRY, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs['user-data'], '--install-extension', VSIX, '--force'], { env });
  log(`installed the .vsix into a fresh extensions folder (${secs(t)})`);

  const examples = join(ROOT, 'examples');
  if (existsSync(join(examples, 'hw3.md'))) cpSync(examples, dirs.ws, { recursive: true });
  cpSync(FIXTURES, dirs.ws, { recursive: true });

  const port = await freePort();
  t = Date.now();
  child = startCodeServer(dirs, port, env);
  await waitHealthy(port, child);
  log(`code-server on 127.0.0.1:${port} (${secs(t)})`);

  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: process.env.DERIVCHECK_E2E_HEADED !== '1',
    env,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
  });
  const context = await browser.newContext({ viewport: VIEWPORT });
  const origin = `http://127.0.0.1:${port}`;
  // Nothing leaves the machine: the workbench would otherwise ask marketplaces and CDNs.
  await context.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
  const page = await context.newPage();
  const consoleLog = [];
  page.on('console', (m) => consoleLog.push(`[${m.type()}] ${m.text()}`));

  t = Date.now();
  await page.goto(`${origin}/?folder=${encodeURIComponent(dirs.ws)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: WAIT });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FIXTURE }).waitFor({ timeout: WAIT });
  log(`workbench ready (${secs(t)}), extension in the ${HOST} extension host`);

  for (const [name, fn] of selected) {
    const ts = Date.now();
    try {
      const detail = await Promise.race([
        fn({ page, dirs }),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 120 s')), 120_000)),
      ]);
      passed++;
      console.log(`ok   ${name} (${secs(ts)})${detail ? `\n       ${detail}` : ''}`);
    } catch (e) {
      failed++;
      const file = join(RESULTS, `${name.split(':')[0].replace(/\W+/g, '-')}.png`);
      await page.screenshot({ path: file }).catch(() => {});
      // Playwright's call logs are long and coloured; the first lines and the screenshot say enough.
      const why = String(e.message ?? e).replace(/\x1b\[[0-9;]*m/g, '').split('\n').slice(0, 12);
      console.log(`FAIL ${name} (${secs(ts)})\n       ${why.join('\n       ')}\n       screenshot: ${file.slice(ROOT.length + 1)}`);
      await page.keyboard.press('Escape').catch(() => {});
      await page.keyboard.press('Escape').catch(() => {});
    }
  }
  writeFileSync(join(RESULTS, 'browser-console.log'), consoleLog.join('\n'));
} catch (e) {
  failed++;
  console.log(`FAIL e2e harness: ${e.message ?? e}`);
} finally {
  await browser?.close().catch(() => {});
  await killGroup(child);
  if (failed && dirs) {
    // The workbench's own logs (extension host, language server output) say why a check failed.
    try { cpSync(join(dirs['user-data'], 'logs'), join(RESULTS, 'logs'), { recursive: true }); } catch {}
  } else if (dirs) {
    rmSync(dirs.dir, { recursive: true, force: true });
  }
}

// The pictures are the desktop's (the Node host): the web run writes no tracked file.
if (!failed && selected.length === checks.length && process.env.DERIVCHECK_SCREENSHOTS === '1' && HOST === 'node') updateReadmeImages();
log(`done in ${secs()}`);
console.log(`e2e: ${passed} passed, ${failed} failed (${HOST} extension host)`);
process.exit(failed ? 1 : 0);
