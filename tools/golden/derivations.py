#!/usr/bin/python3
"""Golden hand derivations for math checks with tensors and derivatives (spec section 6a), by PyTorch.

Run from the repository root:  /usr/bin/python3 tools/golden/derivations.py
Writes test/golden/derivations.json. The unit test (test/unit/math/derivations.test.ts) runs the checker
on each case and never needs torch.

Each case is a derivation a student writes: `let` lines in the claim language (the model and its loss),
and one LaTeX link `\\frac{\\partial L}{\\partial W} = FORMULA` (or another derivative notation), with a
true or a false formula. Families: least squares, ridge, logistic regression, softmax regression, a
two-layer MLP, a 1-D conv layer (as im2col), batch norm, attention, and a scalar backprop example with
numbers written out. Each formula is written twice: in LaTeX, and as a torch function that reads it as
linear algebra does (a vector is a column; juxtaposition is the matrix product).

The verdict: PyTorch computes the true derivative with torch.autograd (grad for a scalar loss, jacobian
otherwise) at random float64 values, in three trials, and evaluates the formula at the same values.
`expected` is "pass" when they agree (shapes, up to dims of 1 but never a row for a column, and values
within 1e-9 relative, or to the digits written for a literal), "error" when the formula is not defined
(torch refuses its matrix product), "fail" otherwise.
"""
import json
import os
import random

import torch

SEED = 20261127
torch.set_default_dtype(torch.float64)


def col(v):
    """A 1-D tensor as the column vector math means."""
    return v.reshape(-1, 1) if v.dim() == 1 else v


def mm(a, b):
    """Juxtaposition as linear algebra: 1-D tensors are columns (raises when undefined)."""
    a, b = col(a), col(b)
    if a.dim() == 0 or b.dim() == 0:
        return a * b
    return a @ b


def T(a):
    return col(a).T


def had(a, b):
    a, b = col(a), col(b)
    if a.shape != b.shape and a.dim() and b.dim():
        raise RuntimeError('elementwise product of different shapes')
    return a * b


def dsig(z):
    s = torch.sigmoid(z)
    return s * (1 - s)


def math_shape(t):
    """The shape as math sees it: 1-D is a column."""
    return tuple(col(t).shape) if t.dim() == 1 else tuple(t.shape)


def agree(truth, value, digits=None):
    """The checker's rule: same shape up to dims of 1, a row is not a column; then every element."""
    st, sv = math_shape(truth), math_shape(value)
    sq = lambda s: [n for n in s if n != 1]
    row = lambda s: len(s) == 2 and s[0] == 1 and s[1] > 1
    if sq(st) != sq(sv) or row(st) != row(sv):
        return False
    a = truth.reshape(-1)
    b = value.reshape(-1)
    if digits is not None:
        return bool(torch.all((a - b).abs() <= 0.5 * 10 ** -digits * (1 + 1e-9)))
    return bool(torch.all((a - b).abs() <= 1e-12 + 1e-9 * torch.maximum(a.abs(), b.abs())))


def verdict(make, formula, wrt, loss, trials=3):
    """make(gen) -> dict of leaf tensors (requires_grad) and computed values; loss(env) -> tensor."""
    for k in range(trials):
        gen = torch.Generator().manual_seed(SEED + 7919 * k)
        env = make(gen)
        x = env[wrt]
        y = loss(env)
        if y.numel() == 1:
            truth = torch.autograd.grad(y.sum(), x)[0]
        else:
            truth = torch.autograd.functional.jacobian(lambda xx: loss({**env, wrt: xx}), x)
        try:
            value = formula({k2: (v.detach() if torch.is_tensor(v) else v) for k2, v in env.items()})
        except RuntimeError:
            return 'error'
        if not agree(truth.detach(), value.detach()):
            return 'fail'
    return 'pass'


def randn(gen, *shape):
    return torch.randn(*shape, generator=gen).requires_grad_(True)


CASES = []


def case(family, lets, latex, make, loss, wrt, formula, note):
    CASES.append({
        'family': family, 'lets': lets, 'latex': latex, 'note': note,
        'expected': verdict(make, formula, wrt, loss),
    })


# ---------- families ----------

def least_squares(n, d):
    lets = f'let X : {n}x{d}; let w : {d}; let y : {n}; let L = sum((X @ w - y)**2)'
    make = lambda g: {'X': randn(g, n, d), 'w': randn(g, d), 'y': randn(g, n)}
    loss = lambda e: ((e['X'] @ e['w'] - e['y']) ** 2).sum()
    r = lambda e: mm(e['X'], e['w']) - col(e['y'])
    f = 'least squares'
    case(f, lets, "\\frac{\\partial L}{\\partial w} = 2X^\\top(Xw - y)", make, loss, 'w', lambda e: 2 * mm(T(e['X']), r(e)), 'true')
    case(f, lets, "\\nabla_{\\mathbf{w}} L = 2\\mathbf{X}^{\\mathsf{T}}(\\mathbf{X}\\mathbf{w} - \\mathbf{y})", make, loss, 'w', lambda e: 2 * mm(T(e['X']), r(e)), 'true, bold')
    case(f, lets, "\\frac{\\partial L}{\\partial w} = X^\\top(Xw - y)", make, loss, 'w', lambda e: mm(T(e['X']), r(e)), 'missing the 2')
    case(f, lets, "\\frac{\\partial L}{\\partial w} = 2X^\\top(y - Xw)", make, loss, 'w', lambda e: 2 * mm(T(e['X']), -r(e)), 'sign flipped')
    case(f, lets, "\\frac{\\partial L}{\\partial w} = 2(Xw - y)^\\top X", make, loss, 'w', lambda e: 2 * mm(T(r(e)), e['X']), 'a row for a column')
    case(f, lets, "\\frac{\\partial L}{\\partial w} = 2X(Xw - y)", make, loss, 'w', lambda e: 2 * mm(e['X'], r(e)), 'transpose forgotten')
    case(f, lets, "\\frac{\\partial L}{\\partial y} = -2(Xw - y)", make, loss, 'y', lambda e: -2 * r(e), 'true, w.r.t. y')


def ridge(n, d, lam):
    lets = f'let X : {n}x{d}; let w : {d}; let y : {n}; let lambda = {lam}; let L = sum((X @ w - y)**2) + lambda * sum(w**2)'
    make = lambda g: {'X': randn(g, n, d), 'w': randn(g, d), 'y': randn(g, n), 'lam': lam}
    loss = lambda e: ((e['X'] @ e['w'] - e['y']) ** 2).sum() + lam * (e['w'] ** 2).sum()
    r = lambda e: mm(e['X'], e['w']) - col(e['y'])
    f = 'ridge'
    case(f, lets, "\\frac{\\partial L}{\\partial w} = 2X^\\top(Xw - y) + 2\\lambda w", make, loss, 'w', lambda e: 2 * mm(T(e['X']), r(e)) + 2 * lam * col(e['w']), 'true')
    case(f, lets, "\\nabla_w L = 2X^\\top(Xw - y) + \\lambda w", make, loss, 'w', lambda e: 2 * mm(T(e['X']), r(e)) + lam * col(e['w']), 'regularizer without its 2')
    case(f, lets, "\\nabla_w L = 2X^\\top(Xw - y) + 2\\lambda \\|w\\|", make, loss, 'w', lambda e: 2 * mm(T(e['X']), r(e)) + 2 * lam * e['w'].norm(), 'norm instead of w')
    case(f, lets, "\\frac{dL}{dw} = 2X^\\top X w - 2 X^\\top y + 2 \\lambda w", make, loss, 'w', lambda e: 2 * mm(mm(T(e['X']), e['X']), e['w']) - 2 * mm(T(e['X']), e['y']) + 2 * lam * col(e['w']), 'true, expanded')


def logistic(n, d, mean):
    red = 'mean' if mean else 'sum'
    lets = (f'let X : {n}x{d}; let w : {d}; let y : {n}; let p = sigmoid(X @ w); '
            f'let L = -{red}(y * log(p) + (1 - y) * log(1 - p))')
    make = lambda g: {'X': randn(g, n, d), 'w': randn(g, d), 'y': torch.rand(n, generator=g)}
    def loss(e):
        p = torch.sigmoid(e['X'] @ e['w'])
        v = e['y'] * torch.log(p) + (1 - e['y']) * torch.log(1 - p)
        return -(v.mean() if mean else v.sum())
    s = lambda e: torch.sigmoid(mm(e['X'], e['w']))
    k = (1.0 / n) if mean else 1.0
    pre = f'\\frac{{1}}{{{n}}} ' if mean else ''
    f = 'logistic regression'
    case(f, lets, f"\\frac{{\\partial L}}{{\\partial w}} = {pre}X^\\top(\\sigma(Xw) - y)", make, loss, 'w', lambda e: k * mm(T(e['X']), s(e) - col(e['y'])), 'true')
    case(f, lets, f"\\frac{{\\partial L}}{{\\partial w}} = {pre}X^\\top(p - y)", make, loss, 'w', lambda e: k * mm(T(e['X']), s(e) - col(e['y'])), 'true, with p')
    case(f, lets, f"\\frac{{\\partial L}}{{\\partial w}} = {pre}X^\\top(y - \\sigma(Xw))", make, loss, 'w', lambda e: k * mm(T(e['X']), col(e['y']) - s(e)), 'sign flipped')
    case(f, lets, f"\\frac{{\\partial L}}{{\\partial w}} = {pre}X^\\top((\\sigma(Xw) - y) \\odot \\sigma'(Xw))", make, loss, 'w', lambda e: k * mm(T(e['X']), had(s(e) - col(e['y']), dsig(mm(e['X'], e['w'])))), "an extra \\sigma' (the MSE habit)")
    case(f, lets, f"\\frac{{\\partial L}}{{\\partial w}} = {pre}(\\sigma(Xw) - y) X", make, loss, 'w', lambda e: k * mm(s(e) - col(e['y']), e['X']), 'order of the product')
    wrong = '' if mean else f'\\frac{{1}}{{{n}}} '
    kw = 1.0 if mean else 1.0 / n
    case(f, lets, f"\\frac{{\\partial L}}{{\\partial w}} = {wrong}X^\\top(\\sigma(Xw) - y)", make, loss, 'w', lambda e: kw * mm(T(e['X']), s(e) - col(e['y'])), 'the 1/n of the mean' if mean else 'a 1/n that the sum does not have')


def softmax_regression(k, d, cls):
    onehot = [1.0 if i == cls else 0.0 for i in range(k)]
    ytxt = '[' + ', '.join(f'{v:.1f}' for v in onehot) + ']'
    lets = f'let W : {k}x{d}; let x : {d}; let y = {ytxt}; let z = W @ x; let L = -sum(y * log_softmax(z, dim=0))'
    yv = torch.tensor(onehot)
    make = lambda g: {'W': randn(g, k, d), 'x': randn(g, d), 'y': yv}
    loss = lambda e: -(e['y'] * torch.log_softmax(e['W'] @ e['x'], 0)).sum()
    sm = lambda e: col(torch.softmax(e['W'] @ e['x'], 0))
    f = 'softmax regression'
    case(f, lets, "\\frac{\\partial L}{\\partial W} = (\\operatorname{softmax}(Wx) - y)x^\\top", make, loss, 'W', lambda e: mm(sm(e) - col(e['y']), T(e['x'])), 'true')
    case(f, lets, "\\frac{\\partial L}{\\partial W} = (\\operatorname{softmax}(z) - y)x^T", make, loss, 'W', lambda e: mm(sm(e) - col(e['y']), T(e['x'])), 'true, with z')
    case(f, lets, "\\frac{\\partial L}{\\partial W} = x(\\operatorname{softmax}(Wx) - y)^\\top", make, loss, 'W', lambda e: mm(col(e['x']), T(sm(e) - col(e['y']))), 'transposed')
    case(f, lets, "\\frac{\\partial L}{\\partial W} = (y - \\operatorname{softmax}(Wx))x^\\top", make, loss, 'W', lambda e: mm(col(e['y']) - sm(e), T(e['x'])), 'sign flipped')
    case(f, lets, "\\frac{\\partial L}{\\partial W} = (\\operatorname{softmax}(Wx) - y)x", make, loss, 'W', lambda e: mm(sm(e) - col(e['y']), e['x']), 'x for x^T')
    # With respect to the logits z (a computed let): PyTorch differentiates the loss as a function of z.
    make_z = lambda g: {'z': randn(g, k), 'y': yv}
    loss_z = lambda e: -(e['y'] * torch.log_softmax(e['z'], 0)).sum()
    case(f, lets, "\\frac{\\partial L}{\\partial z} = \\operatorname{softmax}(z) - y", make_z, loss_z, 'z', lambda e: col(torch.softmax(e['z'], 0)) - col(e['y']), 'true, w.r.t. the logits')
    case(f, lets, "\\frac{\\partial L}{\\partial z} = \\operatorname{softmax}(z)", make_z, loss_z, 'z', lambda e: col(torch.softmax(e['z'], 0)), 'the -y forgotten')


def mlp(d, h, o, act):
    fn = {'sigmoid': ('sigmoid', '\\sigma', torch.sigmoid), 'tanh': ('tanh', '\\tanh', torch.tanh)}[act]
    lets = (f'let x : {d}; let y : {o}; let W1 : {h}x{d}; let b1 : {h}; let W2 : {o}x{h}; let b2 : {o}; '
            f'let z1 = W1 @ x + b1; let h1 = {fn[0]}(z1); let out = W2 @ h1 + b2; let L = 0.5 * sum((out - y)**2)')
    make = lambda g: {'x': randn(g, d), 'y': randn(g, o), 'W1': randn(g, h, d), 'b1': randn(g, h), 'W2': randn(g, o, h), 'b2': randn(g, o)}
    def fwd(e):
        z1 = e['W1'] @ e['x'] + e['b1']
        h1 = fn[2](z1)
        out = e['W2'] @ h1 + e['b2']
        return z1, h1, out
    loss = lambda e: 0.5 * ((fwd(e)[2] - e['y']) ** 2).sum()
    def parts(e):
        z1, h1, out = fwd(e)
        dact = dsig(z1) if act == 'sigmoid' else 1 - torch.tanh(z1) ** 2
        return col(z1), col(h1), col(out) - col(e['y']), col(dact)
    ap = f"{fn[1]}'(z_1)"
    f = 'two-layer MLP'
    case(f, lets, "\\frac{\\partial L}{\\partial W_2} = (\\text{out} - y) h_1^\\top", make, loss, 'W2', lambda e: mm(parts(e)[2], T(parts(e)[1])), 'true')
    case(f, lets, "\\frac{\\partial L}{\\partial W_2} = h_1 (\\text{out} - y)^\\top", make, loss, 'W2', lambda e: mm(parts(e)[1], T(parts(e)[2])), 'transposed')
    case(f, lets, "\\frac{\\partial L}{\\partial b_2} = \\text{out} - y", make, loss, 'b2', lambda e: parts(e)[2], 'true')
    make_h = lambda g: {'h1': randn(g, h), 'y': randn(g, o), 'W2': randn(g, o, h), 'b2': randn(g, o)}
    loss_h = lambda e: 0.5 * ((e['W2'] @ e['h1'] + e['b2'] - e['y']) ** 2).sum()
    out_h = lambda e: mm(e['W2'], e['h1']) + col(e['b2']) - col(e['y'])
    case(f, lets, "\\frac{\\partial L}{\\partial h_1} = W_2^\\top (\\text{out} - y)", make_h, loss_h, 'h1', lambda e: mm(T(e['W2']), out_h(e)), 'true, w.r.t. a hidden activation')
    case(f, lets, "\\frac{\\partial L}{\\partial h_1} = W_2 (\\text{out} - y)", make_h, loss_h, 'h1', lambda e: mm(e['W2'], out_h(e)), 'W2 not transposed')
    case(f, lets, f"\\frac{{\\partial L}}{{\\partial W_1}} = \\left((W_2^\\top (\\text{{out}} - y)) \\odot {ap}\\right) x^\\top", make, loss, 'W1',
         lambda e: mm(had(mm(T(e['W2']), parts(e)[2]), parts(e)[3]), T(e['x'])), 'true')
    case(f, lets, f"\\frac{{\\partial L}}{{\\partial W_1}} = (W_2^\\top (\\text{{out}} - y)) x^\\top", make, loss, 'W1',
         lambda e: mm(mm(T(e['W2']), parts(e)[2]), T(e['x'])), "the activation's derivative forgotten")
    case(f, lets, f"\\frac{{\\partial L}}{{\\partial W_1}} = \\left((W_2 (\\text{{out}} - y)) \\odot {ap}\\right) x^\\top", make, loss, 'W1',
         lambda e: mm(had(mm(e['W2'], parts(e)[2]), parts(e)[3]), T(e['x'])), 'W2 not transposed')
    case(f, lets, f"\\frac{{\\partial L}}{{\\partial W_1}} = \\left((W_2^\\top (\\text{{out}} - y)) \\odot {ap}\\right) h_1^\\top", make, loss, 'W1',
         lambda e: mm(had(mm(T(e['W2']), parts(e)[2]), parts(e)[3]), T(parts(e)[1])), 'h1 for x')
    case(f, lets, f"\\frac{{\\partial L}}{{\\partial b_1}} = (W_2^\\top (\\text{{out}} - y)) \\odot {ap}", make, loss, 'b1',
         lambda e: had(mm(T(e['W2']), parts(e)[2]), parts(e)[3]), 'true')
    case(f, lets, f"\\frac{{\\partial L}}{{\\partial x}} = W_1^\\top \\left((W_2^\\top (\\text{{out}} - y)) \\odot {ap}\\right)", make, loss, 'x',
         lambda e: mm(T(e['W1']), had(mm(T(e['W2']), parts(e)[2]), parts(e)[3])), 'true, w.r.t. the input')


def conv1d_layer(length, k):
    n = length - k + 1
    rows = ', '.join(f'x[0, {i}:{i + k}]' for i in range(n))
    lets = f'let x : 1x{length}; let w : 1x1x{k}; let g : {n}; let L = sum(conv1d(x, w)[0] * g); let U = stack([{rows}])'
    make = lambda gen: {'x': randn(gen, 1, length), 'w': randn(gen, 1, 1, k), 'g': randn(gen, n)}
    loss = lambda e: (torch.nn.functional.conv1d(e['x'].unsqueeze(0), e['w'])[0, 0] * e['g']).sum()
    U = lambda e: torch.stack([e['x'][0, i:i + k] for i in range(n)])
    f = 'conv layer'
    case(f, lets, "\\frac{\\partial L}{\\partial w} = U^\\top g", make, loss, 'w', lambda e: mm(T(U(e)), e['g']), 'true (im2col)')
    case(f, lets, "\\frac{\\partial L}{\\partial w} = U g", make, loss, 'w', lambda e: mm(U(e), e['g']), 'transpose forgotten')
    case(f, lets, "\\frac{\\partial L}{\\partial w} = g^\\top U", make, loss, 'w', lambda e: mm(T(e['g']), U(e)), 'a row for a column')
    case(f, lets, "\\frac{\\partial L}{\\partial w} = U^\\top g + g^\\top g", make, loss, 'w', lambda e: mm(T(U(e)), e['g']) + mm(T(e['g']), e['g']), 'a stray term')


def batchnorm(n, eps):
    lets = (f'let x : {n}; let gamma = 1.5; let beta = 0.2; let g : {n}; let u = ones({n}); let eps = {eps}; '
            f'let mu = mean(x); let v = mean((x - mu)**2); let xhat = (x - mu) / sqrt(v + eps); '
            f'let y = gamma * xhat + beta; let L = sum(y * g)')
    def make(gen):
        e = {'x': randn(gen, n), 'g': randn(gen, n), 'gamma': torch.tensor(1.5, requires_grad=True), 'beta': torch.tensor(0.2, requires_grad=True)}
        return e
    def stats(e):
        mu = e['x'].mean()
        v = ((e['x'] - mu) ** 2).mean()
        xh = (e['x'] - mu) / torch.sqrt(v + eps)
        return mu, v, xh
    loss = lambda e: ((e['gamma'] * stats(e)[2] + e['beta']) * e['g']).sum()
    f = 'batch norm'
    case(f, lets, "\\frac{\\partial L}{\\partial \\gamma} = g^\\top \\hat{x}", make, loss, 'gamma', lambda e: mm(T(e['g']), stats(e)[2]), 'true')
    case(f, lets, "\\frac{\\partial L}{\\partial \\gamma} = g^\\top x", make, loss, 'gamma', lambda e: mm(T(e['g']), e['x']), 'x for x-hat')
    case(f, lets, "\\frac{\\partial L}{\\partial \\beta} = \\mathbf{u}^\\top g", make, loss, 'beta', lambda e: mm(T(torch.ones(n)), e['g']), 'true (u is the vector of ones)')
    case(f, lets, "\\frac{\\partial L}{\\partial \\beta} = g", make, loss, 'beta', lambda e: col(e['g']), 'not summed')
    full = (f"\\frac{{\\partial L}}{{\\partial x}} = \\frac{{\\gamma}}{{{n}\\sqrt{{v + \\epsilon}}}}"
            f"\\left({n} g - \\mathbf{{u}}\\mathbf{{u}}^\\top g - \\hat{{x}} (\\hat{{x}}^\\top g)\\right)")
    def bn_dx(e, drop=None):
        _, v, xh = stats(e)
        gcol = col(e['g'])
        terms = n * gcol
        if drop != 'mean':
            terms = terms - gcol.sum()
        if drop != 'xhat':
            terms = terms - col(xh) * (xh @ e['g'])
        return e['gamma'] / (n * torch.sqrt(v + eps)) * terms
    case(f, lets, full.replace('\\epsilon', '\\text{eps}'), make, loss, 'x', bn_dx, 'true')
    case(f, lets, full.replace('\\epsilon', '\\text{eps}').replace(" - \\hat{x} (\\hat{x}^\\top g)", ''), make, loss, 'x', lambda e: bn_dx(e, 'xhat'), 'the variance path forgotten')
    case(f, lets, full.replace('\\epsilon', '\\text{eps}').replace(" - \\mathbf{u}\\mathbf{u}^\\top g", ''), make, loss, 'x', lambda e: bn_dx(e, 'mean'), 'the mean path forgotten')
    case(f, lets, f"\\frac{{\\partial L}}{{\\partial x}} = \\frac{{\\gamma}}{{\\sqrt{{v + \\text{{eps}}}}}} g", make, loss, 'x',
         lambda e: e['gamma'] / torch.sqrt(stats(e)[1] + eps) * col(e['g']), 'as if mu and v were constants')


def attention(nq, m, d, dv):
    lets = (f'let Q : {nq}x{d}; let K : {m}x{d}; let V : {m}x{dv}; let G : {nq}x{dv}; let u = ones({m}); '
            f'let S = Q @ K.T / sqrt({float(d)}); let A = softmax(S, dim=-1); let O = A @ V; let L = sum(O * G)')
    make = lambda g: {'Q': randn(g, nq, d), 'K': randn(g, m, d), 'V': randn(g, m, dv), 'G': randn(g, nq, dv)}
    def fwd(e):
        S = e['Q'] @ e['K'].T / d ** 0.5
        A = torch.softmax(S, -1)
        return S, A
    loss = lambda e: ((fwd(e)[1] @ e['V']) * e['G']).sum()
    def dS(e):
        _, A = fwd(e)
        dA = e['G'] @ e['V'].T
        return A * (dA - (A * dA) @ torch.ones(m, 1) @ torch.ones(1, m))
    f = 'attention'
    sq = f'\\sqrt{{{d}}}'
    case(f, lets, "\\frac{\\partial L}{\\partial V} = A^\\top G", make, loss, 'V', lambda e: fwd(e)[1].T @ e['G'], 'true')
    case(f, lets, "\\frac{\\partial L}{\\partial V} = A G", make, loss, 'V', lambda e: mm(fwd(e)[1], e['G']), 'transpose forgotten')
    case(f, lets, "\\frac{\\partial L}{\\partial V} = G^\\top A", make, loss, 'V', lambda e: mm(T(e['G']), fwd(e)[1]), 'transposed result')
    dS_tex = "\\left(A \\odot \\left(G V^\\top - (A \\odot (G V^\\top)) \\mathbf{u} \\mathbf{u}^\\top\\right)\\right)"
    case(f, lets, f"\\frac{{\\partial L}}{{\\partial Q}} = \\frac{{1}}{{{sq}}} {dS_tex} K", make, loss, 'Q', lambda e: dS(e) @ e['K'] / d ** 0.5, 'true')
    case(f, lets, f"\\frac{{\\partial L}}{{\\partial Q}} = {dS_tex} K", make, loss, 'Q', lambda e: dS(e) @ e['K'], 'the 1/sqrt(d) forgotten')
    case(f, lets, f"\\frac{{\\partial L}}{{\\partial Q}} = \\frac{{1}}{{{sq}}} (A \\odot (G V^\\top)) K", make, loss, 'Q',
         lambda e: (fwd(e)[1] * (e['G'] @ e['V'].T)) @ e['K'] / d ** 0.5, "the softmax's row term forgotten")
    case(f, lets, f"\\frac{{\\partial L}}{{\\partial K}} = \\frac{{1}}{{{sq}}} {dS_tex}^\\top Q", make, loss, 'K', lambda e: dS(e).T @ e['Q'] / d ** 0.5, 'true')
    case(f, lets, f"\\frac{{\\partial L}}{{\\partial K}} = \\frac{{1}}{{{sq}}} {dS_tex} Q", make, loss, 'K', lambda e: mm(dS(e), e['Q']) / d ** 0.5, 'not transposed')


def scalar_backprop(rng):
    """Mazur's style: numbers written out, a chain that ends in the value, true or off in a digit."""
    vals = {k: round(rng.uniform(0.05, 0.6), 2) for k in ['i1', 'w1', 'b1', 'w5', 'b2']}
    t = round(rng.uniform(0.01, 0.99), 2)
    lets = (f"let i1 = {vals['i1']}; let w1 = {vals['w1']}; let b1 = {vals['b1']}; let w5 = {vals['w5']}; let b2 = {vals['b2']}; let t1 = {t}; "
            'let net_h1 = w1 * i1 + b1; let out_h1 = sigmoid(net_h1); let net_o1 = w5 * out_h1 + b2; let out_o1 = sigmoid(net_o1); '
            'let E = 0.5 * (t1 - out_o1)**2')
    leaf = lambda v: torch.tensor(v, requires_grad=True)
    make = lambda g: {k: leaf(v) for k, v in {**vals, 't1': t}.items()}
    def fwd(e):
        oh = torch.sigmoid(e['w1'] * e['i1'] + e['b1'])
        oo = torch.sigmoid(e['w5'] * oh + e['b2'])
        return oh, oo
    loss = lambda e: 0.5 * (e['t1'] - fwd(e)[1]) ** 2
    e = make(None)
    grad5, grad1 = (g.item() for g in torch.autograd.grad(loss(e), [e['w5'], e['w1']]))
    f = 'scalar backprop'
    chain5 = "\\frac{\\partial E}{\\partial w_5} = (\\text{out}_{o1} - t_1) \\cdot \\text{out}_{o1}(1 - \\text{out}_{o1}) \\cdot \\text{out}_{h1}"
    for digits in (6, 4):
        lit = f'{grad5:.{digits}f}'
        CASES.append({'family': f, 'lets': lets, 'latex': f'{chain5} = {lit}', 'note': f'true, {digits} decimals', 'expected': 'pass'})
        wrong = f'{grad5 + 3 * 10 ** -digits:.{digits}f}'
        CASES.append({'family': f, 'lets': lets, 'latex': f'{chain5} = {wrong}', 'note': 'last digits wrong', 'expected': 'fail'})
    CASES.append({'family': f, 'lets': lets, 'latex': chain5.replace(" \\cdot \\text{out}_{o1}(1 - \\text{out}_{o1})", '') + f' = {grad5:.6f}',
                  'note': "sigma' forgotten", 'expected': 'fail'})
    chain1 = ("\\frac{\\partial E}{\\partial w_1} = (\\text{out}_{o1} - t_1)\\, \\text{out}_{o1}(1 - \\text{out}_{o1})\\, w_5\\, "
              "\\text{out}_{h1}(1 - \\text{out}_{h1})\\, i_1")
    CASES.append({'family': f, 'lets': lets, 'latex': f'{chain1} = {grad1:.8f}', 'note': 'true, hidden layer', 'expected': 'pass'})
    CASES.append({'family': f, 'lets': lets, 'latex': chain1.replace('\\, w_5', '') + f' = {grad1:.8f}', 'note': 'w5 forgotten', 'expected': 'fail'})


def main():
    rng = random.Random(SEED)
    for n, d in [(4, 3), (5, 2), (6, 4)]:
        least_squares(n, d)
    for n, d, lam in [(4, 3, 0.1), (5, 2, 0.5)]:
        ridge(n, d, lam)
    for n, d, mean in [(4, 3, False), (5, 2, True), (6, 3, True)]:
        logistic(n, d, mean)
    for k, d, c in [(3, 4, 1), (4, 2, 0)]:
        softmax_regression(k, d, c)
    for d, h, o, act in [(3, 4, 2, 'sigmoid'), (2, 3, 2, 'tanh')]:
        mlp(d, h, o, act)
    for length, k in [(6, 3), (7, 2)]:
        conv1d_layer(length, k)
    for n in [4, 6]:
        batchnorm(n, 0.00001)
    for nq, m, d, dv in [(2, 3, 4, 2), (3, 2, 2, 3)]:
        attention(nq, m, d, dv)
    for _ in range(3):
        scalar_backprop(rng)
    out = {
        'generator': 'tools/golden/derivations.py', 'torch': torch.__version__, 'seed': SEED,
        'cases': CASES,
    }
    path = os.path.join('test', 'golden', 'derivations.json')
    with open(path, 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')
    from collections import Counter
    print(f'wrote {len(CASES)} cases to {path}:', dict(Counter(c['expected'] for c in CASES)), dict(Counter(c['family'] for c in CASES)))


if __name__ == '__main__':
    main()
