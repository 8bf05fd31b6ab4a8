#!/usr/bin/python3
"""Golden cases for torch.nn modules (spec section 3a), computed by PyTorch 1.13.

Run from the repository root:  /usr/bin/python3 tools/golden/modules.py
Writes test/golden/modules.json. The unit tests read that file and never need torch.

Every case's `ctor` is a constructor call written in the claim language, which for these calls is
Python's own syntax: the same string is evaluated here with `nn = torch.nn`.

  * params:  sum(p.numel() for p in M.parameters())
  * apply:   the output shape(s) of M applied to zero (or index) tensors of the given shapes, nested as
             PyTorch nests its tuples; `macs` counted by forward hooks under the project's contract
             (conv/convT/linear/bilinear weights only, no bias; attention's projections, QK^T and AV;
             RNN gate products; pooling, norms, activations 0); `activations` the sum of numel of the
             outputs of every module a hook counts as a layer (leaves, and MultiheadAttention whole).
  * rf:      the receptive field of one central output unit of a Sequential of conv/pool layers,
             measured by back-propagating that unit to the input (max pools are replaced by average
             pools of the same geometry so the gradient reaches every position of the window).
  * errors:  a module applied to a wrong input: PyTorch's message.
"""
import json
import math
import random
import warnings

import torch
import torch.nn as nn

warnings.filterwarnings("ignore")
SEED = 20261127
rng = random.Random(SEED)
torch.manual_seed(0)

ACTS = ["nn.ReLU()", "nn.LeakyReLU(0.1)", "nn.GELU()", "nn.Tanh()", "nn.Sigmoid()", "nn.Identity()", "nn.Dropout(0.5)"]


def b(x):
    return "True" if x else "False"


def tup(vals):
    return str(vals[0]) if len(vals) == 1 else "(" + ", ".join(str(v) for v in vals) + ")"


def per_dim(nd, lo, hi):
    if nd > 1 and rng.random() < 0.3:
        return [rng.randint(lo, hi) for _ in range(nd)]
    return [rng.randint(lo, hi)]


def expand(v, nd):
    return v * nd if len(v) == 1 else v


def kw(pairs):
    return "".join(f", {k}={v}" for k, v in pairs)


# ---------- random constructor calls: (ctor, list of input shapes or None) ----------

def divisors(n):
    return [d for d in range(1, n + 1) if n % d == 0]


def gen_linear():
    i, o = rng.randint(1, 300), rng.randint(1, 300)
    extra = [("bias", b(False))] if rng.random() < 0.3 else []
    lead = rng.choice([[], [rng.randint(1, 8)], [rng.randint(1, 4), rng.randint(1, 6)]])
    return f"nn.Linear({i}, {o}{kw(extra)})", [lead + [i]]


def gen_bilinear():
    a, c, o = rng.randint(1, 30), rng.randint(1, 30), rng.randint(1, 30)
    extra = [("bias", b(False))] if rng.random() < 0.3 else []
    n = rng.randint(1, 8)
    return f"nn.Bilinear({a}, {c}, {o}{kw(extra)})", [[n, a], [n, c]]


def gen_conv(nd):
    g = rng.choice([1, 1, 1, 2, 3, 4])
    cin, cout = g * rng.randint(1, 8), g * rng.randint(1, 8)
    k = per_dim(nd, 1, 5)
    same = rng.random() < 0.15
    s = [1] if same else per_dim(nd, 1, 3)
    d = per_dim(nd, 1, 2)
    p = per_dim(nd, 0, 2)
    extra = []
    if s != [1]: extra.append(("stride", tup(s)))
    if same: extra.append(("padding", "'same'"))
    elif p != [0]: extra.append(("padding", tup(p)))
    if d != [1]: extra.append(("dilation", tup(d)))
    if g != 1: extra.append(("groups", g))
    if rng.random() < 0.25: extra.append(("bias", b(False)))
    keff = [dd * (kk - 1) + 1 for kk, dd in zip(expand(k, nd), expand(d, nd))]
    spatial = [rng.randint(ke, ke + 20) for ke in keff]
    lead = rng.choice([[rng.randint(1, 3)], []])
    return f"nn.Conv{nd}d({cin}, {cout}, {tup(k)}{kw(extra)})", [lead + [cin] + spatial]


def gen_convT(nd):
    g = rng.choice([1, 1, 1, 2, 3])
    cin, cout = g * rng.randint(1, 6), g * rng.randint(1, 6)
    k = per_dim(nd, 1, 5)
    s = per_dim(nd, 1, 3)
    d = per_dim(nd, 1, 2)
    p = per_dim(nd, 0, 1)
    op = [rng.randint(0, max(0, min(ss, dd) - 1)) for ss, dd in zip(expand(s, nd), expand(d, nd))]
    extra = []
    if s != [1]: extra.append(("stride", tup(s)))
    if p != [0]: extra.append(("padding", tup(p)))
    if any(op): extra.append(("output_padding", tup(op)))
    if g != 1: extra.append(("groups", g))
    if rng.random() < 0.25: extra.append(("bias", b(False)))
    if d != [1]: extra.append(("dilation", tup(d)))
    spatial = [rng.randint(2, 12) for _ in range(nd)]
    lead = rng.choice([[rng.randint(1, 3)], []])
    return f"nn.ConvTranspose{nd}d({cin}, {cout}, {tup(k)}{kw(extra)})", [lead + [cin] + spatial]


def gen_pool(nd, kind):
    k = per_dim(nd, 1, 4)
    extra = []
    s = per_dim(nd, 1, 3) if rng.random() < 0.5 else None
    p = [rng.randint(0, min(expand(k, nd)) // 2)]
    if s is not None: extra.append(("stride", tup(s)))
    if p != [0]: extra.append(("padding", tup(p)))
    d = [1]
    if kind == "Max" and rng.random() < 0.2:
        d = [2]
        extra.append(("dilation", 2))
    if rng.random() < 0.3: extra.append(("ceil_mode", "True"))
    if kind == "Avg" and rng.random() < 0.2: extra.append(("count_include_pad", "False"))
    keff = [dd * (kk - 1) + 1 for kk, dd in zip(expand(k, nd), expand(d, nd))]
    spatial = [rng.randint(max(ke, 1), ke + 15) for ke in keff]
    c = rng.randint(1, 6)
    lead = rng.choice([[rng.randint(1, 3), c], [c]])
    return f"nn.{kind}Pool{nd}d({tup(k)}{kw(extra)})", [lead + spatial]


def gen_adaptive(nd):
    if nd == 2 and rng.random() < 0.2:
        o = f"(None, {rng.randint(1, 5)})"
    else:
        o = tup(per_dim(nd, 1, 7))
    spatial = [rng.randint(1, 20) for _ in range(nd)]
    c = rng.randint(1, 6)
    lead = rng.choice([[rng.randint(1, 3), c], [c]])
    return f"nn.AdaptiveAvgPool{nd}d({o})", [lead + spatial]


def gen_bn(nd):
    c = rng.randint(1, 64)
    extra = []
    if rng.random() < 0.3: extra.append(("affine", b(False)))
    if rng.random() < 0.2: extra.append(("track_running_stats", b(False)))
    if rng.random() < 0.2: extra.append(("eps", "1e-3"))
    n = rng.randint(2, 4)
    if nd == 1:
        shape = rng.choice([[n, c], [n, c, rng.randint(1, 9)]])
    else:
        shape = [n, c] + [rng.randint(1, 6) for _ in range(nd)]
    return f"nn.BatchNorm{nd}d({c}{kw(extra)})", [shape]


def gen_layernorm():
    norm = [rng.randint(1, 20) for _ in range(rng.randint(1, 3))]
    arg = str(norm[0]) if len(norm) == 1 and rng.random() < 0.6 else "(" + ", ".join(map(str, norm)) + ("," if len(norm) == 1 else "") + ")"
    extra = [("elementwise_affine", b(False))] if rng.random() < 0.3 else []
    lead = [rng.randint(1, 4) for _ in range(rng.randint(0, 2))]
    return f"nn.LayerNorm({arg}{kw(extra)})", [lead + norm]


def gen_groupnorm():
    g = rng.randint(1, 6)
    c = g * rng.randint(1, 6)
    extra = [("affine", b(False))] if rng.random() < 0.3 else []
    n = rng.randint(1, 3)
    return f"nn.GroupNorm({g}, {c}{kw(extra)})", [[n, c] + [rng.randint(1, 6) for _ in range(rng.randint(0, 2))]]


def gen_embedding():
    v, d = rng.randint(2, 5000), rng.randint(1, 300)
    extra = [("padding_idx", 0)] if rng.random() < 0.3 else []
    lead = [rng.randint(1, 6) for _ in range(rng.randint(1, 2))]
    return f"nn.Embedding({v}, {d}{kw(extra)})", [lead]


def gen_rnn(kind):
    i, h = rng.randint(1, 64), rng.randint(1, 64)
    extra = []
    layers = rng.choice([1, 1, 2, 3])
    if layers != 1: extra.append(("num_layers", layers))
    if rng.random() < 0.25: extra.append(("bias", b(False)))
    bf = rng.random() < 0.3
    if bf: extra.append(("batch_first", "True"))
    bi = rng.random() < 0.4
    if bi: extra.append(("bidirectional", "True"))
    if kind == "LSTM" and rng.random() < 0.35: extra.append(("proj_size", rng.randint(1, h - 1) if h > 1 else 0))
    if kind == "RNN" and rng.random() < 0.3: extra.append(("nonlinearity", "'relu'"))
    rng.shuffle(extra)
    args = f"{i}, {h}" if rng.random() < 0.8 else f"input_size={i}, hidden_size={h}"
    t, n = rng.randint(1, 7), rng.randint(1, 4)
    shape = rng.choice([[n, t, i] if bf else [t, n, i], [t, i]])
    return f"nn.{kind}({args}{kw(extra)})", [shape]


def gen_mha():
    h = rng.choice([1, 2, 4, 8])
    e = h * rng.randint(1, 16)
    extra = []
    kd = vd = e
    if rng.random() < 0.3:
        kd = rng.randint(1, 40); extra.append(("kdim", kd))
    if rng.random() < 0.3:
        vd = rng.randint(1, 40); extra.append(("vdim", vd))
    if rng.random() < 0.2: extra.append(("bias", b(False)))
    if rng.random() < 0.2: extra.append(("add_bias_kv", "True"))
    if rng.random() < 0.15: extra.append(("add_zero_attn", "True"))
    bf = rng.random() < 0.3
    if bf: extra.append(("batch_first", "True"))
    if rng.random() < 0.2: extra.append(("dropout", "0.1"))
    rng.shuffle(extra)
    L, S, N = rng.randint(1, 7), rng.randint(1, 7), rng.randint(1, 4)
    if rng.random() < 0.2:
        shapes = [[L, e], [S, kd], [S, vd]]
    elif bf:
        shapes = [[N, L, e], [N, S, kd], [N, S, vd]]
    else:
        shapes = [[L, N, e], [S, N, kd], [S, N, vd]]
    return f"nn.MultiheadAttention({e}, {h}{kw(extra)})", shapes


def gen_transformer(dec):
    h = rng.choice([1, 2, 4, 8])
    d = h * rng.randint(1, 12)
    extra = []
    if rng.random() < 0.7: extra.append(("dim_feedforward", rng.randint(1, 200)))
    bf = rng.random() < 0.3
    if bf: extra.append(("batch_first", "True"))
    if rng.random() < 0.2: extra.append(("norm_first", "True"))
    if rng.random() < 0.2: extra.append(("activation", "'gelu'"))
    L, S, N = rng.randint(1, 6), rng.randint(1, 6), rng.randint(1, 3)
    tgt = [N, L, d] if bf else [L, N, d]
    mem = [N, S, d] if bf else [S, N, d]
    name = "TransformerDecoderLayer" if dec else "TransformerEncoderLayer"
    return f"nn.{name}({d}, {h}{kw(extra)})", ([tgt, mem] if dec else [tgt])


def gen_act():
    c = rng.choice(ACTS + ["nn.Softmax(dim=1)", "nn.Softmax(dim=-1)", "nn.Flatten()", "nn.Flatten(0, 1)", "nn.LeakyReLU()", "nn.LeakyReLU(negative_slope=0.2)"])
    shape = [rng.randint(1, 5) for _ in range(rng.randint(2, 4))]
    return c, [shape]


def gen_cnn():
    """A LeNet-like Sequential: conv/act/pool blocks, flatten, linear layers."""
    c = rng.choice([1, 3])
    hw = rng.randint(16, 40)
    layers, ch, size = [], c, hw
    for _ in range(rng.randint(1, 3)):
        k = rng.choice([3, 5])
        if size < k + 2: break
        o = rng.randint(2, 16)
        p = rng.choice([0, 1, 2])
        layers.append(f"nn.Conv2d({ch}, {o}, {k}" + (f", padding={p}" if p else "") + ")")
        size = size + 2 * p - k + 1
        ch = o
        layers.append(rng.choice(["nn.ReLU()", "nn.Tanh()", "nn.Sigmoid()"]))
        if rng.random() < 0.3:
            layers.append(f"nn.BatchNorm2d({ch})")
        if size >= 4 and rng.random() < 0.7:
            layers.append(rng.choice(["nn.MaxPool2d(2)", "nn.AvgPool2d(2)", "nn.MaxPool2d(2, 2)"]))
            size //= 2
    layers.append("nn.Flatten()")
    feat = ch * size * size
    for _ in range(rng.randint(1, 2)):
        o = rng.randint(2, 100)
        layers.append(f"nn.Linear({feat}, {o})")
        feat = o
        if rng.random() < 0.5:
            layers.append(rng.choice(["nn.ReLU()", "nn.Dropout(0.5)"]))
    n = rng.randint(1, 4)
    return "nn.Sequential(" + ", ".join(layers) + ")", [[n, c, hw, hw]]


GENERATORS = [
    gen_linear, gen_bilinear,
    lambda: gen_conv(1), lambda: gen_conv(2), lambda: gen_conv(3),
    lambda: gen_convT(1), lambda: gen_convT(2), lambda: gen_convT(3),
    lambda: gen_pool(1, "Max"), lambda: gen_pool(2, "Max"), lambda: gen_pool(3, "Max"),
    lambda: gen_pool(1, "Avg"), lambda: gen_pool(2, "Avg"), lambda: gen_pool(3, "Avg"),
    lambda: gen_adaptive(1), lambda: gen_adaptive(2),
    lambda: gen_bn(1), lambda: gen_bn(2), lambda: gen_bn(3),
    gen_layernorm, gen_groupnorm, gen_embedding,
    lambda: gen_rnn("RNN"), lambda: gen_rnn("LSTM"), lambda: gen_rnn("GRU"),
    gen_mha, lambda: gen_transformer(False), lambda: gen_transformer(True),
    gen_act, gen_cnn,
]


# ---------- counting hooks ----------

def prod(xs):
    out = 1
    for x in xs:
        out *= x
    return out


def numel_all(o):
    if isinstance(o, torch.Tensor):
        return o.numel()
    if isinstance(o, (tuple, list)):
        return sum(numel_all(x) for x in o)
    return 0


def rnn_macs(m, inp):
    x = inp[0]
    batched = x.dim() == 3
    if batched:
        T, N = (x.shape[1], x.shape[0]) if m.batch_first else (x.shape[0], x.shape[1])
    else:
        T, N = x.shape[0], 1
    G = {"RNN_TANH": 1, "RNN_RELU": 1, "LSTM": 4, "GRU": 3}[m.mode]
    H, P = m.hidden_size, getattr(m, "proj_size", 0)
    D = 2 if m.bidirectional else 1
    total = 0
    for layer in range(m.num_layers):
        i = m.input_size if layer == 0 else D * (P or H)
        per_step = G * H * i + G * H * (P or H) + (P * H if P else 0)
        total += D * per_step
    return T * N * total


def mha_macs(m, inp):
    q, k, v = inp[0], inp[1], inp[2]
    E = m.embed_dim
    if q.dim() == 3 and m.batch_first:
        N, L, S = q.shape[0], q.shape[1], k.shape[1]
    elif q.dim() == 3:
        N, L, S = q.shape[1], q.shape[0], k.shape[0]
    else:
        N, L, S = 1, q.shape[0], k.shape[0]
    kd, vd = m.kdim, m.vdim
    s_eff = S + (1 if m.bias_k is not None else 0) + (1 if m.add_zero_attn else 0)
    proj = N * (L * E * E + S * kd * E + S * vd * E)
    attn = 2 * N * L * s_eff * E
    out = N * L * E * E
    return proj + attn + out


def layer_macs(m, inp, out):
    if isinstance(m, (nn.Conv1d, nn.Conv2d, nn.Conv3d)):
        return out.numel() * (m.in_channels // m.groups) * prod(m.kernel_size)
    if isinstance(m, (nn.ConvTranspose1d, nn.ConvTranspose2d, nn.ConvTranspose3d)):
        return inp[0].numel() * (m.out_channels // m.groups) * prod(m.kernel_size)
    if isinstance(m, nn.Bilinear):
        return out.numel() * m.in1_features * m.in2_features
    if isinstance(m, nn.Linear):
        return out.numel() * m.in_features
    if isinstance(m, nn.MultiheadAttention):
        return mha_macs(m, inp)
    if isinstance(m, nn.RNNBase):
        return rnn_macs(m, inp)
    return 0


def is_layer(m):
    """Modules a hook counts: leaves, and MultiheadAttention whole (its out_proj is never called)."""
    if isinstance(m, nn.MultiheadAttention):
        return True
    if isinstance(m, (nn.Sequential, nn.TransformerEncoderLayer, nn.TransformerDecoderLayer)):
        return False
    return len(list(m.children())) == 0


def count(model, inputs):
    macs, acts = [0], [0]
    hooks = []
    for sub in model.modules():
        if is_layer(sub):
            def hook(mod, inp, out):
                macs[0] += layer_macs(mod, inp, out)
                acts[0] += numel_all(out)
            hooks.append(sub.register_forward_hook(hook))
    out = model(*inputs)
    for h in hooks:
        h.remove()
    return out, macs[0], acts[0]


def shapes_of(o):
    if isinstance(o, torch.Tensor):
        return list(o.shape)
    if o is None:
        return None
    return [shapes_of(x) for x in o]


def make_input(ctor, shape):
    if ctor.startswith("nn.Embedding("):
        return torch.randint(0, 2, shape)
    return torch.randn(*shape) if shape else torch.randn(())


# ---------- receptive fields ----------

def gen_rf_net():
    nd = rng.choice([1, 2, 2])
    layers, rfs = [], []
    for _ in range(rng.randint(1, 5)):
        kind = rng.choice(["conv", "conv", "max", "avg", "act"])
        if kind == "act":
            layers.append(rng.choice(["nn.ReLU()", "nn.BatchNorm%dd(4)" % nd, "nn.Dropout(0.1)"]))
            continue
        k = per_dim(nd, 1, 5)
        s = per_dim(nd, 1, 3)
        if kind == "conv":
            d = per_dim(nd, 1, 2)
            extra = ""
            if s != [1]: extra += f", stride={tup(s)}"
            if d != [1]: extra += f", dilation={tup(d)}"
            layers.append(f"nn.Conv{nd}d(4, 4, {tup(k)}{extra})")
        else:
            name = "Max" if kind == "max" else "Avg"
            extra = f", stride={tup(s)}" if rng.random() < 0.5 else ""
            layers.append(f"nn.{name}Pool{nd}d({tup(k)}{extra})")
    if not any("Conv" in l or "Pool" in l for l in layers):
        layers.append(f"nn.Conv{nd}d(4, 4, 3)")
    return nd, "nn.Sequential(" + ", ".join(layers) + ")"


def measure_rf(nd, ctor):
    model = eval(ctor)
    # Max pools route the gradient to one position only: measure with an average pool of the same geometry.
    mods = []
    for m in model:
        if isinstance(m, (nn.MaxPool1d, nn.MaxPool2d)):
            cls = nn.AvgPool1d if isinstance(m, nn.MaxPool1d) else nn.AvgPool2d
            if m.dilation not in (1, (1, 1)):
                return None
            m = cls(m.kernel_size, m.stride, ceil_mode=False)
        if isinstance(m, (nn.Conv1d, nn.Conv2d)):
            with torch.no_grad():
                m.weight.fill_(1.0)
                m.bias.zero_()
        if isinstance(m, nn.Dropout):
            m = nn.Identity()
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            m = nn.Identity()
        mods.append(m)
    net = nn.Sequential(*mods)
    size = 160
    x = torch.ones(1, 4, *([size] * nd), requires_grad=True)
    try:
        y = net(x)
    except Exception:
        return None
    centre = tuple(s // 2 for s in y.shape[2:])
    y[(0, 0) + centre].backward()
    g = x.grad[0, 0]
    nz = g.nonzero()
    if nz.numel() == 0:
        return None
    ext = [int(nz[:, i].max() - nz[:, i].min() + 1) for i in range(nd)]
    # The field must lie inside the input: a field cut by the border is not measured.
    if any(int(nz[:, i].min()) == 0 or int(nz[:, i].max()) == size - 1 for i in range(nd)):
        return None
    return ext


# ---------- errors ----------

ERRORS = [
    ("nn.Linear(120, 84)", [[4, 100]]),
    ("nn.Conv2d(3, 8, 3)", [[4, 1, 32, 32]]),
    ("nn.Conv2d(3, 8, 3)", [[4, 32]]),
    ("nn.Conv2d(3, 8, 5)", [[1, 3, 4, 4]]),
    ("nn.Conv1d(4, 8, 3)", [[2, 4, 5, 5]]),
    ("nn.MaxPool2d(2)", [[1, 3, 1, 1]]),
    ("nn.BatchNorm2d(16)", [[4, 8, 5, 5]]),
    ("nn.BatchNorm1d(16)", [[4, 8]]),
    ("nn.LayerNorm(10)", [[4, 12]]),
    ("nn.GroupNorm(2, 8)", [[4, 6, 3]]),
    ("nn.LSTM(10, 20)", [[5, 3, 12]]),
    ("nn.GRU(10, 20)", [[5, 3, 10, 2]]),
    ("nn.MultiheadAttention(16, 4)", [[5, 2, 12], [5, 2, 12], [5, 2, 12]]),
    ("nn.Bilinear(4, 5, 6)", [[3, 4], [3, 6]]),
    ("nn.Conv2d(3, 8, 3, groups=2)", None),
    ("nn.MultiheadAttention(10, 3)", None),
    ("nn.GroupNorm(3, 8)", None),
]


def main():
    params, apply_cases, rfs, errors = [], [], [], []
    seen = set()
    per_kind = {}
    attempts = 0
    # Every parameter-free layer at least once, whatever the random draws.
    fixed = [(c, [[2, 3, 4, 5]]) for c in ACTS + ["nn.Softmax(dim=1)", "nn.Softmax()", "nn.Flatten()", "nn.Flatten(0, 2)", "nn.LeakyReLU(negative_slope=0.2)"]]
    while len(apply_cases) < 480 and attempts < 5000:
        attempts += 1
        if fixed:
            ctor, shapes = fixed.pop(0)
        else:
            gen = GENERATORS[attempts % len(GENERATORS)]
            ctor, shapes = gen()
        if (ctor, json.dumps(shapes)) in seen:
            continue
        seen.add((ctor, json.dumps(shapes)))
        try:
            model = eval(ctor)
        except Exception:
            continue
        n = sum(p.numel() for p in model.parameters())
        if ctor not in {p["ctor"] for p in params}:
            params.append({"ctor": ctor, "params": n})
        try:
            with torch.no_grad():
                out, macs, acts = count(model, [make_input(ctor, s) for s in shapes])
        except Exception as e:
            errors.append({"ctor": ctor, "inputs": shapes, "error": str(e).splitlines()[0][:200]})
            continue
        case = {"ctor": ctor, "inputs": shapes, "out": shapes_of(out), "macs": macs, "activations": acts}
        apply_cases.append(case)
        kind = ctor.split("(")[0]
        per_kind[kind] = per_kind.get(kind, 0) + 1
    while len(rfs) < 80:
        nd, ctor = gen_rf_net()
        ext = measure_rf(nd, ctor)
        if ext is not None:
            rfs.append({"ctor": ctor, "ndim": nd, "rf": ext})
    for ctor, shapes in ERRORS:
        try:
            model = eval(ctor)
        except Exception as e:
            errors.append({"ctor": ctor, "inputs": None, "error": str(e).splitlines()[0][:200]})
            continue
        try:
            with torch.no_grad():
                model(*[make_input(ctor, s) for s in shapes])
            raise SystemExit(f"expected an error: {ctor} on {shapes}")
        except SystemExit:
            raise
        except Exception as e:
            errors.append({"ctor": ctor, "inputs": shapes, "error": str(e).splitlines()[0][:200]})
    # Values of the modules whose outputs need no weights, in float64 on fixed points.
    xs = [-4.0, -2.5, -1.0, -0.3, 0.0, 0.2, 1.0, 1.7, 3.2, 5.0]
    values = []
    for ctor in ["nn.GELU()", "nn.GELU(approximate='tanh')", "nn.LeakyReLU(0.1)", "nn.ReLU()", "nn.Tanh()", "nn.Sigmoid()", "nn.Softmax(dim=0)", "nn.Identity()"]:
        x = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
        y = eval(ctor)(x)
        (g,) = torch.autograd.grad(y.sum(), x)
        values.append({"ctor": ctor, "x": xs, "y": y.tolist(), "grad_of_sum": g.tolist()})
    out = {
        "torch": torch.__version__,
        "seed": SEED,
        "params": params,
        "apply": apply_cases,
        "rf": rfs,
        "errors": errors,
        "values": values,
    }
    with open("test/golden/modules.json", "w") as f:
        json.dump(out, f, indent=0, separators=(",", ":"))
        f.write("\n")
    print(f"{len(params)} params, {len(apply_cases)} applications, {len(rfs)} receptive fields, {len(errors)} errors")
    print(per_kind)


if __name__ == "__main__":
    main()
