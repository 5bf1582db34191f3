"""resnet.json: torchvision 0.14 ResNet-18/34/50 against the engine's.

Structure (state_dict keys and shapes in order, parameter total, repr, named_children) and
numbers: every parameter and buffer filled with an exact pattern both sides can make
(((i·7919 + k·104729) mod 1000) / 1000 − 0.5) · scale, running_var made positive), then the
outputs for a fixed 2×3×64×64 input in eval and in train mode, and the gradients of a few
parameters after out.sum().backward() in train mode. The transfer-learning lesson's steps
(freeze everything, replace fc) are checked on resnet18. The numbers are float64 on both sides:
the patterns are made in float32, then the model and the input are converted with .double().
"""
import math

import torch
import torchvision.models as tvm

from common import write


def pattern(n, k, scale):
    i = torch.arange(n, dtype=torch.float64)
    return ((((i * 7919 + k * 104729) % 1000) / 1000 - 0.5) * scale).float()


def fill(model):
    with torch.no_grad():
        for k, (name, t) in enumerate(model.state_dict().items()):
            if name.endswith('num_batches_tracked'):
                continue
            if name.endswith('running_var'):
                t.copy_(pattern(t.numel(), k, 0.5).view_as(t) + 1.0)
            elif name.endswith('running_mean'):
                t.copy_(pattern(t.numel(), k, 0.2).view_as(t))
            elif name.endswith('bn1.weight') or name.endswith('bn2.weight') or name.endswith('bn3.weight') or name.endswith('downsample.1.weight'):
                t.copy_(pattern(t.numel(), k, 0.4).view_as(t) + 1.0)
            else:
                fan_in = t[0].numel() if t.dim() > 1 else t.numel()
                t.copy_(pattern(t.numel(), k, 2.0 / math.sqrt(fan_in)).view_as(t))


def image():
    return pattern(2 * 3 * 64 * 64, 7, 4.0).view(2, 3, 64, 64)


def values(t):
    return [float(v) for v in t.detach().reshape(-1)]


out = []
for name in ['resnet18', 'resnet34', 'resnet50']:
    model = getattr(tvm, name)(weights=None)
    fill(model)
    # in float64: the deeper models amplify float32 rounding (eval outputs reach ~10^3), and the
    # comparison is of the architecture, not of one float32 summation order
    model.double()
    x = image().double()
    model.eval()
    with torch.no_grad():
        ev = model(x)
    model.train()
    tr = model(x)
    tr.sum().backward()
    grads = {}
    for p in ['conv1.weight', 'layer1.0.conv1.weight', 'layer4.1.bn2.weight', 'fc.weight', 'fc.bias']:
        g = dict(model.named_parameters())[p].grad
        grads[p] = {'first': values(g.reshape(-1)[:8]), 'sum': float(g.double().sum()), 'norm': float(g.double().norm())}
    out.append({
        'name': name,
        'state_dict': [[k, list(v.shape)] for k, v in model.state_dict().items()],
        'total_params': sum(p.numel() for p in model.parameters()),
        'repr': repr(model),
        'children': [n for n, _ in model.named_children()],
        'eval_out': values(ev[:, :16]),
        'eval_sum': float(ev.double().sum()),
        'train_out': values(tr[:, :16]),
        'train_sum': float(tr.double().sum()),
        'grad_fn': tr.grad_fn.name(),
        'grads': grads,
        'bn_running_mean_after_train': values(model.bn1.running_mean[:8]),
        'num_batches_tracked': int(model.bn1.num_batches_tracked),
    })

# the transfer-learning lesson: freeze, then a new head
m = tvm.resnet18(weights=None)
for p in m.parameters():
    p.requires_grad = False
num_ftrs = m.fc.in_features
m.fc = torch.nn.Linear(num_ftrs, 2)
lesson = {
    'num_ftrs': num_ftrs,
    'trainable': [[n, list(p.shape)] for n, p in m.named_parameters() if p.requires_grad],
    'fc_repr': repr(m.fc),
}
write('resnet.json', {'_script': __file__, 'resnet': out, 'transfer': lesson})
