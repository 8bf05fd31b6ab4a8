// The scaling part of `npm run bench` (issue 14): each generator at n and 4n blocks, checked in a
// fresh process (bench/out/core.cjs, node -r bench/rss.cjs) for its CPU time and peak RSS, and the
// ×4 ratios. Linear cost gives ×4 ≈ 4; targets: time ×4 ≤ 5, memory ×4 ≤ 4.5. Also the two absolute
// targets: 100,000 stacked one-line claims < 10 s, 8,000 claims in one paragraph < 2 s.
//   node bench/scaling.mjs [--n 2500] [--only name,...]   (after bench/run.mjs has built bench/out/core.cjs)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classroom, homework } from './generate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'bench/out/scaling');

/** Documents of about n claim blocks, one per generator: [name, kind, (n) => text or texts]. */
export const GENERATORS = [
  ['homework (generate.mjs)', 'markdown', (n) => homework(1, n, 4 * n).text],
  ['class of submissions (generate.mjs)', 'markdown', (n) => classroom(2, Math.max(1, Math.round(n / 22))).map((s) => s.text)],
  ['stacked claim comments', 'markdown', (n) => stacked(n)],
  ['claims sharing one paragraph (Markdown)', 'markdown', (n) => paragraph(n)],
  ['claims sharing one paragraph (LaTeX)', 'latex', (n) => latexParagraph(n)],
  ['math chains', 'markdown', (n) => mathChains(n)],
  ['many lets', 'markdown', (n) => manyLets(n)],
];

/** A TA's answer key: one-line claims one after another, every fourth bare (bound to the paragraph after). */
export function stacked(n) {
  const lines = [];
  for (let i = 0; i < n; i++) {
    // Every claim differs from the others (no two share a cache key), as in a real answer key.
    const L = 8 + (i % 50);
    const W = 10 + (i % 997);
    lines.push(i % 4 === 3 ? `<!-- check: conv out ${L}x${W} k3 -->` : `<!-- check: conv out ${L}x${W} k3 = ${L - 2}x${W - 2} -->`);
  }
  return `# Answer key\n\n${lines.join('\n')}\nThe last map is 6×6.\n`;
}

/** One paragraph (no blank line) where every sentence ends in a claim bound backward. */
export function paragraph(n) {
  const lines = [];
  for (let i = 0; i < n; i++) {
    const L = 8 + (i % 50);
    const W = 10 + (i % 997);
    lines.push(`The ${i}th map is ${L - 2}×${W - 2} <!-- check: conv out ${L}x${W} k3 -->`);
  }
  return `# Notes\n\n${lines.join('\n')}\n`;
}

export function latexParagraph(n) {
  const lines = [];
  for (let i = 0; i < n; i++) {
    const L = 8 + (i % 50);
    const W = 10 + (i % 997);
    lines.push(`The ${i}th map is $${L - 2} \\times ${W - 2}$ % check: conv out ${L}x${W} k3`);
  }
  return `\\documentclass{article}\n\\begin{document}\n${lines.join('\n')}\n\\end{document}\n`;
}

export function mathChains(n) {
  const parts = [];
  for (let i = 0; i < n; i++) {
    const W = 10 + (i % 40);
    parts.push(`<!-- check: math W=${W} K=3 P=1 S=1 -->\n$$W_{out} = \\frac{W - K + 2P}{S} + 1 = \\frac{${W} - 3 + 2}{1} + 1 = ${W} = ${W - 1} + 1$$\n`);
  }
  return `# Chains\n\n${parts.join('\n')}`;
}

/** One-line lets, each reading the one before, with a claim every tenth line. */
export function manyLets(n) {
  const lines = ['<!-- check: let x0 = [1, 2] -->'];
  for (let i = 1; i < n; i++) {
    lines.push(i % 10 === 0 ? `<!-- check: sum(x${i - 1}) = ${2 * i + 1} -->` : `<!-- check: let x${i} = x${i - 1} + 1 -->`);
  }
  return `# Lets\n\n${lines.join('\n')}\n`;
}

/**
 * Checks `file` (one document, or a JSON list of documents) in a fresh node: CPU ms of the check (a
 * machine shared by many processes disturbs CPU time far less than wall time) and peak RSS KiB.
 */
function measure(file, kind) {
  const usage = join(tmpdir(), `derivcheck-scale-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  const script = `
    const core = require(${JSON.stringify(join(root, 'bench/out/core.cjs'))});
    const fs = require('node:fs');
    const raw = fs.readFileSync(${JSON.stringify(file)}, 'utf8');
    const texts = ${JSON.stringify(file)}.endsWith('.json') ? JSON.parse(raw) : [raw];
    const c = process.cpuUsage();
    const t = performance.now();
    let results = 0;
    for (const text of texts) results += core.checkDocument({ name: 'x', kind: ${JSON.stringify(kind)}, text }).results.length;
    const wall = performance.now() - t;
    const d = process.cpuUsage(c);
    console.log(JSON.stringify({ ms: (d.user + d.system) / 1000, wall, results }));`;
  const r = spawnSync(process.execPath, ['-r', join(root, 'bench/rss.cjs'), '-e', script], {
    env: { ...process.env, DERIVCHECK_BENCH_USAGE: usage },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`scaling run failed: ${r.stderr}`);
  const { ms, wall, results } = JSON.parse(r.stdout.trim().split('\n').pop());
  const { maxRSS } = JSON.parse(readFileSync(usage, 'utf8'));
  rmSync(usage, { force: true });
  return { ms, wall, rss: maxRSS, results };
}

function write(name, k, doc) {
  mkdirSync(out, { recursive: true });
  const file = join(out, `${name.replace(/\W+/g, '-')}-${k}${Array.isArray(doc) ? '.json' : ''}`);
  writeFileSync(file, Array.isArray(doc) ? JSON.stringify(doc) : doc);
  return file;
}

/** Rows for bench/run.mjs: [what, value, target, ok]. */
export function scaling({ n = 2500, only = null, log = () => {} } = {}) {
  const rows = [];
  for (const [name, kind, gen] of GENERATORS) {
    if (only && !only.some((o) => name.includes(o))) continue;
    log(`scaling: ${name} ...`);
    const a = measure(write(name, n, gen(n)), kind);
    const b = measure(write(name, 4 * n, gen(4 * n)), kind);
    const t = b.ms / a.ms;
    const m = b.rss / a.rss;
    rows.push([
      `${name}: n = ${n} → ${4 * n}`,
      `${fmt(a.ms)} → ${fmt(b.ms)} ms (×${t.toFixed(2)}), ${mb(a.rss)} → ${mb(b.rss)} (×${m.toFixed(2)})`,
      'time ×4 ≤ 5, memory ×4 ≤ 4.5',
      t <= 5 && m <= 4.5,
    ]);
  }
  if (!only || only.some((o) => 'stacked'.includes(o) || o === 'absolute')) {
    log('scaling: 100,000 stacked claims ...');
    const s = measure(write('stacked-abs', 100_000, stacked(100_000)), 'markdown');
    rows.push(['100,000 stacked one-line claims: wall (CPU)', `${fmt(s.wall)} ms (${fmt(s.ms)} ms), ${mb(s.rss)}`, '< 10 s', s.wall < 10_000]);
  }
  if (!only || only.some((o) => 'paragraph'.includes(o) || o === 'absolute')) {
    log('scaling: 8,000 claims in one paragraph ...');
    const md = measure(write('paragraph-abs', 8000, paragraph(8000)), 'markdown');
    const tex = measure(write('latex-paragraph-abs', 8000, latexParagraph(8000)), 'latex');
    // The targets are times a student waits: judged on wall time. CPU time also counts V8's compiler
    // and collector threads working beside the check (about 1 s in a fresh process).
    rows.push(['8,000 claims in one paragraph, Markdown: wall (CPU)', `${fmt(md.wall)} ms (${fmt(md.ms)} ms)`, '< 2 s', md.wall < 2000]);
    rows.push(['8,000 claims in one paragraph, LaTeX: wall (CPU)', `${fmt(tex.wall)} ms (${fmt(tex.ms)} ms)`, '< 2 s', tex.wall < 2000]);
  }
  return rows;
}

const fmt = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const mb = (kib) => `${(kib / 1024).toFixed(0)} MB`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--n');
  const j = argv.indexOf('--only');
  const rows = scaling({ n: i >= 0 ? Number(argv[i + 1]) : 2500, only: j >= 0 ? argv[j + 1].split(',') : null, log: (s) => process.stderr.write(`${s}\n`) });
  for (const [what, value, target, ok] of rows) console.log(`${what.padEnd(60)} ${value.padEnd(60)} ${target.padEnd(32)} ${ok ? '✓' : '✗'}`);
}
