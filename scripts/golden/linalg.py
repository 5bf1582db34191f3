"""Golden values for torch.linalg's decompositions and solvers -> engine/test/golden/linalg.json.

Each case: the function, its input tensors and keyword options, the outputs, and the gradients of
sum(out_i * up_i) w.r.t. each floating input (upstream `up_i` stored too). Eigen- and singular
vectors are unique only up to sign, so before comparing (and before the upstream product) both
sides flip each vector to make its largest-magnitude entry positive (`signfix`: which outputs are
vectors, by column or by row, and which output carries the sign). Cases by id; the TypeScript side
(engine/test/linalg.node.test.ts) runs the same call.
"""
import torch

from common import enc, randn, upstream, write

torch.set_num_threads(1)


def spd(n, seed, batch=(), dtype=torch.float32):
    x = randn(*batch, n, n, seed=seed, dtype=torch.float64)
    return (x @ x.mT + n * torch.eye(n, dtype=torch.float64)).to(dtype)


def sym(n, seed, dtype=torch.float32):
    x = randn(n, n, seed=seed, dtype=torch.float64)
    return (x + x.mT).to(dtype)


def rank2():
    x = randn(5, 3, seed=46, dtype=torch.float64)
    x[:, 2] = x[:, 0]
    return x


def colsign(v):
    """Per column: the sign of its largest-magnitude entry (detached)."""
    idx = v.detach().abs().argmax(-2, keepdim=True)
    return torch.sign(v.detach().gather(-2, idx))


# (id, fn, inputs, kwargs, signfix)
# signfix: None, or (outputs that are column vectors, outputs that are row vectors (Vh), index of the output whose columns decide)
CASES = [
    ('cholesky', 'cholesky', [spd(4, 1)], {}, None),
    ('cholesky_upper', 'cholesky', [spd(3, 2)], {'upper': True}, None),
    ('cholesky_batch', 'cholesky', [spd(3, 3, batch=(2,))], {}, None),
    ('cholesky_f64', 'cholesky', [spd(5, 4, dtype=torch.float64)], {}, None),
    ('qr_tall', 'qr', [randn(5, 3, seed=5)], {}, None),
    ('qr_square', 'qr', [randn(4, 4, seed=6)], {}, None),
    ('qr_wide', 'qr', [randn(3, 5, seed=7)], {}, None),
    ('qr_complete_wide', 'qr', [randn(2, 4, seed=8)], {'mode': 'complete'}, None),
    ('qr_complete_tall', 'qr', [randn(4, 2, seed=9)], {'mode': 'complete'}, 'nograd'),
    ('qr_r', 'qr', [randn(4, 3, seed=10)], {'mode': 'r'}, 'nograd'),
    ('qr_batch', 'qr', [randn(2, 4, 3, seed=11, dtype=torch.float64)], {}, None),
    ('eigh', 'eigh', [sym(4, 12)], {}, ([1], [], 1)),
    ('eigh_upper', 'eigh', [sym(3, 13)], {'UPLO': 'U'}, ([1], [], 1)),
    ('eigh_batch_f64', 'eigh', [torch.stack([sym(3, 14, torch.float64), sym(3, 15, torch.float64)])], {}, ([1], [], 1)),
    ('eigvalsh', 'eigvalsh', [sym(4, 16)], {}, None),
    ('eigvalsh_upper', 'eigvalsh', [sym(3, 17)], {'UPLO': 'U'}, None),
    ('svd_tall', 'svd', [randn(5, 3, seed=18)], {'full_matrices': False}, ([0], [2], 0)),
    ('svd_wide', 'svd', [randn(3, 4, seed=19)], {'full_matrices': False}, ([0], [2], 0)),
    ('svd_full_tall', 'svd', [randn(4, 3, seed=20)], {}, ([0], [2], 0)),
    ('svd_full_wide', 'svd', [randn(2, 3, seed=21)], {}, ([0], [2], 0)),
    ('svd_batch_f64', 'svd', [randn(2, 3, 3, seed=22, dtype=torch.float64)], {'full_matrices': False}, ([0], [2], 0)),
    ('svdvals', 'svdvals', [randn(4, 3, seed=23)], {}, None),
    ('svdvals_batch', 'svdvals', [randn(2, 3, 5, seed=24)], {}, None),
    ('matrix_rank', 'matrix_rank', [randn(4, 3, seed=25) @ randn(3, 5, seed=26)], {}, 'nograd'),
    ('matrix_rank_full', 'matrix_rank', [randn(3, 4, seed=27)], {}, 'nograd'),
    ('matrix_rank_atol', 'matrix_rank', [torch.diag(torch.tensor([5., 1., 0.1, 0.01]))], {'atol': 0.05}, 'nograd'),
    ('matrix_rank_rtol', 'matrix_rank', [torch.diag(torch.tensor([5., 1., 0.1, 0.01]))], {'rtol': 0.1}, 'nograd'),
    ('matrix_rank_hermitian', 'matrix_rank', [torch.diag(torch.tensor([-5., 1., 0.0, 2.]))], {'hermitian': True}, 'nograd'),
    ('matrix_rank_batch', 'matrix_rank', [torch.stack([torch.ones(3, 3), torch.eye(3)])], {}, 'nograd'),
    ('pinv_tall', 'pinv', [randn(5, 3, seed=28)], {}, None),
    ('pinv_wide', 'pinv', [randn(2, 4, seed=29)], {}, None),
    ('pinv_rank_deficient', 'pinv', [randn(4, 2, seed=30) @ randn(2, 4, seed=31)], {}, 'nograd'),
    ('pinv_hermitian', 'pinv', [sym(3, 32)], {'hermitian': True}, 'nograd'),
    ('pinv_rtol', 'pinv', [torch.diag(torch.tensor([5., 1., 0.01]))], {'rtol': 0.1}, 'nograd'),
    ('pinv_batch_f64', 'pinv', [randn(2, 3, 4, seed=33, dtype=torch.float64)], {}, None),
    ('lstsq', 'lstsq', [randn(5, 3, seed=34), randn(5, 2, seed=35)], {}, None),
    ('lstsq_gelsd', 'lstsq', [randn(5, 3, seed=36), randn(5, 2, seed=37)], {'driver': 'gelsd'}, None),
    ('lstsq_gelss', 'lstsq', [randn(4, 2, seed=38), randn(4, 1, seed=39)], {'driver': 'gelss'}, None),
    ('lstsq_gels', 'lstsq', [randn(4, 3, seed=40), randn(4, 2, seed=41)], {'driver': 'gels'}, None),
    ('lstsq_wide', 'lstsq', [randn(2, 4, seed=42), randn(2, 1, seed=43)], {}, None),
    ('lstsq_vector', 'lstsq', [randn(2, 4, 3, seed=44), randn(2, 4, seed=45)], {'driver': 'gelsd'}, 'nograd'),  # (1.13's backward fails on a batched vector B)
    ('lstsq_rank_deficient', 'lstsq', [rank2(), randn(5, 2, seed=48, dtype=torch.float64)], {'driver': 'gelsd', 'rcond': 1e-10}, 'nograd'),
    ('lstsq_rcond', 'lstsq', [torch.diag(torch.tensor([5., 1., 0.01])), torch.ones(3, 1)], {'rcond': 0.1, 'driver': 'gelsy'}, 'nograd'),
    ('matrix_norm_nuc', 'matrix_norm', [randn(3, 4, seed=49)], {'ord': 'nuc'}, None),
    ('matrix_norm_2', 'matrix_norm', [randn(2, 3, 3, seed=50)], {'ord': 2}, None),
    ('matrix_norm_m2_dim', 'matrix_norm', [randn(3, 2, 4, seed=51)], {'ord': -2, 'dim': (0, 2), 'keepdim': True}, None),
    ('norm_nuc', 'norm', [randn(4, 3, seed=52)], {'ord': 'nuc'}, None),
]


def run(fn, inputs, kwargs):
    f = getattr(torch.linalg, fn)
    r = f(*inputs, **kwargs)
    return list(r) if isinstance(r, tuple) else [r]


def fixed(outs, signfix):
    """Flips each vector so its largest-magnitude entry is positive: k = the number of eigen/singular values."""
    if not isinstance(signfix, tuple):
        return outs
    cols, rows, by = signfix
    k = outs[1].shape[-1] if len(outs) == 3 else outs[0].shape[-1]
    s = colsign(outs[by].narrow(-1, 0, k))
    res = list(outs)
    for i in cols:
        res[i] = torch.cat([outs[i].narrow(-1, 0, k) * s, outs[i].narrow(-1, k, outs[i].shape[-1] - k)], -1)
    for i in rows:
        res[i] = torch.cat([outs[i].narrow(-2, 0, k) * s.mT, outs[i].narrow(-2, k, outs[i].shape[-2] - k)], -2)
    return res


cases = []
for cid, fn, inputs, kwargs, signfix in CASES:
    xs = [x.clone().requires_grad_(x.is_floating_point() and signfix != 'nograd') for x in inputs]
    outs = fixed(run(fn, xs, kwargs), signfix)
    case = {'id': cid, 'fn': fn, 'inputs': [enc(x) for x in inputs], 'kwargs': {k: list(v) if isinstance(v, tuple) else v for k, v in kwargs.items()},
            'outputs': [enc(o) for o in outs], 'signfix': list(signfix) if isinstance(signfix, tuple) else None}
    if signfix != 'nograd':
        ups = [upstream(o.shape, 100 + i, o.dtype) if o.is_floating_point() and o.requires_grad else None for i, o in enumerate(outs)]
        loss = sum((o * u).sum() for o, u in zip(outs, ups) if u is not None)
        loss.backward()
        case['upstream'] = [enc(u) if u is not None else None for u in ups]
        case['grads'] = [enc(x.grad) if x.grad is not None else None for x in xs]
    cases.append(case)

# messages PyTorch gives (class, text)
def err(f):
    try:
        f()
    except Exception as e:  # noqa: BLE001
        return {'type': type(e).__name__, 'message': str(e)}
    return None


errors = {
    'cholesky_not_pd': err(lambda: torch.linalg.cholesky(torch.tensor([[1., 2.], [2., 1.]]))),
    'cholesky_not_pd_batch': err(lambda: torch.linalg.cholesky(torch.stack([torch.eye(2), torch.tensor([[1., 2.], [2., 1.]])]))),
    'cholesky_not_square': err(lambda: torch.linalg.cholesky(torch.ones(2, 3))),
    'eigh_not_square': err(lambda: torch.linalg.eigh(torch.ones(2, 3))),
    'eigh_uplo': err(lambda: torch.linalg.eigh(torch.eye(3), UPLO='X')),
    'qr_1d': err(lambda: torch.linalg.qr(torch.ones(3))),
    'qr_mode': err(lambda: torch.linalg.qr(torch.eye(3), mode='x')),
    'svd_long': err(lambda: torch.linalg.svd(torch.tensor([[1, 2], [3, 4]]))),
    'svd_driver': err(lambda: torch.linalg.svd(torch.eye(3), driver='gesvd')),
    'lstsq_rows': err(lambda: torch.linalg.lstsq(torch.ones(4, 3), torch.ones(3, 2))),
    'lstsq_driver': err(lambda: torch.linalg.lstsq(torch.ones(4, 3), torch.ones(4, 2), driver='foo')),
    'qr_r_backward': err(lambda: torch.linalg.qr(torch.ones(3, 2, requires_grad=True), mode='r')[1].sum().backward()),
    'qr_complete_backward': err(lambda: torch.linalg.qr(torch.randn(3, 2, requires_grad=True), mode='complete')[1].sum().backward()),
}

write('linalg.json', {'_script': __file__, 'cases': cases, 'errors': errors})
