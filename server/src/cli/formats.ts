/** Every `--format`, by name: one file each in this folder. */
import type { Format } from './args';
import { formatGithub } from './github';
import { formatGradescope } from './gradescope';
import { formatJson } from './json';
import { formatJunit } from './junit';
import type { FileReport, Problem } from './results';
import { formatSarif } from './sarif';
import { formatText } from './text';

export const FORMATTERS: Record<Format, (reports: readonly FileReport[], problems: readonly Problem[]) => string> = {
  text: (reports) => formatText(reports),
  json: (reports) => formatJson(reports),
  sarif: formatSarif,
  junit: formatJunit,
  github: formatGithub,
  gradescope: formatGradescope,
};
