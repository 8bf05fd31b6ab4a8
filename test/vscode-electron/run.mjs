// Runs the Electron suite: bundle the extension and the suite, download VS Code, start it on the
// fixture workspace with only this extension enabled. Needs network access (see README.md).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = fileURLToPath(new URL('./', import.meta.url));
const out = `${root}.vscode-test/electron-suite`;

let runTests;
try {
  ({ runTests } = await import('@vscode/test-electron'));
} catch {
  console.error('@vscode/test-electron is not installed: npm install --no-save @vscode/test-electron@2.5.2 (see test/vscode-electron/README.md)');
  process.exit(2);
}

const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (b.status !== 0) process.exit(b.status ?? 1);
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [`${here}suite/index.ts`],
  outfile: `${out}/index.js`,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
});

try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: `${out}/index.js`,
    launchArgs: [`${here}workspace`, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
