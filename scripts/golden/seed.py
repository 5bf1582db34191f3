"""seed.json: the seed tutorial (Stevens et al., "Deep Learning with PyTorch", ch. 6).

seq_model = Sequential(OrderedDict(hidden_linear=Linear(1, 8), hidden_activation=Tanh(),
output_linear=Linear(8, 1))), built after torch.manual_seed(0); its initial weights are dumped
(`initial_state`) so the engine loads them instead of relying on its own RNG. Then 5000 epochs
of full-batch SGD(lr=1e-3) on MSELoss over t_un = 0.1 * t_u: `losses` at epochs 1, 1000, ..., 5000
(the loss computed in that epoch, before its step), `final_state`, and hidden_linear.weight.grad
after the last epoch.
"""
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.optim as optim

from common import enc, write

t_c = torch.tensor([0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]).unsqueeze(1)
t_u = torch.tensor([35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]).unsqueeze(1)
t_un = 0.1 * t_u

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

optimizer = optim.SGD(seq_model.parameters(), lr=1e-3)
loss_fn = nn.MSELoss()
checkpoints = [1, 1000, 2000, 3000, 4000, 5000]
losses = []
for epoch in range(1, 5001):
    t_p = seq_model(t_un)
    loss = loss_fn(t_p, t_c)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if epoch in checkpoints:
        losses.append(loss.item())

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
    'lr': 1e-3, 'epochs': 5000, 'checkpoints': checkpoints, 'losses': losses,
    'final_state': {k: enc(v) for k, v in seq_model.state_dict().items()},
    'final_output': enc(final_output),
    'hidden_linear_weight_grad': enc(seq_model.hidden_linear.weight.grad),
})
