// Seeded generator of realistic benchmark documents, written under bench/out/ (gitignored):
//   bench/out/hw100.md          a 100-page homework: ~10,000 lines, 1,000+ claims of every kind
//   bench/out/class/NNN-*.md    a class of 300 submissions: examples/hw3.md with random realistic mistakes
// Usage: node bench/generate.mjs [--seed N] [--claims N] [--class N]
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}bench/out`;

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** mulberry32 */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROSE = [
  'We follow the notation of the lecture: inputs are channels first, and every layer keeps the batch dimension implicit.',
  'Recall that a convolution slides the kernel over the input and takes a dot product at every position it visits.',
  'The receptive field grows with every layer, which is why deeper networks can recognise larger structures.',
  'Padding keeps the border pixels in play; without it the map shrinks by the kernel size minus one on each side.',
  'A stride larger than one skips positions, and the division in the output formula is then floored.',
  'The gradient of a sum of products with respect to one factor is the other factor, entry by entry.',
  'Backpropagation applies the chain rule from the loss back to every parameter, reusing the intermediate results.',
  'In the recurrent case the same weights are used at every time step, so their gradients add up over time.',
  'Note that the softmax output sums to one along the class dimension, whatever the logits are.',
  'This matches the shapes PyTorch reports for the same layer, which we verified in the notebook.',
  'The bias adds one parameter per output channel; without it the count is the product of the kernel dimensions.',
  'Pooling has no parameters, and its default stride is the kernel size, so the windows do not overlap.',
];

function pick(r, xs) {
  return xs[Math.floor(r() * xs.length)];
}
function int(r, lo, hi) {
  return lo + Math.floor(r() * (hi - lo + 1));
}
function paragraph(r, lines) {
  const out = [];
  for (let i = 0; i < lines; i++) out.push(pick(r, PROSE));
  return out.join('\n');
}

const convOut = (L, k, s, p, d = 1) => Math.floor((L + 2 * p - d * (k - 1) - 1) / s) + 1;

/** One section: a heading, prose, one kind of claim with the text it binds to. Returns [text, claims]. */
const SECTIONS = [
  // layer shorthand bound to the text after it
  (r, i, wrong) => {
    const H = int(r, 8, 64), W = int(r, 8, 64), k = pick(r, [1, 3, 5, 7]), s = int(r, 1, 3), p = int(r, 0, 2);
    let ho = convOut(H, k, s, p), wo = convOut(W, k, s, p);
    if (wrong) ho += 1;
    return [`Consider a convolution over a ${H}×${W} input with a ${k}×${k} kernel, stride ${s} and padding ${p}.\n\n<!-- check: conv out ${H}x${W} k${k} s${s} p${p} -->\nTherefore the output dimension will be ${ho}×${wo}.`, 1];
  },
  // layer shorthand with channels and an explicit claim
  (r, i, wrong) => {
    const C = pick(r, [3, 16, 32, 64]), F = pick(r, [16, 32, 64, 128]), L = pick(r, [28, 32, 64, 128]), k = pick(r, [3, 5]), s = pick(r, [1, 2]);
    const p = Math.floor(k / 2);
    const o = convOut(L, k, s, p) + (wrong ? 1 : 0);
    return [`The ${i}th block maps ${C} channels to ${F}.\n\n<!-- check: conv2d out ${C}x${L}x${L} k${k} s${s} p${p} f=${F} = ${F}x${o}x${o} -->\nThe shapes are listed in the table of the appendix.`, 1];
  },
  // pooling and transposed conv, bound backward on the same line
  (r, i, wrong) => {
    const L = int(r, 4, 40), k = pick(r, [2, 3]);
    const o = Math.floor((L - k) / k) + 1 + (wrong ? 1 : 0);
    const T = int(r, 2, 16);
    const t = (T - 1) * 2 - 2 + 3 + 1;
    return [`Max pooling leaves ${o}×${o} <!-- check: pool out ${L}x${L} k${k} -->, and the transposed conv gives ${t}×${t} <!-- check: convT out ${T}x${T} k4 s2 p1 -->.`, 2];
  },
  // parameter counts
  (r, i, wrong) => {
    const c = pick(r, [1, 3, 16, 64]), f = pick(r, [8, 32, 96, 128]), k = pick(r, [3, 5, 11]);
    const n = c * f * k * k + f + (wrong ? 1 : 0);
    return [`<!-- check: params conv2d k${k} c=${c} f=${f} -->\nThis layer has ${n} learnable parameters.`, 1];
  },
  // values: a let and a matrix product claimed with its value
  (r, i, wrong) => {
    const a = [int(r, -3, 3), int(r, -3, 3), int(r, -3, 3), int(r, -3, 3)];
    const [p, q, s, t] = a;
    const prod = [[p * p + q * s, p * q + q * t], [s * p + t * s, s * q + t * t]];
    if (wrong) prod[1][1] += 1;
    return [`<!-- check: let A${i} = [[${p},${q}],[${s},${t}]]; A${i} @ A${i} = ${JSON.stringify(prod)} -->\nSquaring the matrix gives the product above.`, 1];
  },
  // gradients: a value and an identity
  (r, i, wrong) => {
    const x = [int(r, -4, 4), int(r, -4, 4), int(r, -4, 4)];
    const g = x.map((v) => 2 * v);
    if (wrong) g[0] += 1;
    return [`<!-- check: let x${i} = ${JSON.stringify(x)} -->\n<!-- check: grad(sum(x${i} * x${i}), x${i}) -->\nThe gradient is ${JSON.stringify(g)}.\n\n<!-- check: grad(sum(tanh(x${i})), x${i}) == 1 - tanh(x${i}) ** 2 -->\nwhich is the derivative of tanh.`, 2];
  },
  // symbolic shapes
  (r, i, wrong) => {
    const out = wrong ? 'n' : 'm';
    return [`<!-- check: let W${i} : m x n; let v${i} : n; let U${i} : n x k -->\n<!-- check: W${i} @ v${i} : ${out}; W${i} @ U${i} : m x k; relu(W${i} @ v${i}) : m -->\nBoth products have the shapes the dimensions suggest.`, 3];
  },
  // math chains
  (r, i, wrong) => {
    const K = pick(r, [3, 5]), S = pick(r, [1, 2]), P = int(r, 0, 2);
    let W = int(r, 10, 60);
    while ((W - K + 2 * P) % S !== 0) W++;
    const v = (W - K + 2 * P) / S + 1 + (wrong ? 1 : 0);
    return [`<!-- check: math W=${W} K=${K} P=${P} S=${S} -->\n$$W_{out,${i}} = \\frac{W - K + 2P}{S} + 1 = \\frac{${W} - ${K} + ${2 * P}}{${S}} + 1 = ${v}$$`, 1];
  },
  // claims bound to text: a tensor-valued claim meets a shape literal
  (r, i, wrong) => {
    const L = int(r, 5, 12);
    const x = [Array.from({ length: L }, () => int(r, -2, 2)), Array.from({ length: L }, () => int(r, -2, 2))];
    const o = L - 2 + (wrong ? 1 : 0);
    return [`<!-- check: let xs${i} = ${JSON.stringify(x)}; let ws${i} = [[[1,0,-1],[2,1,0]]] -->\n<!-- check: conv1d(xs${i}, ws${i}) -->\nThe output lies in $\\mathbb{R}^{1 \\times ${o}}$, one row per filter.\n\n<!-- check: sigmoid(0) -->\nwhich is 0.5 at the origin.`, 2];
  },
];

export function homework(seed = 1, claimsWanted = 1000, linesWanted = 10_000) {
  const r = rng(seed);
  const parts = ['# Homework 7: convolutional and recurrent networks', '', paragraph(r, 3), ''];
  let claims = 0;
  let i = 0;
  const sections = [];
  while (claims < claimsWanted) {
    const wrong = r() < 0.05;
    const [text, n] = SECTIONS[i % SECTIONS.length](r, i, wrong);
    sections.push({ text, wrong });
    claims += n;
    i++;
  }
  // Prose between sections to reach the page count: 100 pages of about 100 lines.
  const claimLines = sections.reduce((n, s) => n + s.text.split('\n').length + 4, 0);
  const fillPerSection = Math.max(1, Math.round((linesWanted - claimLines) / sections.length / 2));
  sections.forEach((s, k) => {
    parts.push(`## Problem ${k + 1}`, '', paragraph(r, fillPerSection), '', s.text, '', paragraph(r, Math.max(1, fillPerSection - 1)), '');
  });
  return { text: `${parts.join('\n')}\n`, claims, wrongs: sections.filter((s) => s.wrong).length };
}

/** Realistic mistakes in the example homework: a wrong shape, a wrong number, a swapped dim, or a fix. */
const MISTAKES = [
  ['the output dimension will be 4×5', 'the output dimension will be 5×4'],
  ['= \\frac{10 - 3}{2} + 1 = 4.5$$', '= \\frac{10 - 3}{2} + 1 = 5.5$$'],
  ['= \\frac{11 - 3}{2} + 1 = 5$$', '= \\frac{11 - 3}{2} + 1 = 6$$'],
  ['$$f_w(x) \\in \\mathbb{R}^{1 \\times 2}$$', '$$f_w(x) \\in \\mathbb{R}^{2 \\times 1}$$'],
  ['$$f_w(x) \\in \\mathbb{R}^{1 \\times 2}$$', '$$f_w(x) \\in \\mathbb{R}^{1 \\times 3}$$'],
  ['[[[-2,-2,-2],[2,2,2]]]', '[[[-2,-2,-2],[2,2,3]]]'],
  ['[[[-2,-2,-2],[2,2,2]]]', '[[[2,2,2],[-2,-2,-2]]]'],
  ['is $1 \\times 2 \\times 3$, where', 'is $2 \\times 1 \\times 3$, where'],
  ['is $1 \\times 2 \\times 3$, where', 'is $1 \\times 2 \\times 1 \\times 2 \\times 3$, where'],
  ['The dimension is $2 \\times 2 \\times 5$', 'The dimension is $1 \\times 2 \\times 2 \\times 5$'],
  ['is 2×2 . The dimension', 'is 1×2 . The dimension'],
  ['is 2×3 , where', 'is 1×2×3 , where'],
  ['grad(f[0, 1], x)[1] : 5', 'grad(f[0, 1], x)[1] : 4'],
  ['W \\in \\mathbb{R}^{1\\times 3}', 'W \\in \\mathbb{R}^{1\\times 2\\times 3}'],
  ['$W_{output}=4$', '$W_{output}=5$'],
  ['conv out 10x11 k3 s2 -->\nTherefore', 'conv out 10x11 k3 s2 p1 -->\nTherefore'],
];

export function classroom(seed = 2, n = 300) {
  const hw3 = readFileSync(`${root}examples/hw3.md`, 'utf8');
  const r = rng(seed);
  const subs = [];
  for (let k = 0; k < n; k++) {
    let text = hw3;
    const count = int(r, 0, 4);
    for (let m = 0; m < count; m++) {
      const [from, to] = pick(r, MISTAKES);
      text = text.replace(from, to);
    }
    // Some students write more: a note with one more claim of their own.
    if (r() < 0.3) text += `\n<!-- check: conv out ${int(r, 8, 40)}x${int(r, 8, 40)} k3 s${int(r, 1, 2)} -->\nA note: the map is ${int(r, 3, 38)}×${int(r, 3, 38)}.\n`;
    subs.push({ name: `${String(k + 1).padStart(3, '0')}-student.md`, text });
  }
  return subs;
}

export function generate({ seed = 1, claims = 1000, students = 300 } = {}) {
  mkdirSync(outDir, { recursive: true });
  const hw = homework(seed, claims);
  writeFileSync(`${outDir}/hw100.md`, hw.text);
  rmSync(`${outDir}/class`, { recursive: true, force: true });
  mkdirSync(`${outDir}/class`, { recursive: true });
  for (const s of classroom(seed + 1, students)) writeFileSync(`${outDir}/class/${s.name}`, s.text);
  return { hw100: `${outDir}/hw100.md`, lines: hw.text.split('\n').length, claims: hw.claims, wrongs: hw.wrongs, classDir: `${outDir}/class`, students };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const info = generate({ seed: arg('seed', 1), claims: arg('claims', 1000), students: arg('class', 300) });
  console.log(`wrote ${info.hw100} (${info.lines} lines, ${info.claims} claims, ${info.wrongs} deliberate mistakes) and ${info.students} submissions in ${info.classDir}`);
}
