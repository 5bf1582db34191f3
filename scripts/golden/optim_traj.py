"""optim.json: optimizer trajectories and lr-scheduler sequences.

Problem: Linear(3, 2) with fixed initial weights on fixed data X [16, 3], Y [16, 2], MSELoss.
Each step: zero_grad(); loss = mse(model(X), Y); loss.backward(); opt.step().
`losses[i]` is the loss computed at step checkpoints[i] (1-based, before that step's update).
`param_groups`, when present, splits parameters by name: [{params: ['weight'], lr: ...}, {params: ['bias']}].
Some trajectories (RMSprop near its optimum) amplify rounding: a 1-ulp change of the initial
weights moves PyTorch's own loss at step 300 by ~1%. Each case is therefore also run in float64
and in float32 from weights nudged by ±1e-7 relative, and records per-checkpoint relative
tolerances `rtol.losses[i]` = max(2e-4, 3 * largest relative spread) and `rtol.final` = {rtol, atol}
with atol from the largest absolute spread of the final parameters:
the engine must be as close to PyTorch as PyTorch is to itself under rounding, with a margin.
Scheduler cases record optimizer.param_groups[0]['lr'] at the start of each epoch, then call
opt.step() and sched.step() once per epoch.
"""
import torch
import torch.nn as nn
import torch.optim as optim

from common import enc, randn, write

STEPS = 300
CHECKPOINTS = [1, 2, 3, 10, 50, 100, 200, 300]
W0, B0 = randn(2, 3, seed=1) * 0.5, randn(2, seed=2) * 0.5
X = randn(16, 3, seed=3)
Y = X @ torch.tensor([[1.5, -2.0], [0.5, 1.0], [-1.0, 0.25]]) + torch.tensor([0.3, -0.7]) + 0.1 * randn(16, 2, seed=4)

cases = []


class NAdamCurrent(optim.Optimizer):
    """PyTorch 2.x's NAdam, step for step (1.13's multiplies mu twice into mu_product_next; 2.x
    fixed it to mu_product * mu_next). The engine follows 2.x, so its trajectories come from here."""

    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, momentum_decay=4e-3):
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, momentum_decay=momentum_decay))

    @torch.no_grad()
    def step(self):
        for g in self.param_groups:
            beta1, beta2 = g['betas']
            for p in g['params']:
                st = self.state[p]
                if not st:
                    st.update(step=0, mu_product=1.0, exp_avg=torch.zeros_like(p), exp_avg_sq=torch.zeros_like(p))
                st['step'] += 1
                step = st['step']
                grad = p.grad
                bias_correction2 = 1 - beta2 ** step
                if g['weight_decay'] != 0:
                    grad = grad.add(p, alpha=g['weight_decay'])
                mu = beta1 * (1. - 0.5 * (0.96 ** (step * g['momentum_decay'])))
                mu_next = beta1 * (1. - 0.5 * (0.96 ** ((step + 1) * g['momentum_decay'])))
                st['mu_product'] *= mu
                st['exp_avg'].lerp_(grad, 1 - beta1)
                st['exp_avg_sq'].mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
                denom = st['exp_avg_sq'].div(bias_correction2).sqrt().add_(g['eps'])
                mu_product_next = st['mu_product'] * mu_next
                p.addcdiv_(grad, denom, value=(-g['lr'] * (1. - mu) / (1. - st['mu_product'])))
                p.addcdiv_(st['exp_avg'], denom, value=(-g['lr'] * mu_next) / (1. - mu_product_next))


OPTIMIZERS = {'NAdam': NAdamCurrent}


def run(name, kwargs, groups, scheduler, dtype, nudge=0.0):
    model = nn.Linear(3, 2).to(dtype)
    with torch.no_grad():
        model.weight.copy_(W0 * (1 + nudge))
        model.bias.copy_(B0)
    X_, Y_ = X.to(dtype), Y.to(dtype)
    named = dict(model.named_parameters())
    params = [{**g, 'params': [named[n] for n in g['params']]} for g in groups] if groups else model.parameters()
    opt = OPTIMIZERS.get(name, getattr(optim, name, None))(params, **kwargs)
    sched = getattr(optim.lr_scheduler, scheduler[0])(opt, **scheduler[1]) if scheduler else None
    losses = []
    for step in range(1, STEPS + 1):
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(X_), Y_)
        loss.backward()
        opt.step()
        if sched:
            sched.step()
        if step in CHECKPOINTS:
            losses.append(loss.item())
    return losses, dict(model.named_parameters())


def spread(a, b):
    return abs(a - b) / max(abs(b), 1e-12)


def traj(id, name, kwargs, groups=None, scheduler=None):
    losses, params = run(name, kwargs, groups, scheduler, torch.float32)
    others = [run(name, kwargs, groups, scheduler, torch.float64)] + \
        [run(name, kwargs, groups, scheduler, torch.float32, nudge) for nudge in (1e-7, -1e-7)]
    loss_spread = [max(spread(a, o[0][i]) for o in others) for i, a in enumerate(losses)]
    final_diff = max(abs(a - b) for o in others for n in params
                     for a, b in zip(params[n].view(-1).tolist(), o[1][n].view(-1).tolist()))
    rec = {'id': id, 'optimizer': name, 'kwargs': kwargs, 'losses': losses,
           'final': {n: enc(p) for n, p in params.items()},
           'rtol': {'losses': [max(2e-4, 3 * sp) for sp in loss_spread], 'final': {'rtol': 2e-4, 'atol': max(2e-5, 3 * final_diff)}}}
    if name in OPTIMIZERS:
        rec['reference'] = f"PyTorch 2.x's {name} (differs from 1.13), reimplemented in optim_traj.py"
    if groups:
        rec['param_groups'] = groups
    if scheduler:
        rec['scheduler'] = {'name': scheduler[0], 'kwargs': scheduler[1]}
    cases.append(rec)


traj('SGD/plain', 'SGD', {'lr': 0.05})
traj('SGD/momentum', 'SGD', {'lr': 0.02, 'momentum': 0.9})
traj('SGD/momentum_dampening', 'SGD', {'lr': 0.02, 'momentum': 0.9, 'dampening': 0.5})
traj('SGD/nesterov', 'SGD', {'lr': 0.02, 'momentum': 0.9, 'nesterov': True})
traj('SGD/weight_decay', 'SGD', {'lr': 0.05, 'weight_decay': 0.1})
traj('SGD/momentum_weight_decay', 'SGD', {'lr': 0.02, 'momentum': 0.8, 'weight_decay': 0.01})
traj('SGD/param_groups', 'SGD', {'lr': 0.01}, groups=[{'params': ['weight'], 'lr': 0.05}, {'params': ['bias']}])
traj('Adam/default', 'Adam', {'lr': 0.01})
traj('Adam/betas_eps', 'Adam', {'lr': 0.02, 'betas': [0.8, 0.99], 'eps': 1e-6})
traj('Adam/weight_decay', 'Adam', {'lr': 0.01, 'weight_decay': 0.1})
traj('Adam/amsgrad', 'Adam', {'lr': 0.01, 'amsgrad': True})
traj('AdamW/default', 'AdamW', {'lr': 0.01})
traj('AdamW/weight_decay', 'AdamW', {'lr': 0.01, 'weight_decay': 0.2})
traj('RMSprop/default', 'RMSprop', {'lr': 0.01})
traj('RMSprop/momentum', 'RMSprop', {'lr': 0.005, 'momentum': 0.5})
traj('RMSprop/centered_wd', 'RMSprop', {'lr': 0.005, 'centered': True, 'weight_decay': 0.01, 'alpha': 0.9})
traj('Adagrad/default', 'Adagrad', {'lr': 0.1})
traj('Adagrad/lr_decay_wd_init', 'Adagrad', {'lr': 0.2, 'lr_decay': 0.01, 'weight_decay': 0.05, 'initial_accumulator_value': 0.1})
traj('Adadelta/default', 'Adadelta', {})
traj('Adadelta/rho_wd', 'Adadelta', {'lr': 2.0, 'rho': 0.8, 'eps': 1e-5, 'weight_decay': 0.01})
traj('NAdam/default', 'NAdam', {'lr': 0.01})
traj('NAdam/wd_momentum_decay', 'NAdam', {'lr': 0.02, 'betas': [0.85, 0.99], 'weight_decay': 0.05, 'momentum_decay': 0.01})
traj('RAdam/default', 'RAdam', {'lr': 0.01})
traj('RAdam/wd_betas', 'RAdam', {'lr': 0.02, 'betas': [0.8, 0.99], 'weight_decay': 0.05})
traj('SGD/momentum_StepLR', 'SGD', {'lr': 0.05, 'momentum': 0.5}, scheduler=('StepLR', {'step_size': 50, 'gamma': 0.5}))
traj('Adam/CosineAnnealingLR', 'Adam', {'lr': 0.02}, scheduler=('CosineAnnealingLR', {'T_max': 100, 'eta_min': 0.001}))
traj('Adamax/default', 'Adamax', {'lr': 0.01})
traj('Adamax/wd_betas', 'Adamax', {'lr': 0.02, 'betas': [0.8, 0.99], 'eps': 1e-6, 'weight_decay': 0.05})
# session 9 (hY): options the lessons name that had no trajectory, and ASGD / Rprop
traj('SGD/maximize_dampening_wd', 'SGD', {'lr': 0.02, 'momentum': 0.9, 'dampening': 0.1, 'weight_decay': 0.01, 'maximize': True})
traj('SGD/nesterov_wd', 'SGD', {'lr': 0.02, 'momentum': 0.9, 'nesterov': True, 'weight_decay': 0.01})
traj('Adam/amsgrad_maximize_wd', 'Adam', {'lr': 0.01, 'amsgrad': True, 'maximize': True, 'weight_decay': 0.1})
traj('AdamW/amsgrad', 'AdamW', {'lr': 0.01, 'amsgrad': True})
traj('RMSprop/centered_momentum', 'RMSprop', {'lr': 0.005, 'centered': True, 'momentum': 0.9})
traj('Adagrad/maximize', 'Adagrad', {'lr': 0.1, 'maximize': True, 'eps': 0.1})
traj('Adadelta/maximize', 'Adadelta', {'lr': 1.0, 'maximize': True})
traj('ASGD/default', 'ASGD', {'lr': 0.05})
traj('ASGD/averaging_wd', 'ASGD', {'lr': 0.05, 'lambd': 0.01, 'alpha': 0.5, 't0': 20, 'weight_decay': 0.01})
traj('Rprop/default', 'Rprop', {'lr': 0.01})
traj('Rprop/etas_step_sizes', 'Rprop', {'lr': 0.05, 'etas': [0.3, 1.5], 'step_sizes': [0.001, 0.2]})

schedules = []


# lr_lambda functions by name: the engine's test keeps the same table (LAMBDAS in engine/test/optim.test.ts)
LAMBDAS = {'pow0.95': lambda e: 0.95 ** e, 'warmup4': lambda e: min(1.0, (e + 1) / 4), 'halve_odd': lambda e: 0.5 if e % 2 else 1.0}


def lrs(id, name, kwargs, epochs, lr=0.1, opt_kwargs=None, lambdas=None, children=None, metrics=None, step_epochs=None):
    """lambdas: names in LAMBDAS given as lr_lambda; children: [(name, kwargs)] built first and passed as
    `schedulers`; metrics: ReduceLROnPlateau's value per epoch; step_epochs: step(epoch) arguments."""
    p = nn.Parameter(torch.zeros(1))
    opt = optim.SGD([p], lr=lr, **(opt_kwargs or {}))
    kw = dict(kwargs)
    if lambdas:
        kw['lr_lambda'] = LAMBDAS[lambdas[0]] if len(lambdas) == 1 else [LAMBDAS[n] for n in lambdas]
    if children:
        kw['schedulers'] = [getattr(optim.lr_scheduler, n)(opt, **k) for n, k in children]
    sched = getattr(optim.lr_scheduler, name)(opt, **kw) if name != 'ChainedScheduler' else optim.lr_scheduler.ChainedScheduler(kw['schedulers'])
    seq, moms = [], []
    for e in range(epochs):
        seq.append(opt.param_groups[0]['lr'])
        moms.append(opt.param_groups[0].get('momentum', 0))
        opt.step()
        if metrics:
            sched.step(metrics[e])
        elif step_epochs:
            sched.step(step_epochs[e])
        else:
            sched.step()
    rec = {'id': id, 'scheduler': name, 'kwargs': kwargs, 'lr': lr, 'epochs': epochs, 'lrs': seq,
           'last_lr': sched.get_last_lr() if hasattr(sched, 'get_last_lr') else [g['lr'] for g in opt.param_groups]}
    for k, v in [('opt_kwargs', opt_kwargs), ('lambdas', lambdas), ('children', children and [{'name': n, 'kwargs': k} for n, k in children]),
                 ('metrics', metrics), ('step_epochs', step_epochs)]:
        if v:
            rec[k] = v
    if opt_kwargs and 'momentum' in opt_kwargs:
        rec['momentums'] = moms
    schedules.append(rec)


lrs('StepLR/step5_gamma0.5', 'StepLR', {'step_size': 5, 'gamma': 0.5}, 30)
lrs('StepLR/default_gamma', 'StepLR', {'step_size': 3}, 12)
lrs('CosineAnnealingLR/T10', 'CosineAnnealingLR', {'T_max': 10}, 25)
lrs('CosineAnnealingLR/T7_eta_min', 'CosineAnnealingLR', {'T_max': 7, 'eta_min': 0.01}, 30, lr=0.5)
lrs('LambdaLR/pow', 'LambdaLR', {}, 12, lambdas=['pow0.95'])
lrs('LambdaLR/warmup', 'LambdaLR', {}, 8, lambdas=['warmup4'])
lrs('MultiplicativeLR/halve_odd', 'MultiplicativeLR', {}, 8, lambdas=['halve_odd'])
lrs('LinearLR/default', 'LinearLR', {}, 10)
lrs('LinearLR/warmup', 'LinearLR', {'start_factor': 0.1, 'end_factor': 0.9, 'total_iters': 4}, 8)
lrs('ConstantLR/default', 'ConstantLR', {'factor': 0.5, 'total_iters': 3}, 6)
lrs('CosineAnnealingWarmRestarts/T3', 'CosineAnnealingWarmRestarts', {'T_0': 3}, 10)
lrs('CosineAnnealingWarmRestarts/T2_mult2_eta', 'CosineAnnealingWarmRestarts', {'T_0': 2, 'T_mult': 2, 'eta_min': 0.01}, 16)
lrs('CosineAnnealingWarmRestarts/fractional_epochs', 'CosineAnnealingWarmRestarts', {'T_0': 2, 'T_mult': 2}, 12,
    step_epochs=[0.25 * (i + 1) * 1.5 for i in range(12)])
lrs('OneCycleLR/cos_momentum', 'OneCycleLR', {'max_lr': 1.0, 'total_steps': 20}, 20, opt_kwargs={'momentum': 0.9})
lrs('OneCycleLR/linear_three_phase', 'OneCycleLR', {'max_lr': 0.5, 'epochs': 3, 'steps_per_epoch': 5, 'anneal_strategy': 'linear',
    'three_phase': True, 'pct_start': 0.25, 'div_factor': 10.0, 'final_div_factor': 100.0}, 15, opt_kwargs={'momentum': 0.8})
lrs('OneCycleLR/no_cycle_momentum', 'OneCycleLR', {'max_lr': 0.3, 'total_steps': 10, 'cycle_momentum': False}, 10)
lrs('ReduceLROnPlateau/min', 'ReduceLROnPlateau', {'patience': 2, 'factor': 0.5}, 14,
    metrics=[1.0, 0.9, 0.95, 0.91, 0.92, 0.8, 0.8, 0.85, 0.81, 0.79, 0.8, 0.8, 0.8, 0.8])
lrs('ReduceLROnPlateau/max_abs_cooldown_min_lr', 'ReduceLROnPlateau', {'mode': 'max', 'patience': 1, 'threshold': 0.05, 'threshold_mode': 'abs',
    'cooldown': 2, 'min_lr': 0.02}, 14, metrics=[0.1, 0.12, 0.13, 0.14, 0.2, 0.21, 0.22, 0.23, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3])
lrs('SequentialLR/warmup_cosine', 'SequentialLR', {'milestones': [3]}, 12,
    children=[('LinearLR', {'start_factor': 0.2, 'total_iters': 3}), ('CosineAnnealingLR', {'T_max': 8})])
lrs('SequentialLR/three', 'SequentialLR', {'milestones': [2, 5]}, 10,
    children=[('ConstantLR', {'factor': 0.1, 'total_iters': 2}), ('ExponentialLR', {'gamma': 0.9}), ('StepLR', {'step_size': 2, 'gamma': 0.5})])
lrs('ChainedScheduler/linear_exponential', 'ChainedScheduler', {}, 8,
    children=[('LinearLR', {'start_factor': 0.5, 'total_iters': 3}), ('ExponentialLR', {'gamma': 0.9})])
lrs('PolynomialLR/default', 'PolynomialLR', {}, 8)
lrs('PolynomialLR/power2', 'PolynomialLR', {'total_iters': 4, 'power': 2.0}, 7)
lrs('MultiStepLR/unsorted_repeated', 'MultiStepLR', {'milestones': [5, 2, 2], 'gamma': 0.5}, 8)
lrs('MultiStepLR/default_gamma', 'MultiStepLR', {'milestones': [3, 6]}, 9)
lrs('ExponentialLR/gamma0.9', 'ExponentialLR', {'gamma': 0.9}, 8)

write('optim.json', {'_script': __file__, 'steps': STEPS, 'checkpoints': CHECKPOINTS,
                     'problem': {'weight': enc(W0), 'bias': enc(B0), 'X': enc(X), 'Y': enc(Y)},
                     'cases': cases, 'schedules': schedules})
