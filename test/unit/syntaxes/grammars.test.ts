/**
 * The TextMate grammars: every regex compiles, includes resolve, the manifest contributes each
 * grammar under the scope name its file declares, and the injections select the scopes they are
 * injected into. A small tokenizer (match rules, first-earliest wins, as TextMate does) then checks
 * that claim text gets the scopes a theme colours.
 */
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

interface Rule {
  name?: string;
  contentName?: string;
  match?: string;
  begin?: string;
  end?: string;
  while?: string;
  include?: string;
  patterns?: Rule[];
  captures?: Record<string, { name?: string }>;
  beginCaptures?: Record<string, { name?: string }>;
  endCaptures?: Record<string, { name?: string }>;
  whileCaptures?: Record<string, { name?: string }>;
}

interface Grammar extends Rule {
  scopeName: string;
  injectionSelector?: string;
  repository?: Record<string, Rule>;
}

interface Contribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const contributions: Contribution[] = manifest.contributes.grammars;
const grammars = new Map<string, Grammar>(
  contributions.map((c) => [c.scopeName, JSON.parse(readFileSync(`${root}${c.path}`, 'utf8')) as Grammar]),
);
const claims = grammars.get('source.derivcheck')!;

/**
 * Oniguruma → JavaScript for the constructs these grammars may use. `\G` (anchor at the previous
 * match's end) has no JavaScript form; the grammars avoid it, and this says so if one creeps in.
 */
function compile(source: string, flags = ''): RegExp {
  assert.ok(!/\\[GhHAzZ]/.test(source.replace(/\\\\/g, '')), `Oniguruma-only escape in ${source}`);
  return new RegExp(source, flags);
}

function* rules(rule: Rule, path: string): Generator<[string, Rule]> {
  yield [path, rule];
  for (const [i, r] of (rule.patterns ?? []).entries()) yield* rules(r, `${path}/patterns/${i}`);
  for (const [k, r] of Object.entries((rule as Grammar).repository ?? {})) yield* rules(r, `${path}/repository/${k}`);
}

describe('grammars', () => {
  it('are contributed from files that exist, under the scope name each file declares', () => {
    assert.equal(contributions.length, 3);
    for (const c of contributions) {
      assert.ok(existsSync(`${root}${c.path}`), c.path);
      assert.equal(grammars.get(c.scopeName)!.scopeName, c.scopeName, c.path);
    }
  });

  it('have regexes that compile', () => {
    for (const [scope, g] of grammars) {
      for (const [path, r] of rules(g, scope)) {
        for (const key of ['match', 'begin', 'end', 'while'] as const) {
          const src = r[key];
          if (src === undefined) continue;
          assert.doesNotThrow(() => compile(src), `${path}.${key}: ${src}`);
        }
        if (r.begin !== undefined) assert.ok(r.end !== undefined || r.while !== undefined, `${path}: begin without end`);
      }
    }
  });

  it('include only rules and grammars that exist', () => {
    for (const [scope, g] of grammars) {
      for (const [path, r] of rules(g, scope)) {
        if (r.include === undefined) continue;
        if (r.include.startsWith('#')) assert.ok(g.repository?.[r.include.slice(1)], `${path}: ${r.include}`);
        else if (r.include !== '$self' && r.include !== '$base') assert.ok(grammars.has(r.include), `${path}: ${r.include}`);
      }
    }
  });

  it('inject into the scopes their selectors name, and never into their own claims', () => {
    for (const c of contributions.filter((x) => x.injectTo)) {
      const selector = grammars.get(c.scopeName)!.injectionSelector;
      assert.ok(selector, `${c.scopeName} has an injectionSelector`);
      const selected = selector!.split(',').map((part) => part.trim().replace(/^[LR]:/, '').split(/\s+/)[0]);
      assert.deepEqual([...selected].sort(), [...c.injectTo!].sort(), c.scopeName);
      for (const part of selector!.split(',')) {
        assert.ok(part.includes('-meta.claim.derivcheck'), `${c.scopeName}: ${part}`);
        assert.ok(part.trim().startsWith('L:'), `${c.scopeName}: left priority over the host comment rule`);
      }
    }
  });

  it('name every scope they introduce with the .derivcheck suffix or a standard host scope', () => {
    const host = /^(comment\.(block\.html|line\.percentage\.tex)|punctuation\.definition\.comment(\.(begin|end))?\.(html|tex))$/;
    for (const [scope, g] of grammars) {
      const names: string[] = [];
      for (const [path, r] of rules(g, scope)) {
        // The root's `name` is the grammar's display name, not a scope.
        if (path !== scope && r.name) names.push(r.name);
        if (r.contentName) names.push(r.contentName);
        for (const caps of [r.captures, r.beginCaptures, r.endCaptures, r.whileCaptures]) {
          for (const cap of Object.values(caps ?? {})) if (cap.name) names.push(cap.name);
        }
      }
      for (const n of names.flatMap((x) => x.split(/\s+/))) {
        assert.ok(n.endsWith('.derivcheck') || host.test(n), `${scope}: ${n}`);
      }
    }
  });
});

// ---------- a tokenizer for match rules, enough to see what a theme would colour ----------

interface Token {
  text: string;
  scopes: string[];
}

function flatten(rule: Rule, g: Grammar): Rule[] {
  if (rule.include?.startsWith('#')) return flatten(g.repository![rule.include.slice(1)], g);
  if (rule.match !== undefined) return [rule];
  return (rule.patterns ?? []).flatMap((r) => flatten(r, g));
}

function tokenize(line: string, g: Grammar): Token[] {
  const candidates = flatten(g, g).map((r) => ({ rule: r, re: compile(r.match!, 'dg') }));
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < line.length) {
    let best: { rule: Rule; m: RegExpExecArray } | undefined;
    for (const c of candidates) {
      c.re.lastIndex = pos;
      const m = c.re.exec(line);
      if (m && m[0].length > 0 && (!best || m.index < best.m.index)) best = { rule: c.rule, m };
    }
    if (!best) break;
    const { rule, m } = best;
    const outer = rule.name ? [rule.name] : [];
    if (rule.captures) {
      for (const [k, cap] of Object.entries(rule.captures)) {
        const span = m.indices![Number(k)];
        if (span && cap.name) tokens.push({ text: line.slice(span[0], span[1]), scopes: [...outer, cap.name] });
      }
    } else tokens.push({ text: m[0], scopes: outer });
    pos = m.index + m[0].length;
  }
  return tokens;
}

function scopeOf(line: string, text: string): string {
  const t = tokenize(line, claims).find((x) => x.text === text);
  assert.ok(t, `no token ${JSON.stringify(text)} in ${JSON.stringify(line)}: ${JSON.stringify(tokenize(line, claims))}`);
  return t.scopes[t.scopes.length - 1];
}

describe('claim grammar', () => {
  it('colours the layer shorthand', () => {
    const line = 'conv out 10x11 k3 s2 p=1 ceil';
    assert.equal(scopeOf(line, 'conv'), 'entity.name.function.layer.derivcheck');
    assert.equal(scopeOf(line, 'out'), 'keyword.other.out.derivcheck');
    assert.equal(scopeOf(line, '10x11'), 'constant.other.shape.derivcheck');
    assert.equal(scopeOf(line, 'k'), 'variable.parameter.derivcheck');
    assert.equal(scopeOf(line, '3'), 'constant.numeric.derivcheck');
    assert.equal(scopeOf(line, 'p'), 'variable.parameter.derivcheck');
    assert.equal(scopeOf(line, 'ceil'), 'constant.language.derivcheck');
    assert.equal(scopeOf('convT2d out 3x8x8 k4 s2 op1', 'convT'), 'entity.name.function.layer.derivcheck');
    assert.equal(scopeOf('pool out 8x8 k2', 'pool'), 'entity.name.function.layer.derivcheck');
  });

  it('colours let, math, params, functions, names, numbers and operators', () => {
    assert.equal(scopeOf('let W_c : m x n', 'let'), 'storage.type.let.derivcheck');
    assert.equal(scopeOf('let W_c : m x n', 'W_c'), 'variable.other.definition.derivcheck');
    assert.equal(scopeOf('let W_c : m x n', ':'), 'keyword.operator.type.derivcheck');
    assert.equal(scopeOf('math W=10 K=3', 'math'), 'keyword.control.directive.derivcheck');
    assert.equal(scopeOf('params conv2d k11 c=3 f=96', 'params'), 'keyword.control.directive.derivcheck');
    assert.equal(scopeOf('params conv2d k11 c=3 f=96', 'conv2d'), 'entity.name.function.layer.derivcheck');
    const expr = 'grad(sum(x @ W.T) ** 2, W) == 2 * x - 0.25';
    assert.equal(scopeOf(expr, 'grad'), 'support.function.derivcheck');
    assert.equal(scopeOf(expr, 'sum'), 'support.function.derivcheck');
    assert.equal(scopeOf(expr, 'x'), 'variable.other.derivcheck');
    assert.equal(scopeOf(expr, '@'), 'keyword.operator.arithmetic.derivcheck');
    assert.equal(scopeOf(expr, 'T'), 'variable.other.property.derivcheck');
    assert.equal(scopeOf(expr, '**'), 'keyword.operator.arithmetic.derivcheck');
    assert.equal(scopeOf(expr, '=='), 'keyword.operator.comparison.derivcheck');
    assert.equal(scopeOf(expr, '0.25'), 'constant.numeric.derivcheck');
    assert.equal(scopeOf('conv2d(x, w, stride=2) : 1x4x4', 'stride'), 'variable.parameter.derivcheck');
    assert.equal(scopeOf('x : \\mathbb{R}^{2 \\times 3}', '\\mathbb{R}'), 'support.type.space.derivcheck');
    assert.equal(scopeOf('x : \\mathbb{R}^{2 \\times 3}', '\\times'), 'keyword.operator.times.derivcheck');
    assert.equal(scopeOf('y : 4×5', '×'), 'keyword.operator.times.derivcheck');
    assert.equal(scopeOf('relu(True)', 'True'), 'constant.language.derivcheck');
  });

  it('leaves a name that merely starts like a function alone', () => {
    assert.equal(scopeOf('summary = 3', 'summary'), 'variable.other.derivcheck');
    assert.equal(scopeOf('kernel2 = 1', 'kernel2'), 'variable.other.derivcheck');
    assert.equal(scopeOf('x_out2 = 1', 'x_out2'), 'variable.other.derivcheck');
  });
});

describe('injections', () => {
  const md = grammars.get('derivcheck.markdown.injection')!.repository!['claim-comment'];
  const tex = grammars.get('derivcheck.latex.injection')!.repository!['claim-comment'];

  it('open on a Markdown check comment, not on an ordinary one', () => {
    const begin = compile(md.begin!);
    assert.ok(begin.test('<!-- check: conv out 10x11 k3 s2 -->'));
    assert.ok(begin.test('  <!--check:x : 2x3 -->'));
    assert.ok(!begin.test('<!-- a note -->'));
    assert.equal(compile(md.end!).exec('conv out 10x11 k3 s2 -->')?.index, 21);
  });

  it('open on a LaTeX check comment, but not on \\%', () => {
    const begin = compile(tex.begin!);
    assert.ok(begin.test('% check: conv out 10x11 k3 s2'));
    assert.ok(begin.test('The output is $4 \\times 5$. %check: W : 1x3'));
    assert.ok(!begin.test('50\\% check: not a comment'));
    assert.ok(!begin.test('% a note'));
  });

  it('continue a LaTeX block over comment lines until a line starts a check of its own', () => {
    const keep = compile(tex.while!);
    assert.ok(keep.test('%   let x : 2x3'));
    assert.ok(keep.test('  % x : 2x3'));
    assert.ok(!keep.test('% check: conv out 4x4 k3'));
    assert.ok(!keep.test('The output is 4.'));
  });
});
