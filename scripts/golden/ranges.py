"""Golden values for torch.linspace and torch.arange with float steps -> engine/test/golden/ranges.json.

PyTorch 1.13's CPU kernels (RangeFactoriesKernel.cpp, AVX2) fill 16 elements at a time as two
vectors, each one computed from a base (with a fused multiply-add) plus k * step, and the tail
one element at a time; linspace fills its second half from the end. Their float32 values differ
from start + i * step in the last bit for a third of the elements (torch.linspace(-pi, pi, 2000)
of "Learning PyTorch with Examples"), so the exact bits are kept here. One thread, and sizes
under ATen's grain size (32768), so the vectors start where a single-threaded run starts them."""
import math

import torch

from common import enc, write

torch.set_num_threads(1)

CASES = [
    ('linspace', (-math.pi, math.pi, 2000), {}),
    ('linspace', (0, 1, 20), {}),
    ('linspace', (-1, 1, 5), {}),
    ('linspace', (0, 10, 7), {}),
    ('linspace', (-3.3, 7.1, 101), {}),
    ('linspace', (0, 1, 100), {}),
    ('linspace', (3, 10, 1), {}),
    ('linspace', (3, 10, 0), {}),
    ('linspace', (10, -2.5, 33), {}),
    ('linspace', (0.1, 0.7, 17), {}),
    ('linspace', (-5, 5, 1000), {}),
    ('linspace', (-math.pi, math.pi, 2000), {'dtype': torch.float64}),
    ('linspace', (-3.3, 7.1, 101), {'dtype': torch.float64}),
    ('linspace', (0.1, 0.7, 17), {'dtype': torch.float64}),
    ('linspace', (0, 10, 7), {'dtype': torch.int64}),
    ('linspace', (-7, 20, 33), {'dtype': torch.int64}),
    ('linspace', (20, -7, 19), {'dtype': torch.int64}),
    ('arange', (0, 1, 0.1), {}),
    ('arange', (0, 2.5, 0.5), {}),
    ('arange', (-3.3, 7.1, 0.07), {}),
    ('arange', (1, 100, 0.37), {}),
    ('arange', (0, 0.3, 0.1), {}),
    ('arange', (5, 0, -1.5), {}),
    ('arange', (-math.pi, math.pi, 0.01), {}),
    ('arange', (0, 5), {'dtype': torch.float32}),
    ('arange', (-3.3, 7.1, 0.07), {'dtype': torch.float64}),
    ('arange', (1, 100, 0.37), {'dtype': torch.float64}),
    ('arange', (0.5, 40.2, 1.3), {'dtype': torch.int64}),
    ('arange', (0, 10, 3), {}),
    ('arange', (-1, 1, 0.25), {}),
]

cases = []
for fn, args, kwargs in CASES:
    out = getattr(torch, fn)(*args, **kwargs)
    cases.append({'fn': fn, 'args': list(args), 'dtype': str(kwargs.get('dtype', '')).replace('torch.', ''), 'output': enc(out)})

errors = {}
for key, f in [('arange_sign', lambda: torch.arange(0, 5, -1)), ('arange_sign_f', lambda: torch.arange(1, 0, 0.5)),
               ('linspace_neg', lambda: torch.linspace(0, 1, -1))]:
    try:
        f()
        errors[key] = None
    except Exception as e:  # noqa: BLE001 - the class and message are what is recorded
        errors[key] = {'type': type(e).__name__, 'message': str(e)}

write('ranges.json', {'_script': __file__, 'cases': cases, 'errors': errors})
