"""ce_matrix.json: F.cross_entropy over every combination the lessons use.

Input ranks 1 (unbatched), 2, 3 ([N, C, L]: PyTorch's nll_loss_nd, NllLoss2D) and 4; class-index
and class-probability targets; weight; ignore_index; label_smoothing; reduction mean/sum/none; plus
the all-ignored batch (its mean is nan, its gradient 0). Each case stores the inputs, the loss, the
input's gradient of loss.sum() and the loss's grad_fn name.
"""
import itertools

import torch
import torch.nn.functional as F

from common import enc, write

torch.set_num_threads(1)


def wave(*shape):
    n = 1
    for d in shape:
        n *= d
    return torch.sin(torch.arange(n, dtype=torch.float32) * 1.3 + 0.5).reshape(shape)


SHAPES = [
    ('1d', wave(3), torch.tensor(2), F.softmax(wave(3) * 3, 0)),
    ('2d', wave(4, 3) * 2, torch.tensor([0, 2, 1, 2]), F.softmax(wave(4, 3) * 3, 1)),
    ('3d', wave(2, 3, 4), torch.tensor([[0, 1, 2, 1], [2, 2, 0, 1]]), F.softmax(wave(2, 3, 4) * 3, 1)),
    ('4d', wave(2, 3, 2, 2), torch.tensor([[[0, 1], [2, 1]], [[2, 2], [0, 1]]]), F.softmax(wave(2, 3, 2, 2) * 3, 1)),
]
cases = []


def case(id, x, target, kwargs):
    x = x.clone().requires_grad_()
    loss = F.cross_entropy(x, target, **{k: (torch.tensor(v) if k == 'weight' else v) for k, v in kwargs.items()})
    (loss.sum() if loss.dim() else loss).backward()
    cases.append({'id': id, 'input': enc(x), 'target': enc(target), 'kwargs': kwargs,
                  'loss': enc(loss), 'grad': enc(x.grad), 'grad_fn': loss.grad_fn.name()})


for (sn, x, t, tp), w, ig, ls, red, probs in itertools.product(
        SHAPES, [None, [1., 2., 0.5]], [None, 1], [0.0, 0.25], ['mean', 'sum', 'none'], [False, True]):
    if probs and ig is not None:
        continue
    kw = {'reduction': red}
    if w:
        kw['weight'] = w
    if ig is not None:
        kw['ignore_index'] = ig
    if ls:
        kw['label_smoothing'] = ls
    case(f'{sn}/w{int(bool(w))}/ig{ig}/ls{ls}/{red}/{"probs" if probs else "index"}', x, tp if probs else t, kw)

# every target ignored: nan mean, zero gradient (the kernel skips ignored targets)
for red in ['mean', 'sum', 'none']:
    for ls in [0.0, 0.2]:
        case(f'all_ignored/{red}/ls{ls}', wave(2, 3), torch.tensor([1, 1]), {'ignore_index': 1, 'reduction': red, 'label_smoothing': ls})
        case(f'all_ignored_3d/{red}/ls{ls}', wave(1, 3, 2), torch.tensor([[1, 1]]), {'ignore_index': 1, 'reduction': red, 'label_smoothing': ls})

write('ce_matrix.json', {'_script': __file__, 'cases': cases})
