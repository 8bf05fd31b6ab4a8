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
import { holds, isEquality, roundsTo, writtenDecimals } from './relations';
import { checkSymbolic } from './symbolic';
import { hasRounding, toDim } from './to-dim';
import { wholeIdentity } from '../dims';
import { checkTensorChain } from './tensor-chain';
import { childrenOf, isTensorish, type TensorEnv } from './tensor-eval';
import { rat, toNumber } from './value';
import type { Value } from './value';

export interface ChainContext {
  latex: string;
  offset: number;
  bound: Bindings;
  rng: () => number;
  budget: { left: number };
  /** The `let` tensors, for chains with tensor values (section 6a); absent: numbers only. */
  tensor?: TensorEnv;
  /** Tensor-valued names defined earlier in the same math, read as their formula. */
  macros: Map<string, MathNode>;
  /** Functions defined earlier in the same math (`f(x) = ...`). */
  functions: Set<string>;
}

type SideValue =
  | { kind: 'value'; value: Value }
  | { kind: 'symbolic' }
  /** The side could not be read or has no value: the links that touch it are errors. */
  | { kind: 'error'; message: string; span: { start: number; end: number } };

export interface ChainResult {
  links: MathLink[];
  /**
   * The names the leading lone unbound symbols define (`d_k = d_v = d_{model}/h = 64` defines d_k and
   * d_v), each with the value it gets (null when symbolic).
   */
  defines: { name: string; value: Value | null }[];
  /** Value of the chain's last side, when it has one. */
  last: Value | null;
  steps: string[];
}

export function text(ctx: ChainContext, node: MathNode): string {
  return collapse(ctx.latex.slice(node.span.start, node.span.end));
}

/** `\frac{10-3}{2}+1 = 4.5`, or just `4` when the side is the number itself. */
function described(src: string, v: Value): string {
  const short = shortValue(v);
  return src === short ? src : `${src} = ${short}`;
}

function evalSide(ctx: ChainContext, node: MathNode): SideValue {
  if (node.type === 'error') return { kind: 'error', message: `cannot read ${quoteSide(ctx, node)}: ${node.message}`, span: node.errorSpan };
  try {
    return {
      kind: 'value',
      value: evaluate(node, {
        bound: ctx.bound,
        budget: ctx.budget,
        free: (name, span) => {
          if (ctx.functions.has(name))
            throw new MathEvalError(`${name} is the function defined above (\`${name}(x) = ...\`); applying it to a value is not checked: write the value out`, span);
          throw new FreeSymbol(name);
        },
      }),
    };
  } catch (e) {
    if (e instanceof FreeSymbol) return { kind: 'symbolic' };
    // A limit (the check takes too long) stops the whole check; anything else errors this side only.
    if (e instanceof MathEvalError && !e.limit) return { kind: 'error', message: `cannot evaluate ${quoteSide(ctx, node)}: ${e.message}`, span: e.span };
    throw e;
  }
}

function quoteSide(ctx: ChainContext, node: MathNode): string {
  const t = text(ctx, node);
  return t.length > 60 ? `\`${t.slice(0, 57)}...\`` : `\`${t}\``;
}

/** The tolerance a decimal written with d digits gives, for messages: ±0.0005 for 3 digits. */
function halfUnit(d: number): string {
  return `±0.${'0'.repeat(d)}5`;
}

interface Verdict {
  holds: boolean;
  message: string;
  /** Set when the link could not be checked: where the side that stopped it went wrong. */
  error?: { start: number; end: number };
}

/** The side written as a decimal (`0.659`, `-0.5`), and its digits; the coarser when both are. */
function writtenSide(left: MathNode, right: MathNode): { side: 'left' | 'right'; digits: number } | null {
  const l = writtenDecimals(left);
  const r = writtenDecimals(right);
  if (l === null && r === null) return null;
  if (r === null || (l !== null && l <= r)) return { side: 'left', digits: l as number };
  return { side: 'right', digits: r };
}

/**
 * A chain that starts `f(x) =`, with f and x names without a value, defines the function f (spec
 * section 6a leaves it open; docs/math.md): its other links are identities in x. The name f is then
 * remembered, so that a later `f(2)` is an error that says so rather than the product f·2.
 */
function functionDefinition(chain: Chain, ctx: ChainContext): string | null {
  const first = chain.sides[0];
  if (chain.rels.length === 0 || chain.rels[0].rel !== '=' || first.type !== 'prod' || first.factors.length !== 2) return null;
  const [f, x] = first.factors;
  if (f.op !== '*' || x.op !== '*' || f.node.type !== 'sym' || x.node.type !== 'sym') return null;
  if (ctx.latex[x.node.span.start] !== '(' || ctx.bound.has(f.node.name) || ctx.bound.has(x.node.name)) return null;
  if (ctx.tensor?.resolve(f.node.name) !== undefined) return null;
  ctx.functions.add(f.node.name);
  return f.node.name;
}

/** |a - b| as a short decimal, for the failure message. */
function decimalsApart(a: Value, b: Value): string {
  return String(Number(Math.abs(toNumber(a) - toNumber(b)).toPrecision(3)));
}

/**
 * Sizes with floor/ceil are whole numbers: decide `=` between two size formulas exactly over whole
 * positive numbers (dims' normal form and residues), when both sides are size formulas.
 */
function wholeVerdict(ctx: ChainContext, rel: Relation, left: MathNode, right: MathNode, lt: string, rt: string): Verdict | null {
  const a = toDim(left, ctx.bound);
  const b = toDim(right, ctx.bound);
  if (!a || !b) return null;
  const r = wholeIdentity(a, b);
  if (!r) return null;
  const names = [...(r.equal ? [] : r.at.keys())].sort();
  if (rel === '\\neq') {
    return r.equal
      ? { holds: false, message: `${lt} ≠ ${rt} is false: the sides are equal for every whole positive value (decided exactly)` }
      : { holds: true, message: `holds: the sides differ at ${names.map((n) => `${n}=${(r as { at: Map<string, bigint> }).at.get(n)}`).join(', ')}` };
  }
  if (r.equal) return { holds: true, message: 'holds for every whole positive value of its symbols (floor/ceil decided exactly over whole numbers)' };
  const point = new Map<string, Value>(names.map((n) => [n, rat(r.at.get(n) as bigint)]));
  const at = names.map((n) => `${n}=${r.at.get(n)}`).join(', ');
  let values = '';
  try {
    const env = { bound: ctx.bound, budget: ctx.budget, free: (n: string) => point.get(n) ?? rat(1n) };
    values = `: left ${shortValue(evaluate(left, env))}, right ${shortValue(evaluate(right, env))}`;
  } catch {
    values = '';
  }
  return { holds: false, message: `${lt} = ${rt} fails at ${at} (sizes are whole numbers; every residue was tried)${values}` };
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
    if (holds(rel, lv.value, rv.value) && !(rel === '\\neq' && writtenSide(left, right)))
      return { holds: true, message: `holds: ${shortValue(lv.value)} ${REL_TEXT[rel]} ${shortValue(rv.value)}` };
    // Section 5's digits-written rule: `= 0.659` holds for 0.6590011, which rounds to it.
    const written = writtenSide(left, right);
    if (written && (rel === '=' || rel === '\\neq')) {
      const [lit, other] = written.side === 'left' ? [lv.value, rv.value] : [rv.value, lv.value];
      const otherText = written.side === 'left' ? rt : lt;
      const litText = written.side === 'left' ? lt : rt;
      const rounds = roundsTo(other, lit, written.digits);
      const plural = written.digits === 1 ? '' : 's';
      const why = `${litText} is written to ${written.digits} decimal${plural}, so the other side must round to it (within ${halfUnit(written.digits)})`;
      if (rel === '\\neq') {
        if (!rounds) return { holds: true, message: `holds: ${shortValue(lv.value)} ≠ ${shortValue(rv.value)}` };
        return { holds: false, message: `${described(otherText, other)} rounds to ${litText}: they are equal to the ${written.digits} decimal${plural} written` };
      }
      if (rounds) return { holds: true, message: `holds: ${shortValue(other)} rounds to ${litText} (${written.digits} decimal${plural} written)` };
      return {
        holds: false,
        message: `${described(lt, lv.value)}, but the next side ${described(rt, rv.value)} ${BROKEN_TEXT[rel]} ${shortValue(lv.value)}: ${why}, but ${shortValue(other)} is ${decimalsApart(other, lit)} away`,
      };
    }
    return {
      holds: false,
      message: `${described(lt, lv.value)}, but the next side ${described(rt, rv.value)} ${BROKEN_TEXT[rel]} ${shortValue(lv.value)}`,
    };
  }
  if (lv.kind === 'error' || rv.kind === 'error') {
    const e = lv.kind === 'error' ? lv : (rv as SideValue & { kind: 'error' });
    return { holds: false, error: e.span, message: e.message };
  }
  const whole = hasRounding(left) || hasRounding(right);
  if (whole && (rel === '=' || rel === '\\neq')) {
    const exact = wholeVerdict(ctx, rel, left, right, lt, rt);
    if (exact) return exact;
  }
  const v = checkSymbolic(left, right, rel, ctx.bound, ctx.rng, ctx.budget, whole);
  switch (v.kind) {
    case 'holds':
      return { holds: true, message: `holds at ${v.points} random ${whole ? 'whole ' : ''}points (${v.free.join(', ')} free)` };
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

/**
 * The leading lone symbols with no value, joined by `=`/`\approx`, name what the chain defines:
 * `W_{out} = ...` defines W_out, and `d_k = d_v = d_{model}/h = 64` defines d_k and d_v.
 */
export function definedNames(chain: Chain, bound: Bindings, isBound: (name: string) => boolean = () => false): string[] {
  const names: string[] = [];
  for (let i = 0; i < chain.rels.length; i++) {
    const s = chain.sides[i];
    if (s.type !== 'sym' || !isEquality(chain.rels[i].rel)) break;
    if (bound.has(s.name) || isBound(s.name) || s.name === 'e' || s.name === 'pi' || names.includes(s.name)) break;
    // `x = x` and `y = 2y - y` are identities about y, not definitions of it.
    if (chain.sides.slice(i + 1).some((x) => mentions(x, s.name))) break;
    names.push(s.name);
  }
  return names;
}

function mentions(node: MathNode, name: string): boolean {
  switch (node.type) {
    case 'transpose':
    case 'norm':
    case 'matrix':
    case 'deriv':
    case 'fnprime':
      return childrenOf(node).some((c) => mentions(c, name));
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
    default:
      return false;
  }
}

export function checkChain(ctx: ChainContext, chain: Chain): ChainResult {
  const tensor = ctx.tensor;
  if (tensor && chain.sides.some((s) => isTensorish(s, tensor, ctx.macros))) return checkTensorChain(ctx, tensor, chain);
  const defined = definedNames(chain, ctx.bound);
  // `f(x) = x^2 + 1` defines a function f: the first side is its name, not the product f·x.
  const fn = defined.length === 0 ? functionDefinition(chain, ctx) : null;
  const start = fn ? 1 : defined.length;
  const values: SideValue[] = chain.sides.map((s, i) => (i < start ? { kind: 'symbolic' } : evalSide(ctx, s)));
  const steps: string[] = [];
  for (let i = start; i < chain.sides.length; i++) {
    const v = values[i];
    const src = text(ctx, chain.sides[i]);
    if (v.kind === 'symbolic') steps.push(`${src} (symbolic: checked at random points)`);
    else if (v.kind === 'error') steps.push(`${src} (${v.message})`);
    else if (chain.sides[i].type !== 'num') steps.push(`${src} = ${fullValue(v.value)}`);
  }
  const links: MathLink[] = [];
  let anchor: number | null = null;
  for (let i = start; i < chain.rels.length; i++) {
    const { rel } = chain.rels[i];
    const left = chain.sides[i];
    const right = chain.sides[i + 1];
    let verdict = comparePair(ctx, rel, left, values[i], right, values[i + 1]);
    if (!verdict.holds && !verdict.error && anchor !== null) {
      const again = comparePair(ctx, rel, chain.sides[anchor], values[anchor], right, values[i + 1]);
      if (again.holds)
        verdict = { holds: true, message: `holds against ${text(ctx, chain.sides[anchor])}, the side before the broken step (${again.message})` };
    }
    if (verdict.holds) anchor = null;
    else if (verdict.error) anchor = null;
    else if (isEquality(rel) && anchor === null) anchor = i;
    links.push({
      relation: rel,
      leftSpan: { start: ctx.offset + left.span.start, end: ctx.offset + left.span.end },
      rightSpan: { start: ctx.offset + right.span.start, end: ctx.offset + right.span.end },
      holds: verdict.holds,
      leftText: text(ctx, left),
      rightText: text(ctx, right),
      message: verdict.message,
      ...(verdict.error ? { error: { start: ctx.offset + verdict.error.start, end: ctx.offset + verdict.error.end } } : {}),
    });
  }
  const numeric = values.slice(start).find((v) => v.kind === 'value');
  const lastSide = values[values.length - 1];
  return {
    links,
    defines: defined.map((name) => ({ name, value: numeric?.kind === 'value' ? numeric.value : null })),
    last: lastSide.kind === 'value' ? lastSide.value : null,
    steps,
  };
}

export { MathEvalError };
