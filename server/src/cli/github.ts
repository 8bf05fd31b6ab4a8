/**
 * `--format github` (spec section 8a): GitHub Actions workflow commands, which the runner turns into
 * annotations on the pull request's lines. `::error` per fail/error, `::notice` per unbound claim.
 * GitHub shows at most 10 annotations of each kind per step, so no more are printed: a last
 * `::notice` says how many were left out (it takes one of the ten notices), and the totals line ends
 * the log as plain text.
 */
import { anchorSpan, locatorFor } from './location';
import { countResults, countsLine, emptyCounts, messageWithHint, type FileReport, type Problem } from './results';

/** GitHub's limit of annotations per kind (error, warning, notice) and step. */
export const ANNOTATIONS_PER_KIND = 10;

/** A command's message: `%`, CR and LF are escaped (the runner decodes them). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: also `:` and `,`, which would end the value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

interface Annotation {
  kind: 'error' | 'notice';
  props: Record<string, string | number>;
  message: string;
}

function command(a: Annotation): string {
  const props = Object.entries(a.props)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${a.kind} ${props}::${escapeData(a.message)}`;
}

export function formatGithub(reports: readonly FileReport[], problems: readonly Problem[] = []): string {
  const errors: Annotation[] = [];
  const notices: Annotation[] = [];
  const total = emptyCounts();
  for (const p of problems) errors.push({ kind: 'error', props: { file: p.path, title: 'derivcheck: not checked' }, message: p.message });
  for (const rep of reports) {
    countResults(rep.check.results, total);
    const locate = locatorFor(rep);
    for (const r of rep.check.results) {
      if (r.status === 'pass') continue;
      const at = locate(anchorSpan(r));
      const kind = r.status === 'unbound' ? 'notice' : 'error';
      // A notebook's lines count within a cell, which GitHub cannot show: the cell goes in the title.
      const title = `derivcheck ${r.code}${at.cell === undefined ? '' : ` (cell ${at.cell})`}`;
      const props = { file: rep.path, line: at.line, col: at.column, endLine: at.endLine, endColumn: at.endColumn, title };
      (kind === 'error' ? errors : notices).push({ kind, props, message: messageWithHint(r) });
    }
  }
  const overflow = errors.length > ANNOTATIONS_PER_KIND || notices.length > ANNOTATIONS_PER_KIND;
  const errorsShown = errors.slice(0, ANNOTATIONS_PER_KIND);
  const noticesShown = notices.slice(0, overflow ? ANNOTATIONS_PER_KIND - 1 : ANNOTATIONS_PER_KIND);
  const lines = [...errorsShown, ...noticesShown].map(command);
  if (overflow) {
    const e = errors.length - errorsShown.length;
    const n = notices.length - noticesShown.length;
    const parts = [e ? `${e} error${e === 1 ? '' : 's'}` : '', n ? `${n} notice${n === 1 ? '' : 's'}` : ''].filter(Boolean);
    lines.push(command({
      kind: 'notice',
      props: { title: 'derivcheck: more results' },
      message: `${parts.join(' and ')} left out: GitHub shows ${ANNOTATIONS_PER_KIND} annotations of each kind per step. Run derivcheck with --format text (or sarif) to see all of them.`,
    }));
  }
  lines.push(countsLine(total));
  return `${lines.join('\n')}\n`;
}
