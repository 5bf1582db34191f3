"""semantics.json: what PyTorch raises (class and first line) or returns for the cases that must
never be silently wrong: in-place modification of tensors saved for backward (version counters),
`_version`, integer/dtype semantics (promotion, integer division, casts back in place), bad
inputs. Each case is a small Python function; engine/test/semantics.test.ts keeps the same
cases by id, written in TypeScript. A case's golden is {error: {name, message}} or {value}.
"""
import torch
import torch.nn.functional as F

from common import write

cases = {}


def case(fn):
    try:
        r = fn()
    except Exception as e:  # noqa: BLE001 - the exception is the golden value
        cases[fn.__name__] = {'error': {'name': type(e).__name__, 'message': str(e).split('\n')[0]}}
        return
    if isinstance(r, torch.dtype):
        r = str(r)
    elif isinstance(r, torch.Tensor):
        r = {'dtype': str(r.dtype), 'value': r.tolist()}
    elif isinstance(r, tuple):
        r = [x.tolist() if isinstance(x, torch.Tensor) else x for x in r]
    cases[fn.__name__] = {'value': r}


def leaf(*shape):
    return torch.ones(*shape, requires_grad=True)


# ---- in-place modification of saved tensors ------------------------------------------------------
@case
def sigmoid_output_mul_():
    y = leaf(3).sigmoid(); y.mul_(2); y.sum().backward()

@case
def tanh_output_add_():
    y = leaf(3).tanh(); y.add_(1); y.sum().backward()

@case
def exp_output_scalar():
    y = torch.tensor(2., requires_grad=True).exp(); y.add_(1); y.backward()

@case
def relu_output_add_():
    y = leaf(3).relu(); y.add_(1); y.sum().backward()

@case
def softmax_output_add_():
    y = torch.softmax(leaf(3), 0); y.add_(1); y.sum().backward()

@case
def log_softmax_output_add_():
    y = torch.log_softmax(leaf(3), 0); y.add_(1); y.sum().backward()

@case
def sqrt_output_float64():
    y = leaf(3).double().sqrt(); y.add_(1); y.sum().backward()

@case
def mul_output_add_ok():
    x = leaf(3); y = x * 2; y.add_(1); y.sum().backward(); return x.grad

@case
def add_input_modified_ok():
    x = leaf(3); b = torch.ones(3); y = x + b; b.add_(1); y.sum().backward(); return x.grad

@case
def mul_input_modified():
    w = leaf(3); v = torch.ones(3); y = w * v; v.add_(1); y.sum().backward()

@case
def mul_input_modified_float64():
    w = leaf(3); v = torch.ones(3, dtype=torch.float64); y = w * v; v.add_(1); y.sum().backward()

@case
def leaf_modified_under_no_grad():
    w = leaf(3); y = w * w
    with torch.no_grad():
        w.add_(1)
    y.sum().backward()

@case
def view_of_saved_output():
    y = leaf(2, 3).exp(); y[0].add_(1); y.sum().backward()

@case
def narrow_of_saved_output():
    y = leaf(3).exp(); y.narrow(0, 0, 2).mul_(2); y.sum().backward()

@case
def transpose_of_saved_output():
    y = leaf(3, 3).tanh(); y.t().mul_(2); y.sum().backward()

@case
def detached_alias_modified():
    b = leaf(3) * 1; y = b * b; b.detach().add_(1); y.sum().backward()

@case
def mm_operand_modified():
    w = leaf(2, 3); v = torch.ones(3, 4); y = w @ v; v.add_(1); y.sum().backward()

@case
def mm_saves_only_what_it_needs_ok():
    x = leaf(2, 3); w = x * 1; v = torch.full([3, 4], 2.); y = w @ v; w.add_(1); y.sum().backward(); return x.grad

@case
def div_denominator_modified():
    x = leaf(3); d = torch.full([3], 2.); y = x / d; d.mul_(2); y.sum().backward()

@case
def setitem_on_saved_output():
    y = leaf(3).sigmoid(); y[0] = 5; y.sum().backward()

@case
def fill_on_saved_output():
    y = leaf(3).exp(); y.fill_(1); y.sum().backward()

@case
def modified_after_backward_ok():
    x = leaf(3); y = x.sigmoid(); y.sum().backward(retain_graph=False); y.detach().mul_(2); return x.grad

@case
def version_counts():
    a = torch.ones(3); v0 = a._version; a.add_(1); v1 = a._version
    v = a[0:2]; v.mul_(2); a[0] = 3; d = a.detach(); d.zero_()
    return (v0, v1, a._version, v._version, d._version, a.view(3)._version)


write('semantics.json', {'_script': __file__, 'torch': torch.__version__, 'cases': cases})
