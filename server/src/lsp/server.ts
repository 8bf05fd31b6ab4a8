/**
 * The language server's entry point (bundled to dist/server.js). The transport comes from the
 * command line: `--node-ipc` when VS Code starts it, `--stdio` for other editors and the tests.
 *
 * The checker (both document parsers and the tensor engine) is a bundle of its own,
 * dist/checker.js, loaded on the first check rather than at start: the editor waits for the answer
 * to `initialize`, and nothing before the first document needs the checker.
 */
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { version } from '../../../package.json';
import type * as CheckerModule from '../checker';
import { startServer } from './service';
import { nodeWorkspaceFiles } from './workspaceFiles';

let checker: typeof CheckerModule | undefined;
function loadChecker(): typeof CheckerModule {
  // Resolved next to dist/server.js at run time; scripts/build.mjs keeps it out of this bundle.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  checker ??= require('./checker.js') as typeof CheckerModule;
  return checker;
}

const connection = createConnection(ProposedFeatures.all);
startServer(
  connection,
  {
    newCache: () => new (loadChecker().CheckCache)(),
    check: (doc, options, cache) => loadChecker().checkDocument(doc, options, cache),
  },
  version,
  { workspaceFiles: nodeWorkspaceFiles },
);
