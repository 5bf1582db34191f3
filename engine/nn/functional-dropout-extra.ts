// dropout3d and the SELU-preserving alpha dropouts (alpha_dropout, feature_alpha_dropout), as
// ATen's _dropout_impl: keep with probability 1 − p, dropped entries become SELU's negative
// saturation, then an affine map restores mean 0 / variance 1 (grad_fn AddBackward0, as PyTorch).
import { parseArgs } from '../args';
import { ValueError } from '../errors';
import { rand, zeros } from '../ops/creation';
import { inplace as inplaceOp } from '../ops/inplace';
import type { Tensor } from '../tensor';
import { warn } from '../warnings';

interface DropArgs { p: number; training: boolean; inplace: boolean }
const names = ['p', 'training', 'inplace'];

/** ATen's _dropout_impl with alpha: the mask has `maskShape` (feature variants: one draw per channel). */
function alphaDropout(input: Tensor, o: DropArgs, maskShape: number[]): Tensor {
  const { p, training } = o;
  if (p < 0 || p > 1) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${p}`);
  if (p === 0 || !training || input.numel() === 0) return input;
  if (p === 1) {
    const z = zeros([], { dtype: input.dtype, device: input.device });
    return o.inplace ? inplaceOp(input, (old) => old.mul(z)) : input.mul(z);
  }
  const alpha = 1.7580993408473766;
  const a = 1 / Math.sqrt((alpha * alpha * p + 1) * (1 - p));
  const keep = rand(maskShape, { dtype: input.dtype, device: input.device }).ge(p).to(input.dtype);
  const b = keep.sub(1).mul(alpha * a).add(alpha * a * p);
  const noise = keep.mul(a);
  return o.inplace ? inplaceOp(input, (old) => old.mul(noise).add(b)) : input.mul(noise).add(b);
}

/**
 * Alpha dropout for SELU networks: keeps mean and variance of a standard-normal input; identity
 * unless `training` (default false, as PyTorch's functional form).
 * @example F.alpha_dropout(torch.randn(4, 8), 0.2, true)
 */
export function alpha_dropout(input: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<DropArgs>('alpha_dropout', args, names, { p: 0.5, training: false, inplace: false });
  return alphaDropout(input, o, input._shape);
}
/**
 * Alpha dropout of whole channels (dim 1 of [N, C, …], one draw per channel); identity unless `training`.
 * @example F.feature_alpha_dropout(torch.randn(2, 3, 4, 4), 0.2, true)
 */
export function feature_alpha_dropout(input: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<DropArgs>('feature_alpha_dropout', args, names, { p: 0.5, training: false, inplace: false });
  return alphaDropout(input, o, input._shape.map((d, i) => (i < 2 ? d : 1)));
}
/**
 * Zeroes whole channels of [N, C, D, H, W] (or [C, D, H, W]) with probability p in training, scaling the rest by 1/(1−p).
 * @example F.dropout3d(torch.randn(2, 3, 2, 4, 4), 0.2)
 */
export function dropout3d(input: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<DropArgs>('dropout3d', args, names, { p: 0.5, training: true, inplace: false });
  if (o.p < 0 || o.p > 1) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${o.p}`);
  if (input.ndim !== 4 && input.ndim !== 5)
    warn(`dropout3d: Received a ${input.ndim}-D input to dropout3d, which is deprecated and will result in an error in a future release. To retain the behavior and silence this warning, please use dropout instead. Note that dropout3d exists to provide channel-wise dropout on inputs with 3 spatial dimensions, a channel dimension, and an optional batch dimension (i.e. 4D or 5D inputs).`);
  if (input.ndim === 5) return dropout2dLike(input, o, 2);
  // unbatched: PyTorch adds a batch dim of 1, so the draws are per entry of dim 0
  return dropout2dLike(input, o, 1);
}

/** Dropout with one draw per entry of the first `kept` dims, broadcast over the rest: `input * mask` (MulBackward0). */
function dropout2dLike(input: Tensor, o: DropArgs, kept: number): Tensor {
  if (!o.training || o.p === 0) return input;
  const maskShape = input._shape.map((d, i) => (i < kept ? d : 1));
  const opts = { dtype: input.dtype, device: input.device };
  const mask = o.p === 1 ? zeros(maskShape, opts) : rand(maskShape, opts).ge(o.p).to(input.dtype).div_(1 - o.p);
  return o.inplace ? inplaceOp(input, (old) => old.mul(mask)) : input.mul(mask);
}
