import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DimAst } from '../../../server/src/claims/ast';
import {
  addDim, constDim, dimError, dimFromAst, dimValue, dimsEqual, divDim, evalDimAt, floorDim, formatDim, formatDimBare,
  formatShape, freeSymbols, isConcrete, mulDim, negDim, subDim, substituteDim, symDim,
} from '../../../server/src/dims';

const c = constDim;
const m = symDim('m');
const n = symDim('n');
const H = symDim('H');
const K = symDim('K');
const S = symDim('S');
/** floor((H-K)/S)+1, the conv formula with p=0, d=1. */
const convHKS = addDim(floorDim(divDim(subDim(H, K), S)), c(1));

test('formatDim prints what a student writes, parenthesized when compound', () => {
  assert.equal(formatDim(c(4)), '4');
  assert.equal(formatDim(m), 'm');
  assert.equal(formatDim(addDim(n, c(2))), '(n+2)');
  assert.equal(formatDim(addDim(c(2), n)), '(n+2)');
  assert.equal(formatDim(mulDim(c(2), m)), '(2*m)');
  assert.equal(formatDim(addDim(m, m)), '(2*m)');
  assert.equal(formatDim(convHKS), '(floor((H-K)/S)+1)');
  assert.equal(formatDimBare(convHKS), 'floor((H-K)/S)+1');
  assert.equal(formatDim(floorDim(divDim(m, c(2)))), 'floor(m/2)');
  assert.equal(formatDim(subDim(c(1), H)), '(1-H)');
  assert.equal(formatDim(c(-3)), '(-3)');
  assert.equal(formatDim(divDim(c(7), c(2))), '(7/2)');
  assert.equal(formatDim(mulDim(m, n)), '(m*n)');
  assert.equal(formatDim(c(0)), '0');
  assert.equal(formatDim(negDim(divDim(H, S))), '(-H/S)');
  assert.equal(formatDimBare(floorDim(divDim(subDim(H, c(3)), c(2)))), 'floor((H-3)/2)');
});

test('formatting is canonical: equal normal forms print the same', () => {
  const a = addDim(subDim(H, K), c(1));
  const b = subDim(H, subDim(K, c(1)));
  assert.equal(formatDim(a), formatDim(b));
  assert.equal(formatDim(a), '(H-K+1)');
  assert.equal(formatDim(mulDim(addDim(m, n), c(2))), formatDim(addDim(mulDim(c(2), n), mulDim(c(2), m))));
});

test('formatShape: canonical and pretty, scalar', () => {
  assert.equal(formatShape([c(4), c(5)]), '4x5');
  assert.equal(formatShape([m, n]), 'mxn');
  assert.equal(formatShape([c(1), c(2), c(1), c(2), c(3)]), '1x2x1x2x3');
  assert.equal(formatShape([]), '()');
  assert.equal(formatShape([c(4), c(5)], 'pretty'), '4×5');
  assert.equal(formatShape([m, n], 'pretty'), 'm×n');
  assert.equal(formatShape([], 'pretty'), '() (scalar)');
  assert.equal(formatShape([addDim(n, c(2)), c(3)]), '(n+2)x3');
});

test('substituteDim folds what becomes concrete and keeps the rest', () => {
  const all = substituteDim(convHKS, new Map([['H', 10], ['K', 3], ['S', 2]]));
  assert.equal(dimValue(all), 4); // floor(7/2)+1
  const part = substituteDim(convHKS, new Map([['K', 3], ['S', 2]]));
  assert.equal(isConcrete(part), false);
  assert.equal(formatDimBare(part), 'floor((H-3)/2)+1');
  assert.deepEqual([...freeSymbols(part)], ['H']);
  assert.deepEqual([...freeSymbols(convHKS)].sort(), ['H', 'K', 'S']);
  assert.equal(substituteDim(m, new Map([['n', 2]])), m);
  // Substituting into a division can expose a zero divisor: an error dim, not a throw.
  const r = divDim(c(1), subDim(H, c(3)));
  assert.ok(dimError(substituteDim(r, new Map([['H', 3]]))) !== undefined);
  assert.equal(dimValue(substituteDim(r, new Map([['H', 7]]))), 0.25);
});

test('evalDimAt evaluates exactly and needs every symbol', () => {
  assert.equal(evalDimAt(convHKS, new Map([['H', 11], ['K', 3], ['S', 2]])), 5);
  assert.equal(evalDimAt(convHKS, new Map([['H', 11], ['K', 3]])), undefined);
  assert.equal(evalDimAt(divDim(H, S), new Map([['H', 7], ['S', 2]])), 3.5);
});

let pos = 0;
const at = () => ({ start: pos, end: ++pos });
const int = (value: number): DimAst => ({ type: 'int', value, span: at() });
const sym = (name: string): DimAst => ({ type: 'sym', name, span: at() });
const op = (o: '+' | '-' | '*' | '/' | '//', left: DimAst, right: DimAst): DimAst => ({ type: 'op', op: o, left, right, span: at() });

test('dimFromAst builds every node kind', () => {
  // floor((H-K)/S)+1
  const ast = op('+', { type: 'fn', name: 'floor', arg: op('/', op('-', sym('H'), sym('K')), sym('S')), span: at() }, int(1));
  assert.ok(dimsEqual(dimFromAst(ast), convHKS));
  assert.equal(dimValue(dimFromAst(ast, new Map([['H', 10], ['K', 3], ['S', 2]]))), 4);
  // (2*m) and m+m
  assert.ok(dimsEqual(dimFromAst(op('*', int(2), sym('m'))), dimFromAst(op('+', sym('m'), sym('m')))));
  // -(n) + 5, ceil(7/2), 7//2, 7/2
  assert.equal(dimValue(dimFromAst(op('+', { type: 'neg', arg: sym('n'), span: at() }, int(5)), new Map([['n', 2]]))), 3);
  assert.equal(dimValue(dimFromAst({ type: 'fn', name: 'ceil', arg: op('/', int(7), int(2)), span: at() })), 4);
  assert.equal(dimValue(dimFromAst(op('//', int(7), int(2)))), 3);
  assert.equal(dimValue(dimFromAst(op('/', int(7), int(2)))), 3.5);
  // symbols without a value stay symbols
  assert.equal(formatDim(dimFromAst(op('+', sym('n'), int(2)), new Map([['m', 1]]))), '(n+2)');
  // division by zero from the tree: an error dim
  assert.ok(dimError(dimFromAst(op('/', sym('n'), op('-', int(2), int(2))))) !== undefined);
  assert.ok(dimError(dimFromAst(op('//', int(1), int(0)))) !== undefined);
});
