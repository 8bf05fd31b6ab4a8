/**
 * `--format sarif` (spec section 8a): one SARIF 2.1.0 log for GitHub code scanning and other viewers.
 * A rule per result code, with help; a result per fail/error (level error) and per unbound (note),
 * at the claimed value's region; fingerprints made of what the claim says, not where it stands, so
 * an alert keeps its identity when lines are added elsewhere in the file. Entries the run could not
 * check are tool notifications, and make the run's `executionSuccessful` false.
 */
import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CheckResult, ResultCode } from '../core/result';
import { anchorSpan, locatorFor, type Location } from './location';
import { hintOf, messageWithHint, type FileReport, type Problem } from './results';
import { VERSION } from './version';

type ReportedCode = Exclude<ResultCode, 'ok'>;

interface RuleText {
  name: string;
  short: string;
  help: string;
}

/** One rule per code the checker gives (section 7); the help says what to do about it. */
export const RULES: Record<ReportedCode, RuleText> = {
  mismatch: {
    name: 'ClaimDoesNotHold',
    short: 'The claimed value differs from the computed one.',
    help: 'The value written in the text (or after = / : in the claim) is not what the claim computes. The message gives the computed value and how it was computed; either the claim or the value is wrong.',
  },
  'shape-mismatch': {
    name: 'ShapeDoesNotHold',
    short: 'The claimed shape differs from the computed one.',
    help: 'The shape written for this claim is not the shape the expression has. The message shows the shape of each step of the expression.',
  },
  syntax: {
    name: 'ClaimSyntax',
    short: 'The claim cannot be read.',
    help: 'The text after `check:` is not a statement of the claim language. The message points at the token that could not be read; see the claim language reference for the accepted forms.',
  },
  'unknown-name': {
    name: 'UnknownName',
    short: 'The claim uses a name no `let` defines.',
    help: 'A name, function or attribute in the claim is not known. Define tensors with `let` above the claim, and check the spelling of function names.',
  },
  'invalid-layer': {
    name: 'InvalidLayer',
    short: 'The layer shorthand is incomplete or impossible.',
    help: 'A layer claim (conv, pool, convT, params) misses a parameter such as the kernel size, or its parameters give an empty output. The message names what is missing or too small.',
  },
  'operand-shapes': {
    name: 'OperandShapes',
    short: "The operands' shapes do not fit the operation.",
    help: 'An operation of the claim gets tensors whose shapes it cannot combine (for example a matrix product of 2×3 and 2×3). The message gives the shapes that met.',
  },
  'needs-values': {
    name: 'NeedsValues',
    short: 'A value claim about tensors known only by their shape.',
    help: 'The claim compares values, but a tensor it uses was declared with a shape only (`let x : 2x5`). Give it values (`let x = [[...]]`) or claim its shape instead.',
  },
  limit: {
    name: 'LimitReached',
    short: 'The claim needs more memory or time than allowed.',
    help: 'Evaluating the claim would build a tensor over the element limit (--max-elements) or take too long. Use smaller sizes, or raise the limit.',
  },
  unterminated: {
    name: 'UnterminatedComment',
    short: 'A claim comment is not closed.',
    help: 'A `<!-- check:` comment has no `-->`, so the rest of the document would be inside it. Close the comment.',
  },
  'no-math': {
    name: 'NoMathAfterClaim',
    short: 'A `math` claim has no math to check.',
    help: 'A `math` claim checks the displayed math that follows it; put it just above `$$...$$`, `\\[...\\]` or an equation/align environment.',
  },
  'math-syntax': {
    name: 'MathSyntax',
    short: 'The math of a derivation cannot be read.',
    help: 'The LaTeX the `math` claim checks could not be parsed; the message points at where reading stopped.',
  },
  eval: {
    name: 'CannotEvaluate',
    short: 'The claim could not be evaluated.',
    help: 'Something in the claim could not be computed; the message says what.',
  },
  include: {
    name: 'IncludeProblem',
    short: 'A file this document names could not be read.',
    help: 'An `\\input`/`\\include` (or a `% !TEX root`) names a file that is missing, outside the folder being checked, too large, or part of a cycle of includes. The message names the file; the claims of the rest of the document are still checked.',
  },
  unbound: {
    name: 'NothingClaimed',
    short: 'A claim computes a value but nothing claims one.',
    help: 'The claim has no `=` or `:` value, and no value was found in the text it binds to. Write the value you expect after the comment, or after `=` in the claim.',
  },
};

const RULE_IDS = Object.keys(RULES) as ReportedCode[];

/** A SARIF artifact URI: relative paths stay relative (to the checkout root), with `/` and escapes. */
export function artifactUri(path: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(path)) return { uri: pathToFileURL(path).href };
  const segments = path.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  return { uri: segments.map((s) => encodeURIComponent(s)).join('/'), uriBaseId: '%SRCROOT%' };
}

function region(at: Location) {
  return { startLine: at.line, startColumn: at.column, endLine: at.endLine, endColumn: at.endColumn };
}

/**
 * The claim's identity within its file: its rule, its statement text, and which occurrence of that
 * statement it is. Line numbers and the claimed value are left out, so adding lines elsewhere, or
 * changing the wrong value to another wrong value, keeps the same alert.
 */
export function fingerprint(ruleId: string, source: string, occurrence: number): string {
  const hash = createHash('sha256').update(`${ruleId}\0${source}`).digest('hex').slice(0, 16);
  return `${hash}:${occurrence}`;
}

function resultOf(rep: FileReport, r: CheckResult, locate: (s: CheckResult['span']) => Location, occurrence: number) {
  const ruleId = r.code === 'ok' ? 'mismatch' : r.code;
  const location = { physicalLocation: { artifactLocation: artifactUri(rep.path), region: region(locate(anchorSpan(r))) } };
  const hint = hintOf(r);
  return {
    ruleId,
    ruleIndex: RULE_IDS.indexOf(ruleId),
    level: r.status === 'unbound' ? 'note' : 'error',
    message: { text: messageWithHint(r) },
    locations: [location],
    // The statement itself, when the result points elsewhere (the claimed value in the text).
    ...(anchorSpan(r) === r.span
      ? {}
      : { relatedLocations: [{ id: 1, message: { text: `the claim: ${r.source}` }, physicalLocation: { artifactLocation: artifactUri(rep.path), region: region(locate(r.span)) } }] }),
    partialFingerprints: { primaryLocationLineHash: fingerprint(ruleId, r.source, occurrence) },
    properties: {
      status: r.status,
      source: r.source,
      computed: r.computedText,
      claimed: r.claimed,
      ...(hint ? { hint } : {}),
    },
  };
}

export function formatSarif(reports: readonly FileReport[], problems: readonly Problem[] = []): string {
  const results = [];
  for (const rep of reports) {
    const locate = locatorFor(rep);
    const seen = new Map<string, number>();
    for (const r of rep.check.results) {
      if (r.status === 'pass') continue;
      const key = `${r.code}\0${r.source}`;
      const occurrence = (seen.get(key) ?? 0) + 1;
      seen.set(key, occurrence);
      results.push(resultOf(rep, r, locate, occurrence));
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'derivcheck',
            fullName: 'Derivation Check',
            version: VERSION,
            semanticVersion: VERSION,
            rules: RULE_IDS.map((id) => ({
              id,
              name: RULES[id].name,
              shortDescription: { text: RULES[id].short },
              fullDescription: { text: RULES[id].help },
              help: { text: RULES[id].help },
              defaultConfiguration: { level: id === 'unbound' ? 'note' : 'error' },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: problems.length === 0,
            toolExecutionNotifications: problems.map((p) => ({
              level: 'error',
              message: { text: `${p.path}: ${p.message}` },
              locations: [{ physicalLocation: { artifactLocation: artifactUri(p.path) } }],
            })),
          },
        ],
        artifacts: reports.map((rep) => ({ location: artifactUri(rep.path) })),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
