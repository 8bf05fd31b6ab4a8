/**
 * What the checker says about a document: one `CheckResult` per statement other than a plain `let`
 * (spec section 7). The CLI and the language server only translate these; they decide nothing.
 */
import type { Span } from './span';

export type Status = 'pass' | 'fail' | 'error' | 'unbound';

/** The canonical computed value of the CLI's JSON: a shape string, a number, or nested arrays. */
export type CanonicalValue = string | number | NestedNumbers | null;
export type NestedNumbers = number[] | NestedNumbers[];

export type StatementKind = 'layer' | 'params' | 'shape' | 'value' | 'text' | 'identity' | 'math' | 'let';

/** Stable codes, shown as the diagnostic's code: one per kind of problem. */
export type ResultCode =
  | 'mismatch'
  | 'shape-mismatch'
  | 'syntax'
  | 'unknown-name'
  | 'invalid-layer'
  | 'operand-shapes'
  | 'needs-values'
  | 'limit'
  | 'unterminated'
  | 'no-math'
  | 'math-syntax'
  | 'eval'
  | 'include'
  | 'unbound'
  | 'ok';

/** A replacement that makes a failing claim true: the quick fix. */
export interface TextEdit {
  span: Span;
  newText: string;
}

/** One relation of a `math` chain (section 6). */
export interface MathLink {
  relation: string;
  leftSpan: Span;
  rightSpan: Span;
  holds: boolean;
  leftText: string;
  rightText: string;
  message: string;
}

export interface CheckResult {
  kind: StatementKind;
  status: Status;
  code: ResultCode;
  /** The statement in the document (for a block-level error such as an unterminated comment: the block). */
  span: Span;
  /** The statement's source text, whitespace-collapsed. */
  source: string;
  /** Where an error is, as exactly as known (a token of the statement); defaults to `span`. */
  errorSpan?: Span;
  computed: CanonicalValue;
  /** The computed value as a person reads it (`4×5`, `0.2913`, `[[3, 0.5, 7.5]]`). */
  computedText: string | null;
  /** The claimed value as written, or null when nothing was claimed. */
  claimed: string | null;
  /** Where the claimed value stands: in the text (section 5) or in the comment. */
  claimedSpan: Span | null;
  message: string;
  /** How the value was computed, one line a step (hover). */
  steps: string[];
  /** For a failing claim: the edit that would make it true. */
  fix?: TextEdit;
  /** For `math`: every link of the chain. */
  links?: MathLink[];
}

/** A `let` binding, for hovers on its name. */
export interface LetInfo {
  name: string;
  nameSpan: Span;
  /** `2×5`, `m×n`. */
  shapeText: string;
  /** The values, when known and small enough to show. */
  valueText: string | null;
}

export interface DocumentCheck {
  results: CheckResult[];
  lets: LetInfo[];
}
