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

/** The mistake kinds of spec section 7a: what a wrong claimed value is likely to come from. */
export type HintKind =
  | 'ceil' | 'missing-plus-one' | 'padding-ignored' | 'padding-once' | 'dilation-ignored' | 'stride-ignored'
  | 'tf-same' | 'conv-formula' | 'channels' | 'swapped-dims' | 'transposed' | 'dropped-dim' | 'extra-dim'
  | 'jacobian-layout' | 'numerator-layout' | 'bias-ignored' | 'in-channels-ignored' | 'sign' | 'macs-vs-flops';

/** A named mistake that gives exactly the claimed value; `message` ends the result's message too. */
export interface Hint {
  kind: HintKind;
  message: string;
}

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
  /** Set when the link could not be checked (a side unreadable or without value): where it went wrong. */
  error?: Span;
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
  /** For a `fail`: the known mistake that gives the claimed value (section 7a); null or absent when none does. */
  hint?: Hint | null;
  /** For `math`: every link of the chain. */
  links?: MathLink[];
  /** For a claim that applies or asks about a module: its layers (the hover's breakdown table). */
  layers?: LayerInfo[];
}

/** One layer of a module's breakdown (section 3a). */
export interface LayerInfo {
  /** `[0] Conv2d(3, 8, 3, padding=1)`. */
  layer: string;
  /** `4×8×32×32`, or the parts of a tuple. */
  output: string;
  params: string;
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
