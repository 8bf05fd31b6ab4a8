// Bundles the entry points. The checker core is bundled into both the server and the CLI so
// that each starts with one file read; `vscode` is provided by the editor at run time.
// dist/web/ holds the web extension (package.json `browser`): its client and its server, for browsers.
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

// Browser builds run in Workers: without the `worker` condition, decode-named-character-reference
// (Markdown's parser) picks its DOM build and throws `document is not defined`.
const web = {
  bundle: true,
  platform: 'browser',
  conditions: ['worker'],
  target: 'es2022',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // The server checks in worker threads (server/src/lsp/workerRunner.ts): the checker is in the
  // workers' bundle only, so the server's own is small and answers `initialize` before loading it.
  build({ ...common, entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/lsp/checkWorker.ts'], outfile: 'dist/checkWorker.js' }),
  build({ ...common, entryPoints: ['client/src/node.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  // A classic worker script, not a module: VS Code's Worker wrapper loads it with importScripts.
  build({ ...web, format: 'iife', entryPoints: ['server/src/lsp/webWorker.ts'], outfile: 'dist/web/server.js' }),
  // CommonJS, as the web extension host loads extensions; it holds the server too, for hosts that
  // start no Worker (client/src/serverHost.ts).
  build({ ...web, format: 'cjs', entryPoints: ['client/src/web.ts'], outfile: 'dist/web/extension.js', external: ['vscode'] }),
]);
