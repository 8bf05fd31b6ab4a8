/**
 * The computed value written after each claim statement, so a student sees `⇒ 4×5 ✓` without
 * hovering. Errors get no hint: their diagnostic already says everything and a hint would repeat it.
 * A hint stays one short line: identities say how they were checked, large or random tensors their shape.
 */
import type { InlayHint } from 'vscode-languageserver-protocol';
import type { CheckResult } from '../core/result';
import type { Span } from '../core/span';
import type { CheckedDocument } from './documents';
import { meets } from './ranges';

const marks: Partial<Record<CheckResult['status'], string>> = { pass: ' ✓', fail: ' ✗', unbound: '' };

export function hintLabel(r: CheckResult): string | undefined {
  const mark = marks[r.status];
  if (mark === undefined) return undefined;
  if (r.kind === 'identity') return identityLabel(r, mark);
  // A math chain's `computed` is its last side, which the student wrote: `⇒ 5 ✗` would read as if
  // 5 were the right answer. Its verdict alone says what matters.
  if (r.computedText !== null && r.kind !== 'math') return `⇒ ${valueText(r)}${mark}`;
  return mark ? mark.trim() : undefined;
}

/**
 * An identity's hint says how it was checked, `holds in 3 random trials ✓`, not `equal (3) ✓` (whose 3
 * is the shape and read as a count). The trial count is the one the engine reports in the message.
 */
function identityLabel(r: CheckResult, mark: string): string {
  if (r.status === 'pass') {
    const trials = /\bin (\d+) random trials?\b/.exec(r.message);
    const how = trials ? ` in ${trials[1]} random trial${trials[1] === '1' ? '' : 's'}` : '';
    return `holds${how}${mark}`;
  }
  return r.computedText !== null ? `${r.computedText}${mark}` : mark.trim();
}

/** Tensors with more elements than this show their shape in a hint; their values are in the hover. */
export const HINT_MAX_ELEMENTS = 6;

/**
 * A tensor that is large, or drawn at random (whose digits mean nothing to the reader), is shown by its
 * shape, `tensor 3×4`: a hint is one short line, and a row of truncated numbers says nothing.
 */
function valueText(r: CheckResult): string {
  const text = r.computedText ?? '';
  if (!Array.isArray(r.computed)) return text;
  const dims = shapeOf(r.computed);
  const count = dims.reduce((a, b) => a * b, 1);
  if (count <= HINT_MAX_ELEMENTS && !/\brand(n|_like|n_like|int)?\s*\(/.test(r.source)) return text;
  return `tensor ${dims.join('×')}`;
}

function shapeOf(v: unknown): number[] {
  const dims: number[] = [];
  let x = v;
  while (Array.isArray(x)) {
    dims.push(x.length);
    x = x[0];
  }
  return dims;
}

export function inlayHints(doc: CheckedDocument, within: Span): InlayHint[] {
  const hints: InlayHint[] = [];
  for (const r of doc.check.results) {
    if (!meets(r.span, within)) continue;
    const label = hintLabel(r);
    if (label === undefined) continue;
    hints.push({
      position: doc.lines.position(r.span.end),
      label,
      paddingLeft: true,
      tooltip: r.status === 'pass' ? undefined : r.message,
    });
  }
  return hints;
}
