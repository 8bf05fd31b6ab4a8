/**
 * Prints a dim the way a student writes it: `floor((H-K)/S)+1`, `2*m`, `n+2`, `(H-K)/S`.
 * Deterministic: terms are ordered by degree, then by atom (symbols alphabetically before floors),
 * with the constant last and a positive term first when there is one.
 */
import type { DimNode, Factor, Term } from './normal';
import { Q, lcm, qMul } from './rational';

interface Piece {
  neg: boolean;
  body: string;
  degree: number;
  key: string;
  constant: boolean;
}

function degreeOf(factors: readonly Factor[]): number {
  return factors.reduce((s, f) => s + Math.abs(f.exp), 0);
}

function formatAtomPower(f: Factor, bare: (d: DimNode) => string): string {
  const a = f.atom;
  let s: string;
  if (a.kind === 'sym') s = a.name;
  else if (a.kind === 'floor') s = `floor(${bare(a.arg as DimNode)})`;
  else if (a.kind === 'ceil') s = `ceil(${bare(a.arg as DimNode)})`;
  else s = wrap(a.arg as DimNode, bare);
  return Array(Math.abs(f.exp)).fill(s).join('*');
}

/** Parenthesizes a compound polynomial used as a factor or denominator. */
function wrap(d: DimNode, bare: (d: DimNode) => string): string {
  const s = bare(d);
  const single = d.terms.length === 1 && d.terms[0].coef.n === 1n && d.terms[0].coef.d === 1n
    && d.terms[0].factors.length === 1 && Math.abs(d.terms[0].factors[0].exp) === 1;
  const plainInt = d.terms.length === 1 && d.terms[0].factors.length === 0 && d.terms[0].coef.n >= 0n && d.terms[0].coef.d === 1n;
  return single || plainInt ? s : `(${s})`;
}

/** |coef|·factors with an integer coefficient. */
function monomialBody(coef: bigint, factors: readonly Factor[], bare: (d: DimNode) => string): string {
  const abs = coef < 0n ? -coef : coef;
  const fs = factors.map((f) => formatAtomPower(f, bare)).join('*');
  if (!fs) return abs.toString();
  return abs === 1n ? fs : `${abs}*${fs}`;
}

function orderPieces(pieces: Piece[]): Piece[] {
  pieces.sort((a, b) => {
    if (a.constant !== b.constant) return a.constant ? 1 : -1;
    if (a.degree !== b.degree) return b.degree - a.degree;
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
  if (pieces.length > 1 && pieces[0].neg) {
    const i = pieces.findIndex((p) => !p.neg);
    if (i > 0) pieces.unshift(...pieces.splice(i, 1));
  }
  return pieces;
}

function joinPieces(pieces: Piece[]): string {
  return pieces.map((p, i) => (p.neg ? '-' : i === 0 ? '' : '+') + p.body).join('');
}

/** Numerator terms (integer coefficients, no denominators) as a signed sum. */
function sumOf(terms: { coef: bigint; factors: readonly Factor[]; key: string }[], bare: (d: DimNode) => string): { text: string; count: number; allNeg: boolean } {
  const pieces = terms.map((t) => ({
    neg: t.coef < 0n,
    body: monomialBody(t.coef, t.factors, bare),
    degree: degreeOf(t.factors),
    key: t.key,
    constant: t.factors.length === 0,
  }));
  const allNeg = pieces.every((p) => p.neg);
  if (allNeg) for (const p of pieces) p.neg = false;
  return { text: joinPieces(orderPieces(pieces)), count: pieces.length, allNeg };
}

/** A term's denominator part: negative powers and reciprocal atoms. */
function splitTerm(t: Term): { num: Factor[]; den: Factor[] } {
  const num: Factor[] = [];
  const den: Factor[] = [];
  for (const f of t.factors) {
    if (f.exp < 0) den.push({ atom: f.atom, exp: -f.exp });
    else if (f.atom.kind === 'inv') den.push(f);
    else num.push(f);
  }
  return { num, den };
}

function fractionPiece(terms: { t: Term; num: Factor[] }[], den: Factor[], bare: (d: DimNode) => string): Piece {
  const L = terms.reduce((acc, x) => lcm(acc, x.t.coef.d), 1n);
  const scaled = terms.map(({ t, num }) => {
    const c: Q = qMul(t.coef, { n: L, d: 1n });
    return { coef: c.n, factors: num, key: num.map((f) => f.atom.key).join('*') };
  });
  const { text, count, allNeg } = sumOf(scaled, bare);
  const numText = count > 1 ? `(${text})` : text;
  const denParts: string[] = [];
  if (L !== 1n) denParts.push(L.toString());
  for (const f of den) {
    denParts.push(f.atom.kind === 'inv' ? Array(f.exp).fill(wrap(f.atom.arg as DimNode, bare)).join('*') : formatAtomPower(f, bare));
  }
  const denText = denParts.length === 1 && !denParts[0].includes('*') ? denParts[0] : `(${denParts.join('*')})`;
  const lead = terms[0].t;
  return {
    neg: allNeg,
    body: `${numText}/${denText}`,
    degree: degreeOf(lead.factors),
    key: lead.key,
    constant: false,
  };
}

/** The dim with no outer parentheses: `floor((H-K)/S)+1`. */
export function formatBare(d: DimNode): string {
  if (d.error) return 'undefined';
  if (d.terms.length === 0) return '0';
  // A whole number (most dims of a concrete layer) prints as itself: no pieces to order.
  const only = d.terms.length === 1 ? d.terms[0] : null;
  if (only && only.factors.length === 0 && only.coef.d === 1n) return only.coef.n.toString();
  const groups = new Map<string, { den: Factor[]; terms: { t: Term; num: Factor[] }[] }>();
  const pieces: Piece[] = [];
  for (const t of d.terms) {
    const { num, den } = splitTerm(t);
    if (den.length === 0 && t.coef.d === 1n) {
      pieces.push({
        neg: t.coef.n < 0n,
        body: monomialBody(t.coef.n, num, formatBare),
        degree: degreeOf(num),
        key: t.key,
        constant: num.length === 0,
      });
      continue;
    }
    const gk = den.map((f) => `${f.atom.key}^${f.exp}`).join('*');
    const g = groups.get(gk) ?? { den, terms: [] };
    g.terms.push({ t, num });
    groups.set(gk, g);
  }
  for (const g of groups.values()) pieces.push(fractionPiece(g.terms, g.den, formatBare));
  return joinPieces(orderPieces(pieces));
}

/** Whether a dim can stand in a shape without parentheses: `4`, `m`, `floor(m/2)`. */
export function isAtomicDim(d: DimNode): boolean {
  if (d.error) return false;
  if (d.terms.length === 0) return true;
  if (d.terms.length !== 1) return false;
  const t = d.terms[0];
  if (t.factors.length === 0) return t.coef.d === 1n && t.coef.n >= 0n;
  return t.coef.n === 1n && t.coef.d === 1n && t.factors.length === 1 && t.factors[0].exp === 1 && t.factors[0].atom.kind !== 'inv';
}

export function formatInShape(d: DimNode): string {
  const s = formatBare(d);
  return isAtomicDim(d) ? s : `(${s})`;
}
