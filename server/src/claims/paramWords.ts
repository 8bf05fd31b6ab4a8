/**
 * One parameter of the layer shorthand or of `params`: `k3`, `k3x5`, `k=3`, `kernel=(3,5)`, `p=same`,
 * `ceil`, `nobias`. Both statements describe their parameters with a table, so the spellings and
 * the error messages stay the same in both.
 */
import type { Span } from '../core/span';
import type { DimAst } from './ast';
import { Cursor, ParseError, join } from './cursor';
import { canStartDim, parseShape } from './shape';
import { WHOLE_NUMBER, describeToken, type Token, q } from './tokens';

export interface ParamSpec<N extends string> {
  name: N;
  /** The letter(s) written against a number: `k` in `k3`. */
  short: string | null;
  /** Words accepted before `=`. */
  long: readonly string[];
  /** For messages: "expected a kernel size after 'k'". */
  label: string;
  modes?: readonly ('same' | 'valid')[];
  /** A bare word with no value (`ceil`, `nobias`). */
  flag?: boolean;
  /** Takes exactly one dim (channels, groups). */
  single?: boolean;
}

export interface ParsedParam<N extends string> {
  name: N;
  values: DimAst[];
  mode?: 'same' | 'valid';
  span: Span;
}

/** `expected` lists the spellings for the unknown-parameter message: "k, s, p, d, f, op or ceil". */
export interface ParamTable<N extends string> {
  specs: readonly ParamSpec<N>[];
  expected: string;
  /** "layer parameter", "parameter of params". */
  noun: string;
}

/** Parses the parameter at the cursor, which is a word. */
export function parseParam<N extends string>(c: Cursor, table: ParamTable<N>): ParsedParam<N> {
  const t = c.peek()!;
  const word = t.text;
  const specs = table.specs;

  const flag = specs.find((s) => s.flag && s.long.includes(word));
  if (flag) {
    c.next();
    return { name: flag.name, values: [], span: t.span };
  }

  const named = specs.find((s) => !s.flag && s.long.includes(word));
  if (named && c.isOp('=', 1)) return parseNamedValue(c, named);

  for (const s of specs) {
    if (s.short && word.startsWith(s.short) && /^\d/.test(word.slice(s.short.length))) {
      c.next();
      return { name: s.name, values: shortValues(c, t, s), span: t.span };
    }
  }

  if (named) {
    const after = c.peek(1);
    const hint = named.short ? ` (write ${named.short}3 or ${word}=3)` : '';
    if (named.short === word) {
      throw c.error(`expected ${named.label} after ${q(word)}, found ${describeToken(after)}${hint}`, after ? after.span : t.span);
    }
    throw c.error(`expected '=' after ${q(word)}, found ${describeToken(after)}`, after ? after.span : t.span);
  }

  for (const s of specs) {
    const long = s.long.find((l) => l.length >= 2 && word.startsWith(l));
    if (long && !s.flag) {
      const rest = restSpan(t, long.length);
      throw c.error(`expected '=' after ${q(long)}, found ${q(word.slice(long.length))}`, rest);
    }
  }

  for (const s of specs) {
    if (!s.short || s.flag || !word.startsWith(s.short)) continue;
    const rest = word.slice(s.short.length);
    if (rest.length <= 2) {
      const hint = /^[\p{L}_]/u.test(rest) ? ` (write ${s.short}=${rest} for a symbol)` : '';
      throw c.error(`expected ${s.label} after ${q(s.short)}, found ${q(rest)}${hint}`, restSpan(t, s.short.length));
    }
  }

  const modeHint = word === 'same' || word === 'valid' ? ` (write p=${word})` : '';
  throw c.error(`unknown ${table.noun} ${describeToken(t)}; expected ${table.expected}${modeHint}`, t.span);
}

function restSpan(t: Token, from: number): Span {
  return { start: t.span.start + from, end: t.span.end };
}

/** `k3`, `k3x5`: whole numbers only, each with its own span inside the word. */
function shortValues<N extends string>(c: Cursor, t: Token, s: ParamSpec<N>): DimAst[] {
  const rest = t.text.slice(s.short!.length);
  const values: DimAst[] = [];
  let at = t.span.start + s.short!.length;
  for (const part of rest.split('x')) {
    if (!WHOLE_NUMBER.test(part)) {
      throw c.error(`expected ${s.label} after ${q(s.short!)}, found ${q(rest)}`, restSpan(t, s.short!.length));
    }
    values.push({ type: 'int', value: Number(part), span: { start: at, end: at + part.length } });
    at += part.length + 1;
  }
  if (s.single && values.length !== 1) {
    throw c.error(`${q(s.short!)} takes one value, found ${q(rest)}`, restSpan(t, s.short!.length));
  }
  return values;
}

/** `k=3`, `k=3x5`, `k=(3,5)`, `k=K`, `s=(S+1)`, `p=same`. */
function parseNamedValue<N extends string>(c: Cursor, s: ParamSpec<N>): ParsedParam<N> {
  const nameTok = c.next();
  const eq = c.next();
  const v = c.peek();
  const what = `${s.label} after ${q(nameTok.text + '=')}`;
  if (v?.kind === 'word' && (v.text === 'same' || v.text === 'valid')) {
    if (!s.modes?.includes(v.text)) throw c.error(`${q(v.text)} is only a padding; expected ${s.label}`, v.span);
    c.next();
    return { name: s.name, values: [], mode: v.text, span: join(nameTok.span, v.span) };
  }
  if (!canStartDim(v)) throw c.error(`expected ${what}, found ${describeToken(v)}`, v ? v.span : eq.span);
  const shape = parseShape(c);
  if (shape.dims.length === 0) throw c.error(`expected ${what}, found ${describeToken(v)}`, shape.span);
  if (s.single && shape.dims.length !== 1) {
    throw c.error(`${q(nameTok.text)} takes one value, found ${shape.dims.length}`, shape.span);
  }
  return { name: s.name, values: shape.dims, span: join(nameTok.span, shape.span) };
}

/** Throws on a parameter given twice, marking the second. */
export function checkDuplicate<N extends string>(seen: ParsedParam<N>[], p: ParsedParam<N>, label: string): void {
  if (seen.some((q) => q.name === p.name)) throw new ParseError(`the ${label} is given twice`, p.span);
}
