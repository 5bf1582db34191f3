"""ops_extra.json: the torch.* names added to raise coverage past the seed (issue 15 section 3):
trigonometric/hyperbolic extras, erfinv, nan_to_num, rearranging (dstack, tensor_split, rot90,
diag_embed, cartesian_prod, combinations), counting and searching (cummax, nanmean, bincount,
histc, searchsorted, bucketize, unique_consecutive) and products (cross, cdist, tensordot, kron).
Same case format as ops_more.py; engine/test/ops_extra_table.ts has the same OPS table.
"""
import torch

from common import OpCases, rand, write

T = torch.tensor
L = lambda *v: torch.tensor(v, dtype=torch.int64)


def fn(name):
    return lambda xs, a, k: getattr(torch, name)(*xs, *a, **k)


def method(name):
    return lambda xs, a, k: getattr(xs[0], name)(*xs[1:], *a, **k)


FNS = ['tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'exp2', 'erfinv', 'nan_to_num', 'clip', 'true_divide',
       'dstack', 'tensor_split', 'fliplr', 'flipud', 'rot90', 'diag_embed', 'broadcast_tensors', 'cartesian_prod',
       'combinations', 'cummax', 'cummin', 'nanmean', 'count_nonzero', 'unique_consecutive', 'bincount', 'histc',
       'searchsorted', 'bucketize', 'cross', 'cdist', 'tensordot', 'kron', 'logspace']
METHODS = ['tan', 'asin', 'nan_to_num', 'tensor_split', 'rot90', 'cummax', 'nanmean', 'bincount', 'kron', 'cross']
OPS = {
    **{'torch.' + n: fn(n) for n in FNS},
    **{'Tensor.' + n: method(n) for n in METHODS},
    'torch.dstack': lambda xs, a, k: torch.dstack(xs),
}

_cases = OpCases(OPS, 7000)
cases, next_seed, case, x_ = _cases.cases, _cases.next_seed, _cases.case, _cases.x_


def unit(*shape):
    return rand(*shape, seed=next_seed()) * 1.8 - 0.9


# ---- 1. unary ------------------------------------------------------------------------------------
case('torch.tan/small', 'torch.tan', [x_(2, 3)])
case('torch.asin/unit', 'torch.asin', [unit(5)])
case('torch.asin/outside', 'torch.asin', [T([-1.5, 1.0, 2.0, float('nan')])], grad=False)
case('torch.acos/unit', 'torch.acos', [unit(2, 3)])
case('torch.atan/wide', 'torch.atan', [x_(5) * 4])
case('torch.sinh/wide', 'torch.sinh', [x_(5) * 2])
case('torch.cosh/wide', 'torch.cosh', [x_(5) * 2])
case('torch.exp2/mixed', 'torch.exp2', [x_(4) * 3])
case('torch.exp2/int', 'torch.exp2', [L(0, 1, 3, -1)])
case('torch.erfinv/unit', 'torch.erfinv', [unit(6)], tol={'rtol': 1e-5, 'atol': 1e-6})
case('torch.erfinv/edges', 'torch.erfinv', [T([-1.0, 1.0, 0.0, 0.999, -0.9999, 1.5])], grad=False)
case('torch.erfinv/float64', 'torch.erfinv', [unit(4).double()])
case('Tensor.tan/method', 'Tensor.tan', [x_(3)])
case('Tensor.asin/method', 'Tensor.asin', [unit(3)])
NT = T([float('nan'), float('inf'), float('-inf'), 1.5, -2.0])
case('torch.nan_to_num/default', 'torch.nan_to_num', [NT], kink=True)
case('torch.nan_to_num/values', 'torch.nan_to_num', [NT], [], {'nan': 0.5, 'posinf': 100.0, 'neginf': -100.0}, kink=True)
case('torch.nan_to_num/float64', 'torch.nan_to_num', [NT.double()], grad=False)
case('Tensor.nan_to_num/positional', 'Tensor.nan_to_num', [NT], [1.0], kink=True)
case('torch.clip/both', 'torch.clip', [x_(2, 4)], [-0.5, 0.5])
case('torch.clip/min_kw', 'torch.clip', [x_(5)], [], {'min': 0.0})
case('torch.true_divide/int', 'torch.true_divide', [L(1, 2, 7), L(2, 4, 2)], grad=False)

# ---- 2. rearranging ----------------------------------------------------------------------------------
case('torch.dstack/1d', 'torch.dstack', [x_(3), x_(3)])
case('torch.dstack/2d', 'torch.dstack', [x_(2, 3), x_(2, 3), x_(2, 3)])
case('torch.tensor_split/sections', 'torch.tensor_split', [x_(7, 2)], [3])
case('torch.tensor_split/indices_dim1', 'torch.tensor_split', [x_(2, 7)], [[1, 5]], {'dim': 1})
case('torch.tensor_split/unsorted', 'torch.tensor_split', [x_(7)], [[5, 1]])
case('Tensor.tensor_split/method', 'Tensor.tensor_split', [x_(5)], [2])
case('torch.fliplr/2d', 'torch.fliplr', [x_(2, 3)])
case('torch.flipud/3d', 'torch.flipud', [x_(3, 2, 2)])
case('torch.rot90/default', 'torch.rot90', [x_(2, 3)])
case('torch.rot90/k2', 'torch.rot90', [x_(2, 3)], [2])
case('torch.rot90/k3_dims', 'torch.rot90', [x_(2, 3, 4)], [3, [1, 2]])
case('torch.rot90/neg', 'torch.rot90', [x_(2, 3)], [-1])
case('Tensor.rot90/kw', 'Tensor.rot90', [x_(3, 2)], [], {'k': 1, 'dims': [1, 0]})
case('torch.diag_embed/default', 'torch.diag_embed', [x_(2, 3)])
case('torch.diag_embed/offset', 'torch.diag_embed', [x_(2, 3)], [1])
case('torch.diag_embed/neg_offset_dims', 'torch.diag_embed', [x_(2, 3)], [], {'offset': -1, 'dim1': 0, 'dim2': 2})
case('torch.broadcast_tensors/three', 'torch.broadcast_tensors', [x_(3, 1), x_(4), x_(2, 1, 1)])
case('torch.cartesian_prod/two', 'torch.cartesian_prod', [x_(3), x_(2)])
case('torch.cartesian_prod/three_int', 'torch.cartesian_prod', [L(1, 2), L(3, 4), L(5)], grad=False)
case('torch.combinations/default', 'torch.combinations', [x_(4)])
case('torch.combinations/r3', 'torch.combinations', [x_(4)], [3])
case('torch.combinations/replacement', 'torch.combinations', [L(1, 2, 3)], [], {'with_replacement': True}, grad=False)
case('torch.combinations/too_long', 'torch.combinations', [L(1, 2)], [], {'r': 3}, grad=False)

# ---- 3. counting and searching --------------------------------------------------------------------------
C = T([[1.0, 3.0, 3.0, 2.0, 5.0], [0.5, -1.0, 4.0, 4.0, 2.0]])
case('torch.cummax/dim1', 'torch.cummax', [C], [1], kink=True)
case('torch.cummax/dim0', 'torch.cummax', [x_(3, 4)], [0])
case('torch.cummax/nan', 'torch.cummax', [T([1.0, 3.0, float('nan'), 5.0])], [0], grad=False)
case('torch.cummin/dim1', 'torch.cummin', [C], [1], kink=True)
case('torch.cummin/int', 'torch.cummin', [L(3, 1, 2, 0)], [0])
case('Tensor.cummax/kw', 'Tensor.cummax', [x_(4)], [], {'dim': 0})
NM = T([[1.0, float('nan'), 2.0], [float('nan'), float('nan'), -1.0], [float('nan')] * 3])
case('torch.nanmean/all', 'torch.nanmean', [NM], kink=True)
case('torch.nanmean/dim', 'torch.nanmean', [NM], [1], kink=True)
case('torch.nanmean/keepdim', 'torch.nanmean', [x_(2, 3)], [0], {'keepdim': True})
case('Tensor.nanmean/method', 'Tensor.nanmean', [x_(4)])
case('torch.count_nonzero/all', 'torch.count_nonzero', [T([[0.0, 1.0], [2.0, 0.0]])], grad=False)
case('torch.count_nonzero/dim', 'torch.count_nonzero', [L(0, 1, 2, 0, 0, 3).view(2, 3)], [1], grad=False)
case('torch.count_nonzero/dims', 'torch.count_nonzero', [L(0, 1, 2, 0, 0, 3).view(2, 3)], [], {'dim': (0, 1)}, grad=False)
case('torch.unique_consecutive/flat', 'torch.unique_consecutive', [L(1, 1, 2, 2, 3, 1, 1, 2)], [], {'return_inverse': True, 'return_counts': True}, grad=False)
case('torch.unique_consecutive/dim0', 'torch.unique_consecutive', [T([[1, 2], [1, 2], [3, 4], [1, 2]])], [], {'dim': 0, 'return_counts': True}, grad=False)
case('torch.unique_consecutive/float', 'torch.unique_consecutive', [T([1.5, 1.5, 2.0, 1.5])], grad=False)
case('torch.bincount/default', 'torch.bincount', [L(0, 1, 1, 3, 1)], grad=False)
case('torch.bincount/minlength', 'torch.bincount', [L(0, 1, 1, 3)], [], {'minlength': 6}, grad=False)
case('torch.bincount/weights', 'torch.bincount', [L(0, 1, 1, 3)], [], {'weights': T([0.5, 1.0, 2.0, -1.0])}, grad=False)
case('Tensor.bincount/weights64', 'Tensor.bincount', [L(2, 0, 2)], [T([1.0, 2.0, 3.0], dtype=torch.float64)], grad=False)
case('torch.histc/range', 'torch.histc', [T([1.0, 2.0, 1.0, 2.5, -1.0, 3.0])], [], {'bins': 4, 'min': 0, 'max': 3}, grad=False)
case('torch.histc/auto', 'torch.histc', [x_(20)], [5], grad=False)
case('torch.searchsorted/left', 'torch.searchsorted', [T([1.0, 3.0, 5.0, 7.0, 9.0]), T([[3.0, 6.0, 9.0], [0.0, 10.0, 5.0]])], grad=False)
case('torch.searchsorted/right', 'torch.searchsorted', [L(1, 3, 5, 7, 9), L(3, 6, 9)], [], {'right': True}, grad=False)
case('torch.searchsorted/side', 'torch.searchsorted', [L(1, 3, 5, 7, 9), L(3, 6, 9)], [], {'side': 'right'}, grad=False)
case('torch.searchsorted/batched', 'torch.searchsorted', [T([[1.0, 3.0, 5.0], [2.0, 4.0, 6.0]]), T([[3.0, 0.0], [5.0, 7.0]])], grad=False)
case('torch.searchsorted/sorter', 'torch.searchsorted', [T([5.0, 1.0, 3.0]), T([2.0, 4.0])], [], {'sorter': L(1, 2, 0)}, grad=False)
case('torch.bucketize/left', 'torch.bucketize', [L(3, 6, 9, 0), L(1, 3, 5, 7, 9)], grad=False)
case('torch.bucketize/right_2d', 'torch.bucketize', [T([[3.0, 6.0], [9.0, 1.0]]), T([1.0, 3.0, 5.0, 7.0, 9.0])], [], {'right': True}, grad=False)

# ---- 4. products -------------------------------------------------------------------------------------------
case('torch.cross/dim', 'torch.cross', [x_(4, 3), x_(4, 3)], [], {'dim': 1})
case('torch.cross/default_dim', 'torch.cross', [x_(3, 2), x_(3, 2)])
case('torch.cross/broadcast', 'torch.cross', [x_(2, 3), x_(1, 3)], [], {'dim': -1})
case('Tensor.cross/method', 'Tensor.cross', [x_(3), x_(3)], [0])
case('torch.cdist/p2', 'torch.cdist', [x_(3, 4), x_(2, 4)])
case('torch.cdist/p1_batch', 'torch.cdist', [x_(2, 3, 4), x_(2, 5, 4)], [1.0])
case('torch.cdist/inf', 'torch.cdist', [x_(3, 2), x_(2, 2)], [], {'p': float('inf')})
case('torch.cdist/p3', 'torch.cdist', [x_(3, 2), x_(4, 2)], [3.0])
case('torch.tensordot/int', 'torch.tensordot', [x_(2, 3, 4), x_(3, 4, 5)], [2])
case('torch.tensordot/lists', 'torch.tensordot', [x_(3, 4, 5), x_(4, 3, 2)], [], {'dims': ([1, 0], [0, 1])})
case('torch.tensordot/zero', 'torch.tensordot', [x_(2), x_(3)], [0])
case('torch.kron/2d', 'torch.kron', [x_(2, 2), x_(2, 3)])
case('torch.kron/mixed_rank', 'torch.kron', [x_(2), x_(2, 2)])
case('Tensor.kron/int', 'Tensor.kron', [L(1, 2, 3, 4).view(2, 2), L(0, 1, 1, 0).view(2, 2)])
case('torch.logspace/default', 'torch.logspace', [], [0, 2, 5], grad=False)
case('torch.logspace/base2', 'torch.logspace', [], [-1, 3, 4], {'base': 2}, grad=False)

if __name__ == '__main__':
    write('ops_extra.json', {'_script': __file__, 'cases': cases})
