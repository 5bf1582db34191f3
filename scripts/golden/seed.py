"""seed.json: the seed tutorial (Stevens et al., "Deep Learning with PyTorch", ch. 6).

seq_model = Sequential(OrderedDict(hidden_linear=Linear(1, 8), hidden_activation=Tanh(),
output_linear=Linear(8, 1))), built after torch.manual_seed(0); its initial weights are dumped
(`initial_state`) so the engine loads them instead of relying on its own RNG. Then 5000 epochs
of full-batch SGD(lr=1e-3) on MSELoss over t_un = 0.1 * t_u: `losses` at epochs 1, 1000, ..., 5000
(the loss computed in that epoch, before its step), `final_state`, and hidden_linear.weight.grad
after the last epoch.

The loop crosses a plateau where rounding shifts the timing: PyTorch's own float32 and float64
runs differ by ~3% at epoch 2000. The same loop is also run in float64 and in float32 from
weights nudged by ±1e-7 relative; `rtol.losses` records max(1e-3, 2 * largest relative spread)
per checkpoint, and `tol.final` an absolute tolerance from the largest spread of the final weights.
"""
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.optim as optim

from common import enc, write

t_c = torch.tensor([0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]).unsqueeze(1)
t_u = torch.tensor([35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]).unsqueeze(1)
t_un = 0.1 * t_u

def build():
    return nn.Sequential(OrderedDict([
        ('hidden_linear', nn.Linear(1, 8)),
        ('hidden_activation', nn.Tanh()),
        ('output_linear', nn.Linear(8, 1)),
    ]))


def train(model, x, y, before_last=None):
    optimizer = optim.SGD(model.parameters(), lr=1e-3)
    loss_fn = nn.MSELoss()
    losses = []
    for epoch in range(1, 5001):
        if epoch == 5000 and before_last is not None:
            before_last.update({k: v.clone() for k, v in model.state_dict().items()})
        t_p = model(x)
        loss = loss_fn(t_p, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if epoch in checkpoints:
            losses.append(loss.item())
    return losses


checkpoints = [1, 1000, 2000, 3000, 4000, 5000]
torch.manual_seed(0)
seq_model = nn.Sequential(OrderedDict([
    ('hidden_linear', nn.Linear(1, 8)),
    ('hidden_activation', nn.Tanh()),
    ('output_linear', nn.Linear(8, 1)),
]))
initial_state = {k: enc(v) for k, v in seq_model.state_dict().items()}
named = [{'name': n, 'shape': list(p.shape), 'requires_grad': p.requires_grad} for n, p in seq_model.named_parameters()]
param_reprs = {n: repr(p) for n, p in seq_model.named_parameters()}
initial_output = seq_model(t_un)
initial_output_repr = repr(initial_output)

def twin(dtype, nudge):
    m = build().to(dtype)
    m.load_state_dict({k: (v * (1 + nudge)).to(dtype) for k, v in seq_model.state_dict().items()})
    return m, train(m, t_un.to(dtype), t_c.to(dtype))


others = [twin(torch.float64, 0.0), twin(torch.float32, 1e-7), twin(torch.float32, -1e-7)]
state_before_last_step = {}
losses = train(seq_model, t_un, t_c, state_before_last_step)
losses64 = others[0][1]


def max_abs_diff(a, b):
    return (a.detach().double() - b.detach().double()).abs().max().item()


rtol = {
    'losses': [max(1e-3, 2 * max(abs(a - o[1][i]) / abs(o[1][i]) for o in others)) for i, a in enumerate(losses)],
}
# final weights: an absolute tolerance from the largest spread between the runs
tol = {'final': {'rtol': 1e-3, 'atol': max(1e-4, 2 * max(max_abs_diff(v, m.state_dict()[k]) for m, _ in others
                                                          for k, v in seq_model.state_dict().items()))}}
with torch.no_grad():
    tol['output'] = {'rtol': 1e-3, 'atol': max(1e-4, 2 * max(max_abs_diff(seq_model(t_un), m(t_un.to(m[0].weight.dtype)))
                                                              for m, _ in others))}

with torch.no_grad():
    final_output = seq_model(t_un)

write('seed.json', {
    '_script': __file__,
    't_c': t_c.view(-1).tolist(), 't_u': t_u.view(-1).tolist(),
    't_un': enc(t_un),
    'repr': repr(seq_model),
    'named_parameters': named,
    'named_parameters_lines': [f'{n} {p.shape} {p.requires_grad}' for n, p in seq_model.named_parameters()],
    'initial_state': initial_state,
    'initial_param_reprs': param_reprs,
    'initial_output': enc(initial_output),
    'initial_output_repr': initial_output_repr,
    'lr': 1e-3, 'epochs': 5000, 'checkpoints': checkpoints, 'losses': losses, 'losses_float64': losses64, 'rtol': rtol, 'tol': tol,
    'final_state': {k: enc(v) for k, v in seq_model.state_dict().items()},
    'final_output': enc(final_output),
    # The last epoch's gradient swings with the run's rounding (SGD oscillates along a stiff
    # direction), so it is checked from the weights the last epoch started from: one forward and
    # backward there must give exactly this gradient.
    'hidden_linear_weight_grad': enc(seq_model.hidden_linear.weight.grad),
    'state_before_last_step': {k: enc(v) for k, v in state_before_last_step.items()},
})
