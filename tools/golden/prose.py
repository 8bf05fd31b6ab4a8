#!/usr/bin/python3
"""The trust corpus for section 5 of the spec (which literal of the prose is the claimed answer).

Run from the repository root:  /usr/bin/python3 tools/golden/prose.py
Writes test/golden/prose.json; test/unit/binding/prose.test.ts reads it and never needs torch.

Every case is a small Markdown or LaTeX document with one or more claims, as students write them, and
for each claim (in order; plain `let`s give none): the status, the literal the claim binds to and the
computed value. Every computed value comes from PyTorch (tools/golden/prose_torch.py builds the real
nn.Conv2d / nn.MaxPool2d / nn.Linear, counts parameters with numel, runs the tensor ops); none comes from
our own code. Most sentences are written twice, with the right answer (pass) and a planted wrong one
(fail), so a rule that skips or misreads a literal shows up either way.

In a document, ⟦...⟧ marks the literal the next claim binds to (⟦2:...⟧: claim 2, counting from 0); the
markers are removed and their offsets become the expected `claimedSpan`. `@A`, `@B` are where the
answers of a sentence pair go. Each case names the rule it tests (`rule`); a case whose expectation is a
choice where the spec is silent or reads two ways carries `note` saying so and why a student expects it.
"""
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from prose_torch import layer, params_conv, params_linear, prod, shape_of, value  # noqa: E402

CASES = []


def conv1d_weight_grad():
    """grad(sum(conv1d(x, w)), w) of the v1 conformance case, by torch's autograd."""
    import torch
    x = torch.tensor([[1.0, 0, 2, 1], [0, 1, 1, 3]], dtype=torch.float64)
    w = torch.tensor([[[1.0, -1], [0.5, 2]]], dtype=torch.float64, requires_grad=True)
    torch.nn.functional.conv1d(x, w).sum().backward()
    return w.grad.tolist()


ANY = object()  # computed: not asserted (symbolic or implementation-defined form)


def C(status, computed=ANY, alts=(), has=(), lacks=(), bound=None, links=None):
    """One claim's expectation. `status` may be a list of acceptable statuses. `alts`: other spans a
    literal may fairly be taken as (`65.9%` or `65.9`); the marked text is always accepted."""
    st = status if isinstance(status, list) else [status]
    if bound is None:
        bound = all(s in ("pass", "fail") for s in st)
    return {"status": st, "computed": computed, "alts": list(alts), "has": list(has), "lacks": list(lacks),
            "bound": bound, "links": links}


def strip_marks(doc):
    """Removes ⟦[i:]...⟧ markers; returns the text and the marks as (claim index or None, start, end)."""
    out, marks, i = [], [], 0
    open_at = None
    idx = None
    pos = 0
    while i < len(doc):
        ch = doc[i]
        if ch == "⟦":
            open_at = pos
            idx = None
            j = i + 1
            k = j
            while k < len(doc) and doc[k].isdigit():
                k += 1
            if k > j and k < len(doc) and doc[k] == ":":
                idx = int(doc[j:k])
                i = k + 1
                continue
            i += 1
            continue
        if ch == "⟧":
            marks.append((idx, open_at, pos))
            open_at = None
            i += 1
            continue
        out.append(ch)
        pos += 1
        i += 1
    return "".join(out), marks


def case(cid, rule, doc, claims, kind="markdown", note=None):
    text, marks = strip_marks(doc)
    assert all(ord(c) < 0x10000 for c in text), f"{cid}: keep to the BMP so offsets agree with UTF-16"
    claimed = [None] * len(claims)
    seq = [i for i, c in enumerate(claims) if c["bound"]]
    k = 0
    for idx, s, e in marks:
        if idx is None:
            while k < len(seq) and claimed[seq[k]] is not None:
                k += 1
            assert k < len(seq), f"{cid}: more marks than bound claims"
            idx = seq[k]
        assert claimed[idx] is None, f"{cid}: claim {idx} marked twice"
        claimed[idx] = (s, e)
    out_claims = []
    for i, c in enumerate(claims):
        if c["bound"]:
            assert claimed[i] is not None, f"{cid}: bound claim {i} has no mark"
        e = {"status": c["status"]}
        if c["computed"] is not ANY:
            e["computed"] = c["computed"]
        if claimed[i] is not None:
            s, en = claimed[i]
            e["claimed"] = {"start": s, "end": en, "texts": [text[s:en]] + c["alts"]}
        elif all(x == "unbound" for x in c["status"]):
            e["claimed"] = None
        if c["has"]:
            e["messageHas"] = c["has"]
        if c["lacks"]:
            e["messageLacks"] = c["lacks"]
        if c["links"] is not None:
            e["links"] = c["links"]
        out_claims.append(e)
    ids = {x["id"] for x in CASES}
    assert cid not in ids, f"duplicate id {cid}"
    entry = {"id": cid, "rule": rule, "kind": kind, "text": text, "claims": out_claims}
    if note:
        entry["note"] = note
    CASES.append(entry)


def pair(cid, rule, doc, right, wrong, computed, kind="markdown", note=None, wrong_status="fail", **kw):
    """The same sentence with the right answer (pass) and a planted wrong one. `right`/`wrong` replace
    `@A` (a tuple fills `@A`, `@B`, ... for a block of several claims, all right but the `wrong` one)."""
    rights = right if isinstance(right, tuple) else (right,)
    wrongs = wrong if isinstance(wrong, tuple) else (wrong,)
    comps = computed if isinstance(computed, tuple) else (computed,)

    def fill(vals):
        d = doc
        for name, v in zip("ABCDEFG", vals):
            d = d.replace(f"@{name}", v)
        return d

    case(f"{cid}/right", rule, fill(rights), [C("pass", c, **kw) for c in comps], kind, note)
    if wrong is not None:
        statuses = [("pass" if r == w else wrong_status) for r, w in zip(rights, wrongs)]
        claims = [C(s, c, **kw) for s, c in zip(statuses, comps)]
        case(f"{cid}/wrong", rule, fill(wrongs), claims, kind, note)


def md(block, text):
    """An own-line claim comment and the paragraph after it."""
    return f"<!-- check: {block} -->\n{text}\n"


# =====================================================================================================
# 1. The sentences of issue 9 ("What goes wrong today"), each as it was seen.
# =====================================================================================================

pair("issue/conv1-outputs", "echo-equal-only",
     md("conv2d out 3x32x32 k3 f=32", "Without padding, conv1 outputs ⟦@A⟧."),
     "32×30×30", "32×32×32", layer("conv", [3, 32, 32], 3, f=32, nd=2))

pair("issue/chain-params-prose", "chain-last-side",
     md("params conv2d k5 c=32 f=64", "5·5·32·64 + 64 = ⟦@A⟧ parameters."),
     "51264", "51200", params_conv(2, 5, 32, 64))

pair("issue/chain-neg-log", "chain-last-side",
     md("-log(softmax(tensor([2.0, 1.0, 0.1]), dim=0)[0])", "The loss is $-\\log 0.659 = ⟦@A⟧$."),
     "0.417", "0.418", value(lambda T: -T.log(T.softmax(T.tensor([2.0, 1.0, 0.1]), 0)[0])))

pair("issue/chain-params-math", "chain-last-side",
     md("params conv2d k5 c=32 f=64", "It has $5 \\cdot 5 \\cdot 32 \\cdot 64 + 64 = ⟦@A⟧$ parameters."),
     "51264", "51200", params_conv(2, 5, 32, 64))

case("issue/math-decimal-eq", "math-digits-written",
     md("math", "$$\\frac{e^2}{e^2 + e + e^{0.1}} = 0.659$$"), [C("pass", 0.659, bound=False)])
case("issue/math-decimal-eq-wrong", "math-digits-written",
     md("math", "$$\\frac{e^2}{e^2 + e + e^{0.1}} = 0.658$$"), [C("fail", 0.658, bound=False)])
case("issue/math-unknown-token", "math-unknown-token-local",
     md("math", "$$\\int_0^1 x \\, dx = 0.25 = \\frac{1}{4}$$"),
     [C("error", links=[{"right": "\\frac{1}{4}", "holds": True}])],
     note="the link holding \\int (no integrals in math checks) errors; 0.25 = 1/4 is still checked and holds ("
          "\\sigma', the issue's example, is now a derivative: section 6a)")
case("issue/math-unknown-token-other-link-fails", "math-unknown-token-local",
     md("math", "$$\\int_0^1 x \\, dx = 0.25 = \\frac{1}{3}$$"),
     [C(["error", "fail"], links=[{"right": "\\frac{1}{3}", "holds": False}])],
     note="whether an error or a fail wins the claim's status is not said; the checked link must break")

pair("issue/34,944", "number-thousands-comma",
     md("params conv2d k11 c=3 f=96", "AlexNet's first layer has ⟦@A⟧ parameters."),
     "34,944", "34,848", params_conv(2, 11, 3, 96))
pair("issue/1.8M", "number-suffix",
     md("params conv2d k3 c=384 f=512", "This layer alone holds about ⟦@A⟧ parameters."),
     "1.8M", "1.7M", params_conv(2, 3, 384, 512))
pair("issue/65.9%", "number-percent",
     md("softmax(tensor([2.0, 1.0, 0.1]), dim=0)[0]", "The first class gets ⟦@A⟧ of the probability mass."),
     "65.9%", "66.9%", value(lambda T: T.softmax(T.tensor([2.0, 1.0, 0.1]), 0)[0]), alts=("65.9", "66.9"))
pair("issue/unicode-minus", "number-unicode-minus",
     md("tanh(-0.25)", "The activation is ⟦@A⟧."),
     "−0.245", "0.245", value(lambda T: T.tanh(T.tensor(-0.25))))
pair("issue/times-ten-power", "number-scientific-latex",
     md("3 * 0.02**2", "The penalty term is $⟦@A⟧$."),
     "1.2 \\times 10^{-3}", "1.2 \\times 10^{-4}", value(lambda T: 3 * T.tensor(0.02) ** 2))
pair("issue/5-by-4", "shape-by",
     md("conv out 10x11 k3 s2", "The output is a ⟦@A⟧ map."),
     "4-by-5", "5-by-4", layer("conv", [10, 11], 3, s=2))
pair("issue/tuple", "shape-tuple",
     "<!-- check: let A : 3x5; let B : 5x4 -->\n\n<!-- check: A @ B -->\nThe product has shape ⟦@A⟧.\n",
     "(3, 4)", "(4, 3)", shape_of(lambda T: T.zeros(3, 5) @ T.zeros(5, 4)))
pair("issue/list-shape", "shape-list",
     md("conv2d out 1x1x32x32 k5 f=6", "The first conv layer outputs ⟦@A⟧."),
     "[1, 6, 28, 28]", "[1, 6, 32, 32]", layer("conv", [1, 1, 32, 32], 5, f=6, nd=2))
pair("issue/torch-size", "shape-torch-size",
     md("conv2d out 1x1x32x32 k5 f=6", "Printing `y.shape` gives ⟦@A⟧."),
     "torch.Size([1, 6, 28, 28])", "torch.Size([1, 6, 32, 32])", layer("conv", [1, 1, 32, 32], 5, f=6, nd=2),
     alts=("[1, 6, 28, 28]", "[1, 6, 32, 32]"))
pair("issue/torchsummary", "shape-list-any-batch",
     md("conv2d out 1x3x224x224 k11 s4 p2 f=64", "torchsummary reports ⟦@A⟧ for the first layer."),
     "[-1, 64, 55, 55]", "[-1, 64, 54, 54]", layer("conv", [1, 3, 224, 224], 11, s=4, p=2, f=64, nd=2))
pair("issue/tensor-print", "number-python-float",
     md("relu(tensor([1.0, -2.0]))", "The output is ⟦@A⟧."),
     "tensor([1., 0.])", "tensor([1., -2.])", value(lambda T: T.relu(T.tensor([1.0, -2.0]))),
     alts=("[1., 0.]", "[1., -2.]"))
pair("issue/vector-of-length", "shape-vector-of-length",
     "<!-- check: let W : 4x3; let x : 3 -->\n\n<!-- check: W @ x -->\nThe result is a vector of length ⟦@A⟧.\n",
     "4", "5", shape_of(lambda T: T.zeros(4, 3) @ T.zeros(3)),
     alts=("a vector of length 4", "vector of length 4", "length 4",
           "a vector of length 5", "vector of length 5", "length 5"))
case("issue/tuple-not-older-times", "shape-tuple",
     "<!-- check: let img : 2x3x8x8 -->\nThe pooled map is $2 \\times 2$.\n\n<!-- check: img.flatten(1) -->\nFlattening gives ⟦(2, 192)⟧.\n",
     [C("pass", shape_of(lambda T: T.zeros(2, 3, 8, 8).flatten(1)))])

# Tensor tolerance per element.
SOFT = value(lambda T: T.softmax(T.tensor([1.0, 2.0, 3.0]), 0))
pair("issue/tensor-per-element-tolerance", "tensor-tolerance-per-element",
     md("softmax(tensor([1.0, 2.0, 3.0]), dim=0)", "The probabilities are ⟦@A⟧."),
     f"[{SOFT[0]:.9f}, {SOFT[1]:.2f}, {SOFT[2]:.2f}]", f"[{SOFT[0]:.9f}, 0.25, {SOFT[2]:.2f}]", SOFT)
SIG = value(lambda T: T.sigmoid(T.tensor([-1.5, -1.0])))
pair("issue/tensor-per-element-9-digits", "tensor-tolerance-per-element",
     md("sigmoid(tensor([-1.5, -1.0]))", "so $\\sigma(z) = ⟦@A⟧$."),
     f"[{SIG[0]:.9f}, {SIG[1]:.8f}]", f"[{SIG[0]:.9f}, {SIG[1] + 2e-8:.8f}]", SIG)

# Math on the comment's own line.
for v, st in (("24", "pass"), ("23", "fail")):
    case(f"issue/math-on-comment-line/{v}", "math-on-comment-line",
         f"<!-- check: math --> $\\frac{{28 - 5}}{{1}} + 1 = {v}$\n\nLater, an unrelated sum: $$3 + 3 = 7$$\n",
         [C(st, int(v), bound=False)])
for v, st in (("28", "pass"), ("27", "fail")):
    case(f"issue/math-on-comment-line-display/{v}", "math-on-comment-line",
         f"<!-- check: math W=32 K=5 --> $$W - K + 1 = {v}$$\n\nThen $$2 + 2 = 5$$\n",
         [C(st, int(v), bound=False)])

# LaTeX number forms.
pair("issue/73{,}856", "number-thousands-latex",
     md("params conv2d k3 c=64 f=128", "The layer has $⟦@A⟧$ parameters."),
     "73{,}856", "73{,}728", params_conv(2, 3, 64, 128))
pair("issue/73\\,856", "number-thousands-latex",
     md("params conv2d k3 c=64 f=128", "The layer has $⟦@A⟧$ parameters."),
     "73\\,856", "73\\,728", params_conv(2, 3, 64, 128))
pair("issue/4.097e6", "number-scientific-latex",
     md("params linear 4096 1000", "The classifier has $⟦@A⟧$ parameters."),
     "4.097 \\times 10^{6}", "4.096 \\times 10^{6}", params_linear(4096, 1000))
pair("issue/4.54e-5", "number-scientific-latex",
     md("exp(-10)", "The gradient has vanished to $⟦@A⟧$."),
     "4.54 \\times 10^{-5}", "4.45 \\times 10^{-5}", value(lambda T: T.exp(T.tensor(-10.0))))
pair("issue/dollar-times", "shape-times-in-math",
     md("conv out 10x11 k3 s2", "The output is ⟦@A⟧."),
     "4$\\times$5", "5$\\times$4", layer("conv", [10, 11], 3, s=2))
pair("issue/brace-times", "shape-times-in-math",
     md("conv out 10x11 k3 s2", "The output is $⟦@A⟧$."),
     "4{\\times}5", "5{\\times}4", layer("conv", [10, 11], 3, s=2))
pair("issue/bold-dims", "shape-emphasis",
     md("conv out 10x11 k3 s2", "The output is ⟦@A⟧."),
     "**4**×**5**", "**5**×**4**", layer("conv", [10, 11], 3, s=2), alts=("4**×**5", "5**×**4"),
     note="whether the literal spans the outer ** is not said; either span makes a fix that keeps the bold")
pair("issue/footnote", "shape-footnote",
     md("conv out 10x11 k3 s2", "The output is ⟦@A⟧[^1].\n\n[^1]: Rounded down."),
     "4×5", "5×4", layer("conv", [10, 11], 3, s=2))
case("issue/2m-times-n", "shape-symbolic",
     "<!-- check: let A : m x n -->\n\n<!-- check: cat([A, A], dim=0) -->\nStacking gives $⟦2m \\times n⟧$.\n",
     [C("pass")])
case("issue/2m-times-n-wrong", "shape-symbolic",
     "<!-- check: let A : m x n -->\n\n<!-- check: cat([A, A], dim=0) -->\nStacking gives $⟦m \\times 2n⟧$.\n",
     [C("fail")])
case("issue/colon-2m-x-n", "shape-symbolic",
     "<!-- check: let A : m x n -->\n\n<!-- check: cat([A, A], dim=0) : 2m x n -->\n",
     [C("pass", bound=False)], note="`2m` in a claimed shape is 2·m (the contract: `2m` and `m+m` match)")
pair("issue/unit-glued", "unit-glued",
     md("conv out 6 k3", "The output is ⟦@A⟧px wide (not @B)."),
     ("4", "5"), ("5", "4"), (layer("conv", [6], 3),), alts=("4px", "5px"))

# The echo rule must not count digits of names; a result word claims an echo.
case("issue/stays", "result-word-extended",
     md("conv out 28x28 k5 p2", "With padding 2, the output stays ⟦28×28⟧."),
     [C("pass", layer("conv", [28, 28], 5, p=2))],
     note="`stays`/`keeps ... at`/`remains` are not in section 5's list of result words, but issue 9 lists "
          "'the output stays 28×28' and 'keeps the map at 4×4' as wrongly unbound: a student claims the "
          "size with them")
case("issue/stays-wrong", "result-word-extended",
     md("conv out 28x28 k5", "Without padding, the output stays ⟦28×28⟧."),
     [C("fail", layer("conv", [28, 28], 5))],
     note="see issue/stays: `stays` claims the size that follows")
case("issue/keeps-at", "result-word-extended",
     md("pool out 4x4 k3 s1 p1", "A 3×3 max pool with stride 1 and padding 1 keeps the map at ⟦4×4⟧."),
     [C("pass", layer("pool", [4, 4], 3, s=1, p=1))], note="see issue/stays")
case("issue/keeps-at-wrong", "result-word-extended",
     md("pool out 4x4 k3 s1", "A 3×3 max pool with stride 1 keeps the map at ⟦4×4⟧."),
     [C("fail", layer("pool", [4, 4], 3, s=1))], note="see issue/stays")
pair("issue/has-shape-name-digits", "echo-not-name-digits",
     "<!-- check: let x : 1x5; let w : 2x1x2 -->\n\n<!-- check: conv1d(x, w, stride=2) -->\nThe output has shape ⟦@A⟧.\n",
     "2×2", "2×1", shape_of(lambda T: T.nn.functional.conv1d(T.zeros(1, 5), T.zeros(2, 1, 2), stride=2)))
case("issue/length-3-and-4", "echo-kernel-one-dim",
     md("conv out 6 k3", "The output length is ⟦3⟧, and 4 after padding."),
     [C("fail", layer("conv", [6], 3))])
case("issue/conv-keeps-pool-gives", "result-word-extended",
     md("conv out 28x28 k5; pool out 24x24 k2", "The conv keeps ⟦28×28⟧ and the pool then gives ⟦12×12⟧."),
     [C("fail", layer("conv", [28, 28], 5)), C("pass", layer("pool", [24, 24], 2))],
     note="the conv's answer is the 28×28 it 'keeps' (wrong); the correct 12×12 stays the pool's")
case("issue/conv-gives-pool-gives", "answers-in-order",
     md("conv out 28x28 k5; pool out 24x24 k2", "The conv gives ⟦28×28⟧ and the pool then gives ⟦12×12⟧."),
     [C("fail", layer("conv", [28, 28], 5)), C("pass", layer("pool", [24, 24], 2))])

# Symbolic sizes: integers only, and every residue of the divisors.
case("issue/floor-ceil-identity", "math-floor-ceil-integers",
     md("math", "$$\\left\\lfloor \\frac{H + 2 - 3}{2} \\right\\rfloor + 1 = \\left\\lceil \\frac{H}{2} \\right\\rceil$$"),
     [C("pass", bound=False)])
case("issue/stride-64", "symbolic-residues",
     md("conv out H k3 s64 p1 : (floor(H/64)+1)", "").replace("\n\n", "\n"),
     [C("fail", bound=False)], note="wrong exactly when H ≡ 0 (mod 64)")
case("issue/stride-64-right", "symbolic-residues",
     md("conv out H k3 s64 p1 : (floor((H-1)/64)+1)", "").replace("\n\n", "\n"),
     [C("pass", bound=False)])
case("issue/ceil-not-floored", "message-ceil",
     md("pool out 9x9 k2 ceil", "Pooling with ceil mode gives ⟦5×5⟧."),
     [C("pass", layer("pool", [9, 9], 2, ceil=True))])
case("issue/ceil-not-floored-wrong", "message-ceil",
     md("pool out 9x9 k2 ceil", "Pooling with ceil mode gives ⟦4×4⟧."),
     [C("fail", layer("pool", [9, 9], 2, ceil=True), lacks=("floored",))])
case("issue/chained-definition", "math-chained-definition",
     "<!-- check: math d_model=512 h=8 -->\n$$d_k = d_v = d_{model}/h = 64$$\n\n<!-- check: math -->\n$$\\sqrt{d_v} = 8$$\n",
     [C("pass", 64, bound=False), C("pass", 8, bound=False)])
case("issue/pool-three-dims", "message-pool-three-dims",
     md("conv2d out 3x32x32 k3 p1 f=32; pool out 32x32x32 k2 s2", "The conv gives ⟦32×32×32⟧; pooling then gives ⟦32×16×16⟧."),
     [C("pass", layer("conv", [3, 32, 32], 3, p=1, f=32, nd=2)),
      C("fail", layer("pool", [32, 32, 32], 2, s=2), has=("pool2d",))])
case("issue/params-message", "message-params-source",
     md("params conv2d k3 c=3 f=32", "The layer has ⟦864⟧ parameters."),
     [C("fail", params_conv(2, 3, 3, 32), has=("params conv2d k3 c=3 f=32",))])

# =====================================================================================================
# 2. Chains: only the last side is claimed (prose and math, =, \approx, ≈).
# =====================================================================================================

pair("chain/linear-prose", "chain-last-side",
     md("params linear 120 84", "The layer has 120·84 + 84 = ⟦@A⟧ weights and biases."),
     "10164", "10080", params_linear(120, 84))
pair("chain/two-equals-math", "chain-last-side",
     md("params conv2d k3 c=64 f=128", "$$3 \\cdot 3 \\cdot 64 \\cdot 128 + 128 = 73728 + 128 = ⟦@A⟧$$"),
     "73856", "73984", params_conv(2, 3, 64, 128))
pair("chain/approx-latex", "chain-approx",
     md("softmax(tensor([1.0, 2.0, 3.0]), dim=0)[2]", "$p_3 = \\frac{e^3}{e + e^2 + e^3} \\approx ⟦@A⟧$"),
     "0.665", "0.685", SOFT[2])
pair("chain/approx-unicode", "chain-approx",
     md("sigmoid(tensor(1.5))", "σ(1.5) = 1/(1 + e^(−1.5)) ≈ ⟦@A⟧"),
     "0.818", "0.182", value(lambda T: T.sigmoid(T.tensor(1.5))))
pair("chain/one-dim-formula", "chain-last-side",
     md("conv out 32 k5", "The length is (32 − 5)/1 + 1 = ⟦@A⟧."),
     "28", "27", layer("conv", [32], 5))
pair("chain/formula-then-shape", "chain-last-side",
     md("conv out 227x227 k11 s4", "$$\\frac{227 - 11}{4} + 1 = 55$$ so each map is ⟦@A⟧."),
     "55×55", "56×56", layer("conv", [227, 227], 11, s=4))
pair("chain/backward-times-product", "chain-last-side",
     "LeNet's first layer has $5 \\times 5 \\times 3 \\times 6 + 6 = ⟦@A⟧$ parameters <!-- check: params conv2d k5 c=3 f=6 -->.\n",
     "456", "450", params_conv(2, 5, 3, 6))
pair("chain/lenet-sum", "chain-last-side",
     md("156 + 2416", "LeNet-5's two convolutions hold 156 + 2416 = ⟦@A⟧ parameters."),
     "2572", "2562", value(lambda T: T.tensor(156) + T.tensor(2416)))
pair("chain/attention-scale", "chain-last-side",
     md("1/sqrt(tensor(64.0))", "The scale is $1/\\sqrt{d_k} = 1/\\sqrt{64} = ⟦@A⟧$."),
     "0.125", "0.25", value(lambda T: 1 / T.sqrt(T.tensor(64.0))))
pair("chain/floor-fraction", "chain-last-side",
     md("conv out 10 k3 s2", "$$\\left\\lfloor \\frac{10-3}{2} \\right\\rfloor + 1 = ⟦@A⟧$$"),
     "4", "4.5", layer("conv", [10], 3, s=2))
pair("chain/latex-doc", "chain-last-side",
     "% check: params linear 784 10\nThe softmax layer has $784 \\times 10 + 10 = ⟦@A⟧$ parameters.\n",
     "7850", "7840", params_linear(784, 10), kind="latex")
pair("chain/latex-thousands", "chain-last-side",
     md("params conv2d k3 c=256 f=512", "$3 \\cdot 3 \\cdot 256 \\cdot 512 + 512 = ⟦@A⟧$"),
     "1{,}180{,}160", "1{,}179{,}648", params_conv(2, 3, 256, 512))
pair("chain/prose-approx-percent", "chain-approx",
     md("softmax(tensor([2.0, 1.0, 0.1]), dim=0)[0]", "e²/(e² + e + e^0.1) ≈ ⟦@A⟧"),
     "65.9%", "66.9%", value(lambda T: T.softmax(T.tensor([2.0, 1.0, 0.1]), 0)[0]), alts=("65.9", "66.9"))
pair("chain/aligned", "chain-last-side",
     md("params conv2d k3 c=16 f=32", "$$\\begin{aligned} n &= 3 \\cdot 3 \\cdot 16 \\cdot 32 + 32 \\\\ &= ⟦@A⟧ \\end{aligned}$$"),
     "4640", "4608", params_conv(2, 3, 16, 32))
pair("chain/conformance", "chain-last-side",
     md("params conv2d k3 c=16 f=32", "It has $3 \\cdot 3 \\cdot 16 \\cdot 32 + 32 = ⟦@A⟧$ parameters."),
     "4640", "4624", params_conv(2, 3, 16, 32))
pair("chain/cross-entropy", "chain-last-side",
     md("cross_entropy(tensor([2.0, 0.5]), 0)", "$\\ell = -\\log \\frac{e^{2}}{e^{2} + e^{0.5}} = ⟦@A⟧$"),
     "0.201", "0.182", value(lambda T: T.nn.functional.cross_entropy(T.tensor([2.0, 0.5]), T.tensor(0))))
pair("chain/linear-math-backward", "chain-last-side",
     "Here $4096 \\cdot 1000 + 1000 = ⟦@A⟧$. <!-- check: params linear 4096 1000 -->\n",
     "4097000", "4096000", params_linear(4096, 1000))
pair("chain/receptive-style", "chain-last-side",
     md("conv out 64 k7 s2 p3", "$\\lfloor (64 + 2 \\cdot 3 - 7)/2 \\rfloor + 1 = ⟦@A⟧$"),
     "32", "31", layer("conv", [64], 7, s=2, p=3))
pair("chain/mse", "chain-last-side",
     md("mse_loss(tensor([1.0, 2.0]), tensor([0.0, 0.0]))", "The loss is (1² + 2²)/2 = ⟦@A⟧."),
     "2.5", "5", value(lambda T: T.nn.functional.mse_loss(T.tensor([1.0, 2.0]), T.tensor([0.0, 0.0]))))
pair("chain/sigmoid-derivative", "chain-last-side",
     md("sigmoid(tensor(0.0)) * (1 - sigmoid(tensor(0.0)))", "$\\sigma(0)(1 - \\sigma(0)) = 0.5 \\cdot 0.5 = ⟦@A⟧$"),
     "0.25", "0.5", value(lambda T: T.sigmoid(T.tensor(0.0)) * (1 - T.sigmoid(T.tensor(0.0)))))
pair("chain/words-between", "chain-last-side",
     md("params linear 400 120", "Weights plus biases: 400·120 + 120 = ⟦@A⟧."),
     "48120", "48000", params_linear(400, 120))
pair("chain/tanh-approx", "chain-approx",
     md("tanh(tensor(0.3))", "$\\tanh(0.3) \\approx ⟦@A⟧$"),
     "0.291", "0.301", value(lambda T: T.tanh(T.tensor(0.3))))
pair("chain/unicode-approx-latex-doc", "chain-approx",
     "% check: exp(tensor(1.0))\nEuler's number is $e^1 \\approx ⟦@A⟧$.\n",
     "2.718", "2.817", value(lambda T: T.exp(T.tensor(1.0))), kind="latex")
pair("chain/softmax-second", "chain-last-side",
     md("softmax(tensor([0.0, 1.0]), dim=0)[1]", "$\\frac{e^1}{e^0 + e^1} = \\frac{e}{1 + e} = ⟦@A⟧$"),
     "0.731", "0.269", value(lambda T: T.softmax(T.tensor([0.0, 1.0]), 0)[1]))

# =====================================================================================================
# 3. Echoes of the inputs and kernel, before and after the answer; result words.
# =====================================================================================================

pair("echo/kernel-and-input-before", "echo-skip",
     md("conv out 28x28 k5", "A 5×5 kernel turns the 28×28 image into a $⟦@A⟧$ map."),
     "24 \\times 24", "28 \\times 28", layer("conv", [28, 28], 5))
pair("echo/input-after-answer", "echo-skip",
     md("conv out 64x64 k7 s2", "The output is ⟦@A⟧ for the 64×64 input."),
     "29×29", "30×30", layer("conv", [64, 64], 7, s=2))
pair("echo/backward-after-answer", "echo-skip",
     "The ⟦@A⟧ output comes from a 64×64 input and a 7×7 kernel <!-- check: conv out 64x64 k7 s2 -->.\n",
     "29×29", "28×28", layer("conv", [64, 64], 7, s=2))
pair("echo/spatial-part", "echo-skip",
     md("conv2d out 3x32x32 k3 p1 f=16", "Stacking the 32×32 maps of all filters gives ⟦@A⟧."),
     "16×32×32", "3×32×32", layer("conv", [3, 32, 32], 3, p=1, f=16, nd=2))
pair("echo/input-tensor-shapes", "echo-skip",
     "<!-- check: let x : 4x3; let W : 5x3 -->\n\n<!-- check: x @ W.T -->\nWith a 4×3 input $x$ and a 5×3 weight $W$, the product $xW^\\top$ is ⟦@A⟧.\n",
     "4×5", "4×3", shape_of(lambda T: T.zeros(4, 3) @ T.zeros(5, 3).T))
pair("echo/shrinks-is", "result-word",
     md("conv out 32x32 k3", "After the 3×3 conv, the feature map is ⟦@A⟧."),
     "30×30", "32×32", layer("conv", [32, 32], 3))
pair("echo/kernel-equals-answer", "result-word",
     md("conv out 5x5 k3", "A 3×3 kernel on the 5×5 input gives ⟦@A⟧."),
     "3×3", "5×5", layer("conv", [5, 5], 3))
case("echo/3d-only-echoes", "echo-skip",
     md("conv out 16x16x16 k3", "A 3×3×3 kernel over the 16×16×16 volume leaves a smaller volume."),
     [C("unbound", layer("conv", [16, 16, 16], 3))])
pair("echo/3d", "echo-skip",
     md("conv out 16x16x16 k3", "A 3×3×3 kernel over the 16×16×16 volume gives ⟦@A⟧."),
     "14×14×14", "13×13×13", layer("conv", [16, 16, 16], 3))
pair("echo/k7-padding", "echo-skip",
     md("conv out 64x64 k7 s2 p3", "The 7×7 kernel with stride 2 and padding 3 maps the 64×64 input to ⟦@A⟧."),
     "32×32", "29×29", layer("conv", [64, 64], 7, s=2, p=3))
pair("echo/one-dim-numbers", "echo-kernel-one-dim",
     md("conv out 100 k5", "Sliding a kernel of 5 over the 100 samples leaves ⟦@A⟧ outputs."),
     "96", "95", layer("conv", [100], 5))
pair("echo/backward-is-first", "result-word",
     "The output is ⟦@A⟧ for a 28×28 input <!-- check: conv out 28x28 k5 p2 -->.\n",
     "28×28", "24×24", layer("conv", [28, 28], 5, p=2))
case("echo/backward-is-first-wrong-claim", "result-word",
     "The output is ⟦28×28⟧ for a 28×28 input <!-- check: conv out 28x28 k5 -->.\n",
     [C("fail", layer("conv", [28, 28], 5))])
pair("echo/channels", "echo-skip",
     md("conv2d out 1x28x28 k5 f=6", "The 28×28 input becomes ⟦@A⟧."),
     "6×24×24", "6×28×28", layer("conv", [1, 28, 28], 5, f=6, nd=2))
case("echo/batch-wrong-as", "echo-skip",
     md("conv2d out 8x3x32x32 k3 p1 f=16", "A batch of 8×3×32×32 images comes out as 8×3×32×32 again."),
     [C("unbound", layer("conv", [8, 3, 32, 32], 3, p=1, f=16, nd=2))],
     note="both literals equal the input and no result word stands before either: echoes")
pair("echo/batch", "echo-skip",
     md("conv2d out 8x3x32x32 k3 p1 f=16", "A batch of 8×3×32×32 images comes out as ⟦@A⟧."),
     "8×16×32×32", "8×16×30×30", layer("conv", [8, 3, 32, 32], 3, p=1, f=16, nd=2))
pair("echo/pool-input-before", "echo-skip",
     md("pool out 24x24 k2", "Max pooling the 24×24 map with a 2×2 window halves it to ⟦@A⟧."),
     "12×12", "11×11", layer("pool", [24, 24], 2))
pair("echo/convT", "echo-skip",
     md("convT out 7x7 k4 s2 p1", "The 4×4 transposed conv upsamples the 7×7 map to ⟦@A⟧."),
     "14×14", "16×16", layer("convT", [7, 7], 4, s=2, p=1))
pair("echo/convT-backward", "echo-skip",
     "The upsampled map is ⟦@A⟧ <!-- check: convT out 7x7 k4 s2 p1 -->.\n",
     "14×14", "13×13", layer("convT", [7, 7], 4, s=2, p=1))
pair("echo/dilation", "echo-skip",
     md("conv out 32x32 k3 d2", "A 3×3 kernel with dilation 2 on a 32×32 input gives ⟦@A⟧."),
     "28×28", "30×30", layer("conv", [32, 32], 3, d=2))
pair("echo/kernel-3x5", "echo-skip",
     md("conv out 20x20 k3x5", "The 3×5 kernel leaves ⟦@A⟧ of the 20×20 input."),
     "18×16", "16×18", layer("conv", [20, 20], (3, 5)))
pair("echo/wrong-not-skipped-numbers-in-claim", "echo-equal-only",
     md("conv out 32x32 k3 s2 p1", "The strided conv gives ⟦@A⟧."),
     "16×16", "32×16", layer("conv", [32, 32], 3, s=2, p=1))
pair("echo/wrong-kernel-times-stride", "echo-equal-only",
     md("conv out 10x10 k3 s3", "It gives ⟦@A⟧."),
     "3×3", "3×4", layer("conv", [10, 10], 3, s=3))
pair("echo/wrong-mixed-echo-digits", "echo-equal-only",
     md("conv2d out 3x28x28 k5 f=28", "The layer's output is ⟦@A⟧."),
     "28×24×24", "28×28×28", layer("conv", [3, 28, 28], 5, f=28, nd=2))
pair("echo/kernel-rank-1-is-not-2d", "echo-equal-only",
     md("conv1d out 4x9 k3 f=3", "Each of the 3 filters slides a kernel of 3 and outputs ⟦@A⟧."),
     "3×7", "3×9", layer("conv", [4, 9], 3, f=3, nd=1))
pair("echo/math-delims", "result-word",
     md("conv out 28x28 k5 p2", "Padding 2 keeps it, so the output is \\(⟦@A⟧\\)."),
     "28 \\times 28", "24 \\times 24", layer("conv", [28, 28], 5, p=2),
     note="the right answer equals the input: `is` before the math delimiter claims it")
pair("echo/into-article", "result-word",
     md("conv out 28x28 k5 p2", "It turns the 28×28 image into a ⟦@A⟧ map."),
     "28×28", "24×24", layer("conv", [28, 28], 5, p=2))
pair("echo/into-wrong-claim", "result-word",
     md("conv out 28x28 k5", "It turns the 28×28 image into a ⟦@A⟧ map."),
     "24×24", "28×28", layer("conv", [28, 28], 5))

pair("echo/pool-kernel", "echo-skip",
     md("pool out 8x8 k2", "A 2×2 pool halves the 8×8 map to ⟦@A⟧."),
     "4×4", "3×3", layer("pool", [8, 8], 2))
pair("echo/latex-chain-approx", "chain-approx",
     "% check: softmax(tensor([2.0, 1.0, 0.1]), dim=0)[1]\n$p_2 = \\frac{e}{e^2 + e + e^{0.1}} \\approx ⟦@A⟧$\n",
     "0.242", "0.252", value(lambda T: T.softmax(T.tensor([2.0, 1.0, 0.1]), 0)[1]), kind="latex")
pair("echo/latex-kernel-input", "echo-skip",
     "% check: conv out 32x32 k3 s2 p1\nA $3 \\times 3$ kernel with stride 2 turns the $32 \\times 32$ map into $⟦@A⟧$.\n",
     "16 \\times 16", "15 \\times 15", layer("conv", [32, 32], 3, s=2, p=1), kind="latex")

# Result words, each before an echo (so only the word makes it a claim).
RW = [
    ("is", "The 16×16 map after the conv is ⟦16×16⟧."),
    ("are", "The output maps are ⟦16×16⟧."),
    ("has", "The output has ⟦16×16⟧ positions."),
    ("have", "All output maps have ⟦16×16⟧ positions."),
    ("gives", "Padding 1 gives ⟦16×16⟧."),
    ("outputs", "The layer outputs ⟦16×16⟧."),
    ("into", "It maps the image into ⟦16×16⟧ features."),
    ("becomes", "The 16×16 map becomes ⟦16×16⟧."),
    ("to", "It maps the 16×16 image to ⟦16×16⟧."),
    ("equals", "The output $= ⟦16 \\times 16⟧$."),
    ("arrow", "Shapes: 16×16 → ⟦16×16⟧."),
    ("of-shape", "The result is a map of shape ⟦16×16⟧."),
    ("is-of-size", "The result is of size ⟦16×16⟧."),
    ("in", "The output $Y \\in ⟦\\mathbb{R}^{16 \\times 16}⟧$."),
]
for word, sentence in RW:
    case(f"result-word/{word}", "result-word", md("conv out 16x16 k3 p1", sentence),
         [C("pass", layer("conv", [16, 16], 3, p=1))])
    case(f"result-word/{word}-wrong", "result-word", md("conv out 16x16 k3", sentence),
         [C("fail", layer("conv", [16, 16], 3))])

# Not result words: the echo is passed over.
for word, sentence in [
    ("like", "Like the 16×16 input, the output is ⟦@A⟧ here."),
    ("from", "From a 16×16 input, a 3×3 kernel gives ⟦@A⟧."),
    ("for", "For the 16×16 input the result is ⟦@A⟧."),
]:
    pair(f"not-result-word/{word}", "echo-skip", md("conv out 16x16 k3", sentence), "14×14", "15×15",
         layer("conv", [16, 16], 3))

# =====================================================================================================
# 4. Several literals in one sentence; several statements take the answers in order.
# =====================================================================================================

pair("multi/not-the-other", "several-literals",
     md("conv out 64x64 k7 s2", "The 7×7 kernel with stride 2 maps the 64×64 input to ⟦@A⟧, not @B."),
     ("29×29", "30×30"), ("30×30", "29×29"), (layer("conv", [64, 64], 7, s=2),))
pair("multi/spec-example", "answers-in-order",
     md("conv out 10x11 k3 s2; pool out 4x4 k2", "They give ⟦@A⟧ and then ⟦@B⟧."),
     ("4×5", "2×2"), ("5×4", "2×2"), (layer("conv", [10, 11], 3, s=2), layer("pool", [4, 4], 2)))
pair("multi/three", "answers-in-order",
     md("conv out 32x32 k5; pool out 28x28 k2; conv out 14x14 k5", "The shapes go ⟦@A⟧, ⟦@B⟧ and ⟦@C⟧."),
     ("28×28", "14×14", "10×10"), ("28×28", "13×13", "10×10"),
     (layer("conv", [32, 32], 5), layer("pool", [28, 28], 2), layer("conv", [14, 14], 5)))
pair("multi/arrows", "answers-in-order",
     md("conv out 28x28 k5 p2; pool out 28x28 k2", "Shapes: 28×28 → ⟦@A⟧ → ⟦@B⟧."),
     ("28×28", "14×14"), ("24×24", "14×14"), (layer("conv", [28, 28], 5, p=2), layer("pool", [28, 28], 2)))
pair("multi/number-and-shape", "answers-in-order",
     md("params conv2d k3 c=16 f=32; conv2d out 16x32x32 k3 p1 f=32", "The layer has ⟦@A⟧ parameters and outputs ⟦@B⟧."),
     ("4,640", "32×32×32"), ("4,608", "32×32×32"),
     (params_conv(2, 3, 16, 32), layer("conv", [16, 32, 32], 3, p=1, f=32, nd=2)))
pair("multi/sentences", "answers-in-order",
     md("conv out 32x32 k5; pool out 28x28 k2",
        "The convolution gives ⟦@A⟧. Pooling with a 2×2 window then gives ⟦@B⟧."),
     ("28×28", "14×14"), ("28×28", "16×16"), (layer("conv", [32, 32], 5), layer("pool", [28, 28], 2)))
pair("multi/newline-block", "answers-in-order",
     "<!-- check:\nconv out 32x32 k3 p1\npool out 32x32 k2\n-->\nThe conv gives ⟦@A⟧ and the pool halves it to ⟦@B⟧.\n",
     ("32×32", "16×16"), ("32×32", "15×15"), (layer("conv", [32, 32], 3, p=1), layer("pool", [32, 32], 2)))
pair("multi/two-numbers-params", "answers-in-order",
     md("params linear 784 256; params linear 256 10", "The hidden layer has ⟦@A⟧ parameters and the output layer ⟦@B⟧."),
     ("200,960", "2,570"), ("200,704", "2,570"), (params_linear(784, 256), params_linear(256, 10)))
pair("multi/backward-one", "several-literals",
     "A 3×3 conv with padding 1 keeps 32×32, and the 2×2 pool gives ⟦@A⟧ <!-- check: pool out 32x32 k2 -->.\n",
     "16×16", "8×8", layer("pool", [32, 32], 2))
pair("multi/value-and-shape", "answers-in-order",
     "<!-- check: let z = tensor([1.0, 2.0, 3.0]) -->\n\n<!-- check: softmax(z, dim=0)[2]; sum(z) -->\n"
     "The largest probability is ⟦@A⟧, and the logits sum to ⟦@B⟧.\n",
     ("0.665", "6"), ("0.652", "6"), (SOFT[2], value(lambda T: T.tensor([1.0, 2.0, 3.0]).sum())))
pair("multi/maps-to-twice", "answers-in-order",
     md("conv out 10x11 k3 s2; pool out 4x5 k2", "The conv maps 10×11 to ⟦@A⟧ and the pool maps 4×5 to ⟦@B⟧."),
     ("4×5", "2×2"), ("4×5", "2×3"), (layer("conv", [10, 11], 3, s=2), layer("pool", [4, 5], 2)),
     note="the pool's own input 4×5 (after `maps`, no result word) is an echo for the pool and is passed over")
pair("multi/backward-two-in-reading-order", "answers-in-order",
     "The conv gives ⟦@A⟧ and the pool ⟦@B⟧ <!-- check: conv out 28x28 k5; pool out 24x24 k2 -->.\n",
     ("24×24", "12×12"), ("24×24", "11×11"), (layer("conv", [28, 28], 5), layer("pool", [24, 24], 2)),
     note="a block after its sentence takes that sentence's answers in reading order, as a block before it does")
case("multi/stacked-blocks", "answers-in-order",
     "<!-- check: conv out 28x28 k5 -->\n<!-- check: pool out 24x24 k2 -->\nThe conv gives ⟦24×24⟧ and the pool ⟦12×12⟧.\n",
     [C("pass", layer("conv", [28, 28], 5)), C("pass", layer("pool", [24, 24], 2))],
     note="stacked comments over one paragraph take its answers in order, as the statements of one block: "
          "a student splits a block in two without meaning anything by it")

# =====================================================================================================
# 5. Lists, tables, \text{}, units.
# =====================================================================================================

pair("list/tight", "lists",
     md("conv out 32x32 k5; pool out 28x28 k2", "- conv: ⟦@A⟧\n- pool: ⟦@B⟧"),
     ("28×28", "14×14"), ("28×28", "13×13"), (layer("conv", [32, 32], 5), layer("pool", [28, 28], 2)),
     note="a list right after the block is its 'next paragraph' as a whole")
pair("list/inline-per-item", "lists",
     "1. conv1: ⟦@A⟧ <!-- check: conv out 32x32 k5 -->\n2. pool1: ⟦@B⟧ <!-- check: pool out 28x28 k2 -->\n",
     ("28×28", "14×14"), ("30×30", "14×14"), (layer("conv", [32, 32], 5), layer("pool", [28, 28], 2)))
pair("table/after-block", "tables",
     md("conv out 32x32 k5; pool out 28x28 k2", "| layer | output |\n|---|---|\n| conv1 | ⟦@A⟧ |\n| pool1 | ⟦@B⟧ |"),
     ("28×28", "14×14"), ("28×28", "13×13"), (layer("conv", [32, 32], 5), layer("pool", [28, 28], 2)))
pair("table/inline-cell", "tables",
     "| layer | output |\n|---|---|\n| conv1 | ⟦@A⟧ <!-- check: conv out 32x32 k5 --> |\n",
     "28×28", "30×30", layer("conv", [32, 32], 5))
pair("table/params", "tables",
     md("params conv2d k5 c=1 f=6; params conv2d k5 c=6 f=16", "| layer | params |\n|---|---|\n| C1 | ⟦@A⟧ |\n| C3 | ⟦@B⟧ |"),
     ("156", "2,416"), ("150", "2,416"), (params_conv(2, 5, 1, 6), params_conv(2, 5, 6, 16)))
pair("text/out-subscript", "text-macro",
     md("conv out 28 k5", "$$H_{\\text{out}} = \\frac{28 - 5}{1} + 1 = ⟦@A⟧$$"),
     "24", "23", layer("conv", [28], 5))
pair("text/params-word", "text-macro",
     md("params conv2d k5 c=3 f=6", "$\\text{params} = 5 \\cdot 5 \\cdot 3 \\cdot 6 + 6 = ⟦@A⟧$"),
     "456", "450", params_conv(2, 5, 3, 6))
pair("text/name-with-digits", "text-macro",
     md("conv out 32x32 k5", "$\\text{conv1}: 32 \\times 32 \\to ⟦@A⟧$"),
     "28 \\times 28", "30 \\times 30", layer("conv", [32, 32], 5))
pair("text/mathrm-unit", "text-macro",
     md("conv out 64x64 k3 s2", "The map is $⟦@A⟧\\,\\mathrm{px}$."),
     "31 \\times 31", "32 \\times 32", layer("conv", [64, 64], 3, s=2))
pair("unit/pixels", "units",
     md("conv out 100 k5 s5", "The output is ⟦@A⟧ pixels long."),
     "20", "19", layer("conv", [100], 5, s=5))
pair("unit/params-word", "units",
     md("params linear 512 10", "That is ⟦@A⟧ params."),
     "5130", "5120", params_linear(512, 10))
pair("unit/mflops", "number-suffix-unit",
     md("2 * 3*3*3 * 16 * 64*64", "The first layer costs ⟦@A⟧ per image."),
     "3.54 MFLOPs", "1.77 MFLOPs", prod(2, 3, 3, 3, 16, 64, 64), alts=("3.54 M", "1.77 M"))
pair("unit/m-params", "number-suffix-unit",
     md("params linear 2048 1000", "The classifier holds ⟦@A⟧ params."),
     "2 M", "3 M", params_linear(2048, 1000), alts=("2 M params", "3 M params"))
pair("unit/kb", "number-bytes",
     md("4 * 3 * 224 * 224", "One float32 image takes ⟦@A⟧."),
     "602.1 KB", "588 KB", prod(4, 3, 224, 224))
pair("unit/kib", "number-bytes",
     md("4 * 3 * 224 * 224", "One float32 image takes ⟦@A⟧."),
     "588 KiB", "602 KiB", prod(4, 3, 224, 224))
pair("unit/mib", "number-bytes",
     md("4 * 3 * 224 * 224", "One float32 image takes ⟦@A⟧."),
     "0.57 MiB", "0.60 MiB", prod(4, 3, 224, 224))
pair("unit/mb", "number-bytes",
     md("4 * 64 * 112 * 112", "The activation map of the first block takes ⟦@A⟧."),
     "3.2 MB", "3.1 MB", prod(4, 64, 112, 112))
pair("unit/gb", "number-bytes",
     md("4 * 138357544", "VGG16's weights take ⟦@A⟧ in float32."),
     "0.55 GB", "0.52 GB", prod(4, 138357544))

# =====================================================================================================
# 6. Number forms.
# =====================================================================================================

N = [
    ("space-thousands", "number-thousands-space", "params conv2d k11 c=3 f=96", "It has ⟦@A⟧ parameters.", "34 944", "34 848", params_conv(2, 11, 3, 96)),
    ("thin-space", "number-thousands-latex", "params conv2d k11 c=3 f=96", "It has $⟦@A⟧$ parameters.", "34\\,944", "34\\,848", params_conv(2, 11, 3, 96)),
    ("no-separator", "number-plain", "params conv2d k11 c=3 f=96", "It has ⟦@A⟧ parameters.", "34944", "34848", params_conv(2, 11, 3, 96)),
    ("millions-commas", "number-thousands-comma", "params linear 9216 4096", "FC6 has ⟦@A⟧ parameters.", "37,752,832", "37,748,736", params_linear(9216, 4096)),
    ("suffix-M-decimal", "number-suffix", "params linear 9216 4096", "FC6 has ⟦@A⟧ parameters.", "37.8M", "37.7M", params_linear(9216, 4096)),
    ("suffix-M-whole", "number-suffix", "params linear 9216 4096", "FC6 has ⟦@A⟧ parameters.", "38M", "37M", params_linear(9216, 4096)),
    ("suffix-K", "number-suffix", "params linear 400 120", "The layer has ⟦@A⟧ parameters.", "48.1K", "48.0K", params_linear(400, 120)),
    ("suffix-K-total", "number-suffix", "156 + 2416 + 48120 + 10164 + 850", "LeNet-5 has ⟦@A⟧ parameters.", "61.7K", "60K",
     params_conv(2, 5, 1, 6) + params_conv(2, 5, 6, 16) + params_linear(400, 120) + params_linear(120, 84) + params_linear(84, 10)),
    ("suffix-B", "number-suffix", "params linear 65536 49152", "The embedding projection has ⟦@A⟧ parameters.", "3.2B", "3.3B", params_linear(65536, 49152)),
    ("suffix-M-space", "number-suffix", "params linear 25088 4096", "FC6 of VGG16 holds ⟦@A⟧ parameters.", "102.8 M", "102.7 M", params_linear(25088, 4096)),
    ("percent-whole", "number-percent", "sigmoid(tensor(0.0))", "The neuron fires with probability ⟦@A⟧.", "50%", "40%", value(lambda T: T.sigmoid(T.tensor(0.0)))),
    ("percent-latex", "number-percent", "softmax(tensor([0.0, 1.0]), dim=0)[1]", "The second class gets $⟦@A⟧$ of the mass.", "73.1\\%", "72.1\\%", value(lambda T: T.softmax(T.tensor([0.0, 1.0]), 0)[1])),
    ("negative-ascii", "number-sign", "tanh(-0.25)", "The activation is ⟦@A⟧.", "-0.245", "-0.254", value(lambda T: T.tanh(T.tensor(-0.25)))),
    ("negative-latex", "number-sign", "log(tensor(0.5))", "So $\\log 0.5 = ⟦@A⟧$.", "-0.693", "0.693", value(lambda T: T.log(T.tensor(0.5)))),
    ("sci-e", "number-scientific", "3 * 0.02**2", "The penalty is ⟦@A⟧.", "1.2e-3", "1.2e-2", value(lambda T: 3 * T.tensor(0.02) ** 2)),
    ("sci-E-plus", "number-scientific", "params linear 4096 1000", "It has ⟦@A⟧ parameters.", "4.097e+06", "4.096e+06", params_linear(4096, 1000)),
    ("sci-cdot", "number-scientific-latex", "3 * 0.02**2", "The penalty is $⟦@A⟧$.", "1.2 \\cdot 10^{-3}", "1.2 \\cdot 10^{-2}", value(lambda T: 3 * T.tensor(0.02) ** 2)),
    ("sci-e-padded", "number-scientific", "exp(-10)", "It is ⟦@A⟧.", "4.54e-05", "5.44e-05", value(lambda T: T.exp(T.tensor(-10.0)))),
    ("python-float-dot", "number-python-float", "relu(tensor(1.0))", "PyTorch prints ⟦@A⟧ for it.", "1.", "0.", value(lambda T: T.relu(T.tensor(1.0)))),
    ("fraction", "number-fraction", "9/2", "That is $⟦@A⟧$.", "\\frac{9}{2}", "\\frac{7}{2}", value(lambda T: T.tensor(9.0) / 2)),
    ("fraction-negative", "number-fraction", "-1/4", "The slope is $⟦@A⟧$.", "-\\frac{1}{4}", "\\frac{1}{4}", value(lambda T: -T.tensor(1.0) / 4)),
    ("decimal-rounding", "number-decimals", "tanh(0.3)", "which is about ⟦@A⟧.", "0.291", "0.292", value(lambda T: T.tanh(T.tensor(0.3)))),
    ("decimal-coarse", "number-decimals", "tanh(0.3)", "which is about ⟦@A⟧.", "0.3", "0.2", value(lambda T: T.tanh(T.tensor(0.3)))),
    ("whole-exact", "number-plain", "2**10", "That is ⟦@A⟧ units.", "1024", "1000", value(lambda T: T.tensor(2.0) ** 10)),
    ("inline-code-number", "inline-code", "params conv2d k11 c=3 f=96", "`sum(p.numel() for p in conv1.parameters())` prints `⟦@A⟧`.", "34944", "34848", params_conv(2, 11, 3, 96)),
]
for nid, rule, block, sentence, right, wrong, comp in N:
    alts = ()
    if nid == "suffix-M-space":
        alts = ("102.8 M parameters", "102.7 M parameters")
    pair(f"number/{nid}", rule, md(block, sentence), right, wrong, comp, alts=alts)

# =====================================================================================================
# 7. Shape forms (conv out 10x11 k3 s2 gives 4×5; the wrong answer is 5×4, the dims swapped).
# =====================================================================================================

S = [
    ("times", "shape-times", "⟦@A⟧", "4×5", "5×4"),
    ("times-spaced", "shape-times", "⟦@A⟧", "4 × 5", "5 × 4"),
    ("x", "shape-x", "⟦@A⟧", "4x5", "5x4"),
    ("x-spaced", "shape-x", "⟦@A⟧", "4 x 5", "5 x 4"),
    ("latex-times", "shape-times-in-math", "$⟦@A⟧$", "4 \\times 5", "5 \\times 4"),
    ("latex-times-tight", "shape-times-in-math", "$⟦@A⟧$", "4\\times5", "5\\times4"),
    ("by", "shape-by", "⟦@A⟧", "4 by 5", "5 by 4"),
    ("by-hyphen", "shape-by", "a ⟦@A⟧ map", "4-by-5", "5-by-4"),
    ("tuple", "shape-tuple", "⟦@A⟧", "(4, 5)", "(5, 4)"),
    ("tuple-tight", "shape-tuple", "⟦@A⟧", "(4,5)", "(5,4)"),
    ("bracket-x", "shape-bracket", "⟦@A⟧", "[4x5]", "[5x4]"),
    ("list", "shape-list", "⟦@A⟧", "[4, 5]", "[5, 4]"),
    ("torch-size", "shape-torch-size", "⟦@A⟧", "torch.Size([4, 5])", "torch.Size([5, 4])"),
    ("mathbb", "shape-real-power", "$⟦@A⟧$", "\\mathbb{R}^{4 \\times 5}", "\\mathbb{R}^{5 \\times 4}"),
    ("R-unicode", "shape-real-power", "⟦@A⟧", "ℝ^{4×5}", "ℝ^{5×4}"),
    ("inline-code-tuple", "inline-code", "`⟦@A⟧`", "torch.Size([4, 5])", "torch.Size([5, 4])"),
    ("bold-whole", "shape-emphasis", "**⟦@A⟧**", "4×5", "5×4"),
    ("display-math", "shape-times-in-math", "\n$$⟦@A⟧$$\n", "4 \\times 5", "5 \\times 4"),
]
for sid, rule, where, right, wrong in S:
    alts = ()
    if sid == "torch-size" or sid == "inline-code-tuple":
        alts = ("[4, 5]", "[5, 4]")
    if sid == "bold-whole":
        alts = ("**4×5**", "**5×4**")
    pair(f"shape/{sid}", rule, md("conv out 10x11 k3 s2", f"The output is {where}."), right, wrong,
         layer("conv", [10, 11], 3, s=2), alts=alts)

pair("shape/bracket-3d", "shape-bracket",
     md("conv out 30x30x12 k3", "The CS231n-style volume is ⟦@A⟧."),
     "[28x28x10]", "[30x30x10]", layer("conv", [30, 30, 12], 3))
pair("shape/torch-size-batch", "shape-torch-size",
     md("conv2d out 2x3x32x32 k5 f=6", "`print(y.shape)` shows `⟦@A⟧`."),
     "torch.Size([2, 6, 28, 28])", "torch.Size([2, 6, 32, 32])", layer("conv", [2, 3, 32, 32], 5, f=6, nd=2),
     alts=("[2, 6, 28, 28]", "[2, 6, 32, 32]"))
pair("shape/flatten-code-span", "inline-code",
     "<!-- check: let img : 2x3x8x8 -->\n\n<!-- check: img.flatten(1) -->\nFlattening gives `⟦@A⟧`.\n",
     "torch.Size([2, 192])", "torch.Size([2, 64])", shape_of(lambda T: T.zeros(2, 3, 8, 8).flatten(1)),
     alts=("[2, 192]", "[2, 64]"))
pair("shape/one-tuple", "shape-tuple",
     "<!-- check: let W : 4x3; let x : 3 -->\n\n<!-- check: W @ x -->\nThe output has shape ⟦@A⟧.\n",
     "(4,)", "(4, 1)", shape_of(lambda T: T.zeros(4, 3) @ T.zeros(3)))
pair("shape/of-size", "shape-vector-of-length",
     "<!-- check: let W : 4x3; let x : 3 -->\n\n<!-- check: W @ x -->\nThe output is a vector of size ⟦@A⟧.\n",
     "4", "5", shape_of(lambda T: T.zeros(4, 3) @ T.zeros(3)),
     alts=("a vector of size 4", "vector of size 4", "size 4", "a vector of size 5", "vector of size 5", "size 5"))
pair("shape/mathbb-power-vector", "shape-real-power",
     "<!-- check: let W : 4x3; let x : 3 -->\n\n<!-- check: W @ x -->\nThe product lies in $⟦@A⟧$.\n",
     "\\mathbb{R}^4", "\\mathbb{R}^5", shape_of(lambda T: T.zeros(4, 3) @ T.zeros(3)))
pair("shape/one-dim-number", "shape-one-dim-number",
     md("conv out 32 k5", "The output length is ⟦@A⟧."),
     "28", "32", layer("conv", [32], 5))
pair("shape/one-dim-number-math", "shape-one-dim-number",
     "Thus we round it down to get $W_{output}=⟦@A⟧$. <!-- check: conv out 10 k3 s2 -->\n",
     "4", "5", layer("conv", [10], 3, s=2))
case("shape/symbolic-textrm", "shape-symbolic",
     "<!-- check: let X : n_h x n_w -->\n\n<!-- check: X.T -->\nIts transpose is $⟦n_\\textrm{w} \\times n_\\textrm{h}⟧$.\n",
     [C("pass")])
case("shape/symbolic-textrm-wrong", "shape-symbolic",
     "<!-- check: let X : n_h x n_w -->\n\n<!-- check: X.T -->\nIts transpose is $⟦n_\\textrm{h} \\times n_\\textrm{w}⟧$.\n",
     [C("fail")])
case("shape/symbolic-m-plus-m", "shape-symbolic",
     "<!-- check: let A : m x n -->\n\n<!-- check: cat([A, A], dim=0) -->\nStacking gives $⟦(m+m) \\times n⟧$.\n",
     [C("pass")])
case("shape/R-m-times-n", "shape-real-power",
     "<!-- check: let A : m x k; let B : k x n -->\n\n<!-- check: A @ B -->\nThe product is in $⟦R^{m×n}⟧$.\n",
     [C("pass", "mxn")])

# =====================================================================================================
# 8. Digits inside words and names; code spans read, fenced code and comments not.
# =====================================================================================================

pair("word/lenet-conv1", "digits-in-words",
     md("params conv2d k5 c=1 f=6", "In LeNet-5, conv1 has ⟦@A⟧ parameters."),
     "156", "150", params_conv(2, 5, 1, 6))
pair("word/vgg16-fc8", "digits-in-words",
     md("params linear 4096 1000", "VGG16's last layer fc8 has ⟦@A⟧ parameters."),
     "4,097,000", "4,096,000", params_linear(4096, 1000))
pair("word/W_2", "digits-in-words",
     "<!-- check: let W_2 : 10x84 -->\n\n<!-- check: W_2.T -->\n$W_2^\\top$ is ⟦@A⟧.\n",
     "84×10", "10×84", shape_of(lambda T: T.zeros(10, 84).T))
pair("word/resnet50", "digits-in-words",
     md("conv out 224x224 k7 s2 p3", "ResNet-50's stem (conv1, 7×7, stride 2) gives ⟦@A⟧."),
     "112×112", "109×109", layer("conv", [224, 224], 7, s=2, p=3))
pair("word/hw3-q2", "digits-in-words",
     md("conv out 12 k3", "For hw3 q2, the output length is ⟦@A⟧."),
     "10", "12", layer("conv", [12], 3))
pair("word/subscript-index", "digits-in-words",
     md("conv out 9 k3", "$x_1, \\dots, x_9$ convolved with $w_1 w_2 w_3$ give ⟦@A⟧ outputs."),
     "7", "6", layer("conv", [9], 3))
pair("word/layer-names", "digits-in-words",
     md("pool out 56x56 k2", "After conv2_1 and conv2_2, pool2 gives ⟦@A⟧."),
     "28×28", "27×27", layer("pool", [56, 56], 2))
pair("code/fenced-before-paragraph", "fenced-code",
     "<!-- check: conv out 28x28 k5 -->\n```python\nx = torch.zeros(1, 1, 99, 99)  # 99×99\n```\n\nThe output is ⟦@A⟧.\n",
     "24×24", "23×23", layer("conv", [28, 28], 5),
     note="fenced code is not read and is no paragraph of prose: the block binds the paragraph after it")
pair("code/fenced-after-block-inline", "fenced-code",
     "```\n99x99\n```\nThe map is ⟦@A⟧ <!-- check: conv out 28x28 k5 -->.\n",
     "24×24", "25×25", layer("conv", [28, 28], 5))
pair("code/html-comment-not-read", "comments-not-read",
     md("conv out 28x28 k5", "The output <!-- was 99×99 --> is ⟦@A⟧."),
     "24×24", "26×26", layer("conv", [28, 28], 5))
pair("code/inline-span-read", "inline-code",
     md("conv2d out 1x1x28x28 k3 p1 f=8", "`conv(x).shape` is `⟦@A⟧`."),
     "torch.Size([1, 8, 28, 28])", "torch.Size([1, 8, 26, 26])", layer("conv", [1, 1, 28, 28], 3, p=1, f=8, nd=2),
     alts=("[1, 8, 28, 28]", "[1, 8, 26, 26]"))
pair("code/inline-tensor-print", "inline-code",
     md("softmax(tensor([1.0, 2.0, 3.0]), dim=0)", "PyTorch prints `⟦@A⟧`."),
     "tensor([0.0900, 0.2447, 0.6652])", "tensor([0.0900, 0.2447, 0.6552])", SOFT,
     alts=("[0.0900, 0.2447, 0.6652]", "[0.0900, 0.2447, 0.6552]"))

# =====================================================================================================
# 9. Tensors.
# =====================================================================================================

pair("tensor/pmatrix-row", "tensor-tolerance-per-element",
     md("softmax(tensor([1.0, 2.0, 3.0]), dim=0)", "$$p = ⟦@A⟧$$"),
     "\\begin{pmatrix} 0.09 & 0.245 & 0.665 \\end{pmatrix}", "\\begin{pmatrix} 0.09 & 0.245 & 0.656 \\end{pmatrix}", SOFT)
pair("tensor/list-grad", "tensor-values",
     "<!-- check: let x = [[1,0,2,1],[0,1,1,3]]; let w = [[[1,-1],[0.5,2]]] -->\n\n<!-- check: grad(sum(conv1d(x, w)), w) -->\nThe gradient is ⟦@A⟧.\n",
     "[[[3.0,3.0],[2.0,5.0]]]", "[[[3.0,3.0],[5.0,2.0]]]", conv1d_weight_grad())
pair("tensor/mixed-digits", "tensor-tolerance-per-element",
     md("tanh(tensor([0.5, 1.0, 2.0]))", "Elementwise: ⟦@A⟧."),
     "[0.46, 0.7616, 0.964]", "[0.46, 0.7616, 0.965]", value(lambda T: T.tanh(T.tensor([0.5, 1.0, 2.0]))))
pair("tensor/shape-only-list-is-shape", "shape-list",
     "<!-- check: let x : 2x3 -->\n\n<!-- check: relu(x) -->\nThe output is of shape ⟦@A⟧.\n",
     "[2, 3]", "[3, 2]", shape_of(lambda T: T.relu(T.zeros(2, 3))),
     note="a bracketed flat list is a shape for a tensor known only by its shape")
pair("tensor/known-list-is-tensor", "tensor-values",
     md("relu(tensor([2.0, -3.0]))", "It gives ⟦@A⟧."),
     "[2, 0]", "[2, 3]", value(lambda T: T.relu(T.tensor([2.0, -3.0]))))
pair("tensor/shape-first", "tensor-shape-first",
     "<!-- check: let w = [[1,2,3]] -->\n\n<!-- check: w -->\nHere $w \\in ⟦@A⟧$ holds [[1,2,3]].\n",
     "\\mathbb{R}^{1\\times 3}", "\\mathbb{R}^{3\\times 1}", shape_of(lambda T: T.tensor([[1.0, 2.0, 3.0]])))

# =====================================================================================================
# 10. LaTeX documents.
# =====================================================================================================

pair("latex/forward", "latex",
     "% check: conv out 64x64 k3 s2\nThe output is $⟦@A⟧$.\n", "31 \\times 31", "32 \\times 32",
     layer("conv", [64, 64], 3, s=2), kind="latex")
pair("latex/backward", "latex",
     "The output is $⟦@A⟧$. % check: conv out 64x64 k3 s2\n", "31 \\times 31", "30 \\times 30",
     layer("conv", [64, 64], 3, s=2), kind="latex")
pair("latex/dollar-times", "shape-times-in-math",
     "% check: conv out 10x11 k3 s2\nThe output is ⟦@A⟧ pixels.\n", "4$\\times$5", "5$\\times$4",
     layer("conv", [10, 11], 3, s=2), kind="latex")
pair("latex/verb-not-read", "comments-not-read",
     "% check: conv out 28x28 k5\nThe code \\verb|zeros(99, 99)| gives $⟦@A⟧$.\n", "24 \\times 24", "99 \\times 99",
     layer("conv", [28, 28], 5), kind="latex")
pair("latex/lstlisting-not-read", "comments-not-read",
     "% check: conv out 28x28 k5\nThe code\n\\begin{lstlisting}\nx = zeros(1, 1, 99, 99)\n\\end{lstlisting}\ngives $⟦@A⟧$.\n",
     "24 \\times 24", "25 \\times 25", layer("conv", [28, 28], 5), kind="latex")
pair("latex/comment-not-read", "comments-not-read",
     "% check: conv out 28x28 k5\nThe output is % was 99x99\n$⟦@A⟧$.\n", "24 \\times 24", "26 \\times 26",
     layer("conv", [28, 28], 5), kind="latex")
pair("latex/thin-space-params", "number-thousands-latex",
     "% check: params conv2d k11 c=3 f=96\nThe layer has $⟦@A⟧$ parameters.\n", "34\\,944", "34\\,848",
     params_conv(2, 11, 3, 96), kind="latex")
pair("latex/text-chain", "text-macro",
     "% check: params linear 120 84\n$\\text{params} = 120 \\cdot 84 + 84 = ⟦@A⟧$\n", "10164", "10080",
     params_linear(120, 84), kind="latex")
pair("latex/percent-escaped", "number-percent",
     "% check: softmax(tensor([2.0, 1.0, 0.1]), dim=0)[0]\nThe first class gets ⟦@A⟧ of the mass.\n",
     "65.9\\%", "66.9\\%", value(lambda T: T.softmax(T.tensor([2.0, 1.0, 0.1]), 0)[0]), kind="latex",
     alts=("65.9", "66.9"))
pair("latex/two-statements", "answers-in-order",
     "% check: conv out 32x32 k5; pool out 28x28 k2\nThe conv gives $⟦@A⟧$ and the pool $⟦@B⟧$.\n",
     ("28 \\times 28", "14 \\times 14"), ("28 \\times 28", "15 \\times 15"),
     (layer("conv", [32, 32], 5), layer("pool", [28, 28], 2)), kind="latex")
pair("latex/continuation", "answers-in-order",
     "% check: conv out 32x32 k5\n% pool out 28x28 k2\nWe get $⟦@A⟧$, then $⟦@B⟧$.\n",
     ("28 \\times 28", "14 \\times 14"), ("30 \\times 30", "14 \\times 14"),
     (layer("conv", [32, 32], 5), layer("pool", [28, 28], 2)), kind="latex")

# =====================================================================================================
# 11. Direction and reach.
# =====================================================================================================

case("reach/next-paragraph-only", "direction", md("conv out 10x11 k3 s2", "No shape here.\n\nToo far: 4×5."),
     [C("unbound", layer("conv", [10, 11], 3, s=2))])
case("reach/backward-paragraph-only", "direction",
     "Earlier: 4×5.\n\nThe map here is computed <!-- check: conv out 10x11 k3 s2 -->.\n",
     [C("unbound", layer("conv", [10, 11], 3, s=2))])
pair("reach/backward-nearest", "direction",
     "First 3×3, then ⟦@A⟧ <!-- check: conv out 10x11 k3 s2 -->.\n", "4×5", "5×4", layer("conv", [10, 11], 3, s=2))
case("reach/all-echoes-unbound", "echo-skip",
     md("conv out 28x28 k5", "A 5×5 kernel slides over the 28×28 image."),
     [C("unbound", layer("conv", [28, 28], 5))])


def main():
    n_claims = sum(len(c["claims"]) for c in CASES)
    out = {
        "generator": "tools/golden/prose.py",
        "torch": __import__("torch").__version__,
        "cases": CASES,
    }
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.path.join(root, "test", "golden", "prose.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{len(CASES)} cases, {n_claims} claims -> {os.path.relpath(path, root)}")


if __name__ == "__main__":
    main()
