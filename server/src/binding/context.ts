/**
 * What the words around a literal say about it (spec section 5): whether a result word stands right
 * before it ("gives 4×5", "into a 28×28 map", "has shape 2×1", "= 24"), and whether it is a left side
 * of a chain (`5·5·32·64 + 64 = 51264`: only the last side, 51264, is a claimed value).
 *
 * Both read only a bounded stretch of text next to the literal, so binding costs what the window costs.
 */

const LOOK = 96;

/** Words that may stand between a result word and its literal: "gives *a* 4×5", "has *shape* 2×1". */
const FILLER = /(?:\b(?:a|an|the|at|exactly|just|still|only|now|then|again|also|map|image|output|tensor|matrix|vector|feature|activation)\s*)$/i;
const SHAPE_NOUN = /(?:\b(?:shape|size|length|dimensions?|dims|dimensionality)\s*)$/i;
/** Result words and signs. `of` counts only before a shape noun ("of shape 4×5", "of size 4"). */
const RESULT = /(?:\b(?:is|are|was|were|be|being|has|have|had|gives?|gave|giving|outputs?|outputting|into|becomes?|to|stays?|remains?|keeps?|yields?|produces?|returns?|equals?|results in)|=|→|->|⟶|\\to|\\rightarrow|\\longrightarrow|\\mapsto|\\in|∈|\\approx|≈)\s*$/i;

/** Strips math delimiters, braces, emphasis and spaces from the end of `s`. */
function trimMarks(s: string): string {
  let prev;
  do {
    prev = s;
    s = s.replace(/(?:\s+|\$+|\\\(|\\\[|[{}]|\*+|\\left\s*[([]|\\(?:quad|qquad|,|;|!|:))$/, '');
  } while (s !== prev && s.length > 0);
  return s;
}

/**
 * Whether a result word comes right before `at`: articles, "shape"/"size" nouns, spacing, braces and
 * math delimiters between the word and the literal do not count. A lone input name before `=` ("W = 28",
 * "k = 5") defines an input and is no result; "H_out = 24", "W' = 4", "(28-5)/1 + 1 = 24" are.
 */
export function resultWordBefore(text: string, at: number, floor: number): boolean {
  let s = trimMarks(text.slice(Math.max(floor, at - LOOK), at));
  let nounSeen = false;
  for (let n = 0; n < 4; n++) {
    const noun = SHAPE_NOUN.exec(s);
    if (noun) {
      nounSeen = true;
      s = trimMarks(s.slice(0, noun.index));
      continue;
    }
    const filler = FILLER.exec(s);
    if (filler && filler[0].length > 0) {
      s = trimMarks(s.slice(0, filler.index));
      continue;
    }
    break;
  }
  if (nounSeen && /\b(?:of|with)$/i.test(s)) return true;
  const m = RESULT.exec(s);
  if (!m) return false;
  if (m[0].trim() === '=') return !definesInput(trimMarks(s.slice(0, m.index)));
  return true;
}

/** `W`, `H_{in}`, `k`, `s = `, `C_\text{in}`: a lone name of a layer input (not `H_out`, `W'`, `H_{o}`). */
function definesInput(before: string): boolean {
  const m = /(?:^|[\s,;(:$])((?:\\[A-Za-z]+\{)?[A-Za-z]\}?(?:_\{?(?:\\text\{|\\mathrm\{)?[A-Za-z0-9]*\}?\}?)?)$/.exec(before);
  if (!m) return false;
  const name = m[1];
  if (/out|'|_\{?o\}?$/i.test(name)) return false;
  return /^(?:\\[A-Za-z]+\{)?[WHLDCNKkSsPpFfdn]/.test(name);
}

/**
 * Whether the literal ending at `end` is a left side of a chain: a relation (`=`, `≈`, `\approx`)
 * follows it with only arithmetic in between (numbers, operators, single-letter symbols, LaTeX
 * commands, scripts, brackets), before any word or the end of the sentence or math.
 */
export function leftOfRelation(text: string, end: number, ceil: number): boolean {
  const s = text.slice(end, Math.min(ceil, end + LOOK * 2));
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '=' || c === '≈') return true;
    if (c === '\\') {
      const m = /^\\([A-Za-z]+|.)/.exec(s.slice(i));
      const name = m ? m[1] : '';
      if (name === 'approx' || name === 'simeq' || name === 'equiv') return true;
      // `\]` and `\)` end the math; `\\` and `&` continue an `align` chain (section 6).
      if (name === ']' || name === ')' || name === 'end' || name === 'text' || name === 'quad' || name === 'qquad') return false;
      i += 1 + name.length;
      continue;
    }
    if (/[0-9+\-−*/·×^_(){}\[\] \t.,!&]/.test(c) || (c === '\n' && s[i + 1] !== '\n')) {
      // A sentence ends at `. ` or `, ` followed by a word; a decimal point or `1,000` does not end it.
      if ((c === '.' || c === ',') && !/[0-9]/.test(s[i + 1] ?? '') ) return false;
      i++;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      // One letter is a symbol (`2k + 1 = 7`); a word ends the chain.
      if (/[A-Za-z]/.test(s[i + 1] ?? '')) return false;
      i++;
      continue;
    }
    return false;
  }
  return false;
}
