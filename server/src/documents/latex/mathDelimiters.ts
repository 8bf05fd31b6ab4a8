import type { MathRegion } from '../../core/document';
import type { Span } from '../../core/span';

/** The region for math written with `$`, `$$`, `\(..\)` or `\[..\]` at `r` (delimiters included). */
export function delimitedMath(text: string, r: Span): MathRegion {
  const two = text.startsWith('$$', r.start) || text.startsWith('\\[', r.start) || text.startsWith('\\(', r.start);
  const w = two ? 2 : 1;
  const display = text.startsWith('$$', r.start) || text.startsWith('\\[', r.start);
  const bodyStart = Math.min(r.start + w, r.end);
  const bodyEnd = Math.max(bodyStart, r.end - w);
  return { span: r, body: { start: bodyStart, end: bodyEnd }, kind: display ? 'display' : 'inline' };
}

/** The region for `\begin{env}..\end{env}` at `r`; null when the text there is not shaped that way. */
export function environmentMath(text: string, r: Span, env: string): MathRegion | null {
  const open = `\\begin{${env}}`;
  const close = `\\end{${env}}`;
  if (!text.startsWith(open, r.start)) return null;
  const bodyStart = r.start + open.length;
  const bodyEnd = text.startsWith(close, r.end - close.length) ? r.end - close.length : r.end;
  if (bodyEnd < bodyStart) return null;
  return { span: r, body: { start: bodyStart, end: bodyEnd }, kind: 'environment', env };
}

/** The body of a verbatim-like environment at `r`: between `\begin{env}` and `\end{env}`. */
export function environmentBody(text: string, r: Span, env: string): Span {
  const open = `\\begin{${env}}`;
  const close = `\\end{${env}}`;
  const start = text.startsWith(open, r.start) ? r.start + open.length : r.start;
  const end = text.startsWith(close, r.end - close.length) ? r.end - close.length : r.end;
  return { start, end: Math.max(start, end) };
}
