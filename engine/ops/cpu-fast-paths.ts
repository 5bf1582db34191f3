// When an elementwise op may take a one-kernel CPU fast path instead of composing public ops (the
// seed lesson's per-op cost, issue 21): TanhBackward0 as `tanh_backward`, the optimizers'
// `p.add_(d, {alpha})` as `add_scaled_`. Both kernels round step by step as the ops they replace
// (engine/fused-paths.test.ts checks the bits); these predicates say when nothing else differs.
import { needsGrad } from '../autograd';
import type { Tensor } from '../tensor';
import { sameShape } from '../size';

type T = Tensor;

/** Whether TanhBackward0 can run as one CPU kernel: no double backward through it, dense float tensors alike. */
export function tanhFused(g: T, out: T): boolean {
  return !needsGrad(g, out) && g.device.type === 'cpu' && out.device === g.device && g.dtype === out.dtype && g.dtype.is_floating_point &&
    sameShape(g._shape, out._shape) && g.is_contiguous() && out.is_contiguous();
}


/**
 * Whether `self.add_(other, {alpha})` can run as one CPU kernel (the optimizers' `p.add_(d, {alpha: -lr})`):
 * nothing to record, dense float tensors alike, and separate storages (an overlapping `other` must be
 * read before `self` is written, as the unfused path's temporary does).
 */
export function scaledAddFused(self: T, other: T): boolean {
  return !needsGrad(self, other) && self.device.type === 'cpu' && other.device === self.device && self.dtype === other.dtype && self.dtype.is_floating_point &&
    self._storage !== other._storage && sameShape(self._shape, other._shape) && self.is_contiguous() && other.is_contiguous();
}
