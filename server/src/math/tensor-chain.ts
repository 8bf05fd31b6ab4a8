/**
 * A chain with tensor values (section 6a), link by link: each `=` compares its two sides with
 * tensor-eval.ts. A leading lone name that is no `let` (`\delta_2 = (W_3^\top \delta_3) \odot \sigma'(z_2)`)
 * is defined: later chains of the same math read it as its formula, so it follows every trial.
 */
import type { MathLink } from '../core/result';
import type { Chain } from './ast';
import type { ChainContext, ChainResult } from './check-chain';
import { definedNames, text } from './check-chain';
import { MathEvalError } from './evaluate';
import { compareTensorSides, evalTensor, type TensorEnv } from './tensor-eval';
import { Budget } from '../engine/limits';
import { defaultLimits } from '../engine';
import { float } from './value';
import type { Value } from './value';
import { REL_TEXT } from './format';

export function checkTensorChain(ctx: ChainContext, env: TensorEnv, chain: Chain): ChainResult {
  const defined = definedNames(chain, ctx.bound, (n) => env.resolve(n) !== undefined || ctx.macros.has(n));
  const start = defined.length;
  const defines: ChainResult['defines'] = [];
  if (start > 0 && start < chain.sides.length) {
    const formula = chain.sides[start];
    let value: Value | null = null;
    try {
      // A definition whose value is a known number also binds for later claims.
      const v = evalTensor(formula, {
        env, bound: ctx.bound, macros: ctx.macros, budget: new Budget(env.limits ?? defaultLimits(2000)), world: (t) => t,
      });
      if (v.t.rank === 0 && v.t.data) value = float(v.t.data[0]);
    } catch (e) {
      if (!(e instanceof MathEvalError)) throw e;
    }
    for (const name of defined) {
      ctx.macros.set(name, formula);
      defines.push({ name, value });
    }
  }
  const links: MathLink[] = [];
  const steps: string[] = [];
  for (let i = start; i < chain.rels.length; i++) {
    const { rel } = chain.rels[i];
    const left = chain.sides[i];
    const right = chain.sides[i + 1];
    let holds = false;
    let message: string;
    let error: { start: number; end: number } | undefined;
    try {
      const v = compareTensorSides(left, right, env, ctx.bound, ctx.macros, rel);
      holds = v.holds;
      message = holds ? v.message : `${text(ctx, left)} ${REL_TEXT[rel]} ${text(ctx, right)} fails: ${v.message}`;
    } catch (e) {
      if (!(e instanceof MathEvalError) || e.limit) throw e;
      message = `cannot evaluate \`${text(ctx, e.span.end > e.span.start ? { ...left, span: e.span } : left)}\`: ${e.message}`;
      error = e.span;
    }
    steps.push(`${text(ctx, left)} ${REL_TEXT[rel]} ${text(ctx, right)}: ${message}`);
    links.push({
      relation: rel,
      leftSpan: { start: ctx.offset + left.span.start, end: ctx.offset + left.span.end },
      rightSpan: { start: ctx.offset + right.span.start, end: ctx.offset + right.span.end },
      holds,
      leftText: text(ctx, left),
      rightText: text(ctx, right),
      message,
      ...(error ? { error: { start: ctx.offset + error.start, end: ctx.offset + error.end } } : {}),
    });
  }
  return { links, defines, last: null, steps };
}
