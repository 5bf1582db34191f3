// F.bilinear as one einsum (every backend, autograd free).
import { RuntimeError } from '../errors';
import { einsum } from '../ops/einsum';
import type { Tensor } from '../tensor';

/**
 * `x1ᵀ A x2 + b` for each output feature: weight (out, in1, in2), bias (out).
 * @example F.bilinear(torch.randn(5, 2), torch.randn(5, 3), torch.randn(4, 2, 3)).shape // torch.Size([5, 4])
 */
export function bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  if (input1.ndim !== input2.ndim) throw new RuntimeError(`bilinear(): input dimensions do not match: got ${input1.ndim} and ${input2.ndim}`);
  const y = einsum('...i,oij,...j->...o', input1, weight, input2);
  return bias ? y.add(bias) : y;
}
