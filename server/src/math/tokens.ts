/**
 * Tokens of LaTeX math, each with its offsets into the math body so every diagnostic can point at the
 * exact characters a student typed. Pure layout (spacing, `\left`/`\right`, `&`, labels) is dropped
 * here so the parser only sees what carries meaning.
 */

export type TokenKind =
  /** Digits with an optional decimal part: `10`, `4.5`, `.5`. */
  | 'num'
  /** One ASCII letter: each letter is its own symbol (`ab` is a times b). */
  | 'letter'
  /** A control sequence, backslash included: `\frac`, `\\`, `\{`. */
  | 'cmd'
  /** `\text{...}`, `\mathrm{...}`, `\operatorname{...}`...: `text` is the command, `content` its raw argument. */
  | 'textarg'
  /** Any other single character: `+ - ( ) { } ^ _ = < > , .`. */
  | 'punct';

export interface Token {
  kind: TokenKind;
  text: string;
  /** For 'textarg' only: the argument between the braces, as written. */
  content?: string;
  start: number;
  end: number;
}

export interface LexError {
  message: string;
  start: number;
  end: number;
}

/** Commands that only move glyphs around: spacing, delimiter sizing, display style. */
const LAYOUT = new Set([
  '\\,', '\\;', '\\:', '\\!', '\\ ', '\\>', '\\thinspace', '\\medspace', '\\thickspace', '\\negthinspace',
  '\\negmedspace', '\\negthickspace', '\\enspace',
  '\\left', '\\right', '\\middle', '\\big', '\\Big', '\\bigg', '\\Bigg', '\\bigl', '\\bigr', '\\Bigl', '\\Bigr',
  '\\biggl', '\\biggr', '\\Biggl', '\\Biggr', '\\displaystyle', '\\textstyle', '\\scriptstyle', '\\limits',
  '\\nolimits', '\\notag', '\\nonumber', '\\allowbreak',
]);

/** Commands whose braced argument is layout too (`\label{eq:1}`, `\hspace{1em}`). */
const LAYOUT_WITH_ARG = new Set(['\\label', '\\tag', '\\hspace', '\\vspace', '\\hphantom', '\\vphantom', '\\phantom']);

/** Commands whose argument is read raw: it may hold prose (`\text{round down, it's 4}`). */
const TEXT_ARG = new Set([
  '\\text', '\\textrm', '\\textit', '\\textbf', '\\textnormal', '\\textsf', '\\texttt', '\\mbox', '\\intertext',
  '\\mathrm', '\\mathit', '\\mathbf', '\\mathsf', '\\mathtt', '\\boldsymbol', '\\bm', '\\operatorname',
  '\\mathbb', '\\mathcal',
]);

/** Environments that only arrange a chain on lines; anything else (`pmatrix`, `cases`) is not scalar math. */
const LAYOUT_ENVS = new Set([
  'aligned', 'alignedat', 'split', 'gathered', 'align', 'align*', 'equation', 'equation*', 'gather', 'gather*',
  'multline', 'multline*', 'eqnarray', 'eqnarray*', 'flalign', 'flalign*',
]);

/** Unicode a student may paste, mapped to the command it stands for. */
const UNICODE: Record<string, { kind: TokenKind; text: string }> = {
  '×': { kind: 'cmd', text: '\\times' },
  '·': { kind: 'cmd', text: '\\cdot' },
  '⋅': { kind: 'cmd', text: '\\cdot' },
  '−': { kind: 'punct', text: '-' },
  '≤': { kind: 'cmd', text: '\\le' },
  '≥': { kind: 'cmd', text: '\\ge' },
  '≠': { kind: 'cmd', text: '\\neq' },
  '≈': { kind: 'cmd', text: '\\approx' },
  'π': { kind: 'cmd', text: '\\pi' },
  'σ': { kind: 'cmd', text: '\\sigma' },
  '⌊': { kind: 'cmd', text: '\\lfloor' },
  '⌋': { kind: 'cmd', text: '\\rfloor' },
  '⌈': { kind: 'cmd', text: '\\lceil' },
  '⌉': { kind: 'cmd', text: '\\rceil' },
  '∂': { kind: 'cmd', text: '\\partial' },
  '∇': { kind: 'cmd', text: '\\nabla' },
  '⊙': { kind: 'cmd', text: '\\odot' },
  '∘': { kind: 'cmd', text: '\\circ' },
  '‖': { kind: 'cmd', text: '\\|' },
  '⊤': { kind: 'cmd', text: '\\top' },
};

/** Matrix environments: inside them `&` separates entries (elsewhere it only aligns, and is dropped). */
export const MATRIX_ENVS = new Set(['bmatrix', 'pmatrix', 'Bmatrix', 'matrix', 'smallmatrix', 'bmatrix*', 'pmatrix*']);

const isLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

/** Index just past the brace group opening at `open` (which must be `{`), or -1 when it never closes. */
function closeBrace(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function skipSpaces(src: string, i: number): number {
  while (i < src.length && isSpace(src[i])) i++;
  return i;
}

/** Sizing commands whose span goes with the delimiter after them, so `\left\lfloor` is one token. */
const SIZING = /^\\(?:left|right|middle|[bB]igg?[lr]?)$/;

export function tokenize(src: string): { tokens: Token[] } | { error: LexError } {
  const out: Token[] = [];
  let pending: number | null = null;
  const tokens = {
    push(t: Token): void {
      if (pending !== null) t.start = pending;
      pending = null;
      out.push(t);
    },
  };
  let i = 0;
  let matrixDepth = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '&' && matrixDepth > 0) {
      tokens.push({ kind: 'punct', text: '&', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (isSpace(c) || c === '&' || c === '~') {
      i++;
      continue;
    }
    if (c === '%') {
      // A TeX comment runs to the end of the line.
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === '.' && isDigit(src[i + 1] ?? ''))) {
      while (i < src.length && isDigit(src[i])) i++;
      if (src[i] === '.' && isDigit(src[i + 1] ?? '')) {
        i++;
        while (i < src.length && isDigit(src[i])) i++;
      }
      tokens.push({ kind: 'num', text: src.slice(start, i), start, end: i });
      continue;
    }
    if (isLetter(c)) {
      tokens.push({ kind: 'letter', text: c, start, end: i + 1 });
      i++;
      continue;
    }
    if (c === '\\') {
      i++;
      if (i >= src.length) return { error: { message: 'a lone `\\` at the end of the math', start, end: i } };
      if (isLetter(src[i])) while (i < src.length && isLetter(src[i])) i++;
      else i++;
      let name = src.slice(start, i);
      if (name === '\\operatorname' && src[i] === '*') i++;
      if (LAYOUT.has(name)) {
        // `\left.` and `\right.` are invisible delimiters: the dot goes with them.
        if ((name === '\\left' || name === '\\right') && src[skipSpaces(src, i)] === '.') i = skipSpaces(src, i) + 1;
        else if (SIZING.test(name)) pending ??= start;
        continue;
      }
      if (name === '\\\\') {
        // `\\[2pt]` sets the line's spacing.
        const j = skipSpaces(src, i);
        if (src[j] === '[') {
          const close = src.indexOf(']', j);
          if (close >= 0) i = close + 1;
        }
        tokens.push({ kind: 'cmd', text: name, start, end: i });
        continue;
      }
      if (LAYOUT_WITH_ARG.has(name) || name === '\\begin' || name === '\\end' || TEXT_ARG.has(name)) {
        let j = skipSpaces(src, i);
        if (name === '\\tag' && src[j] === '*') j = skipSpaces(src, j + 1);
        if (src[j] !== '{') {
          if (TEXT_ARG.has(name) && j < src.length && src[j] !== '\\') {
            // `\mathrm W`: TeX takes one character as the argument.
            tokens.push({ kind: 'textarg', text: name, content: src[j], start, end: j + 1 });
            i = j + 1;
            continue;
          }
          return { error: { message: `\`${name}\` needs a {...} argument`, start, end: i } };
        }
        const close = closeBrace(src, j);
        if (close < 0) return { error: { message: `the { after \`${name}\` is never closed`, start: j, end: j + 1 } };
        const content = src.slice(j + 1, close - 1);
        i = close;
        if (LAYOUT_WITH_ARG.has(name)) continue;
        if (name === '\\begin' || name === '\\end') {
          if (LAYOUT_ENVS.has(content.trim())) continue;
          if (MATRIX_ENVS.has(content.trim())) matrixDepth = Math.max(0, matrixDepth + (name === '\\begin' ? 1 : -1));
          name = `${name}{${content}}`;
          tokens.push({ kind: 'cmd', text: name, start, end: i });
          continue;
        }
        tokens.push({ kind: 'textarg', text: name, content, start, end: i });
        continue;
      }
      tokens.push({ kind: 'cmd', text: name, start, end: i });
      continue;
    }
    const uni = UNICODE[c];
    if (uni) {
      tokens.push({ kind: uni.kind, text: uni.text, start, end: i + 1 });
      i++;
      continue;
    }
    tokens.push({ kind: 'punct', text: c, start, end: i + 1 });
    i++;
  }
  return { tokens: out };
}
