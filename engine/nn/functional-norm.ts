// F.layer_norm and F.group_norm: normalise over the last dims / over channel groups with the
// biased variance, then an optional per-element / per-channel affine map (public ops only), and
// F.instance_norm (per sample and channel over the spatial dims).
import { RuntimeError, ValueError } from '../errors';
import { parseArgs } from '../args';
import { fused, withGradMode } from '../autograd';
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
    throw new RuntimeError(`Given normalized_shape=[${shape.join(', ')}], expected input with shape [*, ${shape.join(', ')}], but got input of size[${input._shape.join(', ')}]`);
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
  if (input.ndim < 2) throw new RuntimeError(`Expected at least 2 dimensions for input tensor but received ${input.ndim}`);
  const [N, C] = input._shape;
  if (C % o.num_groups !== 0) throw new RuntimeError(`Expected number of channels in input to be divisible by num_groups, but got input of shape [${input._shape.join(', ')}] and num_groups=${o.num_groups}`);
  const bshape = input._shape.map((d, i) => (i === 1 ? d : 1));
  // one node, NativeGroupNormBackward0, as PyTorch's
  return fused('NativeGroupNormBackward0', [input, o.weight, o.bias], (x, w, b) => {
    const g = x!.reshape([N, o.num_groups, -1]);
    const centred = g.sub(g.mean(2, { keepdim: true }));
    let out = centred.div(centred.square().mean(2, { keepdim: true }).add(o.eps).sqrt()).reshape(input._shape);
    if (w) out = out.mul(w.reshape(bshape));
    if (b) out = out.add(b.reshape(bshape));
    return out;
  });
}

/**
 * Instance normalisation: each sample's channel normalised over its spatial dims (biased variance),
 * then scaled by `weight` and shifted by `bias` per channel. Given `running_mean`/`running_var`, they
 * are updated in place with the batch's average instance statistics (unbiased variance), as
 * PyTorch; `use_input_stats: false` normalises with them instead.
 * @example F.instance_norm(torch.randn(2, 3, 4, 4)).shape // torch.Size([2, 3, 4, 4])
 */
export function instance_norm(input: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ running_mean: Tensor | null; running_var: Tensor | null; weight: Tensor | null; bias: Tensor | null; use_input_stats: boolean; momentum: number | null; eps: number }>(
    'instance_norm', args, ['running_mean', 'running_var', 'weight', 'bias', 'use_input_stats', 'momentum', 'eps'], { running_mean: null, running_var: null, weight: null, bias: null, use_input_stats: true, momentum: 0.1, eps: 1e-5 });
  if (o.momentum === null) throw new TypeError("instance_norm(): argument 'momentum' (position 7) must be float, not NoneType");
  if (input.ndim < 3) throw new ValueError(`expected at least 3D input (got ${input.ndim}D input)`);
  if (o.use_input_stats && input._shape.slice(2).reduce((a, b) => a * b, 1) === 1)
    throw new ValueError(`Expected more than 1 spatial element when training, got input size torch.Size([${input._shape.join(', ')}])`);
  if (!o.use_input_stats && (!o.running_mean || !o.running_var)) throw new RuntimeError('Expected running_mean and running_var to be defined when use_input_stats is false');
  const dims = input._shape.slice(2).map((_, i) => i + 2);
  const view = [1, input._shape[1], ...dims.map(() => 1)];
  const m = o.momentum, rm = o.running_mean, rv = o.running_var;
  // ATen runs batch_norm over a (1, N·C, …) view and views the result back: grad_fn ViewBackward0
  // over NativeBatchNormBackward0
  const y = fused('NativeBatchNormBackward0', [input, o.weight, o.bias], (x, w, b) => {
    let mean: Tensor, v: Tensor;
    if (o.use_input_stats) {
      mean = x!.mean(dims, { keepdim: true });
      v = x!.sub(mean).square().mean(dims, { keepdim: true });
    } else {
      mean = rm!.reshape(view);
      v = rv!.reshape(view);
    }
    let r = x!.sub(mean).div(v.add(o.eps).sqrt());
    if (w) r = r.mul(w.reshape(view));
    if (b) r = r.add(b.reshape(view));
    return r;
  });
  if (o.use_input_stats && (rm || rv)) {
    withGradMode(false, () => {
      const x = input.detach();
      const mean = x.mean(dims);
      const unbiased = x.var(dims, { correction: 1 });
      if (rm) rm.copy_(rm.mul(1 - m).add(mean.mean(0).mul(m)));
      if (rv) rv.copy_(rv.mul(1 - m).add(unbiased.mean(0).mul(m)));
    });
  }
  return y.view(input._shape);
}
