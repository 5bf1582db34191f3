"""ops_t.json: the Tensor methods and torch functions learners port from tutorials and textbooks
that the engine gained in session 7 (task hT): PyTorch's second names (multiply, greater, clamp_min,
fix, swapdims, ger, inner, vdot, hsplit, …), in-place forms (eq_, cumsum_, tril_, clamp_min_, …),
special and binary math (asinh, erfc, lgamma, digamma, logit, xlogy, hypot, logaddexp, fmax,
float_power, copysign, sinc, nextafter, ldexp, gcd, bitwise ops, …), BLAS-style products and small
linear algebra (addmv, addr, baddbmm, addbmm, matrix_power, matrix_exp, slogdet, diagflat, renorm)
and reductions/writes (quantile, nanmedian, logcumsumexp, aminmax, cov, corrcoef, index_copy,
masked_scatter, put, fill_diagonal_, scatter_reduce, histogram, sum_to_size).
Same case format as ops_extra.py, plus each case's grad_fn name; engine/test/ops_t_table.ts has the
same OPS table.
"""
import warnings

import torch

from common import OpCases, rand, write

warnings.filterwarnings('ignore')
T = torch.tensor
L = lambda *v: torch.tensor(v, dtype=torch.int64)
F = lambda *v: torch.tensor(v, dtype=torch.float32)
NAN, INF = float('nan'), float('inf')


def fn(name):
    return lambda xs, a, k: getattr(torch, name)(*xs, *a, **k)


def method(name):
    return lambda xs, a, k: getattr(xs[0], name)(*xs[1:], *a, **k)


def inplace(name):
    """`x.clone().name_(…)`: the in-place form on a non-leaf, so gradients flow through it."""
    return lambda xs, a, k: getattr(xs[0].clone(), name)(*xs[1:], *a, **k)


FNS = ['multiply', 'subtract', 'divide', 'greater', 'less', 'greater_equal', 'less_equal', 'not_equal', 'negative',
       'absolute', 'arctan2', 'fix', 'swapdims', 'ger', 'inner', 'vdot', 'clamp_min', 'clamp_max', 'clamp',
       'hsplit', 'vsplit', 'dsplit', 'split_with_sizes',
       'asinh', 'acosh', 'atanh', 'arcsinh', 'arccosh', 'arctanh', 'erfc', 'lgamma', 'digamma', 'logit', 'deg2rad', 'rad2deg',
       'sgn', 'signbit', 'sinc', 'isposinf', 'isneginf', 'isreal', 'xlogy', 'hypot', 'logaddexp', 'logaddexp2', 'heaviside',
       'fmax', 'fmin', 'float_power', 'copysign', 'nextafter', 'ldexp', 'gcd', 'lcm', 'bitwise_and', 'bitwise_or',
       'bitwise_xor', 'bitwise_not', 'bitwise_left_shift', 'bitwise_right_shift',
       'addmv', 'addr', 'baddbmm', 'addbmm', 'matrix_power', 'matrix_exp', 'logdet', 'slogdet', 'diagflat', 'renorm',
       'quantile', 'nanquantile', 'nanmedian', 'msort', 'logcumsumexp', 'aminmax', 'cov', 'corrcoef', 'index_copy',
       'masked_scatter', 'scatter_reduce', 'histogram', 'svd', 'qr', 'cholesky', 'pinverse', 'angle', 'adjoint',
       'mvlgamma', 'i0', 'narrow_copy']
METHODS = ['multiply', 'greater', 'clamp_min', 'clamp_max', 'swapdims', 'ndimension', 'positive', 'fix', 'ger', 'inner',
           'vdot', 'hsplit', 'split_with_sizes', 'logit', 'xlogy', 'hypot', 'fmax', 'float_power', 'gcd', 'bitwise_and',
           'addmv', 'addr', 'baddbmm', 'matrix_power', 'renorm', 'quantile', 'nanmedian', 'aminmax', 'index_copy',
           'masked_scatter', 'put', 'scatter_reduce', 'sum_to_size', 'histogram', 'lgamma', 'erfc', 'sinc', 'cholesky',
           'pinverse', 'angle', 'unsafe_split', 'unsafe_chunk', 'index_reduce', 'polygamma', 'i0', 'qr']
INPLACE = ['clamp_min_', 'clamp_max_', 'clamp_', 'clip_', 'multiply_', 'subtract_', 'divide_', 'true_divide_', 'eq_', 'lt_',
           'greater_', 'not_equal_', 'logical_and_', 'logical_not_', 'cumsum_', 'cumprod_', 'tril_', 'triu_', 'rsqrt_',
           'exp2_', 'expm1_', 'erfc_', 'remainder_', 'fmod_', 'fix_', 'arctan2_', 'atan2_', 'asinh_', 'lgamma_', 'logit_',
           'xlogy_', 'hypot_', 'copysign_', 'addmm_', 'addmv_', 'addr_', 'baddbmm_', 'renorm_', 'index_copy_',
           'masked_scatter_', 'put_', 'fill_diagonal_', 'scatter_reduce_', 'swapaxes_', 'sgn_', 'deg2rad_', 'bitwise_or_']
OPS = {
    **{'torch.' + n: fn(n) for n in FNS},
    **{'Tensor.' + n: method(n) for n in METHODS},
    **{'inplace.' + n: inplace(n) for n in INPLACE},
    # src (differentiable) is an input, after dim and index: args are [dim, index, reduce]
    'torch.scatter_reduce': lambda xs, a, k: torch.scatter_reduce(xs[0], a[0], a[1], xs[1], a[2], **k),
    # polygamma(n, x): n first
    'torch.polygamma': lambda xs, a, k: torch.polygamma(a[0], xs[0], **k),
    # source (differentiable) is an input after dim and index: args are [dim, index, reduce]
    'Tensor.index_reduce': lambda xs, a, k: xs[0].index_reduce(a[0], a[1], xs[1], a[2], **k),
    # the singular values only (U and V's signs are unique only up to sign; linalg.py checks them sign-fixed)
    'svd.S': lambda xs, a, k: torch.svd(*xs, *a, **k).S,
    # cholesky of the symmetric part: a gradient a finite difference of each element can check
    # frexp's exponent is int32, which common.enc does not write: compared as int64 (the test checks the dtype)
    'frexp.long': lambda xs, a, k: (lambda r: (r.mantissa, r.exponent.long()))(torch.frexp(*xs, *a, **k)),
    'cholesky.sym': lambda xs, a, k: torch.cholesky((xs[0] + xs[0].mT) / 2, *a, **k),
}

_cases = OpCases(OPS, 9000)
cases, next_seed, x_ = _cases.cases, _cases.next_seed, _cases.x_


def case(id, op, inputs, args=(), kwargs=None, grad=True, tol=None, kink=False):
    _cases.case(id, op, inputs, args, kwargs, grad, tol, kink)
    xs = [x.detach().clone().requires_grad_(grad and x.is_floating_point()) for x in inputs]
    out = OPS[op](xs, list(args), kwargs or {})
    first = out[0] if isinstance(out, (tuple, list)) else out
    if isinstance(first, torch.Tensor) and first.grad_fn is not None:
        cases[-1]['grad_fn'] = first.grad_fn.name()


def unit(*shape):
    return rand(*shape, seed=next_seed()) * 1.8 - 0.9


def pos(*shape):
    return rand(*shape, seed=next_seed()) * 3 + 0.2


I1, I2 = L(12, -18, 7, 0), L(8, 12, 0, 5)

# ---- 1. aliases ------------------------------------------------------------------------------------
case('torch.multiply/broadcast', 'torch.multiply', [x_(2, 3), x_(3)])
case('torch.subtract/alpha', 'torch.subtract', [x_(4), x_(4)], [], {'alpha': 2})
case('torch.divide/floor', 'torch.divide', [x_(4) * 3, x_(4)], [], {'rounding_mode': 'floor'})
case('torch.divide/trunc_int', 'torch.divide', [L(7, -7, 5), L(2, 2, -3)], [], {'rounding_mode': 'trunc'}, grad=False)
case('torch.greater/scalar', 'torch.greater', [x_(5)], [0.1], grad=False)
case('torch.less/tensor', 'torch.less', [x_(2, 3), x_(3)], grad=False)
case('torch.greater_equal/int', 'torch.greater_equal', [L(1, 2, 3), L(2, 2, 2)], grad=False)
case('torch.less_equal/int', 'torch.less_equal', [L(1, 2, 3), 2.5 * torch.ones(3)], grad=False)
case('torch.not_equal/float', 'torch.not_equal', [F(1, 2, NAN), F(1, 3, NAN)], grad=False)
case('torch.negative/float', 'torch.negative', [x_(4)])
case('torch.absolute/float', 'torch.absolute', [F(-1.5, 2.0, -0.25)])
case('torch.arctan2/broadcast', 'torch.arctan2', [x_(2, 3), x_(3)])
case('torch.fix/float', 'torch.fix', [F(-1.5, 2.7, -0.2, 3.0)], kink=True)
case('torch.fix/int', 'torch.fix', [L(3, -4)], grad=False)
case('torch.swapdims/3d', 'torch.swapdims', [x_(2, 3, 4)], [0, 2])
case('torch.ger/vectors', 'torch.ger', [x_(3), x_(4)])
case('torch.inner/1d', 'torch.inner', [x_(4), x_(4)])
case('torch.inner/2d', 'torch.inner', [x_(2, 4), x_(3, 4)])
case('torch.inner/scalar', 'torch.inner', [T(2.5), x_(2, 3)])
case('torch.vdot/float', 'torch.vdot', [x_(5), x_(5)])
case('torch.vdot/int', 'torch.vdot', [L(1, 2), L(3, 4)], grad=False)
case('torch.clamp_min/scalar', 'torch.clamp_min', [x_(6)], [0.0])
case('torch.clamp_max/scalar', 'torch.clamp_max', [x_(6)], [0.2])
case('torch.clamp_min/tensor', 'torch.clamp_min', [x_(2, 3), x_(3)])
case('torch.clamp_max/tensor_int', 'torch.clamp_max', [x_(3), L(0, 1, -1)])
case('torch.clamp_min/int_float', 'torch.clamp_min', [L(1, 2, 3)], [1.5], grad=False)
case('torch.clamp/tensor_bounds', 'torch.clamp', [x_(2, 4), F(-0.5, -0.2, 0.0, 0.1), F(0.5, 0.2, 0.3, 0.1)])
case('torch.clamp/tensor_min_kw', 'torch.clamp', [x_(5)], [], {'min': torch.zeros(5)})
case('torch.clamp/crossed_bounds', 'torch.clamp', [F(-1.0, 0.5, 2.0), F(1.0, 1.0, 1.0), F(0.0, 0.0, 0.0)])
case('torch.hsplit/sections', 'torch.hsplit', [x_(3, 4)], [2])
case('torch.hsplit/indices', 'torch.hsplit', [x_(3, 4)], [[1, 3]])
case('torch.hsplit/1d', 'torch.hsplit', [x_(6)], [3])
case('torch.vsplit/indices', 'torch.vsplit', [x_(3, 4)], [[1]])
case('torch.dsplit/sections', 'torch.dsplit', [x_(2, 2, 4)], [2])
case('torch.split_with_sizes/dim1', 'torch.split_with_sizes', [x_(2, 5)], [[2, 3], 1])
case('Tensor.multiply/scalar', 'Tensor.multiply', [x_(3)], [2.5])
case('Tensor.greater/tensor', 'Tensor.greater', [x_(3), x_(3)], grad=False)
case('Tensor.clamp_min/kw', 'Tensor.clamp_min', [x_(4)], [], {'min': 0.1})
case('Tensor.clamp_max/tensor', 'Tensor.clamp_max', [x_(4), x_(4)])
case('Tensor.swapdims/neg', 'Tensor.swapdims', [x_(2, 3)], [-1, 0])
case('Tensor.positive/float', 'Tensor.positive', [x_(3)])
case('Tensor.fix/float', 'Tensor.fix', [x_(3) * 3])
case('Tensor.ger/vectors', 'Tensor.ger', [x_(2), x_(3)])
case('Tensor.inner/3d_1d', 'Tensor.inner', [x_(2, 3, 4), x_(4)])
case('Tensor.vdot/float', 'Tensor.vdot', [x_(3), x_(3)])
case('Tensor.hsplit/indices', 'Tensor.hsplit', [x_(2, 5)], [[2]])
case('Tensor.split_with_sizes/dim0', 'Tensor.split_with_sizes', [x_(5, 2)], [[1, 4]])
case('inplace.clamp_min_/scalar', 'inplace.clamp_min_', [x_(5)], [0.0])
case('inplace.clamp_max_/tensor', 'inplace.clamp_max_', [x_(2, 3), x_(3)])
case('inplace.clamp_/tensor', 'inplace.clamp_', [x_(4), F(-0.5, -0.5, 0.0, 0.0), F(0.5, 0.5, 0.5, 0.5)])
case('inplace.clip_/scalars', 'inplace.clip_', [x_(4)], [-0.3, 0.3])
case('inplace.multiply_/tensor', 'inplace.multiply_', [x_(2, 3), x_(3)])
case('inplace.subtract_/alpha', 'inplace.subtract_', [x_(3), x_(3)], [], {'alpha': 0.5})
case('inplace.divide_/floor', 'inplace.divide_', [x_(4) * 4, F(1.5, -2.0, 3.0, 0.5)], [], {'rounding_mode': 'floor'})
case('inplace.true_divide_/scalar', 'inplace.true_divide_', [x_(3)], [4.0])
case('inplace.eq_/scalar', 'inplace.eq_', [F(1.0, 2.0, 1.0)], [1.0])
case('inplace.lt_/int', 'inplace.lt_', [L(1, 2, 3)], [2], grad=False)
case('inplace.greater_/tensor', 'inplace.greater_', [x_(4), x_(4)])
case('inplace.not_equal_/scalar', 'inplace.not_equal_', [F(0.0, 1.0, 2.0)], [1.0])
case('inplace.logical_and_/int', 'inplace.logical_and_', [L(1, 0, 2), L(1, 1, 0)], grad=False)
case('inplace.logical_not_/float', 'inplace.logical_not_', [F(0.0, 1.5, -2.0)], grad=False)
case('inplace.cumsum_/dim1', 'inplace.cumsum_', [x_(2, 4)], [1])
case('inplace.cumsum_/int', 'inplace.cumsum_', [L(1, 2, 3)], [0], grad=False)
case('inplace.cumprod_/dim0', 'inplace.cumprod_', [x_(3, 2)], [0])
case('inplace.tril_/default', 'inplace.tril_', [x_(3, 3)])
case('inplace.triu_/diag', 'inplace.triu_', [x_(3, 4)], [1])
case('inplace.rsqrt_/pos', 'inplace.rsqrt_', [pos(4)])
case('inplace.exp2_/float', 'inplace.exp2_', [x_(4)])
case('inplace.expm1_/float', 'inplace.expm1_', [x_(4)])
case('inplace.erfc_/float', 'inplace.erfc_', [x_(4)])
case('inplace.remainder_/scalar', 'inplace.remainder_', [x_(5) * 3], [1.5])
case('inplace.fmod_/scalar', 'inplace.fmod_', [x_(5) * 3], [1.5])
case('inplace.fix_/float', 'inplace.fix_', [x_(3) * 3])
case('inplace.arctan2_/tensor', 'inplace.arctan2_', [x_(3), x_(3)])
case('inplace.atan2_/tensor', 'inplace.atan2_', [x_(3), x_(3)])
case('inplace.swapaxes_/2d', 'inplace.swapaxes_', [x_(2, 3)], [0, 1], grad=False)  # transpose_ with grad: a documented gap

# ---- 2. math ---------------------------------------------------------------------------------------
case('torch.asinh/wide', 'torch.asinh', [x_(6) * 3])
case('torch.asinh/tiny', 'torch.asinh', [F(1e-8, -3e-5, 0.0)])
case('torch.acosh/ge1', 'torch.acosh', [pos(5) + 1])
case('torch.acosh/below', 'torch.acosh', [F(0.5, 1.0, -2.0)], grad=False)
case('torch.atanh/unit', 'torch.atanh', [unit(5)])
case('torch.atanh/edges', 'torch.atanh', [F(1.0, -1.0, 2.0, 0.0)], grad=False)
case('torch.arcsinh/alias', 'torch.arcsinh', [x_(3)])
case('torch.arccosh/alias', 'torch.arccosh', [pos(3) + 1])
case('torch.arctanh/alias', 'torch.arctanh', [unit(3)])
case('torch.asinh/int', 'torch.asinh', [L(0, 1, -2)], grad=False)
case('torch.erfc/wide', 'torch.erfc', [x_(6) * 2])
case('torch.erfc/tail', 'torch.erfc', [F(3.5, 5.0, 9.0, -4.0, 0.0)], grad=False)
case('torch.erfc/float64', 'torch.erfc', [x_(4).double() * 3])
case('torch.lgamma/pos', 'torch.lgamma', [pos(6)])
case('torch.lgamma/neg', 'torch.lgamma', [F(-0.5, -1.5, -2.5, 0.1)], tol={'rtol': 1e-5, 'atol': 1e-5})
case('torch.lgamma/poles', 'torch.lgamma', [F(0.0, -1.0, -2.0, 1.0, 2.0, INF)], grad=False)
case('torch.lgamma/int', 'torch.lgamma', [L(1, 5, 12)], grad=False)
case('torch.lgamma/float64', 'torch.lgamma', [pos(4).double() * 10])
case('torch.digamma/pos', 'torch.digamma', [pos(6)], tol={'rtol': 1e-5, 'atol': 1e-5})
case('torch.digamma/neg', 'torch.digamma', [F(-0.5, -1.5, -2.25)], tol={'rtol': 1e-4, 'atol': 1e-4})
case('torch.digamma/poles', 'torch.digamma', [F(0.0, -1.0, 1.0)], grad=False)
case('torch.digamma/float64', 'torch.digamma', [pos(4).double()])
case('torch.logit/plain', 'torch.logit', [rand(5, seed=next_seed()) * 0.9 + 0.05])
case('torch.logit/eps', 'torch.logit', [F(0.0, 0.05, 0.5, 0.97, 1.0)], [0.1], kink=True)
case('torch.logit/eps_kw', 'torch.logit', [F(-0.5, 0.3, 1.5)], [], {'eps': 1e-6}, grad=False)
case('torch.deg2rad/float', 'torch.deg2rad', [x_(4) * 90])
case('torch.deg2rad/int', 'torch.deg2rad', [L(180, -90, 45)], grad=False)
case('torch.rad2deg/float', 'torch.rad2deg', [x_(4)])
case('torch.sgn/float', 'torch.sgn', [F(-2.0, 0.0, 3.0, -0.0)], grad=False)  # its zero gradient is an unallocated tensor in 1.13
case('torch.sgn/int', 'torch.sgn', [L(-2, 0, 3)], grad=False)
case('torch.signbit/float', 'torch.signbit', [F(-2.0, 0.0, -0.0, 3.0, -INF)], grad=False)
case('torch.signbit/int', 'torch.signbit', [L(-2, 0, 3)], grad=False)
case('torch.sinc/float', 'torch.sinc', [x_(6) * 2])
case('torch.sinc/zero_ints', 'torch.sinc', [F(0.0, 1.0, -2.0, 0.5)], kink=True, tol={'rtol': 1e-5, 'atol': 1e-6})
case('torch.sinc/int', 'torch.sinc', [L(0, 1, 2)], grad=False, tol={'rtol': 1e-5, 'atol': 1e-6})
case('torch.isposinf/float', 'torch.isposinf', [F(INF, -INF, 1.0, NAN)], grad=False)
case('torch.isneginf/float', 'torch.isneginf', [F(INF, -INF, 1.0, NAN)], grad=False)
case('torch.isreal/float', 'torch.isreal', [x_(3)], grad=False)
case('torch.xlogy/tensors', 'torch.xlogy', [x_(2, 3), pos(3)])
case('torch.xlogy/zeros', 'torch.xlogy', [F(0.0, 0.0, 1.0, 2.0), F(0.0, NAN, 0.0, 3.0)], grad=False)
case('torch.xlogy/scalar_other', 'torch.xlogy', [x_(4)], [3.0])
case('torch.xlogy/int', 'torch.xlogy', [L(0, 1, 2), L(5, 2, 3)], grad=False)
case('torch.hypot/broadcast', 'torch.hypot', [x_(2, 3), x_(3)])
case('torch.hypot/huge', 'torch.hypot', [F(3e30, 0.0, INF), F(4e30, 0.0, NAN)], grad=False)
case('torch.logaddexp/tensors', 'torch.logaddexp', [x_(2, 3) * 3, x_(3) * 3])
case('torch.logaddexp/extremes', 'torch.logaddexp', [F(-1000.0, 1000.0, -INF, INF, NAN), F(-1001.0, 999.0, -INF, INF, 1.0)], grad=False)
case('torch.logaddexp2/tensors', 'torch.logaddexp2', [x_(4) * 3, x_(4) * 3])
case('torch.heaviside/float', 'torch.heaviside', [F(-1.0, 0.0, 2.0, 0.0), T(0.5)], grad=False)
case('torch.heaviside/int', 'torch.heaviside', [L(-1, 0, 2), L(7, 8, 9)], grad=False)
case('torch.fmax/nan', 'torch.fmax', [F(1.0, NAN, 3.0, NAN, 2.0), F(2.0, 1.0, NAN, NAN, 2.0)], kink=True)
case('torch.fmin/nan', 'torch.fmin', [F(1.0, NAN, 3.0, NAN, 2.0), F(2.0, 1.0, NAN, NAN, 2.0)], kink=True)
case('torch.fmax/broadcast', 'torch.fmax', [x_(2, 3), x_(3)])
case('torch.fmin/int', 'torch.fmin', [L(1, 5), L(3, 2)], grad=False)
case('torch.float_power/scalar', 'torch.float_power', [x_(4)], [2])
case('torch.float_power/tensor', 'torch.float_power', [pos(3), x_(3)])
case('torch.float_power/int', 'torch.float_power', [L(2, 3)], [-1], grad=False)
case('torch.copysign/tensor', 'torch.copysign', [x_(5), F(1.0, -1.0, 0.0, -0.0, -2.0)], kink=True)
case('torch.copysign/scalar', 'torch.copysign', [x_(3)], [-1.0])
case('torch.copysign/int', 'torch.copysign', [L(1, -2, 3)], [-1], grad=False)
case('torch.nextafter/float', 'torch.nextafter', [F(1.0, 0.0, -2.0, 1.0), F(2.0, -1.0, 0.0, 1.0)], grad=False)
case('torch.nextafter/float64', 'torch.nextafter', [T([1.0, 0.0], dtype=torch.float64), T([0.0, 1.0], dtype=torch.float64)], grad=False)
case('torch.ldexp/int_exp', 'torch.ldexp', [x_(4), L(0, 1, -2, 5)])
case('torch.ldexp/int_both', 'torch.ldexp', [L(3, -1), L(2, 10)], grad=False)
case('torch.gcd/int', 'torch.gcd', [I1, I2], grad=False)
case('torch.lcm/int', 'torch.lcm', [I1, I2], grad=False)
case('torch.bitwise_and/int', 'torch.bitwise_and', [I1, I2], grad=False)
case('torch.bitwise_or/scalar', 'torch.bitwise_or', [I1], [3], grad=False)
case('torch.bitwise_xor/int', 'torch.bitwise_xor', [I1, I2], grad=False)
case('torch.bitwise_and/bool', 'torch.bitwise_and', [T([True, False, True]), T([True, True, False])], grad=False)
case('torch.bitwise_not/int', 'torch.bitwise_not', [I1], grad=False)
case('torch.bitwise_not/bool', 'torch.bitwise_not', [T([True, False])], grad=False)
case('torch.bitwise_left_shift/int', 'torch.bitwise_left_shift', [I1], [2], grad=False)
case('torch.bitwise_right_shift/int', 'torch.bitwise_right_shift', [I1, L(2, 1, 0, 3)], grad=False)
case('Tensor.logit/eps', 'Tensor.logit', [rand(4, seed=next_seed())], [1e-3])
case('Tensor.xlogy/tensor', 'Tensor.xlogy', [x_(3), pos(3)])
case('Tensor.hypot/tensor', 'Tensor.hypot', [x_(3), x_(3)])
case('Tensor.fmax/tensor', 'Tensor.fmax', [x_(3), x_(3)])
case('Tensor.float_power/scalar', 'Tensor.float_power', [pos(3)], [0.5])
case('Tensor.gcd/int', 'Tensor.gcd', [L(4, 9), L(6, 6)], grad=False)
case('Tensor.bitwise_and/int', 'Tensor.bitwise_and', [L(6, 5), L(3, 3)], grad=False)
case('Tensor.lgamma/pos', 'Tensor.lgamma', [pos(3)])
case('Tensor.erfc/float', 'Tensor.erfc', [x_(3)])
case('Tensor.sinc/float', 'Tensor.sinc', [x_(3)])
case('inplace.asinh_/float', 'inplace.asinh_', [x_(3)], grad=False)  # PyTorch 1.13: no derivative for the in-place form
case('inplace.lgamma_/pos', 'inplace.lgamma_', [pos(3)])
case('inplace.logit_/eps', 'inplace.logit_', [rand(3, seed=next_seed())], [0.01])
case('inplace.xlogy_/tensor', 'inplace.xlogy_', [x_(3), pos(3)])
case('inplace.hypot_/tensor', 'inplace.hypot_', [x_(3), x_(3)])
case('inplace.copysign_/scalar', 'inplace.copysign_', [x_(3)], [-1.0])
case('inplace.sgn_/float', 'inplace.sgn_', [x_(3)], grad=False)
case('inplace.deg2rad_/float', 'inplace.deg2rad_', [x_(3)])
case('inplace.bitwise_or_/int', 'inplace.bitwise_or_', [L(1, 2), L(4, 4)], grad=False)

# ---- 3. linear algebra ---------------------------------------------------------------------------------
case('torch.addmv/default', 'torch.addmv', [x_(2), x_(2, 4), x_(4)])
case('torch.addmv/beta_alpha', 'torch.addmv', [x_(2), x_(2, 3), x_(3)], [], {'beta': 0.5, 'alpha': 2})
case('torch.addmv/beta0_nan', 'torch.addmv', [F(NAN, 1.0), x_(2, 3), x_(3)], [], {'beta': 0}, grad=False)
case('torch.addr/default', 'torch.addr', [x_(2, 3), x_(2), x_(3)])
case('torch.addr/beta_alpha', 'torch.addr', [x_(3), x_(2), x_(3)], [], {'beta': 2, 'alpha': 3})
case('torch.baddbmm/broadcast', 'torch.baddbmm', [x_(2, 3), x_(4, 2, 5), x_(4, 5, 3)])
case('torch.baddbmm/alpha', 'torch.baddbmm', [x_(4, 2, 3), x_(4, 2, 5), x_(4, 5, 3)], [], {'beta': 0.5, 'alpha': -1})
case('torch.addbmm/default', 'torch.addbmm', [x_(2, 3), x_(4, 2, 5), x_(4, 5, 3)])
case('torch.addbmm/beta0', 'torch.addbmm', [x_(2, 3), x_(3, 2, 2), x_(3, 2, 3)], [], {'beta': 0, 'alpha': 2})
S = T([[2.0, 1.0, 0.5], [1.0, 3.0, -0.5], [0.5, -0.5, 1.5]])
case('torch.matrix_power/3', 'torch.matrix_power', [x_(3, 3)], [3])
case('torch.matrix_power/0', 'torch.matrix_power', [x_(2, 2)], [0])
case('torch.matrix_power/neg', 'torch.matrix_power', [S], [-2])
case('torch.matrix_power/batch', 'torch.matrix_power', [x_(2, 2, 2)], [2])
case('torch.matrix_exp/small', 'torch.matrix_exp', [x_(3, 3) * 0.3])
case('torch.matrix_exp/big', 'torch.matrix_exp', [S], tol={'rtol': 1e-5, 'atol': 1e-4})
case('torch.matrix_exp/batch', 'torch.matrix_exp', [x_(2, 2, 2)], tol={'rtol': 1e-5, 'atol': 1e-5})
case('torch.logdet/spd', 'torch.logdet', [S])
case('torch.logdet/negative_det', 'torch.logdet', [T([[1.0, 2.0], [2.0, 1.0]])], grad=False)
case('torch.slogdet/neg', 'torch.slogdet', [-S])
case('torch.slogdet/batch', 'torch.slogdet', [x_(2, 3, 3)])
case('torch.diagflat/1d', 'torch.diagflat', [x_(3)])
case('torch.diagflat/2d_offset', 'torch.diagflat', [x_(2, 2)], [-1])
case('torch.renorm/dim0', 'torch.renorm', [x_(3, 4) * 2], [2, 0, 1.0])
case('torch.renorm/p1_dim1', 'torch.renorm', [x_(2, 3) * 2], [1, 1, 0.5])
case('Tensor.addmv/method', 'Tensor.addmv', [x_(2), x_(2, 3), x_(3)])
case('Tensor.addr/method', 'Tensor.addr', [x_(2, 2), x_(2), x_(2)], [], {'alpha': 0.5})
case('Tensor.baddbmm/method', 'Tensor.baddbmm', [x_(2, 2, 2), x_(2, 2, 3), x_(2, 3, 2)])
case('Tensor.matrix_power/method', 'Tensor.matrix_power', [x_(2, 2)], [2])
case('Tensor.renorm/method', 'Tensor.renorm', [x_(2, 3) * 3], [2, 1, 1.0])
case('inplace.addmm_/alpha', 'inplace.addmm_', [x_(2, 3), x_(2, 4), x_(4, 3)], [], {'alpha': 0.5})
case('inplace.addmv_/default', 'inplace.addmv_', [x_(2), x_(2, 3), x_(3)])
case('inplace.addr_/default', 'inplace.addr_', [x_(2, 3), x_(2), x_(3)])
case('inplace.baddbmm_/default', 'inplace.baddbmm_', [x_(2, 2, 2), x_(2, 2, 3), x_(2, 3, 2)])
case('inplace.renorm_/default', 'inplace.renorm_', [x_(2, 3) * 3], [2, 0, 1.0])

# ---- 4. reductions and writes ----------------------------------------------------------------------------
Q = T([[1.0, 5.0, 2.0, 4.0], [NAN, 3.0, 4.0, -1.0], [NAN, NAN, NAN, NAN]])
case('torch.quantile/all', 'torch.quantile', [x_(3, 4)], [0.3])
case('torch.quantile/dim_keepdim', 'torch.quantile', [x_(3, 4)], [0.6], {'dim': 1, 'keepdim': True})
case('torch.quantile/q_tensor', 'torch.quantile', [x_(5, 2)], [F(0.0, 0.25, 1.0)], {'dim': 0})
case('torch.quantile/nan_lanes', 'torch.quantile', [Q], [0.5], {'dim': 1}, grad=False)
for interp in ['lower', 'higher', 'midpoint', 'nearest']:
    case(f'torch.quantile/{interp}', 'torch.quantile', [F(1.0, 2.0, 3.0, 4.0, 6.0, 7.0)], [F(0.1, 0.5, 0.7)], {'interpolation': interp}, grad=False)
case('torch.quantile/float64', 'torch.quantile', [x_(6).double()], [0.35])
case('torch.quantile/keepdim_all', 'torch.quantile', [x_(2, 3)], [0.5], {'keepdim': True})
case('torch.nanquantile/dim', 'torch.nanquantile', [Q], [0.4], {'dim': 1}, grad=False)
case('torch.nanquantile/all', 'torch.nanquantile', [Q[:2]], [0.5])
case('torch.nanmedian/all', 'torch.nanmedian', [Q[:2]])
case('torch.nanmedian/dim', 'torch.nanmedian', [Q[:2]], [1])
case('torch.nanmedian/keepdim', 'torch.nanmedian', [x_(3, 4)], [0], {'keepdim': True})
case('torch.msort/2d', 'torch.msort', [x_(4, 3)])
case('torch.logcumsumexp/dim1', 'torch.logcumsumexp', [x_(2, 4) * 3], [1])
case('torch.logcumsumexp/dim0', 'torch.logcumsumexp', [x_(3, 2)], [0])
case('torch.logcumsumexp/extremes', 'torch.logcumsumexp', [F(-1000.0, 0.0, -INF, 1000.0)], [0], grad=False)
case('torch.aminmax/all', 'torch.aminmax', [x_(3, 4)], grad=False)
case('torch.aminmax/dim', 'torch.aminmax', [L(1, 5, 3, 2).view(2, 2)], [], {'dim': 1, 'keepdim': True}, grad=False)
case('torch.cov/default', 'torch.cov', [x_(3, 5)])
case('torch.cov/correction0', 'torch.cov', [x_(2, 4)], [], {'correction': 0})
case('torch.cov/weights', 'torch.cov', [x_(2, 3)], [], {'fweights': L(1, 2, 1), 'aweights': F(0.5, 1.0, 1.0)})
case('torch.cov/1d', 'torch.cov', [x_(5)])
case('torch.cov/int', 'torch.cov', [L(1, 2, 3, 5).view(2, 2)], grad=False)
case('torch.corrcoef/default', 'torch.corrcoef', [x_(3, 6)])
case('torch.index_copy/dim0', 'torch.index_copy', [x_(4, 2)], [0, L(3, 1), torch.ones(2, 2) * 7])
case('torch.masked_scatter/broadcast', 'torch.masked_scatter', [x_(3, 2), T([True, False]), x_(4)])
case('torch.masked_scatter/2d', 'torch.masked_scatter', [x_(2, 3), T([[True, False, True], [False, True, True]]), x_(2, 3)])
for r in ['sum', 'prod', 'mean', 'amax', 'amin']:
    for inc in [True, False]:
        case(f'torch.scatter_reduce/{r}_{"self" if inc else "noself"}', 'torch.scatter_reduce',
             [F(1.0, 2.0, 3.0), F(5.0, 6.0, 7.0, 8.0, 5.0)], [0, L(0, 1, 0, 1, 0), r], {'include_self': inc}, kink=r in ('amax', 'amin'))
case('torch.scatter_reduce/2d_dim1', 'torch.scatter_reduce', [x_(2, 3), x_(2, 4)], [1, L(0, 2, 2, 1, 1, 1, 0, 0).view(2, 4), 'sum'])
case('torch.scatter_reduce/prod_zero', 'torch.scatter_reduce', [F(2.0, 3.0), F(0.0, 4.0, 0.0, 5.0)], [0, L(0, 0, 1, 1), 'prod'])
case('torch.scatter_reduce/int_mean', 'torch.scatter_reduce', [L(1, 2, 3), L(4, 5)], [0, L(0, 0), 'mean'], grad=False)
case('torch.histogram/range', 'torch.histogram', [F(1.0, 2.0, 1.0, 2.5, -1.0, 3.0)], [4], {'range': (0.0, 3.0)}, grad=False)
case('torch.histogram/edges_weight_density', 'torch.histogram', [F(1.0, 2.0, 1.0, 0.5)], [F(0.0, 1.0, 2.0, 3.0)], {'weight': F(1.0, 2.0, 4.0, 1.0), 'density': True}, grad=False)
case('torch.histogram/auto', 'torch.histogram', [x_(20)], [5], grad=False)
case('Tensor.quantile/method', 'Tensor.quantile', [x_(7)], [0.9])
case('Tensor.nanmedian/method', 'Tensor.nanmedian', [Q[:2]])
case('Tensor.aminmax/method', 'Tensor.aminmax', [x_(4)], [], {'dim': 0}, grad=False)
case('Tensor.masked_scatter/method', 'Tensor.masked_scatter', [x_(2, 2), T([[False, True], [True, True]]), x_(3)])
case('Tensor.put/accumulate', 'Tensor.put', [x_(2, 2), L(0, -1, 0), x_(3)], [], {'accumulate': True})
case('Tensor.put/plain', 'Tensor.put', [x_(4), L(3, 1), x_(2)])
case('Tensor.sum_to_size/varargs', 'Tensor.sum_to_size', [x_(2, 3, 4)], [3, 1])
case('Tensor.sum_to_size/list', 'Tensor.sum_to_size', [x_(2, 3)], [[1, 3]])
case('Tensor.histogram/method', 'Tensor.histogram', [F(0.1, 0.4, 0.6, 0.9)], [2], grad=False)
case('inplace.index_copy_/dim0', 'inplace.index_copy_', [x_(3, 2)], [0, L(2), torch.full((1, 2), 5.0)])
case('inplace.masked_scatter_/method', 'inplace.masked_scatter_', [x_(2, 2), T([[True, False], [False, True]]), x_(2)])
case('inplace.put_/plain', 'inplace.put_', [x_(4), L(0, 2), x_(2)])
case('inplace.fill_diagonal_/square', 'inplace.fill_diagonal_', [x_(3, 3)], [0.5])
case('inplace.fill_diagonal_/tall_wrap', 'inplace.fill_diagonal_', [x_(5, 2)], [2.0], {'wrap': True})
case('inplace.fill_diagonal_/tall', 'inplace.fill_diagonal_', [x_(5, 2)], [2.0])
case('inplace.fill_diagonal_/cube', 'inplace.fill_diagonal_', [x_(2, 2, 2)], [1.0])

# ---- 5. older names (torch.svd/qr/cholesky, pinverse), real-only complex names, polygamma family ----------
SPD = T([[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]])
case('svd.S/some', 'svd.S', [x_(4, 3)])
case('svd.S/full', 'svd.S', [x_(3, 4)], [False])
case('torch.qr/reduced', 'torch.qr', [x_(4, 3)])
case('Tensor.qr/complete', 'Tensor.qr', [x_(3, 2)], [False], grad=False)
case('cholesky.sym/lower', 'cholesky.sym', [SPD])
case('cholesky.sym/upper', 'cholesky.sym', [SPD], [True])
case('Tensor.cholesky/upper', 'Tensor.cholesky', [SPD], [True], grad=False)
case('torch.pinverse/rect', 'torch.pinverse', [x_(3, 2)])
case('Tensor.pinverse/rcond', 'Tensor.pinverse', [T([[1.0, 2.0], [2.0, 4.0]])], [], {'rcond': 1e-6}, grad=False)
case('torch.angle/float', 'torch.angle', [F(-1.0, 0.0, 2.0, NAN, -0.5)], kink=True)
case('torch.angle/int', 'torch.angle', [L(-1, 0, 2)], grad=False)
case('Tensor.angle/float', 'Tensor.angle', [x_(3)])
case('torch.adjoint/3d', 'torch.adjoint', [x_(2, 3, 4)])
case('torch.narrow_copy/dim1', 'torch.narrow_copy', [x_(2, 4)], [1, 1, 2], grad=False)  # 1.13: no derivative
case('Tensor.unsafe_split/size', 'Tensor.unsafe_split', [x_(5, 2)], [2])
case('Tensor.unsafe_chunk/chunks', 'Tensor.unsafe_chunk', [x_(5, 2)], [2, 1])
for r in ['prod', 'mean', 'amax', 'amin']:
    case(f'Tensor.index_reduce/{r}', 'Tensor.index_reduce', [x_(3, 2), x_(4, 2)], [0, L(0, 2, 0, 0), r], kink=r in ('amax', 'amin'))
case('Tensor.index_reduce/mean_noself', 'Tensor.index_reduce', [x_(2, 3), x_(2, 2)], [1, L(2, 2), 'mean'], {'include_self': False})
for n in [0, 1, 2, 3]:
    case(f'torch.polygamma/n{n}', 'torch.polygamma', [pos(4)], [n], tol={'rtol': 1e-4, 'atol': 1e-4})
case('Tensor.polygamma/n1', 'Tensor.polygamma', [pos(3) + 1], [1], tol={'rtol': 1e-4, 'atol': 1e-4})
case('torch.mvlgamma/p2', 'torch.mvlgamma', [pos(4) + 1], [2], tol={'rtol': 1e-5, 'atol': 1e-5})
case('torch.mvlgamma/p3_kw', 'torch.mvlgamma', [pos(3) + 2], [], {'p': 3}, tol={'rtol': 1e-5, 'atol': 1e-5})
case('torch.i0/wide', 'torch.i0', [x_(6) * 3])
case('Tensor.i0/float64', 'Tensor.i0', [x_(3).double()])
case('frexp.long/float', 'frexp.long', [F(8.0, 0.0, -3.5, 0.3, INF, NAN, 1e-40, -0.0, 0.75)], grad=False)
case('frexp.long/grad', 'frexp.long', [x_(5) * 10])
case('frexp.long/float64', 'frexp.long', [x_(3).double() * 1e5])

if __name__ == '__main__':
    write('ops_t.json', {'_script': __file__, 'cases': cases})
