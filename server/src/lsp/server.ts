/**
 * The language server's entry point (bundled to dist/server.js). The transport comes from the
 * command line: `--node-ipc` when VS Code starts it, `--stdio` for other editors and the tests.
 *
 * Checks run in worker threads (workerRunner.ts) running dist/checkWorker.js, a bundle of its own
 * holding the checker (both document parsers and the tensor engine): this thread only speaks the
 * protocol, so it answers every other document while one takes seconds, and it neither loads nor
 * compiles the checker before answering `initialize` (a worker starts on the first check).
 */
import { join } from 'node:path';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { version } from '../../../package.json';
import { startServer } from './service';
import { WorkerRunner } from './workerRunner';
import { nodeWorkspaceFiles } from './workspaceFiles';

const connection = createConnection(ProposedFeatures.all);
startServer(connection, new WorkerRunner(join(__dirname, 'checkWorker.js')), version, { workspaceFiles: nodeWorkspaceFiles });
