"""nn.json: layer and loss outputs, gradients w.r.t. inputs and parameters, with the weights set
explicitly (stored in each case's `state`, loaded with load_state_dict).

Module case: {id, kind: "module", module, args, kwargs, state, train, inputs, requires_grad,
outputs, upstream, grads: {inputs: [...], params: {name: tensor}}, state_after}.
Functional case: {id, kind: "functional", fn, inputs, requires_grad, args, kwargs, outputs, upstream, grads}.
The module is built as nn[module](*args, **kwargs); a functional case calls F[fn](*inputs, *args, **kwargs).
Scalar outputs (losses with reduction) get out.backward() (upstream null); others out.backward(upstream).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import enc, enc_arg, randn, rand, upstream, write

T = torch.tensor
L = lambda *v: torch.tensor(v, dtype=torch.int64)
cases = []
_seed = [5000]


def next_seed():
    _seed[0] += 1
    return _seed[0]


def x_(*shape):
    return randn(*shape, seed=next_seed())


def u_(*shape):
    return rand(*shape, seed=next_seed())


def flat(out):
    """A module's result as a list of tensors: RNNs return (output, h_n) or (output, (h_n, c_n))."""
    if isinstance(out, (tuple, list)):
        return [t for o in out for t in flat(o)]
    return [out]


def _backward(outs, xs, rec):
    out = outs[0]
    if not out.requires_grad:
        return
    if len(outs) > 1:
        # several outputs: backward of sum_i <out_i, u_i>, one upstream per output
        us = [upstream(o.shape, next_seed()) for o in outs]
        torch.autograd.backward(outs, us)
        rec['upstreams'] = [enc(u) for u in us]
    elif out.dim() == 0:
        out.backward()
        rec['upstream'] = None
    else:
        u = upstream(out.shape, next_seed())
        out.backward(u)
        rec['upstream'] = enc(u)
    rec['grads'] = {'inputs': [enc(x.grad) if x.grad is not None else None for x in xs]}


def module_case(id, module, args, kwargs, inputs, requires_grad=None, train=True, state=None, seed=0, hx_pair=False, repr_current=None):
    """hx_pair: the module is called as m(x, (h0, c0)) with inputs [x, h0, c0] (LSTM, LSTMCell).
    repr_current: PyTorch 2.x's repr where it differs from 1.13's."""
    requires_grad = requires_grad if requires_grad is not None else [x.is_floating_point() for x in inputs]
    torch.manual_seed(seed)
    m = getattr(nn, module)(*args, **kwargs)
    if state:
        m.load_state_dict({**m.state_dict(), **state})
    m.train(train)
    init_state = {k: enc(v) for k, v in m.state_dict().items()}
    xs = [x.detach().clone().requires_grad_(r) for x, r in zip(inputs, requires_grad)]
    outs = flat(m(xs[0], (xs[1], xs[2])) if hx_pair else m(*xs))
    rec = {'id': id, 'kind': 'module', 'module': module, 'args': enc_arg(list(args)), 'kwargs': enc_arg(kwargs),
           'repr': repr(m), 'state_dict_keys': list(m.state_dict().keys()), 'state': init_state, 'train': train, 'inputs': [enc(x) for x in inputs], 'requires_grad': requires_grad,
           'outputs': [enc(o) for o in outs]}
    if hx_pair:
        rec['hx_pair'] = True
    if repr_current:
        rec['repr_current'] = repr_current
    _backward(outs, xs, rec)
    if 'grads' in rec:
        rec['grads']['params'] = {n: enc(p.grad) for n, p in m.named_parameters() if p.grad is not None}
    if any(True for _ in m.buffers()):
        rec['state_after'] = {k: enc(v) for k, v in m.state_dict().items()}
    assert not any(c['id'] == id for c in cases), id
    cases.append(rec)


def functional_case(id, fn, inputs, args=(), kwargs=None, requires_grad=None):
    kwargs = kwargs or {}
    requires_grad = requires_grad if requires_grad is not None else [x.is_floating_point() for x in inputs]
    xs = [x.detach().clone().requires_grad_(r) for x, r in zip(inputs, requires_grad)]
    out = getattr(F, fn)(*xs, *args, **kwargs)
    rec = {'id': id, 'kind': 'functional', 'fn': fn, 'inputs': [enc(x) for x in inputs], 'requires_grad': requires_grad,
           'args': enc_arg(list(args)), 'kwargs': enc_arg(kwargs), 'outputs': [enc(out)]}
    if any(requires_grad):
        _backward([out], xs, rec)
    assert not any(c['id'] == id for c in cases), id
    cases.append(rec)


# ---- Linear ---------------------------------------------------------------------------------
module_case('Linear/basic', 'Linear', [4, 3], {}, [x_(2, 4)])
module_case('Linear/no_bias', 'Linear', [4, 3], {'bias': False}, [x_(2, 4)])
module_case('Linear/3d_input', 'Linear', [4, 2], {}, [x_(2, 3, 4)])
module_case('Linear/1d_input', 'Linear', [4, 2], {}, [x_(4)])

# ---- Conv2d ---------------------------------------------------------------------------------
CI = x_(2, 2, 7, 7)
module_case('Conv2d/basic', 'Conv2d', [2, 3, 3], {}, [CI])
module_case('Conv2d/stride2', 'Conv2d', [2, 3, 3], {'stride': 2}, [CI])
module_case('Conv2d/padding1', 'Conv2d', [2, 3, 3], {'padding': 1}, [CI])
module_case('Conv2d/padding_same', 'Conv2d', [2, 3, 3], {'padding': 'same'}, [CI])
module_case('Conv2d/padding_same_even_kernel', 'Conv2d', [2, 2, 4], {'padding': 'same'}, [CI])
module_case('Conv2d/padding_valid', 'Conv2d', [2, 2, 3], {'padding': 'valid'}, [CI])
module_case('Conv2d/dilation2', 'Conv2d', [2, 3, 3], {'dilation': 2}, [CI])
module_case('Conv2d/dilation2_padding_same', 'Conv2d', [2, 2, 3], {'dilation': 2, 'padding': 'same'}, [CI])
module_case('Conv2d/groups2', 'Conv2d', [4, 6, 3], {'groups': 2, 'padding': 1}, [x_(1, 4, 5, 5)])
module_case('Conv2d/depthwise', 'Conv2d', [3, 3, 3], {'groups': 3}, [x_(1, 3, 5, 5)])
module_case('Conv2d/no_bias', 'Conv2d', [2, 3, 3], {'bias': False}, [CI])
module_case('Conv2d/rect_kernel_tuple_args', 'Conv2d', [2, 3, (2, 3)], {'stride': (2, 1), 'padding': (1, 0)}, [CI])
module_case('Conv2d/1x1', 'Conv2d', [2, 4, 1], {}, [CI])
module_case('Conv2d/stride2_pad1_nonsquare_input', 'Conv2d', [2, 3, 3], {'stride': 2, 'padding': 1}, [x_(1, 2, 6, 9)])
module_case('Conv2d/3d_unbatched', 'Conv2d', [2, 3, 3], {'padding': 1}, [x_(2, 5, 5)])

# ---- pools ----------------------------------------------------------------------------------
PI = x_(2, 3, 6, 6)
module_case('MaxPool2d/k2', 'MaxPool2d', [2], {}, [PI])
module_case('MaxPool2d/k3_s2_p1', 'MaxPool2d', [3], {'stride': 2, 'padding': 1}, [PI])
module_case('MaxPool2d/k2_s1', 'MaxPool2d', [2], {'stride': 1}, [PI])
module_case('MaxPool2d/tuple_args', 'MaxPool2d', [(2, 3)], {'stride': (1, 2)}, [PI])
module_case('MaxPool2d/3d_unbatched', 'MaxPool2d', [2], {}, [x_(2, 4, 4)])
module_case('MaxPool2d/k3_odd_input', 'MaxPool2d', [3], {}, [x_(1, 2, 7, 8)])
module_case('AvgPool2d/k2', 'AvgPool2d', [2], {}, [PI])
module_case('AvgPool2d/k3_s2_p1', 'AvgPool2d', [3], {'stride': 2, 'padding': 1}, [PI])
module_case('AvgPool2d/k3_s2_p1_exclude_pad', 'AvgPool2d', [3], {'stride': 2, 'padding': 1, 'count_include_pad': False}, [PI])
module_case('AdaptiveAvgPool2d/1x1', 'AdaptiveAvgPool2d', [(1, 1)], {}, [PI])
module_case('AdaptiveAvgPool2d/int_1', 'AdaptiveAvgPool2d', [1], {}, [PI])
module_case('AdaptiveAvgPool2d/7_to_3', 'AdaptiveAvgPool2d', [(3, 3)], {}, [x_(1, 2, 7, 7)])
module_case('AdaptiveAvgPool2d/5x7_to_2x3', 'AdaptiveAvgPool2d', [(2, 3)], {}, [x_(1, 2, 5, 7)])
module_case('AdaptiveAvgPool2d/none_keeps_dim', 'AdaptiveAvgPool2d', [(None, 2)], {}, [x_(1, 2, 5, 7)])
module_case('AdaptiveAvgPool2d/3d_unbatched', 'AdaptiveAvgPool2d', [2], {}, [x_(2, 5, 5)])
module_case('AdaptiveAvgPool2d/identity_7', 'AdaptiveAvgPool2d', [(7, 7)], {}, [x_(1, 2, 7, 7)])
module_case('AdaptiveAvgPool2d/upsample_2_to_7', 'AdaptiveAvgPool2d', [(7, 7)], {}, [x_(1, 1, 2, 2)])

# ---- BatchNorm ------------------------------------------------------------------------------
RS = {'running_mean': T([0.1, -0.2, 0.3]), 'running_var': T([0.5, 1.5, 2.0])}
AFF = {'weight': T([1.5, 0.5, -1.0]), 'bias': T([0.1, 0.2, -0.3])}
module_case('BatchNorm1d/train_2d', 'BatchNorm1d', [3], {}, [x_(4, 3)], state=AFF)
module_case('BatchNorm1d/train_3d', 'BatchNorm1d', [3], {}, [x_(4, 3, 5)], state={**AFF, **RS})
module_case('BatchNorm1d/eval', 'BatchNorm1d', [3], {}, [x_(4, 3)], train=False, state={**AFF, **RS})
module_case('BatchNorm1d/train_momentum', 'BatchNorm1d', [3], {'momentum': 0.3, 'eps': 1e-3}, [x_(6, 3)], state=RS)
module_case('BatchNorm2d/train', 'BatchNorm2d', [3], {}, [x_(2, 3, 4, 4)], state={**AFF, **RS})
module_case('BatchNorm2d/eval', 'BatchNorm2d', [3], {}, [x_(2, 3, 4, 4)], train=False, state={**AFF, **RS})
module_case('BatchNorm2d/affine_false', 'BatchNorm2d', [3], {'affine': False}, [x_(2, 3, 3, 3)])

# ---- misc layers ----------------------------------------------------------------------------
module_case('Dropout/eval', 'Dropout', [0.5], {}, [x_(3, 4)], train=False)
module_case('Dropout/p0_train', 'Dropout', [0.0], {}, [x_(3, 4)])
module_case('Embedding/basic', 'Embedding', [10, 4], {}, [L(1, 2, 4, 5, 4, 3, 2, 9).view(2, 4)], requires_grad=[False])
module_case('Embedding/padding_idx', 'Embedding', [6, 3], {'padding_idx': 0}, [L(0, 2, 0, 5)], requires_grad=[False])
module_case('GELU/default', 'GELU', [], {}, [x_(3, 4) * 2])
module_case('GELU/tanh', 'GELU', [], {'approximate': 'tanh'}, [x_(3, 4) * 2])
module_case('LeakyReLU/default', 'LeakyReLU', [], {}, [x_(3, 4)])
module_case('LeakyReLU/slope0.2', 'LeakyReLU', [0.2], {}, [x_(3, 4)])
module_case('ReLU/basic', 'ReLU', [], {}, [x_(3, 4)])
module_case('Tanh/basic', 'Tanh', [], {}, [x_(3, 4)])
module_case('Sigmoid/basic', 'Sigmoid', [], {}, [x_(3, 4)])
module_case('Softmax/dim1', 'Softmax', [], {'dim': 1}, [x_(3, 4)])
module_case('Softmax/dim0_positional', 'Softmax', [0], {}, [x_(3, 4)])
module_case('LogSoftmax/dim-1', 'LogSoftmax', [], {'dim': -1}, [x_(3, 4)])
module_case('Flatten/default', 'Flatten', [], {}, [x_(2, 3, 2, 2)])
module_case('Identity/basic', 'Identity', [], {}, [x_(2, 3)])

# ---- losses ---------------------------------------------------------------------------------
P, Y = x_(4, 3), x_(4, 3)
for red in ['mean', 'sum', 'none']:
    module_case(f'MSELoss/{red}', 'MSELoss', [], {'reduction': red}, [P, Y], requires_grad=[True, False])
    module_case(f'L1Loss/{red}', 'L1Loss', [], {'reduction': red}, [P, Y], requires_grad=[True, False])
module_case('MSELoss/grad_both', 'MSELoss', [], {}, [P, Y], requires_grad=[True, True])

LOGITS, TGT = x_(5, 4), L(0, 3, 1, 3, 2)
CW = T([0.2, 1.0, 2.5, 0.7])
for red in ['mean', 'sum', 'none']:
    module_case(f'CrossEntropyLoss/{red}', 'CrossEntropyLoss', [], {'reduction': red}, [LOGITS, TGT])
    module_case(f'CrossEntropyLoss/weight_{red}', 'CrossEntropyLoss', [], {'weight': CW, 'reduction': red}, [LOGITS, TGT])
    module_case(f'CrossEntropyLoss/label_smoothing_{red}', 'CrossEntropyLoss', [], {'label_smoothing': 0.1, 'reduction': red}, [LOGITS, TGT])
    module_case(f'CrossEntropyLoss/weight_label_smoothing_{red}', 'CrossEntropyLoss', [],
                {'weight': CW, 'label_smoothing': 0.2, 'reduction': red}, [LOGITS, TGT])
module_case('CrossEntropyLoss/weight_positional', 'CrossEntropyLoss', [CW], {}, [LOGITS, TGT])
module_case('CrossEntropyLoss/ignore_index', 'CrossEntropyLoss', [], {'ignore_index': 3}, [LOGITS, TGT])
module_case('CrossEntropyLoss/weight_ignore_index', 'CrossEntropyLoss', [], {'weight': CW, 'ignore_index': 3}, [LOGITS, TGT])
module_case('CrossEntropyLoss/ignore_index_label_smoothing', 'CrossEntropyLoss', [], {'ignore_index': 1, 'label_smoothing': 0.15}, [LOGITS, TGT])
module_case('CrossEntropyLoss/weight_ignore_index_label_smoothing_sum', 'CrossEntropyLoss', [],
            {'weight': CW, 'ignore_index': 3, 'label_smoothing': 0.1, 'reduction': 'sum'}, [LOGITS, TGT])
module_case('CrossEntropyLoss/prob_targets_label_smoothing', 'CrossEntropyLoss', [], {'label_smoothing': 0.2},
            [LOGITS, torch.softmax(x_(5, 4), 1)], requires_grad=[True, False])
module_case('CrossEntropyLoss/prob_targets_weight_none', 'CrossEntropyLoss', [], {'weight': CW, 'reduction': 'none'},
            [LOGITS, torch.softmax(x_(5, 4), 1)], requires_grad=[True, False])
module_case('CrossEntropyLoss/unbatched', 'CrossEntropyLoss', [], {}, [x_(4), torch.tensor(2)])
module_case('CrossEntropyLoss/kdim', 'CrossEntropyLoss', [], {}, [x_(2, 3, 4), L(0, 2, 1, 1, 2, 0, 0, 1).view(2, 4)])
module_case('CrossEntropyLoss/prob_targets', 'CrossEntropyLoss', [], {}, [LOGITS, torch.softmax(x_(5, 4), 1)], requires_grad=[True, False])
module_case('CrossEntropyLoss/large_logits', 'CrossEntropyLoss', [], {}, [x_(3, 4) * 100, L(1, 0, 3)])
LOGP = torch.log_softmax(x_(5, 4), 1)
for red in ['mean', 'sum', 'none']:
    module_case(f'NLLLoss/{red}', 'NLLLoss', [], {'reduction': red}, [LOGP, TGT])
    module_case(f'NLLLoss/weight_{red}', 'NLLLoss', [], {'weight': CW, 'reduction': red}, [LOGP, TGT])
module_case('NLLLoss/weight_ignore_index', 'NLLLoss', [], {'weight': CW, 'ignore_index': 0}, [LOGP, TGT])
module_case('NLLLoss/kdim', 'NLLLoss', [], {}, [torch.log_softmax(x_(2, 3, 4), 1), L(0, 2, 1, 1, 2, 0, 0, 1).view(2, 4)])
module_case('L1Loss/zero_diff', 'L1Loss', [], {}, [T([1.0, 2.0, 3.0]), T([1.0, 2.5, 2.0])], requires_grad=[True, False])
PB, YB = torch.sigmoid(x_(4, 3)), (u_(4, 3) > 0.5).float()
BW = u_(4, 3) + 0.5
for red in ['mean', 'sum', 'none']:
    module_case(f'BCELoss/{red}', 'BCELoss', [], {'reduction': red}, [PB, YB], requires_grad=[True, False])
    module_case(f'BCEWithLogitsLoss/{red}', 'BCEWithLogitsLoss', [], {'reduction': red}, [x_(4, 3) * 3, YB], requires_grad=[True, False])
module_case('BCELoss/saturated_log_clamp', 'BCELoss', [], {'reduction': 'none'}, [T([0.0, 1.0, 0.0, 1.0]), T([1.0, 0.0, 0.0, 1.0])],
            requires_grad=[False, False])
module_case('BCELoss/weight', 'BCELoss', [], {'weight': BW}, [PB, YB], requires_grad=[True, False])
module_case('BCELoss/soft_targets', 'BCELoss', [], {}, [PB, u_(4, 3)], requires_grad=[True, False])
module_case('BCEWithLogitsLoss/pos_weight', 'BCEWithLogitsLoss', [], {'pos_weight': T([1.0, 2.0, 0.5])}, [x_(4, 3), YB], requires_grad=[True, False])
module_case('BCEWithLogitsLoss/weight', 'BCEWithLogitsLoss', [], {'weight': BW}, [x_(4, 3), YB], requires_grad=[True, False])
module_case('BCEWithLogitsLoss/pos_weight_weight_sum', 'BCEWithLogitsLoss', [], {'weight': BW, 'pos_weight': T([0.5, 3.0, 1.0]), 'reduction': 'sum'},
            [x_(4, 3), YB], requires_grad=[True, False])
module_case('BCEWithLogitsLoss/large_logits', 'BCEWithLogitsLoss', [], {}, [T([[-200.0, -30.0, 0.0, 30.0, 200.0]]), T([[1.0, 0.0, 1.0, 1.0, 0.0]])], requires_grad=[True, False])

# ---- functional -----------------------------------------------------------------------------
functional_case('one_hot/default', 'one_hot', [L(0, 2, 1, 3)])
functional_case('one_hot/num_classes', 'one_hot', [L(0, 2, 1)], [5])
functional_case('one_hot/2d', 'one_hot', [L(0, 2, 1, 1).view(2, 2)], [], {'num_classes': 3})
functional_case('pad/last_dim', 'pad', [x_(2, 3)], [(1, 2)])
functional_case('pad/two_dims_value', 'pad', [x_(2, 3)], [(1, 0, 2, 1)], {'value': -1.5})
functional_case('pad/4d', 'pad', [x_(1, 2, 3, 3)], [(1, 1, 1, 1)])
functional_case('pad/negative', 'pad', [x_(3, 5)], [(-1, 2)])
functional_case('pad/reflect', 'pad', [x_(1, 2, 3, 4)], [(2, 1, 1, 2)], {'mode': 'reflect'})
functional_case('pad/replicate', 'pad', [x_(1, 2, 3, 4)], [(2, 1, 1, 0)], {'mode': 'replicate'})
functional_case('linear/basic', 'linear', [x_(3, 4), x_(2, 4), x_(2)])
functional_case('conv2d/stride_padding', 'conv2d', [x_(1, 2, 5, 5), x_(3, 2, 3, 3), x_(3)], [], {'stride': 2, 'padding': 1})
functional_case('max_pool2d/k2', 'max_pool2d', [x_(1, 2, 4, 4)], [2])
functional_case('avg_pool2d/k2', 'avg_pool2d', [x_(1, 2, 4, 4)], [2])
functional_case('adaptive_avg_pool2d/3', 'adaptive_avg_pool2d', [x_(1, 2, 5, 5)], [3])
functional_case('relu/basic', 'relu', [x_(2, 3)])
functional_case('softmax/dim', 'softmax', [x_(2, 3)], [], {'dim': 1})
functional_case('log_softmax/dim', 'log_softmax', [x_(2, 3)], [], {'dim': 1})
functional_case('gelu/basic', 'gelu', [x_(2, 3)])
functional_case('leaky_relu/slope', 'leaky_relu', [x_(2, 3)], [0.1])
functional_case('mse_loss/basic', 'mse_loss', [x_(2, 3), x_(2, 3)], requires_grad=[True, False])
functional_case('cross_entropy/basic', 'cross_entropy', [x_(3, 4), L(0, 3, 2)])
functional_case('cross_entropy/label_smoothing', 'cross_entropy', [x_(3, 4), L(0, 3, 2)], [], {'label_smoothing': 0.1})
functional_case('nll_loss/basic', 'nll_loss', [torch.log_softmax(x_(3, 4), 1), L(0, 3, 2)])
functional_case('binary_cross_entropy/basic', 'binary_cross_entropy', [torch.sigmoid(x_(2, 3)), YB[:2]], requires_grad=[True, False])
functional_case('binary_cross_entropy_with_logits/basic', 'binary_cross_entropy_with_logits', [x_(2, 3), YB[:2]], requires_grad=[True, False])
functional_case('dropout/eval', 'dropout', [x_(2, 3)], [], {'p': 0.5, 'training': False})

import nn_more  # noqa: E402  (activations, more losses, recurrent layers: same case format)
nn_more.add(module_case, functional_case, x_, u_)
import nn_extra  # noqa: E402  (functions and modules added for coverage)
nn_extra.add(module_case, functional_case, x_, u_)
nn_extra.add_attention(module_case, functional_case, x_, u_)

# GLU and RReLU (eval), added last with constant inputs: module_case reseeds the global generator,
# so a case inserted earlier would change every later case's random inputs
GA = T([[-2.5, 1.0, 0.0, 3.0], [0.5, -4.0, 2.0, -1.0], [1.5, 0.25, -0.75, -3.0]])
GK = T([[-4.0, -3.0, -2.0, -1.0, -0.5, 0.0], [0.5, 1.0, 2.0, 3.0, 4.0, 25.0]])
functional_case('glu/last', 'glu', [GA])
functional_case('glu/dim0', 'glu', [GK], [0])
functional_case('rrelu/eval_kinks', 'rrelu', [GA])
functional_case('rrelu/eval_bounds_kinks', 'rrelu', [GK], [0.1, 0.3])
module_case('GLU/default', 'GLU', [], {}, [GA])
module_case('GLU/dim0', 'GLU', [0], {}, [GK])
module_case('RReLU/eval', 'RReLU', [0.1, 0.3], {}, [GK], train=False)

write('nn.json', {'_script': __file__, 'cases': cases})
