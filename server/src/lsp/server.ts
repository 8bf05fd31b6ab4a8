/**
 * The language server's entry point (bundled to dist/server.js). The transport comes from the
 * command line: `--node-ipc` when VS Code starts it, `--stdio` for other editors and the tests.
 */
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { version } from '../../../package.json';
import { CheckCache, checkDocument } from '../checker';
import { startServer } from './service';

const connection = createConnection(ProposedFeatures.all);
startServer(
  connection,
  {
    newCache: () => new CheckCache(),
    check: (doc, options, cache) => checkDocument(doc, options, cache),
  },
  version,
);
