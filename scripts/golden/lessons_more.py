"""More Q&A programs: training-loop habits (freezing, changing lr by hand, grad accumulation), gradients on
kinks, reductions over several dims, losses with their options (see lessons.py)."""
import torch
import torch.nn.functional as F
from torch import nn

from lessons import CURRENT, I, SD, err, fixed, fixed_sd, lesson, randn

fixed('x6x4', randn(6, 4, seed=51))
fixed('y6', torch.tensor([0, 1, 2, 1, 0, 2]))
fixed('bchw', randn(2, 3, 4, 4, seed=52))
torch.manual_seed(53)
fixed_sd('mlp', nn.Sequential(nn.Linear(4, 5), nn.ReLU(), nn.Linear(5, 3)))


def mlp():
    m = nn.Sequential(nn.Linear(4, 5), nn.ReLU(), nn.Linear(5, 3))
    m.load_state_dict(SD('mlp'))
    return m


@lesson
def more_freeze_and_lr_by_hand():
    model = mlp()
    model[0].requires_grad_(False)
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-3)
    x, y = I('x6x4'), I('y6')
    losses = []
    for epoch in range(4):
        if epoch == 2:
            for g in opt.param_groups:
                g['lr'] = 0.01
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return {'losses': losses, 'frozen_w': model[0].weight, 'frozen_grad': model[0].weight.grad, 'w2': model[2].weight,
            'b2': model[2].bias, 'trainable': trainable, 'lr': opt.param_groups[0]['lr']}


@lesson
def more_grad_accumulation():
    model = mlp()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    x, y = I('x6x4'), I('y6')
    opt.zero_grad()
    for i in range(0, 6, 2):
        loss = F.cross_entropy(model(x[i:i + 2]), y[i:i + 2]) / 3
        loss.backward()
    acc_grad = model[2].weight.grad.clone()
    opt.step()
    full = mlp()
    F.cross_entropy(full(x), y).backward()
    return {'acc_grad': acc_grad, 'full_grad': full[2].weight.grad, 'w_after': model[2].weight}


@lesson
def more_kink_gradients():
    x = torch.tensor([-1.0, 0.0, 0.5, 1.0, 2.0], requires_grad=True)
    outs = {}
    for name, fn in [('relu', torch.relu), ('abs', torch.abs), ('clamp', lambda t: t.clamp(0.0, 1.0)),
                     ('max0', lambda t: torch.maximum(t, torch.zeros_like(t))), ('sqrt_relu', lambda t: torch.sqrt(torch.relu(t))),
                     ('hardtanh', F.hardtanh), ('leaky', lambda t: F.leaky_relu(t, 0.1)), ('sign', torch.sign),
                     ('round', torch.round), ('where', lambda t: torch.where(t > 0, t * t, -t))]:
        x.grad = None
        y = fn(x)
        y.sum().backward()
        outs[name] = [y, x.grad.clone()]
    m = torch.tensor([1.0, 3.0, 3.0, 2.0], requires_grad=True)
    m.max().backward()
    outs['max_tie'] = m.grad.clone()
    m.grad = None
    m.amax(0).backward()
    outs['amax_tie'] = m.grad.clone()
    m.grad = None
    torch.max(m, 0).values.backward()
    outs['max_dim_tie'] = m.grad
    return outs


@lesson
def more_reductions_over_dims():
    x = I('bchw')
    mean = x.mean(dim=(0, 2, 3), keepdim=True)
    var = x.var(dim=(0, 2, 3), unbiased=False, keepdim=True)
    by_hand = (x - mean) / torch.sqrt(var + 1e-5)
    bn = nn.BatchNorm2d(3, affine=False)(x)
    return {'mean': mean, 'var': var, 'same_as_bn': torch.allclose(by_hand, bn, atol=1e-5), 'by_hand': by_hand[0, 0, 0],
            'sum_dims': x.sum(dim=[1, 2]), 'max_keep': x.max(dim=1, keepdim=True).values.shape, 'amax': x.amax(dim=(2, 3)),
            'std_one': err(lambda: torch.tensor([1.0]).std(dim=0, foo=1)), 'std_single': torch.tensor([1.0]).std(),
            'norm_dim': x[0, 0].norm(dim=1), 'normalize': F.normalize(x[0, 0], dim=1), 'logsumexp': x[0, 0].logsumexp(1),
            'prod': x[0, 0, 0].prod(), 'argmax_tie': torch.tensor([1, 3, 3, 2]).argmax(), 'median': x[0, 0, 0].median()}


@lesson
def more_losses_with_options():
    x, y = I('x6x4')[:, :3].clone().requires_grad_(), I('y6')
    w = torch.tensor([1.0, 2.0, 0.5])
    y_ign = torch.tensor([0, 1, -100, 1, 0, 2])
    out = {}
    for name, fn in [('ce_weight', lambda: F.cross_entropy(x, y, weight=w)),
                     ('ce_smooth', lambda: F.cross_entropy(x, y, label_smoothing=0.1)),
                     ('ce_ignore', lambda: F.cross_entropy(x, y_ign)),
                     ('ce_sum', lambda: nn.CrossEntropyLoss(reduction='sum')(x, y)),
                     ('ce_none', lambda: nn.CrossEntropyLoss(reduction='none')(x, y)),
                     ('ce_probs', lambda: F.cross_entropy(x, F.softmax(I('x6x4')[:, 1:], dim=1))),
                     ('nll', lambda: F.nll_loss(F.log_softmax(x, dim=1), y)),
                     ('bce', lambda: F.binary_cross_entropy(torch.sigmoid(x), (x.detach() > 0).float())),
                     ('bce_logits_pw', lambda: F.binary_cross_entropy_with_logits(x, (x.detach() > 0).float(), pos_weight=w)),
                     ('l1', lambda: F.l1_loss(x, torch.zeros(6, 3))), ('smooth_l1', lambda: F.smooth_l1_loss(x, torch.zeros(6, 3), beta=0.5)),
                     ('huber', lambda: F.huber_loss(x, torch.zeros(6, 3), delta=0.5)),
                     ('kl', lambda: F.kl_div(F.log_softmax(x, 1), F.softmax(I('x6x4')[:, 1:], 1), reduction='batchmean'))]:
        x.grad = None
        loss = fn()
        loss.sum().backward()
        out[name] = [loss, x.grad.clone()]
    out['mse_shape_warning'] = F.mse_loss(torch.zeros(3), torch.ones(3, 1))
    out['ce_bad_weight'] = err(lambda: F.cross_entropy(x, y, weight=torch.ones(4)))
    return out


@lesson
def more_expand_repeat_views():
    a = torch.tensor([[1.0], [2.0]])
    e = a.expand(2, 3)
    r = a.repeat(1, 3)
    x = torch.arange(12.0).view(3, 4)
    return {'expand': e, 'expand_stride': e.stride(), 'repeat': r, 'repeat_stride': r.stride(), 'expand_as': a.expand_as(r).shape,
            'neg_step': err(lambda: x[:, ::-1]), 'flip': x.flip(1), 'narrow': x.narrow(1, 1, 2), 'diag': x.diagonal(),
            't_contig': x.t().is_contiguous(), 'chunks_view': [c.is_contiguous() for c in x.chunk(2, dim=1)],
            'inplace_on_expand': err(lambda: e.add_(1)), 'masked_fill_': x.clone().masked_fill_(x > 5, 0.0),
            'index_fill_': x.clone().index_fill_(1, torch.tensor([0, 2]), -1.0), 'tril': torch.tril(torch.ones(3, 3)),
            'triu_k': torch.triu(torch.ones(3, 3), diagonal=1), 'eye_like': torch.eye(3).bool()}




# An unknown keyword is Python's plain TypeError in Torchlit (issue #15's house rule), not PyTorch's overload listing.
CURRENT['more_reductions_over_dims'] = {'std_one': {'$error': {'name': 'TypeError', 'message': "std() got an unexpected keyword argument 'foo'"}}}


@lesson
def more_keyword_forms():
    """Python's keyword arguments as the trailing options object: each once reached a positional slot as an object."""
    x = torch.tensor([[3.0, 4.0], [6.0, 8.0]])
    g = torch.ones(4, requires_grad=True)
    return {'fill_': x.clone().fill_(value=2), 'add_alpha_scalar': x.add(1, alpha=2), 'sub_alpha_': x.clone().sub_(1, alpha=2),
            'lerp_weight': x.lerp(torch.zeros(2, 2), weight=0.25), 'torch_lerp': torch.lerp(x, torch.zeros(2, 2), weight=0.5),
            'full_like': torch.full_like(x, fill_value=7), 'new_full': x.new_full([2], fill_value=3),
            'zeros_size': torch.zeros(size=[2]), 'ones_size': torch.ones(size=(2, 1)), 'arange_end': torch.arange(end=3),
            'repeat_interleave': x.flatten().repeat_interleave(repeats=2), 'randint_size': torch.randint(0, 10, size=(3,)).shape,
            'randint_high_size': torch.randint(10, size=(3,)).shape, 'linear_bias': F.linear(x, torch.eye(2), bias=torch.ones(2)),
            'masked_fill': x.masked_fill(x > 4, value=0.0), 'pow': x.pow(exponent=2), 'transpose': x.transpose(dim0=0, dim1=1),
            'unsqueeze': x.unsqueeze(dim=0).shape, 'flatten': x.flatten(start_dim=0), 'narrow': torch.narrow(x, dim=1, start=1, length=1),
            'triu': torch.triu(x, diagonal=1), 'scatter_value': torch.zeros(3).scatter_(0, torch.tensor([1]), value=1.0),
            'new_ones': x.new_ones(2, 3).shape, 'index_select': x.index_select(dim=0, index=torch.tensor([1])),
            'logsumexp': x.logsumexp(dim=1), 'clip_norm': (g.sum().mul(3).backward(), nn.utils.clip_grad_norm_([g], max_norm=1.0))[1]}


@lesson
def more_diff_view_pool():
    """torch.diff (n, dim, prepend, append, gradient, errors), view(size=...), avg_pool2d on int64 (truncating)."""
    a = torch.tensor([1.0, 4.0, 9.0, 16.0], requires_grad=True)
    b = torch.tensor([[1.0, 2.0, 4.0], [7.0, 11.0, 16.0]], requires_grad=True)
    d1 = torch.diff(b, dim=1)
    (d1 * torch.tensor([[1.0, 2.0], [3.0, 4.0]])).sum().backward()
    a2 = a.diff(n=2)
    a2.sum().backward()
    img = torch.arange(16).reshape(1, 1, 4, 4)
    return {'diff': torch.diff(a), 'diff_n2': a2, 'diff_dim0': torch.diff(b, dim=0), 'diff_n2_dim1': torch.diff(b, n=2, dim=1),
            'b_grad': b.grad, 'a_grad': a.grad, 'diff_n0': torch.diff(b, n=0), 'diff_n_big': torch.diff(b, n=5),
            'prepend_append': torch.diff(a, prepend=torch.tensor([0.0]), append=torch.tensor([20.0, 30.0])),
            'prepend_2d': torch.diff(b, dim=0, prepend=torch.zeros(1, 3)), 'int': torch.diff(torch.tensor([1, 3, 7])),
            'bool': torch.diff(torch.tensor([True, False, False, True])), 'int_float_prepend': torch.diff(torch.tensor([1, 2, 3]), prepend=torch.tensor([1.0])),
            'err_0d': err(lambda: torch.diff(torch.tensor(1.0))), 'err_dim': err(lambda: torch.diff(b, dim=2)),
            'err_prepend_ndim': err(lambda: torch.diff(b, prepend=torch.zeros(3))),
            'err_prepend_shape': err(lambda: torch.diff(b, prepend=torch.zeros(3, 2))),
            'view_size': torch.arange(6.0).view(size=(2, 3)), 'view_size_neg': torch.arange(6.0).view(size=[-1, 2]),
            'avg_pool_long': F.avg_pool2d(img, 2), 'avg_pool_long_neg': F.avg_pool2d(torch.tensor([[[[-3, -2], [1, 1]]]]), 2),
            'avg_pool_long_pad': F.avg_pool2d(torch.arange(9).reshape(1, 3, 3), 2, 1, padding=1, count_include_pad=False),
            'avg_pool_int_err': err(lambda: F.avg_pool2d(torch.arange(9, dtype=torch.int32).reshape(1, 3, 3), 2)),
            'neg_n': torch.diff(torch.tensor([1.0, 2.0]), n=-1)}


# PyTorch 1.13 has no check on n and returns the input for n < 0; 2.x's diff_check raises (ATen ReduceOps.cpp).
CURRENT['more_diff_view_pool'] = {'neg_n': {'$error': {'name': 'RuntimeError', 'message': 'order must be non-negative but got -1'}}}


@lesson
def more_relu_inplace():
    """F.relu(x, inplace=True) and nn.ReLU(inplace=True) overwrite their input (version counter, ReluBackward0)."""
    w = torch.tensor([[0.5, -1.0], [1.5, 2.0], [-0.5, 0.25]], requires_grad=True)
    x = torch.tensor([[1.0, 2.0], [-1.0, 0.5]])
    h = x @ w.t()
    v0 = h._version
    o = F.relu(h, inplace=True)
    same = o is h
    bumped = h._version - v0
    (o * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
    leaf = torch.tensor([-1.0, 1.0], requires_grad=True)
    m = nn.Sequential(nn.Linear(2, 3), nn.ReLU(inplace=True))
    with torch.no_grad():
        m[0].weight.copy_(w)
        m[0].bias.fill_(-0.5)
    y = m(x)
    y.sum().backward()
    t = torch.tensor([-2.0, 3.0])
    F.relu(t, inplace=True)
    s = torch.tensor([0.0, 1.0], requires_grad=True).sigmoid()
    s2 = F.relu(s, inplace=True)
    return {'out': o, 'h': h, 'same': same, 'version_bump': bumped, 'w_grad': w.grad, 'mod_out': y, 'mod_w_grad': m[0].weight.grad,
            'mod_b_grad': m[0].bias.grad, 'plain': t, 'leaf_err': err(lambda: F.relu(leaf, inplace=True)),
            'after_sigmoid_err': err(lambda: s2.sum().backward()), 'out_of_place_input': x, 'repr': repr(m),
            'F_relu_': F.relu_(torch.tensor([-1.0, 2.0])), 'torch_relu_': torch.relu_(torch.tensor([3.0, -4.0]))}
