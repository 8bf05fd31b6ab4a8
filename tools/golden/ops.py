#!/usr/bin/env python3
"""Golden cases for the tensor engine's ops, computed by PyTorch (float64).

Each case is one op applied to random inputs: the op (a function name, an operator, or a method),
its arguments (tensor inputs by name, numbers, tuples, strings), the output, random weights W of the
output's shape, and the gradient of sum(out * W) with respect to every differentiable input.
The TypeScript test rebuilds the claim-language expression from this description, evaluates it with
the engine and compares the values and the gradients (from `grad(...)`).

    /usr/bin/python3 tools/golden/ops.py      # writes test/golden/ops.json (seeded: same output every run)
"""
import json, os, random
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
random.seed(1234)
torch.manual_seed(1234)

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
OUT = os.path.join(ROOT, 'test', 'golden', 'ops.json')

cases = []


def rnd(*shape, kind='normal'):
    t = torch.randn(tuple(shape))
    if kind == 'pos':
        t = t.abs() + 0.5
    elif kind == 'away':  # away from 0, where abs/relu/division have kinks or poles
        t = torch.where(t >= 0, t + 0.3, t - 0.3)
    return t


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def T(name):
    return {'t': name}


def add_case(op, args, kwargs, inputs, fn, nograd=(), note=''):
    """inputs: name -> tensor; fn(**tensors) -> output tensor."""
    leaves = {k: v.clone().requires_grad_(k not in nograd) for k, v in inputs.items()}
    try:
        out = fn(**leaves)
    except Exception:
        return False
    if out.numel() > 400:
        return False
    case = {
        'op': op, 'args': args, 'kwargs': kwargs,
        'inputs': {k: {'shape': list(v.shape), 'data': flat(v)} for k, v in inputs.items()},
        'nograd': list(nograd),
        'out': {'shape': list(out.shape), 'data': flat(out)},
    }
    diff = [k for k in leaves if k not in nograd]
    if diff and out.requires_grad:
        w = torch.randn(tuple(out.shape))
        grads = torch.autograd.grad((out * w).sum(), [leaves[k] for k in diff], allow_unused=True)
        case['weights'] = flat(w)
        case['grads'] = {k: (flat(g) if g is not None else flat(torch.zeros_like(leaves[k]))) for k, g in zip(diff, grads)}
    if note:
        case['note'] = note
    cases.append(case)
    return True


def rshape(lo=1, hi=4, rank=None):
    r = random.randint(1, 3) if rank is None else rank
    return [random.randint(lo, hi) for _ in range(r)]


def broadcast_pair():
    s = rshape(rank=random.randint(0, 3))
    t = list(s)
    # knock out some dims to 1 and maybe drop leading dims
    t = [1 if random.random() < 0.3 else d for d in t]
    if random.random() < 0.3 and t:
        t = t[random.randint(0, len(t)):]
    if random.random() < 0.5:
        s, t = t, s
    return s, t


# ---------- elementwise binary ----------
BIN = {'+': lambda a, b: a + b, '-': lambda a, b: a - b, '*': lambda a, b: a * b,
       '/': lambda a, b: a / b, '**': lambda a, b: a ** b}
for op, f in BIN.items():
    for _ in range(45):
        sa, sb = broadcast_pair()
        a = rnd(*sa, kind='pos' if op == '**' else 'normal')
        b = rnd(*sb, kind='away' if op == '/' else 'normal')
        if op == '**':
            b = b * 0.7
        add_case(op, [T('a'), T('b')], {}, {'a': a, 'b': b}, lambda a, b, f=f: f(a, b))
for name, f in [('maximum', torch.maximum), ('minimum', torch.minimum), ('add', torch.add), ('mul', torch.mul), ('pow', torch.pow)]:
    for _ in range(8):
        sa, sb = broadcast_pair()
        a = rnd(*sa, kind='pos' if name == 'pow' else 'normal')
        b = rnd(*sb)
        add_case(name, [T('a'), T('b')], {}, {'a': a, 'b': b}, lambda a, b, f=f: f(a, b))
# scalars mixed with tensors: 2 * x, x / 3, x ** 2
for _ in range(15):
    s = rshape()
    c = round(random.uniform(-3, 3), 2) or 1.5
    op = random.choice(['*', '+', '-', '/'])
    if random.random() < 0.5:
        add_case(op, [T('a'), c], {}, {'a': rnd(*s)}, lambda a, op=op, c=c: BIN[op](a, c))
    else:
        add_case(op, [c, T('a')], {}, {'a': rnd(*s, kind='away')}, lambda a, op=op, c=c: BIN[op](torch.tensor(c), a))
for _ in range(10):
    add_case('**', [T('a'), 2], {}, {'a': rnd(*rshape())}, lambda a: a ** 2)

# ---------- unary ----------
UN = {'neg': (lambda a: -a, 'normal'), 'exp': (torch.exp, 'normal'), 'log': (torch.log, 'pos'), 'sqrt': (torch.sqrt, 'pos'),
      'abs': (torch.abs, 'away'), 'sigmoid': (torch.sigmoid, 'normal'), 'tanh': (torch.tanh, 'normal'), 'relu': (torch.relu, 'away')}
for name, (f, kind) in UN.items():
    for i in range(35):
        s = rshape(rank=random.randint(0, 3))
        op = name if name != 'neg' else 'unary-'
        if i % 5 == 4 and name != 'neg':
            op = 'method:' + name
        add_case(op, [T('a')], {}, {'a': rnd(*s, kind=kind)}, lambda a, f=f: f(a))

# ---------- matmul family ----------
MM_SHAPES = [([3], [3]), ([2, 3], [3]), ([3], [3, 4]), ([2, 3], [3, 4]), ([2, 2, 3], [3, 4]), ([2, 3], [2, 3, 4]),
             ([2, 1, 2, 3], [3, 3, 2]), ([3], [2, 3, 2]), ([2, 2, 3], [3]), ([1, 2, 3], [4, 3, 2]), ([4], [4, 1]), ([1, 4], [4])]
for i in range(120):
    sa, sb = MM_SHAPES[i % len(MM_SHAPES)]
    k = random.randint(1, 4)
    sa = [d if j != len(sa) - 1 else k for j, d in enumerate(sa)]
    sb = list(sb)
    sb[-2 if len(sb) > 1 else 0] = k
    op = '@' if i % 3 else 'matmul'
    add_case(op, [T('a'), T('b')], {}, {'a': rnd(*sa), 'b': rnd(*sb)}, lambda a, b: a @ b)
for _ in range(20):
    n = random.randint(1, 5)
    add_case('dot', [T('a'), T('b')], {}, {'a': rnd(n), 'b': rnd(n)}, torch.dot)
    add_case('outer', [T('a'), T('b')], {}, {'a': rnd(n), 'b': rnd(random.randint(1, 4))}, torch.outer)
for _ in range(35):
    n_in, n_out = random.randint(1, 4), random.randint(1, 4)
    batch = rshape(rank=random.randint(0, 2))
    bias = random.random() < 0.6
    ins = {'x': rnd(*batch, n_in), 'W': rnd(n_out, n_in)}
    if bias:
        ins['b'] = rnd(n_out)
        add_case('linear', [T('x'), T('W'), T('b')], {}, ins, lambda x, W, b: F.linear(x, W, b))
    else:
        add_case('linear', [T('x'), T('W')], {}, ins, lambda x, W: F.linear(x, W))

EINSUM = [('ij,jk->ik', [[2, 3], [3, 4]]), ('ij->ji', [[2, 3]]), ('ii->i', [[3, 3]]), ('ii', [[3, 3]]), ('bij,bjk->bik', [[2, 2, 3], [2, 3, 2]]),
          ('i,i->', [[4], [4]]), ('ij->', [[2, 3]]), ('ij,ij->ij', [[2, 3], [2, 3]]), ('ijk->kji', [[2, 3, 2]]), ('i,j->ij', [[3], [2]]),
          ('ij,jk', [[2, 3], [3, 2]]), ('ij,kj->ik', [[2, 3], [4, 3]]), ('ij,j->i', [[3, 2], [2]]), ('ijk,ik->j', [[2, 3, 2], [2, 2]]),
          ('i,i,i->', [[3], [3], [3]]), ('...ij->...ji', [[2, 2, 3]]), ('bi,bi->b', [[3, 2], [3, 2]])]
for i in range(68):
    eq, shapes = EINSUM[i % len(EINSUM)]
    names = ['a', 'b', 'c'][:len(shapes)]
    ins = {n: rnd(*s) for n, s in zip(names, shapes)}
    add_case('einsum', [eq] + [T(n) for n in names], {}, ins, lambda eq=eq, names=names, **kw: torch.einsum(eq, *[kw[n] for n in names]))

# ---------- shape ops ----------
for _ in range(30):
    s = rshape(rank=random.randint(2, 4))
    d0, d1 = random.randrange(len(s)), random.randrange(len(s))
    if random.random() < 0.3:
        d0 -= len(s)
    if random.random() < 0.5:
        add_case('transpose', [T('a'), d0, d1], {}, {'a': rnd(*s)}, lambda a, d0=d0, d1=d1: a.transpose(d0, d1))
    else:
        add_case('method:transpose', [T('a'), d0, d1], {}, {'a': rnd(*s)}, lambda a, d0=d0, d1=d1: a.transpose(d0, d1))
for _ in range(20):
    s = rshape(rank=random.randint(1, 4))
    add_case('attr:T', [T('a')], {}, {'a': rnd(*s)}, lambda a: a.permute(*reversed(range(a.dim()))))
for _ in range(35):
    s = rshape(rank=random.randint(1, 3))
    n = 1
    for d in s:
        n *= d
    facs = [d for d in range(1, n + 1) if n % d == 0]
    a = random.choice(facs)
    target = [a, n // a]
    if random.random() < 0.4:
        target[random.randrange(2)] = -1
    if random.random() < 0.3:
        target = [n]
    op = random.choice(['reshape', 'method:reshape', 'method:view'])
    args = [T('a'), tuple(target)] if op == 'reshape' else [T('a')] + target
    add_case(op, [T('a'), {'tuple': target}] if op == 'reshape' else args, {}, {'a': rnd(*s)}, lambda a, t=target: a.reshape(*t))
for _ in range(25):
    s = rshape(rank=random.randint(1, 4))
    sd = random.randrange(len(s))
    ed = random.randrange(sd, len(s))
    if random.random() < 0.5:
        add_case('flatten', [T('a')], {'start_dim': sd, 'end_dim': ed}, {'a': rnd(*s)}, lambda a, sd=sd, ed=ed: torch.flatten(a, sd, ed))
    else:
        add_case('method:flatten', [T('a')], {}, {'a': rnd(*s)}, lambda a: a.flatten())
for _ in range(30):
    s = rshape(rank=random.randint(1, 3))
    d = random.randrange(len(s))
    k = random.randint(1, 3)
    shapes = []
    for _j in range(k):
        t = list(s)
        t[d] = random.randint(1, 3)
        shapes.append(t)
    names = ['a', 'b', 'c'][:k]
    ins = {n: rnd(*sh) for n, sh in zip(names, shapes)}
    dd = d - len(s) if random.random() < 0.3 else d
    add_case('cat', [{'list': [T(n) for n in names]}], {'dim': dd}, ins, lambda dd=dd, names=names, **kw: torch.cat([kw[n] for n in names], dim=dd))
for _ in range(25):
    s = rshape(rank=random.randint(0, 3))
    k = random.randint(1, 3)
    names = ['a', 'b', 'c'][:k]
    ins = {n: rnd(*s) for n in names}
    d = random.randint(-(len(s) + 1), len(s))
    add_case('stack', [{'list': [T(n) for n in names]}, d], {}, ins, lambda d=d, names=names, **kw: torch.stack([kw[n] for n in names], dim=d))
for _ in range(15):
    s = rshape(rank=3)
    p = random.sample(range(3), 3)
    add_case('method:permute', [T('a')] + p, {}, {'a': rnd(*s)}, lambda a, p=p: a.permute(*p))
    d = random.randint(-4, 3)
    add_case('unsqueeze', [T('a'), d], {}, {'a': rnd(*s)}, lambda a, d=d: a.unsqueeze(d))
    s1 = [random.choice([1, d]) for d in s]
    add_case('squeeze', [T('a')], {}, {'a': rnd(*s1)}, lambda a: a.squeeze())

# ---------- reductions ----------
for name in ['sum', 'mean']:
    for i in range(40):
        s = rshape(rank=random.randint(0, 3))
        f = getattr(torch, name)
        if i % 4 == 0 or not s:
            add_case(name, [T('a')], {}, {'a': rnd(*s)}, lambda a, f=f: f(a))
        elif i % 4 == 1:
            d = random.randrange(-len(s), len(s))
            kd = random.random() < 0.5
            add_case(name, [T('a')], {'dim': d, 'keepdim': kd}, {'a': rnd(*s)}, lambda a, f=f, d=d, kd=kd: f(a, dim=d, keepdim=kd))
        elif i % 4 == 2:
            ds = sorted(random.sample(range(len(s)), random.randint(1, len(s))))
            add_case(name, [T('a')], {'dim': {'tuple': ds}}, {'a': rnd(*s)}, lambda a, f=f, ds=ds: f(a, dim=tuple(ds)))
        else:
            d = random.randrange(len(s))
            add_case('method:' + name, [T('a'), d], {}, {'a': rnd(*s)}, lambda a, f=f, d=d: f(a, d))
for name in ['max', 'min']:
    for i in range(30):
        s = rshape(rank=random.randint(1, 3))
        f = getattr(torch, name)
        if i % 3 == 0:
            add_case(name, [T('a')], {}, {'a': rnd(*s)}, lambda a, f=f: f(a))
        else:
            d = random.randrange(-len(s), len(s))
            kd = i % 3 == 2
            add_case(name, [T('a'), d], {'keepdim': kd} if kd else {}, {'a': rnd(*s)}, lambda a, f=f, d=d, kd=kd: f(a, d, keepdim=kd).values)

# ---------- indexing ----------
def rand_index(shape):
    items, torch_items = [], []
    dims_left = len(shape)
    i = 0
    used_ellipsis = False
    while i < len(shape):
        r = random.random()
        if r < 0.3:
            v = random.randrange(-shape[i], shape[i])
            items.append({'int': v}); torch_items.append(v); i += 1
        elif r < 0.75:
            st = random.choice([None, random.randint(-shape[i] - 1, shape[i])])
            sp = random.choice([None, random.randint(-shape[i], shape[i] + 2)])
            step = random.choice([None, 1, 2, 3])
            items.append({'slice': [st, sp, step]}); torch_items.append(slice(st, sp, step)); i += 1
        elif r < 0.85:
            items.append('none'); torch_items.append(None)
        elif not used_ellipsis:
            used_ellipsis = True
            skip = random.randint(0, len(shape) - i)
            items.append('ellipsis'); torch_items.append(Ellipsis); i += skip
        else:
            break
    return items, tuple(torch_items)

for _ in range(110):
    s = rshape(lo=1, hi=5, rank=random.randint(1, 3))
    items, ti = rand_index(s)
    if not items:
        continue
    a = rnd(*s)
    try:
        r = a[ti]
    except Exception:
        continue
    if r.numel() == 0:
        continue
    add_case('index', [T('a'), {'index': items}], {}, {'a': a}, lambda a, ti=ti: a[ti])

# ---------- softmax ----------
for name, f in [('softmax', F.softmax), ('log_softmax', F.log_softmax)]:
    for _ in range(25):
        s = rshape(rank=random.randint(1, 3))
        d = random.randrange(-len(s), len(s))
        a = rnd(*s) * 2
        if random.random() < 0.5:
            add_case(name, [T('a')], {'dim': d}, {'a': a}, lambda a, f=f, d=d: f(a, dim=d))
        else:
            add_case(name, [T('a'), d], {}, {'a': a}, lambda a, f=f, d=d: f(a, d))

# ---------- losses ----------
for red in ['mean', 'sum', 'none']:
    for _ in range(12):
        s = rshape(rank=random.randint(0, 3))
        kw = {} if red == 'mean' and random.random() < 0.5 else {'reduction': red}
        add_case('mse_loss', [T('a'), T('b')], kw, {'a': rnd(*s), 'b': rnd(*s)}, lambda a, b, red=red: F.mse_loss(a, b, reduction=red))
for red in ['mean', 'sum', 'none']:
    for i in range(16):
        C = random.randint(2, 5)
        kw = {} if red == 'mean' else {'reduction': red}
        if i % 4 == 0:
            t = torch.tensor(float(random.randrange(C)))
            add_case('cross_entropy', [T('x'), T('t')], kw, {'x': rnd(C), 't': t}, lambda x, t, red=red: F.cross_entropy(x, t.long(), reduction=red), nograd=('t',))
        elif i % 4 == 3:
            N = random.randint(1, 4)
            p = torch.softmax(torch.randn(N, C), dim=1)
            add_case('cross_entropy', [T('x'), T('t')], kw, {'x': rnd(N, C), 't': p}, lambda x, t, red=red: F.cross_entropy(x, t, reduction=red))
        else:
            N = random.randint(1, 5)
            t = torch.tensor([float(random.randrange(C)) for _ in range(N)])
            add_case('cross_entropy', [T('x'), T('t')], kw, {'x': rnd(N, C), 't': t}, lambda x, t, red=red: F.cross_entropy(x, t.long(), reduction=red), nograd=('t',))

# ---------- convolution ----------
def pick(nd, lo, hi):
    return [random.randint(lo, hi) for _ in range(nd)]


def param(vals):
    """As written by a student: an int when all equal (often), else a tuple."""
    if len(set(vals)) == 1 and random.random() < 0.7:
        return vals[0]
    return {'tuple': vals}


def tval(v):
    return v['tuple'] if isinstance(v, dict) else v


CONV = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}
for nd, count in [(1, 70), (2, 70), (3, 20)]:
    made = 0
    while made < count:
        g = random.choice([1, 1, 1, 2])
        cin = g * random.randint(1, 2)
        cout = g * random.randint(1, 2)
        k = pick(nd, 1, 3)
        stride = pick(nd, 1, 2)
        dil = pick(nd, 1, 2)
        mode = random.random()
        if mode < 0.12:
            pad = 'same'
            stride = [1] * nd
        elif mode < 0.2:
            pad = 'valid'
        else:
            pad = pick(nd, 0, 1)
        L = [random.randint(3, 7 if nd < 3 else 4) for _ in range(nd)]
        batched = random.random() < 0.6
        xs = ([random.randint(1, 2)] if batched else []) + [cin] + L
        ins = {'x': rnd(*xs), 'w': rnd(cout, cin // g, *k)}
        bias = random.random() < 0.5
        if bias:
            ins['b'] = rnd(cout)
        kw = {}
        if stride != [1] * nd or random.random() < 0.2:
            kw['stride'] = param(stride)
        if pad != [0] * nd:
            kw['padding'] = pad if isinstance(pad, str) else param(pad)
        if dil != [1] * nd:
            kw['dilation'] = param(dil)
        if g != 1:
            kw['groups'] = g
        args = [T('x'), T('w')] + ([T('b')] if bias else [])
        tk = {k2: tval(v) for k2, v in kw.items()}
        f = CONV[nd]
        ok = add_case(f'conv{nd}d', args, kw, ins,
                      lambda f=f, tk=tk, bias=bias, **t: f(t['x'], t['w'], t['b'] if bias else None, **tk))
        made += ok

CONVT = {1: F.conv_transpose1d, 2: F.conv_transpose2d}
for nd, count in [(1, 45), (2, 45)]:
    made = 0
    while made < count:
        g = random.choice([1, 1, 2])
        cin = g * random.randint(1, 2)
        cout_g = random.randint(1, 2)
        k = pick(nd, 1, 3)
        stride = pick(nd, 1, 3)
        dil = pick(nd, 1, 2)
        pad = pick(nd, 0, 1)
        opad = [random.randint(0, max(s, d) - 1) for s, d in zip(stride, dil)]
        L = pick(nd, 2, 4)
        batched = random.random() < 0.6
        xs = ([random.randint(1, 2)] if batched else []) + [cin] + L
        ins = {'x': rnd(*xs), 'w': rnd(cin, cout_g, *k)}
        bias = random.random() < 0.5
        if bias:
            ins['b'] = rnd(cout_g * g)
        kw = {}
        if stride != [1] * nd:
            kw['stride'] = param(stride)
        if pad != [0] * nd:
            kw['padding'] = param(pad)
        if opad != [0] * nd:
            kw['output_padding'] = param(opad)
        if g != 1:
            kw['groups'] = g
        if dil != [1] * nd:
            kw['dilation'] = param(dil)
        args = [T('x'), T('w')] + ([T('b')] if bias else [])
        tk = {k2: tval(v) for k2, v in kw.items()}
        f = CONVT[nd]
        made += add_case(f'conv_transpose{nd}d', args, kw, ins,
                         lambda f=f, tk=tk, bias=bias, **t: f(t['x'], t['w'], t['b'] if bias else None, **tk))

POOL = {('max', 1): F.max_pool1d, ('max', 2): F.max_pool2d, ('avg', 1): F.avg_pool1d, ('avg', 2): F.avg_pool2d}
for (kind, nd), f in POOL.items():
    made = 0
    while made < 38:
        k = pick(nd, 1, 3)
        kw = {}
        args = [T('x'), param(k)]
        tk = {'kernel_size': tval(args[1])}
        if random.random() < 0.6:
            s = pick(nd, 1, 3)
            kw['stride'] = param(s)
        p = [random.randint(0, kk // 2) for kk in k]
        if any(p):
            kw['padding'] = param(p)
        if kind == 'max' and random.random() < 0.3:
            kw['dilation'] = param(pick(nd, 1, 2))
        if random.random() < 0.35:
            kw['ceil_mode'] = True
        if kind == 'avg' and random.random() < 0.3 and any(p):
            kw['count_include_pad'] = False
        tk.update({k2: tval(v) for k2, v in kw.items()})
        L = pick(nd, 3, 7)
        batched = random.random() < 0.6
        xs = ([random.randint(1, 2)] if batched else []) + [random.randint(1, 2)] + L
        made += add_case(f'{kind}_pool{nd}d', args, kw, {'x': rnd(*xs)}, lambda x, f=f, tk=tk: f(x, **tk))

# ---------- constructors (values only) ----------
for _ in range(6):
    s = rshape(rank=random.randint(1, 3))
    add_case('zeros', list(s), {}, {}, lambda s=s: torch.zeros(*s))
    add_case('ones', [{'tuple': s}], {}, {}, lambda s=s: torch.ones(*s))
for _ in range(6):
    a, b = random.randint(-3, 3), random.randint(4, 9)
    st = random.choice([1, 2, 3])
    add_case('arange', [a, b, st], {}, {}, lambda a=a, b=b, st=st: torch.arange(a, b, st, dtype=torch.float64))
    add_case('arange', [b], {}, {}, lambda b=b: torch.arange(b, dtype=torch.float64))
    n, m = random.randint(1, 4), random.randint(1, 4)
    add_case('eye', [n, m], {}, {}, lambda n=n, m=m: torch.eye(n, m))

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, 'w') as fh:
    json.dump({'generator': 'tools/golden/ops.py', 'torch': torch.__version__, 'cases': cases}, fh, separators=(',', ':'))
print(f'{len(cases)} cases -> {os.path.relpath(OUT, ROOT)} ({os.path.getsize(OUT) // 1024} KB)')
