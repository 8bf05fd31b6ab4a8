// Regenerates the CLI's golden outputs (test/cli/golden/) from the bundled CLI, for after a
// deliberate change of a format: `npm run build && node scripts/cli-golden.mjs`, then read the diff.
// test/cli/golden.test.ts runs the same cases (cases.json) and compares; it never writes them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const golden = join(root, 'test/cli/golden');
const fixtures = join(root, 'test/cli/fixtures');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const { cases } = JSON.parse(readFileSync(join(golden, 'cases.json'), 'utf8'));

/** Must match test/cli/golden.test.ts: the version and any absolute path are not the output's own. */
export function normalise(out, tmp) {
  return out.split(tmp).join('<tmp>').split(fixtures).join('<fixtures>').split(version).join('<version>');
}

for (const c of cases) {
  const tmp = mkdtempSync(join(tmpdir(), 'derivcheck-golden-'));
  const args = c.args.map((a) => a.replace('<tmp>', tmp));
  const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), ...args], { cwd: fixtures, encoding: 'utf8', env: { ...process.env, DERIVCHECK_WORKERS: '1' } });
  rmSync(tmp, { recursive: true, force: true });
  if (r.status !== c.exit) console.warn(`${c.file}: exit ${r.status}, the case says ${c.exit}\n${r.stderr}`);
  writeFileSync(join(golden, c.file), normalise(r.stdout, tmp));
  console.log(`wrote test/cli/golden/${c.file}`);
}
