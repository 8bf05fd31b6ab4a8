// Installs everything the end-to-end tests need, offline from the npm registry and Debian's packages:
// code-server 4.100.3 (VS Code 1.100.3) and Debian's Chromium. The recipe and its pitfalls are measured
// in /work/shared/e2e/NOTES.md: code-server's own postinstall downloads from GitHub, so it is installed
// with --ignore-scripts and its postinstall steps are done here by hand, each ending in a stamp file
// once verified, so that a second run costs about a second.
//
//   node test/e2e/setup.mjs          install what is missing, print each step
//   import { setup } from './setup.mjs'; const { entry, chromium } = await setup();
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, readFileSync, symlinkSync, lstatSync, rmSync, readlinkSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE = join(ROOT, '.vscode-test');
export const CODE_SERVER_VERSION = '4.100.3';
const TOOLS = { 'node-gyp': '12.4.0', '@mapbox/node-pre-gyp': '2.0.3' };
const APT = ['libkrb5-dev', 'pkg-config', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'ripgrep', 'chromium'];
export const CHROMIUM = '/usr/bin/chromium';

const csDir = join(CACHE, 'code-server');
const pkgDir = join(csDir, 'node_modules', 'code-server');
const vscodeDir = join(pkgDir, 'lib', 'vscode');
const toolsDir = join(CACHE, 'tools');
const stampDir = join(CACHE, 'stamps');
export const ENTRY = join(pkgDir, 'out', 'node', 'entry.js');

// Native modules of VS Code's server that code-server's postinstall rebuilds, with the file that proves
// each build (a module that loads lazily would otherwise fail only when the workbench touches it).
const NATIVE = {
  'node-pty': 'build/Release/pty.node',
  '@vscode/spdlog': 'build/Release/spdlog.node',
  '@parcel/watcher': 'build/Release/watcher.node',
  'native-watchdog': 'build/Release/watchdog.node',
  kerberos: 'build/Release/kerberos.node',
  '@vscode/deviceid': 'build/Release/windows.node',
};

function log(msg) { console.log(`[e2e setup] ${msg}`); }

class StepError extends Error {}

// Output is captured, not streamed: a successful step stays one line, a failed one shows everything.
function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    ...opts,
    env: { ...process.env, ...opts.env },
  });
  if (r.error || r.status !== 0) {
    const out = [r.stdout, r.stderr].filter(Boolean).join('\n').trim();
    throw new StepError(
      `command failed (${r.error ? r.error.message : `exit ${r.status}`}): ${cmd} ${args.join(' ')}\n` +
        `  in ${opts.cwd ?? process.cwd()}\n${out.split('\n').slice(-80).join('\n')}`,
    );
  }
  return r.stdout;
}

// The stamp's content names the versions it was made for, so changing a pin redoes the step.
const stampKey = JSON.stringify({ codeServer: CODE_SERVER_VERSION, tools: TOOLS, node: process.versions.modules });

function step(name, run, verify) {
  const stamp = join(stampDir, name);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === stampKey) return;
  const t0 = Date.now();
  log(`${name} ...`);
  run();
  const problem = verify();
  if (problem) throw new StepError(`step ${name} ran but did not verify: ${problem}`);
  mkdirSync(stampDir, { recursive: true });
  writeFileSync(stamp, stampKey);
  log(`${name} done (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

function missingApt() {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Status}\n', ...APT], { encoding: 'utf8' });
  const installed = new Set(
    (r.stdout ?? '').split('\n').filter((l) => l.endsWith(' installed')).map((l) => l.split(' ')[0]),
  );
  return APT.filter((p) => !installed.has(p));
}

function aptPackages() {
  const missing = missingApt();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new StepError(
      `missing Debian packages: ${missing.join(' ')}; install them as root ` +
        `(apt-get update && apt-get install -y ${missing.join(' ')}) or set DERIVCHECK_SKIP_E2E=1`,
    );
  }
  log(`apt-get install ${missing.join(' ')} ...`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  sh('apt-get', ['update'], { env });
  sh('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
  const still = missingApt();
  if (still.length) throw new StepError(`apt-get finished but these are still missing: ${still.join(' ')}`);
}

// A link that already points where it should is left alone; anything else in the way is replaced.
function link(target, path) {
  try {
    if (lstatSync(path).isSymbolicLink() && readlinkSync(path) === target) return;
    rmSync(path, { recursive: true, force: true });
  } catch {}
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path);
}

function npmInstall(dir, args) {
  // npm would otherwise climb to the repo's package.json and install into the project.
  if (!existsSync(join(dir, 'package.json'))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  }
  sh('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', ...args], {
    cwd: dir,
    env: { npm_config_unsafe_perm: 'true' },
  });
}

const gypEnv = () => ({
  // The local headers in /usr/include/node; without this node-gyp downloads them.
  npm_config_nodedir: '/usr',
  PATH: `${join(toolsDir, 'node_modules', '.bin')}:${process.env.PATH}`,
});

function verifyEntry() {
  const r = spawnSync(process.execPath, [ENTRY, '--version'], { encoding: 'utf8', timeout: 60_000 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  return out.includes(CODE_SERVER_VERSION) && out.includes('1.100.3') ? null : `entry.js --version printed: ${out}`;
}

// Two runs in one working tree (two engineers' `npm test`) must not install into the same folder at
// once; a lock left by a killed run is taken over once its process is gone.
async function withLock(fn) {
  const lock = join(CACHE, 'setup.lock');
  mkdirSync(CACHE, { recursive: true });
  for (let waited = 0; ; waited++) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let pid = 0;
      try { pid = Number(readFileSync(join(lock, 'pid'), 'utf8')); } catch {}
      let alive = false;
      try { if (pid) { process.kill(pid, 0); alive = true; } } catch {}
      if (!alive && waited > 2) { rmSync(lock, { recursive: true, force: true }); continue; }
      if (waited === 0) log(`waiting for another setup (pid ${pid || '?'}) to finish ...`);
      if (waited > 1800) throw new StepError(`gave up waiting for ${lock}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try { return fn(); } finally { rmSync(lock, { recursive: true, force: true }); }
}

export async function setup() {
  return withLock(setupLocked);
}

function setupLocked() {
  const t0 = Date.now();
  if (Number(process.versions.node.split('.')[0]) !== 20) {
    throw new StepError(`code-server ${CODE_SERVER_VERSION} needs Node 20, this is ${process.version}`);
  }
  aptPackages();
  step(
    'build-tools',
    () => npmInstall(toolsDir, Object.entries(TOOLS).map(([n, v]) => `${n}@${v}`)),
    () => (existsSync(join(toolsDir, 'node_modules', '.bin', 'node-gyp')) && existsSync(join(toolsDir, 'node_modules', '.bin', 'node-pre-gyp')) ? null : 'node-gyp or node-pre-gyp missing'),
  );
  step(
    'code-server',
    () => npmInstall(csDir, [`code-server@${CODE_SERVER_VERSION}`]),
    () => (existsSync(ENTRY) ? null : `${ENTRY} missing`),
  );
  step(
    'vscode-deps',
    () => npmInstall(vscodeDir, ['--omit=dev']),
    () => (existsSync(join(vscodeDir, 'node_modules', 'node-pty', 'package.json')) ? null : 'lib/vscode/node_modules/node-pty missing'),
  );
  step(
    'ripgrep',
    () => link('/usr/bin/rg', join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg')),
    () => (spawnSync(join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'), ['--version']).status === 0 ? null : 'rg does not run'),
  );
  for (const [mod, proof] of Object.entries(NATIVE)) {
    const dir = join(vscodeDir, 'node_modules', mod);
    step(
      `native-${mod.replace(/[@/]/g, '_')}`,
      () => sh('node-gyp', ['rebuild', '--jobs=max'], { cwd: dir, env: gypEnv() }),
      () => (existsSync(join(dir, proof)) ? null : `${proof} not built`),
    );
  }
  step(
    'argon2',
    () => sh('node-pre-gyp', ['install', '--build-from-source'], { cwd: join(csDir, 'node_modules', 'argon2'), env: gypEnv() }),
    () => {
      const r = spawnSync(process.execPath, ['-e', 'require("argon2")'], { cwd: csDir, encoding: 'utf8' });
      return r.status === 0 ? null : `require("argon2") failed: ${r.stderr}`;
    },
  );
  step(
    'links',
    () => {
      link('node_modules', join(vscodeDir, 'node_modules.asar'));
      link('code-linux.sh', join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
      link('browser-linux.sh', join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
    },
    () => (existsSync(join(vscodeDir, 'node_modules.asar', 'node-pty')) ? null : 'node_modules.asar does not resolve'),
  );
  step(
    'builtin-extensions',
    () => npmInstall(join(vscodeDir, 'extensions'), ['--omit=dev']),
    () => (existsSync(join(vscodeDir, 'extensions', 'node_modules')) ? null : 'lib/vscode/extensions/node_modules missing'),
  );
  step('verify', () => {}, verifyEntry);
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: code-server ${CODE_SERVER_VERSION}, ${CHROMIUM}`);
  return { entry: ENTRY, chromium: CHROMIUM };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await setup();
  } catch (e) {
    console.error(`[e2e setup] FAILED: ${e instanceof StepError ? e.message : e.stack}`);
    process.exit(1);
  }
}
