/**
 * The claim language's lexer. One token list serves expressions, shapes and the layer shorthand, so
 * tokens stay close to the characters: `10x11` and `k3x5` are single `word`s and the shape and
 * parameter parsers decide how to split them, because only they know whether `x` is a separator.
 */
import type { Span } from '../core/span';

export type TokenKind =
  /** Letters, digits and `_` (`x`, `W_c`, `k3x5`, `10x11`, `2m`): whatever is not a plain number. */
  | 'word'
  /** A number standing alone: `3`, `0.5`, `1e-3`, `.5`. */
  | 'num'
  /** A quoted string; `value` holds it unescaped. */
  | 'str'
  /** Punctuation and operators, `text` is the operator (`**`, `==`, `(`, `×`). */
  | 'op'
  /** A LaTeX command: `\times`, `\mathbb`, `\R`. */
  | 'cmd'
  /** A character no form accepts, or an unterminated string; `message` says which. */
  | 'bad';

export interface Token {
  kind: TokenKind;
  text: string;
  span: Span;
  value?: string;
  message?: string;
}

const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const WORD = /[\p{L}\d_]+/uy;
const WORD_CHAR = /[\p{L}\d_]/u;
const SPACE = /\s/u;
const LATEX_COMMAND = /\\(?:[A-Za-z]+|.)/y;
// Two-character operators are tried before one-character ones: `**` before `*`.
const OPERATORS_2 = new Set(['**', '//', '==', '!=', '<=', '>=', '->']);
const OPERATORS_1 = new Set(['+', '-', '*', '/', '@', '=', ':', ';', ',', '(', ')', '[', ']', '{', '}', '<', '>', '.', '^', '×', '%', '&', '|', '~', '!']);

export const IDENTIFIER = /^[\p{L}_][\p{L}\d_]*$/u;
export const WHOLE_NUMBER = /^\d+$/;

/** Tokenizes `text`; spans are offsets into `text` plus `base`. Never throws. */
export function tokenize(text: string, base?: number): Token[];
/** With a deadline (`Date.now()` ms): null once it has passed (read every 1024 tokens). */
export function tokenize(text: string, base: number, deadline: number | undefined): Token[] | null;
export function tokenize(text: string, base = 0, deadline?: number): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  const push = (kind: TokenKind, start: number, end: number, extra?: Partial<Token>): void => {
    const tok: Token = { kind, text: text.slice(start, end), span: { start: base + start, end: base + end } };
    out.push(extra ? Object.assign(tok, extra) : tok);
  };
  while (i < n) {
    if (deadline !== undefined && (out.length & 1023) === 1023 && Date.now() > deadline) return null;
    const ch = text[i];
    const code = text.charCodeAt(i);
    if (code === 32 || (code < 128 ? code >= 9 && code <= 13 : SPACE.test(ch))) {
      i++;
      continue;
    }
    if (text.startsWith('...', i)) {
      push('op', i, i + 3);
      i += 3;
      continue;
    }
    if ((code >= 48 && code <= 57) || code === 46) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (m) {
        const end = i + m[0].length;
        if (end < n && code !== 46 && WORD_CHAR.test(text[end])) {
          // A number run into letters (`10x11`, `2m`) is a word for the shape parser to judge.
          WORD.lastIndex = i;
          const w = WORD.exec(text)!;
          push('word', i, i + w[0].length);
          i += w[0].length;
        } else {
          push('num', i, end);
          i = end;
        }
        continue;
      }
    }
    WORD.lastIndex = i;
    const w = WORD.exec(text);
    if (w) {
      push('word', i, i + w[0].length);
      i += w[0].length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      i = lexString(text, i, push);
      continue;
    }
    if (ch === '\\') {
      LATEX_COMMAND.lastIndex = i;
      const m = LATEX_COMMAND.exec(text);
      const len = m ? m[0].length : 1;
      push('cmd', i, i + len);
      i += len;
      continue;
    }
    const two = text.substr(i, 2);
    if (OPERATORS_2.has(two) || OPERATORS_1.has(ch)) {
      const len = OPERATORS_2.has(two) ? 2 : 1;
      push('op', i, i + len);
      i += len;
      continue;
    }
    // One code point, so an emoji's surrogate pair is reported whole.
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    push('bad', i, i + len, { message: `unexpected character ${describeChar(text.slice(i, i + len))}` });
    i += len;
  }
  return out;
}

function lexString(
  text: string,
  start: number,
  push: (kind: TokenKind, start: number, end: number, extra?: Partial<Token>) => void,
): number {
  const quote = text[start];
  let value = '';
  let i = start + 1;
  while (i < text.length && text[i] !== quote && text[i] !== '\n') {
    if (text[i] === '\\' && i + 1 < text.length && text[i + 1] !== '\n') {
      value += text[i + 1];
      i += 2;
    } else {
      value += text[i];
      i++;
    }
  }
  if (i < text.length && text[i] === quote) {
    push('str', start, i + 1, { value });
    return i + 1;
  }
  // The error goes on the opening quote, which is where the student must look.
  push('bad', start, start + 1, { message: `unterminated string: no closing ${quote} for the ${quote} opened here` });
  return i;
}

/** A character as a person can read it in a message: control characters by code point. */
export function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  // Control, format (zero-width) and lone surrogate characters are invisible or garbled when quoted.
  if (/^\p{C}/u.test(ch)) return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${ch}'`;
}

/** A token as quoted in messages; long words are cut so a 1 MB token makes a short message. */
export function describeToken(tok: Token | undefined): string {
  if (!tok) return 'the end of the statement';
  if (tok.kind === 'bad') return describeChar(tok.text);
  const t = tok.text.length > 30 ? `${tok.text.slice(0, 27)}...` : tok.text;
  if (/\p{C}/u.test(t)) return `'${t.replace(/\p{C}/gu, (c) => describeChar(c))}'`;
  return `'${t}'`;
}

/** Quotes a piece of the claim for a message, cut short: a 1 MB name must not make a 1 MB message. */
export function q(text: string): string {
  return describeToken({ kind: 'word', text, span: { start: 0, end: 0 } });
}
