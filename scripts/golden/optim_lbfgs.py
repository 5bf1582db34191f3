"""Golden values for torch.optim.LBFGS, SparseAdam's errors and lr_scheduler.CyclicLR
-> engine/test/golden/optim_lbfgs.json.

LBFGS: trajectories of `step(closure)` on the Rosenbrock function (two scalar-shaped parameters
of different shapes, so the flat-vector handling is exercised) and on a small least-squares
problem, with and without the strong-Wolfe line search: after each step the returned loss, the
parameters, and state func_evals / n_iter. CyclicLR: the lr (and momentum) after each step.
"""
import torch

from common import enc, randn, write

torch.set_num_threads(1)


def rosen(x, y):
    return (1 - x[0]) ** 2 + 100 * (y - x[0] ** 2) ** 2 + (x[1] - 0.5) ** 2


def lbfgs_case(cid, kwargs, steps, problem, dtype=torch.float32):
    if problem == 'rosenbrock':
        x = torch.tensor([-1.5, 0.2], dtype=dtype, requires_grad=True)
        y = torch.tensor(2.0, dtype=dtype, requires_grad=True)
        params = [x, y]
        data = []
        f = lambda: rosen(x, y)
    else:
        A = randn(6, 3, seed=70, dtype=dtype)
        b = randn(6, seed=71, dtype=dtype)
        w = torch.zeros(3, dtype=dtype, requires_grad=True)
        c = torch.zeros(1, dtype=dtype, requires_grad=True)
        params = [w, c]
        data = [enc(A), enc(b)]
        f = lambda: ((A @ w + c - b) ** 2).mean() + 0.1 * (w ** 4).sum()
    init = [enc(p) for p in params]
    opt = torch.optim.LBFGS(params, **kwargs)
    traj = []
    for _ in range(steps):
        def closure():
            opt.zero_grad()
            loss = f()
            loss.backward()
            return loss
        loss = opt.step(closure)
        st = opt.state[params[0]]
        traj.append({'loss': float(loss), 'params': [enc(p) for p in params], 'func_evals': st['func_evals'], 'n_iter': st['n_iter'], 'final_loss': float(f())})
    return {'id': cid, 'problem': problem, 'kwargs': kwargs, 'dtype': str(dtype).replace('torch.', ''), 'data': data, 'init': init, 'steps': traj}


lbfgs = [
    lbfgs_case('rosen_fixed', {'lr': 0.02, 'max_iter': 5}, 4, 'rosenbrock'),
    lbfgs_case('rosen_wolfe', {'line_search_fn': 'strong_wolfe'}, 3, 'rosenbrock'),
    lbfgs_case('rosen_wolfe_f64', {'line_search_fn': 'strong_wolfe', 'max_iter': 30}, 2, 'rosenbrock', torch.float64),
    lbfgs_case('rosen_history', {'line_search_fn': 'strong_wolfe', 'history_size': 2, 'max_iter': 10}, 3, 'rosenbrock', torch.float64),
    lbfgs_case('lsq_fixed', {'lr': 0.5, 'max_iter': 4, 'history_size': 3}, 3, 'lsq'),
    lbfgs_case('lsq_wolfe_tol', {'line_search_fn': 'strong_wolfe', 'tolerance_grad': 1e-3, 'tolerance_change': 1e-4}, 2, 'lsq', torch.float64),
    lbfgs_case('lsq_max_eval', {'max_iter': 10, 'max_eval': 4, 'lr': 0.5}, 2, 'lsq'),
]


def cyclic_case(cid, kwargs, steps, opt='SGD', groups=1):
    params = [torch.nn.Parameter(torch.zeros(1)) for _ in range(groups)]
    pg = [{'params': [p]} for p in params]
    o = torch.optim.SGD(pg, lr=0.1, momentum=0.9) if opt == 'SGD' else torch.optim.SGD(pg, lr=0.1)
    s = torch.optim.lr_scheduler.CyclicLR(o, **kwargs)
    lrs, moms = [], []
    for _ in range(steps):
        lrs.append([g['lr'] for g in o.param_groups])
        moms.append([g.get('momentum') for g in o.param_groups])
        o.step()
        s.step()
    return {'id': cid, 'kwargs': kwargs, 'opt': opt, 'groups': groups, 'lr': lrs, 'momentum': moms}


cyclic = [
    cyclic_case('triangular', {'base_lr': 0.01, 'max_lr': 0.1, 'step_size_up': 4}, 20),
    cyclic_case('triangular_down', {'base_lr': 0.01, 'max_lr': 0.1, 'step_size_up': 2, 'step_size_down': 5}, 20),
    cyclic_case('triangular2', {'base_lr': 0.001, 'max_lr': 0.1, 'step_size_up': 3, 'mode': 'triangular2'}, 24),
    cyclic_case('exp_range', {'base_lr': 0.01, 'max_lr': 0.2, 'step_size_up': 3, 'mode': 'exp_range', 'gamma': 0.9}, 20),
    cyclic_case('momentum_bounds', {'base_lr': 0.01, 'max_lr': 0.1, 'step_size_up': 3, 'base_momentum': 0.5, 'max_momentum': 0.95}, 12),
    cyclic_case('no_momentum', {'base_lr': 0.01, 'max_lr': 0.1, 'step_size_up': 3, 'cycle_momentum': False}, 10, opt='SGD_plain'),
    cyclic_case('per_group', {'base_lr': [0.01, 0.02], 'max_lr': [0.1, 0.3], 'step_size_up': 2}, 10, groups=2),
]


def err(f):
    try:
        f()
    except Exception as e:  # noqa: BLE001
        return {'type': type(e).__name__, 'message': str(e)}
    return None


def sparse_dense():
    w = torch.nn.Parameter(torch.ones(2))
    o = torch.optim.SparseAdam([w])
    w.sum().backward()
    o.step()


errors = {
    'sparse_adam_dense': err(sparse_dense),
    'sparse_adam_lr': err(lambda: torch.optim.SparseAdam([torch.nn.Parameter(torch.ones(2))], lr=0)),
    'lbfgs_groups': err(lambda: torch.optim.LBFGS([{'params': [torch.nn.Parameter(torch.ones(1))]}, {'params': [torch.nn.Parameter(torch.ones(1))]}])),
    'cyclic_mode': err(lambda: torch.optim.lr_scheduler.CyclicLR(torch.optim.SGD([torch.nn.Parameter(torch.ones(1))], lr=0.1, momentum=0.9), 0.01, 0.1, mode='foo')),
    'cyclic_groups': err(lambda: torch.optim.lr_scheduler.CyclicLR(torch.optim.SGD([torch.nn.Parameter(torch.ones(1))], lr=0.1, momentum=0.9), [0.01, 0.02], 0.1)),
}

write('optim_lbfgs.json', {'_script': __file__, 'lbfgs': lbfgs, 'cyclic': cyclic, 'errors': errors})
