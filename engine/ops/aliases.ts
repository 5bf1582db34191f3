// torch.* names that are other ops under PyTorch's second name: clip (clamp), true_divide (div),
// is_floating_point (dtype.is_floating_point), relu_ (the Tensor method).
import type { Tensor, TensorOrScalar } from '../tensor';
import { clamp, div } from './elementwise';

/** `torch.clip`: the same as `torch.clamp`. @example torch.clip(torch.tensor([-2., 0.5, 3.]), -1, 1) */
export const clip = (x: Tensor, ...args: unknown[]): Tensor => clamp(x, ...args);
/** `torch.true_divide(a, b)`: true division, as `torch.div` without a rounding mode. @example torch.true_divide(torch.tensor([1, 2]), 2) */
export const true_divide = (a: TensorOrScalar, b: TensorOrScalar): Tensor => div(a, b);
/** Whether the tensor's dtype is a floating point type. @example torch.is_floating_point(torch.tensor([1.5])) // true */
export const is_floating_point = (x: Tensor): boolean => x.dtype.is_floating_point;
/** `torch.relu_(x)`: relu in place; returns `x`. @example torch.relu_(torch.tensor([-1, 2])) // tensor([0, 2]) */
export const relu_ = (x: Tensor): Tensor => x.relu_();
