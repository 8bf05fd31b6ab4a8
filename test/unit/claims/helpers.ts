/**
 * Test helpers: compact renderings of the syntax tree, so a test states the parse it expects in one
 * line, and `marked` texts, where ⟦ ⟧ mark the range an error must point at.
 */
import assert from 'node:assert/strict';
import type { Span } from '../../../server/src/core/span';
import type { DimAst, Expr, IndexItem, ShapeAst, Stmt } from '../../../server/src/claims/ast';
import { parseBlock } from '../../../server/src/claims/index';

export function showDim(d: DimAst): string {
  switch (d.type) {
    case 'int':
      return String(d.value);
    case 'sym':
      return d.name;
    case 'neg':
      return `(-${showDim(d.arg)})`;
    case 'op':
      return `(${showDim(d.left)} ${d.op} ${showDim(d.right)})`;
    case 'fn':
      return `${d.name}(${showDim(d.arg)})`;
  }
}

export function showShape(s: ShapeAst): string {
  return s.dims.length === 0 ? '()' : s.dims.map(showDim).join('×');
}

function showItem(i: IndexItem): string {
  switch (i.type) {
    case 'ellipsis':
      return '...';
    case 'newaxis':
      return 'None';
    case 'expr':
      return show(i.expr);
    case 'slice': {
      const s = `${i.start ? show(i.start) : ''}:${i.stop ? show(i.stop) : ''}`;
      return i.step ? `${s}:${show(i.step)}` : s;
    }
  }
}

/** Fully parenthesized, so precedence is visible: `-2**2` → `(-(2 ** 2))`. */
export function show(e: Expr): string {
  switch (e.type) {
    case 'num':
      return e.raw;
    case 'bool':
      return e.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'str':
      return JSON.stringify(e.value);
    case 'name':
      return e.name;
    case 'list':
      return `[${e.items.map(show).join(', ')}]`;
    case 'tuple':
      return `tuple(${e.items.map(show).join(', ')})`;
    case 'unary':
      return `(${e.op}${show(e.arg)})`;
    case 'binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'call': {
      const args = [...e.args.map(show), ...e.kwargs.map((k) => `${k.name}=${show(k.value)}`)].join(', ');
      return e.object ? `${show(e.object)}.${e.callee}(${args})` : `${e.callee}(${args})`;
    }
    case 'attr':
      return `${show(e.object)}.${e.name}`;
    case 'index':
      return `${show(e.object)}[${e.items.map(showItem).join(', ')}]`;
  }
}

/** One line per statement, the form tests compare against. */
export function showStmt(s: Stmt): string {
  switch (s.type) {
    case 'letShape':
      return `let ${s.name} : ${showShape(s.shape)}`;
    case 'letValue':
      return `let ${s.name} = ${show(s.expr)}`;
    case 'claim':
      if (!s.rhs) return `claim ${show(s.expr)}`;
      return s.rhs.type === 'shape' ? `claim ${show(s.expr)} : ${showShape(s.rhs.shape)}` : `claim ${show(s.expr)} = ${show(s.rhs.expr)}`;
    case 'identity':
      return `identity ${show(s.left)} == ${show(s.right)}`;
    case 'layer': {
      const l = s.layer;
      const params = l.params.map((p) => `${p.name}${p.mode ? `=${p.mode}` : p.values.length ? `=${p.values.map(showDim).join('×')}` : ''}`);
      const head = `${l.op}${l.ndim ? `${l.ndim}d` : ''} out ${l.dims.map(showDim).join('×')}`;
      const fits = l.fits === undefined ? '' : l.fits ? 'fits ' : 'not fits ';
      return fits + [head, ...params].join(' ') + (s.rhs ? ` -> ${showShape(s.rhs.shape)}` : '');
    }
    case 'params': {
      const p = s.params;
      const parts = [`params ${p.layer}`];
      if (p.kernel.length) parts.push(`k=${p.kernel.map(showDim).join('×')}`);
      if (p.inChannels) parts.push(`in=${showDim(p.inChannels)}`);
      if (p.outChannels) parts.push(`out=${showDim(p.outChannels)}`);
      if (p.groups) parts.push(`g=${showDim(p.groups)}`);
      if (p.features.length) parts.push(`features=${p.features.map(showDim).join(',')}`);
      if (!p.bias) parts.push('nobias');
      return parts.join(' ') + (s.rhs ? ` = ${show(s.rhs.expr)}` : '');
    }
    case 'math':
      return ['math', ...s.bindings.map((b) => `${b.name}=${show(b.value)}`)].join(' ');
    case 'setting':
      return `${s.name} ${s.value}`;
    case 'table':
      return `table ${show(s.expr)}`;
    case 'invalid':
      return `invalid: ${s.message}`;
  }
}

/** Parses a one-statement block and renders it. */
export function one(text: string): string {
  const stmts = parseBlock(text);
  assert.equal(stmts.length, 1, `expected one statement in ${JSON.stringify(text)}, got ${stmts.map(showStmt).join(' | ')}`);
  return showStmt(stmts[0]);
}

/** Removes the ⟦ ⟧ markers from `text`; returns the text and the marked span. */
export function marked(text: string): { text: string; span: Span } {
  const start = text.indexOf('⟦');
  const end = text.indexOf('⟧');
  assert.ok(start >= 0 && end > start, `no ⟦ ⟧ range in ${text}`);
  return { text: text.slice(0, start) + text.slice(start + 1, end) + text.slice(end + 1), span: { start, end: end - 1 } };
}

/**
 * Asserts that the block's only statement is invalid, that its errorSpan is the marked range, and
 * that the message contains `message`.
 */
export function assertError(markedText: string, message: string | RegExp): void {
  const { text, span } = marked(markedText);
  const stmts = parseBlock(text);
  assert.equal(stmts.length, 1, `one statement expected in ${JSON.stringify(text)}`);
  const s = stmts[0];
  assert.equal(s.type, 'invalid', `expected an error for ${JSON.stringify(text)}, got ${showStmt(s)}`);
  if (s.type !== 'invalid') return;
  if (typeof message === 'string') assert.ok(s.message.includes(message), `message ${JSON.stringify(s.message)} lacks ${JSON.stringify(message)}`);
  else assert.match(s.message, message);
  assert.deepEqual(
    s.errorSpan,
    span,
    `errorSpan of ${JSON.stringify(text)} marks ${JSON.stringify(text.slice(s.errorSpan.start, s.errorSpan.end))}, expected ${JSON.stringify(text.slice(span.start, span.end))} (${s.message})`,
  );
}
