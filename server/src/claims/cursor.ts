/**
 * A position in one statement's tokens, shared by the expression, shape and statement parsers.
 * Parse errors are thrown as `ParseError` inside the parser only; the public API turns them into
 * `invalid` statements, so nothing escapes to callers.
 */
import type { Span } from '../core/span';
import { describeToken, type Token, q } from './tokens';

/** Deeper nesting is refused with a message rather than risking the call stack. */
export const MAX_DEPTH = 100;

export interface Mark {
  pos: number;
  depth: number;
}

export class ParseError extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

/** The message of a statement whose reading the claim block's time limit stopped. */
export const PARSE_TIME_LIMIT = "reading this statement took longer than its claim block's time limit";

export class Cursor {
  pos = 0;
  /** `Date.now()` after which reading stops (the claim block's time limit); read every 1024 tokens. */
  deadline?: number;
  private steps = 0;
  /** Brackets opened and not yet closed, innermost last; its length is the nesting depth. */
  private open: Token[] = [];
  /** A private copy: the shape parser splits words (`10x11`) in place. */
  readonly toks: Token[];

  constructor(
    toks: Token[],
    /** The statement's span: errors at its end point at the last token, or here when there is none. */
    readonly whole: Span,
  ) {
    this.toks = toks.slice();
  }

  /** A point to come back to after a failed attempt (the `= VALUE` that turns out to be a shape). */
  mark(): Mark {
    return { pos: this.pos, depth: this.open.length };
  }

  reset(m: Mark): void {
    this.pos = m.pos;
    this.open.length = m.depth;
  }

  peek(k = 0): Token | undefined {
    return this.toks[this.pos + k];
  }

  atEnd(): boolean {
    return this.pos >= this.toks.length;
  }

  next(): Token {
    const t = this.toks[this.pos];
    if (!t) throw this.error(`unexpected end of the statement`);
    if (this.deadline !== undefined && (++this.steps & 1023) === 0 && Date.now() > this.deadline) {
      throw new ParseError(PARSE_TIME_LIMIT, this.whole);
    }
    this.pos++;
    return t;
  }

  /** The token before the cursor: where "expected X after Y" errors point at the end of a statement. */
  prev(): Token | undefined {
    return this.toks[this.pos - 1];
  }

  isOp(text: string, k = 0): boolean {
    const t = this.peek(k);
    return t !== undefined && t.kind === 'op' && t.text === text;
  }

  isWord(text?: string, k = 0): boolean {
    const t = this.peek(k);
    return t !== undefined && t.kind === 'word' && (text === undefined || t.text === text);
  }

  eatOp(text: string): Token | undefined {
    if (this.isOp(text)) return this.next();
    return undefined;
  }

  /** The span an error about the current token should mark. */
  here(): Span {
    const t = this.peek();
    if (t) return t.span;
    const p = this.prev();
    return p ? p.span : this.whole;
  }

  /**
   * An error at the end of the statement inside an open bracket is reported as that bracket: the
   * statement was cut short, and "unclosed '(' opened here" says where better than "expected a value".
   */
  error(message: string, at?: Span): ParseError {
    const inner = this.open[this.open.length - 1];
    if (this.atEnd() && inner) return new ParseError(`unclosed ${q(inner.text)} opened here`, inner.span);
    return new ParseError(message, at ?? this.here());
  }

  /** "expected X, found Y" at the current token. */
  expected(what: string): ParseError {
    return this.error(`expected ${what}, found ${describeToken(this.peek())}`);
  }

  enter(opener: Token): void {
    if (this.open.length >= MAX_DEPTH) {
      throw new ParseError(`nesting deeper than ${MAX_DEPTH} levels is not supported`, opener.span);
    }
    this.open.push(opener);
  }

  leave(): void {
    this.open.pop();
  }

  /** Where the last consumed token ends, for the span of a node that ends here. */
  lastEnd(): number {
    const p = this.prev();
    return p ? p.span.end : this.whole.start;
  }

  /** Replaces the current token by `parts` (word splitting). */
  splice(parts: Token[]): void {
    this.toks.splice(this.pos, 1, ...parts);
  }
}

export function join(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** Throws unless the cursor is at the end of the statement. */
export function expectEnd(c: Cursor, after: string): void {
  if (!c.atEnd()) throw c.error(`unexpected ${describeToken(c.peek())} after ${after}`);
}

/**
 * Consumes `closer` for `opener`. At the end of the statement the error marks the opener
 * ("unclosed '(' opened here"), since that is the bracket the student has to fix; elsewhere it marks
 * the token found in the closer's place.
 */
export function expectCloser(c: Cursor, opener: Token, closer: string): Token {
  const t = c.eatOp(closer);
  if (t) return t;
  if (c.atEnd()) throw c.error(`unclosed ${q(opener.text)} opened here`, opener.span);
  throw c.error(`expected ${q(closer)} to close the ${q(opener.text)}, found ${describeToken(c.peek())}`);
}
