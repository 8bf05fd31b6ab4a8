/**
 * Checks the links of one chain. Each side is evaluated once with the bound values; a link whose sides
 * both have a value is compared directly, one with free symbols at random points.
 *
 * A wrong middle step is reported on that step only: after a broken `=` link, the next link is also
 * compared with the last side before the break, so `A = B(typo) = C(correct again)` reports A = B
 * alone, and `A = B(wrong) = B` (the error carried forward) also reports A = B alone.
 */
import type { MathLink } from '../core/result';
import type { Chain, MathNode, Relation } from './ast';
import { FreeSymbol, MathEvalError, evaluate } from './evaluate';
import type { Bindings } from './evaluate';
import { BROKEN_TEXT, REL_TEXT, collapse, fullValue, shortValue } from './format';
import { holds, isEquality } from './relations';
import { checkSymbolic } from './symbolic';
import type { Value } from './value';

export interface ChainContext {
  latex: string;
  offset: number;
  bound: Bindings;
  rng: () => number;
  budget: { left: number };
}

type SideValue = { kind: 'value'; value: Value } | { kind: 'symbolic' };

export interface ChainResult {
  links: MathLink[];
  /** The name a leading lone unbound symbol defines, and the value it gets (null when symbolic). */
  defines: { name: string; value: Value | null } | null;
  /** Value of the chain's last side, when it has one. */
  last: Value | null;
  steps: string[];
}

function text(ctx: ChainContext, node: MathNode): string {
  return collapse(ctx.latex.slice(node.span.start, node.span.end));
}

/** `\frac{10-3}{2}+1 = 4.5`, or just `4` when the side is the number itself. */
function described(src: string, v: Value): string {
  const short = shortValue(v);
  return src === short ? src : `${src} = ${short}`;
}

function evalSide(ctx: ChainContext, node: MathNode): SideValue {
  try {
    return {
      kind: 'value',
      value: evaluate(node, {
        bound: ctx.bound,
        budget: ctx.budget,
        free: (name) => {
          throw new FreeSymbol(name);
        },
      }),
    };
  } catch (e) {
    if (e instanceof FreeSymbol) return { kind: 'symbolic' };
    throw e;
  }
}

interface Verdict {
  holds: boolean;
  message: string;
}

function comparePair(
  ctx: ChainContext,
  rel: Relation,
  left: MathNode,
  lv: SideValue,
  right: MathNode,
  rv: SideValue,
): Verdict {
  const lt = text(ctx, left);
  const rt = text(ctx, right);
  if (lv.kind === 'value' && rv.kind === 'value') {
    if (holds(rel, lv.value, rv.value))
      return { holds: true, message: `holds: ${shortValue(lv.value)} ${REL_TEXT[rel]} ${shortValue(rv.value)}` };
    return {
      holds: false,
      message: `${described(lt, lv.value)}, but the next side ${described(rt, rv.value)} ${BROKEN_TEXT[rel]} ${shortValue(lv.value)}`,
    };
  }
  const v = checkSymbolic(left, right, rel, ctx.bound, ctx.rng, ctx.budget);
  switch (v.kind) {
    case 'holds':
      return { holds: true, message: `holds at ${v.points} random points (${v.free.join(', ')} free)` };
    case 'identical':
      return { holds: false, message: `${lt} ≠ ${rt} is false: the sides agree at ${v.points} random points` };
    case 'undefined':
      throw v.error;
    case 'breaks': {
      const at = v.free.map((n) => `${n}=${shortValue(v.point.get(n)!)}`).join(', ');
      const numeric = lv.kind === 'value' || rv.kind === 'value';
      const hint = numeric ? ` (${v.free.join(', ')} ${v.free.length === 1 ? 'has' : 'have'} no value: bind ${v.free.length === 1 ? 'it' : 'them'} in the claim, as in \`math ${v.free[0]}=...\`)` : '';
      return {
        holds: false,
        message: `${lt} ${REL_TEXT[rel]} ${rt} fails at ${at}: left ${shortValue(v.left)}, right ${shortValue(v.right)}${hint}`,
      };
    }
  }
}

/** A leading lone symbol with no value, joined by `=`/`\approx`, names what the chain defines. */
function definedName(chain: Chain, bound: Bindings): string | null {
  const first = chain.sides[0];
  if (chain.rels.length === 0 || first.type !== 'sym' || !isEquality(chain.rels[0].rel)) return null;
  if (bound.has(first.name) || first.name === 'e' || first.name === 'pi') return null;
  // `x = x` and `y = 2y - y` are identities about y, not definitions of it.
  if (chain.sides.slice(1).some((s) => mentions(s, first.name))) return null;
  return first.name;
}

function mentions(node: MathNode, name: string): boolean {
  switch (node.type) {
    case 'num':
      return false;
    case 'sym':
      return node.name === name;
    case 'sum':
      return node.terms.some((t) => mentions(t.node, name));
    case 'prod':
      return node.factors.some((f) => mentions(f.node, name));
    case 'neg':
      return mentions(node.arg, name);
    case 'pow':
      return mentions(node.base, name) || mentions(node.exp, name);
    case 'frac':
      return mentions(node.num, name) || mentions(node.den, name);
    case 'call':
      return node.args.some((a) => mentions(a, name)) || (node.base !== null && mentions(node.base, name));
    case 'bigop':
      return mentions(node.from, name) || mentions(node.to, name) || (node.index !== name && mentions(node.body, name));
  }
}

export function checkChain(ctx: ChainContext, chain: Chain): ChainResult {
  const defined = definedName(chain, ctx.bound);
  const start = defined ? 1 : 0;
  const values: SideValue[] = chain.sides.map((s, i) => (i < start ? { kind: 'symbolic' } : evalSide(ctx, s)));
  const steps: string[] = [];
  for (let i = start; i < chain.sides.length; i++) {
    const v = values[i];
    const src = text(ctx, chain.sides[i]);
    if (v.kind === 'symbolic') steps.push(`${src} (symbolic: checked at random points)`);
    else if (chain.sides[i].type !== 'num') steps.push(`${src} = ${fullValue(v.value)}`);
  }
  const links: MathLink[] = [];
  let anchor: number | null = null;
  for (let i = start; i < chain.rels.length; i++) {
    const { rel } = chain.rels[i];
    const left = chain.sides[i];
    const right = chain.sides[i + 1];
    let verdict = comparePair(ctx, rel, left, values[i], right, values[i + 1]);
    if (!verdict.holds && anchor !== null) {
      const again = comparePair(ctx, rel, chain.sides[anchor], values[anchor], right, values[i + 1]);
      if (again.holds)
        verdict = { holds: true, message: `holds against ${text(ctx, chain.sides[anchor])}, the side before the broken step (${again.message})` };
    }
    if (verdict.holds) anchor = null;
    else if (isEquality(rel) && anchor === null) anchor = i;
    links.push({
      relation: rel,
      leftSpan: { start: ctx.offset + left.span.start, end: ctx.offset + left.span.end },
      rightSpan: { start: ctx.offset + right.span.start, end: ctx.offset + right.span.end },
      holds: verdict.holds,
      leftText: text(ctx, left),
      rightText: text(ctx, right),
      message: verdict.message,
    });
  }
  const numeric = values.slice(start).find((v) => v.kind === 'value');
  const lastSide = values[values.length - 1];
  return {
    links,
    defines: defined ? { name: defined, value: numeric?.kind === 'value' ? numeric.value : null } : null,
    last: lastSide.kind === 'value' ? lastSide.value : null,
    steps,
  };
}

export { MathEvalError };
