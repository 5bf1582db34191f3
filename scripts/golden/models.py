"""models.json: torchvision 0.14 VGG family structure (no weights) plus the seed model.

For each of vgg11/13/16/19 and *_bn: state_dict keys with shapes in order, named_parameters
names with shapes, parameter total, trainable total after model.features.requires_grad_(False),
and repr(model); named_modules of vgg16. Plus the seed model, container reprs (Sequential,
ModuleList, ModuleDict, nesting) and load_state_dict's error messages.
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
    if name == 'vgg16':
        variants[-1]['named_modules'] = [[n, type(m).__name__] for n, m in model.named_modules()]
        variants[-1]['children'] = [n for n, _ in model.named_children()]

seq_model = nn.Sequential(OrderedDict([
    ('hidden_linear', nn.Linear(1, 8)),
    ('hidden_activation', nn.Tanh()),
    ('output_linear', nn.Linear(8, 1)),
]))
# Containers: `build` is a small expression language the TS test mirrors:
# ['Linear', 2, 3] → nn.Linear(2, 3); ['Sequential', [...]] positional; ['SequentialDict', {name: ...}];
# ['ModuleList', [...]]; ['ModuleDict', {name: ...}]; ['ReLU'] etc.
def build(spec):
    kind, *rest = spec
    if kind == 'Sequential':
        return nn.Sequential(*[build(x) for x in rest[0]])
    if kind == 'SequentialDict':
        return nn.Sequential(OrderedDict((k, build(v)) for k, v in rest[0].items()))
    if kind == 'ModuleList':
        return nn.ModuleList([build(x) for x in rest[0]])
    if kind == 'ModuleDict':
        return nn.ModuleDict({k: build(v) for k, v in rest[0].items()})
    return getattr(nn, kind)(*rest)


container_specs = {
    'sequential_positional': ['Sequential', [['Linear', 2, 3], ['ReLU'], ['Linear', 3, 1]]],
    'sequential_nested': ['Sequential', [['Conv2d', 1, 4, 3], ['Sequential', [['BatchNorm2d', 4], ['ReLU']]], ['Flatten'],
                                         ['Linear', 16, 2]]],
    'sequential_dict_nested': ['SequentialDict', {'features': ['Sequential', [['Linear', 4, 4], ['Tanh']]],
                                                  'head': ['Linear', 4, 2]}],
    'module_list': ['ModuleList', [['Linear', 2, 2], ['Dropout', 0.25], ['Linear', 2, 1, False]]],
    'module_dict': ['ModuleDict', {'act': ['LeakyReLU', 0.1], 'proj': ['Linear', 3, 3], 'pool': ['MaxPool2d', 2]}],
    'empty_sequential': ['Sequential', []],
}
containers = []
for cid, spec in container_specs.items():
    m = build(spec)
    containers.append({'id': cid, 'spec': spec, 'repr': repr(m),
                       'named_parameters': [[k, list(p.shape)] for k, p in m.named_parameters()],
                       'state_dict_keys': list(m.state_dict().keys()),
                       'named_modules': [[n, type(x).__name__] for n, x in m.named_modules()]})

seed = nn.Sequential(OrderedDict([
    ('hidden_linear', nn.Linear(1, 8)),
    ('hidden_activation', nn.Tanh()),
    ('output_linear', nn.Linear(8, 1)),
]))
sd = seed.state_dict()
load_errors = []
for eid, change in [('missing_key', {'drop': 'output_linear.bias'}), ('unexpected_key', {'add': ['extra.weight', [1]]}),
                    ('size_mismatch', {'replace': ['hidden_linear.weight', [3, 1]]})]:
    bad = dict(sd)
    if 'drop' in change:
        del bad[change['drop']]
    if 'add' in change:
        bad[change['add'][0]] = torch.zeros(change['add'][1])
    if 'replace' in change:
        bad[change['replace'][0]] = torch.zeros(change['replace'][1])
    try:
        seed.load_state_dict(bad)
        raise AssertionError(eid)
    except RuntimeError as e:
        load_errors.append({'id': eid, 'change': change, 'error': str(e).rstrip()})
incompatible = seed.load_state_dict({k: v for k, v in sd.items() if k != 'output_linear.bias'}, strict=False)

write('models.json', {
    '_script': __file__,
    'vgg': variants,
    'seed_model': {'repr': repr(seq_model),
                   'named_parameters': [[k, list(p.shape), p.requires_grad] for k, p in seq_model.named_parameters()],
                   'numel': [p.numel() for p in seq_model.parameters()]},
    'containers': containers,
    'load_state_dict_errors': load_errors,
    'non_strict_missing': {'missing_keys': incompatible.missing_keys, 'unexpected_keys': incompatible.unexpected_keys},
})
