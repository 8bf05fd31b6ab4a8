import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addDim, ceilDim, constDim, dimError, dimValue, dimsEqual, divDim, evalDimAt, floorDim, floorDivDim, formatDim,
  isConcrete, isIntegerValued, mulDim, negDim, shapesEqual, subDim, symDim, wholeIdentity, type Dim,
} from '../../../server/src/dims';

const c = constDim;
const m = symDim('m');
const n = symDim('n');
const H = symDim('H');
const K = symDim('K');
const S = symDim('S');

test('equality does not depend on spelling', () => {
  assert.ok(dimsEqual(mulDim(c(2), m), addDim(m, m)));
  assert.ok(dimsEqual(addDim(subDim(H, K), c(1)), subDim(H, subDim(K, c(1)))));
  assert.ok(dimsEqual(addDim(m, n), addDim(n, m)));
  // (m+n)(m-n) = m² - n²
  assert.ok(dimsEqual(mulDim(addDim(m, n), subDim(m, n)), subDim(mulDim(m, m), mulDim(n, n))));
  assert.ok(dimsEqual(mulDim(divDim(m, c(2)), c(2)), m));
  assert.ok(dimsEqual(divDim(mulDim(H, S), S), H));
  assert.ok(dimsEqual(divDim(subDim(mulDim(c(2), H), c(2)), subDim(H, c(1))), c(2)));
  assert.ok(dimsEqual(divDim(subDim(H, K), subDim(H, K)), c(1)));
});

test('different dims are not equal', () => {
  assert.ok(!dimsEqual(m, n));
  assert.ok(!dimsEqual(mulDim(c(2), m), addDim(m, c(1))));
  assert.ok(!dimsEqual(floorDim(divDim(m, c(2))), divDim(m, c(2))));
  assert.ok(!dimsEqual(floorDim(divDim(subDim(H, c(3)), c(2))), floorDim(divDim(H, c(2)))));
  assert.ok(!dimsEqual(floorDim(divDim(H, S)), ceilDim(divDim(H, S))));
  assert.ok(!dimsEqual(c(4), c(5)));
});

test('floor and ceil simplify where PyTorch-style formulas need it', () => {
  // floor((2m)/2) = m, floor(P + n) = floor(P) + n for whole n, floor of a constant is exact.
  assert.ok(dimsEqual(floorDim(divDim(mulDim(c(2), m), c(2))), m));
  assert.equal(formatDim(floorDim(addDim(divDim(m, c(2)), c(3)))), '(floor(m/2)+3)');
  assert.ok(dimsEqual(floorDim(addDim(divDim(H, S), c(3))), addDim(floorDim(divDim(H, S)), c(3))));
  assert.equal(dimValue(floorDim(c(3.5))), 3);
  assert.equal(dimValue(ceilDim(c(3.5))), 4);
  assert.equal(dimValue(floorDim(c(-3.5))), -4);
  assert.equal(dimValue(ceilDim(c(-3.5))), -3);
  assert.equal(dimValue(floorDivDim(c(7), c(2))), 3);
  assert.equal(dimValue(floorDivDim(c(-7), c(2))), -4);
  assert.equal(dimValue(floorDim(m)), undefined);
  assert.ok(dimsEqual(floorDim(mulDim(m, n)), mulDim(m, n)));
  // floor((2m+1)/2) = m: the whole part leaves the floor, floor(1/2) = 0.
  assert.ok(dimsEqual(floorDim(divDim(addDim(mulDim(c(2), m), c(1)), c(2))), m));
});

test('identities that need the random-point fallback', () => {
  // floor((H-3)/2) and floor((H+1)/2) - 2 differ as written, agree for every integer H.
  assert.ok(dimsEqual(floorDim(divDim(subDim(H, c(3)), c(2))), subDim(floorDim(divDim(addDim(H, c(1)), c(2))), c(2))));
  // ceil(m/2) = floor((m+1)/2); floor(m/2) + ceil(m/2) = m
  assert.ok(dimsEqual(ceilDim(divDim(m, c(2))), floorDim(divDim(addDim(m, c(1)), c(2)))));
  assert.ok(dimsEqual(addDim(floorDim(divDim(m, c(2))), ceilDim(divDim(m, c(2)))), m));
  // floor(floor(m/2)/3) = floor(m/6) (nested floors of positive integers)
  assert.ok(dimsEqual(floorDim(divDim(floorDim(divDim(m, c(2))), c(3))), floorDim(divDim(m, c(6)))));
  // but floor(m/2)/3 is not floor(m/6): off for m=2
  assert.ok(!dimsEqual(divDim(floorDim(divDim(m, c(2))), c(3)), floorDim(divDim(m, c(6)))));
  // differs only at m ≡ 0 mod 4: the sampling must notice
  assert.ok(!dimsEqual(floorDim(divDim(m, c(4))), floorDim(divDim(subDim(m, c(1)), c(4)))));
});

test('numbers are exact rationals', () => {
  assert.equal(dimValue(addDim(c(0.1), c(0.2))), 0.3);
  assert.ok(dimsEqual(mulDim(c(0.1), c(10)), c(1)));
  assert.ok(dimsEqual(addDim(c(0.5), c(0.5)), c(1)));
  assert.equal(dimValue(divDim(c(7), c(2))), 3.5);
  assert.equal(dimValue(mulDim(divDim(c(1), c(3)), c(3))), 1);
  assert.equal(isConcrete(c(4)), true);
  assert.equal(isConcrete(m), false);
});

test('isIntegerValued: exact for numbers, known for integer polynomials, unknown otherwise', () => {
  assert.equal(isIntegerValued(c(4)), true);
  assert.equal(isIntegerValued(divDim(c(7), c(2))), false);
  assert.equal(isIntegerValued(divDim(c(8), c(2))), true);
  assert.equal(isIntegerValued(mulDim(m, addDim(n, c(3)))), true);
  assert.equal(isIntegerValued(floorDim(divDim(m, c(2)))), true);
  assert.equal(isIntegerValued(divDim(m, c(2))), undefined);
  assert.equal(isIntegerValued(divDim(H, S)), undefined);
});

test('division by zero is an error value, never an exception', () => {
  const bad = divDim(m, c(0));
  assert.match(dimError(bad) ?? '', /division by zero/);
  assert.equal(dimValue(bad), undefined);
  assert.equal(isConcrete(bad), false);
  assert.equal(dimsEqual(bad, bad), false);
  assert.equal(formatDim(bad), '(undefined)');
  // It propagates through everything.
  for (const d of [addDim(bad, c(1)), mulDim(c(0), bad), negDim(bad), floorDim(bad), ceilDim(bad), divDim(c(1), bad)]) {
    assert.ok(dimError(d) !== undefined);
  }
  assert.ok(dimError(divDim(c(3), subDim(m, m))) !== undefined);
  assert.ok(dimError(floorDivDim(c(3), c(0))) !== undefined);
  assert.ok(dimError(constDim(NaN)) !== undefined);
  assert.ok(dimError(constDim(Infinity)) !== undefined);
  // A symbolic divisor that is zero at a point: evaluation there is undefined, not a throw.
  const r = divDim(c(1), subDim(H, c(3)));
  assert.equal(dimError(r), undefined);
  assert.equal(evalDimAt(r, new Map([['H', 3]])), undefined);
  assert.equal(evalDimAt(r, new Map([['H', 5]])), 0.5);
});

test('shapesEqual compares dim by dim, as expressions', () => {
  assert.ok(shapesEqual([mulDim(c(2), m), c(4)], [addDim(m, m), c(4)]));
  assert.ok(!shapesEqual([m, n], [n, m]));
  assert.ok(!shapesEqual([m], [m, c(1)]));
  assert.ok(shapesEqual([], []));
});

/** Integer expression trees, evaluated by our dims and by bigint arithmetic with floor division. */
test('arithmetic agrees with direct integer evaluation on random expressions', () => {
  let seed = 12345;
  const rand = (k: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % k;
  };
  const floorDivBig = (a: bigint, b: bigint) => {
    const q = a / b;
    return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
  };
  type Node = { dim: Dim; at: (env: Record<string, bigint>) => bigint | undefined };
  const names = ['a', 'b', 'c'];
  const build = (depth: number): Node => {
    if (depth === 0 || rand(3) === 0) {
      if (rand(2) === 0) {
        const v = rand(7) - 2;
        return { dim: c(v), at: () => BigInt(v) };
      }
      const s = names[rand(3)];
      return { dim: symDim(s), at: (e) => e[s] };
    }
    const l = build(depth - 1);
    const r = build(depth - 1);
    const lift = (f: (x: bigint, y: bigint) => bigint | undefined) => (e: Record<string, bigint>) => {
      const x = l.at(e);
      const y = r.at(e);
      return x === undefined || y === undefined ? undefined : f(x, y);
    };
    switch (rand(4)) {
      case 0: return { dim: addDim(l.dim, r.dim), at: lift((x, y) => x + y) };
      case 1: return { dim: subDim(l.dim, r.dim), at: lift((x, y) => x - y) };
      case 2: return { dim: mulDim(l.dim, r.dim), at: lift((x, y) => x * y) };
      default: return { dim: floorDivDim(l.dim, r.dim), at: lift((x, y) => (y === 0n ? undefined : floorDivBig(x, y))) };
    }
  };
  let checked = 0;
  for (let i = 0; i < 300; i++) {
    const node = build(4);
    for (let j = 0; j < 5; j++) {
      const env = { a: BigInt(1 + rand(9)), b: BigInt(1 + rand(9)), c: BigInt(1 + rand(9)) };
      const want = node.at(env);
      const point = new Map(Object.entries(env).map(([k, v]) => [k, Number(v)]));
      const got = evalDimAt(node.dim, point);
      if (want === undefined || dimError(node.dim) !== undefined) continue;
      assert.notEqual(got, undefined, formatDim(node.dim));
      assert.equal(got, Number(want), `${formatDim(node.dim)} at ${JSON.stringify(Object.fromEntries(point))}`);
      checked++;
    }
  }
  assert.ok(checked > 500);
});

test('floor identities are decided exactly over every residue of their divisors (no sampling to miss one)', () => {
  const fd = (a: Dim, b: number) => floorDim(divDim(a, c(b)));
  // floor(floor(H/2)/3) = floor(H/6) for every whole H (nested floors unfold one level per round).
  assert.ok(dimsEqual(fd(fd(H, 2), 3), fd(H, 6)));
  // floor((H-1)/64) = floor(H/64) - 1 only at H ≡ 0 mod 64: not an identity.
  assert.ok(!dimsEqual(fd(subDim(H, c(1)), 64), fd(H, 64)));
  // ... also beside a second size with its own divisor (the difference is what is split by residues).
  assert.ok(!dimsEqual(addDim(fd(subDim(H, c(1)), 64), fd(m, 100)), addDim(fd(H, 64), fd(m, 100))));
  assert.ok(dimsEqual(addDim(fd(addDim(H, c(63)), 64), fd(m, 100)), addDim(ceilDim(divDim(H, c(64))), fd(m, 100))));
  const w = wholeIdentity(fd(subDim(H, c(1)), 64), fd(H, 64));
  assert.ok(w && !w.equal && w.at.get('H')! % 64n === 0n && w.at.get('H')! >= 1n);
  assert.deepEqual(wholeIdentity(fd(fd(H, 2), 3), fd(H, 6)), { equal: true });
  // Division by a symbol is not periodic: not decided here (the caller samples).
  assert.equal(wholeIdentity(floorDim(divDim(H, S)), floorDim(divDim(subDim(H, c(1)), S))), undefined);
  // Two sizes, each split by its own divisor: floor(H/2) + floor(W/3) against floor((H+W)/6)·... differs.
  assert.ok(!dimsEqual(addDim(fd(H, 2), fd(m, 3)), fd(addDim(mulDim(c(3), H), mulDim(c(2), m)), 6)));
});
