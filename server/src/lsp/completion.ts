/**
 * Help while writing claims: completion, signature help, hover on function names and the "Add a check"
 * action, computed from the document text and its `let`s alone. Free of protocol types (as texlab keeps
 * its features): tutor.ts adapts these results to LSP.
 */
import type { DocumentKind } from '../core/document';
import type { LetInfo } from '../core/result';
import {
  CLAIM_SNIPPETS, FUNCTION_DOCS, LAYER_PARAM_DOCS, MODULE_DOCS, STATEMENT_DOCS, functionDoc, moduleDoc, signatureOf,
  type FunctionDoc,
} from '../claims/catalog';
import { SETTINGS, type SettingName } from '../claims/ast';

export type ItemKind = 'function' | 'module' | 'keyword' | 'variable' | 'param' | 'snippet' | 'value';

export interface Item {
  label: string;
  kind: ItemKind;
  detail: string;
  documentation: string;
  /** Text to insert; LSP snippet syntax when `snippet`. */
  insert: string;
  snippet: boolean;
  /** For items that replace more than the word at the cursor: the text they are filtered by, and where it starts. */
  filter?: string;
  replaceFrom?: number;
}

/** The claim text around a position: where the claim text starts, and the statement before the cursor. */
export interface ClaimContext {
  /** Document offset where the current statement starts. */
  statementStart: number;
  /** The statement's text from its start to the cursor. */
  before: string;
}

/** How far back a claim comment's opening is looked for: a comment longer than this gets no completion. */
const MAX_LOOKBACK = 20_000;

/** The claim the offset is in, or null outside claim comments. Works on unterminated comments (while typing). */
export function claimContextAt(text: string, kind: DocumentKind, offset: number): ClaimContext | null {
  const start = kind === 'markdown' ? markdownClaimStart(text, offset) : latexClaimStart(text, offset);
  if (start === null) return null;
  const upTo = text.slice(start, offset);
  // The statement: after the last `;` or line break (a LaTeX continuation line starts after its `%`).
  let cut = Math.max(upTo.lastIndexOf(';'), upTo.lastIndexOf('\n'));
  let statementStart = start + cut + 1;
  if (kind === 'latex' && upTo.lastIndexOf('\n') === cut && cut >= 0) {
    const pct = text.indexOf('%', statementStart);
    if (pct >= 0 && pct < offset) statementStart = pct + 1;
    cut = statementStart - start - 1;
  }
  return { statementStart, before: text.slice(statementStart, offset) };
}

function markdownClaimStart(text: string, offset: number): number | null {
  const from = Math.max(0, offset - MAX_LOOKBACK);
  const open = text.lastIndexOf('<!--', offset - 1);
  if (open < from) return null;
  const close = text.indexOf('-->', open + 4);
  if (close >= 0 && close + 3 <= offset) return null;
  const m = /^<!--\s*check:/.exec(text.slice(open, Math.min(text.length, open + 40)));
  if (!m || open + m[0].length > offset) return null;
  return open + m[0].length;
}

/** `% check: ...` on this line, or on a comment-only line above that this one continues. */
function latexClaimStart(text: string, offset: number): number | null {
  let lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const pct = commentStart(text, lineStart, offset);
  if (pct === null) return null;
  const own = /^\s*check:/.exec(text.slice(pct + 1, offset));
  if (own) return pct + 1 + own[0].length;
  // A continuation: every line up to the `check:` line must be comment-only.
  if (text.slice(lineStart, pct).trim() !== '') return null;
  for (let n = 0; n < 200 && lineStart > 0; n++) {
    const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    const prevPct = commentStart(text, prevStart, lineStart - 1);
    if (prevPct === null) return null;
    if (/^\s*check:/.test(text.slice(prevPct + 1, lineStart - 1))) return pct + 1;
    // Only comment-only lines continue a claim: a comment after text that is not `check:` ends the search.
    if (text.slice(prevStart, prevPct).trim() !== '') return null;
    lineStart = prevStart;
  }
  return null;
}

function commentStart(text: string, lineStart: number, offset: number): number | null {
  for (let i = lineStart; i < offset; i++) {
    if (text[i] === '%' && (i === 0 || text[i - 1] !== '\\')) return i;
  }
  return null;
}

// ---------- completion ----------

const WORD = /[A-Za-z_][A-Za-z0-9_.]*$/;
const LAYER_HEAD = /^\s*(?:not\s+)?(?:fits\s+)?(conv|pool|convT)([123]d)?\s+out\s+\S+\s+(?:\S+\s+)*$/;

export function completionsAt(ctx: ClaimContext, lets: readonly LetInfo[]): Item[] {
  const word = WORD.exec(ctx.before)?.[0] ?? '';
  const head = ctx.before.slice(0, ctx.before.length - word.length);
  const setting = /^\s*(convention|layout|derivatives)\s+$/.exec(head);
  if (setting) {
    return SETTINGS[setting[1] as SettingName].map((v, i) => item(v, 'value', `${setting[1]} ${v}`, i === 0 ? 'The default.' : '', v));
  }
  const layer = LAYER_HEAD.exec(head);
  if (layer) return layerParams(layer[1] as 'conv' | 'pool' | 'convT', head);
  // After `nn.` the editor replaces only the word after the dot: offer the bare constructor names.
  if (/(^|[^A-Za-z0-9_])nn\.$/.test(head) || /^(torch\.)?nn\.\w*$/.test(word)) return MODULE_DOCS.map(moduleItem);
  const out: Item[] = [];
  const atStart = head.trim() === '';
  if (atStart) {
    for (const k of STATEMENT_DOCS) out.push(item(k.label, 'keyword', k.label, k.summary, k.snippet, true));
    for (const s of CLAIM_SNIPPETS) out.push(item(s.label, 'snippet', s.snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1'), s.summary, s.snippet, true));
  }
  const call = enclosingCall(ctx.before);
  if (call && !/=\s*$/.test(head)) {
    const doc = docOfCallee(call.callee);
    if (doc) {
      for (const p of doc.sig) {
        const name = p.replace(/^\*/, '').split('=')[0];
        if (!p.includes('=') || call.given.has(name)) continue;
        out.push(item(`${name}=`, 'param', p, `Keyword argument of ${doc.name} (default ${p.split('=')[1]}).`, `${name}=`));
      }
    }
  }
  for (const d of FUNCTION_DOCS) out.push(functionItem(d));
  out.push(item('nn.', 'module', 'torch.nn modules', 'Module constructors: nn.Conv2d, nn.Linear, nn.Sequential, ...', 'nn.'));
  for (const l of latestLets(lets, ctx.statementStart)) {
    out.push(item(l.name, 'variable', `${l.name}: ${l.shapeText}`, l.valueText ? `Bound by its let: ${l.valueText}` : 'Bound by its let (shape only).', l.name));
  }
  return out;
}

function layerParams(op: 'conv' | 'pool' | 'convT', head: string): Item[] {
  const written = new Set(head.trim().split(/\s+/).map((w) => /^([a-z]+?)(?:=|\d|$)/.exec(w)?.[1] ?? w));
  return LAYER_PARAM_DOCS.filter((p) => {
    if (p.label === 'ceil') return op === 'pool';
    if (p.label === 'op') return op === 'convT';
    if (p.label === 'f') return op !== 'pool';
    return true;
  })
    .filter((p) => !written.has(p.label.replace(/=.*/, '')))
    .map((p) => item(p.label, 'param', p.label, p.summary, p.snippet, p.snippet.includes('$')));
}

/** Each name once, as bound last before the cursor. */
function latestLets(lets: readonly LetInfo[], before: number): LetInfo[] {
  const byName = new Map<string, LetInfo>();
  for (const l of lets) if (l.nameSpan.start < before) byName.set(l.name, l);
  return [...byName.values()];
}

function item(label: string, kind: ItemKind, detail: string, documentation: string, insert: string, snippet = false): Item {
  return { label, kind, detail, documentation, insert, snippet };
}

function describe(d: FunctionDoc): string {
  return d.shape ? `${d.summary}\n\nShape: ${d.shape}` : d.summary;
}

function functionItem(d: FunctionDoc): Item {
  return item(d.name, 'function', signatureOf(d), describe(d), d.name);
}

function moduleItem(d: FunctionDoc): Item {
  return item(d.name, 'module', signatureOf(d, 'nn.'), d.summary, d.name);
}

/**
 * Outside claims: a line that starts with a prefix of `check` offers whole claim comments, one per common
 * claim kind (a Markdown comment or a LaTeX `%` line), so a student need not remember the syntax.
 */
export function claimSnippetsAt(text: string, kind: DocumentKind, offset: number): Item[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const typed = /^\s*(?:<!--\s*|%\s*)?([a-z]+)$/.exec(text.slice(lineStart, offset));
  if (!typed || !'check'.startsWith(typed[1])) return [];
  const wrap = (body: string) => (kind === 'markdown' ? `<!-- check: ${body} -->` : `% check: ${body}`);
  const whole = text.slice(lineStart, offset).trimStart();
  const kinds: [string, string, string][] = [
    ['check: layer', 'conv out ${1:10x11} k${2:3} s${3:2}', 'The output size of a layer, compared with the shape in the sentence below.'],
    ['check: shape', '${1:x @ W} : ${2:4x5}', 'The shape of an expression.'],
    ['check: value', '${1:softmax(z, dim=0)} = ${2:[0.27, 0.73]}', 'The value of an expression.'],
    ['check: gradient', 'let ${1:x} : ${2:5}; grad(${3:sum(x * x)}, ${1:x})', 'The shape of a gradient, compared with the sentence below.'],
    ['check: parameters', 'params ${1:conv2d} k${2:3} c=${3:3} f=${4:16}', 'The number of learnable parameters.'],
  ];
  // The items replace what was typed on the line (`<!-- che`), so they are filtered by that text.
  return kinds.map(([label, body, doc]) => ({ ...item(label, 'snippet', wrap(body.replace(/\$\{\d+:([^}]*)\}/g, '$1')), doc, wrap(body), true), filter: whole, replaceFrom: offset - whole.length }));
}

// ---------- signature help ----------

interface OpenCall {
  callee: string;
  /** Offset in `before` just after the `(`. */
  argsStart: number;
  /** Positional arguments before the current one. */
  index: number;
  /** Keyword arguments already written. */
  given: Set<string>;
  /** The current argument's keyword, if it has one (`stride=` typed). */
  keyword: string | null;
}

/** The innermost call whose `(` is open at the end of `before`. */
export function enclosingCall(before: string): OpenCall | null {
  const stack: number[] = [];
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (c === '(' || c === '[') stack.push(c === '(' ? i : -1 - i);
    else if ((c === ')' || c === ']') && stack.length) stack.pop();
  }
  for (let s = stack.length - 1; s >= 0; s--) {
    const open = stack[s];
    if (open < 0) continue;
    const name = /([A-Za-z_][A-Za-z0-9_.]*)\s*$/.exec(before.slice(0, open));
    if (!name) return null;
    const args = splitTopLevel(before.slice(open + 1));
    const given = new Set<string>();
    for (const a of args.slice(0, -1)) {
      const kw = /^\s*([A-Za-z_]\w*)\s*=(?!=)/.exec(a);
      if (kw) given.add(kw[1]);
    }
    const current = /^\s*([A-Za-z_]\w*)\s*=(?!=)/.exec(args[args.length - 1]);
    return { callee: name[1], argsStart: open + 1, index: args.length - 1, given, keyword: current ? current[1] : null };
  }
  return null;
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(from, i));
      from = i + 1;
    }
  }
  out.push(s.slice(from));
  return out;
}

/** `x.sum(` is the method: its signature without `input`. */
function docOfCallee(callee: string): FunctionDoc | undefined {
  const mod = /^(?:torch\.)?nn\.([A-Z]\w*)$/.exec(callee) ?? /^([A-Z]\w*)$/.exec(callee);
  if (mod) return moduleDoc(mod[1]);
  const direct = functionDoc(callee);
  if (direct) return direct;
  const method = /\.([a-z_]\w*)$/.exec(callee);
  if (method) {
    const d = functionDoc(method[1]);
    if (d && d.sig[0] === 'input') return { ...d, sig: d.sig.slice(1) };
  }
  return undefined;
}

export interface Signature {
  label: string;
  documentation: string;
  parameters: string[];
  active: number;
}

export function signatureAt(ctx: ClaimContext): Signature | null {
  const call = enclosingCall(ctx.before);
  if (!call) return null;
  const doc = docOfCallee(call.callee);
  if (!doc) return null;
  const prefix = /^(?:torch\.)?nn\./.test(call.callee) || /^[A-Z]/.test(call.callee) ? 'nn.' : '';
  const names = doc.sig.map((p) => p.replace(/^\*/, '').split('=')[0]);
  let active = call.keyword ? names.indexOf(call.keyword) : call.index;
  const rest = doc.sig.findIndex((p) => p.startsWith('*'));
  if (!call.keyword && rest >= 0 && active > rest) active = rest;
  return { label: signatureOf(doc, prefix), documentation: describe(doc), parameters: [...doc.sig], active: Math.min(Math.max(active, 0), doc.sig.length - 1) };
}

// ---------- hover on a function name ----------

export interface NameHover {
  start: number;
  end: number;
  markdown: string;
}

/** A function or module name under the cursor inside a claim: its signature and description. */
export function functionHoverAt(text: string, kind: DocumentKind, offset: number): NameHover | null {
  const isName = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_.]/.test(c);
  let start = offset;
  let end = offset;
  while (start > 0 && isName(text[start - 1])) start--;
  while (end < text.length && isName(text[end])) end++;
  if (start === end) return null;
  if (!claimContextAt(text, kind, start)) return null;
  const name = text.slice(start, end);
  const after = /^\s*\(/.test(text.slice(end, end + 20));
  const doc = /^(?:torch\.)?nn\.[A-Z]/.test(name) || (/^[A-Z]/.test(name) && after) ? moduleDoc(name) : functionDoc(name);
  if (!doc) return null;
  // A bare name that is also a let (`params` as a variable) is documented only when called.
  if (!after && !/^(nn|F|torch)\./.test(name)) return null;
  const prefix = doc.group === 'modules' && /^[A-Z]/.test(doc.name) ? 'nn.' : '';
  return { start, end, markdown: `\`\`\`text\n${signatureOf(doc, prefix)}\n\`\`\`\n\n${describe(doc)}` };
}

// ---------- "Add a check for this value" ----------

export interface AddCheck {
  /** Where the skeleton goes: the start of the paragraph. */
  at: number;
  insert: string;
  /** The value the sentence states, as written. */
  value: string;
}

const SHAPE_IN_TEXT = /\d+(?:\s*(?:[x×]|\\times)\s*\d+)+|\\mathbb\{R\}\^\{[^}]+\}|\bR\^\{[^}]+\}/;
const NUMBER_IN_TEXT = /(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])/;

/** On a line of prose that states a shape or a number, the claim skeleton to insert above its paragraph. */
export function addCheckAt(text: string, kind: DocumentKind, offset: number): AddCheck | null {
  if (claimContextAt(text, kind, offset)) return null;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEndRaw = text.indexOf('\n', offset);
  const lineEnd = lineEndRaw < 0 ? text.length : lineEndRaw;
  let line = text.slice(lineStart, lineEnd);
  if (kind === 'latex') {
    const pct = commentStart(text, lineStart, lineEnd);
    if (pct !== null) line = text.slice(lineStart, pct);
  }
  if (/^\s*(```|~~~|<!--|#)/.test(line) || line.trim() === '') return null;
  const m = SHAPE_IN_TEXT.exec(line) ?? NUMBER_IN_TEXT.exec(line);
  if (!m) return null;
  // The start of the paragraph: a skeleton on its own line above it binds forward to it.
  let at = lineStart;
  while (at > 0) {
    const prevStart = text.lastIndexOf('\n', at - 2) + 1;
    if (text.slice(prevStart, at - 1).trim() === '') break;
    at = prevStart;
  }
  const claim = kind === 'markdown' ? '<!-- check: EXPR -->\n' : '% check: EXPR\n';
  return { at, insert: claim, value: m[0] };
}
