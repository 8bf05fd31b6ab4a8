/**
 * A recursive-descent parser for the LaTeX that homework derivations are written in (spec section 6).
 * It keeps a source span on every node, which is why it exists at all: a general CAS parser gives the
 * tree but not where each part was written (docs/math.md).
 *
 * Precedence, loosest first: `+ -`; `\times \cdot * / \div` and implicit multiplication (left to
 * right, one level, as a calculator reads `1/2x`); unary minus; `^` (binds tighter than unary minus,
 * so `-x^2` is `-(x^2)`).
 */
import type { Span } from '../core/span';
import type { FnName, MathNode } from './ast';
import { FN_COMMANDS, FN_WORDS, GREEK, flattenName } from './names';
import type { Token } from './tokens';

/** Deeper nesting than this is an error, not a stack overflow. */
export const MAX_DEPTH = 200;

export class MathSyntaxError {
  constructor(
    readonly message: string,
    readonly span: Span,
  ) {}
}

const FRACS = new Set(['\\frac', '\\dfrac', '\\tfrac', '\\cfrac']);
const MULS = new Set(['\\times', '\\cdot', '*', '\\ast']);
const DIVS = new Set(['/', '\\div']);
/** `\text{...}` is prose when it stands between terms; the other fonts spell names. */
const PROSE_TEXT = new Set(['\\text', '\\textrm', '\\textit', '\\textbf', '\\textnormal', '\\textsf', '\\texttt', '\\mbox', '\\intertext']);
const IDENT = /^[A-Za-z][A-Za-z0-9_]*$/;

const CLOSERS: Record<string, { close: string; fn: FnName | null }> = {
  '(': { close: ')', fn: null },
  '[': { close: ']', fn: null },
  '{': { close: '}', fn: null },
  '\\{': { close: '\\}', fn: null },
  '\\lbrace': { close: '\\rbrace', fn: null },
  '\\lfloor': { close: '\\rfloor', fn: 'floor' },
  '\\lceil': { close: '\\rceil', fn: 'ceil' },
  '|': { close: '|', fn: 'abs' },
  '\\lvert': { close: '\\rvert', fn: 'abs' },
  '\\vert': { close: '\\vert', fn: 'abs' },
};

export function describe(tok: Token | undefined): string {
  if (!tok) return 'the end of the math';
  return `\`${tok.kind === 'textarg' ? `${tok.text}{${tok.content ?? ''}}` : tok.text}\``;
}

export class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly srcLength: number,
  ) {}

  peek(k = 0): Token | undefined {
    return this.tokens[this.pos + k];
  }

  next(): Token {
    const t = this.tokens[this.pos];
    if (!t) throw new MathSyntaxError('the math ends too early', this.endSpan());
    this.pos++;
    return t;
  }

  /** The position, to come back to after a side that could not be read. */
  mark(): number {
    return this.pos;
  }

  reset(pos: number): void {
    this.pos = pos;
    this.depth = 0;
  }

  atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }

  is(text: string, k = 0): boolean {
    const t = this.peek(k);
    return t !== undefined && t.kind !== 'textarg' && t.text === text;
  }

  endSpan(): Span {
    return { start: this.srcLength, end: this.srcLength };
  }

  fail(message: string, tok: Token | undefined = this.peek()): never {
    throw new MathSyntaxError(message, tok ? { start: tok.start, end: tok.end } : this.endSpan());
  }

  private expect(text: string, opener: Token): Token {
    if (this.is(text)) return this.next();
    this.fail(`expected \`${text}\` to close the \`${opener.text}\` at offset ${opener.start}, found ${describe(this.peek())}`);
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail(`the math is nested more than ${MAX_DEPTH} levels deep`);
  }

  private leave(): void {
    this.depth--;
  }

  /** A whole side: terms joined by `+` and `-`. */
  parseExpr(): MathNode {
    this.enter();
    try {
      const start = this.peek()?.start ?? this.srcLength;
      const terms: { sign: 1 | -1; node: MathNode }[] = [];
      let sign: 1 | -1 = 1;
      if (this.is('-') || this.is('+')) {
        sign = this.next().text === '-' ? -1 : 1;
      }
      terms.push({ sign, node: this.parseTerm() });
      while (this.is('+') || this.is('-') || this.is('\\pm')) {
        const op = this.next();
        if (op.text === '\\pm') this.fail('`\\pm` has two values; write each case as its own chain', op);
        terms.push({ sign: op.text === '-' ? -1 : 1, node: this.parseTerm() });
      }
      if (terms.length === 1 && terms[0].sign === 1) return terms[0].node;
      return { type: 'sum', terms, span: { start, end: terms[terms.length - 1].node.span.end } };
    } finally {
      this.leave();
    }
  }

  /** Factors joined by explicit or implicit multiplication and division. */
  parseTerm(): MathNode {
    const first = this.parseUnary();
    const factors: { op: '*' | '/'; node: MathNode }[] = [{ op: '*', node: first }];
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.kind !== 'textarg' && MULS.has(t.text)) {
        this.next();
        factors.push({ op: '*', node: this.parseUnary() });
      } else if (t.kind !== 'textarg' && DIVS.has(t.text)) {
        this.next();
        factors.push({ op: '/', node: this.parseUnary() });
      } else if (this.startsFactor(t)) {
        factors.push({ op: '*', node: this.parsePower() });
      } else break;
    }
    if (factors.length === 1) return first;
    return { type: 'prod', factors, span: { start: first.span.start, end: factors[factors.length - 1].node.span.end } };
  }

  /** Whether `t` can begin a factor that multiplies the one before it (`2P`, `D(K-1)`, `2\sqrt{x}`). */
  private startsFactor(t: Token): boolean {
    switch (t.kind) {
      case 'num':
      case 'letter':
        return true;
      case 'textarg':
        return !PROSE_TEXT.has(t.text) && t.text !== '\\mathbb' && t.text !== '\\mathcal';
      case 'punct':
        return t.text === '(' || t.text === '[' || t.text === '{';
      case 'cmd': {
        const name = t.text.slice(1);
        return (
          FRACS.has(t.text) ||
          Object.hasOwn(FN_COMMANDS, t.text) ||
          GREEK.has(name) ||
          ['\\sqrt', '\\lfloor', '\\lceil', '\\sum', '\\prod', '\\{', '\\lbrace', '\\lvert'].includes(t.text)
        );
      }
    }
  }

  private parseUnary(): MathNode {
    this.enter();
    try {
      if (this.is('-') || this.is('+')) {
        const op = this.next();
        const arg = this.parseUnary();
        if (op.text === '+') return arg;
        return { type: 'neg', arg, span: { start: op.start, end: arg.span.end } };
      }
      return this.parsePower();
    } finally {
      this.leave();
    }
  }

  private parsePower(): MathNode {
    let base = this.parseAtom();
    while (this.is('^')) {
      this.next();
      const exp = this.parseArg('`^`');
      base = { type: 'pow', base, exp, span: { start: base.span.start, end: exp.span.end } };
    }
    if (this.is('_')) this.fail('a subscript only goes on a name (`W_{out}`)');
    if (this.is("'") || this.is('!')) this.fail(`${describe(this.peek())} is not supported in a math check`);
    return base;
  }

  /**
   * The argument of `^`, `\frac`, `\sqrt`: a braced group, or, as TeX reads it, a single token
   * (`x^23` is x² times 3, `\frac12` is one half).
   */
  private parseArg(what: string): MathNode {
    const t = this.peek();
    if (!t) this.fail(`${what} needs an argument`);
    if (this.is('{')) {
      const open = this.next();
      if (this.is('}')) this.fail(`${what} has an empty argument`);
      const inner = this.parseExpr();
      const close = this.expect('}', open);
      return { ...inner, span: { start: open.start, end: close.end } };
    }
    if (t.kind === 'num') return this.takeDigit();
    if (t.kind === 'letter') {
      this.next();
      return { type: 'sym', name: t.text, base: t.text, sub: null, span: { start: t.start, end: t.end } };
    }
    if (t.kind === 'cmd' && GREEK.has(t.text.slice(1))) {
      this.next();
      const name = t.text.slice(1);
      return { type: 'sym', name, base: name, sub: null, span: { start: t.start, end: t.end } };
    }
    this.fail(`${what} needs a {...} argument, found ${describe(t)}`);
  }

  /** The first digit of a number token; the rest stays in the stream for TeX's single-token arguments. */
  private takeDigit(): MathNode {
    const t = this.tokens[this.pos];
    if (t.text.length === 1) {
      this.pos++;
      return { type: 'num', raw: t.text, span: { start: t.start, end: t.end } };
    }
    const rest: Token = { kind: 'num', text: t.text.slice(1), start: t.start + 1, end: t.end };
    if (rest.text.startsWith('.') && rest.text.length === 1) this.tokens.splice(this.pos, 1, { ...rest, kind: 'punct' });
    else this.tokens[this.pos] = rest;
    return { type: 'num', raw: t.text[0], span: { start: t.start, end: t.start + 1 } };
  }

  /** A subscript as part of a name: `_{out}`, `_{\text{out}}`, `_{jk}`, `_1`. */
  private parseSubscript(): { text: string; span: Span } {
    const us = this.next();
    const t = this.peek();
    if (!t) this.fail('`_` needs a subscript', us);
    if (this.is('{')) {
      const open = this.next();
      const parts: string[] = [];
      let depth = 1;
      for (;;) {
        const u = this.peek();
        if (!u) this.fail('the `{` of this subscript is never closed', open);
        this.next();
        if (u.kind === 'punct' && u.text === '{') depth++;
        else if (u.kind === 'punct' && u.text === '}') {
          if (--depth === 0) {
            const text = flattenName(parts.join(''));
            if (!text) this.fail('empty subscript', open);
            return { text, span: { start: us.start, end: u.end } };
          }
        } else if (u.kind === 'textarg') parts.push(u.content ?? '');
        else if (u.kind === 'cmd') parts.push(u.text === '\\\\' ? '' : u.text.slice(1));
        else parts.push(u.text);
      }
    }
    if (t.kind === 'num') {
      const d = this.takeDigit() as { raw: string; span: Span };
      return { text: d.raw, span: { start: us.start, end: d.span.end } };
    }
    this.next();
    if (t.kind === 'letter') return { text: t.text, span: { start: us.start, end: t.end } };
    if (t.kind === 'textarg') return { text: flattenName(t.content ?? ''), span: { start: us.start, end: t.end } };
    if (t.kind === 'cmd' && GREEK.has(t.text.slice(1))) return { text: t.text.slice(1), span: { start: us.start, end: t.end } };
    this.fail(`cannot read the subscript ${describe(t)}`, t);
  }

  /** A name with its optional subscript; `base` is already flattened. */
  private symbol(base: string, start: number, end: number): MathNode {
    if (this.is('_')) {
      const sub = this.parseSubscript();
      return { type: 'sym', name: `${base}_${sub.text}`, base, sub: sub.text, span: { start, end: sub.span.end } };
    }
    return { type: 'sym', name: base, base, sub: null, span: { start, end } };
  }

  private parseAtom(): MathNode {
    this.enter();
    try {
      return this.atom();
    } finally {
      this.leave();
    }
  }

  private atom(): MathNode {
    const t = this.peek();
    if (!t) this.fail('expected a value here, but the math ends');
    const span = { start: t.start, end: t.end };
    if (t.kind === 'num') {
      this.next();
      return { type: 'num', raw: t.text, span };
    }
    if (t.kind === 'letter') {
      this.next();
      return this.symbol(t.text, t.start, t.end);
    }
    if (t.kind === 'textarg') return this.namedText(t);
    const group = Object.hasOwn(CLOSERS, t.text) ? CLOSERS[t.text] : undefined;
    if (group) {
      const open = this.next();
      const inner = this.parseExpr();
      const close = this.expect(group.close, open);
      const outer = { start: open.start, end: close.end };
      if (group.fn) return { type: 'call', fn: group.fn, args: [inner], base: null, span: outer };
      return { ...inner, span: outer };
    }
    if (t.kind !== 'cmd') this.fail(`unexpected ${describe(t)}`);
    if (FRACS.has(t.text)) {
      this.next();
      const num = this.parseArg(`\`${t.text}\``);
      const den = this.parseArg(`\`${t.text}\``);
      return { type: 'frac', num, den, span: { start: t.start, end: den.span.end } };
    }
    if (t.text === '\\sqrt') {
      this.next();
      let index: MathNode | null = null;
      if (this.is('[')) {
        const open = this.next();
        index = this.parseExpr();
        this.expect(']', open);
      }
      const arg = this.parseArg('`\\sqrt`');
      return { type: 'call', fn: 'sqrt', args: [arg], base: index, span: { start: t.start, end: arg.span.end } };
    }
    if (t.text === '\\sum' || t.text === '\\prod') return this.bigop(t);
    if (t.text === '\\sigma' && this.is('(', 1)) {
      this.next();
      return this.callArgs('sigmoid', t, null);
    }
    if (Object.hasOwn(FN_COMMANDS, t.text)) {
      this.next();
      let base: MathNode | null = null;
      if (this.is('_')) {
        const us = this.next();
        base = this.parseArg('`_`');
        base = { ...base, span: { start: us.start, end: base.span.end } };
      }
      return this.callArgs(FN_COMMANDS[t.text], t, base);
    }
    const name = t.text.slice(1);
    if (GREEK.has(name)) {
      this.next();
      return this.symbol(name, t.start, t.end);
    }
    if (t.text === '\\partial' || t.text === '\\nabla' || t.text === '\\int')
      this.fail(`${describe(t)}: derivatives and integrals are not checked by \`math\` (use grad/jacobian claims)`);
    this.fail(`${describe(t)} is not supported in a math check`);
  }

  /** `\operatorname{ReLU}(x)` is a function; `\mathrm{W}_{out}`, `\text{out}` are names. */
  private namedText(t: Token): MathNode {
    this.next();
    const word = flattenName(t.content ?? '');
    const fn = Object.hasOwn(FN_WORDS, word.toLowerCase()) ? FN_WORDS[word.toLowerCase()] : undefined;
    if (fn && (t.text === '\\operatorname' || this.is('('))) return this.callArgs(fn, t, null);
    if (t.text === '\\mathbb' || t.text === '\\mathcal' || !IDENT.test(word))
      this.fail(`${describe(t)} is not a value`, t);
    return this.symbol(word, t.start, t.end);
  }

  /** The arguments after a function name: `(a, b)`, `\{a, b\}`, or one operand (`\exp x`, `\log 2`). */
  private callArgs(fn: FnName, nameTok: Token, base: MathNode | null): MathNode {
    let power: MathNode | null = null;
    if (this.is('^')) {
      // `\tanh^2(x)` is (tanh x)², as in every textbook.
      this.next();
      power = this.parseArg('`^`');
    }
    const args: MathNode[] = [];
    let end: number;
    const open = this.peek();
    if (open && (this.is('(') || this.is('\\{') || this.is('['))) {
      this.next();
      const close = CLOSERS[open.text].close;
      args.push(this.parseExpr());
      while (this.is(',')) {
        this.next();
        args.push(this.parseExpr());
      }
      end = this.expect(close, open).end;
    } else {
      if (fn === 'max' || fn === 'min') this.fail(`\`${nameTok.text}\` needs its arguments in parentheses: \\max(a, b)`);
      const arg = this.parseUnary();
      args.push(arg);
      end = arg.span.end;
    }
    const many = fn === 'max' || fn === 'min';
    if (!many && args.length !== 1) this.fail(`${describe(nameTok)} takes one argument, got ${args.length}`, nameTok);
    const call: MathNode = { type: 'call', fn, args, base, span: { start: nameTok.start, end } };
    if (!power) return call;
    return { type: 'pow', base: call, exp: power, span: call.span };
  }

  /** `\sum_{k=0}^{n} body`: the body is the product that follows, as in `\sum_k a_k b_k + c`. */
  private bigop(t: Token): MathNode {
    this.next();
    let index: string | null = null;
    let from: MathNode | null = null;
    let to: MathNode | null = null;
    for (let round = 0; round < 2; round++) {
      if (this.is('_') && index === null) {
        this.next();
        const open = this.peek();
        if (!open || !this.is('{')) this.fail(`\`${t.text}\` needs its lower bound as _{k=0}`, open);
        this.next();
        const idx = this.peek();
        let name: string | null = null;
        if (idx?.kind === 'letter') name = idx.text;
        else if (idx?.kind === 'cmd' && GREEK.has(idx.text.slice(1))) name = idx.text.slice(1);
        if (name === null) this.fail(`\`${t.text}\` needs an index variable, as in _{k=0}`, idx);
        const sym = this.symbol((this.next(), name), idx!.start, idx!.end);
        index = sym.type === 'sym' ? sym.name : name;
        if (!this.is('=')) this.fail(`\`${t.text}\` needs a numeric lower bound, as in _{${index}=0}`);
        this.next();
        from = this.parseExpr();
        this.expect('}', open);
      } else if (this.is('^') && to === null) {
        this.next();
        to = this.parseArg(`the upper bound of \`${t.text}\``);
      }
    }
    if (index === null || from === null || to === null)
      this.fail(`\`${t.text}\` needs numeric bounds, as in ${t.text}_{k=0}^{1}`, t);
    const body = this.parseTerm();
    return { type: 'bigop', op: t.text === '\\sum' ? 'sum' : 'prod', index, from, to, body, span: { start: t.start, end: body.span.end } };
  }
}
