"""Golden values for the small integer dtypes uint8, int8, int16 -> engine/test/golden/dtypes_small.json:
wraparound arithmetic, promotion (`result_type`, `promote_types`), comparisons, reductions' dtypes,
casts (`ToTensor`'s `.float() / 255`), printing, and errors. Calls by name; the TypeScript test
(engine/test/dtypes_small.test.ts) keeps the same table of them."""
import torch

from common import write

torch.set_num_threads(1)


def enc(t):
    flat = t.reshape(-1).tolist()
    name = str(t.dtype).replace('torch.', '')
    if t.dtype.is_floating_point:
        flat = [float(v) for v in flat]
    elif t.dtype == torch.bool:
        flat = [bool(v) for v in flat]
    return {'shape': list(t.shape), 'dtype': name, 'data': flat}


u = lambda *v: torch.tensor(v, dtype=torch.uint8)
a = u(250, 3, 128, 0)
b = u(10, 255, 128, 1)
i8 = torch.tensor([100, -100, -128, 127], dtype=torch.int8)
i16 = torch.tensor([30000, -30000, 1, 2], dtype=torch.int16)

CASES = {
    'add': lambda: a + b,
    'add_scalar_wraps': lambda: a + 10,
    'add_256': lambda: a + 256,
    'sub_wraps': lambda: a - b,
    'sub_scalar': lambda: a - 300,
    'mul_wraps': lambda: a * 2,
    'mul_1000': lambda: a * 1000,
    'neg': lambda: -a,
    'floor_divide': lambda: a // 3,
    'remainder': lambda: a % 7,
    'pow': lambda: a.pow(2),
    'div_true': lambda: a / 2,
    'to_tensor': lambda: a.float() / 255,
    'plus_float': lambda: a + 0.5,
    'plus_int8': lambda: a + i8,
    'plus_int16': lambda: a + i16,
    'plus_int64_0d': lambda: a + torch.tensor(1000),
    'plus_int64': lambda: a + torch.tensor([1000, 0, 0, 0]),
    'plus_bool': lambda: a + torch.tensor([True, False, True, False]),
    'times_float_tensor': lambda: a * torch.tensor([0.5, 0.5, 0.5, 0.5]),
    'gt': lambda: a > b,
    'eq_scalar': lambda: a == 128,
    'le_float': lambda: a <= 3.5,
    'max': lambda: a.max(),
    'min': lambda: a.min(),
    'argmax': lambda: a.argmax(),
    'sum': lambda: a.sum(),
    'prod': lambda: u(250, 3, 128).prod(),
    'cumsum': lambda: a.cumsum(0),
    'sort': lambda: a.sort().values,
    'cast_from_float': lambda: torch.tensor([-1.0, 256.0, 3.7, 255.0]).to(torch.uint8),
    'cast_from_bool': lambda: torch.tensor([True, False]).to(torch.uint8),
    'cast_from_long': lambda: torch.tensor([-1, 256, 511, 7]).to(torch.uint8),
    'byte': lambda: torch.tensor([1.5, 300.0]).byte(),
    'int8_add_wraps': lambda: i8 + 100,
    'int8_neg': lambda: -i8,
    'int8_plus_int16': lambda: i8 + i16,
    'int16_add_wraps': lambda: i16 + 10000,
    'int16_mul': lambda: i16 * 3,
    'int16_float': lambda: i16.float() / 2,
    'matmul': lambda: a.reshape(1, 4) @ b.reshape(4, 1),
    'where': lambda: torch.where(a > 100, a, b),
    'cat': lambda: torch.cat([a, b]),
    'arange': lambda: torch.arange(5, dtype=torch.uint8),
    'zeros_like': lambda: torch.zeros_like(a),
    'full': lambda: torch.full((2,), 300, dtype=torch.uint8) if False else torch.full((2,), 44, dtype=torch.uint8),
    'index_select': lambda: a.index_select(0, torch.tensor([2, 0])),
    'transpose_contiguous': lambda: torch.arange(6, dtype=torch.uint8).reshape(2, 3).t().contiguous(),
    # clamp converts its bounds to the dtype it computes in first (a number: checked, uint8 wraps -255..-1;
    # a tensor: cast, wrapping)
    'clamp_neg_min_wraps': lambda: a.clamp(-5, 100),
    'clamp_min_only_wraps': lambda: a.clamp(min=-5),
    'clamp_max_neg_wraps': lambda: a.clamp(max=-1),
    'clip_wraps': lambda: a.clip(-5, 200),
    'clamp_min_0d_tensor': lambda: torch.clamp(a, min=torch.tensor(-5)),
    'clamp_min_1d_tensor_promotes': lambda: torch.clamp(a, min=torch.tensor([-5, 300, 0, 0])),
    'clamp_inplace_wraps': lambda: a.clone().clamp_(-5, 100),
    'clamp_float_bound': lambda: a.clamp(2.5, 100),
    'clamp_min_method': lambda: a.clamp_min(-5),
    'clamp_min_inplace': lambda: a.clone().clamp_min_(-5),
    'clamp_tensor_bounds_wrap': lambda: a.clamp(torch.tensor(-5), torch.tensor(300)),
    'int8_clamp_int16_0d': lambda: i8.clamp(max=torch.tensor(200, dtype=torch.int16)),
    'int8_clamp_inplace_1d': lambda: i8.clone().clamp_(max=torch.tensor([200])),
    'int8_clamp_in_range': lambda: i8.clamp(-128, 100),
    'bool_clamp_min': lambda: torch.tensor([True, False]).clamp(min=2),
}

cases = {k: enc(f()) for k, f in CASES.items()}

D = {'uint8': torch.uint8, 'int8': torch.int8, 'int16': torch.int16, 'int32': torch.int32, 'int64': torch.int64, 'bool': torch.bool, 'float32': torch.float32, 'float64': torch.float64}
promote = {f'{x}+{y}': str(torch.promote_types(D[x], D[y])).replace('torch.', '') for x in D for y in D}

reprs = {
    'uint8': repr(a),
    'uint8_2d': repr(torch.arange(12, dtype=torch.uint8).reshape(3, 4)),
    'int8': repr(i8),
    'int16': repr(i16),
    'uint8_0d': repr(torch.tensor(7, dtype=torch.uint8)),
    'dtype': repr(torch.uint8),
    'type': a.type(),
    'element_size': [a.element_size(), i8.element_size(), i16.element_size()],
}


def err(f):
    try:
        f()
    except Exception as e:  # noqa: BLE001
        return {'type': type(e).__name__, 'message': str(e)}
    return None


errors = {
    'mean': err(lambda: a.mean()),
    'requires_grad': err(lambda: a.clone().requires_grad_(True)),
    'add_float_inplace': err(lambda: a.clone().add_(0.5)),
    'floor_divide_zero': err(lambda: a // 0),
    'clamp_uint8_over': err(lambda: a.clamp(max=300)),
    'clamp_uint8_under': err(lambda: a.clamp(-256, 100)),
    'clamp_max_uint8_inplace': err(lambda: a.clone().clamp_max_(300)),
    'clamp_int8': err(lambda: i8.clamp(-200, 200)),
    'clamp_int8_min': err(lambda: i8.clamp(min=200)),
    'clamp_int16': err(lambda: i16.clamp(max=70000)),
    'clamp_int32': err(lambda: torch.tensor([1], dtype=torch.int32).clamp(max=2**32 + 7)),
    'clamp_float32': err(lambda: torch.tensor([1.]).clamp(max=1e40)),
    'clamp_bool_inplace': err(lambda: torch.tensor([True, False]).clamp_(min=-3)),
}

write('dtypes_small.json', {'_script': __file__, 'cases': cases, 'promote': promote, 'repr': reprs, 'errors': errors})
