#!/usr/bin/python3
"""Golden cases for torch.nn modules under `layout channels_last` (spec section 3b), computed by PyTorch.

Run from the repository root:  /usr/bin/python3 tools/golden/layout.py
Writes test/golden/layout.json. The unit tests read that file and never need torch.

The rule (docs/claims.md, "Conventions and layout"), as Keras applies it layer by layer: a layer that
reads channels at a fixed place before its spatial dims (Conv*, ConvTranspose*, *Pool*, BatchNorm*,
GroupNorm) takes its input with the channels last; PyTorch computes it on the input with that dim
moved to where it reads channels (`x.movedim(-1, c)`), and the output is moved back
(`y.movedim(c, -1)`). Every other layer (activations, Flatten, Linear, LayerNorm, Dropout) takes the
tensor as written. Here torch runs every leaf of the module that way on random inputs written
channels-last, and records:

  * apply:  the output shape, each layer's output shape (the hover's and a table's rows), the MACs
            and activations counted by the same hooks as tools/golden/modules.py; for a module
            without Flatten/Linear, torch's whole module on the permuted input, permuted back, must
            give the same output (asserted here: the layer-by-layer rule is PyTorch's on NCHW);
  * values: modules whose outputs need no weights (pools, activations, Flatten) on concrete inputs:
            the output values, a Flatten flattening the H×W×C tensor in that order (as Keras does),
            and the gradient of sum(y ⊙ w) with respect to x for w = 1, 2, 3, ... in y's order;
  * errors: inputs the layout cannot read (channels written first): torch's message on the permuted
            input.
"""
import json
import os
import random
import sys
import warnings

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import modules as M  # noqa: E402  (the module generators and MAC hooks of the modules golden file)

warnings.filterwarnings("ignore")
SEED = 20261128
rng = random.Random(SEED)
M.rng = rng  # the borrowed generators draw from this file's seed
torch.manual_seed(1)

SPATIAL = {
    nn.Conv1d: 1, nn.Conv2d: 2, nn.Conv3d: 3, nn.ConvTranspose1d: 1, nn.ConvTranspose2d: 2, nn.ConvTranspose3d: 3,
    nn.MaxPool1d: 1, nn.MaxPool2d: 2, nn.MaxPool3d: 3, nn.AvgPool1d: 1, nn.AvgPool2d: 2, nn.AvgPool3d: 3,
    nn.AdaptiveAvgPool1d: 1, nn.AdaptiveAvgPool2d: 2,
}
NORMS = (nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d, nn.GroupNorm)


def channel_dim(m, rank):
    """Where PyTorch reads m's channels in an input of this rank; None for a layer without channels."""
    for cls, nd in SPATIAL.items():
        if type(m) is cls:
            return 0 if rank == nd + 1 else 1 if rank == nd + 2 else None
    if isinstance(m, NORMS):
        return 1
    return None


def leaves(model):
    if isinstance(model, nn.Sequential):
        return [leaf for child in model for leaf in leaves(child)]
    return [model]


def forward_channels_last(model, x):
    """The rule, layer by layer; returns the output and each layer's output shape, as written."""
    rows = []
    for m in leaves(model):
        c = channel_dim(m, x.dim())
        if c is not None and c != x.dim() - 1:
            y = m(x.movedim(-1, c))
            x = y.movedim(c, -1)
        else:
            x = m(x)
        rows.append(list(x.shape))
    return x, rows


def count_channels_last(model, x):
    macs, acts = [0], [0]
    hooks = []
    for sub in model.modules():
        if M.is_layer(sub):
            def hook(mod, inp, out):
                macs[0] += M.layer_macs(mod, inp, out)
                acts[0] += M.numel_all(out)
            hooks.append(sub.register_forward_hook(hook))
    out, rows = forward_channels_last(model, x)
    for h in hooks:
        h.remove()
    return out, rows, macs[0], acts[0]


def to_last(shape, c):
    """A channels-first shape (channels at c) written channels-last."""
    return shape[:c] + shape[c + 1:] + [shape[c]]


def first_channel_dim(model, rank):
    for m in leaves(model):
        c = channel_dim(m, rank)
        if c is not None:
            return c
    return None


def cnn():
    """A small CNN on a non-square image (H ≠ W, so a swap of H and W shows), ending in logits or not.
    Returns the constructor and its input written channels-first (C, H, W) or (N, C, H, W)."""
    c = rng.choice([1, 3])
    h0, w0 = rng.randint(12, 30), rng.randint(12, 30)
    h, w = h0, w0
    layers, ch = [], c
    # GroupNorm takes (N, C, *) only: an unbatched image would be read as a batch of C.
    batched = rng.random() < 0.7
    for _ in range(rng.randint(1, 3)):
        k = rng.choice([3, 5])
        if min(h, w) < k + 2:
            break
        o = rng.randint(2, 12)
        p = rng.choice([0, 1, 2])
        s = rng.choice([1, 1, 2])
        layers.append(f"nn.Conv2d({ch}, {o}, {k}" + (f", stride={s}" if s != 1 else "") + (f", padding={p}" if p else "") + ")")
        h, w = (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1
        ch = o
        layers.append(rng.choice(["nn.ReLU()", "nn.Tanh()", "nn.GELU()"]))
        r = rng.random()
        if r < 0.25:
            layers.append(f"nn.BatchNorm2d({ch})")
        elif r < 0.4 and ch % 2 == 0 and batched:
            layers.append(f"nn.GroupNorm(2, {ch})")
        if min(h, w) >= 4 and rng.random() < 0.7:
            pool = rng.choice(["nn.MaxPool2d(2)", "nn.AvgPool2d(2)", "nn.MaxPool2d(3, 2, 1)"])
            layers.append(pool)
            h, w = ((h - 1) // 2 + 1, (w - 1) // 2 + 1) if "3, 2, 1" in pool else (h // 2, w // 2)
    flat = "nn.Flatten()" if batched else "nn.Flatten(0)"
    tail = rng.random()
    if tail < 0.4:
        layers += [flat, f"nn.Linear({ch * h * w}, {rng.randint(2, 10)})"]
    elif tail < 0.6:
        layers += ["nn.AdaptiveAvgPool2d(1)", flat, f"nn.Linear({ch}, {rng.randint(2, 10)})"]
    elif tail < 0.7:
        # LayerNorm over the last dim: the channels, written channels-last (Keras's LayerNormalization).
        layers += [f"nn.LayerNorm({ch})"]
    lead = [rng.randint(1, 3)] if batched else []
    return "nn.Sequential(" + ", ".join(layers) + ")", lead + [c, h0, w0]


def main():
    apply_cases, values, errors = [], [], []
    seen = set()
    single = [
        lambda: M.gen_conv(1), lambda: M.gen_conv(2), lambda: M.gen_conv(3),
        lambda: M.gen_convT(1), lambda: M.gen_convT(2), lambda: M.gen_convT(3),
        lambda: M.gen_pool(1, "Max"), lambda: M.gen_pool(2, "Max"), lambda: M.gen_pool(3, "Max"),
        lambda: M.gen_pool(1, "Avg"), lambda: M.gen_pool(2, "Avg"), lambda: M.gen_pool(3, "Avg"),
        lambda: M.gen_adaptive(1), lambda: M.gen_adaptive(2),
        lambda: M.gen_bn(1), lambda: M.gen_bn(2), lambda: M.gen_bn(3), M.gen_groupnorm,
        M.gen_linear, M.gen_layernorm, M.gen_act,
    ]
    attempts = 0
    while len(apply_cases) < 260 and attempts < 5000:
        attempts += 1
        if attempts % 3 == 0:
            ctor, first = cnn()
        else:
            ctor, shapes = single[(attempts - attempts // 3 - 1) % len(single)]()
            first = shapes[0]
        try:
            model = eval(ctor)
        except Exception:
            continue
        c = first_channel_dim(model, len(first))
        x_shape = to_last(first, c) if c is not None else first
        key = (ctor, json.dumps(x_shape))
        if key in seen:
            continue
        seen.add(key)
        model.eval()  # Dropout and BatchNorm as at inference: shapes are the same either way
        x = torch.randn(*x_shape)
        try:
            with torch.no_grad():
                out, rows, macs, acts = count_channels_last(model, x)
        except Exception:
            continue
        case = {"ctor": ctor, "input": x_shape, "out": list(out.shape), "rows": rows, "macs": macs, "activations": acts}
        if c is not None and not any(isinstance(m, (nn.Flatten, nn.Linear, nn.LayerNorm)) for m in leaves(model)):
            # The whole module in PyTorch's order, on the permuted input, permuted back: the same output.
            with torch.no_grad():
                whole = model(x.movedim(-1, c)).movedim(c, -1)
            assert torch.allclose(whole, out, atol=1e-5), ctor
            case["whole"] = True
        apply_cases.append(case)
    # Values through layers that need no weights, in float64, on small concrete inputs.
    value_ctors = [
        ("nn.Sequential(nn.MaxPool2d(2), nn.ReLU(), nn.Flatten())", [1, 4, 6, 3]),
        ("nn.Sequential(nn.MaxPool2d(2), nn.Flatten(0))", [4, 6, 2]),
        ("nn.Sequential(nn.AvgPool2d(2, stride=1, padding=1), nn.Tanh())", [3, 5, 2]),
        ("nn.Sequential(nn.AvgPool2d(3, stride=2, padding=1, count_include_pad=False), nn.Flatten())", [2, 5, 7, 3]),
        ("nn.MaxPool1d(3, stride=2)", [2, 9, 4]),
        ("nn.Sequential(nn.AvgPool1d(2), nn.Flatten())", [2, 8, 3]),
        ("nn.Sequential(nn.MaxPool3d(2), nn.Flatten())", [1, 4, 4, 6, 2]),
        ("nn.Sequential(nn.MaxPool2d(2, ceil_mode=True), nn.Sigmoid(), nn.MaxPool2d(2), nn.Flatten())", [1, 7, 9, 2]),
        ("nn.Sequential(nn.ReLU(), nn.MaxPool2d(2, dilation=2))", [5, 7, 3]),
        ("nn.Softmax(dim=-1)", [2, 3, 4]),
    ]
    for ctor, shape in value_ctors:
        model = eval(ctor)
        g = torch.Generator().manual_seed(len(values) + 7)
        x = torch.round(torch.randn(*shape, generator=g, dtype=torch.float64) * 100) / 100
        x.requires_grad_(True)
        y, _ = forward_channels_last(model, x)
        # d sum(y ⊙ w)/dx for fixed weights w: the gradient flows back through the moves of the channels.
        w = torch.arange(1, y.numel() + 1, dtype=torch.float64).reshape(y.shape)
        (gx,) = torch.autograd.grad((y * w).sum(), x)
        values.append({"ctor": ctor, "x": x.tolist(), "shape": list(y.shape), "y": y.flatten().tolist(), "grad_weighted": gx.flatten().tolist()})
    # Inputs written channels-first under channels_last: torch's complaint on what the layout reads.
    for ctor, shape in [
        ("nn.Conv2d(3, 8, 3)", [3, 32, 30]),
        ("nn.Conv2d(3, 8, 3)", [4, 3, 32, 30]),
        ("nn.BatchNorm2d(16)", [2, 16, 8, 8]),
        ("nn.Sequential(nn.Conv1d(4, 6, 3), nn.ReLU())", [2, 4, 20]),
    ]:
        model = eval(ctor)
        try:
            forward_channels_last(model, torch.randn(*shape))
            raise SystemExit(f"expected an error: {ctor} on {shape}")
        except SystemExit:
            raise
        except Exception as e:
            errors.append({"ctor": ctor, "input": shape, "error": str(e).splitlines()[0][:200]})
    out = {"torch": torch.__version__, "seed": SEED, "apply": apply_cases, "values": values, "errors": errors}
    with open("test/golden/layout.json", "w") as f:
        json.dump(out, f, indent=0, separators=(",", ":"))
        f.write("\n")
    kinds = {}
    for a in apply_cases:
        k = a["ctor"].split("(")[0]
        kinds[k] = kinds.get(k, 0) + 1
    print(f"{len(apply_cases)} applications ({sum(1 for a in apply_cases if 'whole' in a)} checked whole), {len(values)} value cases, {len(errors)} errors")
    print(kinds)


if __name__ == "__main__":
    main()
