/**
 * What `let` statements and `math` definitions have bound so far, in document order.
 *
 * `Bindings` is persistent: binding a name makes a new `Bindings` that shares all but a few trie
 * nodes with the old one, so the scope after every block can be kept (the cache does) without
 * copying every earlier binding. Each binding carries a `version` (a hash of what produced it):
 * a block's cache key is made of the names it reads and their versions, so an edit in a `let`
 * re-checks only the blocks that read the name it binds.
 *
 * A block does not see `Bindings` itself but a `Scope`: small maps holding only the names it can
 * read (see `readNames`). That keeps each block's cost to its own text: the engine and the math
 * checker iterate their maps, which would otherwise hold every binding of the document.
 */
import type { Convention, Derivatives, Layout } from '../claims/ast';
import type { Tensor } from '../engine';
import { shapeSymbols } from '../engine/shape';
import type { ModuleInstance } from '../layers/modules';

/** How later claims are computed (spec section 3b); set by `convention`/`layout`/`derivatives`, replaced, never mutated. */
export interface ClaimSettings {
  convention: Convention;
  layout: Layout;
  derivatives: Derivatives;
}

export const DEFAULT_CLAIM_SETTINGS: ClaimSettings = Object.freeze({ convention: 'pytorch', layout: 'channels_first', derivatives: 'pytorch' });

/** The settings as a key: every block's key holds it, since layers, claims and hints all compute by it. */
export function settingsKey(s: ClaimSettings): string {
  return `${s.convention}|${s.layout}|${s.derivatives}`;
}

export interface Binding {
  /** The tensor a `let` or `math` definition bound; null for a module. */
  tensor: Tensor | null;
  /** `let net = nn.Sequential(...)` (section 3a); null for a tensor. */
  module: ModuleInstance | null;
  /** The value of a scalar binding; null for a tensor or a shape-only name. */
  scalar: number | null;
  /** Changes whenever what produced the binding (its block's text, or what that block read) changes. */
  version: string;
  /** Binding order in this check (set by `Bindings.with`): math resolves a spelling to the latest bound (section 6a). */
  order?: number;
}

/** A shape's symbols, found once per shape: a reused block's bindings are replayed on every check. */
const symbolsByShape = new WeakMap<object, ReadonlySet<string>>();
const NO_SYMBOLS: ReadonlySet<string> = new Set();

function symbolsOf(b: Binding): ReadonlySet<string> {
  if (!b.tensor) return NO_SYMBOLS;
  const shape = b.tensor.shape;
  let out = symbolsByShape.get(shape);
  if (!out) {
    out = shapeSymbols(shape);
    symbolsByShape.set(shape, out);
  }
  return out;
}

// ------------------------------------------------------------------ a persistent map (a hash trie)

const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;

function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A trie node: up to 32 children (a sparse array by bitmap) or, past the hash's bits, a bucket of pairs. */
interface TrieNode<V> {
  bitmap: number;
  children: Array<TrieNode<V> | Leaf<V>>;
}
interface Leaf<V> {
  leaf: true;
  hash: number;
  pairs: Array<[string, V]>;
}

function isLeaf<V>(x: TrieNode<V> | Leaf<V>): x is Leaf<V> {
  return (x as Leaf<V>).leaf === true;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** An immutable string-keyed map: `set` copies one path of at most 7 small nodes. */
export class PMap<V> {
  private constructor(
    private readonly root: TrieNode<V>,
    readonly size: number,
  ) {}

  static empty<V>(): PMap<V> {
    return new PMap<V>({ bitmap: 0, children: [] }, 0);
  }

  get(key: string): V | undefined {
    const h = hash32(key);
    let node: TrieNode<V> | Leaf<V> = this.root;
    for (let shift = 0; ; shift += BITS) {
      if (isLeaf(node)) {
        if (node.hash !== h) return undefined;
        for (const [k, v] of node.pairs) if (k === key) return v;
        return undefined;
      }
      const bit = 1 << ((h >>> shift) & MASK);
      if ((node.bitmap & bit) === 0) return undefined;
      node = node.children[popcount(node.bitmap & (bit - 1))];
    }
  }

  set(key: string, value: V): PMap<V> {
    const h = hash32(key);
    const added = { yes: false };
    const root = setIn(this.root, 0, h, key, value, added) as TrieNode<V>;
    return new PMap(root, this.size + (added.yes ? 1 : 0));
  }

  forEach(fn: (value: V, key: string) => void): void {
    const visit = (n: TrieNode<V> | Leaf<V>): void => {
      if (isLeaf(n)) for (const [k, v] of n.pairs) fn(v, k);
      else for (const c of n.children) visit(c);
    };
    visit(this.root);
  }
}

function setIn<V>(node: TrieNode<V> | Leaf<V>, shift: number, h: number, key: string, value: V, added: { yes: boolean }): TrieNode<V> | Leaf<V> {
  if (isLeaf(node)) {
    if (node.hash === h) {
      const pairs = node.pairs.filter(([k]) => k !== key);
      added.yes = pairs.length === node.pairs.length;
      pairs.push([key, value]);
      return { leaf: true, hash: h, pairs };
    }
    // Two hashes in one slot: push the old leaf one level down and insert beside it.
    if (shift >= 32) throw new Error('hash trie: distinct hashes cannot share every bit');
    const split: TrieNode<V> = { bitmap: 1 << ((node.hash >>> shift) & MASK), children: [node] };
    return setIn(split, shift, h, key, value, added);
  }
  const bit = 1 << ((h >>> shift) & MASK);
  const at = popcount(node.bitmap & (bit - 1));
  const children = node.children.slice();
  if ((node.bitmap & bit) === 0) {
    added.yes = true;
    children.splice(at, 0, { leaf: true, hash: h, pairs: [[key, value]] });
    return { bitmap: node.bitmap | bit, children };
  }
  children[at] = setIn(children[at], shift + BITS, h, key, value, added);
  return { bitmap: node.bitmap, children };
}

// ------------------------------------------------------------------ the document's bindings

/**
 * The key bound names are indexed by for math: the first character. Math resolves a symbol to a
 * `let` name by spelling rules (section 6a, math/names.ts `resolveLetName`: `\mathbf{x}` is x, Greek
 * by name, subscripts joined with or without `_`, accents as suffixes, `\ell` as l): every rule keeps
 * the name's first letter, and that letter is written in the math. So a math block reads every bound
 * name whose first character its math holds — more than it needs, never less (a missed name would
 * leave a stale cached result).
 */
export function initialOf(name: string): string {
  return String.fromCodePoint(name.codePointAt(0) ?? 0);
}

export class Bindings {
  private constructor(
    private readonly names: PMap<Binding>,
    /** Names by `initialOf`, for math, which may spell a name in many ways. */
    private readonly initials: PMap<PMap<true>>,
    /** For each symbol in a bound tensor's shape, the last name bound to a tensor with it. */
    private readonly carriers: PMap<string>,
    /** The `convention`/`layout`/`derivatives` settings in force (section 3b); every block's key holds them. */
    readonly settings: ClaimSettings,
    private readonly count: number,
  ) {}

  /**
   * One empty scope per settings, shared by every check: the same object, so a check can tell nothing
   * changed before a block (a CLI flag or setting that differs gives another one).
   */
  private static readonly EMPTY = new Map<string, Bindings>();

  static empty(settings: ClaimSettings = DEFAULT_CLAIM_SETTINGS): Bindings {
    const key = settingsKey(settings);
    let empty = Bindings.EMPTY.get(key);
    if (!empty) {
      empty = new Bindings(PMap.empty(), PMap.empty(), PMap.empty(), settings, 0);
      Bindings.EMPTY.set(key, empty);
    }
    return empty;
  }

  get size(): number {
    return this.names.size;
  }

  get(name: string): Binding | undefined {
    return this.names.get(name);
  }

  with(name: string, b: Binding): Bindings {
    const initial = initialOf(name);
    const same = this.initials.get(initial) ?? PMap.empty<true>();
    let carriers = this.carriers;
    for (const s of symbolsOf(b)) carriers = carriers.set(s, name);
    const placed: Binding = { ...b, order: this.count };
    return new Bindings(this.names.set(name, placed), same.get(name) ? this.initials : this.initials.set(initial, same.set(name, true)), carriers, this.settings, this.count + 1);
  }

  withSettings(settings: ClaimSettings): Bindings {
    return new Bindings(this.names, this.initials, this.carriers, settings, this.count);
  }

  /** The names bound so far that start with `initial`. */
  namesStartingWith(initial: string, into: Set<string>): void {
    this.initials.get(initial)?.forEach((_, name) => into.add(name));
  }

  /**
   * A name bound to a tensor whose shape holds the symbol `s`, or undefined. The engine treats a
   * name with no value that is such a symbol (`zeros(n)` after `let W : m x n`) as a size.
   */
  carrierOf(s: string): string | undefined {
    const c = this.carriers.get(s);
    if (c === undefined) return undefined;
    const b = this.names.get(c);
    if (b && symbolsOf(b).has(s)) return c;
    // The last carrier was rebound to another shape: look for another (rare; costs the scope).
    let found: string | undefined;
    this.names.forEach((x, name) => {
      if (found === undefined && symbolsOf(x).has(s)) found = name;
    });
    return found;
  }
}

// ------------------------------------------------------------------ what a block sees

/** A binding made by a block, in order; replayed onto the bindings when the block is reused. */
export interface Write {
  name: string;
  tensor: Tensor | null;
  module: ModuleInstance | null;
  scalar: number | null;
}

/**
 * One block's view of the bindings: `tensors`, `symbols` and `modules` hold the names the block can
 * read (and nothing else), in binding order; `bindTensor`/`bindModule` record what it binds, in order;
 * `settings` may be replaced by a `convention`/`layout`/`derivatives` statement.
 */
export class Scope {
  readonly writes: Write[] = [];

  constructor(
    readonly tensors: Map<string, Tensor> = new Map(),
    readonly symbols: Map<string, number> = new Map(),
    public settings: ClaimSettings = DEFAULT_CLAIM_SETTINGS,
    /** `let net = nn.Sequential(...)` (section 3a). */
    readonly modules: Map<string, ModuleInstance> = new Map(),
  ) {}

  bindModule(name: string, m: ModuleInstance): void {
    this.modules.set(name, m);
    this.tensors.delete(name);
    this.symbols.delete(name);
    this.writes.push({ name, tensor: null, module: m, scalar: null });
  }

  /** A later binding of the same name shadows the earlier one, whatever its kind. */
  bindTensor(name: string, t: Tensor, scalarValue: number | null): void {
    this.modules.delete(name);
    this.tensors.set(name, t);
    if (scalarValue !== null) this.symbols.set(name, scalarValue);
    else this.symbols.delete(name);
    this.writes.push({ name, tensor: t, module: null, scalar: scalarValue });
  }
}

/**
 * The view of `bindings` for a block that reads `names`; `used` gets each name found and its version.
 * The maps are filled in binding order: math resolves a spelling shared by two names to the later one.
 */
export function viewOf(bindings: Bindings, names: Iterable<string>, used: Map<string, string>): Scope;
/** With `build` false, only `used` is filled (what a block's key needs, when its results may be reused). */
export function viewOf(bindings: Bindings, names: Iterable<string>, used: Map<string, string>, build: false): null;
export function viewOf(bindings: Bindings, names: Iterable<string>, used: Map<string, string>, build = true): Scope | null {
  const found: Array<[string, Binding]> = [];
  const add = (name: string, b: Binding): void => {
    if (used.has(name)) return;
    used.set(name, b.version);
    if (build) found.push([name, b]);
    // A shape-only tensor's symbols are substituted from the scope (`let m = 4` makes `m x n` 4×n).
    for (const s of symbolsOf(b)) {
      const sb = bindings.get(s);
      if (sb) add(s, sb);
      else used.set(`${s}\u0001`, '');
    }
  };
  for (const name of names) {
    const b = bindings.get(name);
    if (b) {
      add(name, b);
      continue;
    }
    if (used.has(`${name}\u0001`) || used.has(name)) continue;
    const carrier = bindings.carrierOf(name);
    if (carrier !== undefined) add(carrier, bindings.get(carrier) as Binding);
    // The key must tell "unbound" from "a symbol of some shape" from "carried by that name".
    used.set(`${name}\u0001`, carrier ?? '');
  }
  if (!build) return null;
  found.sort((a, b) => (a[1].order ?? 0) - (b[1].order ?? 0));
  const scope = new Scope(undefined, undefined, bindings.settings);
  for (const [name, b] of found) {
    if (b.module) scope.modules.set(name, b.module);
    if (b.tensor) scope.tensors.set(name, b.tensor);
    if (b.scalar !== null) scope.symbols.set(name, b.scalar);
  }
  return scope;
}
