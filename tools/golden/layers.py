#!/usr/bin/python3
"""Golden cases for the layer shorthand (spec section 3) and the params counts, computed by PyTorch.

Run from the repository root:  /usr/bin/python3 tools/golden/layers.py
Writes test/golden/layers.json. The unit tests read that file and never need torch.

Each layer case is a shorthand statement (op, ndim, DIMS, params) and what PyTorch does with the same
layer applied to a zero tensor: the output shape as the shorthand reports it, or an error. Where the
contract deliberately differs from torch, `expect` follows the contract and `note` says why:
  * an output size of 0 (torch's max_pool1d returns an empty tensor) is an error: "A spatial output below
    1 is an error, not a shape";
  * `pool` does not say max or avg, so it follows MaxPool's rules; AvgPool3d's extra demand that the
    unpadded input be at least the kernel is not part of the contract.
"""
import json
import random
import warnings

import torch
import torch.nn as nn

warnings.filterwarnings("ignore")
SEED = 20240611
N_LAYER_CASES = 720
N_PARAM_CASES = 120

CONV = {1: nn.Conv1d, 2: nn.Conv2d, 3: nn.Conv3d}
CONVT = {1: nn.ConvTranspose1d, 2: nn.ConvTranspose2d, 3: nn.ConvTranspose3d}
MAXPOOL = {1: nn.MaxPool1d, 2: nn.MaxPool2d, 3: nn.MaxPool3d}
AVGPOOL = {1: nn.AvgPool1d, 2: nn.AvgPool2d, 3: nn.AvgPool3d}


def per_dim(rng, nd, lo, hi):
    """One value for every spatial dim, or one per dim (written k3x5)."""
    if nd > 1 and rng.random() < 0.3:
        return [rng.randint(lo, hi) for _ in range(nd)]
    return [rng.randint(lo, hi)]


def expand(values, nd):
    return tuple(values) if len(values) == nd else tuple(values * nd)


def run_torch(make, x):
    try:
        with torch.no_grad():
            return list(make()(x).shape), None
    except Exception as e:  # torch's own words for the error
        return None, f"{type(e).__name__}: {str(e).splitlines()[0][:200]}"


def layer_case(rng, i):
    kind = rng.choice(["conv", "conv", "convT", "maxpool", "avgpool"])
    nd = rng.choice([1, 2, 3])
    hi = {1: 24, 2: 16, 3: 9}[nd]
    spatial = [rng.randint(1, hi) for _ in range(nd)]
    layout = rng.choice(["spatial", "C", "NC"])
    plain = layout == "spatial" and rng.random() < 0.5  # `conv out ...` with no dimensionality
    n = rng.randint(1, 2)
    c = rng.randint(1, 3)
    params = []
    k = per_dim(rng, nd, 1, 6)
    params.append({"name": "kernel", "values": k})
    s = None
    if rng.random() < 0.7:
        s = per_dim(rng, nd, 1, 4)
        params.append({"name": "stride", "values": s})
    p = None
    mode = None
    r = rng.random()
    if kind == "conv" and r < 0.12:
        mode = "same"
        params.append({"name": "padding", "values": [], "mode": "same"})
    elif kind == "conv" and r < 0.18:
        mode = "valid"
        params.append({"name": "padding", "values": [], "mode": "valid"})
    elif r < 0.65:
        p = per_dim(rng, nd, 0, 3)
        params.append({"name": "padding", "values": p})
    d = None
    if kind != "avgpool" and rng.random() < 0.4:
        d = per_dim(rng, nd, 1, 3)
        params.append({"name": "dilation", "values": d})
    op = None
    if kind == "convT" and rng.random() < 0.5:
        op = per_dim(rng, nd, 0, 2)
        params.append({"name": "output_padding", "values": op})
    ceil = kind in ("maxpool", "avgpool") and rng.random() < 0.5
    if ceil:
        params.append({"name": "ceil", "values": []})
    f = None
    if kind in ("conv", "convT") and (rng.random() < 0.6 or layout == "spatial" and rng.random() < 0.3):
        f = rng.randint(1, 4)
        params.append({"name": "filters", "values": [f]})
    rng.shuffle(params)

    cin = c if layout != "spatial" else 1
    x = torch.zeros([n if layout == "NC" else 1, cin] + spatial)
    kw = {"kernel_size": expand(k, nd)}
    if s is not None:
        kw["stride"] = expand(s, nd)
    if mode is not None:
        kw["padding"] = mode
    elif p is not None:
        kw["padding"] = expand(p, nd)
    if d is not None:
        kw["dilation"] = expand(d, nd)
    if kind == "conv":
        make = lambda: CONV[nd](cin, f or cin, **kw)
    elif kind == "convT":
        if op is not None:
            kw["output_padding"] = expand(op, nd)
        make = lambda: CONVT[nd](cin, f or cin, **kw)
    else:
        kw["ceil_mode"] = ceil
        make = lambda: (MAXPOOL if kind == "maxpool" else AVGPOOL)[nd](**kw)
    shape, err = run_torch(make, x)

    def as_written(shape):
        """torch's (N, C, *spatial) output, in the layout the shorthand's DIMS were written in."""
        if min(shape[2:]) < 1:
            return {"error": f"output size {shape[2:]}"}
        if layout == "NC":
            return {"shape": shape}
        if layout == "C":
            return {"shape": shape[1:]}
        if f is not None:
            return {"shape": [shape[1]] + shape[2:]}  # filters with spatial-only DIMS: F is prepended
        return {"shape": shape[2:]}

    note = None
    if shape is not None:
        expect = as_written(shape)
        if "error" in expect:
            note = "torch returns an empty output; the contract makes an output below 1 an error"
    elif kind == "avgpool" and nd == 3 and "smaller than kernel size" in err:
        # The shorthand's pool is MaxPool: ask MaxPool3d for the shape the contract expects.
        kw.pop("ceil_mode")
        shape2, err2 = run_torch(lambda: MAXPOOL[3](ceil_mode=ceil, **kw), x)
        note = "AvgPool3d's unpadded-input check is not part of the contract; MaxPool3d's result"
        expect = as_written(shape2) if shape2 is not None else {"error": err2}
    else:
        expect = {"error": err}

    if layout == "NC":
        dims = [n, cin] + spatial
    elif layout == "C":
        dims = [cin] + spatial
    else:
        dims = spatial
    op_name = {"conv": "conv", "convT": "convT", "maxpool": "pool", "avgpool": "pool"}[kind]
    case = {
        "id": f"layer-{i}",
        "torch": kind,
        "op": op_name,
        "ndim": None if plain else nd,
        "dims": dims,
        "params": params,
        "expect": expect,
    }
    if note:
        case["note"] = note
    return case


def params_case(rng, i):
    kind = rng.choice(["conv", "conv", "convT", "linear"])
    bias = rng.random() < 0.75
    if kind == "linear":
        fin, fout = rng.randint(1, 5000), rng.randint(1, 2000)
        layer = nn.Linear(fin, fout, bias=bias)
        return {"id": f"params-{i}", "layer": "linear", "features": [fin, fout], "bias": bias,
                "expect": {"value": sum(p.numel() for p in layer.parameters())}}
    nd = rng.choice([1, 2, 3])
    k = per_dim(rng, nd, 1, 7)
    g = rng.choice([1, 1, 1, 2, 3, 4])
    c = rng.randint(1, 16) * (g if rng.random() < 0.85 else 1)
    f = rng.randint(1, 16) * (g if rng.random() < 0.85 else 1)
    cls = (CONV if kind == "conv" else CONVT)[nd]
    try:
        layer = cls(c, f, expand(k, nd), groups=g, bias=bias)
        expect = {"value": sum(p.numel() for p in layer.parameters())}
    except Exception as e:
        expect = {"error": f"{type(e).__name__}: {str(e).splitlines()[0][:200]}"}
    return {"id": f"params-{i}", "layer": f"{kind}{nd}d", "kernel": k, "c": c, "f": f,
            "groups": g if g != 1 or rng.random() < 0.3 else None, "bias": bias, "expect": expect}


def fixed_params_cases():
    """The spec's own examples and the classic layers, counted by torch."""
    out = []
    for (name, cls, c, f, k) in [("spec-alexnet", nn.Conv2d, 3, 96, 11), ("spec-vgg", nn.Conv2d, 64, 128, 3)]:
        layer = cls(c, f, k)
        out.append({"id": name, "layer": "conv2d", "kernel": [k], "c": c, "f": f, "groups": None, "bias": True,
                    "expect": {"value": sum(p.numel() for p in layer.parameters())}})
    layer = nn.Linear(4096, 1000)
    out.append({"id": "spec-linear", "layer": "linear", "features": [4096, 1000], "bias": True,
                "expect": {"value": sum(p.numel() for p in layer.parameters())}})
    return out


def main():
    rng = random.Random(SEED)
    torch.manual_seed(SEED)
    layers = [layer_case(rng, i) for i in range(N_LAYER_CASES)]
    params = fixed_params_cases() + [params_case(rng, i) for i in range(N_PARAM_CASES)]
    doc = {
        "generator": "tools/golden/layers.py",
        "torch": torch.__version__,
        "seed": SEED,
        "layers": layers,
        "params": params,
    }
    with open("test/golden/layers.json", "w") as fh:
        json.dump(doc, fh, indent=None, separators=(",", ":"))
        fh.write("\n")
    n_err = sum(1 for c in layers if "error" in c["expect"])
    print(f"{len(layers)} layer cases ({n_err} errors), {len(params)} params cases")


if __name__ == "__main__":
    main()
