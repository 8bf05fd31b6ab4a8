// Bundles the three entry points. The checker core is bundled into both the server and the CLI so
// that each starts with one file read; `vscode` is provided by the editor at run time.
import { build } from 'esbuild';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // The server checks in a worker thread started on the first check (server/src/lsp/server.ts): the
  // checker is in the worker's bundle only, never loaded by the thread that answers the editor.
  build({ ...common, entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/lsp/checkWorker.ts'], outfile: 'dist/checkWorker.js' }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
]);
