/** Expressions back to text: for traces ("A @ b: (p×q, q) → p") and as memo keys. */
import type { Expr, IndexItem } from '../claims/ast';

const PREC: Record<string, number> = { '+': 1, '-': 1, '*': 2, '/': 2, '@': 2, '**': 4 };

function item(i: IndexItem): string {
  switch (i.type) {
    case 'ellipsis': return '...';
    case 'newaxis': return 'None';
    case 'expr': return printExpr(i.expr);
    case 'slice': {
      const s = `${i.start ? printExpr(i.start) : ''}:${i.stop ? printExpr(i.stop) : ''}`;
      return i.step ? `${s}:${printExpr(i.step)}` : s;
    }
  }
}

function wrap(e: Expr, min: number): string {
  const s = printExpr(e);
  const p = e.type === 'binary' ? PREC[e.op] : e.type === 'unary' ? 3 : 9;
  return p < min ? `(${s})` : s;
}

export function printExpr(e: Expr): string {
  switch (e.type) {
    case 'num': return e.raw || String(e.value);
    case 'bool': return e.value ? 'True' : 'False';
    case 'none': return 'None';
    case 'str': return `'${e.value}'`;
    case 'name': return e.name;
    case 'list': return `[${e.items.map(printExpr).join(', ')}]`;
    case 'tuple': return `(${e.items.map(printExpr).join(', ')}${e.items.length === 1 ? ',' : ''})`;
    case 'unary': return `${e.op}${wrap(e.arg, 3)}`;
    case 'binary': {
      const p = PREC[e.op];
      // ** is right-associative; the others associate to the left.
      const l = wrap(e.left, e.op === '**' ? p + 1 : p);
      const r = wrap(e.right, e.op === '**' ? p : p + 1);
      return `${l} ${e.op} ${r}`;
    }
    case 'call': {
      const args = [...e.args.map(printExpr), ...e.kwargs.map((k) => `${k.name}=${printExpr(k.value)}`)].join(', ');
      // `M(x)` for a module value M is kept as `M.__call__(x)` (Python's own meaning) and printed back as written.
      if (e.callee === '__call__' && e.object) return `${wrap(e.object, 9)}(${args})`;
      return `${e.object ? `${wrap(e.object, 9)}.` : ''}${e.callee}(${args})`;
    }
    case 'attr': return `${wrap(e.object, 9)}.${e.name}`;
    case 'index': return `${wrap(e.object, 9)}[${e.items.map(item).join(', ')}]`;
  }
}

/** Shortened for one-line traces. */
export function shortExpr(e: Expr, max = 60): string {
  const s = printExpr(e);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

const NOT_KEYED = new Set(['span', 'opSpan', 'calleeSpan', 'nameSpan', 'raw']);
/** Keys of AST nodes already seen: the evaluator asks for every node's key, identity claims ask again per trial. */
const keys = new WeakMap<object, string>();
const quoted = new Map<string, string>();

/**
 * Structural key: equal keys mean the same computation (numbers keyed by value, not spelling).
 * Built bottom-up and remembered per node, so keying a whole expression costs its size once, not
 * its size times its depth.
 */
export function exprKey(e: Expr): string {
  return keyOf(e);
}

function keyOf(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(keyOf).join(',')}]`;
  const cached = keys.get(v);
  if (cached !== undefined) return cached;
  // Concatenated in place, with each field name's quoted form looked up once: this runs for every
  // node of every claim, and the parts array and per-field JSON.stringify were most of its cost.
  let key = '{';
  let first = true;
  const o = v as Record<string, unknown>;
  for (const k in o) {
    const x = o[k];
    if (x === undefined || NOT_KEYED.has(k) || !Object.hasOwn(o, k)) continue;
    let q = quoted.get(k);
    if (q === undefined) quoted.set(k, (q = JSON.stringify(k)));
    key += first ? `${q}:${keyOf(x)}` : `,${q}:${keyOf(x)}`;
    first = false;
  }
  key += '}';
  keys.set(v, key);
  return key;
}

const callsCache = new WeakMap<ReadonlySet<string>, WeakMap<Expr, boolean>>();

/** Whether `e` calls one of `names`; remembered per node and name set (asked at every node). */
export function containsCall(e: Expr, names: ReadonlySet<string>): boolean {
  let memo = callsCache.get(names);
  if (!memo) callsCache.set(names, (memo = new WeakMap()));
  const known = memo.get(e);
  if (known !== undefined) return known;
  let found = false;
  walkExpr(e, (x) => {
    if (x.type === 'call' && names.has(x.callee)) found = true;
  });
  memo.set(e, found);
  return found;
}

export function walkExpr(e: Expr, visit: (e: Expr) => void): void {
  visit(e);
  switch (e.type) {
    case 'list':
    case 'tuple':
      e.items.forEach((x) => walkExpr(x, visit));
      break;
    case 'unary':
      walkExpr(e.arg, visit);
      break;
    case 'binary':
      walkExpr(e.left, visit);
      walkExpr(e.right, visit);
      break;
    case 'call':
      if (e.object) walkExpr(e.object, visit);
      e.args.forEach((x) => walkExpr(x, visit));
      e.kwargs.forEach((k) => walkExpr(k.value, visit));
      break;
    case 'attr':
      walkExpr(e.object, visit);
      break;
    case 'index':
      walkExpr(e.object, visit);
      for (const i of e.items) {
        if (i.type === 'expr') walkExpr(i.expr, visit);
        if (i.type === 'slice') for (const b of [i.start, i.stop, i.step]) if (b) walkExpr(b, visit);
      }
      break;
    default:
      break;
  }
}

/** The names an expression reads (not function names). */
export function namesIn(e: Expr): Set<string> {
  const out = new Set<string>();
  walkExpr(e, (x) => {
    if (x.type === 'name') out.add(x.name);
  });
  return out;
}
