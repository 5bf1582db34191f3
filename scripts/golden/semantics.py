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

# Where PyTorch 2.x (which the engine follows) differs from this 1.13, or the house names the class:
# integer division by zero is 1.13's and 2.x's `RuntimeError: ZeroDivisionError`; Torchlit names the
# class ZeroDivisionError (issue #15). `torch.tensor(['a'])` is 1.13's `ValueError: too many dimensions
# 'str'`, 2.x's `TypeError: new(): invalid data type 'str'`.
OVERRIDES = {
    'floor_divide_int_by_zero': {'name': 'ZeroDivisionError', 'message': 'ZeroDivisionError'},
    'div_floor_int_by_zero_tensor': {'name': 'ZeroDivisionError', 'message': 'ZeroDivisionError'},
    'remainder_int_by_zero': {'name': 'ZeroDivisionError', 'message': 'ZeroDivisionError'},
    'fmod_int_by_zero': {'name': 'ZeroDivisionError', 'message': 'ZeroDivisionError'},
    'tensor_of_strings': {'name': 'TypeError', 'message': "new(): invalid data type 'str'"},
}


def plain(v):
    if isinstance(v, float) and (v != v or v in (float('inf'), float('-inf'))):
        return 'nan' if v != v else ('inf' if v > 0 else '-inf')
    if isinstance(v, list):
        return [plain(x) for x in v]
    return v


def case(fn):
    try:
        r = fn()
    except Exception as e:  # noqa: BLE001 - the exception is the golden value
        cases[fn.__name__] = {'error': {'name': type(e).__name__, 'message': str(e).split('\n')[0]}}
        if fn.__name__ in OVERRIDES:
            cases[fn.__name__] = {'error': OVERRIDES[fn.__name__], 'pytorch_1_13': cases[fn.__name__]['error']}
        return
    if isinstance(r, torch.dtype):
        r = str(r)
    elif isinstance(r, torch.Tensor):
        r = {'dtype': str(r.dtype), 'value': plain(r.tolist())}
    elif isinstance(r, tuple):
        r = [{'dtype': str(x.dtype), 'value': x.tolist()} if isinstance(x, torch.Tensor) else x for x in r]
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


# ---- integer and dtype semantics ------------------------------------------------------------------
I = lambda *v: torch.tensor(list(v))
I32 = lambda *v: torch.tensor(list(v), dtype=torch.int32)

@case
def result_type_int_tensor_float_number(): return torch.result_type(I(1), 1.0 + 0.5)
@case
def result_type_int32_zero_dim_int64(): return torch.result_type(I32(1), torch.tensor(1))
@case
def result_type_bool_tensor_int(): return torch.result_type(torch.tensor([True]), 5)
@case
def result_type_zero_dim_float_int_tensor(): return torch.result_type(torch.tensor(1.), I(1))
@case
def result_type_zero_dim_double_float_tensor(): return torch.result_type(torch.tensor(1., dtype=torch.float64), torch.tensor([1.]))
@case
def result_type_zero_dim_double_int_tensor(): return torch.result_type(torch.tensor(1.5, dtype=torch.float64), I(1))
@case
def result_type_zero_dim_int_bool_tensor(): return torch.result_type(torch.tensor(1), torch.tensor([True]))
@case
def result_type_int32_int64(): return torch.result_type(I32(1), I(1))
@case
def result_type_bool_true(): return torch.result_type(torch.tensor([True]), True)
@case
def promote_types_int32_float32(): return torch.promote_types(torch.int32, torch.float32)
@case
def promote_types_bool_int64(): return torch.promote_types(torch.bool, torch.int64)
@case
def promote_types_int64_float64(): return torch.promote_types(torch.int64, torch.float64)
@case
def add_int32_number(): return I32(1, 2) + 5
@case
def add_zero_dim_int_bool(): return torch.tensor(1) + torch.tensor([True, False])
@case
def floor_divide_int(): return torch.floor_divide(I(7, -7, 6), 2)
@case
def floor_divide_int32(): return torch.floor_divide(I32(7, -7), 2)
@case
def div_floor_int(): return torch.div(I(7, -7), 2, rounding_mode='floor')
@case
def div_trunc_int(): return torch.div(I(7, -7), I(2, 2), rounding_mode='trunc')
@case
def div_int_true(): return I(7, -7) / 2
@case
def div_int_by_zero_true(): return I(7) / 0
@case
def floor_divide_int_by_zero(): return torch.floor_divide(I(7), 0)
@case
def div_floor_int_by_zero_tensor(): return torch.div(I(7, 1), I(1, 0), rounding_mode='floor')
@case
def remainder_int_by_zero(): return torch.remainder(I(7), 0)
@case
def fmod_int_by_zero(): return torch.fmod(I(7), I(0))
@case
def remainder_int_float(): return torch.remainder(I(7), 2.5)
@case
def floor_divide_float_by_zero(): return torch.floor_divide(torch.tensor([7., -7.]), 0)
@case
def add_inplace_float_into_int(): return I(1).add_(0.5)
@case
def div_inplace_into_int(): return I(1).div_(2)
@case
def div_inplace_floor_into_int(): return I(7).div_(2, rounding_mode='floor')
@case
def mul_inplace_float_tensor_into_int(): return I(1).mul_(torch.tensor([1.5]))
@case
def exp_inplace_int(): return I(1).exp_()
@case
def add_inplace_int_into_float(): return torch.tensor([1.5]).add_(I(1))
@case
def pow_int_negative_int(): return I(2) ** -1
@case
def pow_int_zero(): return I(2, 3) ** 0
@case
def pow_int_negative_tensor(): return I(2).pow(I(-1))
@case
def full_int(): return torch.full([2], 7)
@case
def full_float(): return torch.full([2], 7.5)
@case
def full_bool(): return torch.full([2], True)
@case
def element_size_int64(): return torch.tensor([1]).element_size()
@case
def element_size_float32(): return torch.tensor([1.]).element_size()
@case
def tensor_of_strings(): return torch.tensor(['a', 'b'])
@case
def tensor_of_string(): return torch.tensor('a')
@case
def where_one_argument(): return torch.where(torch.tensor([[1, 0], [0, 1]]))
@case
def where_one_argument_bool(): return torch.where(torch.tensor([False, True, True]))
@case
def softmax_dtype(): return F.softmax(torch.tensor([1., 2.]), 0, dtype=torch.float64)
@case
def log_softmax_dtype(): return F.log_softmax(torch.tensor([1., 2.]), 0, dtype=torch.float64).dtype


write('semantics.json', {'_script': __file__, 'torch': torch.__version__, 'cases': cases})
