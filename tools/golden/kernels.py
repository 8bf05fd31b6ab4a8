#!/usr/bin/python3
"""Golden cases for the numeric kernels (server/src/engine/kernels), computed by PyTorch in float64.

Run from the repository root:  /usr/bin/python3 tools/golden/kernels.py
Writes test/golden/kernels.json. The unit tests read that file and never need torch.

Every case draws an op (conv, conv_transpose, max_pool, avg_pool), a rank (1d-3d) and random
parameters, runs torch.nn.functional on float64 inputs, and stores the inputs, the forward output and
the gradients of sum(out * G) for a random G with respect to the input, weight and bias.

Inputs are rounded to a few decimals: the value is still an exact double on both sides (JSON floats
round-trip through repr), and the shorter text keeps the file small. Some max-pool inputs are small
integers on purpose, so that windows hold equal maxima and the first-max tie rule is exercised.

`poolShapes` adds shape-only cases for PyTorch's pooling output-size rule, including ceil mode.
"""
import json
import os
import random
import warnings

import torch
import torch.nn.functional as F

SEED = 20240612
N_CONV = 220
N_CONVT = 160
N_MAXPOOL = 150
N_AVGPOOL = 150
N_POOL_SHAPES = 400

CONV = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}
CONVT = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}
MAXPOOL = {1: F.max_pool1d, 2: F.max_pool2d, 3: F.max_pool3d}
AVGPOOL = {1: F.avg_pool1d, 2: F.avg_pool2d, 3: F.avg_pool3d}

# Spatial sizes shrink with the rank so that a 3d case is not a hundred times a 1d one.
MAX_SIZE = {1: 12, 2: 7, 3: 5}
MAX_K = {1: 5, 2: 4, 3: 3}

warnings.filterwarnings("ignore")  # torch's note that 'same' with even kernels copies the input
rng = random.Random(SEED)
torch.manual_seed(SEED)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def rounded(shape, decimals=4):
    # Round so the JSON text is short; the double it denotes is the same on both sides.
    t = torch.randn(*shape, dtype=torch.float64)
    return torch.round(t * 10 ** decimals) / 10 ** decimals


def per_dim(nd, lo, hi):
    if rng.random() < 0.5:
        return [rng.randint(lo, hi)] * nd
    return [rng.randint(lo, hi) for _ in range(nd)]


def grads(out, inputs):
    g = rounded(list(out.shape), 3)
    loss = (out * g).sum()
    gs = torch.autograd.grad(loss, [t for t in inputs if t is not None], allow_unused=False)
    return g, list(gs)


def conv_case(nd):
    for _ in range(1000):
        groups = rng.choice([1, 1, 1, 2, 3])
        cin = groups * rng.randint(1, 3)
        cout = groups * rng.randint(1, 3)
        n = rng.randint(1, 2)
        k = per_dim(nd, 1, MAX_K[nd])
        dil = per_dim(nd, 1, 3) if rng.random() < 0.4 else [1] * nd
        size = per_dim(nd, 1, MAX_SIZE[nd])
        mode = rng.choice(["sym", "sym", "same", "asym"])
        if mode == "same":
            stride = [1] * nd
            pad_lo, pad_hi = [], []
            for kk, dd in zip(k, dil):
                total = dd * (kk - 1)
                pad_lo.append(total // 2)
                pad_hi.append(total - total // 2)
        elif mode == "sym":
            stride = per_dim(nd, 1, 3)
            pad_lo = per_dim(nd, 0, 3)
            pad_hi = list(pad_lo)
        else:
            stride = per_dim(nd, 1, 3)
            pad_lo = [rng.randint(0, 3) for _ in range(nd)]
            pad_hi = [rng.randint(0, 3) for _ in range(nd)]
        outs = [(L + lo + hi - d * (kk - 1) - 1) // s + 1 for L, lo, hi, d, kk, s in zip(size, pad_lo, pad_hi, dil, k, stride)]
        if min(outs) < 1 or any(L + lo + hi < d * (kk - 1) + 1 for L, lo, hi, d, kk in zip(size, pad_lo, pad_hi, dil, k)):
            continue
        x = rounded([n, cin] + size).requires_grad_()
        w = rounded([cout, cin // groups] + k).requires_grad_()
        b = rounded([cout]).requires_grad_() if rng.random() < 0.7 else None
        if mode == "same":
            # Let torch pick the split itself, so the test also pins down our reading of 'same'.
            out = CONV[nd](x, w, b, stride=1, padding="same", dilation=dil, groups=groups)
        elif mode == "sym":
            out = CONV[nd](x, w, b, stride=stride, padding=pad_lo, dilation=dil, groups=groups)
        else:
            pads = []
            for lo, hi in reversed(list(zip(pad_lo, pad_hi))):
                pads += [lo, hi]
            out = CONV[nd](F.pad(x, pads), w, b, stride=stride, padding=0, dilation=dil, groups=groups)
        assert list(out.shape[2:]) == outs, (out.shape, outs)
        g, gs = grads(out, [x, w, b])
        return {
            "op": "conv", "nd": nd, "mode": mode,
            "params": {"stride": stride, "padLo": pad_lo, "padHi": pad_hi, "dilation": dil, "groups": groups},
            "xShape": list(x.shape), "x": flat(x), "wShape": list(w.shape), "w": flat(w),
            "bias": flat(b) if b is not None else None,
            "outShape": list(out.shape), "out": flat(out), "g": flat(g),
            "gx": flat(gs[0]), "gw": flat(gs[1]), "gb": flat(gs[2]) if b is not None else None,
        }
    raise RuntimeError("no conv case")


def convt_case(nd):
    for _ in range(1000):
        groups = rng.choice([1, 1, 1, 2, 3])
        cin = groups * rng.randint(1, 3)
        cout = groups * rng.randint(1, 3)
        n = rng.randint(1, 2)
        k = per_dim(nd, 1, MAX_K[nd])
        dil = per_dim(nd, 1, 3) if rng.random() < 0.4 else [1] * nd
        stride = per_dim(nd, 1, 3)
        pad = per_dim(nd, 0, 2)
        # torch: output_padding must be smaller than either stride or dilation
        op = [rng.randint(0, max(s, d) - 1) if rng.random() < 0.5 else 0 for s, d in zip(stride, dil)]
        size = per_dim(nd, 1, max(2, MAX_SIZE[nd] - 2))
        outs = [(L - 1) * s - 2 * p + d * (kk - 1) + o + 1 for L, s, p, d, kk, o in zip(size, stride, pad, dil, k, op)]
        if min(outs) < 1 or max(outs) > 2 * MAX_SIZE[nd]:
            continue
        x = rounded([n, cin] + size).requires_grad_()
        w = rounded([cin, cout // groups] + k).requires_grad_()
        b = rounded([cout]).requires_grad_() if rng.random() < 0.7 else None
        out = CONVT[nd](x, w, b, stride=stride, padding=pad, output_padding=op, groups=groups, dilation=dil)
        assert list(out.shape[2:]) == outs, (out.shape, outs)
        g, gs = grads(out, [x, w, b])
        return {
            "op": "convT", "nd": nd,
            "params": {"stride": stride, "padding": pad, "outputPadding": op, "dilation": dil, "groups": groups},
            "xShape": list(x.shape), "x": flat(x), "wShape": list(w.shape), "w": flat(w),
            "bias": flat(b) if b is not None else None,
            "outShape": list(out.shape), "out": flat(out), "g": flat(g),
            "gx": flat(gs[0]), "gw": flat(gs[1]), "gb": flat(gs[2]) if b is not None else None,
        }
    raise RuntimeError("no convT case")


def pool_params(nd, allow_dilation):
    k = per_dim(nd, 1, MAX_K[nd] if nd < 3 else 3)
    stride = per_dim(nd, 1, 3) if rng.random() < 0.8 else None
    pad = [rng.randint(0, kk // 2) for kk in k]
    dil = per_dim(nd, 1, 3) if allow_dilation and rng.random() < 0.4 else [1] * nd
    ceil = rng.random() < 0.5
    size = per_dim(nd, 1, MAX_SIZE[nd] + (2 if nd == 1 else 0))
    return k, stride, pad, dil, ceil, size


def maxpool_case(nd):
    for _ in range(1000):
        k, stride, pad, dil, ceil, size = pool_params(nd, True)
        n, c = rng.randint(1, 2), rng.randint(1, 3)
        ties = rng.random() < 0.35
        if ties:
            x = torch.randint(-2, 3, [n, c] + size).to(torch.float64)
        else:
            x = rounded([n, c] + size)
        x.requires_grad_()
        try:
            out, idx = MAXPOOL[nd](x, k, stride, pad, dil, ceil_mode=ceil, return_indices=True)
        except RuntimeError:
            continue
        if out.numel() == 0:
            continue
        g, gs = grads(out, [x])
        return {
            "op": "maxpool", "nd": nd, "ties": ties,
            "params": {"kernel": k, "stride": stride if stride is not None else [], "padding": pad,
                       "dilation": dil, "ceilMode": ceil},
            "xShape": list(x.shape), "x": flat(x),
            "outShape": list(out.shape), "out": flat(out), "argmax": [int(v) for v in idx.reshape(-1).tolist()],
            "g": flat(g), "gx": flat(gs[0]),
        }
    raise RuntimeError("no maxpool case")


def avgpool_case(nd):
    for _ in range(1000):
        k, stride, pad, dil, ceil, size = pool_params(nd, False)
        # Bias toward the corner the divisor rules are about: padding together with ceil mode.
        if rng.random() < 0.4:
            ceil = True
            pad = [kk // 2 for kk in k]
        cip = rng.random() < 0.5
        n, c = rng.randint(1, 2), rng.randint(1, 3)
        x = rounded([n, c] + size).requires_grad_()
        try:
            out = AVGPOOL[nd](x, k, stride, pad, ceil_mode=ceil, count_include_pad=cip)
        except RuntimeError:
            continue
        if out.numel() == 0:
            continue
        g, gs = grads(out, [x])
        return {
            "op": "avgpool", "nd": nd,
            "params": {"kernel": k, "stride": stride if stride is not None else [], "padding": pad,
                       "dilation": [1] * nd, "ceilMode": ceil, "countIncludePad": cip},
            "xShape": list(x.shape), "x": flat(x),
            "outShape": list(out.shape), "out": flat(out), "g": flat(g), "gx": flat(gs[0]),
        }
    raise RuntimeError("no avgpool case")


def pool_shape_case():
    """One spatial dim through max_pool1d on zeros: PyTorch's output-size rule, ceil mode included."""
    while True:
        k = rng.randint(1, 7)
        s = rng.randint(1, 5)
        p = rng.randint(0, k // 2)
        d = rng.randint(1, 3)
        ceil = rng.random() < 0.6
        L = rng.randint(1, 30)
        try:
            out = F.max_pool1d(torch.zeros(1, 1, L, dtype=torch.float64), k, s, p, d, ceil_mode=ceil)
        except RuntimeError:
            continue
        if out.shape[-1] < 1:
            continue
        return {"L": L, "k": k, "s": s, "p": p, "d": d, "ceilMode": ceil, "out": int(out.shape[-1])}


def main():
    cases = []
    for make, count in ((conv_case, N_CONV), (convt_case, N_CONVT), (maxpool_case, N_MAXPOOL), (avgpool_case, N_AVGPOOL)):
        for i in range(count):
            cases.append(make(1 + i % 3))
    shapes = [pool_shape_case() for _ in range(N_POOL_SHAPES)]
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    path = os.path.join(root, "test", "golden", "kernels.json")
    with open(path, "w") as f:
        json.dump({"generator": "tools/golden/kernels.py", "torch": torch.__version__, "seed": SEED,
                   "cases": cases, "poolShapes": shapes}, f, separators=(",", ":"))
        f.write("\n")
    print(f"{len(cases)} cases, {len(shapes)} pool shapes, {os.path.getsize(path)} bytes -> {path}")


if __name__ == "__main__":
    main()
