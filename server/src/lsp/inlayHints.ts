/**
 * The computed value written after each claim statement, so a student sees `⇒ 4×5 ✓` without
 * hovering. Errors get no hint: their diagnostic already says everything and a hint would repeat it.
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
  // A math chain's `computed` is its last side, which the student wrote: `⇒ 5 ✗` would read as if
  // 5 were the right answer. Its verdict alone says what matters.
  if (r.computedText !== null && r.kind !== 'math') return `⇒ ${r.computedText}${mark}`;
  return mark ? mark.trim() : undefined;
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
