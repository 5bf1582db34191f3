// F.layer_norm and F.group_norm: normalise over the last dims / over channel groups with the
// biased variance, then an optional per-element / per-channel affine map (public ops only), and
// F.instance_norm (per sample and channel over the spatial dims).
import { NotImplementedError, ValueError } from '../errors';
import { parseArgs } from '../args';
import { fused } from '../autograd';
import type { Tensor } from '../tensor';

/**
 * Normalises over the last `normalized_shape.length` dims: (x − mean)/√(var + eps)·weight + bias.
 * @example F.layer_norm(x, [3])
 */
export function layer_norm(input: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ normalized_shape: number | number[]; weight: Tensor | null; bias: Tensor | null; eps: number }>('layer_norm', args, ['normalized_shape', 'weight', 'bias', 'eps'], { weight: null, bias: null, eps: 1e-5 });
  const shape = typeof o.normalized_shape === 'number' ? [o.normalized_shape] : [...o.normalized_shape];
  const k = shape.length;
  const tail = input._shape.slice(input.ndim - k);
  if (k === 0 || input.ndim < k || tail.some((d, i) => d !== shape[i]))
    throw new Error(`Given normalized_shape=[${shape.join(', ')}], expected input with shape [*, ${shape.join(', ')}], but got input of size[${input._shape.join(', ')}]`);
  const dims = shape.map((_, i) => input.ndim - k + i);
  // one node, as PyTorch's fused kernel: grad_fn NativeLayerNormBackward0
  return fused('NativeLayerNormBackward0', [input, o.weight, o.bias], (x, w, b) => {
    const centred = x!.sub(x!.mean(dims, { keepdim: true }));
    let out = centred.div(centred.square().mean(dims, { keepdim: true }).add(o.eps).sqrt());
    if (w) out = out.mul(w);
    if (b) out = out.add(b);
    return out;
  });
}

/**
 * Normalises each of `num_groups` channel groups of [N, C, …] over its channels and positions, then scales per channel.
 * @example F.group_norm(torch.randn(2, 4, 3), 2)
 */
export function group_norm(input: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ num_groups: number; weight: Tensor | null; bias: Tensor | null; eps: number }>('group_norm', args, ['num_groups', 'weight', 'bias', 'eps'], { weight: null, bias: null, eps: 1e-5 });
  if (input.ndim < 2) throw new Error(`Expected at least 2 dimensions for input tensor but received ${input.ndim}`);
  const [N, C] = input._shape;
  if (C % o.num_groups !== 0) throw new Error(`Expected number of channels in input to be divisible by num_groups, but got input of shape [${input._shape.join(', ')}] and num_groups=${o.num_groups}`);
  const g = input.reshape([N, o.num_groups, -1]);
  const mean = g.mean(2, { keepdim: true });
  const centred = g.sub(mean);
  let out = centred.div(centred.square().mean(2, { keepdim: true }).add(o.eps).sqrt()).reshape(input._shape);
  const bshape = input._shape.map((d, i) => (i === 1 ? d : 1));
  if (o.weight) out = out.mul(o.weight.reshape(bshape));
  if (o.bias) out = out.add(o.bias.reshape(bshape));
  return out;
}

/**
 * Instance normalisation: each sample's channel normalised over its spatial dims (biased variance),
 * then scaled by `weight` and shifted by `bias` per channel. Running statistics are not supported.
 * @example F.instance_norm(torch.randn(2, 3, 4, 4)).shape // torch.Size([2, 3, 4, 4])
 */
export function instance_norm(input: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ running_mean: Tensor | null; running_var: Tensor | null; weight: Tensor | null; bias: Tensor | null; use_input_stats: boolean; momentum: number; eps: number }>(
    'instance_norm', args, ['running_mean', 'running_var', 'weight', 'bias', 'use_input_stats', 'momentum', 'eps'], { running_mean: null, running_var: null, weight: null, bias: null, use_input_stats: true, momentum: 0.1, eps: 1e-5 });
  if (o.running_mean || o.running_var || !o.use_input_stats)
    throw new NotImplementedError('instance_norm with running statistics (track_running_stats=True or use_input_stats=False) is not implemented in Torchlit (see docs/pytorch-coverage.md)');
  if (input.ndim < 3) throw new ValueError(`expected at least 3D input (got ${input.ndim}D input)`);
  const dims = input._shape.slice(2).map((_, i) => i + 2);
  const view = [1, input._shape[1], ...dims.map(() => 1)];
  // ATen runs batch_norm over a (1, N·C, …) view and views the result back: grad_fn ViewBackward0
  // over NativeBatchNormBackward0
  const y = fused('NativeBatchNormBackward0', [input, o.weight, o.bias], (x, w, b) => {
    const mean = x!.mean(dims, { keepdim: true });
    const v = x!.sub(mean).square().mean(dims, { keepdim: true });
    let r = x!.sub(mean).div(v.add(o.eps).sqrt());
    if (w) r = r.mul(w.reshape(view));
    if (b) r = r.add(b.reshape(view));
    return r;
  });
  return y.view(input._shape);
}
