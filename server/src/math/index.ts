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
  /** `Date.now()` after which evaluation stops with an error (the claim block's time limit). */
  deadline?: number;
}

export interface MathOutcome {
  status: 'pass' | 'fail' | 'error';
  links: MathLink[];
  /** The value of the chain's last side when it is a number (the CLI's `computed`). */
  lastValue: number | null;
  /** A leading lone symbol with no value is the name being defined, bound to the chain's value. */
  defines: { name: string; value: number } | null;
  message: string;
  /** Document offsets of what could not be read or evaluated, for status 'error'. */
  errorSpan: { start: number; end: number } | null;
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
  return { status: 'error', links, lastValue: null, defines: null, message, errorSpan: span, steps };
}

/** Bound values with a record of which were read, so the hover can say "with W=10, K=3". */
class TrackedBindings implements Bindings {
  readonly used = new Set<string>();
  constructor(private readonly values: Map<string, Value>) {}
  get(name: string): Value | undefined {
    const v = this.values.get(name);
    if (v) this.used.add(name);
    return v;
  }
  has(name: string): boolean {
    return this.values.has(name);
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
    chains = parseChains(lexed.tokens, latex.length).chains;
  } catch (e) {
    if (e instanceof MathSyntaxError) return errorOutcome(`Cannot read the math: ${e.message}`, at(e.span));
    throw e;
  }
  chains = chains.filter((c) => c.rels.length > 0);
  if (chains.length === 0)
    return errorOutcome('The math has no relation to check (=, \\approx, <, \\le, >, \\ge, \\neq)', whole);

  const bound = new TrackedBindings(bindingsOf(input.symbols ?? new Map()));
  const ctx = { latex, offset, bound, rng: input.rng ?? seededRng(0x5eed), budget: { left: EVAL_BUDGET, deadline: input.deadline } };
  const links: MathLink[] = [];
  const steps: string[] = [];
  let defines: MathOutcome['defines'] = null;
  let definedValue: Value | null = null;
  let last: Value | null = null;
  for (const chain of chains) {
    let r;
    try {
      r = checkChain(ctx, chain);
    } catch (e) {
      if (e instanceof MathEvalError) return errorOutcome(`Cannot evaluate ${quote(latex, e.span)}: ${e.message}`, at(e.span), links, steps);
      throw e;
    }
    links.push(...r.links);
    steps.push(...r.steps);
    last = r.last;
    if (r.defines?.value) {
      // Later chains of the same math may use the name (`y &= 2 \\ z &= 3y`).
      bound.set(r.defines.name, r.defines.value);
      if (!defines) {
        defines = { name: r.defines.name, value: toNumber(r.defines.value) };
        definedValue = r.defines.value;
      }
    }
  }
  const usedBindings = [...bound.used].filter((n) => n !== defines?.name).sort();
  if (usedBindings.length > 0)
    steps.unshift(`with ${usedBindings.map((n) => `${n}=${shortValue(bound.get(n)!)}`).join(', ')}`);
  const lastValue = last === null ? null : toNumber(last);
  const broken = links.findIndex((l) => !l.holds);
  if (broken >= 0) {
    const more = links.filter((l) => !l.holds).length - 1;
    const message = `Link ${broken + 1} of ${links.length} breaks: ${links[broken].message}${more > 0 ? ` (and ${more} more broken link${more > 1 ? 's' : ''})` : ''}`;
    return { status: 'fail', links, lastValue, defines, message, errorSpan: null, steps };
  }
  const value = last === null ? '' : `; the chain's value is ${fullValue(last)}`;
  const message =
    links.length === 0
      ? defines && definedValue
        ? `Defines ${defines.name} = ${fullValue(definedValue)} (no link to check)`
        : 'Defines a name with a symbolic value (no link to check)'
      : `${links.length > 1 ? `All ${links.length} links hold` : 'The link holds'}${defines ? ` (defines ${defines.name})` : ''}${value}`;
  return { status: 'pass', links, lastValue, defines, message, errorSpan: null, steps };
}

function quote(latex: string, span: { start: number; end: number }): string {
  const t = latex.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  return t.length > 60 ? `\`${t.slice(0, 57)}...\`` : `\`${t}\``;
}
