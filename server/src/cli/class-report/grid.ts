/**
 * The class as a grid (spec section 8a): a row per submission, a column per claim, claims matched
 * across submissions by their statement text and which occurrence of that text they are (the second
 * `jacobian(f, W)` of one submission is matched with the second of another). Pure: the CSV and the
 * HTML are both drawn from it.
 */
import type { CheckResult, Status } from '../../core/result';

export type CellStatus = Status | 'missing';

/** One claim of one submission, as the grid needs it. */
export interface ClaimOutcome {
  source: string;
  status: Status;
  message: string;
  /** `path:line:col`, where the result points. */
  where: string;
}

export interface SubmissionOutcome {
  name: string;
  claims: ClaimOutcome[];
  /** Entries of the submission that were not checked, each `path: reason`. */
  notes: string[];
}

export interface Cell {
  status: CellStatus;
  message: string;
  where?: string;
}

export interface Column {
  source: string;
  /** 1 for the first claim with this text in a submission, 2 for the second... */
  occurrence: number;
  /** The header: the statement, with `(#2)` for a repeated one. */
  label: string;
  inKey: boolean;
  /** Submissions whose cell has each status. */
  count: Record<CellStatus, number>;
  /** Passing submissions over all submissions (0 when there are none). */
  passRate: number;
}

export interface RowCounts {
  claims: number;
  pass: number;
  fail: number;
  error: number;
  unbound: number;
  missing: number;
}

export interface Row {
  name: string;
  counts: RowCounts;
  /** pass / (claims + missing); 0 for a submission with neither. */
  score: number;
  /** One per column; undefined where the submission does not make that claim (and no key asks for it). */
  cells: (Cell | undefined)[];
  notes: string[];
}

export interface ClassGrid {
  columns: Column[];
  rows: Row[];
  /** True when an answer key was given (then `missing` can appear). */
  keyed: boolean;
}

/**
 * The text a claim is matched by: its statement, with the value written inside it (after `=` or `:`)
 * replaced by `?`, since that value is the student's answer, not the question: `params conv2d k11
 * c=3 f=96 = 34848` and `... = 34944` are the same claim answered differently. A value read from the
 * prose is not in the statement, so such a statement is matched as written.
 */
export function matchText(text: string, r: Pick<CheckResult, 'source' | 'span' | 'claimedSpan'>): string {
  const c = r.claimedSpan;
  if (!c || c.start < r.span.start || c.end > r.span.end || c.end > text.length) return r.source;
  return `${text.slice(r.span.start, c.start)}?${text.slice(c.end, r.span.end)}`.replace(/\s+/g, ' ').trim();
}

const idOf = (source: string, occurrence: number): string => `${occurrence}\u0000${source}`;

/** Each claim's identity in one submission, in its order. */
function identities(sources: readonly string[]): { id: string; source: string; occurrence: number }[] {
  const seen = new Map<string, number>();
  return sources.map((source) => {
    const occurrence = (seen.get(source) ?? 0) + 1;
    seen.set(source, occurrence);
    return { id: idOf(source, occurrence), source, occurrence };
  });
}

export function scoreOf(c: RowCounts): number {
  const denominator = c.claims + c.missing;
  return denominator === 0 ? 0 : c.pass / denominator;
}

/**
 * `keySources`: the statements of the answer key, in its order, when one is given. Columns: the key's
 * claims first in its order, then every other claim in the order submissions tend to make it (its
 * mean relative position), so a class's homework reads left to right as the homework does.
 */
export function buildGrid(submissions: readonly SubmissionOutcome[], keySources?: readonly string[]): ClassGrid {
  const info = new Map<string, { source: string; occurrence: number; positions: number[]; first: number }>();
  let order = 0;
  const perSubmission = submissions.map((s) => {
    const ids = identities(s.claims.map((c) => c.source));
    ids.forEach((x, i) => {
      let entry = info.get(x.id);
      if (!entry) info.set(x.id, (entry = { source: x.source, occurrence: x.occurrence, positions: [], first: order++ }));
      entry.positions.push(ids.length > 1 ? i / (ids.length - 1) : 0);
    });
    return new Map(ids.map((x, i) => [x.id, s.claims[i]]));
  });
  const keyIds = keySources ? identities(keySources) : [];
  const keySet = new Set(keyIds.map((k) => k.id));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const others = [...info.entries()]
    .filter(([id]) => !keySet.has(id))
    .sort(([, a], [, b]) => mean(a.positions) - mean(b.positions) || a.first - b.first);
  const ids = [...keyIds.map((k) => ({ id: k.id, source: k.source, occurrence: k.occurrence })), ...others.map(([id, e]) => ({ id, source: e.source, occurrence: e.occurrence }))];

  const rows: Row[] = submissions.map((s, i) => {
    const made = perSubmission[i];
    const counts: RowCounts = { claims: s.claims.length, pass: 0, fail: 0, error: 0, unbound: 0, missing: 0 };
    for (const c of s.claims) counts[c.status]++;
    const cells = ids.map(({ id, source }): Cell | undefined => {
      const c = made.get(id);
      if (c) return { status: c.status, message: c.message, where: c.where };
      if (!keySet.has(id)) return undefined;
      counts.missing++;
      return { status: 'missing', message: `The answer key claims \`${source}\`; this submission does not.` };
    });
    return { name: s.name, counts, score: scoreOf(counts), cells, notes: s.notes };
  });

  const columns: Column[] = ids.map(({ id, source, occurrence }, j) => {
    const count: Record<CellStatus, number> = { pass: 0, fail: 0, error: 0, unbound: 0, missing: 0 };
    for (const r of rows) {
      const cell = r.cells[j];
      if (cell) count[cell.status]++;
    }
    return {
      source,
      occurrence,
      label: occurrence > 1 ? `${source} (#${occurrence})` : source,
      inKey: keySet.has(id),
      count,
      passRate: rows.length ? count.pass / rows.length : 0,
    };
  });
  return { columns, rows, keyed: keySources !== undefined };
}
