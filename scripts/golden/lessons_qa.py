"""Common Q&A snippets: the one-liners learners search for (see lessons.py)."""
import torch
import torch.nn.functional as F
from torch import nn

from lessons import CURRENT, I, err, fixed, lesson, randn

fixed('logits5x3', randn(5, 3, seed=41))
fixed('y5', torch.tensor([0, 2, 1, 1, 0]))
fixed('m4x5', randn(4, 5, seed=42))


@lesson
def qa_argmax_accuracy():
    logits, y = I('logits5x3'), I('y5')
    pred = logits.argmax(dim=1)
    correct = (pred == y)
    return {'pred': pred, 'correct': correct, 'acc': correct.float().mean(), 'acc_item': correct.sum().item() / len(y),
            'max_vals': torch.max(logits, 1)[0],
            'max_all': logits.max(), 'softmax_sum': F.softmax(logits, dim=1).sum(1), 'eq_dtype': correct.dtype}


@lesson
def qa_one_hot_gather_scatter():
    y = I('y5')
    logits = I('logits5x3')
    oh = F.one_hot(y, num_classes=3)
    picked = logits.gather(1, y.unsqueeze(1))
    z = torch.zeros(5, 3).scatter_(1, y.view(-1, 1), 1.0)
    s = torch.zeros(3).scatter_add_(0, y, torch.ones(5))
    bad = err(lambda: logits.gather(1, y))
    return {'one_hot': oh, 'one_hot_dtype': oh.dtype, 'picked': picked, 'scattered': z, 'counts': s, 'bincount': torch.bincount(y),
            'gather_bad': bad, 'index_select': logits.index_select(0, torch.tensor([4, 0]))}


@lesson
def qa_clamp_where_topk_sort():
    m = I('m4x5')
    v, i = m.topk(2, dim=1)
    sv, si = torch.sort(m[0], descending=True)
    return {'clamp': m.clamp(min=-0.5, max=0.5), 'clamp_min': torch.clamp(m, min=0), 'where': torch.where(m > 0, m, torch.zeros_like(m)),
            'where_scalar': torch.where(m > 0, m, 0.0), 'topk_v': v, 'topk_i': i, 'sort_v': sv, 'sort_i': si,
            'argsort': m[1].argsort(), 'relu_eq': torch.equal(m.clamp(min=0), F.relu(m)), 'abs_max': m.abs().max(dim=0).indices,
            'cumsum': m[0].cumsum(0), 'round': (m * 10).round() / 10}


@lesson
def qa_cat_stack_split():
    a = torch.arange(6.0).view(2, 3)
    b = a + 10
    return {'cat0': torch.cat([a, b], dim=0).shape, 'cat1': torch.cat((a, b), 1), 'stack0': torch.stack([a, b]).shape,
            'stack1': torch.stack([a, b], dim=1), 'stack_2': torch.stack([a, b], dim=-1).shape, 'chunk': list(torch.chunk(a, 3, dim=1)),
            'split': [t.shape for t in a.split([1, 2], dim=1)], 'unbind': list(a.unbind(1)), 'hstack': torch.hstack([a, b]).shape,
            'cat_bad': err(lambda: torch.cat([a, torch.zeros(2, 2)], dim=0)), 'stack_bad': err(lambda: torch.stack([a, torch.zeros(3, 2)]))}


@lesson
def qa_int_division_and_promotion():
    i = torch.tensor([5, 3, -7])
    f32 = torch.tensor([0.5, 1.5, 2.5])
    return {'true_div': i / 2, 'floor_div': i // 2, 'floor_divide': torch.floor_divide(i, 2), 'remainder': i % 3,
            'int_plus_half': i + 0.5, 'int_times_float_t': i * f32, 'int_sum': i.sum(), 'int_sum_dtype': i.sum().dtype,
            'int_mean': err(lambda: i.mean()), 'float_mean': i.float().mean(), 'bool_sum': (i > 0).sum(),
            'bool_plus_int': torch.tensor([True, False]) + 1, 'f64_plus_f32': torch.ones(2, dtype=torch.float64) + torch.ones(2),
            'f32_plus_0d_f64': torch.ones(2) + torch.tensor(1.0, dtype=torch.float64), 'i32_plus_i64': torch.ones(2, dtype=torch.int32) + torch.ones(2, dtype=torch.long),
            'pow_int': i ** 2, 'pow_half': i.abs() ** 0.5, 'int_div_': err(lambda: i.clone().div_(2)),
            'mul_bool': (i > 0) * 2.5, 'softmax_int': err(lambda: F.softmax(i, dim=0)), 'float_of_int': torch.tensor(3).float(), 'long_of_float': torch.tensor([2.7, -2.7]).long()}


@lesson
def qa_inplace_leaf_and_backward_errors():
    w = torch.ones(3, requires_grad=True)
    leaf_error = err(lambda: w.add_(1))
    with torch.no_grad():
        w -= 0.5
    w.data.mul_(2)
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = x * x
    y.sum().backward()
    twice = err(lambda: y.sum().backward())
    nonscalar = err(lambda: (x * 2).backward())
    no_grad_t = torch.ones(2)
    no_req = err(lambda: (no_grad_t * 2).sum().backward())
    return {'leaf_error': leaf_error, 'w': w, 'w_is_leaf': w.is_leaf, 'x_grad': x.grad, 'twice': twice,
            'nonscalar': nonscalar, 'no_req': no_req, 'y_is_leaf': y.is_leaf, 'detach_leaf': y.detach().is_leaf}


@lesson
def qa_item_tolist_sizes():
    t = torch.tensor([[1.5, 2.0, 3.0], [4.0, 5.0, 6.25]])
    return {'item': t[1, 2].item(), 'item_error': err(lambda: t[0].item()), 'tolist': t.tolist(), 'row_tolist': t[0].tolist(),
            'scalar_tolist': t[0, 0].tolist(), 'numel': t.numel(), 'size': t.size(), 'size1': t.size(1), 'size_neg': t.size(-1),
            'shape0': t.shape[0], 'dim': t.dim(), 'ndim': t.ndim, 'len': len(t), 'int_item': torch.tensor([7]).item(),
            'bool_item': torch.tensor(True).item(), 'index_error': err(lambda: t[2]), 'dim_error': err(lambda: t.sum(2))}


@lesson
def qa_shape_errors():
    lin = nn.Linear(2, 5)
    return {'linear': err(lambda: lin(torch.zeros(4, 3))), 'broadcast': err(lambda: torch.zeros(2, 3) + torch.zeros(2, 4)),
            'matmul': err(lambda: torch.zeros(2, 3) @ torch.zeros(2, 3)), 'view': err(lambda: torch.zeros(2, 3).view(4)),
            'ce_float_target': err(lambda: F.cross_entropy(torch.zeros(2, 3), torch.tensor([0.0, 1.0]))),
            'ce_out_of_bounds': err(lambda: F.cross_entropy(torch.zeros(2, 3), torch.tensor([0, 5]))),
            'conv_channels': err(lambda: nn.Conv2d(3, 4, 3)(torch.zeros(1, 1, 5, 5))),
            'bn_features': err(lambda: nn.BatchNorm1d(3)(torch.zeros(2, 4))),
            'mse_broadcast_ok': F.mse_loss(torch.zeros(3, 1), torch.ones(3, 1)),
            'squeeze': torch.zeros(3, 1, 2).squeeze().shape, 'unsqueeze': torch.zeros(3).unsqueeze(0).shape}


@lesson
def qa_no_grad_detach_flags():
    x = torch.ones(2, requires_grad=True)
    with torch.no_grad():
        y = x * 2
    torch.set_grad_enabled(False)
    z = x * 2
    torch.set_grad_enabled(True)
    w = x * 2
    d = w.detach()
    d[0] = 5.0
    return {'y': y.requires_grad, 'z': z.requires_grad, 'w': w.requires_grad, 'w_fn': w.grad_fn.name(), 'w_after': w,
            'is_grad_enabled': torch.is_grad_enabled(), 'x_requires': x.requires_grad, 'clone_fn': x.clone().grad_fn.name(),
            'detach_version': w._version}


@lesson
def qa_adam_quadratic():
    p = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
    opt = torch.optim.Adam([p], lr=0.1, betas=(0.9, 0.99), weight_decay=0.01)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
    trace = []
    for _ in range(5):
        opt.zero_grad()
        loss = (p ** 2).sum() + p.prod()
        loss.backward()
        opt.step()
        sched.step()
        trace.append([loss.item(), opt.param_groups[0]['lr']])
    return {'p': p, 'trace': trace, 'exp_avg': opt.state[p]['exp_avg'], 'repr': str(opt), 'step': opt.state_dict()['state'][0]['step'],
            'grad_after_zero': (opt.zero_grad(), p.grad)[1]}


CURRENT['qa_adam_quadratic'] = {'grad_after_zero': None}  # and 2.x's Adam defaults fused=None (1.13: False)

# 2.x: `RuntimeError: a Tensor with 3 elements cannot be converted to Scalar` (1.13: ValueError: only one element tensors …)
CURRENT['qa_item_tolist_sizes'] = {'item_error': {'$error': {'name': 'RuntimeError', 'message': 'a Tensor with 3 elements cannot be converted to Scalar'}}}


def _adam_repr_2x():
    from lessons import CASES
    CURRENT['qa_adam_quadratic']['repr'] = CASES['qa_adam_quadratic']['repr'].replace('fused: False', 'fused: None')


_adam_repr_2x()
