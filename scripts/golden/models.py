"""models.json: torchvision 0.14 VGG family structure (no weights) plus the seed model.

For each of vgg11/13/16/19 and *_bn: state_dict keys with shapes in order, named_parameters
names with shapes, parameter total, trainable total after model.features.requires_grad_(False),
and repr(model).
"""
from collections import OrderedDict

import torch
import torch.nn as nn
import torchvision.models as tvm

from common import write

variants = []
for name in ['vgg11', 'vgg11_bn', 'vgg13', 'vgg13_bn', 'vgg16', 'vgg16_bn', 'vgg19', 'vgg19_bn']:
    model = getattr(tvm, name)(weights=None)
    total = sum(p.numel() for p in model.parameters())
    model.features.requires_grad_(False)
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    variants.append({
        'name': name,
        'state_dict': [[k, list(v.shape)] for k, v in model.state_dict().items()],
        'named_parameters': [[k, list(p.shape)] for k, p in model.named_parameters()],
        'total_params': total,
        'trainable_after_freezing_features': trainable,
        'repr': repr(model),
    })
    print(name, total, trainable)

seq_model = nn.Sequential(OrderedDict([
    ('hidden_linear', nn.Linear(1, 8)),
    ('hidden_activation', nn.Tanh()),
    ('output_linear', nn.Linear(8, 1)),
]))
write('models.json', {
    '_script': __file__,
    'vgg': variants,
    'seed_model': {'repr': repr(seq_model),
                   'named_parameters': [[k, list(p.shape), p.requires_grad] for k, p in seq_model.named_parameters()],
                   'numel': [p.numel() for p in seq_model.parameters()]},
})
