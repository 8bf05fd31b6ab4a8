/**
 * The web language server's entry point (bundled to dist/web/server.js, a classic worker script:
 * VS Code's Worker wrapper loads it with `importScripts`). It serves the Worker's own global scope;
 * the Node entry (server.ts) differs only in its transport and in loading the checker lazily.
 * The client ends the Worker when it stops the server.
 */
import { startBrowserServer, type ServerPort } from './browser';

// In a dedicated Worker, globalThis is the worker's scope: postMessage to, and messages from, the
// code that started it. (Typed through ServerPort so this file needs no DOM or WebWorker library.)
startBrowserServer(globalThis as unknown as ServerPort);
