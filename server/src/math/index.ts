/**
 * Math checks (spec section 6): every link of the chain of relations in one piece of LaTeX math.
 * The integrator finds the math and the bound values; this module parses, evaluates and judges, and
 * never throws: any input, however large or malformed, comes back as an outcome.
 */
import type { MathLink } from '../core/result';
import type { Chain } from './ast';
import { parseChains } from './chain';
import { checkChain } from './check-chain';
import { MathEvalError } from './evaluate';
import type { Bindings } from './evaluate';
import { fullValue, shortValue } from './format';
import { flattenName } from './names';
import { MathSyntaxError } from './parser';
import { tokenize } from './tokens';
import { fromNumber, toNumber } from './value';
import type { Value } from './value';
import { defaultLimits, type EngineLimits, type Tensor } from '../engine';
import { resolveLetName } from './names';

export { flattenName } from './names';

export interface MathInput {
  /** The math body (between the delimiters / inside the environment). */
  latex: string;
  /** Document offset of latex[0]: every span returned is a document offset. */
  offset: number;
  /** 'align', 'align*', 'equation', ... when an environment. `&` and `\\` are read the same way in any math. */
  env?: string;
  /** Values from `let` and the `math` bindings, by name (`W`, `W_out`, `W_{out}`: names are flattened). */
  symbols: ReadonlyMap<string, number>;
  /** Seeded, for random points; a fixed seed is used without it. */
  rng?: () => number;
  /**
   * The `let` tensors in binding order (section 6a): chains that use them, or tensor notation
   * (`^\top`, `bmatrix`, `\frac{\partial L}{\partial W}`), are checked with the engine.
   */
  tensors?: ReadonlyMap<string, Tensor>;
  /** The engine's limits for tensor chains (the block's deadline). */
  limits?: EngineLimits;
  /** `Date.now()` after which scalar evaluation stops with an error (the claim block's time limit). */
  deadline?: number;
}

export interface MathOutcome {
  status: 'pass' | 'fail' | 'error';
  links: MathLink[];
  /** The value of the chain's last side when it is a number (the CLI's `computed`). */
  lastValue: number | null;
  /** A leading lone symbol with no value is the name being defined, bound to the chain's value. */
  defines: { name: string; value: number } | null;
  /** Every name defined (`d_k = d_v = d_{model}/h = 64` defines two), in order; `defines` is the first. */
  definitions: { name: string; value: number }[];
  message: string;
  /** Document offsets of what could not be read or evaluated, for status 'error'. */
  errorSpan: { start: number; end: number } | null;
  /** Set when the math was stopped by a limit (its work budget or the claim block's time limit). */
  limit?: true;
  /** How each side evaluated, for hovers. */
  steps: string[];
}

/** Longer math than this is refused rather than parsed: no homework derivation is this long. */
export const MAX_MATH_LENGTH = 100_000;
/** Node visits per check (all sides, all random points). */
const EVAL_BUDGET = 2_000_000;

/** Seedable, so symbolic links are tried at the same points every run. */
export { seededUniform as seededRng } from '../core/random';
import { seededUniform as seededRng } from '../core/random';

function errorOutcome(message: string, span: { start: number; end: number }, links: MathLink[] = [], steps: string[] = []): MathOutcome {
  return { status: 'error', links, lastValue: null, defines: null, definitions: [], message, errorSpan: span, steps };
}

/** Bound values with a record of which were read, so the hover can say "with W=10, K=3". */
class TrackedBindings implements Bindings {
  readonly used = new Set<string>();
  constructor(private readonly values: Map<string, Value>) {}
  /** Section 6a's spelling rules: `W_{1}` finds `W1`, `\hat{y}` finds `yhat`; as written wins. */
  private key(name: string): string | undefined {
    if (this.values.has(name)) return name;
    return resolveLetName(name, [...this.values.keys()], (n) => this.values.has(n));
  }
  get(name: string): Value | undefined {
    const k = this.key(name);
    if (k === undefined) return undefined;
    const v = this.values.get(k);
    if (v) this.used.add(k);
    return v;
  }
  has(name: string): boolean {
    return this.key(name) !== undefined;
  }
  set(name: string, v: Value): void {
    this.values.set(name, v);
  }
}

function bindingsOf(symbols: ReadonlyMap<string, number>): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const [name, value] of symbols) {
    // A binding that is not a finite number cannot stand for a side's value; the name stays unbound.
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    out.set(flattenName(name), fromNumber(value));
  }
  return out;
}

export function checkMath(input: MathInput): MathOutcome {
  const whole = { start: input.offset, end: input.offset + (input.latex?.length ?? 0) };
  try {
    return check(input);
  } catch (e) {
    // Every expected failure is handled inside; this is the guarantee that the server never crashes.
    const detail = e instanceof RangeError ? 'the math is too deeply nested or too large' : String((e as Error)?.message ?? e);
    return errorOutcome(`Cannot check this math: ${detail}`, whole);
  }
}

function check(input: MathInput): MathOutcome {
  const latex = typeof input.latex === 'string' ? input.latex : '';
  const offset = Number.isFinite(input.offset) ? input.offset : 0;
  const at = (s: { start: number; end: number }) => ({ start: offset + s.start, end: offset + s.end });
  const whole = { start: offset, end: offset + latex.length };
  if (latex.length > MAX_MATH_LENGTH)
    return errorOutcome(`The math is ${latex.length} characters long; a math check reads at most ${MAX_MATH_LENGTH}`, { start: offset, end: offset + 1 });

  const lexed = tokenize(latex);
  if ('error' in lexed) return errorOutcome(`Cannot read the math: ${lexed.error.message}`, at(lexed.error));
  let chains: Chain[];
  try {
    // A run of letters that spells a `let` name (one letter is a symbol anyway) is that name.
    const known = [...(input.symbols?.keys() ?? []), ...(input.tensors?.keys() ?? [])].map(flattenName).filter((n) => n.length > 1);
    const knownSet = new Set(known);
    const isName = known.length === 0 ? undefined : (word: string) => knownSet.has(word) || resolveLetName(word, known, (n) => knownSet.has(n)) !== undefined;
    chains = parseChains(lexed.tokens, latex.length, isName).chains;
  } catch (e) {
    if (e instanceof MathSyntaxError) return errorOutcome(`Cannot read the math: ${e.message}`, at(e.span));
    throw e;
  }
  chains = chains.filter((c) => c.rels.length > 0);
  if (chains.length === 0)
    return errorOutcome('The math has no relation to check (=, \\approx, <, \\le, >, \\ge, \\neq)', whole);

  const bound = new TrackedBindings(bindingsOf(input.symbols ?? new Map()));
  // Tensor notation (`\sigma'(z)`, a bmatrix) is evaluated by the engine even with no `let` tensors.
  const tensors = input.tensors ?? new Map<string, Tensor>();
  const names = [...tensors.keys()];
  const tensor = { tensors, symbols: input.symbols ?? new Map(), limits: input.limits ?? defaultLimits(2000), resolve: (n: string) => resolveLetName(n, names, (k) => tensors.has(k)) };
  const ctx = { latex, offset, bound, rng: input.rng ?? seededRng(0x5eed), budget: { left: EVAL_BUDGET, deadline: input.deadline ?? input.limits?.deadline }, tensor, macros: new Map(), functions: new Set<string>() };
  const links: MathLink[] = [];
  const steps: string[] = [];
  let defines: MathOutcome['defines'] = null;
  const definitions: MathOutcome['definitions'] = [];
  let definedValue: Value | null = null;
  let last: Value | null = null;
  for (const chain of chains) {
    let r;
    try {
      r = checkChain(ctx, chain);
    } catch (e) {
      if (e instanceof MathEvalError) {
        const out = errorOutcome(`Cannot evaluate ${quote(latex, e.span)}: ${e.message}`, at(e.span), links, steps);
        if (e.limit) out.limit = true;
        return out;
      }
      throw e;
    }
    links.push(...r.links);
    steps.push(...r.steps);
    last = r.last;
    for (const d of r.defines) {
      if (!d.value) continue;
      // Later chains of the same math may use the name (`y &= 2 \\ z &= 3y`).
      bound.set(d.name, d.value);
      definitions.push({ name: d.name, value: toNumber(d.value) });
      if (!defines) {
        defines = { name: d.name, value: toNumber(d.value) };
        definedValue = d.value;
      }
    }
  }
  const definedNames = new Set(definitions.map((d) => d.name));
  const usedBindings = [...bound.used].filter((n) => !definedNames.has(n)).sort();
  if (usedBindings.length > 0)
    steps.unshift(`with ${usedBindings.map((n) => `${n}=${shortValue(bound.get(n)!)}`).join(', ')}`);
  const lastValue = last === null ? null : toNumber(last);
  const broken = links.findIndex((l) => !l.holds && !l.error);
  const errored = links.findIndex((l) => l.error !== undefined);
  const unchecked = links.filter((l) => l.error).length;
  const note = unchecked > 0 ? `; ${unchecked} link${unchecked > 1 ? 's' : ''} could not be checked (${links[errored].message})` : '';
  if (broken >= 0) {
    const more = links.filter((l) => !l.holds && !l.error).length - 1;
    const message = `Link ${broken + 1} of ${links.length} breaks: ${links[broken].message}${more > 0 ? ` (and ${more} more broken link${more > 1 ? 's' : ''})` : ''}${note}`;
    return { status: 'fail', links, lastValue, defines, definitions, message, errorSpan: null, steps };
  }
  if (errored >= 0) {
    // Only the links with the unreadable side are errors; the others were checked and hold.
    const held = links.length - unchecked;
    const rest = held > 0 ? ` (the other ${held === 1 ? 'link holds' : `${held} links hold`})` : '';
    const message = `Link ${errored + 1} of ${links.length} cannot be checked: ${links[errored].message}${rest}`;
    return { status: 'error', links, lastValue, defines, definitions, message, errorSpan: links[errored].error ?? null, steps };
  }
  const value = last === null ? '' : `; the chain's value is ${fullValue(last)}`;
  const message =
    links.length === 0
      ? defines && definedValue
        ? `Defines ${definitions.map((d) => d.name).join(' = ')} = ${fullValue(definedValue)} (no link to check)`
        : 'Defines a name with a symbolic value (no link to check)'
      : `${links.length > 1 ? `All ${links.length} links hold` : 'The link holds'}${definitions.length ? ` (defines ${definitions.map((d) => d.name).join(', ')})` : ''}${value}`;
  return { status: 'pass', links, lastValue, defines, definitions, message, errorSpan: null, steps };
}

function quote(latex: string, span: { start: number; end: number }): string {
  const t = latex.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  return t.length > 60 ? `\`${t.slice(0, 57)}...\`` : `\`${t}\``;
}
