"""ops.json: forward values and input gradients of the core tensor ops.

Each case: {id, op, inputs: [tensor], args: [...], kwargs: {...}, outputs: [tensor],
upstream: [tensor|null] (one per output), grads: [tensor|null] (one per input), multi}.
`op` names an entry of OPS below; engine/test/ops_table.ts has the same table in TypeScript.
Gradients: loss = sum_i (outputs[i] * upstream[i]).sum(), i.e. out.backward(upstream) for one output.
Float inputs require grad unless the case says grad=False (comparisons, integer results).
"""
import torch

from common import enc, enc_arg, randn, rand, upstream, write

T = torch.tensor


def method(name):
    return lambda xs, a, k: getattr(xs[0], name)(*a, **k)


def fn(name):
    return lambda xs, a, k: getattr(torch, name)(*xs, *a, **k)


def chain(xs, a, k):
    cur = xs[0]
    for step in a[0]:
        cur = OPS[step['op']]([cur], step.get('args', []), step.get('kwargs', {}))
    return cur


OPS = {
    **{n: fn(n) for n in ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'eq', 'ne', 'lt', 'le',
                          'gt', 'ge', 'where', 'matmul', 'mm', 'bmm', 'softmax', 'log_softmax', 'neg', 'abs',
                          'exp', 'log', 'sqrt', 'rsqrt', 'tanh', 'sigmoid', 'relu', 'sin', 'cos', 'clamp']},
    'pow_scalar_base': lambda xs, a, k: torch.pow(a[0], xs[0]),
    **{n: method(n) for n in ['sum', 'mean', 'max', 'min', 'argmax', 'argmin', 'var', 'std', 'prod', 'view',
                              'reshape', 'transpose', 'permute', 't', 'unsqueeze', 'squeeze', 'expand',
                              'flatten', 'narrow', 'select', 'contiguous', 'split', 'chunk', 'gather',
                              'index_select', 'masked_fill', 'clone']},
    'cat': lambda xs, a, k: torch.cat(xs, *a, **k),
    'stack': lambda xs, a, k: torch.stack(xs, *a, **k),
    'index': lambda xs, a, k: xs[0][tuple(a)],
    'index_put_': lambda xs, a, k: xs[0].clone().index_put_(tuple(a[0]), xs[1], **k),
    'chain': chain,
    'matmul_nt': lambda xs, a, k: torch.matmul(xs[0], xs[1].transpose(-1, -2)),
    'where_scalar_other': lambda xs, a, k: torch.where(xs[0], xs[1], a[0]),
    'where_scalar_self': lambda xs, a, k: torch.where(xs[0], a[0], xs[1]),
    # in-place ops run on a clone, so the input stays a leaf and gradients flow through the clone
    **{n: (lambda n: lambda xs, a, k: getattr(xs[0].clone(), n)(*xs[1:], *a, **k))(n)
       for n in ['add_', 'sub_', 'mul_', 'div_', 'copy_', 'clamp_', 'zero_', 'fill_', 'masked_fill_']},
    # an in-place op on a view writes through to its base (PyTorch's CopySlices)
    'inplace_on_view': lambda xs, a, k: _inplace_on_view(xs[0]),
}


def _inplace_on_view(x):
    b = x.clone()
    b.narrow(1, 0, 2).mul_(2)
    return b

cases = []
_seed = [100]
MM_TOL = {'rtol': 1e-4, 'atol': 1e-5}


def next_seed():
    _seed[0] += 1
    return _seed[0]


def case(id, op, inputs, args=(), kwargs=None, grad=True, tol=None, kink=False):
    kwargs = kwargs or {}
    xs = [x.detach().clone().requires_grad_(grad and x.is_floating_point()) for x in inputs]
    out = OPS[op](xs, list(args), kwargs)
    multi = isinstance(out, (tuple, list))
    outs = list(out) if multi else [out]
    rec = {'id': id, 'op': op, 'inputs': [enc(x) for x in inputs], 'args': enc_arg(list(args)),
           'kwargs': enc_arg(kwargs), 'outputs': [enc(o) for o in outs], 'multi': multi,
           'requires_grad': [o.requires_grad for o in outs]}
    if tol:
        rec['tol'] = tol
    if kink:  # inputs sit on a kink or a tie: PyTorch's subgradient convention, not a derivative
        rec['nondifferentiable'] = True
    if any(x.requires_grad for x in xs):
        ups = [upstream(o.shape, next_seed(), o.dtype) if o.requires_grad else None for o in outs]
        loss = sum((o * u).sum() for o, u in zip(outs, ups) if u is not None)
        if isinstance(loss, torch.Tensor):
            loss.backward()
            rec['upstream'] = [enc(u) if u is not None else None for u in ups]
            rec['grads'] = [enc(x.grad) if x.grad is not None else None for x in xs]
    assert not any(c['id'] == id for c in cases), id
    cases.append(rec)


def x_(*shape, dtype=torch.float32):
    return randn(*shape, seed=next_seed(), dtype=dtype)


def pos(*shape, dtype=torch.float32):
    return rand(*shape, seed=next_seed(), dtype=dtype) + 0.5


def ints(*shape):
    """Small integers as floats: equal values occur, for comparisons."""
    return torch.round(randn(*shape, seed=next_seed()) * 1.5)


# ---- elementwise binary with broadcasting -------------------------------------------------
BCAST = [('same_2x3', (2, 3), (2, 3)), ('2x3_3', (2, 3), (3,)), ('4x1_1x5', (4, 1), (1, 5)),
         ('3_2x3', (3,), (2, 3)), ('2x3_0d', (2, 3), ()), ('2x1x3_4x1', (2, 1, 3), (4, 1))]
for op in ['add', 'sub', 'mul', 'div', 'maximum', 'minimum']:
    for name, sa, sb in BCAST:
        b = pos(*sb) if op == 'div' else x_(*sb)
        case(f'{op}/{name}', op, [x_(*sa), b])
    if op in ('add', 'sub', 'mul', 'div'):
        case(f'{op}/scalar', op, [x_(2, 3)], [2.5])
        case(f'{op}/scalar_int', op, [x_(3)], [-3])
        case(f'{op}/float64', op, [x_(2, 3, dtype=torch.float64), x_(3, dtype=torch.float64)])
case('add/alpha', 'add', [x_(2, 3), x_(2, 3)], [], {'alpha': 2})
case('sub/alpha', 'sub', [x_(2, 3), x_(3)], [], {'alpha': 0.5})
case('add/promote_f32_f64', 'add', [x_(3), x_(3, dtype=torch.float64)], grad=False)
case('add/int64', 'add', [T([1, 2, 3]), T([10, 20, 30])], grad=False)
case('add/int64_float_scalar', 'add', [T([1, 2, 3])], [0.5], grad=False)
case('mul/int64_int_scalar', 'mul', [T([1, -2, 3])], [2], grad=False)
case('div/int64_true_division', 'div', [T([1, 2, 7]), T([2, 2, 2])], grad=False)
case('mul/bool_x_float', 'mul', [x_(4), T([True, False, True, False])])

case('pow/tensor_exp', 'pow', [pos(2, 3), x_(2, 3)])
case('pow/broadcast_exp', 'pow', [pos(2, 3), x_(3)])
for e in [2, 3, 0.5, -1, -0.5, 0]:
    base = pos(2, 3) if e != int(e) or e < 0 else x_(2, 3)
    case(f'pow/scalar_{e}', 'pow', [base], [e])
case('pow/scalar_2_float64', 'pow', [x_(4, dtype=torch.float64)], [2])
case('pow/scalar_base', 'pow_scalar_base', [x_(2, 3)], [2.0])

case('where/scalar_other', 'where_scalar_other', [x_(3, 4) > 0, x_(3, 4)], [0.0])
case('where/scalar_self', 'where_scalar_self', [x_(4) > 0, x_(2, 4)], [1.5])
case('where/scalar_self_float64', 'where_scalar_self', [x_(4) > 0, x_(4, dtype=torch.float64)], [1.5])
case('where/scalar_other_float64', 'where_scalar_other', [x_(4) > 0, x_(4, dtype=torch.float64)], [-2.0])
case('add/float64_scalar', 'add', [x_(4, dtype=torch.float64)], [0.5])
case('mul/float64_scalar', 'mul', [x_(4, dtype=torch.float64)], [3])
case('clamp/float64', 'clamp', [x_(4, dtype=torch.float64)], [-0.5, 0.5])

# ---- special values, kinks and ties (PyTorch's conventions) ------------------------------------
case('div/by_zero', 'div', [T([1.0, -1.0, 0.0]), T([0.0, 0.0, 0.0])], grad=False)
case('log/zero_negative', 'log', [T([0.0, -1.0, 1.0])], grad=False)
case('sqrt/negative', 'sqrt', [T([-1.0, 0.0, 4.0])], grad=False)
case('pow/zero_pow_zero', 'pow', [T([0.0, 2.0])], [0], grad=False)
case('maximum/ties', 'maximum', [T([1.0, 2.0, 3.0]), T([1.0, 1.0, 4.0])], kink=True)
case('minimum/ties', 'minimum', [T([1.0, 2.0, 3.0]), T([1.0, 1.0, 4.0])], kink=True)
case('relu/at_zero', 'relu', [T([0.0, -1.0, 2.0, 0.5])], kink=True)
case('abs/at_zero', 'abs', [T([0.0, -1.0, 2.0])], kink=True)
case('clamp/at_bounds', 'clamp', [T([-0.5, 0.0, 0.5, 1.0])], [-0.5, 0.5], kink=True)
TIES = T([[1.0, 3.0, 3.0], [2.0, 2.0, 1.0]])
case('max/all_ties', 'max', [TIES], kink=True)
case('min/all_ties', 'min', [TIES], kink=True)
case('max/dim1_ties', 'max', [TIES], [1], kink=True)
case('min/dim0_ties', 'min', [T([[1.0, 3.0], [1.0, 2.0]])], [0], kink=True)
case('argmax/dim1_ties', 'argmax', [TIES], [1], grad=False)
case('argmin/dim1_ties', 'argmin', [TIES], [1], grad=False)
case('argmax/all_ties', 'argmax', [T([3.0, 1.0, 3.0])], grad=False)
case('max/other_ties', 'max', [T([1.0, 2.0]), T([1.0, 3.0])], kink=True)

# ---- non-contiguous inputs ---------------------------------------------------------------------
NC = x_(3, 4, 5)
case('noncontig/mean_of_transposed', 'chain', [NC], [[{'op': 'transpose', 'args': [0, 2]}, {'op': 'mean', 'args': [1]}]])
case('noncontig/var_of_permuted', 'chain', [NC], [[{'op': 'permute', 'args': [1, 2, 0]}, {'op': 'var', 'args': [[0, 2]]}]])
case('noncontig/sum_of_expanded', 'chain', [x_(3, 1)], [[{'op': 'expand', 'args': [3, 4]}, {'op': 'sum', 'args': [0]}]])
case('noncontig/softmax_dim0_of_transposed', 'chain', [NC], [[{'op': 'transpose', 'args': [1, 2]}, {'op': 'softmax', 'args': [0]}]])
case('noncontig/index_of_transposed', 'chain', [NC], [[{'op': 'transpose', 'args': [0, 1]}, {'op': 'index', 'args': [slice(1, None), None, 2]}]])
case('noncontig/exp_of_strided_slice', 'chain', [NC], [[{'op': 'index', 'args': [Ellipsis, slice(None, None, 2)]}, {'op': 'exp'}]])
case('noncontig/max_dim_of_transposed', 'chain', [NC], [[{'op': 'transpose', 'args': [1, 2]}, {'op': 'max', 'args': [1]}]])
case('matmul/batched_transposed', 'matmul_nt', [x_(2, 3, 4), x_(2, 5, 4)], tol=MM_TOL)
case('matmul/broadcast_transposed', 'matmul_nt', [x_(3, 4), x_(2, 5, 4)], tol=MM_TOL)

# ---- in-place -------------------------------------------------------------------------------
case('add_/tensor_broadcast', 'add_', [x_(2, 3), x_(3)])
case('add_/scalar', 'add_', [x_(2, 3)], [1.5])
case('sub_/alpha', 'sub_', [x_(2, 3), x_(2, 3)], [], {'alpha': 2})
case('mul_/tensor', 'mul_', [x_(2, 3), x_(2, 3)])
case('mul_/scalar', 'mul_', [x_(2, 3)], [-2])
case('div_/scalar', 'div_', [x_(2, 3)], [4])
case('copy_/broadcast', 'copy_', [x_(2, 3), x_(3)])
case('clamp_/min_max', 'clamp_', [x_(2, 3)], [-0.5, 0.5])
case('zero_/basic', 'zero_', [x_(2, 3)])
case('fill_/scalar', 'fill_', [x_(2, 3)], [0.25])
case('masked_fill_/mask', 'masked_fill_', [x_(2, 3)], [T([True, False, True]), -1.0])
case('inplace_on_view/narrow_mul_', 'inplace_on_view', [x_(3, 4)])

# ---- unary ----------------------------------------------------------------------------------
for op in ['neg', 'abs', 'exp', 'log', 'sqrt', 'rsqrt', 'tanh', 'sigmoid', 'relu', 'sin', 'cos']:
    mk = pos if op in ('log', 'sqrt', 'rsqrt') else x_
    case(f'{op}/3x4', op, [mk(3, 4)])
    case(f'{op}/0d', op, [mk()])
    case(f'{op}/float64', op, [mk(5, dtype=torch.float64)])
case('exp/large', 'exp', [T([-100.0, -20.0, 0.0, 20.0, 80.0])])
case('sigmoid/large', 'sigmoid', [T([-100.0, -30.0, 0.0, 30.0, 100.0])])
case('tanh/large', 'tanh', [T([-50.0, -10.0, 0.0, 10.0, 50.0])])
case('clamp/min_max', 'clamp', [x_(3, 4)], [-0.5, 0.5])
case('clamp/kw_min', 'clamp', [x_(3, 4)], [], {'min': -0.2})
case('clamp/kw_max', 'clamp', [x_(3, 4)], [], {'max': 0.3})
case('clamp/kw_both', 'clamp', [x_(3, 4)], [], {'min': -1.0, 'max': 0.25})

# ---- where and comparisons ------------------------------------------------------------------
case('where/same', 'where', [x_(3, 4) > 0, x_(3, 4), x_(3, 4)])
case('where/broadcast', 'where', [x_(3, 1) > 0, x_(3, 4), x_(4)])
case('where/cond_row', 'where', [x_(4) > 0, x_(3, 4), x_(3, 4)])
for op in ['eq', 'ne', 'lt', 'le', 'gt', 'ge']:
    case(f'{op}/same', op, [ints(3, 4), ints(3, 4)], grad=False)
    case(f'{op}/broadcast', op, [ints(3, 1), ints(4)], grad=False)
    case(f'{op}/scalar', op, [ints(3, 4)], [0.0], grad=False)
    case(f'{op}/int64', op, [T([1, 2, 3, 4]), T([3, 2, 1, 4])], grad=False)

# ---- reductions -----------------------------------------------------------------------------
X3 = x_(2, 3, 4)
P3 = pos(2, 3, 4)
for op in ['sum', 'mean', 'var', 'std', 'prod']:
    src = P3 if op == 'prod' else X3
    case(f'{op}/all', op, [src])
    for d in [0, 1, 2, -1]:
        case(f'{op}/dim{d}', op, [src], [d])
        case(f'{op}/dim{d}_keepdim', op, [src], [d], {'keepdim': True})
    if op != 'prod':
        case(f'{op}/dims_0_2', op, [src], [[0, 2]])
        case(f'{op}/dims_-1_0_keepdim', op, [src], [[-1, 0]], {'keepdim': True})
for op in ['var', 'std']:
    case(f'{op}/unbiased_false', op, [X3], [1], {'unbiased': False})
    case(f'{op}/all_unbiased_false', op, [X3], [], {'unbiased': False})
    case(f'{op}/correction0', op, [X3], [[0, 1]], {'correction': 0})
case('sum/float64', 'sum', [x_(3, 4, dtype=torch.float64)], [1])
case('sum/int64', 'sum', [T([[1, 2], [3, 4]])], [0], grad=False)
case('sum/big_1d', 'sum', [x_(1000)], tol={'rtol': 1e-4, 'atol': 1e-4})
case('mean/big_2d', 'mean', [x_(40, 50)], [1])
case('sum/noncontig', 'chain', [X3], [[{'op': 'permute', 'args': [2, 0, 1]}, {'op': 'sum', 'args': [1]}]])
for op in ['max', 'min']:
    case(f'{op}/all', op, [X3])
    for d in [0, 1, 2, -1]:
        case(f'{op}/dim{d}', op, [X3], [d])
    case(f'{op}/dim1_keepdim', op, [X3], [1], {'keepdim': True})
    case(f'{op}/other', op, [x_(2, 3), x_(3)])
for op in ['argmax', 'argmin']:
    case(f'{op}/all', op, [X3], grad=False)
    for d in [0, 1, 2, -1]:
        case(f'{op}/dim{d}', op, [X3], [d], grad=False)
    case(f'{op}/dim1_keepdim', op, [X3], [1], {'keepdim': True}, grad=False)

# ---- matmul ---------------------------------------------------------------------------------
MM = MM_TOL
for name, sa, sb in [('2d_2d', (3, 4), (4, 5)), ('1d_2d', (4,), (4, 5)), ('2d_1d', (3, 4), (4,)),
                     ('1d_1d', (4,), (4,)), ('3d_3d', (2, 3, 4), (2, 4, 5)), ('3d_1d', (2, 3, 4), (4,)),
                     ('1d_3d', (4,), (2, 4, 5)), ('2d_3d', (3, 4), (2, 4, 5)), ('3d_2d', (2, 3, 4), (4, 5)),
                     ('4d_3d_broadcast', (2, 1, 3, 4), (5, 4, 2)), ('odd_17x33_33x19', (17, 33), (33, 19)),
                     ('64x70_70x65', (64, 70), (70, 65))]:
    case(f'matmul/{name}', 'matmul', [x_(*sa), x_(*sb)], tol=MM)
case('matmul/float64', 'matmul', [x_(3, 4, dtype=torch.float64), x_(4, 2, dtype=torch.float64)])
case('matmul/transposed_operand', 'matmul', [x_(3, 4), x_(5, 4).t()], tol=MM)
case('mm/basic', 'mm', [x_(3, 4), x_(4, 2)], tol=MM)
case('mm/1x1', 'mm', [x_(1, 1), x_(1, 1)], tol=MM)
case('mm/8x1_1x8', 'mm', [x_(8, 1), x_(1, 8)], tol=MM)
case('bmm/basic', 'bmm', [x_(3, 2, 4), x_(3, 4, 5)], tol=MM)

# ---- softmax --------------------------------------------------------------------------------
S2 = x_(3, 5)
for op in ['softmax', 'log_softmax']:
    for d in [0, 1, -1]:
        case(f'{op}/2d_dim{d}', op, [S2], [d])
    case(f'{op}/3d_dim1', op, [x_(2, 3, 4)], [1])
    case(f'{op}/large_magnitude', op, [x_(3, 5) * 1000], [1], tol={'rtol': 1e-4, 'atol': 1e-4})
    case(f'{op}/large_offset', op, [x_(2, 4) + 10000], [-1], tol={'rtol': 1e-4, 'atol': 1e-3})
    case(f'{op}/float64', op, [x_(3, 4, dtype=torch.float64)], [1])

# ---- views ----------------------------------------------------------------------------------
V = x_(2, 3, 4)
case('view/varargs', 'view', [V], [6, 4])
case('view/list', 'view', [V], [[4, 6]])
case('view/infer', 'view', [V], [4, -1, 2])
case('view/flat', 'view', [V], [-1])
case('reshape/varargs', 'reshape', [V], [3, 8])
case('reshape/list_infer', 'reshape', [V], [[-1, 12]])
case('reshape/0d_to_1', 'reshape', [x_()], [1])
case('reshape/noncontig', 'chain', [V], [[{'op': 'transpose', 'args': [0, 2]}, {'op': 'reshape', 'args': [4, 6]}]])
case('transpose/0_2', 'transpose', [V], [0, 2])
case('transpose/neg', 'transpose', [V], [-1, -2])
case('permute/varargs', 'permute', [V], [2, 0, 1])
case('permute/list', 'permute', [V], [[1, 2, 0]])
case('t/2d', 't', [x_(3, 5)])
case('t/1d', 't', [x_(4)])
case('unsqueeze/0', 'unsqueeze', [V], [0])
case('unsqueeze/-1', 'unsqueeze', [V], [-1])
case('unsqueeze/1', 'unsqueeze', [V], [1])
case('squeeze/all', 'squeeze', [x_(1, 3, 1, 2)])
case('squeeze/dim', 'squeeze', [x_(1, 3, 1, 2)], [2])
case('squeeze/dim_not_1', 'squeeze', [x_(1, 3, 1, 2)], [1])
case('expand/3x1_to_3x4', 'expand', [x_(3, 1)], [3, 4])
case('expand/new_dims', 'expand', [x_(3)], [2, 4, 3])
case('expand/minus1', 'expand', [x_(1, 2, 3)], [4, -1, -1])
case('expand/list', 'expand', [x_(3, 1)], [[3, 5]])
case('flatten/all', 'flatten', [V])
case('flatten/start1', 'flatten', [V], [1])
case('flatten/0_1', 'flatten', [V], [0, 1])
case('narrow/dim1', 'narrow', [V], [1, 1, 2])
case('narrow/dim2', 'narrow', [V], [2, 0, 3])
case('select/dim1', 'select', [V], [1, 2])
case('select/neg_index', 'select', [V], [0, -1])
case('contiguous/permuted', 'chain', [V], [[{'op': 'permute', 'args': [2, 0, 1]}, {'op': 'contiguous'}]])
case('chain/transpose_narrow_mul', 'chain', [V], [[{'op': 'transpose', 'args': [1, 2]}, {'op': 'narrow', 'args': [1, 1, 2]},
                                                    {'op': 'exp'}, {'op': 'sum', 'args': [[1]]}]])
case('chain/expand_reshape', 'chain', [x_(3, 1)], [[{'op': 'expand', 'args': [3, 4]}, {'op': 'reshape', 'args': [2, 6]}]])
case('chain/select_view_t', 'chain', [x_(3, 4, 2)], [[{'op': 'select', 'args': [2, 1]}, {'op': 't'}, {'op': 'contiguous'}, {'op': 'view', 'args': [-1]}]])

# ---- cat / stack / split / chunk ----------------------------------------------------------
case('cat/dim0', 'cat', [x_(2, 3), x_(1, 3), x_(3, 3)])
case('cat/dim1', 'cat', [x_(2, 3), x_(2, 1)], [1])
case('cat/neg_dim', 'cat', [x_(2, 2, 3), x_(2, 2, 2)], [-1])
case('cat/kw_dim', 'cat', [x_(2, 2), x_(2, 3)], [], {'dim': 1})
case('stack/dim0', 'stack', [x_(2, 3), x_(2, 3), x_(2, 3)])
case('stack/dim1', 'stack', [x_(2, 3), x_(2, 3)], [1])
case('stack/neg_dim', 'stack', [x_(2, 3), x_(2, 3)], [-1])
case('split/size_uneven', 'split', [x_(5, 3)], [2])
case('split/sections_dim1', 'split', [x_(2, 5)], [[1, 3, 1]], {'dim': 1})
case('split/size_dim1', 'split', [x_(2, 5)], [3, 1])
case('chunk/uneven', 'chunk', [x_(5, 3)], [3])
case('chunk/dim1', 'chunk', [x_(2, 6)], [3, 1])

# ---- indexing -------------------------------------------------------------------------------
I = x_(4, 5, 6)
S = slice
L = lambda *v: torch.tensor(v, dtype=torch.int64)
MASK45 = x_(4, 5) > 0
MASK4 = T([True, False, True, True])
for name, items in [
    ('int', [1]), ('neg_int', [-1]), ('int_int', [1, 2]), ('int_int_int_0d', [1, 2, 3]),
    ('slice', [S(1, 3)]), ('slice_step', [S(None, None, 2)]), ('slice_neg', [S(-3, None)]),
    ('slice_mix', [S(1, None), S(None, None, 2), S(-3, None)]), ('slice_out_of_range', [S(2, 100)]),
    ('slice_empty', [S(3, 1)]), ('slice_step3_offset', [S(None), S(1, None, 3)]),
    ('newaxis', [None]), ('slice_newaxis_int', [S(None), None, 1]), ('ellipsis_int', [Ellipsis, 2]),
    ('newaxis_ellipsis_newaxis', [None, Ellipsis, None]), ('int_ellipsis_slice', [0, Ellipsis, S(1, 4, 2)]),
    ('bool_mask_2d', [MASK45]), ('bool_mask_1d', [MASK4]), ('bool_mask_full', [I > 0.5]),
    ('slice_then_mask', [S(None), x_(5) > 0]),
    ('index_tensor', [L(0, 2, 3)]), ('index_tensor_dup_neg', [L(1, 1, -1)]), ('index_tensor_2d', [L(0, 3, 1, 2).view(2, 2)]),
    ('slice_index_tensor', [S(None), L(4, 0)]), ('two_index_tensors', [L(0, 1, 3), L(4, 2, 0)]),
    ('index_tensors_broadcast', [L(0, 2).view(2, 1), L(1, 3, 4)]),
    ('index_slice_index_separated', [L(0, 3), S(None), L(5, 1)]), ('int_slice_index', [1, S(None), L(0, 5)]),
    ('ellipsis_index_tensor', [Ellipsis, L(2, 0)]),
]:
    case(f'index/{name}', 'index', [I], items)
case('index/1d_mask', 'index', [x_(6)], [T([True, False, False, True, True, False])])

IP = x_(5, 3)
case('index_put_/rows', 'index_put_', [IP, x_(2, 3)], [[L(0, 3)]])
case('index_put_/broadcast_value', 'index_put_', [IP, x_(3)], [[L(4, 1)]])
case('index_put_/pairs', 'index_put_', [IP, x_(3)], [[L(0, 2, 4), L(1, 0, 2)]])
case('index_put_/accumulate_dups', 'index_put_', [IP, x_(4, 3)], [[L(1, 1, 3, 1)]], {'accumulate': True})
case('index_put_/bool_mask', 'index_put_', [IP, x_()], [[T([True, False, True, False, False])]])
case('index_put_/0d_value', 'index_put_', [IP, x_()], [[L(2), L(1)]])

G = x_(3, 4)
case('gather/dim1', 'gather', [G], [1, L(0, 3, 1, 1, 2, 2).view(3, 2)])
case('gather/dim0', 'gather', [G], [0, L(2, 0, 1, 0, 1, 2, 2, 0).view(2, 4)])
case('gather/neg_dim', 'gather', [x_(2, 3, 4)], [-1, L(*([3, 0, 1] * 6)).view(2, 3, 3)])
case('index_select/dim0', 'index_select', [G], [0, L(2, 0)])
case('index_select/dim1_dups', 'index_select', [G], [1, L(3, 3, 0, 1)])
case('masked_fill/same_shape', 'masked_fill', [G], [G > 0.3, -1.5])
case('masked_fill/broadcast_row', 'masked_fill', [G], [T([True, False, False, True]), 0.0])
case('masked_fill/neg_inf', 'masked_fill', [G], [T([[False, True, False, True]]), float('-inf')])

if __name__ == '__main__':
    write('ops.json', {'_script': __file__, 'cases': cases})
