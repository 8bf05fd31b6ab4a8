/**
 * The claim language's parser: claim text → statements with exact spans (spec sections 2-4).
 * Nothing here throws: what does not parse becomes an `invalid` statement or an `ok: false` result
 * with the span of the offending token.
 */
import type { Span } from '../core/span';
import type { DimAst, ShapeAst, Stmt } from './ast';
import { Cursor, PARSE_TIME_LIMIT, ParseError, expectEnd } from './cursor';
import { parseDim, parseShape } from './shape';
import { splitStatements } from './split';
import { parseStatement } from './statement';
import { describeToken, tokenize } from './tokens';

export type { Stmt } from './ast';

/**
 * `text` is a block's claim text; every span is an offset into it. With a `deadline` (`Date.now()` ms,
 * the claim block's time limit), reading stops there: the statement being read becomes an `invalid`
 * one that says so, and the statements after it are dropped (the checker reports the block as stopped
 * by its limit). A claim of megabytes must not hold the checker past the limit before it is evaluated.
 */
export function parseBlock(text: string, deadline?: number): Stmt[] {
  try {
    const out: Stmt[] = [];
    for (const s of splitStatements(text)) {
      const stmt = parseStatement(text, s, deadline);
      out.push(stmt);
      if (deadline !== undefined && stmt.type === 'invalid' && stmt.message === PARSE_TIME_LIMIT) break;
    }
    return out;
  } catch (e) {
    const span = { start: 0, end: text.length };
    return [{ type: 'invalid', message: `could not parse this block (${e instanceof Error ? e.message : String(e)})`, errorSpan: span, span }];
  }
}

export type TextParse<T> = ({ ok: true } & T) | { ok: false; message: string; span: Span };

/** A shape found in document text: `4×5`, `4 \times 5`, `\mathbb{R}^{m \times n}`, `(n+2) x 3`. */
export function parseShapeText(text: string): { ok: true; shape: ShapeAst } | { ok: false; message: string; span: Span } {
  return parseWhole(text, 'a shape', (c) => ({ shape: parseShape(c) }));
}

/** One dim found in document text: `4`, `m`, `H_output`, `(n+2)`, `floor((H-K)/S)+1`. */
export function parseDimText(text: string): { ok: true; dim: DimAst } | { ok: false; message: string; span: Span } {
  return parseWhole(text, 'a dim', (c) => ({ dim: parseDim(c) }));
}

function parseWhole<T extends object>(text: string, what: string, parse: (c: Cursor) => T): TextParse<T> {
  try {
    const toks = tokenize(text);
    const bad = toks.find((t) => t.kind === 'bad');
    if (bad) return { ok: false, message: bad.message ?? `unexpected ${describeToken(bad)}`, span: bad.span };
    if (toks.length === 0) return { ok: false, message: `expected ${what}, found nothing`, span: { start: 0, end: text.length } };
    const c = new Cursor(toks, { start: 0, end: text.length });
    const result = parse(c);
    expectEnd(c, what);
    return { ok: true, ...result };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, message: e.message, span: e.span };
    return { ok: false, message: `could not parse ${what} (${e instanceof Error ? e.message : String(e)})`, span: { start: 0, end: text.length } };
  }
}
