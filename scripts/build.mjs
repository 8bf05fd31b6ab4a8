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
  // The server loads the checker on first use (see server/src/lsp/server.ts), so it is a bundle of its own.
  build({ ...common, entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server.js', external: ['./checker.js'] }),
  build({ ...common, entryPoints: ['server/src/checker/index.ts'], outfile: 'dist/checker.js' }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
]);
