"""PyTorch helpers for tools/golden/prose.py: every expected value of the prose corpus comes from here.

Each helper builds the real torch module or runs the real torch op, so the corpus never holds a number
our own code computed. Shapes are returned canonical (`4x5`), numbers as Python floats or ints.
"""
import math
import warnings

import torch
import torch.nn as nn

warnings.filterwarnings("ignore")
torch.set_default_dtype(torch.float64)

CONV = {1: nn.Conv1d, 2: nn.Conv2d, 3: nn.Conv3d}
CONVT = {1: nn.ConvTranspose1d, 2: nn.ConvTranspose2d, 3: nn.ConvTranspose3d}
POOL = {1: nn.MaxPool1d, 2: nn.MaxPool2d, 3: nn.MaxPool3d}


def canon(shape):
    return "x".join(str(int(d)) for d in shape)


def layer(op, dims, k, s=None, p=0, d=1, f=None, nd=None, ceil=False, op_pad=0):
    """The output shape of the layer shorthand `op[nd] out DIMS k s p d f` (spec section 3), by torch.

    `nd=None` is plain `conv`/`pool`/`convT`: every dim of DIMS is spatial. With `nd`, DIMS may start with
    C or N, C, and the output keeps them (C becomes f when given)."""
    dims = list(dims)
    spatial_rank = len(dims) if nd is None else nd
    lead = dims[: len(dims) - spatial_rank]
    spatial = dims[len(dims) - spatial_rank:]
    c = lead[-1] if lead else 1
    out_c = f if f is not None else c
    x = torch.zeros(1, c, *spatial)
    with torch.no_grad():
        if op == "conv":
            m = CONV[spatial_rank](c, out_c, k, stride=s or 1, padding=p, dilation=d)
        elif op == "convT":
            m = CONVT[spatial_rank](c, out_c, k, stride=s or 1, padding=p, dilation=d, output_padding=op_pad)
        elif op == "pool":
            m = POOL[spatial_rank](k, stride=s, padding=p, dilation=d, ceil_mode=ceil)
        else:
            raise ValueError(op)
        y = m(x)
    out = list(y.shape[2:])
    if len(lead) == 1:
        out = [y.shape[1]] + out
    elif len(lead) == 2:
        out = [lead[0], y.shape[1]] + out
    return canon(out)


def params_conv(nd, k, c, f, groups=1, bias=True):
    # On the meta device: the count without allocating the weights.
    return sum(p.numel() for p in CONV[nd](c, f, k, groups=groups, bias=bias, device="meta").parameters())


def params_linear(a, b, bias=True):
    return sum(p.numel() for p in nn.Linear(a, b, bias=bias, device="meta").parameters())


def value(fn):
    """A torch computation in float64, as a Python number or nested list."""
    with torch.no_grad():
        v = fn(torch)
    if isinstance(v, torch.Tensor):
        return v.item() if v.dim() == 0 else v.tolist()
    return v


def shape_of(fn):
    with torch.no_grad():
        return canon(fn(torch).shape)


def t(*a):
    return torch.tensor(*a, dtype=torch.float64)


def F():
    return torch.nn.functional


def prod(*xs):
    """A product of whole numbers (a FLOP or byte count), by torch in int64."""
    return int(torch.prod(torch.tensor(xs, dtype=torch.int64)).item())


def rounds_to(x, d):
    return f"{x:.{d}f}"


LOG = math.log
