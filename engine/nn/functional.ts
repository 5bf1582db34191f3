// torch.nn.functional (`F`): layers as functions here; activations and losses (with `reduction`)
// in functional-activation.ts and functional-loss.ts, re-exported so `F` is one namespace.
// Everything is written with public tensor ops (typed imports), so autograd and every backend come free.
import { AssertionError, RuntimeError, ValueError } from '../errors';
import { warn } from '../warnings';
import { parseArgs } from '../args';
import { fused, withGradMode } from '../autograd';
import { rand, zeros } from '../ops/creation';
import { inplace as inplaceOp } from '../ops/inplace';
import { one_hot as oneHotOp } from '../ops/padding';
import { embeddingLookup as embeddingOp } from '../ops/embedding-lookup';
import { adaptive_avg_pool2d as adaptiveAvgOp, adaptive_max_pool2d as adaptiveMaxOp } from '../ops/pool';
import { Tensor } from '../tensor';

export * from './functional-activation';
export * from './functional-loss';
export * from './functional-norm';
export * from './functional-distance';
export * from './functional-resample';
export * from './functional-bilinear';
export * from './functional-attention';
export * from './functional-loss-margin-nll';
export { linear } from '../ops/matmul';
export { conv1d, conv2d, conv_transpose2d } from '../ops/conv';
export { max_pool2d, max_pool2d_with_indices, avg_pool1d, avg_pool2d, adaptive_avg_pool1d } from '../ops/pool';
// max_pool1d here honours return_indices (the op's form returned the output alone)
export * from './functional-pool-extra';
export * from './functional-loss-multi';
export * from './functional-dropout-extra';
export { conv_transpose1d } from './conv-transpose1d';
export { conv_transpose3d } from './conv-transpose3d';
export { fractional_max_pool2d, fractional_max_pool3d } from './fractional-pool';
export { pad } from '../ops/padding';
export { unfold, fold } from './fold';
export { conv3d } from './conv3d';
export { embedding_bag } from './embedding-bag';
export { ctc_loss } from './ctc-loss';
export { affine_grid, grid_sample } from './grid-sample';
export { max_pool3d, avg_pool3d } from './pool3d';

type OutputSize = number | (number | null)[];

/**
 * Average pooling to a fixed output size (null keeps that input dim).
 * @example F.adaptive_avg_pool2d(torch.randn(1, 3, 8, 8), [7, 7])
 */
export function adaptive_avg_pool2d(input: Tensor, ...args: unknown[]): Tensor {
  const { output_size } = parseArgs<{ output_size: OutputSize }>('adaptive_avg_pool2d', args, ['output_size']);
  return adaptiveAvgOp(input, output_size);
}
/**
 * Max pooling to a fixed output size; with `return_indices`, `[output, indices]`.
 * @example const img = torch.randn(1, 3, 8, 8); F.adaptive_max_pool2d(img, [2, 2]); F.adaptive_max_pool2d(img, 1, {return_indices: true})
 */
export function adaptive_max_pool2d(input: Tensor, output_size: OutputSize | { output_size: OutputSize; return_indices?: boolean }, opts: { return_indices: true }): [Tensor, Tensor];
export function adaptive_max_pool2d(input: Tensor, ...args: unknown[]): Tensor;
export function adaptive_max_pool2d(input: Tensor, ...args: unknown[]): Tensor | [Tensor, Tensor] {
  const o = parseArgs<{ output_size: OutputSize; return_indices: boolean }>('adaptive_max_pool2d', args, ['output_size', 'return_indices'], { return_indices: false });
  return adaptiveMaxOp(input, o.output_size, o.return_indices);
}
/** `adaptive_max_pool2d` returning `[output, indices]`. */
export function adaptive_max_pool2d_with_indices(input: Tensor, ...args: unknown[]): [Tensor, Tensor] {
  const o = parseArgs<{ output_size: OutputSize; return_indices: boolean }>('adaptive_max_pool2d_with_indices', args, ['output_size', 'return_indices'], {});
  return adaptiveMaxOp(input, o.output_size, true);
}

/**
 * Zeroes elements with probability p and scales the rest by 1/(1−p), in training only. As in
 * PyTorch the result is `input * mask` (grad_fn MulBackward0, the mask already scaled), and with
 * `inplace` it is written into `input`, which is returned.
 * @example F.dropout(torch.ones(4), 0.5); F.dropout(torch.ones(2, 3), {p: 0.2, training: true, inplace: true}).shape // torch.Size([2, 3])
 */
export function dropout(input: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ p: number; training: boolean; inplace: boolean }>('dropout', args, ['p', 'training', 'inplace'], { p: 0.5, training: true, inplace: false });
  return applyDropout(input, o, input._shape);
}
/** `input * (keep / (1 − p))` with one draw per entry of `maskShape` (broadcast over the rest), or in place. */
function applyDropout(input: Tensor, o: { p: number; training: boolean; inplace: boolean }, maskShape: number[]): Tensor {
  const { p, training, inplace: inPlace } = o;
  if (p < 0 || p > 1) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${p}`);
  if (!training || p === 0) return input;
  const scaled = (): Tensor => {
    if (p === 1) return zeros(maskShape, { device: input.device, dtype: input.dtype });
    return rand(maskShape, { device: input.device, dtype: input.dtype }).ge(p).to(input.dtype).div_(1 - p);
  };
  if (!inPlace) return input.mul(scaled());
  const mask = scaled();
  return inplaceOp(input, (old) => old.mul(mask));
}
/**
 * Zeroes whole channels (dim 1 of [N, C, H, W]) with probability p in training, scaling the rest by 1/(1−p).
 * A 3-D input is read as [N, C, L], as PyTorch does (with its warning).
 * @example F.dropout2d(torch.randn(2, 3, 4, 4), 0.2)
 */
export function dropout2d(input: Tensor, ...args: unknown[]): Tensor {
  if (input.ndim === 3)
    warn('dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout behavior is desired - input is interpreted as shape (N, C, L), where C is the channel dim. This behavior will change in a future release to interpret the input as one without a batch dimension, i.e. shape (C, H, W). To maintain the 1D channel-wise dropout behavior, please switch to using dropout1d instead.');
  else if (input.ndim !== 4) warn(`dropout2d: Received a ${input.ndim}-D input to dropout2d, which is deprecated and will result in an error in a future release.`);
  return channelDropout('dropout2d', input, 2, args);
}
/** Zeroes whole channels of [N, C, L] (or [C, L]) inputs with probability p in training. */
export function dropout1d(input: Tensor, ...args: unknown[]): Tensor {
  if (input.ndim !== 2 && input.ndim !== 3) throw new RuntimeError(`dropout1d: Expected 2D or 3D input, but received a ${input.ndim}D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).`);
  return channelDropout('dropout1d', input, input.ndim - 1, args);
}
/** One keep/drop draw for each of the first `kept` dims' entries, broadcast over the rest (PyTorch's feature_dropout). */
function channelDropout(fn: string, input: Tensor, kept: number, args: unknown[]): Tensor {
  const o = parseArgs<{ p: number; training: boolean; inplace: boolean }>(fn, args, ['p', 'training', 'inplace'], { p: 0.5, training: true, inplace: false });
  return applyDropout(input, o, input._shape.map((d, i) => (i < kept ? d : 1)));
}

/** One-hot encoding of int64 class indices (int64 result). */
export function one_hot(input: Tensor, ...args: unknown[]): Tensor {
  const { num_classes } = parseArgs<{ num_classes: number }>('one_hot', args, ['num_classes'], { num_classes: -1 });
  return oneHotOp(input, num_classes);
}

/** Flattens dims start_dim..end_dim. */
export function flatten(input: Tensor, start_dim = 0, end_dim = -1): Tensor {
  return input.flatten(start_dim, end_dim);
}

/** In place, as torch.embedding_renorm_: rows of `weight` used by `input` whose norm exceeds max_norm are scaled down to it. */
function embeddingRenorm(weight: Tensor, input: Tensor, maxNorm: number, normType: number): void {
  withGradMode(false, () => {
    // the rows used, as a mask counted on the weight's device (no read-back of the indices)
    const flat = input.reshape([-1]);
    const used = weight.new_zeros([weight._shape[0]]).index_add_(0, flat, weight.new_ones([flat._shape[0]])).gt(0).unsqueeze(1);
    const norms = weight.norm(normType, 1, true);
    const scale = norms.add(1e-7).reciprocal().mul(maxNorm).where(norms.gt(maxNorm).logical_and(used), 1);
    weight.mul_(scale);
  });
}

/**
 * Rows of `weight` picked by the indices in `input`. `max_norm` renormalises the rows used in place
 * (as PyTorch); `scale_grad_by_freq` divides each row's gradient by its index's count in `input`;
 * `sparse: true` is accepted but the gradient stays dense (same values; see docs/differences-from-pytorch.md).
 * @example F.embedding(torch.tensor([1, 1, 2]), torch.randn(4, 3), {scale_grad_by_freq: true}).shape // torch.Size([3, 3])
 */
export function embedding(input: Tensor, weight: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ padding_idx: number | null; max_norm: number | null; norm_type: number; scale_grad_by_freq: boolean; sparse: boolean }>('embedding', args,
    ['padding_idx', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'sparse'], { padding_idx: null, max_norm: null, norm_type: 2, scale_grad_by_freq: false, sparse: false });
  const E = weight._shape[0];
  // PyTorch's assert (a padding_idx past the table was silently ignored)
  if (o.padding_idx != null && (o.padding_idx >= E || o.padding_idx < -E)) throw new AssertionError('Padding_idx must be within num_embeddings');
  const pidx = o.padding_idx != null && o.padding_idx < 0 ? o.padding_idx + E : o.padding_idx;
  if (o.max_norm != null) embeddingRenorm(weight, input, o.max_norm, o.norm_type);
  return embeddingOp(input, weight, pidx, o.scale_grad_by_freq, o.sparse);
}

/**
 * Batch normalisation over dim 1. In training it normalises with the batch's statistics and
 * updates `running_mean`/`running_var` in place (unbiased variance, as PyTorch).
 */
export function batch_norm(input: Tensor, running_mean: Tensor | null, running_var: Tensor | null, ...args: unknown[]): Tensor {
  const { weight, bias, training, momentum, eps } = parseArgs<{ weight: Tensor | null; bias: Tensor | null; training: boolean; momentum: number | Tensor | null; eps: number }>(
    'batch_norm', args, ['weight', 'bias', 'training', 'momentum', 'eps'], { weight: null, bias: null, training: false, momentum: 0.1, eps: 1e-5 });
  const C = input._shape[1];
  for (const [what, t] of [['running_mean', running_mean], ['running_var', running_var], ['weight', weight], ['bias', bias]] as const)
    if (t && t.numel() !== C) throw new RuntimeError(`${what} should contain ${C} elements not ${t.numel()}`);
  const dims = input._shape.map((_, i) => i).filter((i) => i !== 1);
  const bshape = input._shape.map((d, i) => (i === 1 ? d : 1));
  if (training && input.numel() / C <= 1) throw new ValueError(`Expected more than 1 value per channel when training, got input size ${input.shape}`);
  if (!training && (!running_mean || !running_var)) throw new RuntimeError('batch_norm: running_mean and running_var are needed in eval mode');
  // one node, NativeBatchNormBackward0, as PyTorch's; the batch statistics of its forward feed the running ones
  let batchStats: [Tensor, Tensor] | null = null;
  const out = fused('NativeBatchNormBackward0', [input, weight, bias], (x, w, b) => {
    let mean: Tensor, varB: Tensor;
    if (training) {
      mean = x!.mean(dims, { keepdim: true });
      varB = x!.sub(mean).square().mean(dims, { keepdim: true });
      batchStats ??= [mean, varB];
    } else {
      mean = running_mean!.reshape(bshape);
      varB = running_var!.reshape(bshape);
    }
    let y = x!.sub(mean).div(varB.add(eps).sqrt());
    if (w) y = y.mul(w.reshape(bshape));
    if (b) y = y.add(b.reshape(bshape));
    return y;
  });
  if (training && running_mean && running_var && batchStats) {
    const n = input.numel() / C;
    const m = momentum ?? 0.1;
    const [mean, varB] = batchStats as [Tensor, Tensor];
    withGradMode(false, () => {
      const bm = mean.detach().reshape([C]), bv = varB.detach().reshape([C]).mul(n / (n - 1));
      if (m instanceof Tensor) {
        // a factor on the tensors' device (BatchNorm's cumulative average on the GPU: 1 / num_batches_tracked)
        running_mean.copy_(running_mean.add(bm.sub(running_mean).mul(m)));
        running_var.copy_(running_var.add(bv.sub(running_var).mul(m)));
      } else {
        running_mean.copy_(running_mean.mul(1 - m).add(bm.mul(m)));
        running_var.copy_(running_var.mul(1 - m).add(bv.mul(m)));
      }
    });
  }
  return out;
}
