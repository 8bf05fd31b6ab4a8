/**
 * The text binding reads, shared by the blocks of one check. Binding reads the visible pieces of a
 * window (the text between hidden spans and claim comments) and finds literals in each piece on its
 * own, so a piece's literals and hash are the same for every block whose window holds it whole:
 * they are found once. Eight thousand claims sharing one paragraph then cost the paragraph once,
 * not once per claim.
 */
import type { ScannedDocument } from '../core/document';
import type { Span } from '../core/span';
import { firstSpanEndingAfter, normalizeSpans, visiblePieces } from '../documents/spans';
import { findLiterals, type TextLiteral } from '../binding/literals';

export class TextPieces {
  private holesList: Span[] | null = null;
  private readonly literalsByStart = new Map<number, readonly TextLiteral[]>();
  /** Pieces a window's bound cuts, by start and length: each block's statements share its own. */
  private readonly partLiterals = new Map<string, readonly TextLiteral[]>();
  private readonly hashByStart = new Map<number, [number, number]>();
  private readonly blankByStart = new Map<number, boolean>();

  constructor(private readonly doc: ScannedDocument) {}

  private holes(): Span[] {
    return (this.holesList ??= normalizeSpans([...this.doc.hidden, ...this.doc.blocks.map((b) => b.span)]));
  }

  /** Whether `p` (a visible piece) runs from one hole (or the text's start) to the next (or its end). */
  private whole(p: Span): boolean {
    const holes = this.holes();
    const i = firstSpanEndingAfter(holes, p.start);
    const from = i > 0 ? holes[i - 1].end : 0;
    const to = i < holes.length ? holes[i].start : this.doc.text.length;
    return p.start === from && p.end === to;
  }

  /**
   * Whether a piece is only blanks: literals are found in each piece on its own, so such a piece
   * holds none and changes nothing binding reads (the line breaks between stacked claim comments).
   */
  private blank(p: Span, whole: boolean): boolean {
    let b = whole ? this.blankByStart.get(p.start) : undefined;
    if (b === undefined) {
      b = /^\s*$/.test(this.doc.text.slice(p.start, p.end));
      if (whole) this.blankByStart.set(p.start, b);
    }
    return b;
  }

  /** The literals binding finds in `window`, in document order (as `findLiterals` finds them). */
  literals(window: Span): readonly TextLiteral[] {
    const out: TextLiteral[] = [];
    for (const p of visiblePieces(window, this.holes())) for (const l of this.pieceLiterals(p)) out.push(l);
    return out;
  }

  /**
   * The same literals in order of nearness: forward from the window's start, or backward from its end.
   * Binding stops at the second answer it finds, so a claim reads the pieces next to it and seldom the
   * far ones; the far piece is the one the window's bound cuts, whose literals no other block shares.
   */
  *nearest(window: Span, forward: boolean): Generator<TextLiteral> {
    const pieces = visiblePieces(window, this.holes());
    if (forward) {
      for (const p of pieces) yield* this.pieceLiterals(p);
      return;
    }
    for (let i = pieces.length - 1; i >= 0; i--) {
      const lits = this.pieceLiterals(pieces[i]);
      for (let j = lits.length - 1; j >= 0; j--) yield lits[j];
    }
  }

  private pieceLiterals(p: Span): readonly TextLiteral[] {
    const whole = this.whole(p);
    if (this.blank(p, whole)) return NONE;
    const part = whole ? '' : `${p.start}:${p.end}`;
    let lits = whole ? this.literalsByStart.get(p.start) : this.partLiterals.get(part);
    if (!lits) {
      lits = safeLiterals(this.doc, p);
      if (whole) this.literalsByStart.set(p.start, lits);
      else this.partLiterals.set(part, lits);
    }
    return lits;
  }

  /**
   * What binding can read of `window`, as a key: each visible piece's place (from `origin`), length
   * and text, folded into two 32-bit lanes as numbers (no string per piece, none to hash again);
   * '' when the window holds no piece binding reads.
   */
  key(window: Span, origin: number): string {
    let a = 0x811c9dc5;
    let b = 0x9e3779b9;
    let count = 0;
    const mix = (x: number): void => {
      a = Math.imul(a ^ x, 0x01000193);
      b = Math.imul(b ^ x, 0x5bd1e995);
      b ^= b >>> 15;
    };
    for (const p of visiblePieces(window, this.holes())) {
      const whole = this.whole(p);
      if (this.blank(p, whole)) continue;
      let h = whole ? this.hashByStart.get(p.start) : undefined;
      if (h === undefined) {
        h = textHash(this.doc.text, p.start, p.end);
        if (whole) this.hashByStart.set(p.start, h);
      }
      mix(p.start - origin);
      mix(p.end - p.start);
      mix(h[0]);
      mix(h[1]);
      count++;
    }
    return count === 0 ? '' : `${hex(a)}${hex(b)}:${count}`;
  }
}

/** Two independent 32-bit lanes over text[from, to) (as `hashString` in checker/index.ts, without a slice). */
function textHash(text: string, from: number, to: number): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a, b];
}

const hex = (x: number): string => (x >>> 0).toString(16).padStart(8, '0');

const NONE: readonly TextLiteral[] = [];

function safeLiterals(doc: ScannedDocument, within: Span): readonly TextLiteral[] {
  try {
    return findLiterals(doc, within);
  } catch {
    return [];
  }
}
