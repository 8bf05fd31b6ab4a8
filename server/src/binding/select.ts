/**
 * Which literal of the text a claim without `=`/`:` claims (spec section 5), and whether a quick fix
 * may rewrite it. One set of rules, in one place:
 * - candidates are taken in order of nearness (forward from a block on its own lines, backward from a
 *   block sharing its line with text), skipping literals an earlier statement of the block took; going
 *   forward, a later statement only looks past the literals earlier statements took (answers in order);
 * - a left side of a chain (`5·5·32·64 + 64 = 51264`, `-\log 0.659 = 0.417`) is never a claimed value;
 * - an *echo* — a literal equal to the claim's own input (its DIMS, their spatial part, an input tensor's
 *   shape) or to a layer parameter at the layer's spatial rank (`k7` on two dims: `7×7`) — is passed
 *   over unless a result word stands right before it ("turns the 28×28 image into a 28×28 map");
 *   a literal that merely shares digits with the claim is no echo: a wrong answer is never skipped;
 * - when no other literal is left, an echo that holds is the answer ("pool out 4x4 k2 ... and then 2×2",
 *   "keeps the map at 4×4"): taking it can only make a claim pass, never fail falsely.
 */
import type { ScannedDocument } from '../core/document';
import type { Span } from '../core/span';
import { leftOfRelation, resultWordBefore } from './context';
import { literalsAfterEdit, type TextLiteral } from './literals';

/** What a claim was given: literals equal to one of these echo the question. Dims are canonical strings. */
export interface Echoes {
  shapes: readonly (readonly string[])[];
  numbers: readonly number[];
}

/** The dims a literal spells when read as a shape (a number is a one-dim shape; a flat whole list too). */
function dimsOf(lit: TextLiteral): string[] | null {
  if (lit.kind === 'shape') return lit.dims;
  if (lit.kind === 'number') return Number.isInteger(lit.value) && lit.value >= 0 ? [String(lit.value)] : null;
  const v = lit.value as unknown[];
  if (v.every((x) => typeof x === 'number' && Number.isInteger(x))) return (v as number[]).map(String);
  return null;
}

export function isEcho(lit: TextLiteral, echoes: Echoes): boolean {
  if (lit.kind === 'number' && echoes.numbers.includes(lit.value)) return true;
  const dims = dimsOf(lit);
  if (!dims) return false;
  return echoes.shapes.some((s) => s.length === dims.length && s.every((d, i) => d === dims[i]));
}

export interface Pick {
  literal: TextLiteral;
  /** The literal is the claimed answer beyond doubt: a quick fix may rewrite it. */
  certain: boolean;
}

export interface PickRequest {
  doc: ScannedDocument;
  /** Where the block's literals were searched (its paragraph): what the context rules may read. */
  window: Span;
  /**
   * The window's literals in order of nearness (forward: document order; backward: from the block
   * back): the rules stop at the second answer, so a lazy sequence is read only as far as that.
   */
  nearest: Iterable<TextLiteral>;
  forward: boolean;
  accepts: (lit: TextLiteral) => boolean;
  taken: ReadonlySet<TextLiteral>;
  echoes: Echoes;
  /** Whether the claim holds against a literal (for the last rule above). */
  holds: (lit: TextLiteral) => boolean;
  /** Answers to pass over first, nearest first: a backward block's later statements take those. */
  leave?: number;
  /** Going forward, look only past this offset (stacked blocks above took the answers before it). */
  after?: number;
}

type Standing = 'answer' | 'echo' | 'no';

function standing(req: PickRequest, lit: TextLiteral, after: number): Standing {
  if (req.taken.has(lit) || !req.accepts(lit)) return 'no';
  if (req.forward && lit.span.start < after) return 'no';
  const text = req.doc.text;
  if (leftOfRelation(text, lit.span.end, req.window.end)) return 'no';
  return !isEcho(lit, req.echoes) || resultWordBefore(text, lit.span.start, req.window.start) ? 'answer' : 'echo';
}

/** The literal a bare claim binds to, or null (the claim is `unbound`). */
export function pickLiteral(req: PickRequest): Pick | null {
  let after = req.after ?? -1;
  if (req.forward) for (const t of req.taken) after = Math.max(after, t.span.end);
  const ordered = req.nearest;
  let chosen: TextLiteral | null = null;
  let echo: TextLiteral | null = null;
  let others = 0;
  let leave = req.leave ?? 0;
  for (const lit of ordered) {
    const s = standing(req, lit, after);
    if (s === 'echo' && !echo && req.holds(lit)) echo = lit;
    if (s !== 'answer') continue;
    if (leave > 0) {
      leave--;
      continue;
    }
    if (!chosen) chosen = lit;
    else others++;
    if (others > 0) break;
  }
  if (!chosen) return echo ? { literal: echo, certain: false } : null;
  return { literal: chosen, certain: others === 0 || resultWordBefore(req.doc.text, chosen.span.start, req.window.start) };
}

/**
 * Whether writing `newText` over the claimed literal leaves a text the same claim reads as its answer,
 * holding: one literal exactly where the old one stood, of a kind the claim accepts, that `holds`, and
 * that the rules above would still pick (not a left side, not a bare echo). Fix All must never turn a
 * sentence into another sentence, nor make a claim that a re-check fails.
 */
export function fixIsSafe(req: PickRequest, pick: Pick, newText: string, holds: (lit: TextLiteral) => boolean): boolean {
  if (!pick.certain || newText.length === 0) return false;
  const span = pick.literal.span;
  const after = literalsAfterEdit(req.doc, req.window, span, newText);
  const at = span.start - after.base;
  const same = after.literals.filter((l) => l.span.start === at && l.span.end === at + newText.length);
  if (same.length !== 1) return false;
  const lit = same[0];
  if (!req.accepts(lit) || !holds(lit)) return false;
  if (after.literals.some((l) => l !== lit && l.span.start < at + newText.length && l.span.end > at)) return false;
  if (leftOfRelation(after.text, lit.span.end, after.text.length)) return false;
  return !isEcho(lit, req.echoes) || resultWordBefore(after.text, lit.span.start, 0);
}
