"""print.json: PyTorch 1.13's repr() strings for tensors, Parameters and torch.Size.

Case: {id, op, tensor: {shape, dtype, data}, requires_grad, expect}. The engine builds the tensor,
sets requires_grad, applies `op` (an entry of OPS below, mirrored in engine/test/print.test.ts) and
compares String(result) with `expect`.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from common import enc, randn, write

OPS = {
    'tensor': lambda t: t,
    'parameter': lambda t: nn.Parameter(t),
    'size': lambda t: t.shape,
    'add_self': lambda t: t + t,
    'add_scalar': lambda t: t + 2,
    'sub_scalar': lambda t: t - 1,
    'mul_scalar': lambda t: t * 2,
    'mul_self': lambda t: t * t,
    'div_scalar': lambda t: t / 4,
    'pow2': lambda t: t ** 2,
    'neg': lambda t: -t,
    'exp': lambda t: t.exp(),
    'tanh': lambda t: t.tanh(),
    'sigmoid': lambda t: t.sigmoid(),
    'relu': lambda t: t.relu(),
    'sum': lambda t: t.sum(),
    'sum_dim0': lambda t: t.sum(0),
    'mean': lambda t: t.mean(),
    'max': lambda t: t.max(),
    'mm_t': lambda t: t.mm(t.t()),
    'matmul_t': lambda t: t.matmul(t.t()),
    'view_flat': lambda t: t.view(-1),
    'reshape_flat': lambda t: t.reshape(-1),
    't': lambda t: t.t(),
    'unsqueeze0': lambda t: t.unsqueeze(0),
    'select0': lambda t: t[0],
    'slice01': lambda t: t[0:1],
    'clone': lambda t: t.clone(),
    'softmax1': lambda t: t.softmax(1),
    'log_softmax1': lambda t: t.log_softmax(1),
    'detach_add': lambda t: t.detach() + 1,
}

cases = []
# (1.13 text, 2.x text): reshape of a viewable tensor is a view in 2.x, ReshapeAlias was 1.13-only.
CURRENT_PYTORCH = [('ReshapeAliasBackward0', 'ViewBackward0')]


def case(id, data_or_tensor, op='tensor', requires_grad=False, dtype=None):
    t = data_or_tensor if isinstance(data_or_tensor, torch.Tensor) else torch.tensor(data_or_tensor, dtype=dtype)
    src = t.detach().clone()
    if requires_grad:
        t = t.detach().clone().requires_grad_(True)
    out = OPS[op](t)
    assert not any(c['id'] == id for c in cases), id
    rec = {'id': id, 'op': op, 'tensor': enc(src), 'requires_grad': requires_grad, 'expect': repr(out)}
    # Where PyTorch 2.x prints differently, the engine follows 2.x (DESIGN.md): record both.
    for old, new in CURRENT_PYTORCH:
        if old in rec['expect']:
            rec['expect_current'] = rec['expect'].replace(old, new)
    cases.append(rec)


nan, inf = math.nan, math.inf
# integer-valued floats, plain 4-decimal floats, negatives, widths
case('float/ints', [1.0, 2.0])
case('float/ints_neg', [-1.0, 20.0, 300.0])
case('float/ints_2d', [[1.0, 2.0], [3.0, 4.0]])
case('float/decimals', [1.5, 2.25, -3.125])
case('float/4dp_rounding', [0.1, 0.12345678, 2.0 / 3.0])
case('float/negatives_2d', [[-0.5, 1.25], [3.75, -10.125]])
case('float/mixed_width_2d', [[1.0, -123.5], [0.25, 42.0]])
case('float/3d', randn(2, 2, 3, seed=1))
case('float/3d_ints', torch.arange(12.0).view(2, 3, 2))
case('float/4d', randn(2, 1, 2, 2, seed=2))
case('float/randn_2d', randn(4, 5, seed=3))
case('float/scale_1000', randn(3, 3, seed=4) * 1000)
case('float/column', randn(8, 1, seed=5))
case('float/row', randn(1, 8, seed=6))
# scientific mode
case('sci/tiny', [1e-5, 1.0])
case('sci/huge', [1e10])
case('sci/huge_vector', [1e10, 2.5e10, -3e9])
case('sci/ratio_gt_1000', [0.001, 2.0, 5.0])
case('sci/ratio_lt_1000', [0.01, 2.0, 5.0])
case('sci/int_valued_big', [1e8, 1.0])
case('sci/int_valued_below_1e8', [1e7, 1.0])
case('sci/small_only', [1e-5, 2e-5])
case('sci/2d', [[1e-6, 1.0], [100.0, 12345.0]])
case('sci/0d', 1.2345e-8)
# edge cases of the formatter
case('edge/neg_zero', [-0.0, 1.0])
case('edge/neg_zero_decimal', [-0.0, 1.5])
case('edge/all_zero', [0.0, 0.0])
case('edge/round_up_width', [9.99995, 1.0])
case('edge/boundary_1e-4', [0.0001, 1.0])
case('edge/ratio_exactly_1000', [1.0, 1000.0])
case('edge/ratio_1000_decimal', [0.5, 500.0])
case('edge/mixed_sign_sci', [-1e-5, 3.0, -200.0])
case('edge/one_element_2d', [[5.0]])
case('edge/1x1x1', [[[0.5]]])
case('edge/float64_nan', [math.nan, 1.0], dtype=torch.float64)
case('edge/neg_inf_only', [-math.inf])
case('edge/int64_negative', [-5, 3, 0])
case('edge/int64_0d_negative', -7)
case('edge/empty_3d', torch.zeros(2, 0, 3))
case('edge/big_int_valued_float', [123456789.0])
case('edge/float_precision_values', [1.23456789, 12.3456789, 123.456789])
# non-finite
case('nonfinite/mixed', [nan, inf, -inf, 1.5])
case('nonfinite/ints', [1.0, nan, 3.0])
case('nonfinite/all_nan', [nan, nan])
case('nonfinite/inf_only', [inf, -inf])
# scalars
case('scalar/float', 3.5)
case('scalar/float_int_valued', 2.0)
case('scalar/neg', -0.123456)
case('scalar/int', 3)
case('scalar/bool', True)
case('scalar/float64', 1.5, dtype=torch.float64)
case('scalar/requires_grad', 1.25, requires_grad=True)
# dtypes
case('dtype/float64', [1.0, 2.5], dtype=torch.float64)
case('dtype/float64_2d', [[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64)
case('dtype/float64_requires_grad', [1.0, 2.0], dtype=torch.float64, requires_grad=True)
case('dtype/int64', [1, 2, 3])
case('dtype/int64_widths', [[1, 100], [-1000, 7]])
case('dtype/int64_2d', [[1, 2], [3, 4]])
case('dtype/bool', [True, False, True])
case('dtype/bool_2d', [[True, False], [False, True]])
# empty
case('empty/float', torch.tensor([]))
case('empty/0x3', torch.zeros(0, 3))
case('empty/2x0', torch.zeros(2, 0))
case('empty/int64', torch.tensor([], dtype=torch.int64))
case('empty/float64', torch.tensor([], dtype=torch.float64))
# summarised and wrapped
case('summary/arange_2000', torch.arange(2000.0))
case('summary/arange_1001_int', torch.arange(1001))
case('summary/arange_1000_not_summarised', torch.arange(1000.0))
case('summary/2d_40x40', randn(40, 40, seed=7))
case('summary/2d_3x500', randn(3, 500, seed=8))
case('summary/3d', torch.arange(2 * 30 * 20.0).view(2, 30, 20))
case('wrap/randn_30', randn(30, seed=9))
case('wrap/arange_50', torch.arange(50.0))
case('wrap/2d_3x20', randn(3, 20, seed=10))
case('wrap/int64_40', torch.arange(40) * 1000)
case('wrap/requires_grad', randn(12, seed=11), requires_grad=True)
# requires_grad and grad_fn
case('grad/requires_grad', [1.0, 2.0], requires_grad=True)
case('grad/requires_grad_2d', [[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
M = randn(2, 3, seed=12)
for op in ['add_self', 'add_scalar', 'sub_scalar', 'mul_scalar', 'mul_self', 'div_scalar', 'pow2', 'neg', 'exp',
           'tanh', 'sigmoid', 'relu', 'sum', 'sum_dim0', 'mean', 'max', 'mm_t', 'matmul_t', 'view_flat',
           'reshape_flat', 't', 'unsqueeze0', 'select0', 'slice01', 'clone', 'softmax1', 'log_softmax1',
           'detach_add']:
    case(f'grad_fn/{op}', M, op=op, requires_grad=True)
case('grad_fn/float64', [1.0, 2.0], op='mul_scalar', requires_grad=True, dtype=torch.float64)
# Parameter
case('parameter/1d', [-0.1537], op='parameter')
case('parameter/2d', randn(3, 2, seed=13), op='parameter')
case('parameter/long_row', randn(8, seed=14), op='parameter')
case('parameter/0d', 0.5, op='parameter')
# torch.Size
case('size/2d', torch.zeros(8, 1), op='size')
case('size/0d', torch.tensor(1.0), op='size')
case('size/1d', torch.zeros(3), op='size')
case('size/4d', torch.zeros(1, 3, 4, 4), op='size')

write('print.json', {'_script': __file__, 'cases': cases})
