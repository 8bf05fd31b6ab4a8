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
import { MATRIX_ENVS } from './tokens';
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
/** Elementwise products between tensors (section 6a); between numbers, products. */
const HADAMARD = new Set(['\\odot', '\\circ']);
/** Norm bars: `\|v\|`, `\lVert v \rVert`, `\Vert v \Vert`. */
const NORMS: Record<string, string> = { '\\|': '\\|', '\\lVert': '\\rVert', '\\Vert': '\\Vert' };
/** Accents written into a name as a suffix (`\hat{y}` is y_hat); `\vec` and `\boldsymbol` only change the font. */
const ACCENTS: Record<string, string> = {
  '\\hat': 'hat', '\\widehat': 'hat', '\\bar': 'bar', '\\overline': 'bar', '\\tilde': 'tilde', '\\widetilde': 'tilde',
  '\\vec': '', '\\overrightarrow': '',
};
/** Exponents that transpose: `^\top`, `^T`, `^{\mathsf{T}}`, `^\intercal`, `^{\mathrm{T}}`. */
function isTransposeMark(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.kind === 'cmd') return t.text === '\\top' || t.text === '\\intercal' || t.text === '\\mathsf' || t.text === '\\T';
  if (t.kind === 'letter') return t.text === 'T';
  if (t.kind === 'textarg') return (t.content ?? '').trim() === 'T' || (t.content ?? '').trim() === '\\top';
  return false;
}
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
  /** Open `\|` norms: inside one, the next `\|` closes it rather than starting a factor. */
  private normDepth = 0;
  /** Tokens split by takeDigit while a derivative is tried, to restore if it is not one. */
  private journal: { at: number; token: Token }[] | null = null;

  constructor(
    private readonly tokens: Token[],
    private readonly srcLength: number,
    /** Whether a run of letters (`lr`, `net`) is a bound name; without it every letter is a symbol. */
    private readonly isName?: (word: string) => boolean,
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

  reset(pos: number, depth = 0): void {
    this.pos = pos;
    this.depth = depth;
    this.normDepth = 0;
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
    const factors: { op: '*' | '/' | 'o'; node: MathNode }[] = [{ op: '*', node: first }];
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.kind !== 'textarg' && MULS.has(t.text)) {
        this.next();
        factors.push({ op: '*', node: this.parseUnary() });
      } else if (t.kind === 'cmd' && HADAMARD.has(t.text)) {
        this.next();
        factors.push({ op: 'o', node: this.parseUnary() });
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
        // `\text{net}_{h1}` is a name; `\text{ (round down)}` between terms is prose.
        if (PROSE_TEXT.has(t.text)) return this.is('_', 1);
        return t.text !== '\\mathbb';
      case 'punct':
        return t.text === '(' || t.text === '[' || t.text === '{';
      case 'cmd': {
        const name = t.text.slice(1);
        return (
          FRACS.has(t.text) ||
          Object.hasOwn(FN_COMMANDS, t.text) ||
          GREEK.has(name) ||
          ['\\sqrt', '\\lfloor', '\\lceil', '\\sum', '\\prod', '\\{', '\\lbrace', '\\lvert', '\\partial', '\\nabla'].includes(t.text) ||
          // `\|` both opens and closes: it starts a factor (`2\lambda \|w\|`) only outside a norm.
          t.text === '\\lVert' ||
          ((t.text === '\\|' || t.text === '\\Vert') && this.normDepth === 0) ||
          Object.hasOwn(ACCENTS, t.text) ||
          /^\\begin\{/.test(t.text)
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
      const hat = this.next();
      const mark = this.transposeMark();
      if (mark) {
        base = { type: 'transpose', arg: base, span: { start: base.span.start, end: mark } };
        continue;
      }
      const exp = this.parseArg('`^`');
      base = { type: 'pow', base, exp, span: { start: base.span.start, end: exp.span.end } };
      void hat;
    }
    if (this.is('_')) this.fail('a subscript only goes on a name (`W_{out}`)');
    if (this.is("'") || this.is('!')) this.fail(`${describe(this.peek())} is not supported in a math check`);
    return base;
  }

  /** After `^`: a transpose mark (`\top`, `T`, `{\mathsf{T}}`), consumed; its end offset, or null. */
  private transposeMark(): number | null {
    if (isTransposeMark(this.peek())) return this.next().end;
    if (this.is('{') && isTransposeMark(this.peek(1)) && this.is('}', 2)) {
      this.next();
      this.next();
      return this.next().end;
    }
    return null;
  }

  /**
   * Marks that are part of a name, after its subscript: primes (`w'`, `w^{\prime}`), `^{+}`, `^{*}`, and a
   * layer index in brackets (`W^{(1)}`, `a^{[2]}`), spelled `w_prime`, `w_plus`, `w_star`, `W_1`.
   */
  private nameMarks(): { suffix: string; end: number } | null {
    let suffix = '';
    let end = -1;
    for (;;) {
      if (this.is("'")) {
        end = this.next().end;
        suffix += '_prime';
        continue;
      }
      if (!this.is('^')) break;
      const word = (t: Token | undefined): string | null =>
        !t ? null : t.text === '+' ? 'plus' : t.text === '*' || t.text === '\\ast' || t.text === '\\star' ? 'star' : t.text === '\\prime' ? 'prime' : null;
      const one = word(this.peek(1));
      if (one && this.peek(1)?.kind !== 'textarg') {
        this.next();
        end = this.next().end;
        suffix += `_${one}`;
        continue;
      }
      if (this.is('{', 1) && word(this.peek(2)) && this.is('}', 3)) {
        const w = word(this.peek(2));
        this.next();
        this.next();
        this.next();
        end = this.next().end;
        suffix += `_${w}`;
        continue;
      }
      // `^{(1)}` / `^{[l]}`: a layer index.
      const o = this.peek(2);
      const idx = this.peek(3);
      if (this.is('{', 1) && o && (o.text === '(' || o.text === '[') && idx && (idx.kind === 'num' || idx.kind === 'letter') && this.is(o.text === '(' ? ')' : ']', 4) && this.is('}', 5)) {
        for (let k = 0; k < 5; k++) this.next();
        end = this.next().end;
        suffix += `_${idx.text}`;
        continue;
      }
      break;
    }
    return end < 0 ? null : { suffix, end };
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
    // A derivative tried and given up (derivativeFrac) puts the token back.
    this.journal?.push({ at: this.pos, token: t });
    this.tokens[this.pos] = rest.text.startsWith('.') && rest.text.length === 1 ? { ...rest, kind: 'punct' } : rest;
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
    let name = base;
    let sub: string | null = null;
    if (this.is('_')) {
      const s = this.parseSubscript();
      sub = s.text;
      name = `${base}_${s.text}`;
      end = s.span.end;
    }
    const marks = this.nameMarks();
    if (marks) {
      name += marks.suffix;
      end = marks.end;
    }
    return { type: 'sym', name, base, sub, span: { start, end } };
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
      const run = this.letterRun();
      if (run) return this.symbol(run.word, t.start, run.end);
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
    if (Object.hasOwn(NORMS, t.text)) {
      const open = this.next();
      this.normDepth++;
      let inner: MathNode;
      try {
        inner = this.parseExpr();
      } finally {
        this.normDepth--;
      }
      let end = this.expect(NORMS[t.text], open).end;
      // `\|v\|_2` (and `_F` for a matrix) name the norm we compute anyway.
      if (this.is('_') && (this.peek(1)?.text === '2' || this.peek(1)?.text === 'F')) {
        this.next();
        end = this.next().end;
      } else if (this.is('_') && this.is('{', 1) && (this.peek(2)?.text === '2' || this.peek(2)?.text === 'F') && this.is('}', 3)) {
        for (let k = 0; k < 3; k++) this.next();
        end = this.next().end;
      }
      return { type: 'norm', arg: inner, span: { start: open.start, end } };
    }
    if (/^\\begin\{/.test(t.text)) return this.matrix(t);
    if (Object.hasOwn(ACCENTS, t.text)) {
      this.next();
      const inner = this.parseArg(`\`${t.text}\``);
      if (inner.type !== 'sym') this.fail(`\`${t.text}\` goes on a name (\`${t.text}{y}\`)`, t);
      const base = ACCENTS[t.text] ? `${inner.name}_${ACCENTS[t.text]}` : inner.name;
      return this.symbol(base, t.start, inner.span.end);
    }
    if (FRACS.has(t.text)) {
      const d = this.derivativeFrac(t);
      if (d) return d;
    }
    if (t.text === '\\partial') return this.partialQuotient(t);
    if (t.text === '\\nabla') {
      this.next();
      if (!this.is('_')) this.fail('`\\nabla` needs the variable as a subscript: `\\nabla_W L`', t);
      this.next();
      const wrt = this.wrtName();
      const of = this.parsePower();
      return { type: 'deriv', of, wrt, span: { start: t.start, end: of.span.end } };
    }
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
    if ((t.text === '\\sigma' || Object.hasOwn(FN_COMMANDS, t.text)) && this.is("'", 1)) {
      this.next();
      this.next();
      return this.primeCall(t.text === '\\sigma' ? 'sigmoid' : FN_COMMANDS[t.text], t);
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
    if (t.text === '\\int') this.fail(`${describe(t)}: integrals are not checked by \`math\``);
    this.fail(`${describe(t)} is not supported in a math check`);
  }

  /**
   * The longest run of adjacent letters (two or more, no space between) that spells a bound name,
   * consumed: `lr` with `let lr = 0.1` is lr, not l·r. Null (nothing consumed) otherwise.
   */
  private letterRun(): { word: string; end: number } | null {
    if (!this.isName) return null;
    let n = 1;
    while (n < 32) {
      const a = this.peek(n - 1);
      const b = this.peek(n);
      if (!a || !b || b.kind !== 'letter' || b.start !== a.end) break;
      n++;
    }
    for (let k = n; k >= 2; k--) {
      let word = '';
      for (let i = 0; i < k; i++) word += this.peek(i)!.text;
      if (this.isName(word)) {
        const end = this.peek(k - 1)!.end;
        for (let i = 0; i < k; i++) this.next();
        return { word, end };
      }
    }
    return null;
  }

  /** `\operatorname{ReLU}(x)` is a function; `\mathrm{W}_{out}`, `\text{out}`, `\mathcal{L}` are names. */
  private namedText(t: Token): MathNode {
    this.next();
    const word = flattenName(t.content ?? '');
    const fn = Object.hasOwn(FN_WORDS, word.toLowerCase()) ? FN_WORDS[word.toLowerCase()] : undefined;
    if (fn && this.is("'")) {
      this.next();
      return this.primeCall(fn, t);
    }
    if (fn && (t.text === '\\operatorname' || this.is('('))) return this.callArgs(fn, t, null);
    if (t.text === '\\mathbb' || !IDENT.test(word))
      this.fail(`${describe(t)} is not a value`, t);
    return this.symbol(word, t.start, t.end);
  }

  /** `\sigma'(z)`: the derivative of an elementwise function at its argument. */
  private primeCall(fn: FnName, nameTok: Token): MathNode {
    const call = this.callArgs(fn, nameTok, null);
    if (call.type !== 'call' || call.args.length !== 1 || ['max', 'min', 'diag', 'tr', 'softmax', 'floor', 'ceil'].includes(fn))
      this.fail(`${describe(nameTok)}' : only an elementwise function of one argument has a derivative here`, nameTok);
    return { type: 'fnprime', fn, arg: call.args[0], span: call.span };
  }

  /** The variable of a derivative: a name (`W`, `W_1`, `\mathbf{w}`, `\theta`), braced or not. */
  private wrtName(): MathNode & { type: 'sym' } {
    const at = this.peek();
    let node: MathNode;
    if (this.is('{')) {
      const open = this.next();
      node = this.parsePower();
      this.expect('}', open);
    } else node = this.parseAtom();
    if (node.type !== 'sym') this.fail('a derivative is taken with respect to a name (`W`, `w_1`, `\\mathbf{x}`)', at);
    return node;
  }

  /**
   * `\frac{\partial L}{\partial W}`, `\frac{dL}{dW}`, and the operator forms `\frac{\partial}{\partial W} L`,
   * `\frac{d}{dx} f`; null (nothing consumed) when this `\frac` is an ordinary fraction.
   */
  private derivativeFrac(t: Token): MathNode | null {
    const save = this.pos;
    const saveDepth = this.depth;
    const marker = (tok: Token | undefined): 'partial' | 'd' | null =>
      tok?.kind === 'cmd' && tok.text === '\\partial' ? 'partial' : tok?.kind === 'letter' && tok.text === 'd' ? 'd' : null;
    if (!this.is('{', 1)) return null;
    const kind = marker(this.peek(2));
    if (!kind) return null;
    const outer = this.journal;
    const journal: { at: number; token: Token }[] = [];
    this.journal = journal;
    try {
      this.next();
      const open = this.next();
      this.next();
      let of: MathNode | null = null;
      if (!this.is('}')) of = this.parseExpr();
      this.expect('}', open);
      if (!this.is('{') || marker(this.peek(1)) !== kind || this.is('}', 2)) throw new MathSyntaxError('not a derivative', { start: 0, end: 0 });
      const open2 = this.next();
      this.next();
      const wrt = this.wrtName();
      const close = this.expect('}', open2);
      if (!of) of = this.parsePower();
      outer?.push(...journal);
      return { type: 'deriv', of, wrt, span: { start: t.start, end: Math.max(close.end, of.span.end) } };
    } catch (e) {
      if (!(e instanceof MathSyntaxError)) throw e;
      for (let k = journal.length - 1; k >= 0; k--) this.tokens[journal[k].at] = journal[k].token;
      this.reset(save, saveDepth);
      return null;
    } finally {
      this.journal = outer;
    }
  }

  /** `\partial L / \partial W`. */
  private partialQuotient(t: Token): MathNode {
    this.next();
    const of = this.parseAtom();
    if (!this.is('/') || !this.is('\\partial', 1))
      this.fail('`\\partial` is read in `\\frac{\\partial L}{\\partial W}` and `\\partial L / \\partial W`', t);
    this.next();
    this.next();
    const wrt = this.wrtName();
    return { type: 'deriv', of, wrt, span: { start: t.start, end: wrt.span.end } };
  }

  /** `\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}`: rows of entries. */
  private matrix(t: Token): MathNode {
    const env = t.text.slice('\\begin{'.length, -1).trim();
    if (!MATRIX_ENVS.has(env)) this.fail(`${describe(t)} is not supported in a math check`, t);
    this.next();
    const rows: MathNode[][] = [[]];
    for (;;) {
      const u = this.peek();
      if (!u) this.fail(`\`\\begin{${env}}\` is never closed`, t);
      if (u.kind === 'cmd' && u.text === `\\end{${env}}`) {
        this.next();
        if (rows[rows.length - 1].length === 0) rows.pop();
        if (rows.length === 0) this.fail('an empty matrix', t);
        const width = rows[0].length;
        if (rows.some((r) => r.length !== width)) this.fail(`the rows of this matrix have different lengths (${rows.map((r) => r.length).join(', ')})`, t);
        return { type: 'matrix', rows, span: { start: t.start, end: u.end } };
      }
      if (u.kind === 'cmd' && u.text === '\\\\') {
        this.next();
        rows.push([]);
        continue;
      }
      if (u.kind === 'punct' && u.text === '&') {
        this.next();
        continue;
      }
      rows[rows.length - 1].push(this.parseExpr());
    }
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
