/** The block loop's entry to table claims (checker/table.ts): guarded, and the text a cache key must include. */
import type { Stmt } from '../claims/ast';
import type { ClaimBlock, ScannedDocument } from '../core/document';
import type { CheckResult } from '../core/result';
import type { Span } from '../core/span';
import { nextTable } from '../documents/tables';
import type { BlockContext } from './statements';
import { checkTable } from './table';

export function tableResults(ctx: BlockContext, stmt: Extract<Stmt, { type: 'table' }>): CheckResult[] {
  try {
    return checkTable(ctx, stmt);
  } catch (e) {
    // A bug in the table checker must not take the document down.
    const span = ctx.block.span;
    return [{
      kind: 'text', status: 'error', code: 'eval', span, source: 'table', computed: null, computedText: null,
      claimed: null, claimedSpan: null, steps: [], message: `Could not check this table: ${e instanceof Error ? e.message : String(e)}`,
    }];
  }
}

/** Where the table a block's `table` statement reads stands; null for other blocks (and when there is none). */
export function tableSpanAfter(doc: ScannedDocument, block: ClaimBlock): Span | null {
  if (!/(^|[\s;])table\s/.test(block.text)) return null;
  const next = doc.blocks.find((b) => b.span.start >= block.span.end);
  return nextTable(doc, block.span.end, next ? next.span.start : doc.text.length)?.span ?? null;
}

/** The text of that table, for the block's cache key: its cells are the block's claimed values. */
export function tableTextAfter(doc: ScannedDocument, block: ClaimBlock, span = tableSpanAfter(doc, block)): string {
  return span ? `\u0000table:${span.start - block.span.start}:${doc.text.slice(span.start, span.end)}` : '';
}
