// npm run bench: builds, generates the documents (bench/generate.mjs), and prints one table of what
// matters for "fast": the CLI on a class of 300 submissions, the checker against the bare CommonMark
// parse of a 100-page homework, the language server's latencies, peak memory, and the engine's conv2d
// next to PyTorch's. Figures are printed, never asserted (tests do not time).
//   node bench/run.mjs [--no-build] [--edits N] [--reps N] [--json FILE] [--no-scaling] [--scale-n N]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { generate, rng } from './generate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const EDITS = Number(opt('edits', 100));
const REPS = Number(opt('reps', 5));
const RSS_HOOK = join(root, 'bench/rss.cjs');
const usageFile = () => join(tmpdir(), `derivcheck-usage-${process.pid}-${Math.random().toString(36).slice(2)}.json`);

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
}
const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const mb = (kib) => `${(kib / 1024).toFixed(0)} MB`;

function log(s) {
  process.stderr.write(`${s}\n`);
}

// ------------------------------------------------------------------------------------------ setup

if (!argv.includes('--no-build')) {
  log('building (scripts/build.mjs) ...');
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
mkdirSync(join(root, 'bench/out'), { recursive: true });
await build({
  entryPoints: [join(root, 'bench/entry.ts')],
  outfile: join(root, 'bench/out/core.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
});
const core = require(join(root, 'bench/out/core.cjs'));
log('generating documents (bench/generate.mjs) ...');
const gen = generate();
const hw100 = readFileSync(gen.hw100, 'utf8');
const rows = [];
const notes = [];
function row(what, value, target, ok) {
  rows.push({ what, value, target: target ?? '', ok: ok === undefined ? '' : ok ? '✓' : '✗' });
}

// ------------------------------------------------------------------------------------------ CLI

function runCli(args) {
  const file = usageFile();
  const t = performance.now();
  const r = spawnSync(process.execPath, ['-r', RSS_HOOK, join(root, 'dist/cli.js'), ...args], {
    cwd: root,
    env: { ...process.env, DERIVCHECK_BENCH_USAGE: file },
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  const wall = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`cli exited ${r.status}: ${r.stderr}`);
  const usage = JSON.parse(readFileSync(file, 'utf8'));
  rmSync(file, { force: true });
  return { wall, cpu: (usage.user + usage.system) / 1000, rss: usage.maxRSS, out: r.stdout };
}

log('CLI on the class of 300 ...');
const classRuns = [];
for (let i = 0; i < Math.max(3, Math.min(REPS, 5)); i++) classRuns.push(runCli(['--format', 'json', gen.classDir]));
const classSummary = JSON.parse(classRuns[0].out).summary;
const classWall = median(classRuns.map((r) => r.wall));
const classCpu = median(classRuns.map((r) => r.cpu));
row(`CLI, class of ${classSummary.files} (${classSummary.claims} claims): wall`, `${ms(classWall)} ms`, '< 5000 ms', classWall < 5000);
row('  files/s, claims/s (wall)', `${(classSummary.files / (classWall / 1000)).toFixed(0)} files/s, ${(classSummary.claims / (classWall / 1000)).toFixed(0)} claims/s`);
row('  CPU time (user+sys)', `${ms(classCpu)} ms`, '< 5000 ms', classCpu < 5000);
row('  peak RSS', mb(Math.max(...classRuns.map((r) => r.rss))));

log('class report over the class of 300 ...');
{
  const dir = join(root, 'bench/out');
  const reportRuns = [];
  for (let i = 0; i < Math.max(3, Math.min(REPS, 5)); i++) {
    reportRuns.push(runCli(['report', '--out', join(dir, 'report.html'), '--csv', join(dir, 'scores.csv'), gen.classDir]));
  }
  const reportWall = median(reportRuns.map((r) => r.wall));
  const csvRows = readFileSync(join(dir, 'scores.csv'), 'utf8').trimEnd().split('\r\n').length - 1;
  row(`derivcheck report, class of ${csvRows} (HTML + CSV): wall`, `${ms(reportWall)} ms`, '< 5000 ms', reportWall < 5000);
  row('  CPU time (user+sys)', `${ms(median(reportRuns.map((r) => r.cpu)))} ms`);
  row('  HTML report size', `${(readFileSync(join(dir, 'report.html')).length / 1024).toFixed(0)} KB`);
}

const hwRuns = [runCli(['--format', 'json', gen.hw100]), runCli(['--format', 'json', gen.hw100])];
const hwSummary = JSON.parse(hwRuns[0].out).summary;
row(`CLI, 100-page homework (${gen.lines} lines, ${hwSummary.claims} claims): wall`, `${ms(median(hwRuns.map((r) => r.wall)))} ms`);
row('  peak RSS', mb(Math.max(...hwRuns.map((r) => r.rss))));

// ------------------------------------------------------------------------------- check vs parse

log('checker vs bare parse, in process ...');
const { fromMarkdown } = await import('mdast-util-from-markdown');
const { math } = await import('micromark-extension-math');
const { mathFromMarkdown } = await import('mdast-util-math');
/** One run of `fn`: wall and CPU ms. */
function timed(fn) {
  const c = process.cpuUsage();
  const t = performance.now();
  fn();
  const wall = performance.now() - t;
  const d = process.cpuUsage(c);
  return { wall, cpu: (d.user + d.system) / 1000 };
}

function timeIt(fn, reps) {
  const wall = [];
  const cpu = [];
  for (let i = 0; i < 2; i++) fn();
  for (let i = 0; i < reps; i++) {
    const m = timed(fn);
    wall.push(m.wall);
    cpu.push(m.cpu);
  }
  return { wall: median(wall), cpu: median(cpu) };
}
const parse = timeIt(() => fromMarkdown(hw100, { extensions: [math()], mdastExtensions: [mathFromMarkdown()] }), REPS);
const check = timeIt(() => core.checkDocument({ name: 'hw100.md', kind: 'markdown', text: hw100 }), REPS);
const scan = timeIt(() => core.scanDocument(hw100, 'markdown'), REPS);
row('100-page homework: CommonMark parse (mdast + math)', `${ms(parse.wall)} ms (cpu ${ms(parse.cpu)})`);
row('  scanDocument (parse + blocks + math)', `${ms(scan.wall)} ms (cpu ${ms(scan.cpu)})`);
row('  checkDocument, no cache', `${ms(check.wall)} ms (cpu ${ms(check.cpu)})`);
row('  check / parse (CPU time; wall in parentheses)', `${(check.cpu / parse.cpu).toFixed(2)}× (wall ${(check.wall / parse.wall).toFixed(2)}×)`, '≤ 3×', check.cpu / parse.cpu <= 3);
notes.push('check / parse is judged on CPU time (process.cpuUsage), which a busy machine disturbs far less than wall time; both are printed.');

// In-process incremental: one-character edits with a CheckCache, the server's path without the protocol.

/** Checks `edited` with `cache` (CPU ms, wall ms, blocks re-evaluated), then checks `back` to restore the cache. */
function timedRecheck(cache, edited, back) {
  const m = timed(() => core.checkDocument({ name: 'hw100.md', kind: 'markdown', text: edited }, {}, cache));
  const misses = cache.misses;
  core.checkDocument({ name: 'hw100.md', kind: 'markdown', text: back }, {}, cache);
  return { ...m, misses };
}

{
  const r = rng(7);
  const cache = new core.CheckCache();
  core.checkDocument({ name: 'hw100.md', kind: 'markdown', text: hw100 }, {}, cache);
  const times = [];
  const wall = [];
  let text = hw100;
  for (let i = 0; i < Math.min(EDITS, 30); i++) {
    const at = Math.floor(r() * text.length);
    const edited = text.slice(0, at) + 'x' + text.slice(at);
    const m = timedRecheck(cache, edited, text);
    times.push(m.cpu);
    wall.push(m.wall);
  }
  row(`  re-check after a 1-char edit, with CheckCache (in process, ${Math.min(EDITS, 30)} edits) p50 / p95, CPU`, `${ms(median(times))} / ${ms(quantile(times, 0.95))} ms (wall ${ms(median(wall))} / ${ms(quantile(wall, 0.95))})`);
}

// Edits inside a `let`: the blocks that read the name are re-checked, no others (issue 14).
// 100 places, as many as the random edits: a p95 of 30 samples is their second worst, mostly noise.
const letEdits = letEditPlaces(hw100, core.scanDocument(hw100, 'markdown'), 100);
{
  const cache = new core.CheckCache();
  core.checkDocument({ name: 'hw100.md', kind: 'markdown', text: hw100 }, {}, cache);
  const times = [];
  const wall = [];
  const misses = [];
  for (const at of letEdits) {
    const edited = hw100.slice(0, at) + String((Number(hw100[at]) + 1) % 10) + hw100.slice(at + 1);
    cache.misses = 0;
    const m = timedRecheck(cache, edited, hw100);
    times.push(m.cpu);
    wall.push(m.wall);
    misses.push(m.misses);
  }
  const p95 = quantile(times, 0.95);
  row(`  re-check after a digit changed inside a let (in process, ${times.length} edits) p50 / p95, CPU`, `${ms(median(times))} / ${ms(p95)} ms (wall ${ms(median(wall))} / ${ms(quantile(wall, 0.95))}); ${median(misses)} blocks re-evaluated (median)`, 'p95 ≤ 30 ms', p95 <= 30);
}

/** Offsets of digits inside `let` statements of claim blocks, spread over the document. */
function letEditPlaces(text, scanned, n) {
  const places = [];
  for (const b of scanned.blocks) {
    const m = /let\s+\w+\s*=\s*[^;]*?(\d)/.exec(b.text);
    if (m) places.push(b.segments[0].offset + m.index + m[0].length - 1);
  }
  const step = Math.max(1, Math.floor(places.length / n));
  return places.filter((_, i) => i % step === 0).slice(0, n);
}

// ------------------------------------------------------------------------------ language server

log('language server ...');
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

function positionAt(text, offset) {
  let line = 0;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, character: offset - last - 1 };
}

async function serverBench(edits) {
  const file = usageFile();
  const t0 = performance.now();
  const proc = spawn(process.execPath, ['-r', RSS_HOOK, join(root, 'dist/server.js'), '--stdio'], {
    env: { ...process.env, DERIVCHECK_BENCH_USAGE: file },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  proc.stderr.on('data', () => {});
  const exited = new Promise((res) => proc.once('exit', res));
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const waiters = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i].uri === p.uri && waiters[i].version === p.version) {
        waiters[i].resolve({ at: performance.now(), p });
        waiters.splice(i, 1);
      }
    }
  });
  const diagnostics = (uri, version) => new Promise((resolve) => waiters.push({ uri, version, resolve }));
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
    workspaceFolders: null,
  });
  const tInit = performance.now();
  await conn.sendNotification('initialized', {});
  const initCold = tInit - t0;

  const uri = 'file:///bench/hw100.md';
  let text = hw100;
  let version = 1;
  const opened = diagnostics(uri, 1);
  const tOpen = performance.now();
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  const openAt = (await opened).at - tOpen;

  // One-character edits, each followed by didSave: the server publishes a save at once (delay 0),
  // replacing the edit's debounce timer, so the time measured is the work, not the 150 ms wait.
  const scanned = core.scanDocument(hw100, 'markdown');
  const inClaim = (o) => scanned.blocks.some((b) => b.span.start <= o && o < b.span.end);
  const r = rng(11);
  const all = [];
  const prose = [];
  const claim = [];
  let inserted = -1;
  for (let i = 0; i < edits; i++) {
    version++;
    let change;
    let where;
    if (inserted < 0) {
      where = Math.floor(r() * text.length);
      const pos = positionAt(text, where);
      change = { range: { start: pos, end: pos }, text: 'x' };
      text = text.slice(0, where) + 'x' + text.slice(where);
      inserted = where;
    } else {
      where = inserted;
      change = { range: { start: positionAt(text, where), end: positionAt(text, where + 1) }, text: '' };
      text = text.slice(0, where) + text.slice(where + 1);
      inserted = -1;
    }
    const got = diagnostics(uri, version);
    const t = performance.now();
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    await conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
    const dt = (await got).at - t;
    all.push(dt);
    (inClaim(where) ? claim : prose).push(dt);
  }

  // A digit changed inside a `let` (then changed back, unmeasured): the case issue 14 made cheap.
  const inLet = [];
  if (text === hw100 && edits > 0) {
    for (const at of letEdits) {
      for (const digit of [String((Number(hw100[at]) + 1) % 10), hw100[at]]) {
        version++;
        const range = { start: positionAt(text, at), end: positionAt(text, at + 1) };
        text = text.slice(0, at) + digit + text.slice(at + 1);
        const got = diagnostics(uri, version);
        const t = performance.now();
        await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: digit }] });
        await conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
        const dt = (await got).at - t;
        if (digit !== hw100[at]) inLet.push(dt);
      }
    }
  }

  // The same without the save: the debounce (150 ms in service.ts, no setting) is then subtracted.
  const debounced = [];
  for (let i = 0; i < (edits > 0 ? 20 : 0); i++) {
    version++;
    const where = Math.floor(r() * text.length);
    const pos = positionAt(text, where);
    text = text.slice(0, where) + 'y' + text.slice(where);
    const got = diagnostics(uri, version);
    const t = performance.now();
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: pos, end: pos }, text: 'y' }] });
    debounced.push((await got).at - t - 150);
  }

  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  await exited;
  conn.dispose();
  const usage = JSON.parse(readFileSync(file, 'utf8'));
  rmSync(file, { force: true });
  return { initCold, openAt, all, prose, claim, inLet, debounced, rss: usage.maxRSS };
}

const s1 = await serverBench(EDITS);
const s2 = await serverBench(0);
const best = [s1];
const initCold = Math.min(s1.initCold, s2.initCold);
row('server: initialize, spawn → result (node start included), best of 2', `${ms(initCold)} ms`, '≤ 200 ms', initCold <= 200);
{
  const boot = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    boot.push(performance.now() - t);
  }
  row('  for reference: node -e 0 (bare node start and exit)', `${ms(Math.min(...boot))} ms`);
}
row('  didOpen → diagnostics, 100-page homework (best of 2)', `${ms(Math.min(s1.openAt, s2.openAt))} ms`);
const allEdits = s1.all;
const p95 = quantile(allEdits, 0.95);
row(`  1-char edit → diagnostics, debounce excluded (${allEdits.length} edits) p50 / p95`, `${ms(median(allEdits))} / ${ms(p95)} ms`, 'p95 ≤ 30 ms', p95 <= 30);
const prose = best.flatMap((s) => s.prose);
const claim = best.flatMap((s) => s.claim);
row(`    edits in prose (${prose.length}) p50 / p95`, `${ms(median(prose))} / ${ms(quantile(prose, 0.95))} ms`);
if (claim.length) row(`    edits inside claim comments (${claim.length}) p50 / p95`, `${ms(median(claim))} / ${ms(quantile(claim, 0.95))} ms`);
if (s1.inLet.length) {
  const p = quantile(s1.inLet, 0.95);
  row(`    a digit changed inside a let (${s1.inLet.length} edits) p50 / p95`, `${ms(median(s1.inLet))} / ${ms(p)} ms`, 'p95 ≤ 30 ms', p <= 30);
}
const deb = best.flatMap((s) => s.debounced);
row(`  same, measured through the debounce minus 150 ms (${deb.length} edits) p50 / p95`, `${ms(median(deb))} / ${ms(quantile(deb, 0.95))} ms`);
row('  server peak RSS', mb(Math.max(s1.rss, s2.rss)));
notes.push('Edit latency: the server has no debounce setting (service.ts: debounceMs = 150, a constant). Each edit is followed by didSave, which the server checks at once and which replaces the pending debounce timer, so the figure is the work; the last row instead waits through the debounce and subtracts 150 ms.');

// ------------------------------------------------------------------------------ the example homework

log('example homework ...');
for (const name of ['hw3.md', 'hw3.tex']) {
  const text = readFileSync(join(root, 'examples', name), 'utf8');
  const kind = name.endsWith('.tex') ? 'latex' : 'markdown';
  let claims = 0;
  const t = timeIt(() => {
    claims = core.checkDocument({ name, kind, text }).results.length;
  }, Math.max(REPS, 20));
  row(`examples/${name} (${claims} claims): checkDocument, no cache`, `${ms(t.wall)} ms (cpu ${ms(t.cpu)})`);
}

// ------------------------------------------------------------------------------ scaling (issue 14)

if (!argv.includes('--no-scaling')) {
  const { scaling } = await import('./scaling.mjs');
  for (const [what, value, target, ok] of scaling({ n: Number(opt('scale-n', 2500)), log })) row(what, value, target, ok);
  notes.push('Scaling rows: each document checked in a fresh process (bench/scaling.mjs); CPU time of the check and the process\'s peak RSS, at n and 4n blocks.');
}

// ------------------------------------------------------------------------------ engine vs torch

log('conv2d forward + backward ...');
{
  const [N, C, F, HW, K] = [1, 16, 16, 32, 3];
  const r = rng(3);
  const data = (n) => Float64Array.from({ length: n }, () => r() * 2 - 1);
  const x = core.fromData([N, C, HW, HW], data(N * C * HW * HW));
  const w = core.fromData([F, C, K, K], data(F * C * K * K));
  const [stmt] = core.parseBlock(`grad(sum(conv2d(x, w, padding=${K >> 1})), w)`);
  const env = { tensors: new Map([['x', x], ['w', w]]), symbols: new Map() };
  const run = () => {
    const out = core.evaluate(stmt.expr, env, { maxElements: 10_000_000, deadline: Date.now() + 60_000 });
    if (!out.ok) throw new Error(out.error.message);
  };
  const t = timeIt(run, Math.max(REPS, 10));
  const what = `conv2d ${N}×${C}×${HW}×${HW}, ${F} filters ${K}×${K}, padding ${K >> 1}: forward + backward (float64)`;
  row(what, '');
  row('  bundled engine (1 thread)', `${ms(t.wall)} ms (cpu ${ms(t.cpu)})`);
  const py = '/usr/bin/python3';
  const torch = (threads) => {
    const p = spawnSync(py, [join(root, 'bench/torch_conv.py'), N, C, F, HW, K, 20, threads].map(String), { encoding: 'utf8' });
    if (p.status !== 0) return null;
    try {
      return JSON.parse(p.stdout.trim().split('\n').pop());
    } catch {
      return null;
    }
  };
  const t1 = existsSync(py) ? torch(1) : null;
  if (t1) {
    row(`  PyTorch ${t1.torch} (1 thread)`, `${ms(t1.ms)} ms — engine/torch ${(t.wall / t1.ms).toFixed(1)}×`);
    const tn = torch(cpus().length);
    if (tn) row(`  PyTorch ${tn.torch} (${tn.threads} threads)`, `${ms(tn.ms)} ms`);
  } else row('  PyTorch', 'not available (/usr/bin/python3 without torch)');
}

// ------------------------------------------------------------------------------------------ print

const w0 = Math.max(...rows.map((r) => r.what.length));
const w1 = Math.max(...rows.map((r) => r.value.length));
const w2 = Math.max(...rows.map((r) => r.target.length), 6);
const line = (a, b, c, d) => `${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c.padEnd(w2)}  ${d}`;
console.log(`\nDerivation Check benchmark — ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
console.log(line('', 'measured', 'target', ''));
console.log(line('-'.repeat(w0), '-'.repeat(w1), '-'.repeat(w2), '-'));
for (const r of rows) console.log(line(r.what, r.value, r.target, r.ok));
console.log('');
for (const n of notes) console.log(`Note: ${n}`);
const jsonOut = opt('json', null);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ rows, notes, load: loadavg() }, null, 2));
