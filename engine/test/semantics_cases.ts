// The cases of scripts/golden/semantics.py, written in TypeScript under the same ids: each returns
// a value (compared with PyTorch's) or throws (compared by class name and first line).
import { torch, F } from '../index';
import type { Tensor } from '../tensor';

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
};
void F;
