/**
 * `table EXPR` (spec section 5a): the next table after the block, checked row by row against the
 * layers of the network EXPR applies. Each filled cell is its own claim, with its own result at the
 * cell, hover and quick fix. Column roles come from the header; rows match layers in order, an
 * optional first `input` row stands for the input, and activation and dropout layers are skipped
 * unless the row's first cell names them.
 */
import type { Stmt } from '../claims/ast';
import { blockOffsetToDocument } from '../core/document';
import type { CanonicalValue, CheckResult, ResultCode, StatementKind } from '../core/result';
import type { Span } from '../core/span';
import {
  addDim, constDim, dimValue, formatDim, formatShape, mulDim, shapesEqual, subDim, type Dim, type Shape,
} from '../dims';
import { nextTable, type DocTable, type TableCell } from '../documents/tables';
import { evaluate, type ModuleBreakdown } from '../engine';
import { isTuple, type LayerRow, type OutTree } from '../layers/modules';
import { findLiterals, type TextLiteral } from '../binding/literals';
import { formatNumber } from './format';
import { layerInfos, outText } from './modules';
import { dimOfText, type BlockContext } from './statements';
import { readCount } from './tableNumbers';

export type ColumnRole = 'shape' | 'params' | 'macs' | 'flops' | 'rf';

/** A header's role, case-insensitively (section 5a); null: a column of names or notes, not checked. */
export function columnRole(header: string): ColumnRole | null {
  const t = header.toLowerCase();
  if (/\bmacs?\b|mult-?adds?|multiply-?accumulate/.test(t)) return 'macs';
  if (/flop/.test(t)) return 'flops';
  if (/receptive|\brf\b/.test(t)) return 'rf';
  if (/param|weight/.test(t)) return 'params';
  // "Kernel size", "stride", "filters" describe the layer: they are inputs, not claims.
  if (/kernel|stride|padding|filter/.test(t)) return null;
  if (/shape|output|size|dim/.test(t)) return 'shape';
  return null;
}

/** What one table row is about: the input, or a layer and the field after it. */
interface RowFacts {
  label: string;
  out: OutTree | null;
  params: Dim;
  macs: Dim;
  /** The receptive field after this layer, or why there is none. */
  rf: Dim[] | string;
  paramNotes: string;
}

const SKIPPABLE_NAMES: Record<string, string[]> = {
  ReLU: ['relu'], LeakyReLU: ['leaky', 'lrelu'], GELU: ['gelu'], Tanh: ['tanh'], Sigmoid: ['sigmoid'],
  Softmax: ['softmax'], Dropout: ['dropout', 'drop'], Flatten: ['flatten', 'reshape', 'view', 'vector'],
  Identity: ['identity'],
};

/**
 * Layers a row may leave out: activations and dropout (section 5a), and — our choice, since most LeNet
 * and VGG tables go from the last pool straight to the first fully connected layer — Flatten and Identity.
 */
function skippable(row: LayerRow): boolean {
  return row.module.role === 'activation' || row.module.role === 'dropout' || row.module.kind === 'Flatten' || row.module.kind === 'Identity';
}

function namesLayer(firstCell: string, row: LayerRow): boolean {
  const t = firstCell.toLowerCase();
  if (/activation|\bact\b|nonlinear/.test(t) && row.module.role === 'activation') return true;
  return (SKIPPABLE_NAMES[row.module.kind] ?? [row.module.kind.toLowerCase()]).some((n) => t.includes(n));
}

function toDoc(ctx: BlockContext, s: Span): Span {
  return { start: blockOffsetToDocument(ctx.block, s.start), end: blockOffsetToDocument(ctx.block, s.end) };
}

function source(ctx: BlockContext, stmt: Stmt): string {
  return ctx.block.text.slice(stmt.span.start, stmt.span.end).replace(/\s+/g, ' ').trim().slice(0, 200);
}

function errorAt(ctx: BlockContext, stmt: Stmt, code: ResultCode, message: string, at: Span, docSpan?: Span): CheckResult {
  const span = docSpan ?? toDoc(ctx, stmt.span);
  return {
    kind: 'text', status: 'error', code, span, errorSpan: docSpan ?? toDoc(ctx, at), source: source(ctx, stmt),
    computed: null, computedText: null, claimed: null, claimedSpan: null, steps: [], message,
  };
}

/** Where the next claim block starts: a table after it belongs to that block, not this one. */
function nextBlockStart(ctx: BlockContext): number {
  const after = ctx.block.span.end;
  for (const b of ctx.doc.blocks) if (b.span.start >= after) return b.span.start;
  return ctx.doc.text.length;
}

export function findTableFor(ctx: BlockContext): DocTable | null {
  return nextTable(ctx.doc, ctx.block.span.end, nextBlockStart(ctx));
}

export function checkTable(ctx: BlockContext, stmt: Extract<Stmt, { type: 'table' }>): CheckResult[] {
  const out = evaluate(stmt.expr, { tensors: ctx.scope.tensors, symbols: ctx.scope.symbols, modules: ctx.scope.modules, rng: ctx.rng, layout: ctx.scope.settings.layout }, ctx.limits);
  if (!out.ok) return [errorAt(ctx, stmt, out.error.code as ResultCode, out.error.message, out.error.span)];
  const b = out.breakdown;
  if (!b || b.rows.length === 0) {
    return [errorAt(ctx, stmt, 'eval', 'A table claim needs a network applied to its input, as in `table net(x)` with `let net = nn.Sequential(...)`', stmt.expr.span)];
  }
  const table = findTableFor(ctx);
  if (!table) {
    return [errorAt(ctx, stmt, 'no-math', 'No table follows this `table` claim: put it right above a Markdown table (| layer | output shape | params |) or a LaTeX tabular', stmt.keywordSpan)];
  }
  const roles = table.header.map((h) => columnRole(h.text));
  if (!roles.some((r) => r !== null)) {
    return [errorAt(ctx, stmt, 'eval', `No column of this table says what it holds: name one "output shape", "params", "MACs", "FLOPs" or "receptive field" (headers: ${table.header.map((h) => h.text || '(empty)').join(', ')})`, stmt.keywordSpan)];
  }
  const facts = rowFacts(b);
  const inputFacts: RowFacts = {
    label: 'the input', out: b.inputs.length === 1 ? b.inputs[0] : { tuple: b.inputs, names: '' },
    params: constDim(0), macs: constDim(0), rf: [constDim(1)], paramNotes: 'the input has no parameters',
  };
  const results: CheckResult[] = [];
  const src = source(ctx, stmt);
  let j = 0;
  table.rows.forEach((cells, i) => {
    const first = cells[0]?.text ?? '';
    let f: RowFacts;
    if (i === 0 && /^\W*input\b/i.test(first)) f = inputFacts;
    else {
      while (j < b.rows.length && skippable(b.rows[j]) && !namesLayer(first, b.rows[j])) j++;
      if (j >= b.rows.length) {
        const at = cells.find((c) => c.text !== '') ?? cells[0];
        if (at) results.push(errorAt(ctx, stmt, 'eval', `This row has no layer left to match: the network has ${b.rows.length} layers, and activation, dropout and flatten layers are skipped unless a row's first cell names them`, stmt.span, at.span));
        return;
      }
      f = facts[j++];
    }
    cells.forEach((cell, k) => {
      const role = roles[k];
      if (!role) return;
      results.push(cellClaim(ctx, src, role, table.header[k].text, f, cell));
    });
  });
  return results;
}

/** Facts of every layer row, with the receptive field carried along the network. */
function rowFacts(b: ModuleBreakdown): RowFacts[] {
  let rf: Dim[] | string | null = null;
  let jump: Dim[] = [];
  const infos = layerInfos(b);
  return b.rows.map((r, i) => {
    const part = r.module.rf;
    if (typeof rf !== 'string') {
      if (part === null) rf = `no receptive field: ${r.module.kind} is not a conv or pool layer`;
      else if (part !== 'pass') {
        if (rf === null) {
          rf = part.k.map(() => constDim(1));
          jump = part.k.map(() => constDim(1));
        }
        if (rf.length !== part.k.length) rf = `no receptive field: ${r.module.kind} has a different number of spatial dims`;
        else {
          const before: Dim[] = rf;
          rf = before.map((x, d) => addDim(x, mulDim(mulDim(part.d[d], subDim(part.k[d], constDim(1))), jump[d])));
          jump = jump.map((x, d) => mulDim(x, part.s[d]));
        }
      }
    }
    return { label: infos[i].layer, out: r.out, params: r.params, macs: r.macs, rf: rf ?? [constDim(1)], paramNotes: r.module.paramNotes };
  });
}

// ---------- one cell ----------

function cellClaim(ctx: BlockContext, src: string, role: ColumnRole, header: string, f: RowFacts, cell: TableCell): CheckResult {
  const where = `${src}: ${f.label}, column "${header}"`;
  if (role === 'shape') return shapeCell(ctx, where, f, cell);
  let value: Dim | string;
  let steps: string[];
  switch (role) {
    case 'params': value = f.params; steps = [`${f.label}: ${f.paramNotes}`]; break;
    case 'macs': value = f.macs; steps = ['MACs: conv, transposed conv and linear weights (no bias), attention products; pooling, norms and activations count 0']; break;
    case 'flops': value = mulDim(constDim(2), f.macs); steps = ['FLOPs = 2 × MACs (no bias)']; break;
    case 'rf': {
      if (typeof f.rf === 'string') value = f.rf;
      else value = f.rf.every((d) => formatDim(d) === formatDim((f.rf as Dim[])[0])) ? f.rf[0] : `${f.rf.map((d) => formatDim(d)).join('×')}`;
      steps = ['receptive field: 1 + Σ d(k-1)·(product of the strides before)'];
      break;
    }
  }
  const kind: StatementKind = role === 'params' ? 'params' : 'value';
  if (typeof value === 'string' && value.startsWith('no ')) {
    if (isEmpty(cell)) return unbound(kind, where, null, '—', cell, steps);
    return { ...base(kind, where, cell), status: 'error', code: 'eval', computed: null, computedText: null, claimed: cell.text, claimedSpan: cell.span, message: `${where}: ${value}`, steps, errorSpan: cell.span };
  }
  const n = typeof value === 'string' ? undefined : dimValue(value);
  const computed: CanonicalValue = n !== undefined ? n : typeof value === 'string' ? value : formatDim(value);
  const computedText = n !== undefined ? formatNumber(n) : String(computed);
  if (isEmpty(cell)) return unbound(kind, where, computed, computedText, cell, steps);
  if (typeof value === 'string') return shapeCell(ctx, where, { ...f, out: (f.rf as Dim[]) }, cell, kind);
  const c = readCount(cell.text);
  if (!c) {
    return { ...base(kind, where, cell), status: 'error', code: 'syntax', computed, computedText, claimed: cell.text, claimedSpan: cell.span, message: `${where}: cannot read a number in "${cell.text}" (write 34,944, 34944, 1.8M or 61.7K)`, steps, errorSpan: cell.span };
  }
  const holds = n !== undefined && Math.abs(n - c.value) <= c.tolerance + 1e-9 * Math.max(1, Math.abs(n));
  const litSpan = { start: cell.span.start + c.start, end: cell.span.start + c.end };
  return {
    ...base(kind, where, cell),
    status: holds ? 'pass' : 'fail', code: holds ? 'ok' : 'mismatch', computed, computedText,
    claimed: c.text, claimedSpan: litSpan,
    message: holds
      ? `${where}: ${grouped(n, computedText)}, as claimed${c.tolerance ? ` (${c.text} is written to ±${grouped(c.tolerance, formatNumber(c.tolerance))})` : ''}`
      : `Claimed ${c.text}, but ${f.label} has ${grouped(n, computedText)}${role === 'params' ? ' parameters' : ''} (${where})`,
    steps,
    fix: holds || n === undefined ? undefined : { span: litSpan, newText: c.restyle(n) },
  };
}

/** 10,164 rather than 10164 in a message: counts are read with separators. */
function grouped(n: number | undefined, fallback: string): string {
  return n !== undefined && Number.isInteger(n) ? n.toLocaleString('en-US') : fallback;
}

function isEmpty(cell: TableCell): boolean {
  return cell.text === '' || cell.text === '?' || cell.text === '$?$';
}

function base(kind: StatementKind, where: string, cell: TableCell): Pick<CheckResult, 'kind' | 'span' | 'source'> {
  return { kind, span: cell.span, source: where };
}

function unbound(kind: StatementKind, where: string, computed: CanonicalValue, computedText: string, cell: TableCell, steps: string[]): CheckResult {
  return {
    ...base(kind, where, cell), status: 'unbound', code: 'unbound', computed, computedText, claimed: null, claimedSpan: null,
    message: `${where} gives ${computedText}; the cell claims nothing.`, steps,
  };
}

function shapeOf(ctx: BlockContext, lit: TextLiteral): { shape: Shape; anyBatch: boolean } | null {
  if (lit.kind === 'number') return Number.isInteger(lit.value) && lit.value >= 0 ? { shape: [constDim(lit.value)], anyBatch: false } : null;
  if (lit.kind !== 'shape') return null;
  const dims: Dim[] = [];
  let anyBatch = false;
  for (const [i, text] of lit.dims.entries()) {
    // torchsummary's [-1, 6, 28, 28]: a leading -1 is any batch size.
    if (i === 0 && text.trim() === '-1') {
      anyBatch = true;
      dims.push(constDim(-1));
      continue;
    }
    const d = dimOfText(text, ctx.scope.symbols);
    if (!d) return null;
    dims.push(d);
  }
  return { shape: dims, anyBatch };
}

/** Same dims; or the batch dim left out (a per-sample table), or written -1 (any batch). */
function shapeMatches(computed: Shape, claimed: Shape, anyBatch: boolean): boolean {
  if (anyBatch) return claimed.length === computed.length && shapesEqual(claimed.slice(1), computed.slice(1));
  if (shapesEqual(claimed, computed)) return true;
  return computed.length >= 2 && claimed.length === computed.length - 1 && shapesEqual(claimed, computed.slice(1));
}

function styleLike(shape: Shape, written: string): string {
  const dims = shape.map((d) => formatDim(d));
  const sep = /\\times/.test(written) ? ' \\times ' : written.includes('×') ? (/\s×\s/.test(written) ? ' × ' : '×') : /\s[xX]\s/.test(written) ? ' x ' : /,/.test(written) ? ', ' : 'x';
  const body = dims.join(sep);
  if (/^\s*\(.*\)\s*$/.test(written)) return `(${body})`;
  if (/^\s*\[.*\]\s*$/.test(written)) return `[${body}]`;
  return body;
}

function shapeCell(ctx: BlockContext, where: string, f: RowFacts, cell: TableCell, kind: StatementKind = 'shape'): CheckResult {
  const o = f.out;
  const steps = [`${f.label} → ${o === null ? 'None' : outText(o)}`];
  if (o === null || isTuple(o)) {
    const text = o === null ? 'None' : outText(o);
    if (isEmpty(cell)) return unbound(kind, where, text, text, cell, steps);
    return { ...base(kind, where, cell), status: 'error', code: 'eval', computed: null, computedText: text, claimed: cell.text, claimedSpan: cell.span, message: `${where}: the layer returns the tuple ${text}; a shape cell needs one tensor`, steps, errorSpan: cell.span };
  }
  const computed = formatShape(o, 'canonical');
  const computedText = formatShape(o, 'pretty');
  if (isEmpty(cell)) return unbound(kind, where, computed, computedText, cell, steps);
  const lits = atShape(cell) ?? findLiterals(ctx.doc, cell.span);
  const lit = lits.find((l) => l.kind === 'shape') ?? lits.find((l) => l.kind === 'number');
  const read = lit ? shapeOf(ctx, lit) : null;
  if (!lit || !read) {
    return { ...base(kind, where, cell), status: 'error', code: 'syntax', computed, computedText, claimed: cell.text, claimedSpan: cell.span, message: `${where}: cannot read a shape in "${cell.text}" (write 4×8×32×32, [4, 8, 32, 32] or 8×32×32 without the batch)`, steps, errorSpan: cell.span };
  }
  const holds = shapeMatches(o, read.shape, read.anyBatch);
  // The fix keeps the student's choice to leave out the batch dim.
  const target = read.shape.length === o.length - 1 ? o.slice(1) : read.anyBatch ? [constDim(-1), ...o.slice(1)] : o;
  const at = /@/.test(lit.text) && target.length >= 2 ? `${formatDim(target[0])}@${styleLike(target.slice(1), lit.text.replace(/^.*@/, ''))}` : null;
  return {
    ...base(kind, where, cell),
    status: holds ? 'pass' : 'fail', code: holds ? 'ok' : 'shape-mismatch', computed, computedText,
    claimed: lit.text, claimedSpan: lit.span,
    message: holds ? `${where}: ${computedText}, as claimed` : `Claimed ${lit.text}, but ${f.label} outputs ${computedText} (${where})`,
    steps,
    fix: holds ? undefined : { span: lit.span, newText: at ?? styleLike(target, lit.text) },
  };
}

/** LeNet's own notation, `6@28×28`: C feature maps of H×W, the shape C×H×W. */
function atShape(cell: TableCell): TextLiteral[] | null {
  const m = /(\d+)\s*@\s*(\d+)\s*(?:[×xX]|\\times)\s*(\d+)/.exec(cell.text);
  if (!m) return null;
  const span = { start: cell.span.start + m.index, end: cell.span.start + m.index + m[0].length };
  return [{ kind: 'shape', span, dims: [m[1], m[2], m[3]], text: m[0] }];
}
