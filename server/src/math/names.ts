/**
 * What the words of homework math mean: which commands are functions, which are Greek-letter symbols,
 * and how a subscripted name is spelled once flattened (`W_{\text{out}}` → `W_out`), the spelling the
 * integrator uses for `let` and `math` bindings.
 */
import type { FnName } from './ast';

/** Function commands (`\exp x`, `\max(a, b)`). `\sigma` is handled apart: it is a function only before `(`. */
export const FN_COMMANDS: Record<string, FnName> = {
  '\\exp': 'exp',
  '\\log': 'log',
  '\\ln': 'ln',
  '\\tanh': 'tanh',
  '\\sinh': 'sinh',
  '\\cosh': 'cosh',
  '\\sin': 'sin',
  '\\cos': 'cos',
  '\\tan': 'tan',
  '\\arctan': 'arctan',
  '\\max': 'max',
  '\\min': 'min',
  '\\sgn': 'sgn',
};

/** Names inside `\operatorname{...}`/`\mathrm{...}`/`\text{...}` that are functions. */
export const FN_WORDS: Record<string, FnName> = {
  exp: 'exp',
  log: 'log',
  ln: 'ln',
  tanh: 'tanh',
  sinh: 'sinh',
  cosh: 'cosh',
  sin: 'sin',
  cos: 'cos',
  tan: 'tan',
  arctan: 'arctan',
  sigmoid: 'sigmoid',
  sigma: 'sigmoid',
  relu: 'relu',
  softplus: 'softplus',
  max: 'max',
  min: 'min',
  abs: 'abs',
  floor: 'floor',
  ceil: 'ceil',
  sgn: 'sgn',
  sign: 'sgn',
  sqrt: 'sqrt',
  diag: 'diag',
  tr: 'tr',
  trace: 'tr',
  softmax: 'softmax',
};

/** Greek letters (and `\ell`) are plain symbols, named without the backslash. */
export const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota',
  'kappa', 'lambda', 'mu', 'nu', 'xi', 'rho', 'varrho', 'sigma', 'tau', 'upsilon', 'phi', 'varphi', 'chi',
  'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
  'ell', 'pi',
]);

/** Font commands whose argument is part of a name (`W_{\text{out}}`, `\mathbf{x}`). */
const NAME_FONTS = /\\(?:text|textrm|textit|textbf|textnormal|textsf|texttt|mbox|mathrm|mathit|mathbf|mathsf|mathtt|boldsymbol|bm|operatorname)\b\*?/g;

/**
 * The flat spelling of a name as written in LaTeX or in a binding: `W_{output}` → `W_output`,
 * `W_{\text{out}}` → `W_out`, `x_{j,k}` → `x_jk`, `\alpha` → `alpha`. Idempotent on flat names.
 */
export function flattenName(written: string): string {
  return written
    .replace(NAME_FONTS, '')
    .replace(/\\([A-Za-z]+)/g, '$1')
    .replace(/[{}\s,\\]/g, '');
}

/** The spelling a name is compared by: subscripts joined with or without `_` are one name (`W_1`, `W1`). */
function nameKey(name: string): string {
  return name.replace(/_/g, '');
}

/**
 * The `let` name a math symbol stands for (section 6a): the one spelled as written wins (after
 * dropping font commands: `\mathbf{W}_{1}` is `W_1`); otherwise any whose spelling agrees once
 * subscripts are joined (`W_1` and `W1`; `y_hat` and `yhat`; `ell` and `l`), the latest bound of them.
 * `names` is in binding order.
 */
export function resolveLetName(name: string, names: readonly string[], has: (n: string) => boolean): string | undefined {
  if (has(name)) return name;
  const keys = new Set([nameKey(name)]);
  if (/ell/.test(name)) keys.add(nameKey(name.replace(/ell/g, 'l')));
  let found: string | undefined;
  for (const n of names) if (keys.has(nameKey(n))) found = n;
  return found;
}
