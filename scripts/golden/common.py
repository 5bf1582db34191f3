"""Shared helpers for the golden-value scripts: tensor encoding and JSON output.

A tensor is stored as {"shape": [...], "dtype": "float32"|"float64"|"int64"|"bool", "data": [...]}
with `data` flat in row-major order. Non-finite floats are the strings "nan", "inf", "-inf"
(JSON has no literal for them). float32 values are written with the shortest decimal that
round-trips to the same float32, so JSON stays small and JS's Float32Array gets the exact bits.
Tensors inside argument lists are wrapped as {"$tensor": {...}}; slices as {"$slice": [a, b, c]};
Ellipsis as "..."; None stays null.
"""
import json
import math
import os

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.normpath(os.path.join(HERE, '..', '..', 'engine', 'test', 'golden'))

DTYPES = {torch.float32: 'float32', torch.float64: 'float64', torch.int64: 'int64', torch.bool: 'bool'}


def _num(v, dtype):
    """One element as JSON: bools and integers exact, floats as their dtype rounds them, nan/inf as strings."""
    if dtype == torch.bool:
        return bool(v)
    if not dtype.is_floating_point:
        return int(v)
    if math.isnan(v):
        return 'nan'
    if math.isinf(v):
        return 'inf' if v > 0 else '-inf'
    if dtype == torch.float32:
        return float(repr(np.float32(v)))
    return float(v)


def enc(t):
    """Encode a tensor as {shape, dtype, data}."""
    t = t.detach()
    if t.dtype not in DTYPES:
        raise TypeError(f'unsupported dtype {t.dtype}')
    flat = t.reshape(-1).tolist()
    return {'shape': list(t.shape), 'dtype': DTYPES[t.dtype], 'data': [_num(v, t.dtype) for v in flat]}


def enc_arg(a):
    """Encode a positional/keyword argument (tensors, slices, Ellipsis, lists, numbers)."""
    if isinstance(a, torch.Tensor):
        return {'$tensor': enc(a)}
    if isinstance(a, slice):
        return {'$slice': [a.start, a.stop, a.step]}
    if a is Ellipsis:
        return '...'
    if isinstance(a, (list, tuple)):
        return [enc_arg(x) for x in a]
    if isinstance(a, dict):
        return {k: enc_arg(v) for k, v in a.items()}
    if isinstance(a, float) and (math.isnan(a) or math.isinf(a)):
        return 'nan' if math.isnan(a) else ('inf' if a > 0 else '-inf')
    return a


def upstream(shape, seed, dtype=torch.float32):
    """A fixed, deterministic upstream gradient of the given shape."""
    g = torch.Generator().manual_seed(seed)
    return torch.randn(tuple(shape), generator=g, dtype=dtype)


def randn(*shape, seed, dtype=torch.float32):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(tuple(shape), generator=g, dtype=dtype)


def rand(*shape, seed, dtype=torch.float32):
    g = torch.Generator().manual_seed(seed)
    return torch.rand(tuple(shape), generator=g, dtype=dtype)


def write(name, payload):
    os.makedirs(OUT_DIR, exist_ok=True)
    path = os.path.join(OUT_DIR, name)
    doc = {'generated_by': f'scripts/golden/{os.path.basename(payload.pop("_script"))}',
           'torch': torch.__version__, **payload}
    with open(path, 'w') as f:
        json.dump(doc, f, separators=(',', ':'), allow_nan=False)
        f.write('\n')
    n = len(payload.get('cases', []))
    print(f'wrote {os.path.relpath(path)} ({os.path.getsize(path) // 1024} KiB, {n} cases)')


class OpCases:
    """The cases of one golden op file (ops_more.py, ops_extra.py): each records the inputs, the
    outputs and, for float inputs, the gradients of sum(output * upstream) with a seeded upstream.
    Seeds count up from `seed`, so a file's values do not move when another file changes."""

    def __init__(self, ops, seed, enc_kw=lambda k: k):
        self.ops = ops
        self.cases = []
        self.seed = seed
        self.enc_kw = enc_kw

    def next_seed(self):
        self.seed += 1
        return self.seed

    def case(self, id, op, inputs, args=(), kwargs=None, grad=True, tol=None, kink=False):
        kwargs = kwargs or {}
        xs = [x.detach().clone().requires_grad_(grad and x.is_floating_point()) for x in inputs]
        out = self.ops[op](xs, list(args), kwargs)
        multi = isinstance(out, (tuple, list))
        outs = list(out) if multi else [out]
        rec = {'id': id, 'op': op, 'inputs': [enc(x) for x in inputs], 'args': enc_arg(list(args)),
               'kwargs': enc_arg(self.enc_kw(kwargs)), 'outputs': [enc(o) for o in outs], 'multi': multi,
               'requires_grad': [o.requires_grad for o in outs]}
        if tol:
            rec['tol'] = tol
        if kink:
            rec['nondifferentiable'] = True
        if any(x.requires_grad for x in xs):
            ups = [upstream(o.shape, self.next_seed(), o.dtype) if o.requires_grad else None for o in outs]
            loss = sum((o * u).sum() for o, u in zip(outs, ups) if u is not None)
            if isinstance(loss, torch.Tensor):
                loss.backward()
                rec['upstream'] = [enc(u) if u is not None else None for u in ups]
                rec['grads'] = [enc(x.grad) if x.grad is not None else None for x in xs]
        assert not any(c['id'] == id for c in self.cases), id
        self.cases.append(rec)

    def x_(self, *shape, dtype=torch.float32):
        return randn(*shape, seed=self.next_seed(), dtype=dtype)
