"""lessons.json: the programs a learner writes in the lessons after the seed, run in PyTorch.

Programs from "Learn the Basics", the 60-minute blitz (CIFAR-10 CNN), *Deep Learning with
PyTorch* ch. 3-8, the sequence-models tutorial (a first LSTM) and common Q&A snippets
(lessons_basics.py, lessons_book.py, lessons_qa.py). Each program is a Python function that
returns the intermediate values that matter, by name: forward values, gradients, parameters
after optimiser steps, dtypes, shapes, grad_fn names, printed forms, errors (class and first
line). engine/test/lessons_*.ts keeps the same programs, by id, written in TypeScript with the
project's conventions; engine/test/lessons.test.ts compares them.

Random inputs and initial weights are drawn here with seeded generators and stored in the JSON
(`inputs`, `state_dicts`): both sides read the same numbers, so no case depends on PyTorch's
random stream. A value is encoded as:
  tensor      {"$t": {shape, dtype, data}, "grad_fn": name|null, "requires_grad": bool}
  torch.Size  {"$size": [...]}
  dtype       "torch.float32"
  error       {"$error": {"name": "RuntimeError", "message": first line}}
  lists, dicts, numbers, strings, booleans as themselves (non-finite floats as "nan"/"inf").
"""
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import _num, write  # noqa: E402

INPUTS = {}
STATE_DICTS = {}
CASES = {}

# Where PyTorch 2.x (which the engine follows) differs from 1.13: {case id: {key: 2.x's value}}.
CURRENT = {}


def enc(t):
    t = t.detach()
    return {'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', ''),
            'data': [_num(v, t.dtype) for v in t.reshape(-1).tolist()]}


def val(v):
    """The JSON form of a recorded value."""
    if isinstance(v, torch.Tensor):
        return {'$t': enc(v), 'grad_fn': type(v.grad_fn).__name__ if v.grad_fn is not None else None,
                'requires_grad': v.requires_grad}
    if isinstance(v, torch.Size):
        return {'$size': list(v)}
    if isinstance(v, torch.dtype):
        return str(v)
    if isinstance(v, (list, tuple)):
        return [val(x) for x in v]
    if isinstance(v, dict):
        return {str(k): val(x) for k, x in v.items()}
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return 'nan' if math.isnan(v) else ('inf' if v > 0 else '-inf')
    return v


def err(fn):
    """The error `fn` raises, as {name, message's first line}; a program that does not raise is a bug here."""
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the exception is the recorded value
        return {'$error': {'name': type(e).__name__, 'message': str(e).split('\n')[0]}}
    raise AssertionError('expected an error')


def fixed(name, t):
    """Registers a fixed input (stored in the JSON) and returns it."""
    INPUTS[name] = t.detach().clone()
    return t


def I(name):  # noqa: E743 - the same short name as the TypeScript side
    """A fresh copy of a fixed input."""
    return INPUTS[name].clone()


def fixed_sd(name, module):
    """Registers a module's (seeded) initial state_dict as a fixed input."""
    STATE_DICTS[name] = {k: v.detach().clone() for k, v in module.state_dict().items()}


def SD(name):
    return {k: v.clone() for k, v in STATE_DICTS[name].items()}


def randn(*shape, seed, dtype=torch.float32):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=dtype)


def rand(*shape, seed):
    return torch.rand(*shape, generator=torch.Generator().manual_seed(seed))


def wave(*shape, seed, scale=1.0):
    """Deterministic values both languages compute alike: scale * sin(seed + 0.7311 * i), in float64, then float32."""
    n = 1
    for d in shape:
        n *= d
    return torch.tensor([scale * math.sin(seed + 0.7311 * i) for i in range(n)], dtype=torch.float64).float().view(*shape)


def wave_init(module, seed):
    """Sets every parameter and buffer of `module` (state_dict order) to `wave` values scaled by 1/sqrt(fan_in),
    without storing them: big models (the blitz's CIFAR net) stay out of the JSON."""
    with torch.no_grad():
        for k, (name, t) in enumerate(module.state_dict().items()):
            fan_in = t.numel() // t.shape[0] if t.dim() > 1 else t.numel()
            t.copy_(wave(*t.shape, seed=seed + k, scale=1 / math.sqrt(fan_in)))
    return module


def lesson(fn):
    """Runs one program and records what it returns."""
    torch.manual_seed(0)
    CASES[fn.__name__] = val(fn())
    return fn


# The families: `python3 lessons.py` writes lessons.json from the first four modules; a later family
# has its own module and JSON (`python3 lessons.py r` imports lessons_r.py, writes lessons_r.json), so
# two sweeps never regenerate the same file. run_all.py runs every family.
FAMILIES = {'': ['lessons_basics', 'lessons_book', 'lessons_qa', 'lessons_more']}


def main(family=''):
    import importlib
    for mod in FAMILIES.get(family, [f'lessons_{family}']):
        importlib.import_module(mod)  # registering the cases is the import's effect
    for cid, cur in CURRENT.items():
        CASES[cid]['$current'] = {k: v if isinstance(v, dict) and '$error' in v else val(v) for k, v in cur.items()}
    write(f'lessons{"_" + family if family else ""}.json', {'_script': __file__,
                           'inputs': {k: enc(v) for k, v in INPUTS.items()},
                           'state_dicts': {n: {k: enc(v) for k, v in sd.items()} for n, sd in STATE_DICTS.items()},
                           'cases': CASES})


if __name__ == '__main__':
    sys.modules['lessons'] = sys.modules['__main__']
    main(sys.argv[1] if len(sys.argv) > 1 else '')
