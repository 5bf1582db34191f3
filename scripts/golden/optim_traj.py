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


def run(name, kwargs, groups, scheduler, dtype, nudge=0.0):
    model = nn.Linear(3, 2).to(dtype)
    with torch.no_grad():
        model.weight.copy_(W0 * (1 + nudge))
        model.bias.copy_(B0)
    X_, Y_ = X.to(dtype), Y.to(dtype)
    named = dict(model.named_parameters())
    params = [{**g, 'params': [named[n] for n in g['params']]} for g in groups] if groups else model.parameters()
    opt = getattr(optim, name)(params, **kwargs)
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
traj('SGD/momentum_StepLR', 'SGD', {'lr': 0.05, 'momentum': 0.5}, scheduler=('StepLR', {'step_size': 50, 'gamma': 0.5}))
traj('Adam/CosineAnnealingLR', 'Adam', {'lr': 0.02}, scheduler=('CosineAnnealingLR', {'T_max': 100, 'eta_min': 0.001}))

schedules = []


def lrs(id, name, kwargs, epochs, lr=0.1):
    p = nn.Parameter(torch.zeros(1))
    opt = optim.SGD([p], lr=lr)
    sched = getattr(optim.lr_scheduler, name)(opt, **kwargs)
    seq = []
    for _ in range(epochs):
        seq.append(opt.param_groups[0]['lr'])
        opt.step()
        sched.step()
    schedules.append({'id': id, 'scheduler': name, 'kwargs': kwargs, 'lr': lr, 'epochs': epochs, 'lrs': seq,
                      'last_lr': sched.get_last_lr()})


lrs('StepLR/step5_gamma0.5', 'StepLR', {'step_size': 5, 'gamma': 0.5}, 30)
lrs('StepLR/default_gamma', 'StepLR', {'step_size': 3}, 12)
lrs('CosineAnnealingLR/T10', 'CosineAnnealingLR', {'T_max': 10}, 25)
lrs('CosineAnnealingLR/T7_eta_min', 'CosineAnnealingLR', {'T_max': 7, 'eta_min': 0.01}, 30, lr=0.5)

write('optim.json', {'_script': __file__, 'steps': STEPS, 'checkpoints': CHECKPOINTS,
                     'problem': {'weight': enc(W0), 'bias': enc(B0), 'X': enc(X), 'Y': enc(Y)},
                     'cases': cases, 'schedules': schedules})
