/**
 * Identity claims `EXPR == EXPR` (spec section 2): both sides are evaluated; tensors that have only a
 * shape get random normal values, in several independent seeded trials, with random small positive
 * integers for symbols that have no value. The claim holds when every element agrees within
 * 1e-9 relative + 1e-12 absolute in every trial.
 */
import type { Expr } from '../claims/ast';
import { EngineError, OpFailure } from './errors';
import { Evaluator, sourceOf, toEngineError, type EvalEnv } from './evaluate';
import { formatNumber, unflatten } from './compare';
import { Budget, type EngineLimits } from './limits';
import { namesIn } from './print';
import { normalSampler, seededUniform } from './rng';
import { concrete, fmt, numel, sameShape, shapeSymbols, substituteShape, type Shape } from './shape';
import { Tensor } from './tensor';

export type IdentityOutcome =
  | { ok: true; holds: boolean; shape: Shape; maxDiff: number; where: number[] | null; trials: number; message: string }
  | { ok: false; error: EngineError };

const REL = 1e-9;
const ABS = 1e-12;

/** Elementwise agreement; the largest difference and, when some element disagrees, the worst one. */
function agreement(a: Float64Array, b: Float64Array): { holds: boolean; maxDiff: number; worst: number } {
  let holds = true;
  let maxDiff = 0;
  let worst = -1;
  let worstRatio = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (x === y) continue;
    const d = Math.abs(x - y);
    const tol = ABS + REL * Math.max(Math.abs(x), Math.abs(y));
    const ratio = Number.isNaN(d) ? Infinity : d / tol;
    if (!(d <= maxDiff) || Number.isNaN(d)) maxDiff = Number.isNaN(d) ? Infinity : Math.max(maxDiff, d);
    if (!(d <= tol)) {
      holds = false;
      if (ratio > worstRatio || worst < 0) {
        worstRatio = ratio;
        worst = i;
      }
    }
  }
  return { holds, maxDiff, worst };
}

/** Names read by the expressions, and by the `let` expressions behind shape-only values, transitively. */
function symbolsToAssign(exprs: Expr[], env: EvalEnv): Set<string> {
  const out = new Set<string>();
  const seen = new Set<Tensor>();
  const visit = (e: Expr, en: EvalEnv): void => {
    for (const n of namesIn(e)) {
      const t = en.tensors.get(n);
      if (!t) {
        if (!en.symbols.has(n)) out.add(n); // a size with no value, e.g. zeros(n)
        continue;
      }
      if (seen.has(t)) continue;
      seen.add(t);
      for (const s of shapeSymbols(t.shape)) if (!en.symbols.has(s)) out.add(s);
      const src = sourceOf(t);
      if (src && !t.data) visit(src.expr, src.env);
    }
  };
  for (const e of exprs) visit(e, env);
  return out;
}

/** One trial's bindings: shape-only tensors replaced by random ones, recomputed through `let`s. */
export class TrialWorld {
  private readonly made = new Map<Tensor, Tensor>();

  constructor(
    private readonly symbols: ReadonlyMap<string, number>,
    private readonly normal: () => number,
    private readonly budget: Budget,
    private readonly rng: () => number,
  ) {}

  envFor(e: Expr, base: EvalEnv): EvalEnv {
    const tensors = new Map<string, Tensor>();
    for (const n of namesIn(e)) {
      const t = base.tensors.get(n);
      if (t) tensors.set(n, this.randomized(t, n));
    }
    const symbols = new Map(base.symbols);
    for (const [k, v] of this.symbols) if (!symbols.has(k)) symbols.set(k, v);
    return { tensors, symbols, rng: this.rng, modules: base.modules, layout: base.layout };
  }

  randomized(t: Tensor, name: string): Tensor {
    if (t.data) return t;
    const done = this.made.get(t);
    if (done) return done;
    let out: Tensor;
    const src = sourceOf(t);
    if (src) {
      const ev = new Evaluator(this.envFor(src.expr, src.env), this.budget);
      out = ev.tensor(src.expr);
      if (!out.data) throw new OpFailure(`${name} could not be given values for the trial`, 'needs-values');
    } else {
      const shape = substituteShape(t.shape, this.symbols);
      const dims = concrete(shape);
      if (!dims) throw new OpFailure(`${name} has the shape ${fmt(t.shape)}, which has no concrete size for a random trial`, 'needs-values');
      this.budget.checkElements(numel(dims), `random values for ${name} (${fmt(shape)})`);
      const data = new Float64Array(numel(dims));
      for (let i = 0; i < data.length; i++) data[i] = this.normal();
      out = new Tensor(shape, data);
    }
    this.made.set(t, out);
    return out;
  }
}

export function checkIdentity(left: Expr, right: Expr, env: EvalEnv, limits: EngineLimits, trials = 3): IdentityOutcome {
  const budget = new Budget(limits);
  const whole = { start: Math.min(left.span.start, right.span.start), end: Math.max(left.span.end, right.span.end) };
  try {
    // Pass 1, as written: symbolic shapes must agree before any numbers are drawn.
    let shape: Shape | null = null;
    let exact: { a: Tensor; b: Tensor } | null = null;
    try {
      const ev = new Evaluator(env, budget);
      const a = ev.tensor(left);
      const b = ev.tensor(right);
      if (!sameShape(a.shape, b.shape)) {
        return {
          ok: true, holds: false, shape: a.shape, maxDiff: Infinity, where: null, trials: 0,
          message: `The two sides have different shapes: ${fmt(a.shape)} on the left, ${fmt(b.shape)} on the right`,
        };
      }
      shape = a.shape;
      if (a.data && b.data) exact = { a, b };
    } catch (err) {
      // A side may need values only to evaluate at all (x[j] with j shape-only): the trials give them.
      if (!(err instanceof OpFailure && err.code === 'needs-values')) throw err;
    }
    const usesRandom = symbolsToAssign([left, right], env).size > 0 || [left, right].some((e) =>
      [...namesIn(e)].some((n) => { const t = env.tensors.get(n); return t !== undefined && !t.data; }));
    if (exact && !usesRandom) {
      const r = agreement(exact.a.data as Float64Array, exact.b.data as Float64Array);
      return summarize(r, exact.a, exact.b, shape ?? exact.a.shape, 1, 1, false);
    }
    const toAssign = [...symbolsToAssign([left, right], env)];
    let maxDiff = 0;
    for (let k = 0; k < trials; k++) {
      const rng = seededUniform(0x1d3 + 7919 * k);
      const symbols = new Map<string, number>();
      for (const s of toAssign.sort()) symbols.set(s, 2 + Math.floor(rng() * 4));
      // Symbols that already have a value (a `let m = 4` after `let A : m x n`) keep it.
      const all = new Map([...env.symbols, ...symbols]);
      const world = new TrialWorld(all, normalSampler(rng), budget, rng);
      const ev = new Evaluator({ ...world.envFor({ type: 'list', items: [left, right], span: whole }, env), rng }, budget);
      const a = ev.tensor(left);
      const b = ev.tensor(right);
      if (!sameShape(a.shape, b.shape)) {
        return {
          ok: true, holds: false, shape: shape ?? a.shape, maxDiff: Infinity, where: null, trials: k + 1,
          message: `The two sides have different shapes in trial ${k + 1} (${describeSymbols(symbols)}): ${fmt(a.shape)} vs ${fmt(b.shape)}`,
        };
      }
      if (!a.data || !b.data) {
        const t = a.data ? b : a;
        throw new OpFailure(t.missing ?? `the ${a.data ? 'right' : 'left'} side has no values`, 'needs-values');
      }
      const r = agreement(a.data, b.data);
      maxDiff = Math.max(maxDiff, r.maxDiff);
      if (!r.holds) return summarize({ ...r, maxDiff }, a, b, shape ?? a.shape, k + 1, trials, true, symbols);
      if (k === trials - 1) return summarize({ ...r, maxDiff }, a, b, shape ?? a.shape, trials, trials, true, symbols);
    }
    throw new OpFailure('no trials were run', 'eval');
  } catch (err) {
    return { ok: false, error: toEngineError(err, whole) };
  }
}

function describeSymbols(symbols: ReadonlyMap<string, number>): string {
  return [...symbols].map(([k, v]) => `${k}=${v}`).join(', ') || 'no symbols';
}

function summarize(
  r: { holds: boolean; maxDiff: number; worst: number },
  a: Tensor,
  b: Tensor,
  shape: Shape,
  trial: number,
  trials: number,
  random: boolean,
  symbols?: ReadonlyMap<string, number>,
): IdentityOutcome {
  const dims = a.dims;
  const syms = symbols && symbols.size ? `, ${describeSymbols(symbols)}` : '';
  if (r.holds) {
    const how = random ? ` in ${trials} random trial${trials === 1 ? '' : 's'}` : '';
    return {
      ok: true, holds: true, shape, maxDiff: r.maxDiff, where: null, trials,
      message: `Both sides agree (shape ${fmt(shape)})${how}; largest difference ${formatNumber(r.maxDiff)}`,
    };
  }
  const where = unflatten(r.worst, dims);
  const at = dims.length ? ` at [${where.join(', ')}]` : '';
  const av = (a.data as Float64Array)[r.worst];
  const bv = (b.data as Float64Array)[r.worst];
  const how = random ? ` (trial ${trial} with random values${syms})` : '';
  return {
    ok: true, holds: false, shape, maxDiff: r.maxDiff, where, trials: trial,
    message: `The sides differ${at}: the left is ${formatNumber(av)}, the right is ${formatNumber(bv)}${how}; largest difference ${formatNumber(r.maxDiff)}`,
  };
}
