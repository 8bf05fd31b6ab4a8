/**
 * The normal form of a dim: a sum of rational-coefficient monomials, each a product of atoms raised to
 * integer powers. Atoms are symbols, or opaque floor(P), ceil(P), 1/(P) of normalized polynomials P.
 * Two dims that are equal as Laurent polynomials in their atoms get the same `key`, so most equalities
 * are decided structurally; the rest fall back to evaluation (see equal.ts).
 */
import {
  Q, Q0, Q1, q, qAdd, qCeil, qEq, qFloor, qFromNumber, qInv, qIsInt, qIsZero, qMul, qNeg, qToString,
} from './rational';

export type AtomKind = 'sym' | 'floor' | 'ceil' | 'inv';

export interface Atom {
  readonly kind: AtomKind;
  /** The symbol's name (kind 'sym'); '' otherwise. */
  readonly name: string;
  /** The argument (floor, ceil, inv); null for a symbol. */
  readonly arg: DimNode | null;
  /** Canonical identity; symbols sort before floors, ceils and reciprocals. */
  readonly key: string;
}

export interface Factor {
  readonly atom: Atom;
  /** Never zero. Negative for division by a symbol (H/S is H·S^-1). */
  readonly exp: number;
}

export interface Term {
  /** Never zero. */
  readonly coef: Q;
  /** Sorted by atom key; an empty list is the constant term. */
  readonly factors: readonly Factor[];
  /** The monomial's identity (coefficient excluded). */
  readonly key: string;
}

/**
 * An immutable dim. `error` set means the dim is undefined (division by zero, a non-finite number):
 * such a value propagates through every operation, like NaN, and compares unequal to everything.
 */
export interface DimNode {
  readonly terms: readonly Term[];
  readonly key: string;
  readonly error?: string;
}

// ---------- construction ----------

function atomSym(name: string): Atom {
  return { kind: 'sym', name, arg: null, key: '1' + JSON.stringify(name) };
}

function atomOf(kind: 'floor' | 'ceil' | 'inv', arg: DimNode): Atom {
  const prefix = kind === 'floor' ? '2' : kind === 'ceil' ? '3' : '4';
  return { kind, name: '', arg, key: `${prefix}(${arg.key})` };
}

function monoKey(factors: readonly Factor[]): string {
  return factors.map((f) => (f.exp === 1 ? f.atom.key : `${f.atom.key}^${f.exp}`)).join('*');
}

function makeTerm(coef: Q, factors: readonly Factor[]): Term {
  return { coef, factors, key: monoKey(factors) };
}

/** Sums like terms, drops zeros, sorts: the one canonical spelling of a polynomial. */
function fromTerms(terms: Iterable<Term>): DimNode {
  const byKey = new Map<string, Term>();
  for (const t of terms) {
    const prev = byKey.get(t.key);
    byKey.set(t.key, prev ? makeTerm(qAdd(prev.coef, t.coef), t.factors) : t);
  }
  const list = [...byKey.values()].filter((t) => !qIsZero(t.coef));
  list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { terms: list, key: list.map((t) => `${qToString(t.coef)}:${t.key}`).join('+') };
}

export function errorNode(message: string): DimNode {
  return { terms: [], key: `!${message}`, error: message };
}

const ZERO_NODE: DimNode = { terms: [], key: '' };
const NO_FACTORS: readonly Factor[] = [];

/** What `fromTerms([makeTerm(c, [])])` gives, built directly: most dims of a claim are plain numbers. */
export function constNode(c: Q): DimNode {
  if (qIsZero(c)) return ZERO_NODE;
  return { terms: [{ coef: c, factors: NO_FACTORS, key: '' }], key: `${qToString(c)}:` };
}

/** Small whole numbers, built once: every kernel, stride and padding of every claim is one. */
const SMALL_INTS: DimNode[] = [];
for (let i = 0; i <= 1024; i++) SMALL_INTS.push(constNode({ n: BigInt(i), d: 1n }));

export function numberNode(x: number): DimNode {
  if (x >= 0 && x <= 1024 && Number.isInteger(x)) return SMALL_INTS[x];
  const c = qFromNumber(x);
  return c ? constNode(c) : errorNode(`${x} is not a finite number`);
}

export function symNode(name: string): DimNode {
  return fromTerms([makeTerm(Q1, [{ atom: atomSym(name), exp: 1 }])]);
}

function atomNode(atom: Atom): DimNode {
  return fromTerms([makeTerm(Q1, [{ atom, exp: 1 }])]);
}

// ---------- queries ----------

/** The constant when no atom is left. */
export function constantOf(d: DimNode): Q | undefined {
  if (d.error) return undefined;
  if (d.terms.length === 0) return Q0;
  if (d.terms.length === 1 && d.terms[0].factors.length === 0) return d.terms[0].coef;
  return undefined;
}

export function isZeroNode(d: DimNode): boolean {
  return !d.error && d.terms.length === 0;
}

/** Integer-valued for every assignment of positive integers to the symbols. */
function termIsIntegral(t: Term): boolean {
  return qIsInt(t.coef) && t.factors.every((f) => f.exp > 0 && f.atom.kind !== 'inv');
}

export function isIntegralNode(d: DimNode): boolean {
  return !d.error && d.terms.every(termIsIntegral);
}

/** True when a floor/ceil/reciprocal atom appears anywhere: structural equality is then not decisive. */
export function hasOpaqueAtoms(d: DimNode): boolean {
  return d.terms.some((t) => t.factors.some((f) => f.atom.kind !== 'sym'));
}

export function collectSymbols(d: DimNode, out: Set<string>): void {
  for (const t of d.terms) {
    for (const f of t.factors) {
      if (f.atom.kind === 'sym') out.add(f.atom.name);
      else if (f.atom.arg) collectSymbols(f.atom.arg, out);
    }
  }
}

// ---------- arithmetic ----------

export function addNode(a: DimNode, b: DimNode): DimNode {
  if (a.error) return a;
  if (b.error) return b;
  // Two numbers (the common case of a concrete layer): no term map, no sort.
  const ca = constantOf(a);
  const cb = ca && constantOf(b);
  if (ca && cb) return constNode(qAdd(ca, cb));
  return fromTerms([...a.terms, ...b.terms]);
}

export function negNode(a: DimNode): DimNode {
  if (a.error) return a;
  const c = constantOf(a);
  if (c) return constNode(qNeg(c));
  return fromTerms(a.terms.map((t) => makeTerm(qNeg(t.coef), t.factors)));
}

export function subNode(a: DimNode, b: DimNode): DimNode {
  return addNode(a, negNode(b));
}

function mulTerms(x: Term, y: Term): Term {
  const exps = new Map<string, Factor>();
  for (const f of [...x.factors, ...y.factors]) {
    const prev = exps.get(f.atom.key);
    exps.set(f.atom.key, { atom: f.atom, exp: (prev?.exp ?? 0) + f.exp });
  }
  const factors = [...exps.values()].filter((f) => f.exp !== 0);
  factors.sort((a, b) => (a.atom.key < b.atom.key ? -1 : a.atom.key > b.atom.key ? 1 : 0));
  return makeTerm(qMul(x.coef, y.coef), factors);
}

export function mulNode(a: DimNode, b: DimNode): DimNode {
  if (a.error) return a;
  if (b.error) return b;
  const ca = constantOf(a);
  const cb = ca && constantOf(b);
  if (ca && cb) return constNode(qMul(ca, cb));
  const out: Term[] = [];
  for (const x of a.terms) for (const y of b.terms) out.push(mulTerms(x, y));
  return fromTerms(out);
}

function scaleNode(a: DimNode, c: Q): DimNode {
  return mulNode(a, constNode(c));
}

/** a^e for an integer e ≥ 0 by repeated multiplication (exponents here are tiny). */
function powNode(a: DimNode, e: number): DimNode {
  let r = constNode(Q1);
  for (let i = 0; i < e; i++) r = mulNode(r, a);
  return r;
}

/** 1/t for a single term: negate exponents; a reciprocal atom 1/(P) raised to -e becomes P^e. */
function invTerm(t: Term): DimNode {
  const c = qInv(t.coef) as Q; // terms never have a zero coefficient
  let r = constNode(c);
  const plain: Factor[] = [];
  for (const f of t.factors) {
    if (f.atom.kind === 'inv' && f.atom.arg && f.exp > 0) r = mulNode(r, powNode(f.atom.arg, f.exp));
    else plain.push({ atom: f.atom, exp: -f.exp });
  }
  return plain.length ? mulNode(r, fromTerms([makeTerm(Q1, plain)])) : r;
}

/** Exact division. Dividing by zero gives an error node, never an exception. */
export function divNode(a: DimNode, b: DimNode): DimNode {
  if (a.error) return a;
  if (b.error) return b;
  if (b.terms.length === 0) return errorNode('division by zero');
  if (b.terms.length === 1) return mulNode(a, invTerm(b.terms[0]));
  // a = c·b for a constant c: (2H-2)/(H-1) is 2, not an opaque reciprocal.
  const lead = b.terms[0];
  if (a.terms.length > 0) {
    const aLead = a.terms.find((t) => t.key === lead.key);
    if (aLead) {
      const c = qMul(aLead.coef, qInv(lead.coef) as Q);
      if (isZeroNode(subNode(a, scaleNode(b, c)))) return constNode(c);
    }
  } else {
    return a;
  }
  // Make the divisor's leading coefficient 1 so that 1/(2H-2) and 1/(H-1) share one atom.
  const c = qInv(lead.coef) as Q;
  const monic = scaleNode(b, c);
  return mulNode(scaleNode(a, c), atomNode(atomOf('inv', monic)));
}

/**
 * Splits P into the part that is integer-valued for integer symbols (integer coefficients, no
 * division) and the rest: floor(I + R) = I + floor(R) for such I.
 */
function splitIntegral(p: DimNode): { integral: DimNode; rest: DimNode } {
  return {
    integral: fromTerms(p.terms.filter(termIsIntegral)),
    rest: fromTerms(p.terms.filter((t) => !termIsIntegral(t))),
  };
}

export function floorNode(a: DimNode): DimNode {
  if (a.error) return a;
  const { integral, rest } = splitIntegral(a);
  const c = constantOf(rest);
  if (c) return addNode(integral, constNode(qFloor(c)));
  return addNode(integral, atomNode(atomOf('floor', rest)));
}

export function ceilNode(a: DimNode): DimNode {
  if (a.error) return a;
  const { integral, rest } = splitIntegral(a);
  const c = constantOf(rest);
  if (c) return addNode(integral, constNode(qCeil(c)));
  return addNode(integral, atomNode(atomOf('ceil', rest)));
}

// ---------- rebuilding ----------

/**
 * Rebuilds a dim bottom-up with each symbol replaced by `onSym(name)`; floors, ceils and reciprocals
 * are re-simplified, so substituting numbers folds them away.
 */
export function mapSymbols(d: DimNode, onSym: (name: string) => DimNode): DimNode {
  if (d.error) return d;
  let sum = constNode(Q0);
  for (const t of d.terms) {
    let prod = constNode(t.coef);
    for (const f of t.factors) {
      let base: DimNode;
      const atom = f.atom;
      if (atom.kind === 'sym') base = onSym(atom.name);
      else {
        const arg = mapSymbols(atom.arg as DimNode, onSym);
        base = atom.kind === 'floor' ? floorNode(arg) : atom.kind === 'ceil' ? ceilNode(arg) : divNode(constNode(Q1), arg);
      }
      const power = f.exp > 0 ? powNode(base, f.exp) : divNode(constNode(Q1), powNode(base, -f.exp));
      prod = mulNode(prod, power);
    }
    sum = addNode(sum, prod);
  }
  return sum;
}

export function sameNode(a: DimNode, b: DimNode): boolean {
  return !a.error && !b.error && a.key === b.key;
}

export { qEq };
export const oneNode = (): DimNode => constNode(Q1);
export const intNode = (n: number | bigint): DimNode => constNode(q(BigInt(n)));
