// The cases of scripts/golden/semantics.py, written in TypeScript under the same ids: each returns
// a value (compared with PyTorch's) or throws (compared by class name and first line).
import { torch, F } from '../index';
import type { Tensor } from '../tensor';

const I = (...v: number[]): Tensor => torch.tensor(v);
const I32 = (...v: number[]): Tensor => torch.tensor(v, { dtype: torch.int32 });
const leaf = (...shape: number[]): Tensor => torch.ones(shape).requires_grad_();

export const SEMANTICS: Record<string, () => unknown> = {
  // ---- in-place modification of saved tensors ----
  sigmoid_output_mul_() { const y = leaf(3).sigmoid(); y.mul_(2); y.sum().backward(); },
  tanh_output_add_() { const y = leaf(3).tanh(); y.add_(1); y.sum().backward(); },
  exp_output_scalar() { const y = torch.tensor(2, { dtype: torch.float32 }).requires_grad_().exp(); y.add_(1); y.backward(); },
  relu_output_add_() { const y = leaf(3).relu(); y.add_(1); y.sum().backward(); },
  softmax_output_add_() { const y = torch.softmax(leaf(3), 0); y.add_(1); y.sum().backward(); },
  log_softmax_output_add_() { const y = torch.log_softmax(leaf(3), 0); y.add_(1); y.sum().backward(); },
  sqrt_output_float64() { const y = leaf(3).double().sqrt(); y.add_(1); y.sum().backward(); },
  mul_output_add_ok() { const x = leaf(3); const y = x.mul(2); y.add_(1); y.sum().backward(); return x.grad; },
  add_input_modified_ok() { const x = leaf(3); const b = torch.ones(3); const y = x.add(b); b.add_(1); y.sum().backward(); return x.grad; },
  mul_input_modified() { const w = leaf(3); const v = torch.ones(3); const y = w.mul(v); v.add_(1); y.sum().backward(); },
  mul_input_modified_float64() { const w = leaf(3); const v = torch.ones(3, { dtype: torch.float64 }); const y = w.mul(v); v.add_(1); y.sum().backward(); },
  leaf_modified_under_no_grad() {
    const w = leaf(3); const y = w.mul(w);
    torch.no_grad(() => w.add_(1));
    y.sum().backward();
  },
  view_of_saved_output() { const y = leaf(2, 3).exp(); y.select(0, 0).add_(1); y.sum().backward(); },
  narrow_of_saved_output() { const y = leaf(3).exp(); y.narrow(0, 0, 2).mul_(2); y.sum().backward(); },
  transpose_of_saved_output() { const y = leaf(3, 3).tanh(); y.t().mul_(2); y.sum().backward(); },
  detached_alias_modified() { const b = leaf(3).mul(1); const y = b.mul(b); b.detach().add_(1); y.sum().backward(); },
  mm_operand_modified() { const w = leaf(2, 3); const v = torch.ones(3, 4); const y = w.matmul(v); v.add_(1); y.sum().backward(); },
  mm_saves_only_what_it_needs_ok() {
    const x = leaf(2, 3); const w = x.mul(1); const v = torch.full([3, 4], 2.5).sub(0.5);
    const y = w.matmul(v); w.add_(1); y.sum().backward(); return x.grad;
  },
  div_denominator_modified() { const x = leaf(3); const d = torch.full([3], 2.5).sub(0.5); const y = x.div(d); d.mul_(2); y.sum().backward(); },
  setitem_on_saved_output() { const y = leaf(3).sigmoid(); y.index_set_(0, 5); y.sum().backward(); },
  fill_on_saved_output() { const y = leaf(3).exp(); y.fill_(1); y.sum().backward(); },
  modified_after_backward_ok() { const x = leaf(3); const y = x.sigmoid(); y.sum().backward(); y.detach().mul_(2); return x.grad; },
  version_counts() {
    const a = torch.ones(3); const v0 = a._version; a.add_(1); const v1 = a._version;
    const v = a.narrow(0, 0, 2); v.mul_(2); a.index_set_(0, 3); const d = a.detach(); d.zero_();
    return [v0, v1, a._version, v._version, d._version, a.view(3)._version];
  },

  // ---- integer and dtype semantics ----
  result_type_int_tensor_float_number: () => torch.result_type(I(1), 1.5),
  result_type_int32_zero_dim_int64: () => torch.result_type(I32(1), torch.tensor(1)),
  result_type_bool_tensor_int: () => torch.result_type(torch.tensor([true]), 5),
  result_type_zero_dim_float_int_tensor: () => torch.result_type(torch.tensor(1, { dtype: torch.float32 }), I(1)),
  result_type_zero_dim_double_float_tensor: () => torch.result_type(torch.tensor(1, { dtype: torch.float64 }), torch.tensor([1], { dtype: torch.float32 })),
  result_type_zero_dim_double_int_tensor: () => torch.result_type(torch.tensor(1.5, { dtype: torch.float64 }), I(1)),
  result_type_zero_dim_int_bool_tensor: () => torch.result_type(torch.tensor(1), torch.tensor([true])),
  result_type_int32_int64: () => torch.result_type(I32(1), I(1)),
  result_type_bool_true: () => torch.result_type(torch.tensor([true]), true),
  promote_types_int32_float32: () => torch.promote_types(torch.int32, torch.float32),
  promote_types_bool_int64: () => torch.promote_types(torch.bool, torch.int64),
  promote_types_int64_float64: () => torch.promote_types(torch.int64, torch.float64),
  add_int32_number: () => I32(1, 2).add(5),
  add_zero_dim_int_bool: () => torch.tensor(1).add(torch.tensor([true, false])),
  floor_divide_int: () => torch.floor_divide(I(7, -7, 6), 2),
  floor_divide_int32: () => torch.floor_divide(I32(7, -7), 2),
  div_floor_int: () => torch.div(I(7, -7), 2, { rounding_mode: 'floor' }),
  div_trunc_int: () => torch.div(I(7, -7), I(2, 2), { rounding_mode: 'trunc' }),
  div_int_true: () => I(7, -7).div(2),
  div_int_by_zero_true: () => I(7).div(0),
  floor_divide_int_by_zero: () => torch.floor_divide(I(7), 0),
  div_floor_int_by_zero_tensor: () => torch.div(I(7, 1), I(1, 0), { rounding_mode: 'floor' }),
  remainder_int_by_zero: () => torch.remainder(I(7), 0),
  fmod_int_by_zero: () => torch.fmod(I(7), I(0)),
  remainder_int_float: () => torch.remainder(I(7), 2.5),
  floor_divide_float_by_zero: () => torch.floor_divide(torch.tensor([7, -7], { dtype: torch.float32 }), 0),
  add_inplace_float_into_int: () => I(1).add_(0.5),
  div_inplace_into_int: () => I(1).div_(2),
  div_inplace_floor_into_int: () => I(7).div_(2, { rounding_mode: 'floor' }),
  mul_inplace_float_tensor_into_int: () => I(1).mul_(torch.tensor([1.5])),
  exp_inplace_int: () => I(1).exp_(),
  add_inplace_int_into_float: () => torch.tensor([1.5]).add_(I(1)),
  pow_int_negative_int: () => I(2).pow(-1),
  pow_int_zero: () => I(2, 3).pow(0),
  pow_int_negative_tensor: () => I(2).pow(I(-1)),
  full_int: () => torch.full([2], 7),
  full_float: () => torch.full([2], 7.5),
  full_bool: () => torch.full([2], true),
  element_size_int64: () => torch.tensor([1]).element_size(),
  element_size_float32: () => torch.tensor([1], { dtype: torch.float32 }).element_size(),
  tensor_of_strings: () => torch.tensor(['a', 'b'] as never),
  tensor_of_string: () => torch.tensor('a' as never),
  where_one_argument: () => torch.where(torch.tensor([[1, 0], [0, 1]])),
  where_one_argument_bool: () => torch.where(torch.tensor([false, true, true])),
  softmax_dtype: () => F.softmax(torch.tensor([1, 2], { dtype: torch.float32 }), 0, { dtype: torch.float64 }),
  log_softmax_dtype: () => F.log_softmax(torch.tensor([1, 2], { dtype: torch.float32 }), 0, { dtype: torch.float64 }).dtype,
};
