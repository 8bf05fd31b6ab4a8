#!/usr/bin/python3
"""Golden cases for the mistake hints (spec section 7a) and the conventions (section 3b), computed by PyTorch.

Run from the repository root:  /usr/bin/python3 tools/golden/hints.py
Writes test/golden/hints.json. The unit tests read that file and never need torch.

Each case holds a claim's inputs and the RIGHT answer as PyTorch computes it. The tests apply a mistake
(their own formula for it) to get the wrong value a student would write, and check that the checker names
the mistake; and they make wrong values no mistake explains, and check that no hint is given.

  layers:   conv / pool / convT shorthand with the output shape torch gives
  params:   conv / convT / linear parameter counts (total and bias), from module.parameters()
  matmul:   a product W @ x with its values (for sign and transposed hints) and shapes
  jacobian: torch.autograd.functional.jacobian shapes of y = W @ x (output, input)
  grad:     torch.autograd.grad shapes (the variable's shape)
  macs:     MACs of a conv: output positions x weight.numel() (FLOPs = 2 MACs)
  tf:       TensorFlow's documented SAME / VALID output sizes, checked against torch: a conv with the
            padding TensorFlow would add (computed as tf.nn does: total = max((ceil(L/s)-1)*s + d(k-1)+1 - L, 0))
  layout:   channels_last layers: the torch output permuted to H x W x C
"""
import json
import math
import random
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F

warnings.filterwarnings("ignore")
SEED = 20261127
rng = random.Random(SEED)
torch.manual_seed(0)


def out_shape(module, x):
    with torch.no_grad():
        return list(module(x).shape)


def layer_case(op):
    nd = rng.choice([1, 2])
    L = [rng.randint(9, 40) for _ in range(nd)]
    k = rng.randint(2, 7)
    s = rng.randint(1, 3)
    d = rng.choice([1, 1, 2])
    if op == "pool":
        d = 1
        p = rng.randint(0, k // 2)
        ceil = rng.random() < 0.3
        m = {1: nn.MaxPool1d, 2: nn.MaxPool2d}[nd](k, stride=s, padding=p, ceil_mode=ceil)
        c = rng.randint(1, 4)
        x = torch.zeros(1, c, *L)
        return {"op": "pool", "nd": nd, "c": c, "L": L, "k": k, "s": s, "p": p, "d": 1, "op_pad": 0, "ceil": ceil,
                "f": None, "out": out_shape(m, x)[1:]}
    p = rng.randint(0, 3)
    c = rng.randint(1, 4)
    f = rng.randint(5, 16)
    if op == "conv":
        m = {1: nn.Conv1d, 2: nn.Conv2d}[nd](c, f, k, stride=s, padding=p, dilation=d)
        op_pad = 0
    else:
        op_pad = rng.randint(0, max(0, max(s, d) - 1))
        m = {1: nn.ConvTranspose1d, 2: nn.ConvTranspose2d}[nd](c, f, k, stride=s, padding=p, dilation=d, output_padding=op_pad)
    x = torch.zeros(1, c, *L)
    try:
        out = out_shape(m, x)[1:]
    except Exception:
        return None
    if min(out[1:]) < 1:
        return None
    return {"op": op, "nd": nd, "c": c, "L": L, "k": k, "s": s, "p": p, "d": d, "op_pad": op_pad, "ceil": False,
            "f": f, "out": out}


def params_case():
    kind = rng.choice(["conv2d", "conv1d", "convT2d", "linear"])
    if kind == "linear":
        a, b = rng.randint(2, 500), rng.randint(2, 300)
        m = nn.Linear(a, b)
        spec = {"layer": "linear", "in": a, "out": b}
    else:
        c, f, k = rng.randint(1, 64), rng.randint(1, 128), rng.randint(1, 7)
        nd = int(kind[-2])
        ctor = {"conv1d": nn.Conv1d, "conv2d": nn.Conv2d, "convT2d": nn.ConvTranspose2d}[kind]
        m = ctor(c, f, k)
        spec = {"layer": kind, "in": c, "out": f, "k": k}
    spec["total"] = sum(p.numel() for p in m.parameters())
    spec["bias"] = m.bias.numel()
    return spec


def matmul_case():
    m, n, q = rng.randint(2, 4), rng.randint(2, 4), rng.randint(2, 4)
    A = torch.randint(-5, 6, (m, n)).double()
    B = torch.randint(-5, 6, (n, q)).double()
    return {"A": A.tolist(), "B": B.tolist(), "out": (A @ B).tolist()}


def jacobian_case():
    m, n = rng.randint(2, 6), rng.randint(2, 6)
    W = torch.randn(m, n, dtype=torch.double)
    x = torch.randn(n, dtype=torch.double)
    J = torch.autograd.functional.jacobian(lambda W_: W_ @ x, W)
    return {"W": [m, n], "x": [n], "y": [m], "jacobian_W": list(J.shape)}


def grad_case():
    shape = [rng.randint(2, 6) for _ in range(rng.choice([1, 2, 2]))]
    x = torch.randn(*shape, dtype=torch.double, requires_grad=True)
    (g,) = torch.autograd.grad((x * x).sum(), x)
    return {"x": shape, "grad": list(g.shape)}


def macs_case():
    # This torch has no torch.utils.flop_counter: a conv's MACs (ptflops' and fvcore's count) are one
    # multiply-accumulate per weight per output position, so MACs = (output positions) x weight.numel().
    c, f, k, L = rng.randint(1, 8), rng.randint(1, 16), rng.randint(1, 5), rng.randint(8, 24)
    m = nn.Conv2d(c, f, k, bias=False)
    y = m(torch.zeros(1, c, L, L))
    macs = (y.shape[-1] * y.shape[-2]) * m.weight.numel()
    return {"c": c, "f": f, "k": k, "L": L, "macs": macs, "flops": 2 * macs}


def tf_case():
    """TensorFlow's padding rules (tf.nn docs, 'Notes on padding'), run in torch with the padding TF adds."""
    L, k, s = rng.randint(5, 40), rng.randint(1, 7), rng.randint(1, 4)
    d = rng.choice([1, 1, 2])
    mode = rng.choice(["same", "valid"])
    eff = d * (k - 1) + 1
    if mode == "same":
        out_len = math.ceil(L / s)
        total = max((out_len - 1) * s + eff - L, 0)
        before = total // 2
        x = F.pad(torch.zeros(1, 1, L), (before, total - before))
    else:
        if L < eff:
            return None
        x = torch.zeros(1, 1, L)
    y = F.conv1d(x, torch.zeros(1, 1, k), stride=s, dilation=d)
    return {"L": L, "k": k, "s": s, "d": d, "mode": mode, "out": y.shape[-1], "pool": False}


def layout_case():
    H, W, c, f = rng.randint(8, 40), rng.randint(8, 40), rng.randint(1, 4), rng.randint(2, 16)
    k, s, p = rng.randint(1, 5), rng.randint(1, 3), rng.randint(0, 2)
    m = nn.Conv2d(c, f, k, stride=s, padding=p)
    out = out_shape(m, torch.zeros(1, c, H, W))
    return {"H": H, "W": W, "c": c, "f": f, "k": k, "s": s, "p": p, "nchw": out, "nhwc": [out[0], out[2], out[3], out[1]]}


def many(make, n):
    out = []
    while len(out) < n:
        c = make()
        if c is not None:
            out.append(c)
    return out


data = {
    "seed": SEED,
    "torch": torch.__version__,
    "layers": many(lambda: layer_case("conv"), 120) + many(lambda: layer_case("pool"), 80) + many(lambda: layer_case("convT"), 80),
    "params": many(params_case, 60),
    "matmul": many(matmul_case, 40),
    "jacobian": many(jacobian_case, 40),
    "grad": many(grad_case, 30),
    "macs": many(macs_case, 30),
    "tf": many(tf_case, 60),
    "layout": many(layout_case, 30),
}
with open("test/golden/hints.json", "w") as fh:
    json.dump(data, fh, indent=0)
    fh.write("\n")
print(f"wrote test/golden/hints.json: {sum(len(v) for v in data.values() if isinstance(v, list))} cases")
