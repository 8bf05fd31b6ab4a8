// The grading formats (spec section 8a) on the bundled CLI: SARIF valid by Microsoft's validator with
// fingerprints that survive edits elsewhere; JUnit read by a strict XML parser with the JSON's counts;
// GitHub commands escaped and within GitHub's limits; Gradescope's results.json; the text and JSON
// per-file summaries; --version and --help.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const fixtures = join(import.meta.dirname, 'fixtures');

function run(args: string[], cwd = fixtures) {
  const r = spawnSync('node', [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-fmt-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

// ------------------------------------------------------------------------------------------ SARIF

/** Microsoft's validator from the devDependency; a reason to skip when this machine cannot run it. */
function validator(): string | { skip: string } {
  const bin = join(root, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'Sarif.Multitool');
  if (process.platform !== 'linux' || process.arch !== 'x64') return { skip: `the SARIF validator is installed here for linux-x64 only (this is ${process.platform}-${process.arch})` };
  if (!existsSync(bin)) return { skip: `the SARIF validator is not installed (${bin}); run npm ci` };
  try {
    accessSync(bin, constants.X_OK);
  } catch {
    // npm may not have run its postinstall (which only sets this bit); node_modules is not tracked.
    chmodSync(bin, statSync(bin).mode | 0o100);
  }
  const probe = spawnSync(bin, ['--version'], { encoding: 'utf8', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
  if (probe.status !== 0) return { skip: `the SARIF validator does not run on this machine: ${probe.error?.message ?? probe.stderr.slice(0, 200)}` };
  return bin;
}

const sarifTool = validator();

function validate(bin: string, sarif: string): { errors: string[]; warnings: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-sarif-'));
  writeFileSync(join(dir, 'in.sarif'), sarif);
  const r = spawnSync(bin, ['validate', join(dir, 'in.sarif'), '-o', join(dir, 'out.sarif')], { encoding: 'utf8', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
  assert.ok(existsSync(join(dir, 'out.sarif')), `validator produced nothing: ${r.stdout}${r.stderr}`);
  const out = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'));
  const results: { level?: string; ruleId: string; message: { text?: string; arguments?: string[] } }[] = out.runs[0].results ?? [];
  const text = (x: (typeof results)[number]) => `${x.ruleId}: ${x.message.text ?? (x.message.arguments ?? []).join(' ')}`;
  return { errors: results.filter((x) => x.level === 'error').map(text), warnings: results.filter((x) => x.level !== 'error').map(text) };
}

test('SARIF of the example class and of examples/ passes Microsoft\'s validator', { skip: typeof sarifTool === 'string' ? false : sarifTool.skip, timeout: 120_000 }, () => {
  const bin = sarifTool as string;
  for (const [args, cwd] of [[['--format', 'sarif', 'class'], fixtures], [['--format', 'sarif', 'examples'], root]] as const) {
    const r = run([...args], cwd);
    assert.equal(r.code, 1, r.stderr);
    const v = validate(bin, r.stdout);
    assert.deepEqual(v.errors, [], `${args.join(' ')}: validator errors`);
    // The one piece of advice left: no informationUri, since the project has no public page yet.
    assert.ok(v.warnings.every((w) => /SARIF2005/.test(w)), v.warnings.join('\n'));
  }
  // With an entry not checked (a tool notification) and names that need escaping in a URI.
  const dir = workspace({ 'ü b#1,%.md': '<!-- check: conv out 10x11 k3 s2 -->\nIt is 5×4.\n' });
  assert.equal(spawnSync('mkfifo', [join(dir, 'fifo.md')]).status, 0);
  const r = run(['--format', 'sarif', '.'], dir);
  assert.equal(r.code, 2);
  const log = JSON.parse(r.stdout);
  assert.equal(log.runs[0].invocations[0].executionSuccessful, false);
  assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, '%C3%BC%20b%231%2C%25.md');
  assert.deepEqual(validate(bin, r.stdout).errors, []);
});

test('SARIF: a rule per result code with help, results at the claimed value, levels by status', () => {
  const log = JSON.parse(run(['--format', 'sarif', 'class']).stdout);
  const run0 = log.runs[0];
  assert.equal(log.version, '2.1.0');
  assert.equal(run0.tool.driver.name, 'derivcheck');
  assert.equal(run0.tool.driver.version, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  const rules = run0.tool.driver.rules as { id: string; help: { text: string } }[];
  for (const id of ['mismatch', 'shape-mismatch', 'syntax', 'unknown-name', 'unbound']) assert.ok(rules.find((r) => r.id === id)?.help.text, id);
  const json = JSON.parse(run(['--format', 'json', 'class']).stdout);
  assert.equal(run0.results.length, json.summary.fail + json.summary.error + json.summary.unbound);
  for (const res of run0.results) assert.equal(rules[res.ruleIndex].id, res.ruleId);
  // bob.md line 4: "The output dimension will be 5×4." — the region is exactly "5×4".
  const bob = run0.results.find((x: { ruleId: string }) => x.ruleId === 'shape-mismatch');
  const region = bob.locations[0].physicalLocation.region;
  const line = readFileSync(join(fixtures, 'class', 'bob.md'), 'utf8').split('\n')[region.startLine - 1];
  assert.equal(line.slice(region.startColumn - 1, region.endColumn - 1), '5×4');
  assert.equal(bob.level, 'error');
  assert.equal(run0.results.find((x: { ruleId: string }) => x.ruleId === 'unbound').level, 'note');
  // A path with a comma is a URI with an escape.
  assert.ok(run0.results.some((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri === 'class/erin%2C%20jr.md'));
});

test('SARIF partialFingerprints stay the same when lines are added elsewhere, and differ between claims', () => {
  const doc = (before: string, between: string) => `${before}<!-- check: conv out 10x11 k3 s2 -->\nIt is 5×4.\n\n${between}<!-- check: tanh(0.3) = 0.5 -->\n<!-- check: conv out 10x11 k3 s2 -->\nAgain 4×4.\n`;
  const prints = (text: string) => {
    const dir = workspace({ 'hw.md': text });
    const res = JSON.parse(run(['--format', 'sarif', 'hw.md'], dir).stdout).runs[0].results as { partialFingerprints: Record<string, string>; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
    return { fp: res.map((r) => r.partialFingerprints.primaryLocationLineHash), lines: res.map((r) => r.locations[0].physicalLocation.region.startLine) };
  };
  const a = prints(doc('', ''));
  const b = prints(doc('# A title\n\nSome new prose.\n\n', 'More prose\nover two lines.\n\n'));
  assert.equal(a.fp.length, 3);
  assert.notDeepEqual(a.lines, b.lines, 'the lines did move');
  assert.deepEqual(b.fp, a.fp);
  assert.equal(new Set(a.fp).size, 3, 'the same statement twice still gives two fingerprints');
});

// ------------------------------------------------------------------------------------------ JUnit

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** A strict XML 1.0 parse (saxes rejects anything not well-formed, forbidden characters included). */
function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser();
  const stack: XmlElement[] = [];
  let rootEl: XmlElement | undefined;
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (t) => {
    const el: XmlElement = { name: t.name, attributes: t.attributes as Record<string, string>, children: [], text: '' };
    if (stack.length) stack[stack.length - 1].children.push(el);
    else rootEl = el;
    stack.push(el);
  });
  parser.on('text', (t) => {
    if (stack.length) stack[stack.length - 1].text += t;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  assert.ok(rootEl, 'a root element');
  return rootEl;
}

test('JUnit is well-formed XML whose counts equal the JSON summary, per file and in total', () => {
  for (const [args, cwd] of [[['class'], fixtures], [['examples'], root]] as const) {
    const xml = parseXml(run(['--format', 'junit', ...args], cwd).stdout);
    const json = JSON.parse(run(['--format', 'json', ...args], cwd).stdout);
    assert.equal(xml.name, 'testsuites');
    const num = (el: XmlElement, a: string) => Number(el.attributes[a]);
    assert.deepEqual(
      { tests: num(xml, 'tests'), failures: num(xml, 'failures'), errors: num(xml, 'errors'), skipped: num(xml, 'skipped') },
      { tests: json.summary.claims, failures: json.summary.fail, errors: json.summary.error, skipped: json.summary.unbound },
    );
    assert.equal(xml.children.length, json.files.length);
    xml.children.forEach((suite, i) => {
      const f = json.files[i];
      assert.equal(suite.attributes.name, f.path);
      assert.equal(num(suite, 'tests'), f.summary.claims);
      assert.equal(suite.children.length, f.claims.length);
      const tagOf = (c: XmlElement) => c.children[0]?.name ?? 'pass';
      assert.deepEqual(suite.children.map(tagOf), f.claims.map((c: { status: string }) => ({ pass: 'pass', fail: 'failure', error: 'error', unbound: 'skipped' })[c.status]));
    });
  }
});

test('JUnit survives hostile text: markup, quotes and forbidden control characters in claims and names', () => {
  const dir = workspace({ 'a<&>"\'.md': '<!-- check: nosuch<name> & "x" \u0001\u0008 + 1 -->\n<!-- check: tanh(0.3) = 0.5 -->\n' });
  const r = run(['--format', 'junit', '.'], dir);
  const xml = parseXml(r.stdout);
  const suite = xml.children[0];
  assert.equal(suite.attributes.name, 'a<&>"\'.md');
  assert.match(suite.children[0].attributes.name, /nosuch<name> & "x"/);
  assert.equal(suite.children[1].children[0].name, 'failure');
});

// ------------------------------------------------------------------------------------------ GitHub

test('GitHub: ::error per fail/error and ::notice per unbound, with properties escaped', () => {
  const lines = run(['--format', 'github', 'class']).stdout.trimEnd().split('\n');
  const errors = lines.filter((l) => l.startsWith('::error '));
  const notices = lines.filter((l) => l.startsWith('::notice '));
  assert.equal(errors.length, 4);
  assert.equal(notices.length, 1);
  assert.match(errors[0], /^::error file=class\/bob\.md,line=4,col=30,endLine=4,endColumn=33,title=derivcheck shape-mismatch::Claimed 5×4/);
  assert.match(notices[0], /^::notice file=class\/erin%2C jr\.md,line=6,/);
  assert.equal(lines.at(-1), '15 claims: 10 passed, 3 failed, 1 errors, 1 unbound');
});

test('GitHub: at most 10 annotations of each kind, and a last ::notice says how many were left out', () => {
  const wrong = Array.from({ length: 13 }, (_, i) => `<!-- check: tanh(0.3) = 0.${i + 5} -->\n`).join('');
  const unbound = Array.from({ length: 12 }, (_, i) => `<!-- check: tanh(0.${i + 1}) -->\n`).join('');
  const dir = workspace({ 'hw.md': wrong + unbound + '<!-- check: tanh(0.3) = 0.29 -->\n' });
  const r = run(['--format', 'github', 'hw.md'], dir);
  assert.equal(r.code, 1);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.filter((l) => l.startsWith('::error ')).length, 10);
  const notices = lines.filter((l) => l.startsWith('::notice '));
  assert.equal(notices.length, 10, 'nine unbound notices and the summary notice');
  assert.match(notices.at(-1) as string, /::3 errors and 3 notices left out/);
  assert.equal(lines.at(-1), '26 claims: 1 passed, 13 failed, 0 errors, 12 unbound');
});

// ------------------------------------------------------------------------------------------ Gradescope

test('Gradescope: a test per claim worth 1, passed only when the claim holds, and the total score', () => {
  const out = JSON.parse(run(['--format', 'gradescope', 'class/bob.md']).stdout);
  assert.equal(out.tests.length, 4);
  assert.equal(out.score, 1);
  for (const t of out.tests) {
    assert.equal(t.max_score, 1);
    assert.equal(t.score, t.status === 'passed' ? 1 : 0);
    assert.equal(typeof t.output, 'string');
  }
  assert.deepEqual(out.tests.map((t: { status: string }) => t.status), ['failed', 'failed', 'failed', 'passed']);
  assert.match(out.tests[0].output, /Claimed 5×4, but conv out 10×11 k3 s2 gives 4×5/);
});

// ------------------------------------------------------------------------------------------ text, JSON, flags

test('text: a line per file when several are checked, and a file with no claims says so', () => {
  const out = run(['class']).stdout.trimEnd().split('\n');
  assert.ok(out.includes('class/dave.md: no claims'));
  assert.ok(out.includes('class/bob.md: 4 claims: 1 passed, 3 failed, 0 errors, 0 unbound'));
  const one = run(['class/bob.md']).stdout.trimEnd().split('\n');
  assert.ok(!one.some((l) => l.startsWith('class/bob.md: ')), 'no per-file line for a single file');
});

test('JSON v2: each file has its own summary, and they add up to the run\'s', () => {
  const out = JSON.parse(run(['--format', 'json', 'class']).stdout);
  assert.equal(out.version, 2);
  const sum = { claims: 0, pass: 0, fail: 0, error: 0, unbound: 0 };
  for (const f of out.files) {
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += f.summary[k];
    assert.equal(f.summary.claims, f.claims.length);
  }
  assert.deepEqual({ files: out.files.length, ...sum }, out.summary);
  assert.deepEqual(out.files.find((f: { path: string }) => f.path === 'class/dave.md').summary, { claims: 0, pass: 0, fail: 0, error: 0, unbound: 0 });
});

test('--version and --help print on stdout and exit 0; an unknown format is a usage error', () => {
  const v = run(['--version']);
  assert.equal(v.code, 0);
  assert.equal(v.stdout, `derivcheck ${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}\n`);
  const h = run(['--help']);
  assert.equal(h.code, 0);
  assert.equal(h.stderr, '');
  for (const f of ['sarif', 'junit', 'github', 'gradescope', 'report', '--max-file-size']) assert.ok(h.stdout.includes(f), f);
  const bad = run(['--format', 'xml', 'class']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--format takes text, json, sarif, junit, github, gradescope/);
});

test('no progress bar when stderr is not a terminal', () => {
  const r = run(['--format', 'json', 'class']);
  // Only the note on files of kinds it does not read (the class holds a .txt); no bar, no carriage return.
  assert.equal(r.stderr.replace(/^derivcheck: skipped files of kinds it does not read .*\n/m, ''), '');
  assert.ok(!r.stderr.includes('\r') && !/files\/s/.test(r.stderr), r.stderr);
});

test('a progress bar on stderr when it is a terminal (run under script(1), which gives it a pty)', { skip: existsSync('/usr/bin/script') ? false : 'no script(1) to give the CLI a terminal' }, () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 25; i++) files[`s${i}.md`] = '<!-- check: conv out 10x11 k3 s2 -->\nIt is 4×5.\n';
  const dir = workspace(files);
  // stdout goes to /dev/null inside the pty, so what script(1) records is stderr.
  const r = spawnSync('/usr/bin/script', ['-qec', `node ${JSON.stringify(cli)} --format json . > /dev/null`, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, DERIVCHECK_WORKERS: '1' } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /\[#+\] 25\/25 files {2}\d+ files\/s/);
  assert.ok(r.stdout.endsWith('\r\x1b[K'), 'the bar is erased at the end');
});
