/**
 * LaTeX facts from the real parser (@unified-latex). Its ranges need care: a `% comment` node starts
 * at the previous line's newline and ends after its own, so we find the `%` inside the range and
 * end the comment at its line's end ourselves.
 */
import { parse } from '@unified-latex/unified-latex-util-parse';
import type { MathRegion } from '../../core/document';
import type { Span } from '../../core/span';
import { MATH_ENVIRONMENTS, VERBATIM_ENVIRONMENTS } from '../mathEnvironments';
import { lineEndOf } from '../text';
import type { LatexFacts } from './facts';
import { delimitedMath, environmentBody, environmentMath } from './mathDelimiters';

interface LxNode {
  type: string;
  content?: unknown;
  env?: unknown;
  args?: { content?: LxNode[] }[];
  position?: { start: { offset: number }; end: { offset: number } };
}

function rangeOf(n: LxNode): Span | null {
  const p = n.position;
  if (!p || typeof p.start?.offset !== 'number' || typeof p.end?.offset !== 'number') return null;
  return p.end.offset >= p.start.offset ? { start: p.start.offset, end: p.end.offset } : null;
}

function envName(n: LxNode): string {
  if (typeof n.env === 'string') return n.env;
  const e = n.env as { content?: unknown } | undefined;
  return e && typeof e.content === 'string' ? e.content : '';
}

export function parsedFacts(text: string): LatexFacts {
  const root = parse(text) as unknown as LxNode;
  const comments: Span[] = [];
  const math: MathRegion[] = [];
  const verbatim: Span[] = [];
  const stack: { node: LxNode; inMath: boolean }[] = [{ node: root, inMath: false }];
  while (stack.length > 0) {
    const { node, inMath } = stack.pop()!;
    const r = rangeOf(node);
    let childInMath = inMath;
    if (node.type === 'comment') {
      if (r) {
        const pct = text.indexOf('%', r.start);
        if (pct >= 0 && pct < r.end) comments.push({ start: pct, end: lineEndOf(text, pct) });
      }
      continue;
    }
    if (node.type === 'verb' || node.type === 'verbatim') {
      if (r) verbatim.push(node.type === 'verb' ? r : environmentBody(text, r, envName(node)));
      continue;
    }
    const env = envName(node);
    if (node.type === 'environment' && VERBATIM_ENVIRONMENTS.has(env)) {
      if (r) verbatim.push(environmentBody(text, r, env));
      continue;
    }
    if (node.type === 'inlinemath' || node.type === 'displaymath') {
      if (r && !inMath) math.push(delimitedMath(text, r));
      childInMath = true;
    } else if ((node.type === 'mathenv' || node.type === 'environment') && MATH_ENVIRONMENTS.has(env)) {
      const region = r && !inMath ? environmentMath(text, r, env) : null;
      if (region) math.push(region);
      childInMath = true;
    }
    const kids: LxNode[] = [];
    if (Array.isArray(node.content)) kids.push(...(node.content as LxNode[]));
    if (Array.isArray(node.args)) for (const a of node.args) if (Array.isArray(a.content)) kids.push(...a.content);
    // Arguments come after the node's own content in the list but before it in the text: sort.
    kids.sort((a, b) => (rangeOf(a)?.start ?? 0) - (rangeOf(b)?.start ?? 0));
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], inMath: childInMath });
  }
  comments.sort((a, b) => a.start - b.start);
  math.sort((a, b) => a.span.start - b.span.start);
  verbatim.sort((a, b) => a.start - b.start);
  return { comments: dedupe(comments), math, verbatim };
}

function dedupe(spans: Span[]): Span[] {
  return spans.filter((s, i) => i === 0 || s.start !== spans[i - 1].start);
}
