"""ieee.json: NaN, ±inf, ±0, tiny and huge inputs through every elementwise op, the reductions,
softmax/log_softmax and the losses, with input gradients (upstream all ones).

Inputs: V = [nan, inf, -inf, 0, -0, 1, -1, tiny, huge] (float32; tiny = finfo.tiny, the smallest
normal, huge = finfo.max). Unary ops see V; binary ops see every pair of V (81 elements);
reductions see rows built to overflow, underflow, cancel to NaN or keep the sign of zero.

Each case: {id, kind, op, inputs: [tensor], kwargs, out: tensor | [tensor...], grads: [tensor|null]}.
`kind` says how the engine calls it (engine/ops/ieee.test.ts): unary `torch.op(x)`, binary
`torch.op(a, b)`, reduce `x.op(...args)`, softmax `torch.op(x, dim)`, loss `F.op(input, target, kwargs)`.
Signs of zero are kept: the JSON writes -0.0 as -0.0 (Python's json does) and the test compares
signs of zeros.
"""
import math

import torch
import torch.nn.functional as F

from common import enc, write

torch.manual_seed(0)
f32 = torch.finfo(torch.float32)
V = [math.nan, math.inf, -math.inf, 0.0, -0.0, 1.0, -1.0, f32.tiny, f32.max]
x = torch.tensor(V, dtype=torch.float32)
A = torch.tensor([a for a in V for _ in V], dtype=torch.float32)
B = torch.tensor([b for _ in V for b in V], dtype=torch.float32)

UNARY = {
    'neg': torch.neg, 'abs': torch.abs, 'sign': torch.sign, 'exp': torch.exp, 'log': torch.log, 'log2': torch.log2,
    'log1p': torch.log1p, 'expm1': torch.expm1, 'sqrt': torch.sqrt, 'rsqrt': torch.rsqrt, 'square': torch.square,
    'reciprocal': torch.reciprocal, 'tanh': torch.tanh, 'sigmoid': torch.sigmoid, 'relu': torch.relu,
    'sin': torch.sin, 'cos': torch.cos, 'floor': torch.floor, 'ceil': torch.ceil, 'round': torch.round,
    'trunc': torch.trunc, 'erf': torch.erf, 'gelu': F.gelu, 'gelu_tanh': lambda t: F.gelu(t, approximate='tanh'),
    'silu': F.silu, 'softplus': F.softplus, 'isnan': torch.isnan, 'isinf': torch.isinf, 'isfinite': torch.isfinite,
    'logical_not': torch.logical_not, 'relu6': F.relu6, 'leaky_relu': F.leaky_relu,
}
NO_GRAD_UNARY = {'sign', 'floor', 'ceil', 'round', 'trunc', 'isnan', 'isinf', 'isfinite', 'logical_not'}

BINARY = ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'remainder', 'fmod', 'atan2',
          'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logical_and', 'logical_or', 'logical_xor']
NO_GRAD_BINARY = {'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logical_and', 'logical_or', 'logical_xor', 'remainder', 'fmod'}

nan, inf, tiny, huge = math.nan, math.inf, f32.tiny, f32.max
# Rows for reductions over dim 1: one special value among ordinary ones, and rows that overflow
# (huge + huge), underflow (tiny * tiny), cancel (inf - inf, 0 * inf) or keep the sign of zero.
ROWS = [[v, 1.0, 2.0] for v in V] + [
    [inf, -inf, 1.0], [nan, inf, -inf], [0.0, -0.0, -0.0], [-0.0, -0.0, -0.0], [huge, huge, 1.0],
    [tiny, tiny, 0.5], [-1.0, 0.0, inf], [-inf, -inf, -inf], [nan, nan, 1.0], [1.0, nan, nan],
]
R = torch.tensor(ROWS, dtype=torch.float32)
REDUCE = [
    ('sum', [1]), ('mean', [1]), ('prod', [1]), ('std', [1]), ('var', [1]), ('amax', [1]), ('amin', [1]),
    ('max', [1]), ('min', [1]), ('argmax', [1]), ('argmin', [1]), ('logsumexp', [1]), ('norm', []),
    ('sum', []), ('mean', []), ('max', []), ('min', []), ('prod', []),
]


def grads_of(inputs, out):
    outs = out if isinstance(out, (tuple, list)) else (out,)
    floats = [o for o in outs if o.is_floating_point() and o.requires_grad]
    if not floats:
        return [None for _ in inputs]
    torch.autograd.backward(floats, [torch.ones_like(o) for o in floats])
    return [enc(t.grad) if t.grad is not None else None for t in inputs]


def case(cases, cid, kind, op, inputs, fn, grad=True, kwargs=None):
    ins = [t.clone().requires_grad_(grad and t.is_floating_point()) for t in inputs]
    out = fn(*ins)
    outs = list(out) if isinstance(out, (tuple, list)) else [out]
    grads = grads_of(ins, out) if grad else [None for _ in ins]
    cases.append({'id': cid, 'kind': kind, 'op': op, 'inputs': [enc(t) for t in inputs], 'kwargs': kwargs or {},
                  'out': [enc(o) for o in outs], 'grads': grads})


def main():
    cases = []
    for name, f in UNARY.items():
        case(cases, f'unary.{name}', 'unary', name, [x], f, grad=name not in NO_GRAD_UNARY)
    for name in BINARY:
        case(cases, f'binary.{name}', 'binary', name, [A, B], getattr(torch, name), grad=name not in NO_GRAD_BINARY)
    for name, args in REDUCE:
        cid = f'reduce.{name}' + (f'.dim{args[0]}' if args else '.all')
        case(cases, cid, 'reduce', name, [R], lambda t, n=name, a=args: getattr(t, n)(*a), grad=not name.startswith('arg'),
             kwargs={'args': args})
    for name in ['softmax', 'log_softmax']:
        case(cases, f'softmax.{name}', 'softmax', name, [R], lambda t, n=name: getattr(torch, n)(t, 1))
    # Losses: special values in the input (and for regression losses the target), one case per row.
    t_reg = torch.tensor([1.0, 0.0, -1.0, 0.0, 2.0, 1.0, 1.0, 0.0, 0.0], dtype=torch.float32)
    for name in ['mse_loss', 'l1_loss']:
        for red in ['none', 'mean']:
            case(cases, f'loss.{name}.{red}', 'loss', name, [x, t_reg], lambda a, b, n=name, r=red: getattr(F, n)(a, b, reduction=r),
                 kwargs={'reduction': red})
        case(cases, f'loss.{name}.target', 'loss', name, [t_reg, x], lambda a, b, n=name: getattr(F, n)(a, b, reduction='none'),
             kwargs={'reduction': 'none'})
    logits = R.clone()
    labels = torch.tensor([i % 3 for i in range(R.shape[0])], dtype=torch.int64)
    for red in ['none', 'mean']:
        case(cases, f'loss.cross_entropy.{red}', 'loss', 'cross_entropy', [logits, labels],
             lambda a, b, r=red: F.cross_entropy(a, b, reduction=r), kwargs={'reduction': red})
        case(cases, f'loss.nll_loss.{red}', 'loss', 'nll_loss', [logits, labels],
             lambda a, b, r=red: F.nll_loss(a, b, reduction=r), kwargs={'reduction': red})
    probs = torch.tensor([0.0, 1.0, 0.0, 1.0, 0.5, tiny, 1.0 - 2 ** -24, 0.0, 1.0], dtype=torch.float32)
    bce_t = torch.tensor([0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.5, 0.5], dtype=torch.float32)
    case(cases, 'loss.binary_cross_entropy.none', 'loss', 'binary_cross_entropy', [probs, bce_t],
         lambda a, b: F.binary_cross_entropy(a, b, reduction='none'), kwargs={'reduction': 'none'})
    t_bce_logits = torch.tensor([1.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0], dtype=torch.float32)
    for red in ['none', 'mean']:
        case(cases, f'loss.binary_cross_entropy_with_logits.{red}', 'loss', 'binary_cross_entropy_with_logits', [x, t_bce_logits],
             lambda a, b, r=red: F.binary_cross_entropy_with_logits(a, b, reduction=r), kwargs={'reduction': red})
    write('ieee.json', {'_script': __file__, 'values': ['nan', 'inf', '-inf', 0.0, -0.0, 1.0, -1.0, f32.tiny, f32.max], 'cases': cases})


if __name__ == '__main__':
    main()
