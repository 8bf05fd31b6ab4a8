/** The CLI's two output formats (spec section 8), as pure functions of the checker's results. */
import type { CheckResult, DocumentCheck } from '../core/result';
import { LineIndex } from '../core/span';

export interface FileReport {
  path: string;
  text: string;
  check: DocumentCheck;
}

interface Counts {
  claims: number;
  pass: number;
  fail: number;
  error: number;
  unbound: number;
}

export function countResults(results: readonly CheckResult[], into: Counts = { claims: 0, pass: 0, fail: 0, error: 0, unbound: 0 }): Counts {
  for (const r of results) {
    into.claims++;
    into[r.status]++;
  }
  return into;
}

/** Where a text-format line points: the claimed value for a fail, the error's token, else the statement. */
function anchor(r: CheckResult) {
  if (r.status === 'fail' && r.claimedSpan) return r.claimedSpan;
  if (r.status === 'error' && r.errorSpan) return r.errorSpan;
  return r.span;
}

export function formatText(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  const total = { claims: 0, pass: 0, fail: 0, error: 0, unbound: 0 };
  for (const rep of reports) {
    const index = new LineIndex(rep.text);
    countResults(rep.check.results, total);
    for (const r of rep.check.results) {
      if (r.status === 'pass') continue;
      const at = index.position(anchor(r).start);
      const severity = r.status === 'unbound' ? 'info' : 'error';
      lines.push(`${rep.path}:${at.line + 1}:${at.character + 1}: ${severity}: ${oneLine(r.message)}`);
    }
  }
  lines.push(`${total.claims} claims: ${total.pass} passed, ${total.fail} failed, ${total.error} errors, ${total.unbound} unbound`);
  return `${lines.join('\n')}\n`;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}

export function formatJson(reports: readonly FileReport[]): string {
  const summary = { files: reports.length, claims: 0, pass: 0, fail: 0, error: 0, unbound: 0 };
  const files = reports.map((rep) => {
    const index = new LineIndex(rep.text);
    countResults(rep.check.results, summary);
    return {
      path: rep.path,
      claims: rep.check.results.map((r) => {
        const at = index.position(r.span.start);
        return {
          line: at.line + 1,
          column: at.character + 1,
          source: r.source,
          status: r.status,
          computed: r.computed,
          claimed: r.claimed,
          claimedLine: r.claimedSpan ? index.position(r.claimedSpan.start).line + 1 : null,
          message: r.message,
          hint: r.hint ?? null,
        };
      }),
    };
  });
  return `${JSON.stringify({ version: 1, files, summary }, null, 2)}\n`;
}
