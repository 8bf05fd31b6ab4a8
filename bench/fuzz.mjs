// npm run fuzz: the property-based fuzz tests of test/unit/fuzz with FUZZ_RUNS cases in all
// (default 100,000; the test suite runs 2,000) and a random seed unless FUZZ_SEED is given.
// A failure prints the seed and the counterexample; rerun with FUZZ_SEED=<seed> to reproduce.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const files = readdirSync(`${root}test/unit/fuzz`).filter((f) => f.endsWith('.test.ts')).map((f) => `test/unit/fuzz/${f}`);
const env = {
  ...process.env,
  FUZZ_RUNS: process.env.FUZZ_RUNS ?? '100000',
  FUZZ_SEED: process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31)),
};
console.log(`fuzz: ${env.FUZZ_RUNS} cases over ${files.length} files, seed ${env.FUZZ_SEED}`);
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-timeout=0', '--test-reporter=spec', ...files], { cwd: root, env, stdio: 'inherit' });
process.exit(r.status ?? 1);
