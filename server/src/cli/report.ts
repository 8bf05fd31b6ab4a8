/** The CLI's two output formats (spec section 8), as pure functions of the checker's results. */
import type { CheckResult, DocumentCheck } from '../core/result';
import type { CellPlace } from '../documents/notebook';
import { locationText, locator } from './location';

export interface FileReport {
  path: string;
  text: string;
  check: DocumentCheck;
  /** A notebook's Markdown cells in `text`: locations are then a cell and a line within it (cli/location.ts). */
  cells?: CellPlace[];
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
    const locate = locator(rep);
    countResults(rep.check.results, total);
    for (const r of rep.check.results) {
      if (r.status === 'pass') continue;
      const at = locate(anchor(r).start);
      const severity = r.status === 'unbound' ? 'info' : 'error';
      lines.push(`${locationText(rep.path, at)}: ${severity}: ${oneLine(r.message)}`);
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
    const locate = locator(rep);
    countResults(rep.check.results, summary);
    return {
      path: rep.path,
      claims: rep.check.results.map((r) => {
        const at = locate(r.span.start);
        return {
          ...(at.cell !== undefined ? { cell: at.cell } : {}),
          line: at.line,
          column: at.column,
          source: r.source,
          status: r.status,
          computed: r.computed,
          claimed: r.claimed,
          // In a notebook the line is within the claimed value's own cell (the next cell, for a claim
          // that ends its cell), which `claimedCell` names.
          claimedLine: r.claimedSpan ? locate(r.claimedSpan.start).line : null,
          ...(at.cell !== undefined ? { claimedCell: r.claimedSpan ? (locate(r.claimedSpan.start).cell ?? null) : null } : {}),
          message: r.message,
        };
      }),
    };
  });
  return `${JSON.stringify({ version: 1, files, summary }, null, 2)}\n`;
}
