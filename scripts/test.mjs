// The whole test suite, in the order a failure is cheapest to read: unit, then protocol (against the
// bundled server), then end-to-end in a real VS Code workbench (in its Node extension host, then in
// its web worker extension host).
//   node scripts/test.mjs            every layer
//   node scripts/test.mjs unit       one layer (typecheck | unit | cli | protocol | e2e)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv[2];

function find(dir, suffix) {
  const out = [];
  let entries = [];
  try { entries = readdirSync(join(root, dir)); } catch { return out; }
  for (const e of entries.sort()) {
    const p = join(dir, e);
    if (statSync(join(root, p)).isDirectory()) out.push(...find(p, suffix));
    else if (p.endsWith(suffix)) out.push(p);
  }
  return out;
}

function run(cmd, args, env) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: env ? { ...process.env, ...env } : undefined });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const layers = only ? [only] : ['typecheck', 'unit', 'cli', 'protocol', 'e2e'];
if (layers.some((l) => l !== 'unit' && l !== 'typecheck')) run('node', ['scripts/build.mjs']);
for (const layer of layers) {
  if (layer === 'typecheck') {
    console.log('\n# typecheck (tsc --noEmit, strict)');
    run('node', ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json']);
    // The web extension and server, with browser-worker types only: no Node API may creep in.
    run('node', ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.web.json']);
    continue;
  }
  if (layer === 'e2e') {
    if (process.env.DERIVCHECK_SKIP_E2E === '1') {
      console.log('\n# e2e tests skipped (DERIVCHECK_SKIP_E2E=1)');
      continue;
    }
    const harness = find('test/e2e', '.run.mjs');
    // Twice, from one package: in the Node extension host (the desktop's `main`) and in the web
    // worker extension host (the `browser` entry, as on vscode.dev), the same .vsix a user installs.
    let vsix = process.env.DERIVCHECK_E2E_VSIX;
    if (!vsix) {
      run('npm', ['run', '--silent', 'package']);
      vsix = join(root, 'dist', 'derivation-check.vsix');
    }
    for (const h of harness) {
      for (const host of ['node', 'web']) run('node', [h], { DERIVCHECK_E2E_HOST: host, DERIVCHECK_E2E_VSIX: vsix });
    }
    continue;
  }
  const files = find(`test/${layer}`, '.test.ts');
  if (files.length === 0) continue;
  console.log(`\n# ${layer} tests (${files.length} files)`);
  run('node', ['--import', 'tsx', '--test', '--test-reporter=spec', ...files]);
}
