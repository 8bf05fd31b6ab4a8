#!/usr/bin/python3
"""Golden cases for symbolic size identities with floor and ceil, decided by PyTorch.

Run from the repository root:  /usr/bin/python3 tools/golden/size_identities.py
Writes test/golden/size_identities.json. The unit tests read that file and never need torch.

Each case is a 1-D conv or pool layer (kernel k, stride s, padding p, dilation d, ceil_mode for pools)
and a candidate formula for its output length as a function of the input length H: PyTorch's own
formula, or a mistake students make (forgetting the padding, the dilation, the +1, flooring instead of
rounding up, dividing H alone). PyTorch runs the layer on a zero tensor for every H from 1 to H_MAX
(H_MAX covers every residue of the stride several times) and `holds` says whether the candidate gives
PyTorch's length at every H where the layer accepts its input. Strides go up to 128, where a wrong
formula may be right for all but one residue. Candidates whose verdict would change if the sizes
PyTorch refuses (the kernel does not fit) were counted are dropped: a size identity is about whole
positive numbers, and for those two readings must not disagree.

Each candidate is written twice: in the claim language (`floor((H+2*1-3)/64)+1`) and in LaTeX
(`\\left\\lfloor \\frac{H+2-3}{64} \\right\\rfloor + 1`), for the layer-shorthand and math tests.
"""
import json
import os
import random

import torch
import torch.nn.functional as F

SEED = 20261127
N_CASES = 160
STRIDES = [1, 2, 3, 4, 5, 7, 8, 16, 32, 64, 100, 128]


def torch_len(op, H, k, s, p, d, ceil):
    x = torch.zeros(1, 1, H, dtype=torch.float64)
    try:
        if op == 'conv':
            return F.conv1d(x, torch.zeros(1, 1, k, dtype=torch.float64), stride=s, padding=p, dilation=d).shape[-1]
        return F.max_pool1d(x, k, stride=s, padding=p, dilation=d, ceil_mode=ceil).shape[-1]
    except RuntimeError:
        return None


def fdiv(a, b):
    return a // b


def cdiv(a, b):
    return -((-a) // b)


def candidates(op, k, s, p, d, ceil):
    """(claim text, latex, python function) for the true formula and typical mistakes."""
    eff = d * (k - 1) + 1
    rnd, rname, lo, hi = (cdiv, 'ceil', '\\left\\lceil', '\\right\\rceil') if ceil else (fdiv, 'floor', '\\left\\lfloor', '\\right\\rfloor')
    out = []

    def add(claim, latex, fn):
        out.append((claim, latex, fn))

    num = f'H+2*{p}-{eff}' if p else f'H-{eff}'
    lnum = f'H+{2 * p}-{eff}' if p else f'H-{eff}'
    add(f'{rname}(({num})/{s})+1', f'{lo} \\frac{{{lnum}}}{{{s}}} {hi} + 1', lambda H: rnd(H + 2 * p - eff, s) + 1)
    # forgetting the padding
    add(f'{rname}((H-{eff})/{s})+1', f'{lo} \\frac{{H-{eff}}}{{{s}}} {hi} + 1', lambda H: rnd(H - eff, s) + 1)
    # forgetting the dilation
    add(f'{rname}((H+2*{p}-{k})/{s})+1', f'{lo} \\frac{{H+{2 * p}-{k}}}{{{s}}} {hi} + 1', lambda H: rnd(H + 2 * p - k, s) + 1)
    # dividing H alone
    add(f'{rname}(H/{s})+1', f'{lo} \\frac{{H}}{{{s}}} {hi} + 1', lambda H: rnd(H, s) + 1)
    # the other rounding
    other, oname, olo, ohi = (fdiv, 'floor', '\\lfloor', '\\rfloor') if ceil else (cdiv, 'ceil', '\\lceil', '\\rceil')
    add(f'{oname}(({num})/{s})+1', f'{olo} ({lnum})/{s} {ohi} + 1', lambda H: other(H + 2 * p - eff, s) + 1)
    # a shifted form that is sometimes right: floor((H + 2p - eff + s)/s) == floor((H+2p-eff)/s) + 1
    add(f'{rname}(({num}+{s})/{s})', f'{lo} \\frac{{{lnum}+{s}}}{{{s}}} {hi}', lambda H: rnd(H + 2 * p - eff + s, s))
    # ceil form of the floor formula: floor((L-eff)/s)+1 == ceil((L-eff+1)/s)
    if not ceil:
        add(f'ceil(({num}+1)/{s})', f'\\left\\lceil \\frac{{{lnum}+1}}{{{s}}} \\right\\rceil', lambda H: cdiv(H + 2 * p - eff + 1, s))
    return out


def main():
    rng = random.Random(SEED)
    cases = []
    while len(cases) < N_CASES:
        op = rng.choice(['conv', 'conv', 'pool'])
        s = rng.choice(STRIDES)
        k = rng.randint(1, 7)
        d = 1 if op == 'pool' or rng.random() < 0.6 else rng.randint(2, 3)
        p = rng.randint(0, k // 2) if op == 'pool' else rng.randint(0, 3)
        ceil = op == 'pool' and rng.random() < 0.5
        if op == 'pool' and ceil:
            # PyTorch drops a last window that would start past the input; with p = 0 and k >= s that
            # never happens, so the ceil formula is exact, which is what a symbolic shorthand claims.
            p = 0
            s = rng.choice([x for x in STRIDES if x <= k])
        h_max = max(3 * s + 2 * (d * (k - 1) + 1), 200)
        truth = {H: torch_len(op, H, k, s, p, d, ceil) for H in range(1, h_max + 1)}
        for claim, latex, fn in candidates(op, k, s, p, d, ceil):
            valid = [H for H, n in truth.items() if n is not None]
            bad = [H for H in valid if fn(H) != truth[H]]
            # Over every whole H >= 1, with PyTorch's formula where it refuses the input.
            def formula(H):
                eff = d * (k - 1) + 1
                a = H + 2 * p - eff
                return (cdiv(a, s) if ceil else fdiv(a, s)) + 1
            everywhere = all(fn(H) == formula(H) for H in range(1, h_max + 1))
            if everywhere != (len(bad) == 0):
                continue
            cases.append({
                'op': op, 'k': k, 's': s, 'p': p, 'd': d, 'ceil': ceil,
                'claim': claim, 'latex': latex, 'holds': len(bad) == 0,
                'counterexample': bad[0] if bad else None,
            })
            if len(cases) >= N_CASES:
                break
    out = {'generator': 'tools/golden/size_identities.py', 'torch': torch.__version__, 'seed': SEED, 'cases': cases}
    path = os.path.join('test', 'golden', 'size_identities.json')
    with open(path, 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')
    print(f'wrote {len(cases)} cases ({sum(c["holds"] for c in cases)} hold) to {path}')


if __name__ == '__main__':
    main()
