/** The package's version, for `--version` and SARIF's `tool.driver.version` (esbuild keeps only this field). */
import { version } from '../../../package.json';

export const VERSION: string = version;
