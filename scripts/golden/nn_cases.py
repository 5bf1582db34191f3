"""The nn case builders (module_case, functional_case) as a class, for golden files past nn.json
(nn_breadth.py). Same case format as nn_layers.py (see its docstring), so engine/test/nn_case.ts
runs both; nn_layers.py keeps its own copy so nn.json is not regenerated. Additions:
`forward_kwargs` (keyword arguments of the module call or of the function, tensors included:
masks, offsets), and `extra` fields copied into the record (e.g. grad_fn, the PyTorch node name).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import enc, enc_arg, randn, rand, upstream


def _modulelist_repr_2x(self):
    """PyTorch 2.x's ModuleList.__repr__ (runs of identical modules fold to `(0-1): 2 x ...`), from its source."""
    from torch.nn.modules.module import _addindent
    reprs = [repr(item) for item in self]
    if not reprs:
        return self._get_name() + '()'
    spans, blocks = [[0, 0]], [reprs[0]]
    for i, r in enumerate(reprs[1:], 1):
        if r == blocks[-1]:
            spans[-1][1] += 1
            continue
        spans.append([i, i])
        blocks.append(r)
    lines = []
    for (a, b), blk in zip(spans, blocks):
        lines.append(_addindent(f'({a}-{b}): {b - a + 1} x {blk}' if a != b else f'({a}): {blk}', 2))
    return self._get_name() + '(\n  ' + '\n  '.join(lines) + '\n)'


def repr_2x(m):
    """repr(m) as PyTorch 2.x prints it, or None where it equals 1.13's."""
    old = nn.ModuleList.__repr__
    nn.ModuleList.__repr__ = _modulelist_repr_2x
    try:
        r = repr(m)
    finally:
        nn.ModuleList.__repr__ = old
    return r if r != repr(m) else None


def flat(out):
    if isinstance(out, (tuple, list)):
        return [t for o in out for t in flat(o)]
    return [out]


class NNCases:
    def __init__(self, seed):
        self.cases = []
        self.seed = seed

    def next_seed(self):
        self.seed += 1
        return self.seed

    def x_(self, *shape, dtype=torch.float32):
        return randn(*shape, seed=self.next_seed(), dtype=dtype)

    def u_(self, *shape):
        return rand(*shape, seed=self.next_seed())

    def _backward(self, outs, xs, rec):
        if len(outs) > 1 and any(o.requires_grad for o in outs):
            # one upstream per output; outputs without a gradient (max_pool3d's indices) get zeros
            us = [upstream(o.shape, self.next_seed()) if o.requires_grad else torch.zeros(o.shape) for o in outs]
            torch.autograd.backward([o for o in outs if o.requires_grad], [u for o, u in zip(outs, us) if o.requires_grad])
            rec['upstreams'] = [enc(u) for u in us]
            rec['grads'] = {'inputs': [enc(x.grad) if x.grad is not None else None for x in xs]}
            return
        outs = [o for o in outs if o.requires_grad]
        if not outs:
            return
        if len(outs) > 1 or outs[0].dim() > 0:
            us = [upstream(o.shape, self.next_seed()) for o in outs]
            torch.autograd.backward(outs, us)
            if len(outs) > 1:
                rec['upstreams'] = [enc(u) for u in us]
            else:
                rec['upstream'] = enc(us[0])
        else:
            outs[0].backward()
            rec['upstream'] = None
        rec['grads'] = {'inputs': [enc(x.grad) if x.grad is not None else None for x in xs]}

    def _add(self, rec):
        assert not any(c['id'] == rec['id'] for c in self.cases), rec['id']
        self.cases.append(rec)

    def module_case(self, id, module, args, kwargs, inputs, requires_grad=None, train=False, seed=0, forward_kwargs=None, build=None):
        """`build(m)` may adjust the module after seeding (e.g. copy weights); eval mode by default (dropout off)."""
        requires_grad = requires_grad if requires_grad is not None else [x.is_floating_point() for x in inputs]
        forward_kwargs = forward_kwargs or {}
        torch.manual_seed(seed)
        m = getattr(nn, module)(*args, **kwargs)
        if build:
            build(m)
        m.train(train)
        init_state = {k: enc(v) for k, v in m.state_dict().items()}
        xs = [x.detach().clone().requires_grad_(r) for x, r in zip(inputs, requires_grad)]
        out = m(*xs, **forward_kwargs)
        outs = flat(out)
        rec = {'id': id, 'kind': 'module', 'module': module, 'args': enc_arg(list(args)), 'kwargs': enc_arg(kwargs),
               'repr': repr(m), 'state_dict_keys': list(m.state_dict().keys()), 'state': init_state, 'train': train,
               'inputs': [enc(x) for x in inputs], 'requires_grad': requires_grad, 'outputs': [enc(o) for o in outs]}
        if forward_kwargs:
            rec['forward_kwargs'] = enc_arg(forward_kwargs)
        if repr_2x(m):
            rec['repr_current'] = repr_2x(m)
        if outs[0].grad_fn is not None:
            rec['grad_fn'] = outs[0].grad_fn.name()
        self._backward(outs, xs, rec)
        if 'grads' in rec:
            rec['grads']['params'] = {n: enc(p.grad) for n, p in m.named_parameters() if p.grad is not None}
        self._add(rec)

    def module_instance_case(self, id, module, m, inputs, forward_kwargs=None, build=None):
        """A module built by the caller (e.g. a container of another module): `build` is its argument list for
        the test, with modules as {"$module": [name, args, kwargs]}."""
        forward_kwargs = forward_kwargs or {}
        m.train(False)
        xs = [x.detach().clone().requires_grad_(x.is_floating_point()) for x in inputs]
        outs = flat(m(*xs, **forward_kwargs))
        rec = {'id': id, 'kind': 'module', 'module': module, 'args': build, 'kwargs': {}, 'repr': repr(m),
               'state_dict_keys': list(m.state_dict().keys()), 'state': {k: enc(v) for k, v in m.state_dict().items()}, 'train': False,
               'inputs': [enc(x) for x in inputs], 'requires_grad': [x.is_floating_point() for x in inputs], 'outputs': [enc(o) for o in outs]}
        if forward_kwargs:
            rec['forward_kwargs'] = enc_arg(forward_kwargs)
        if repr_2x(m):
            rec['repr_current'] = repr_2x(m)
        rec['grad_fn'] = outs[0].grad_fn.name()
        self._backward(outs, xs, rec)
        rec['grads']['params'] = {n: enc(p.grad) for n, p in m.named_parameters() if p.grad is not None}
        self._add(rec)

    def functional_case(self, id, fn, inputs, args=(), kwargs=None, requires_grad=None):
        kwargs = kwargs or {}
        requires_grad = requires_grad if requires_grad is not None else [x.is_floating_point() for x in inputs]
        xs = [x.detach().clone().requires_grad_(r) for x, r in zip(inputs, requires_grad)]
        out = getattr(F, fn)(*xs, *args, **kwargs)
        outs = flat(out)
        rec = {'id': id, 'kind': 'functional', 'fn': fn, 'inputs': [enc(x) for x in inputs], 'requires_grad': requires_grad,
               'args': enc_arg(list(args)), 'kwargs': enc_arg(kwargs), 'outputs': [enc(o) for o in outs]}
        if outs[0].grad_fn is not None:
            rec['grad_fn'] = outs[0].grad_fn.name()
        if any(requires_grad):
            self._backward(outs, xs, rec)
        self._add(rec)

    def error_case(self, id, call, fn=None):
        """PyTorch's exception class and message for a bad call (`call` raises)."""
        try:
            call()
        except Exception as e:  # noqa: BLE001
            return {'id': id, 'error': type(e).__name__, 'message': str(e)}
        raise AssertionError(f'{id}: no error')
