/** The block loop's entry to table claims (checker/table.ts): guarded, and the text a cache key must include. */
import type { Stmt } from '../claims/ast';
import type { ClaimBlock, ScannedDocument } from '../core/document';
import type { CheckResult } from '../core/result';
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

/** The text of the table a block's `table` statement reads ('' for other blocks), for its cache key. */
export function tableTextAfter(doc: ScannedDocument, block: ClaimBlock): string {
  if (!/(^|[\s;])table\s/.test(block.text)) return '';
  const next = doc.blocks.find((b) => b.span.start >= block.span.end);
  const t = nextTable(doc, block.span.end, next ? next.span.start : doc.text.length);
  return t ? `\u0000table:${t.span.start - block.span.start}:${doc.text.slice(t.span.start, t.span.end)}` : '';
}
