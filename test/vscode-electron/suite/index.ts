/**
 * The entry VS Code's test host calls. `node:test` records a failing test in `process.exitCode`
 * once its suite has settled; that is how this runner learns the outcome without a reporter.
 */
import { suites } from './extension.test';

export async function run(): Promise<void> {
  process.exitCode = 0;
  await Promise.all(suites);
  if (process.exitCode) {
    process.exitCode = 0;
    throw new Error('Derivation Check: VS Code tests failed (see the TAP output above)');
  }
}
