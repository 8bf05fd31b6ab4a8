// Safety: the shipped bundles evaluate no code from strings and open no network or process doors the
// product does not need, and checking a document reads no file but the one it was given, whatever the
// document names (`/etc/passwd`, `\input{...}`, links, images).
//
// The bundles are built here, into a temporary folder, with the options of scripts/build.mjs, so the
// test does not depend on (or race with) whatever dist/ holds; the CLI is then run under strace.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { checkDocument } from '../../server/src/checker';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = fs.mkdtempSync(join(tmpdir(), 'derivcheck-safety-'));

const FORBIDDEN: { name: string; re: RegExp }[] = [
  { name: 'eval(', re: /(?<![.\w$])eval\s*\(/ },
  { name: 'new Function', re: /new\s+Function\s*\(/ },
  { name: 'vm', re: /require\(["'](?:node:)?vm["']\)|from ["'](?:node:)?vm["']/ },
  { name: 'child_process', re: /child_process/ },
  { name: 'http/https/net', re: /require\(["'](?:node:)?(?:http|https|http2|net|tls|dgram)["']\)/ },
  { name: 'worker_threads', re: /require\(["'](?:node:)?worker_threads["']\)/ },
  // What a browser bundle would reach the network or load code with.
  { name: 'fetch/XHR/WebSocket/importScripts', re: /(?<![.\w$])fetch\s*\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts\s*\(/ },
];

/**
 * What each bundle may contain, by the bundled module it comes from (esbuild's `// path` comments).
 * client: vscode-languageclient starts the server (child_process; net for pipe/socket transports).
 * server: vscode-jsonrpc's node entry holds the pipe and socket transports (`net`) next to stdio and
 * IPC; the server is started with --stdio or --node-ipc and never opens a socket, but the module is
 * one file and comes whole.
 */
const ALLOWED: Record<string, Record<string, string[]>> = {
  'client.js': {
    'node_modules/vscode-languageclient/lib/node/processes.js': ['child_process'],
    'node_modules/vscode-languageclient/lib/node/main.js': ['child_process', 'http/https/net'],
    'node_modules/vscode-jsonrpc/lib/node/main.js': ['http/https/net', 'child_process'],
  },
  'server.js': {
    'node_modules/vscode-jsonrpc/lib/node/main.js': ['http/https/net'],
    // Files.resolve / resolveGlobalNodePath helpers, re-exported by vscode-languageserver/node and
    // never called by our server (the runtime test below sees no process started).
    'node_modules/vscode-languageserver/lib/node/files.js': ['child_process'],
    // Checks run in worker threads that run dist/checkWorker.js, our bundle, never the document's.
    'server/src/lsp/workerRunner.ts': ['worker_threads'],
  },
  // The CLI checks many files in worker threads that run this same bundle: our code, never the document's.
  'cli.js': { 'server/src/cli/pool.ts': ['worker_threads'] },
  'checkWorker.js': { 'server/src/lsp/checkWorker.ts': ['worker_threads'] },
  // The web bundles run in browser workers: no Node module, no exception needed.
  'web-server.js': {},
  'web-extension.js': {},
};

interface Finding {
  module: string;
  pattern: string;
  line: string;
}

function scan(bundle: string): Finding[] {
  const findings: Finding[] = [];
  let module = '(bundle prologue)';
  for (const line of bundle.split('\n')) {
    // Indented in an IIFE bundle (dist/web/server.js).
    const m = /^\s*\/\/ ((?:node_modules|server|client)\/\S+)$/.exec(line);
    if (m) {
      module = m[1];
      continue;
    }
    // A method named `eval` (the engine's evaluator) is a definition, not a call of the global.
    const methodDefinition = /^\s*(?:async\s+)?eval\s*\([\w\s,:]*\)\s*(?::[^{]*)?\{\s*$/.test(line);
    for (const f of FORBIDDEN) if (f.re.test(line) && !(f.name === 'eval(' && methodDefinition)) findings.push({ module, pattern: f.name, line: line.trim().slice(0, 160) });
  }
  return findings;
}

describe('safety', { timeout: 120_000 }, () => {
  before(async () => {
    const common = { bundle: true, platform: 'node' as const, format: 'cjs' as const, target: 'node20', logLevel: 'silent' as const, absWorkingDir: root };
    const web = { bundle: true, platform: 'browser' as const, conditions: ['worker'], target: 'es2022', logLevel: 'silent' as const, absWorkingDir: root };
    await Promise.all([
      build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: join(out, 'cli.js'), banner: { js: '#!/usr/bin/env node' } }),
      // As scripts/build.mjs: the server checks in worker threads that run the checker's bundle.
      build({ ...common, entryPoints: ['server/src/lsp/server.ts'], outfile: join(out, 'server.js') }),
      build({ ...common, entryPoints: ['server/src/lsp/checkWorker.ts'], outfile: join(out, 'checkWorker.js') }),
      build({ ...common, entryPoints: ['client/src/node.ts'], outfile: join(out, 'client.js'), external: ['vscode'] }),
      // The web extension's bundles, as scripts/build.mjs builds dist/web/.
      build({ ...web, format: 'iife', entryPoints: ['server/src/lsp/webWorker.ts'], outfile: join(out, 'web-server.js') }),
      build({ ...web, format: 'cjs', entryPoints: ['client/src/web.ts'], outfile: join(out, 'web-extension.js'), external: ['vscode'] }),
    ]);
  });
  after(() => fs.rmSync(out, { recursive: true, force: true }));

  for (const name of ['cli.js', 'server.js', 'checkWorker.js', 'client.js', 'web-server.js', 'web-extension.js']) {
    it(`${name}: no eval, new Function, vm, child_process or network module outside the allowed library modules`, () => {
      const findings = scan(fs.readFileSync(join(out, name), 'utf8'));
      const allowed = ALLOWED[name];
      const unexpected = findings.filter((f) => !(allowed[f.module] ?? []).includes(f.pattern));
      assert.deepEqual(unexpected, [], `unexpected in ${name}:\n${unexpected.map((f) => `${f.module}: ${f.pattern}: ${f.line}`).join('\n')}`);
      const ours = findings.filter((f) => (f.module.startsWith('server/') || f.module.startsWith('client/')) && !(allowed[f.module] ?? []).includes(f.pattern));
      assert.deepEqual(ours, [], 'none of it in our own code');
    });
  }

  it('the client bundle starts the server only as a node module (no shell, no other command)', () => {
    const client = fs.readFileSync(join(root, 'client/src/node.ts'), 'utf8');
    assert.doesNotMatch(client, /child_process|\bexec\(|shell\s*:\s*true/);
    assert.match(client, /TransportKind\.ipc|module\s*:/, 'the server is given to vscode-languageclient as a module');
  });

  const hostileDoc = [
    '# Reads nothing',
    '<!-- check: let p = "/etc/passwd"; load("/etc/passwd") : 2x2 -->',
    '<!-- check: conv out 10 k3 -->',
    'See ![](/etc/passwd) and [link](file:///etc/shadow), \\input{/etc/passwd}, ../secret.md; gives 8.',
    '<!-- check: math -->',
    '$$\\input{/etc/passwd} = 1$$',
    '<!-- check: open("/etc/passwd") -->',
    '',
  ].join('\n');
  const hostileTex = '\\documentclass{article}\n\\input{/etc/passwd}\n\\include{../secret}\n% check: conv out 10 k3\nGives $8$. \\includegraphics{/etc/passwd}\n% check: load("/etc/passwd")\n';

  it('checkDocument touches the file system not at all (fs spied in-process)', () => {
    const calls: string[] = [];
    // The CommonJS module object is writable; syncBuiltinESMExports carries the wrappers to ESM imports.
    const cjsFs = createRequire(import.meta.url)('node:fs') as typeof fs;
    const mod = cjsFs as unknown as Record<string, unknown>;
    const names = ['readFileSync', 'readFile', 'openSync', 'open', 'readdirSync', 'readdir', 'statSync', 'stat', 'lstatSync', 'existsSync', 'accessSync', 'createReadStream', 'realpathSync', 'readlinkSync', 'opendirSync'];
    const saved = new Map<string, unknown>();
    for (const n of names) {
      const orig = mod[n];
      if (typeof orig !== 'function') continue;
      saved.set(n, orig);
      mod[n] = function (this: unknown, ...args: unknown[]) {
        calls.push(`${n}(${String(args[0])})`);
        return (orig as (...a: unknown[]) => unknown).apply(this, args);
      };
    }
    const promises = cjsFs.promises as unknown as Record<string, unknown>;
    const savedP = new Map<string, unknown>();
    for (const n of ['readFile', 'open', 'readdir', 'stat']) {
      const orig = promises[n];
      savedP.set(n, orig);
      promises[n] = (...args: unknown[]) => {
        calls.push(`promises.${n}(${String(args[0])})`);
        return (orig as (...a: unknown[]) => unknown)(...args);
      };
    }
    syncBuiltinESMExports();
    try {
      checkDocument({ name: '/tmp/hw.md', kind: 'markdown', text: hostileDoc });
      checkDocument({ name: '/tmp/hw.tex', kind: 'latex', text: hostileTex });
    } finally {
      for (const [n, f] of saved) mod[n] = f;
      for (const [n, f] of savedP) promises[n] = f;
      syncBuiltinESMExports();
    }
    assert.deepEqual(calls, []);
  });

  const hasStrace = spawnSync('strace', ['-V']).status === 0;
  it('the CLI bundle opens no file outside the folder of the documents it was given (strace)', { skip: !hasStrace && 'strace not available' }, () => {
    const dir = fs.mkdtempSync(join(tmpdir(), 'derivcheck-reads-'));
    const md = join(dir, 'hw.md');
    const tex = join(dir, 'hw.tex');
    fs.writeFileSync(md, hostileDoc);
    fs.writeFileSync(tex, hostileTex);
    const opened = (args: string[]) => {
      const log = join(dir, `trace-${args.length}.txt`);
      const r = spawnSync('strace', ['-f', '-qq', '-e', 'trace=open,openat,openat2', '-o', log, process.execPath, ...args], { encoding: 'utf8' });
      assert.ok(r.status !== null, r.stderr);
      const paths = new Set<string>();
      for (const line of fs.readFileSync(log, 'utf8').split('\n')) {
        const m = /open(?:at2?)?\((?:AT_FDCWD, )?"([^"]*)"/.exec(line);
        if (m && !/= -1 /.test(line)) paths.add(m[1]);
      }
      return { paths, r };
    };
    const baseline = opened(['-e', '0']).paths;
    const { paths, r } = opened([join(out, 'cli.js'), '--format', 'json', md, tex]);
    assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
    const extra = [...paths].filter((p) => !baseline.has(p) && !p.startsWith('/proc/') && !p.startsWith('/sys/') && !p.startsWith('/dev/'));
    // A LaTeX file may read its includes and search its folder for the root that includes it (issue 10):
    // never anything outside the folder of the documents it was given.
    const outside = extra.filter((p) => p !== join(out, 'cli.js') && p !== dir && !p.startsWith(`${dir}/`));
    assert.deepEqual(outside, [], 'the bundle and the documents\' folder, nothing else');
    for (const p of [join(out, 'cli.js'), md, tex]) assert.ok(extra.includes(p), `${p} was read`);
    assert.ok(![...paths].some((p) => p.includes('passwd') || p.includes('shadow') || p.includes('secret')));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the server bundle, driven over stdio with hostile documents, starts no process, opens no socket and reads no file (strace)', { skip: !hasStrace && 'strace not available' }, async () => {
    const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = await import('vscode-languageserver-protocol/node');
    const { spawn } = await import('node:child_process');
    const dir = fs.mkdtempSync(join(tmpdir(), 'derivcheck-server-trace-'));
    const log = join(dir, 'trace.txt');
    const proc = spawn('strace', ['-f', '-qq', '-e', 'trace=execve,connect,bind,open,openat', '-o', log, process.execPath, join(out, 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    proc.stderr!.on('data', () => {});
    const exited = new Promise((res) => proc.once('exit', res));
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const got = new Map<string, () => void>();
    const published = (uri: string) => new Promise<void>((res) => got.set(uri, res));
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => got.get(p.uri)?.());
    conn.listen();
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
    await conn.sendNotification('initialized', {});
    const md = published('file:///tmp/hw.md');
    const tex = published('file:///tmp/hw.tex');
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///tmp/hw.md', languageId: 'markdown', version: 1, text: hostileDoc } });
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///tmp/hw.tex', languageId: 'latex', version: 1, text: hostileTex } });
    await Promise.all([md, tex]);
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    await exited;
    conn.dispose();
    const lines = fs.readFileSync(log, 'utf8').split('\n');
    const execs = lines.filter((l) => /execve\(/.test(l) && !/= -1 /.test(l));
    assert.equal(execs.length, 1, `only node itself is executed:\n${execs.join('\n')}`);
    const sockets = lines.filter((l) => /\b(connect|bind)\(/.test(l));
    assert.deepEqual(sockets, [], 'no socket connected or bound');
    const opened = lines.map((l) => /open(?:at)?\((?:AT_FDCWD, )?"([^"]*)"/.exec(l)?.[1]).filter((p): p is string => !!p);
    assert.ok(!opened.some((p) => /passwd|shadow|secret/.test(p)), opened.join('\n'));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
