/**
 * Hovers explain a verdict: on a claim statement, what was computed and how; on a `let` name, what
 * it holds; on a claimed value in the prose, whether it is right. Innermost wins, so a value claimed
 * inside the comment (`... = 5x4`) shows its verdict and the statement around it shows the steps.
 */
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import type { CheckResult, LayerInfo, LetInfo, MathLink, Status } from '../core/result';
import type { Span } from '../core/span';
import { resultDiagnostics } from './diagnostics';
import type { CheckedDocument } from './documents';
import { toRange, toSpan, touches } from './ranges';

const verdicts: Record<Status, string> = {
  pass: '✓ holds',
  fail: '✗ does not hold',
  error: '⚠ cannot be checked',
  unbound: 'computed; nothing claimed',
};

export function hoverAt(doc: CheckedDocument, offset: number): Hover | null {
  let best: { span: Span; render: () => string } | undefined;
  const consider = (span: Span | null | undefined, render: () => string) => {
    if (!span || !touches(span, offset)) return;
    if (!best || span.end - span.start < best.span.end - best.span.start) best = { span, render };
  };
  for (const l of doc.check.lets) consider(l.nameSpan, () => renderLet(l));
  for (const r of doc.check.results) {
    // The editor already shows a diagnostic's message in the hover of its range: say it once.
    const shown = shownHere(doc, r, offset);
    consider(r.span, () => renderStatement(r, shown));
    if (r.claimedSpan && r.status !== 'unbound') consider(r.claimedSpan, () => renderClaimed(r, shown));
    for (const link of r.links ?? []) {
      consider(link.leftSpan, () => renderLink(r, link, shown));
      consider(link.rightSpan, () => renderLink(r, link, shown));
    }
  }
  if (!best) return null;
  const contents: MarkupContent = { kind: 'markdown', value: best.render() };
  return { contents, range: toRange(doc.lines, best.span) };
}

/**
 * Whether a text would repeat a diagnostic of `r` whose range holds `offset` (VS Code prints those above
 * our hover): the text is, or contains, its message (a math claim's message quotes its broken link's).
 */
function shownHere(doc: CheckedDocument, r: CheckResult, offset: number): (text: string) => boolean {
  let messages: string[] | undefined;
  return (text) => {
    messages ??= resultDiagnostics(doc, r)
      .filter((d) => touches(toSpan(doc.lines, d.range), offset))
      .map((d) => (typeof d.message === 'string' ? d.message : d.message.value));
    return messages.some((m) => m.length > 0 && text.includes(m));
  };
}

function renderStatement(r: CheckResult, shown: (message: string) => boolean): string {
  const out = [`**Derivation Check** — ${verdicts[r.status]}`, ''];
  // For math the steps say what each side evaluates to; a single value would be the last side's.
  const computed = r.computedText !== null && r.kind !== 'math' ? ` ⇒ ${code(r.computedText)}` : '';
  out.push(`${code(r.source)}${computed}`);
  if (r.status === 'pass' && r.claimed !== null) out.push('', `Claimed ${code(r.claimed)}.`);
  if (r.status !== 'pass' && !shown(r.message)) out.push('', escapeMarkdown(r.message));
  if (r.steps.length > 0) out.push('', fenced(r.steps.join('\n')));
  if (r.layers?.length) out.push('', layerTable(r.layers));
  return out.join('\n');
}

/** A module's layers as a small Markdown table: layer, output shape, parameters. */
export function layerTable(layers: readonly LayerInfo[], max = 40): string {
  const cell = (t: string) => escapeMarkdown(t).replace(/\n/g, ' ');
  const rows = layers.slice(0, max).map((l) => `| ${cell(l.layer)} | ${cell(l.output)} | ${cell(l.params)} |`);
  if (layers.length > max) rows.push(`| … ${layers.length - max} more | | |`);
  return ['| layer | output | params |', '|---|---|---:|', ...rows].join('\n');
}

function renderClaimed(r: CheckResult, shown: (message: string) => boolean): string {
  const out: string[] = [];
  if (r.status === 'pass') {
    out.push(`**Derivation Check** — ✓ ${code(r.claimed ?? '')} is right: ${code(r.source)} gives ${code(r.computedText ?? '')}`);
  } else if (shown(r.message)) {
    // The diagnostic above says what is wrong; add what it does not: how the value was computed.
    // A math chain's computedText is its written last side, not an answer: name the claim only.
    const gives = r.kind !== 'math' && r.computedText !== null ? ` gives ${code(r.computedText)}` : '';
    out.push(`**Derivation Check** — ${verdicts[r.status]}: ${r.kind === 'math' ? 'checked by ' : ''}${code(r.source)}${gives}`);
    if (r.steps.length > 0) out.push('', fenced(r.steps.join('\n')));
  } else {
    out.push(`**Derivation Check** — ${verdicts[r.status]}`, '', escapeMarkdown(r.message));
  }
  return out.join('\n');
}

function renderLink(r: CheckResult, link: MathLink, shown: (message: string) => boolean): string {
  const mark = link.holds ? '✓' : '✗';
  const out = [`**Derivation Check** — ${mark} ${code(`${link.leftText} ${link.relation} ${link.rightText}`)}`];
  if (link.message && !shown(link.message)) out.push('', escapeMarkdown(link.message));
  out.push('', `Checked by ${code(r.source)}.`);
  return out.join('\n');
}

function renderLet(l: LetInfo): string {
  const out = [`${code(l.name)} : ${code(l.shapeText)}`];
  if (l.valueText !== null) out.push('', fenced(l.valueText));
  else out.push('', 'Values unknown: shape only.');
  return out.join('\n');
}

/** Inline code; a run of backticks longer than any inside keeps the value verbatim. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || text.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function fenced(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

/** Only what changes rendering mid-line: messages are prose with formulas, never start a list or heading. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]|<>~]/g, (c) => `\\${c}`);
}
