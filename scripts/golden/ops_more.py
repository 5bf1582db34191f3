"""ops_more.json: the torch.* function forms and the op families learners reach for after the
seed lesson (issue 15 section 2): reductions as functions, scans, ordering, rearranging,
pointwise extras, einsum and linalg. Same case format as ops.py (see its docstring);
engine/test/ops_more_table.ts has the same OPS table in TypeScript.
"""
import torch

from common import OpCases, randn, rand, write

T = torch.tensor
L = lambda *v: torch.tensor(v, dtype=torch.int64)


def fn(name):
    return lambda xs, a, k: getattr(torch, name)(*xs, *a, **k)


def method(name):
    return lambda xs, a, k: getattr(xs[0], name)(*xs[1:], *a, **k)


def linalg(name):
    return lambda xs, a, k: getattr(torch.linalg, name)(*xs, *a, **k)


FNS = ['max', 'min', 'argmax', 'argmin', 'amax', 'amin', 'var', 'std', 'var_mean', 'std_mean', 'all', 'any',
       'isclose', 'cumsum', 'cumprod', 'sort', 'argsort', 'topk', 'kthvalue', 'unique', 'median', 'mode', 'nansum',
       'broadcast_to', 'movedim', 'moveaxis', 'repeat_interleave', 'take', 'flip', 'roll', 'tril_indices',
       'triu_indices', 'lerp', 'log10', 'log2', 'addcmul', 'addcdiv', 'frac', 'trunc', 'sign', 'floor_divide',
       'remainder', 'fmod', 'norm', 'einsum_', 'meshgrid']
METHODS = ['amax', 'amin', 'all', 'any', 'cumsum', 'cumprod', 'sort', 'argsort', 'topk', 'kthvalue', 'median',
           'mode', 'nansum', 'broadcast_to', 'movedim', 'repeat_interleave', 'lerp', 'log10', 'addcmul', 'addcdiv',
           'frac', 'floor_divide', 'var_mean_m']
OPS = {
    **{'torch.' + n: fn(n) for n in FNS},
    **{'Tensor.' + n: method(n) for n in METHODS},
    'torch.einsum': lambda xs, a, k: torch.einsum(a[0], *xs),
    **{'linalg.' + n: linalg(n) for n in ['norm', 'vector_norm', 'matrix_norm', 'inv', 'det', 'solve']},
    'torch.meshgrid': lambda xs, a, k: torch.meshgrid(*xs, **k),
}

def enc_kw(a):
    # a dtype keyword is written as its name ('float64'), which the engine accepts too
    if isinstance(a, dict):
        return {k: (str(v).replace('torch.', '') if isinstance(v, torch.dtype) else v) for k, v in a.items()}
    return a


_cases = OpCases(OPS, 5000, enc_kw)
cases, next_seed, case, x_ = _cases.cases, _cases.next_seed, _cases.case, _cases.x_


def pos(*shape, dtype=torch.float32):
    return rand(*shape, seed=next_seed(), dtype=dtype) + 0.5


def ints(*shape, scale=1.5):
    return torch.round(randn(*shape, seed=next_seed()) * scale)


# ---- 1. torch.* function forms of the reductions ----------------------------------------------
X = x_(3, 4)
case('torch.max/all', 'torch.max', [X])
case('torch.max/dim', 'torch.max', [X], [1])
case('torch.max/dim_keepdim_kw', 'torch.max', [X], [0], {'keepdim': True})
case('torch.max/binary', 'torch.max', [X, x_(4)])
case('torch.min/all', 'torch.min', [X])
case('torch.min/dim', 'torch.min', [X], [-1])
case('torch.min/binary', 'torch.min', [x_(2, 1), x_(3)])
case('torch.argmax/all', 'torch.argmax', [X], grad=False)
case('torch.argmax/dim_keepdim', 'torch.argmax', [X], [1], {'keepdim': True}, grad=False)
case('torch.argmin/dim', 'torch.argmin', [X], [0], grad=False)
case('torch.amax/dims', 'torch.amax', [x_(2, 3, 4)], [[0, 2]])
case('torch.amin/keepdim', 'torch.amin', [X], [1], {'keepdim': True})
case('Tensor.amax/kw', 'Tensor.amax', [X], [], {'dim': 0, 'keepdim': True})
case('Tensor.amin/dim', 'Tensor.amin', [X], [-1])
case('torch.var/default', 'torch.var', [X])
case('torch.var/dim_unbiased_false', 'torch.var', [X], [1], {'unbiased': False})
case('torch.var/correction0_keepdim', 'torch.var', [X], [0], {'correction': 0, 'keepdim': True})
case('torch.std/dim', 'torch.std', [X], [1])
case('torch.var_mean/dim', 'torch.var_mean', [X], [1])
case('torch.var_mean/all_unbiased_false', 'torch.var_mean', [X], [], {'unbiased': False})
case('torch.std_mean/keepdim', 'torch.std_mean', [X], [0], {'keepdim': True})
B = T([[True, False, True], [True, True, True]])
case('torch.all/all', 'torch.all', [B], grad=False)
case('torch.all/dim', 'torch.all', [B], [1], grad=False)
case('torch.any/dim_keepdim', 'torch.any', [B.logical_not()], [0], {'keepdim': True}, grad=False)
case('torch.all/float', 'torch.all', [T([[1.0, 0.0], [2.0, -1.0]])], [0], grad=False)
case('Tensor.any/kw', 'Tensor.any', [B], [], {'dim': 1}, grad=False)
case('torch.isclose/default', 'torch.isclose', [T([1.0, 1.0, float('nan'), float('inf'), 0.0]), T([1.0 + 1e-6, 1.1, float('nan'), float('inf'), 1e-9])], grad=False)
case('torch.isclose/equal_nan_atol', 'torch.isclose', [T([1.0, float('nan'), 0.0]), T([1.05, float('nan'), 0.01])], [], {'atol': 0.02, 'equal_nan': True}, grad=False)

# ---- 2. scans and ordering ----------------------------------------------------------------------
case('torch.cumsum/dim1', 'torch.cumsum', [X], [1])
case('torch.cumsum/dim0', 'torch.cumsum', [x_(3, 2, 2)], [0])
case('torch.cumsum/int', 'torch.cumsum', [L(1, 2, 3, -4)], [0])
case('torch.cumsum/bool', 'torch.cumsum', [T([True, False, True])], [0])
case('torch.cumsum/dtype', 'torch.cumsum', [L(1, 2, 3)], [0], {'dtype': torch.float64})
case('Tensor.cumsum/neg_dim', 'Tensor.cumsum', [X], [-1])
case('torch.cumprod/dim1', 'torch.cumprod', [pos(3, 4)], [1])
case('torch.cumprod/with_zero', 'torch.cumprod', [T([[1.5, 0.0, 2.0, -1.0], [0.0, 3.0, 0.0, 0.5]])], [1])
case('Tensor.cumprod/dim0', 'Tensor.cumprod', [x_(3, 2)], [0])
case('torch.cumprod/int', 'torch.cumprod', [L(1, -2, 3)], [0])
S = x_(3, 5)
case('torch.sort/default', 'torch.sort', [S])
case('torch.sort/dim0_desc', 'torch.sort', [S], [0], {'descending': True})
case('torch.sort/stable_ties', 'torch.sort', [T([2.0, 1.0, 2.0, 1.0, 0.0])], [], {'stable': True}, kink=True)
case('torch.sort/stable_desc_ties', 'torch.sort', [T([2.0, 1.0, 2.0, 1.0, 0.0])], [], {'stable': True, 'descending': True}, kink=True)
case('torch.sort/nan', 'torch.sort', [T([3.0, float('nan'), 1.0, 2.0])], grad=False)
case('torch.sort/nan_desc', 'torch.sort', [T([3.0, float('nan'), 1.0, 2.0])], [], {'descending': True}, grad=False)
case('Tensor.sort/int', 'Tensor.sort', [L(3, -1, 2)], [], {'descending': True})
case('torch.argsort/dim1', 'torch.argsort', [S], [1], grad=False)
case('Tensor.argsort/desc', 'Tensor.argsort', [S], [], {'dim': 0, 'descending': True}, grad=False)
case('torch.topk/k2', 'torch.topk', [S], [2])
case('torch.topk/smallest_dim0', 'torch.topk', [S], [2], {'dim': 0, 'largest': False})
case('Tensor.topk/k3', 'Tensor.topk', [x_(7)], [3])
case('torch.kthvalue/k2', 'torch.kthvalue', [S], [2])
case('torch.kthvalue/dim0_keepdim', 'torch.kthvalue', [S], [3, 0, True])
case('Tensor.kthvalue/1d', 'Tensor.kthvalue', [x_(6)], [4])
case('torch.median/all_odd', 'torch.median', [x_(5)])
case('torch.median/all_even', 'torch.median', [x_(2, 3)])
case('torch.median/ties', 'torch.median', [T([1.0, 2.0, 2.0, 3.0])], kink=True)
case('torch.median/dim', 'torch.median', [S], [1])
case('Tensor.median/dim0_keepdim', 'Tensor.median', [S], [0], {'keepdim': True})
case('torch.median/nan', 'torch.median', [T([3.0, float('nan'), 1.0])], grad=False)
M = ints(4, 6, scale=1.0)
case('torch.mode/dim1', 'torch.mode', [M], [1], kink=True)
case('torch.mode/1d', 'torch.mode', [T([1.0, 3, 3, 1, 2, 1, 3])], kink=True)
case('Tensor.mode/dim0_keepdim', 'Tensor.mode', [M], [0, True], kink=True)
U = L(3, 1, 3, 2, 1, 0, 3)
case('torch.unique/default', 'torch.unique', [U], grad=False)
case('torch.unique/inverse_counts', 'torch.unique', [U.view(1, 7)], [], {'return_inverse': True, 'return_counts': True}, grad=False)
case('torch.unique/float', 'torch.unique', [T([1.5, -1.0, 1.5, 2.0])], [], {'return_counts': True}, grad=False)
case('torch.unique/dim0', 'torch.unique', [T([[1, 2], [1, 2], [0, 5], [1, 0]])], [], {'dim': 0, 'return_inverse': True, 'return_counts': True}, grad=False)
case('torch.unique/dim1', 'torch.unique', [T([[1, 1, 0], [2, 2, 3]])], [], {'dim': 1}, grad=False)
N = T([[1.0, float('nan'), 2.0], [float('nan'), float('nan'), -1.0]])
case('torch.nansum/all', 'torch.nansum', [N], kink=True)
case('torch.nansum/dim', 'torch.nansum', [N], [1], kink=True)
case('Tensor.nansum/no_nan', 'Tensor.nansum', [X], [0])

# ---- 3. rearranging -------------------------------------------------------------------------------
case('torch.broadcast_to/row', 'torch.broadcast_to', [x_(3)], [[2, 3]])
case('Tensor.broadcast_to/lead', 'Tensor.broadcast_to', [x_(2, 1)], [[4, 2, 3]])
case('torch.movedim/int', 'torch.movedim', [x_(2, 3, 4)], [0, -1])
case('torch.movedim/list', 'torch.movedim', [x_(2, 3, 4, 5)], [[0, 1], [3, 1]])
case('torch.moveaxis/int', 'torch.moveaxis', [x_(2, 3, 4)], [2, 0])
case('Tensor.movedim/list', 'Tensor.movedim', [x_(2, 3, 4)], [[2, 0], [0, 1]])
case('torch.repeat_interleave/flat', 'torch.repeat_interleave', [x_(2, 2)], [2])
case('torch.repeat_interleave/dim', 'torch.repeat_interleave', [x_(2, 3)], [3], {'dim': 0})
case('torch.repeat_interleave/tensor_repeats', 'torch.repeat_interleave', [x_(3, 2)], [L(1, 0, 2)], {'dim': 0})
case('torch.repeat_interleave/counts_only', 'torch.repeat_interleave', [L(2, 0, 3)], grad=False)
case('Tensor.repeat_interleave/dim1', 'Tensor.repeat_interleave', [x_(2, 3)], [2], {'dim': 1})
case('torch.take/neg', 'torch.take', [x_(3, 4), L(0, 5, -1, 5)])
case('torch.take/2d_index', 'torch.take', [x_(2, 3), L(0, 1, 5, 4).view(2, 2)])
case('torch.flip/dims', 'torch.flip', [x_(2, 3, 2)], [[0, 2]])
case('torch.roll/flat', 'torch.roll', [x_(2, 3)], [2])
case('torch.roll/dims', 'torch.roll', [x_(3, 4)], [[1, -1], [0, 1]])
case('torch.tril_indices/square', 'torch.tril_indices', [], [3, 3], grad=False)
case('torch.tril_indices/offset', 'torch.tril_indices', [], [3, 4, 1], grad=False)
case('torch.triu_indices/neg_offset', 'torch.triu_indices', [], [4, 3], {'offset': -1}, grad=False)
case('torch.meshgrid/ij', 'torch.meshgrid', [x_(3), x_(2)], [], {'indexing': 'ij'})
case('torch.meshgrid/xy', 'torch.meshgrid', [x_(3), x_(2), x_(4)], [], {'indexing': 'xy'})

# ---- 4. pointwise -----------------------------------------------------------------------------------
case('torch.lerp/scalar_low', 'torch.lerp', [x_(2, 3), x_(2, 3)], [0.25])
case('torch.lerp/scalar_high', 'torch.lerp', [x_(3), x_(2, 3)], [0.75])
case('torch.lerp/tensor_weight', 'torch.lerp', [x_(2, 3), x_(2, 3), rand(2, 3, seed=next_seed())])
case('Tensor.lerp/one', 'Tensor.lerp', [x_(4), x_(4)], [1.0])
case('torch.log10/pos', 'torch.log10', [pos(2, 3) * 10])
case('Tensor.log10/method', 'Tensor.log10', [pos(4)])
case('torch.log2/pos', 'torch.log2', [pos(5)])
case('torch.addcmul/value', 'torch.addcmul', [x_(2, 3), x_(2, 3), x_(3)], [], {'value': 0.5})
case('Tensor.addcmul/default', 'Tensor.addcmul', [x_(3), x_(2, 3), x_(2, 3)])
case('torch.addcdiv/value', 'torch.addcdiv', [x_(2, 3), x_(2, 3), pos(2, 3)], [], {'value': -2})
case('Tensor.addcdiv/default', 'Tensor.addcdiv', [x_(3), x_(3), pos(3)])
F = T([-2.75, -1.5, -0.25, 0.0, 0.5, 1.25, 3.0])
case('torch.frac/mixed', 'torch.frac', [F], kink=True)
case('Tensor.frac/method', 'Tensor.frac', [x_(5) * 3])
case('torch.trunc/mixed', 'torch.trunc', [F], kink=True)
case('torch.sign/mixed', 'torch.sign', [F], kink=True)
case('torch.sign/int', 'torch.sign', [L(-3, 0, 4)])
case('torch.floor_divide/float', 'torch.floor_divide', [T([7.0, -7.0, 7.5, -0.5]), T([2.0, 2.0, -2.0, 3.0])], grad=False)
case('torch.floor_divide/int_scalar', 'torch.floor_divide', [L(7, -7, 0, 5)], [2], grad=False)
case('torch.floor_divide/int_int', 'torch.floor_divide', [L(7, -7, 9), L(-2, 2, 4)], grad=False)
case('Tensor.floor_divide/float_scalar', 'Tensor.floor_divide', [T([5.0, -5.0])], [3], grad=False)
case('torch.remainder/int_neg', 'torch.remainder', [L(7, -7, 7, -7), L(3, 3, -3, -3)], grad=False)
case('torch.remainder/float', 'torch.remainder', [x_(5) * 4, pos(5)])
case('torch.fmod/int_neg', 'torch.fmod', [L(7, -7, 7, -7), L(3, 3, -3, -3)], grad=False)
case('torch.fmod/float_scalar', 'torch.fmod', [x_(5) * 4], [1.5])
case('torch.remainder/int_scalar', 'torch.remainder', [L(-5, 5, 0)], [3], grad=False)

# ---- 5. einsum and linalg ------------------------------------------------------------------------------
case('torch.einsum/matmul', 'torch.einsum', [x_(2, 3), x_(3, 4)], ['ij,jk->ik'])
case('torch.einsum/implicit', 'torch.einsum', [x_(2, 3), x_(3, 4)], ['ij,jk'])
case('torch.einsum/trace', 'torch.einsum', [x_(3, 3)], ['ii->'])
case('torch.einsum/diagonal', 'torch.einsum', [x_(3, 3)], ['ii->i'])
case('torch.einsum/batch_diag', 'torch.einsum', [x_(2, 3, 3)], ['bii->b'])
case('torch.einsum/ellipsis_matmul', 'torch.einsum', [x_(2, 3, 4), x_(4, 5)], ['...ij,...jk->...ik'])
case('torch.einsum/ellipsis_implicit', 'torch.einsum', [x_(2, 3, 4), x_(4, 5)], ['...ij,...jk'])
case('torch.einsum/ellipsis_broadcast', 'torch.einsum', [x_(2, 1, 3), x_(4, 3)], ['...i,...i->...'])
case('torch.einsum/ellipsis_sum_lead', 'torch.einsum', [x_(2, 3, 4)], ['i...->...'])
case('torch.einsum/outer', 'torch.einsum', [x_(3), x_(4)], ['i,j->ij'])
case('torch.einsum/three', 'torch.einsum', [x_(2, 3), x_(3, 4), x_(4)], ['ij,jk,k->i'])
case('torch.einsum/bilinear_diag', 'torch.einsum', [x_(3, 3), x_(3)], ['ii,i->i'])
V = x_(2, 4)
case('linalg.vector_norm/default', 'linalg.vector_norm', [V])
case('linalg.vector_norm/ord1_dim', 'linalg.vector_norm', [V], [1], {'dim': 1})
case('linalg.vector_norm/inf_keepdim', 'linalg.vector_norm', [V], [float('inf')], {'dim': -1, 'keepdim': True})
case('linalg.vector_norm/ord3', 'linalg.vector_norm', [V], [3])
case('linalg.vector_norm/ord0', 'linalg.vector_norm', [T([1.0, 0.0, -2.0])], [0], grad=False)
case('linalg.vector_norm/neg_inf', 'linalg.vector_norm', [V], [float('-inf')], {'dim': 0})
case('linalg.vector_norm/zero', 'linalg.vector_norm', [torch.zeros(3)], kink=True)
A = x_(3, 3) + 3 * torch.eye(3)
case('linalg.matrix_norm/fro', 'linalg.matrix_norm', [x_(2, 3, 4)])
case('linalg.matrix_norm/ord1', 'linalg.matrix_norm', [x_(3, 4)], [1])
case('linalg.matrix_norm/inf_keepdim', 'linalg.matrix_norm', [x_(3, 4)], [float('inf')], {'keepdim': True})
case('linalg.matrix_norm/neg1', 'linalg.matrix_norm', [x_(3, 4)], [-1])
case('linalg.norm/flat', 'linalg.norm', [x_(2, 3)])
case('linalg.norm/dim', 'linalg.norm', [x_(2, 3)], [], {'dim': 1})
case('linalg.norm/matrix_ord_inf', 'linalg.norm', [x_(3, 3)], [float('inf')])
case('linalg.norm/vector_ord1', 'linalg.norm', [x_(4)], [1])
case('linalg.norm/two_dims', 'linalg.norm', [x_(2, 3, 4)], [], {'dim': (0, 2)})
case('torch.norm/default', 'torch.norm', [x_(2, 3)])
case('torch.norm/p1_dim', 'torch.norm', [x_(2, 3)], [1], {'dim': 1})
case('torch.norm/dim_keepdim', 'torch.norm', [x_(2, 3)], [], {'dim': 0, 'keepdim': True})
case('linalg.inv/3x3', 'linalg.inv', [A], tol={'rtol': 1e-4, 'atol': 1e-5})
case('linalg.inv/batch', 'linalg.inv', [x_(2, 2, 2) + 2 * torch.eye(2)], tol={'rtol': 1e-4, 'atol': 1e-5})
case('linalg.inv/float64', 'linalg.inv', [A.double()])
case('linalg.det/3x3', 'linalg.det', [A], tol={'rtol': 1e-4, 'atol': 1e-5})
case('linalg.det/batch', 'linalg.det', [x_(2, 3, 3)], tol={'rtol': 1e-4, 'atol': 1e-5})
case('linalg.det/singular', 'linalg.det', [T([[1.0, 2.0], [2.0, 4.0]])], grad=False, tol={'rtol': 1e-4, 'atol': 1e-5})
case('linalg.solve/vector', 'linalg.solve', [A, x_(3)], tol={'rtol': 1e-4, 'atol': 1e-5})
case('linalg.solve/matrix', 'linalg.solve', [A, x_(3, 2)], tol={'rtol': 1e-4, 'atol': 1e-5})
case('linalg.solve/batch_broadcast', 'linalg.solve', [x_(2, 3, 3) + 3 * torch.eye(3), x_(3, 2)], tol={'rtol': 1e-4, 'atol': 1e-5})

if __name__ == '__main__':
    write('ops_more.json', {'_script': __file__, 'cases': cases})
