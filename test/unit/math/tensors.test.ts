/**
 * Tensors and derivatives in math (spec section 6a), through the checker: `let` tensors named in LaTeX,
 * linear algebra as written (1-D tensors are columns), and derivatives by the engine's autodiff. The
 * expected verdicts are identities of linear algebra and calculus (true or false for any values), so no
 * number here is computed by our own code; PyTorch-computed derivations are in derivations.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../checker/fixture';

/** The status of each math claim after a `let` block. */
function mathStatuses(lets: string, ...maths: string[]): string[] {
  const doc = `<!-- check: ${lets} -->\n\n${maths.map((m) => `<!-- check: math -->\n$$${m}$$\n`).join('\n')}`;
  return check(doc).filter((r) => r.kind === 'math').map((r) => r.status);
}

function mathResults(lets: string, ...maths: string[]) {
  const doc = `<!-- check: ${lets} -->\n\n${maths.map((m) => `<!-- check: math -->\n$$${m}$$\n`).join('\n')}`;
  return check(doc).filter((r) => r.kind === 'math');
}

const LSQ = 'let X : 4x3; let w : 3; let y : 4; let L = sum((X @ w - y)**2)';

test("the spec's example: the least-squares gradient holds, the one without the 2 fails", () => {
  assert.deepEqual(mathStatuses(LSQ, '\\frac{\\partial L}{\\partial w} = 2X^\\top(Xw - y)', '\\frac{\\partial L}{\\partial w} = X^\\top(Xw - y)'), ['pass', 'fail']);
});

test('every derivative notation is the same autodiff gradient', () => {
  const forms = [
    '\\frac{\\partial L}{\\partial w} = 2X^\\top(Xw - y)',
    '\\frac{dL}{dw} = 2X^\\top(Xw - y)',
    '\\partial L / \\partial w = 2X^\\top(Xw - y)',
    '\\nabla_w L = 2X^\\top(Xw - y)',
    '\\nabla_{\\mathbf{w}} L = 2 \\mathbf{X}^{\\mathsf{T}} (\\mathbf{X}\\mathbf{w} - \\mathbf{y})',
    '\\frac{\\partial}{\\partial w} L = 2X^T(Xw - y)',
  ];
  assert.deepEqual(mathStatuses(LSQ, ...forms), forms.map(() => 'pass'));
});

test('a non-scalar function gives the jacobian', () => {
  // d(Wx)/dx = W: the jacobian of a linear map is its matrix.
  assert.deepEqual(mathStatuses('let W : 2x3; let x : 3; let z = W @ x', '\\frac{\\partial z}{\\partial x} = W', '\\frac{\\partial z}{\\partial x} = W^\\top'), ['pass', 'fail']);
});

test('a 1-D tensor is a column: x^T y is a number, x y^T an outer product', () => {
  const lets = 'let x : 3; let y : 3; let A : 3x3';
  assert.deepEqual(mathStatuses(lets,
    'x^\\top y = y^\\top x',
    '(x y^\\top)^\\top = y x^\\top',
    'x^\\top A y = y^\\top A^\\top x',
    'x^\\top A y = y^\\top A x',
  ), ['pass', 'pass', 'pass', 'fail']);
  const [bad] = mathResults(lets, 'x y = 1');
  assert.equal(bad.status, 'error');
  assert.match(bad.message, /cannot multiply 3×1 \(a column vector\) by 3×1/);
});

test('\\odot and \\circ are elementwise; juxtaposition, \\cdot and \\times are the matrix product', () => {
  const lets = 'let a : 3; let b : 3; let A : 2x3; let B : 3x2';
  assert.deepEqual(mathStatuses(lets,
    'a \\odot b = b \\circ a',
    'A B = A \\cdot B = A \\times B',
    '(A B)^\\top = B^\\top A^\\top',
    '(A B)^\\top = A^\\top B^\\top',
    'A B^\\top = A B',
  ), ['pass', 'pass', 'pass', 'fail', 'error']);
});

test('norms, trace, diag, softmax and the inverse', () => {
  const lets = 'let v : 4; let M : 3x3; let D : 3x3; let u : 3';
  assert.deepEqual(mathStatuses(lets,
    '\\|v\\|^2 = v^\\top v',
    '\\|v\\|_2 = \\sqrt{v^\\top v}',
    '\\lVert v \\rVert^2 = 2 v^\\top v',
    '\\operatorname{tr}(M^\\top) = \\operatorname{tr}(M)',
    '\\operatorname{diag}(u) u = u \\odot u',
    'M M^{-1} = \\operatorname{diag}(\\begin{bmatrix} 1 \\\\ 1 \\\\ 1 \\end{bmatrix})',
    '\\operatorname{softmax}(u)^\\top \\begin{bmatrix} 1 \\\\ 1 \\\\ 1 \\end{bmatrix} = 1',
  ), ['pass', 'pass', 'fail', 'pass', 'pass', 'pass', 'pass']);
});

test('bmatrix and pmatrix literals, with the digits written per element', () => {
  const lets = 'let B = [[1.0, 2.0], [0.0, 1.0]]; let u = [3.0, 1.0]';
  assert.deepEqual(mathStatuses(lets,
    'B u = \\begin{bmatrix} 5 \\\\ 1 \\end{bmatrix}',
    'B u = \\begin{pmatrix} 5 \\\\ 2 \\end{pmatrix}',
    'u^\\top = \\begin{bmatrix} 3 & 1 \\end{bmatrix}',
    'B^{-1} = \\begin{bmatrix} 1 & -2 \\\\ 0 & 1 \\end{bmatrix}',
    '\\frac{1}{3} u = \\begin{bmatrix} 1.00 \\\\ 0.33 \\end{bmatrix}',
    '\\frac{1}{3} u = \\begin{bmatrix} 1.00 \\\\ 0.34 \\end{bmatrix}',
  ), ['pass', 'fail', 'pass', 'pass', 'pass', 'fail']);
});

test("\\sigma'(z) is the derivative of the sigmoid, by autodiff", () => {
  const lets = 'let z : 5';
  assert.deepEqual(mathStatuses(lets,
    "\\sigma'(z) = \\sigma(z) \\odot (1 - \\sigma(z))",
    "\\sigma'(z) = \\sigma(z) \\odot \\sigma(z)",
    "\\tanh'(z) = 1 - \\tanh(z) \\odot \\tanh(z)",
  ), ['pass', 'fail', 'pass']);
});

test('names: fonts dropped, Greek by name, subscripts joined, accents as suffixes, primes and marks', () => {
  assert.deepEqual(mathStatuses('let W1 : 2x3; let x : 3; let delta : 2; let y_hat : 2',
    '\\mathbf{W}_{1} \\mathbf{x} = W_1 x',
    '\\boldsymbol{\\delta} = \\delta',
    '\\hat{y} = \\hat{\\mathbf{y}}',
  ), ['pass', 'pass', 'pass']);
  // Mazur's backprop example: \text{net}_{h1}, w_5^{+}.
  const r = mathResults('let net_h1 = 0.3775; let w_5_plus = 0.3589164795; let w_5 = 0.4; let eta = 0.5; let g = 0.082167041',
    '\\text{net}_{h1} = 0.3775',
    'w_5^{+} = w_5 - \\eta \\cdot g = 0.35891648');
  assert.deepEqual(r.map((x) => x.status), ['pass', 'pass']);
});

test('the name spelled as written wins, then the latest bound', () => {
  // W_1 and W1 both exist: `W_{1}` is W_1 as written.
  assert.deepEqual(mathStatuses('let W_1 = 2; let W1 = 3', 'W_{1} = 2'), ['pass']);
  // yhat and y_hat both match \hat{y}; neither is spelled y_hat... y_hat is: as written wins.
  assert.deepEqual(mathStatuses('let y_hat = 5; let yhat = 7', '\\hat{y} = 5'), ['pass']);
  // Only joined spellings: the latest bound.
  assert.deepEqual(mathStatuses('let W_1_a = 2; let W1a = 3', 'W_{1a} = 3'), ['pass']);
});

test('a tensor definition in math is read by the later chains of the same math', () => {
  const r = mathResults('let W : 2x3; let x : 3',
    '\\mathbf{z} = W x, \\quad \\mathbf{a} = \\sigma(\\mathbf{z}), \\quad \\mathbf{a} = \\sigma(W x)');
  assert.equal(r[0].status, 'pass');
  assert.equal(r[0].links!.length, 1);
});

test('f(x) = ... defines a function; it is not the product f·x', () => {
  const doc = '<!-- check: math -->\n$$f(x) = x^2 + 2x = x(x + 2)$$\n';
  const [r] = check(doc);
  assert.equal(r.status, 'pass');
  assert.equal(r.links!.length, 1);
  const [bad] = check('<!-- check: math -->\n$$f(x) = x^2 + 2x = x(x + 3)$$\n');
  assert.equal(bad.status, 'fail');
});

test('\\frac{df}{dx} is a derivative, not d·f/(d·x)', () => {
  const r = mathResults('let x = 3.0; let f = x**2', '\\frac{df}{dx} = 6', '\\frac{df}{dx} = 9');
  assert.deepEqual(r.map((x) => x.status), ['pass', 'fail']);
});

test('\\textrm, \\operatorname and \\mathrm spell names too (Mazur\'s out_{o1}, net_{o1})', () => {
  const r = mathResults('let out_o1 = 0.75; let t_1 = 0.01; let net_o1 = 1.1',
    '\\textrm{out}_{o1} - t_1 = 0.74',
    '\\operatorname{net}_{o1} = 1.1 = \\mathrm{net}_{o1}',
    'E = \\frac{1}{2}(t_1 - \\text{out}_{o1})^2 = 0.2738');
  assert.deepEqual(r.map((x) => x.status), ['pass', 'pass', 'pass']);
});

test('a run of letters that spells a bound name is that name; otherwise a product of letters', () => {
  assert.deepEqual(mathStatuses('let lr = 0.1; let g = 2.0; let w = 1.0', 'w - lr \\cdot g = 0.8', 'w - lr g = 0.8'), ['pass', 'pass']);
  // X w with lets X and w: the product (no `Xw` is bound).
  assert.deepEqual(mathStatuses('let X : 4x3; let w : 3', 'Xw = X w'), ['pass']);
});

test('inequalities between numbers computed from tensors hold in every trial', () => {
  assert.deepEqual(mathStatuses('let x : 4; let y : 4',
    '|x^\\top y| \\le \\|x\\| \\|y\\|',
    '\\|x + y\\| \\le \\|x\\| + \\|y\\|',
    '\\|x\\|^2 < 0',
    'x \\le y',
  ), ['pass', 'pass', 'fail', 'error']);
});
