"""Golden values for Tensor.unfold (values, strides, gradients), Tensor.apply_ and Tensor.cuda's
error -> engine/test/golden/tensor_methods.json. apply_'s functions are named; the TypeScript test
(engine/test/tensor_methods.test.ts) keeps the same table of them."""
import torch

from common import enc, randn, upstream, write

torch.set_num_threads(1)

UNFOLD = [
    ('1d', randn(7, seed=1), (0, 3, 2)),
    ('1d_step1', randn(5, seed=2), (0, 2, 1)),
    ('1d_full', randn(4, seed=3), (0, 4, 1)),
    ('1d_size0', randn(3, seed=4), (0, 0, 1)),
    ('2d_dim1', randn(3, 6, seed=5), (1, 3, 3)),
    ('2d_dim0_overlap', randn(5, 2, seed=6), (0, 3, 1)),
    ('3d_neg_dim', randn(2, 5, 3, seed=7), (-2, 2, 2)),
    ('0d', torch.tensor(3.5), (0, 1, 1)),
    ('f64', randn(6, 2, seed=8, dtype=torch.float64), (0, 4, 1)),
    ('int', torch.arange(10), (0, 4, 3)),
]

cases = []
for cid, x, args in UNFOLD:
    xs = x.clone().requires_grad_(x.is_floating_point())
    out = xs.unfold(*args)
    case = {'id': cid, 'input': enc(x), 'args': list(args), 'output': enc(out), 'stride': list(out.stride())}
    if x.is_floating_point():
        # a second unfold of the view too (windows of windows), so the backward composes
        u = upstream(out.shape, 30, out.dtype)
        (out * u).sum().backward()
        case['upstream'] = enc(u)
        case['grad'] = enc(xs.grad)
    cases.append(case)

FNS = {
    'times10': lambda v: v * 10,
    'times1_5': lambda v: v * 1.5,
    'neg_half': lambda v: -v / 2,
    'not': lambda v: not v,
    'square_plus1': lambda v: v * v + 1,
}
APPLY = [
    ('float', torch.tensor([1.0, -2.5, 3.25]), 'times10'),
    ('int_truncates', torch.tensor([1, 2, -3]), 'times1_5'),
    ('int_neg', torch.tensor([3, -3, 5]), 'neg_half'),
    ('bool', torch.tensor([True, False, True]), 'not'),
    ('f64_2d', torch.tensor([[0.5, 1.5], [2.5, -1.0]], dtype=torch.float64), 'square_plus1'),
]
apply_cases = []
for cid, x, fn in APPLY:
    y = x.clone()
    r = y.apply_(FNS[fn])
    apply_cases.append({'id': cid, 'input': enc(x), 'fn': fn, 'output': enc(y), 'version': y._version, 'same': r is y})
# through a transposed view: the base changes
base = torch.arange(6.).reshape(2, 3)
base.t().apply_(lambda v: v * 10)
view_case = {'output': enc(base)}


def err(f):
    try:
        f()
    except BaseException as e:  # noqa: BLE001
        return {'type': type(e).__name__, 'message': str(e)}
    return None


errors = {
    'unfold_too_big': err(lambda: torch.arange(7.).unfold(0, 8, 1)),
    'unfold_step0': err(lambda: torch.arange(7.).unfold(0, 2, 0)),
    'unfold_0d_too_big': err(lambda: torch.tensor(3.).unfold(0, 2, 1)),
    'apply_requires_grad': err(lambda: torch.ones(2, requires_grad=True).apply_(lambda v: v)),
    'apply_str': err(lambda: torch.ones(2).apply_(lambda v: 'a')),
    'cuda': err(lambda: torch.ones(2).cuda()),
}

write('tensor_methods.json', {'_script': __file__, 'unfold': cases, 'apply': apply_cases, 'apply_view': view_case, 'errors': errors})
