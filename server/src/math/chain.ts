/**
 * Reads a math body as chains of relations. A chain continues across `\\` when the next line starts with
 * a relation (`&= ...` in `align`), and ends at prose between equations (`,`, `\quad`, `\text{...}`,
 * `\Rightarrow`), so `a = 1, \quad b = 2` is two chains and `= 4.5 \text{ (round down)}` ends cleanly.
 * `\in \mathbb{R}^{...}` states a set, not a value: the chain stops there.
 */
import type { Chain, MathNode, Relation } from './ast';
import { MathSyntaxError, Parser, describe } from './parser';
import type { Token } from './tokens';

const RELATIONS: Record<string, Relation> = {
  '=': '=',
  '\\approx': '\\approx',
  '\\simeq': '\\approx',
  '<': '<',
  '\\lt': '<',
  '\\le': '\\le',
  '\\leq': '\\le',
  '\\leqslant': '\\le',
  '>': '>',
  '\\gt': '>',
  '\\ge': '\\ge',
  '\\geq': '\\ge',
  '\\geqslant': '\\ge',
  '\\ne': '\\neq',
  '\\neq': '\\neq',
  '\\equiv': '=',
  '\\coloneqq': '=',
  '\\triangleq': '=',
};

/** Tokens that separate equations in prose: `a = 1, \quad b = 2`, `x = 2 \Rightarrow y = 4`. */
const SEPARATORS = new Set([',', '.', ';', '\\quad', '\\qquad', '\\Rightarrow', '\\implies', '\\iff', '\\therefore', '\\because', '\\Longrightarrow', '\\to', '\\text', '\\textrm', '\\textit', '\\textbf', '\\textnormal', '\\mbox', '\\intertext']);

/** Tokens that end a chain without a value after them: the rest of the line is a set or a domain. */
const SET_MEMBERSHIP = new Set(['\\in', '\\subset', '\\subseteq', '\\forall']);

export interface ChainParse {
  chains: Chain[];
}

function relationAt(p: Parser): { rel: Relation; width: number } | null {
  const t = p.peek();
  if (!t || t.kind === 'textarg') return null;
  if (t.text === ':' && p.is('=', 1)) return { rel: '=', width: 2 };
  if (t.text === '\\not' && p.is('=', 1)) return { rel: '\\neq', width: 2 };
  return Object.hasOwn(RELATIONS, t.text) ? { rel: RELATIONS[t.text], width: 1 } : null;
}

/** `\text{out}` right after a relation is a name (Mazur's `= \text{out} - y`): one word, no spaces. */
function isNameText(t: Token): boolean {
  return t.kind === 'textarg' && /^[A-Za-z][A-Za-z0-9]*$/.test(t.content ?? '');
}

function isSeparator(t: Token | undefined): boolean {
  return t !== undefined && SEPARATORS.has(t.text);
}

/** `isName(word)`: a run of letters that spells a bound name is that name, not a product (section 6a). */
export function parseChains(tokens: Token[], srcLength: number, isName?: (word: string) => boolean): ChainParse {
  const p: Parser = new Parser(tokens, srcLength, isName);
  const chains: Chain[] = [];
  let current: Chain | null = null;
  for (;;) {
    const t = p.peek();
    if (!t) break;
    if (t.text === '\\\\' && t.kind === 'cmd') {
      // A new line continues the chain only when it starts with a relation (`&= ...`).
      p.next();
      if (current && !relationAt(p)) current = null;
      continue;
    }
    // `\text{net}_{h1}` and `\text{ReLU}(x)` are a name and a function, not prose.
    if (isSeparator(t) && !(t.kind === 'textarg' && (p.is('(', 1) || p.is('_', 1)))) {
      p.next();
      // `= 4.5 \quad = 4.5`: a relation right after the prose still continues.
      if (current && !relationAt(p) && !isSeparator(p.peek())) current = null;
      continue;
    }
    if (t.kind === 'cmd' && SET_MEMBERSHIP.has(t.text)) {
      while (p.peek() && !(p.peek()!.kind === 'cmd' && p.peek()!.text === '\\\\')) p.next();
      current = null;
      continue;
    }
    const rel = relationAt(p);
    if (rel) {
      const first = p.peek()!;
      if (!current) p.fail(`${describe(first)} has nothing before it`, first);
      const last = rel.width === 2 ? p.peek(1)! : first;
      for (let k = 0; k < rel.width; k++) p.next();
      const after = p.peek();
      if (!after || relationAt(p) || (isSeparator(after) && !isNameText(after)) || (after.kind === 'cmd' && after.text === '\\\\'))
        p.fail(`${describe(first)} has nothing after it`, first);
      current.rels.push({ rel: rel.rel, span: { start: first.start, end: last.end } });
      current.sides.push(side(p));
      continue;
    }
    if (current) p.fail(`unexpected ${describe(t)}`, t);
    current = { sides: [side(p)], rels: [] };
    chains.push(current);
  }
  return { chains };
}

/** Openers and closers for skipping an unreadable side: a relation inside `( )` or `{ }` is not its end. */
const OPEN = new Set(['(', '[', '{', '\\{', '\\lbrace', '\\lfloor', '\\lceil', '\\langle']);
const CLOSE = new Set([')', ']', '}', '\\}', '\\rbrace', '\\rfloor', '\\rceil', '\\rangle']);

/**
 * One side. A side the parser cannot read becomes an error side reaching to the next relation, line
 * break or prose at its own level, so one unknown token (`\sigma'`) errors only the links it is in.
 */
function side(p: Parser): MathNode {
  const at = p.mark();
  try {
    return p.parseExpr();
  } catch (e) {
    if (!(e instanceof MathSyntaxError)) throw e;
    p.reset(at);
    const start = p.peek()?.start ?? e.span.start;
    let end = start;
    let depth = 0;
    for (;;) {
      const t = p.peek();
      if (!t) break;
      if (depth === 0 && (relationAt(p) || isSeparator(t) || (t.kind === 'cmd' && (t.text === '\\\\' || SET_MEMBERSHIP.has(t.text))))) break;
      if (t.kind !== 'textarg' && (OPEN.has(t.text) || t.text.startsWith('\\begin{'))) depth++;
      else if (t.kind !== 'textarg' && (CLOSE.has(t.text) || t.text.startsWith('\\end{'))) depth = Math.max(0, depth - 1);
      end = t.end;
      p.next();
    }
    // An unclosed bracket swallowed the rest: no side boundary can be trusted, the math is unreadable.
    if (depth > 0 && !p.peek()) throw e;
    // The error must be inside the side; a parser error past it (the math ends early) is clipped.
    const errorSpan = e.span.start >= start && e.span.start <= end ? e.span : { start, end };
    return { type: 'error', message: e.message, errorSpan, span: { start, end: Math.max(end, start) } };
  }
}

export { MathSyntaxError };
