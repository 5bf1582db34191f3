// torch.nn.functional past the seed, composed of public tensor ops (every backend, autograd free):
// normalize, cosine_similarity, pairwise_distance, pixel_shuffle, bilinear, instance_norm,
// interpolate (nearest, linear, bilinear), scaled_dot_product_attention, gumbel_softmax, and the
// margin / embedding / Poisson / Gaussian losses with `reduction`.
import { NotImplementedError, RuntimeError, ValueError } from '../errors';
import { parseArgs } from '../args';
import { withGradMode } from '../autograd';
import { ones } from '../ops/creation';
import { einsum } from '../ops/einsum';
import { where } from '../ops/elementwise';
import { vector_norm } from '../ops/linalg';
import { bool, int64 } from '../dtype';
import type { Tensor } from '../tensor';
import type { Reduction } from './functional';

function reduce(loss: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'mean') return loss.mean();
  if (reduction === 'sum') return loss.sum();
  if (reduction === 'none') return loss;
  throw new ValueError(`${String(reduction)} is not a valid value for reduction`);
}

/**
 * Divides by the `p`-norm over `dim` (at least `eps`): unit vectors.
 * @example F.normalize(torch.tensor([[3., 4.]]), { dim: 1 }) // tensor([[0.6000, 0.8000]])
 */
export function normalize(input: Tensor, ...args: unknown[]): Tensor {
  const { p, dim, eps } = parseArgs<{ p: number; dim: number; eps: number; out: null }>('normalize', args, ['p', 'dim', 'eps', 'out'], { p: 2, dim: 1, eps: 1e-12 });
  return input.div(vector_norm(input, p, { dim, keepdim: true }).clamp({ min: eps }).expand_as(input));
}

/**
 * Cosine of the angle between `x1` and `x2` along `dim` (broadcasting).
 * @example F.cosine_similarity(torch.tensor([[1., 0.]]), torch.tensor([[1., 1.]])) // tensor([0.7071])
 */
export function cosine_similarity(x1: Tensor, x2: Tensor, ...args: unknown[]): Tensor {
  const { dim, eps } = parseArgs<{ dim: number; eps: number }>('cosine_similarity', args, ['dim', 'eps'], { dim: 1, eps: 1e-8 });
  // PyTorch 1.13's formula: w12 / sqrt(clamp_min(w1·w2, eps²))
  const w12 = x1.mul(x2).sum(dim);
  const w1 = x1.mul(x1).sum(dim), w2 = x2.mul(x2).sum(dim);
  return w12.div(w1.mul(w2).clamp({ min: eps * eps }).sqrt());
}

/**
 * The `p`-norm of `x1 - x2 + eps` over the last dim.
 * @example F.pairwise_distance(torch.tensor([[0., 0.]]), torch.tensor([[3., 4.]]))
 */
export function pairwise_distance(x1: Tensor, x2: Tensor, ...args: unknown[]): Tensor {
  const { p, eps, keepdim } = parseArgs<{ p: number; eps: number; keepdim: boolean }>('pairwise_distance', args, ['p', 'eps', 'keepdim'], { p: 2, eps: 1e-6, keepdim: false });
  const d = Math.max(x1.ndim, x2.ndim) - 1;
  return vector_norm(x1.sub(x2).add(eps), p, { dim: d < 0 ? null : -1, keepdim });
}

/**
 * Rearranges (*, C·r², H, W) into (*, C, H·r, W·r) (sub-pixel convolution).
 * @example F.pixel_shuffle(torch.randn(1, 8, 3, 3), 2).shape // torch.Size([1, 2, 6, 6])
 */
export function pixel_shuffle(input: Tensor, ...args: unknown[]): Tensor {
  const { upscale_factor: r } = parseArgs<{ upscale_factor: number }>('pixel_shuffle', args, ['upscale_factor']);
  if (input.ndim < 3) throw new RuntimeError(`pixel_shuffle expects input to have at least 3 dimensions, but got input with ${input.ndim} dimension(s)`);
  const s = input._shape, n = s.length;
  const [C, H, W] = s.slice(-3);
  if (C % (r * r) !== 0) throw new RuntimeError(`pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=${C} is not divisible by ${r * r}`);
  const lead = s.slice(0, -3), c = C / (r * r), k = lead.length;
  const x = input.reshape([...lead, c, r, r, H, W]);
  const perm = [...lead.map((_, i) => i), k, k + 3, k + 1, k + 4, k + 2];
  void n;
  return x.permute(perm).reshape([...lead, c, H * r, W * r]);
}

/**
 * `x1ᵀ A x2 + b` for each output feature: weight (out, in1, in2), bias (out).
 * @example F.bilinear(torch.randn(5, 2), torch.randn(5, 3), torch.randn(4, 2, 3)).shape // torch.Size([5, 4])
 */
export function bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  if (input1.ndim !== input2.ndim) throw new RuntimeError(`bilinear(): input dimensions do not match: got ${input1.ndim} and ${input2.ndim}`);
  const y = einsum('...i,oij,...j->...o', input1, weight, input2);
  return bias ? y.add(bias) : y;
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
  const mean = input.mean(dims, { keepdim: true });
  const v = input.sub(mean).square().mean(dims, { keepdim: true });
  let y = input.sub(mean).div(v.add(o.eps).sqrt());
  const view = [1, input._shape[1], ...dims.map(() => 1)];
  if (o.weight) y = y.mul(o.weight.reshape(view));
  if (o.bias) y = y.add(o.bias.reshape(view));
  return y;
}

type Size = number | number[] | null;

/** Source coordinates and weights of a linear resize along one dim (PyTorch's area_pixel_compute_source_index). */
function linearIndex(inSize: number, outSize: number, scale: number | null, alignCorners: boolean, like: Tensor): [Tensor, Tensor, Tensor] {
  const i0 = new Array<number>(outSize), i1 = new Array<number>(outSize), w = new Array<number>(outSize);
  const ratio = alignCorners ? (outSize > 1 ? (inSize - 1) / (outSize - 1) : 0) : scale !== null ? 1 / scale : inSize / outSize;
  for (let d = 0; d < outSize; d++) {
    let src = alignCorners ? d * ratio : ratio * (d + 0.5) - 0.5;
    if (!alignCorners && src < 0) src = 0;
    const lo = Math.min(Math.floor(src), inSize - 1);
    i0[d] = lo;
    i1[d] = Math.min(lo + 1, inSize - 1);
    w[d] = src - lo;
  }
  return [like.new_tensor(i0, { dtype: int64 }), like.new_tensor(i1, { dtype: int64 }), like.new_tensor(w, { dtype: like.dtype })];
}

/**
 * Resizes the spatial dims to `size` or by `scale_factor`: 'nearest' (3-D to 5-D input), 'linear'
 * (3-D) and 'bilinear' (4-D), with `align_corners` for the linear modes. Other modes raise
 * NotImplementedError.
 * @example F.interpolate(torch.randn(1, 1, 2, 2), { scale_factor: 2, mode: 'bilinear' }).shape // torch.Size([1, 1, 4, 4])
 */
export function interpolate(input: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ size: Size; scale_factor: number | number[] | null; mode: string; align_corners: boolean | null; recompute_scale_factor: boolean | null; antialias: boolean }>(
    'interpolate', args, ['size', 'scale_factor', 'mode', 'align_corners', 'recompute_scale_factor', 'antialias'], { size: null, scale_factor: null, mode: 'nearest', align_corners: null, recompute_scale_factor: null, antialias: false });
  const sp = input.ndim - 2;
  if (sp < 1) throw new ValueError(`Input Error: Only 3D, 4D and 5D input Tensors supported (got ${input.ndim}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got ${o.mode})`);
  if (o.antialias) throw new NotImplementedError('interpolate with antialias=True is not implemented in Torchlit (see docs/pytorch-coverage.md)');
  const linear = o.mode === 'linear' || o.mode === 'bilinear';
  if (!linear && o.mode !== 'nearest') throw new NotImplementedError(`interpolate mode '${o.mode}' is not implemented in Torchlit: use 'nearest', 'linear' or 'bilinear' (see docs/pytorch-coverage.md)`);
  if ((o.mode === 'linear' && sp !== 1) || (o.mode === 'bilinear' && sp !== 2)) throw new NotImplementedError(`Got ${input.ndim}D input, but ${o.mode} mode needs ${o.mode === 'linear' ? 3 : 4}D input`);
  if (!linear && o.align_corners !== null) throw new ValueError('align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear');
  if ((o.size === null) === (o.scale_factor === null)) throw new ValueError(o.size === null ? 'either size or scale_factor should be defined' : 'only one of size or scale_factor should be defined');
  const inSizes = input._shape.slice(2);
  const scales = o.scale_factor === null ? inSizes.map(() => null) : Array.isArray(o.scale_factor) ? o.scale_factor : inSizes.map(() => o.scale_factor as number);
  const outSizes = o.size !== null ? (Array.isArray(o.size) ? o.size : inSizes.map(() => o.size as number)) : inSizes.map((s, i) => Math.floor(s * (scales[i] as number)));
  if (outSizes.length !== sp) throw new ValueError(`Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of [${inSizes.join(', ')}] and output size of [${outSizes.join(', ')}].`);
  // with recompute_scale_factor, PyTorch computes the index from the sizes, not the given factor
  const sc = (i: number) => (o.recompute_scale_factor ? null : scales[i]);
  let y = input;
  for (let i = 0; i < sp; i++) {
    const d = i + 2, n = inSizes[i], m = outSizes[i];
    if (!linear) {
      const ratio = sc(i) !== null ? 1 / (sc(i) as number) : n / m;
      const idx = Array.from({ length: m }, (_, k) => Math.min(Math.floor(k * ratio), n - 1));
      y = y.index_select(d, input.new_tensor(idx, { dtype: int64 }));
      continue;
    }
    const [i0, i1, w] = linearIndex(n, m, sc(i), !!o.align_corners, input);
    const wv = w.to(input.dtype).reshape(input._shape.map((_, k) => (k === d ? m : 1)));
    const a = y.index_select(d, i0), b = y.index_select(d, i1);
    y = a.add(b.sub(a).mul(wv));
  }
  return y;
}

/**
 * Attention: softmax(q·kᵀ·scale + mask)·v, with `is_causal` (a lower-triangular mask), a boolean
 * mask (true = attend) or an additive float mask, and `dropout_p` on the weights.
 * @example F.scaled_dot_product_attention(torch.randn(1, 2, 4, 8), torch.randn(1, 2, 4, 8), torch.randn(1, 2, 4, 8)).shape // torch.Size([1, 2, 4, 8])
 */
export function scaled_dot_product_attention(q: Tensor, k: Tensor, v: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ attn_mask: Tensor | null; dropout_p: number; is_causal: boolean; scale: number | null }>('scaled_dot_product_attention', args, ['attn_mask', 'dropout_p', 'is_causal', 'scale'], { attn_mask: null, dropout_p: 0, is_causal: false, scale: null });
  const L = q._shape[q.ndim - 2], S = k._shape[k.ndim - 2];
  const scale = o.scale ?? 1 / Math.sqrt(q._shape[q.ndim - 1]);
  let s = q.matmul(k.transpose(-2, -1)).mul(scale);
  if (o.is_causal) {
    if (o.attn_mask) throw new RuntimeError('_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True');
    s = s.masked_fill(ones([L, S], { dtype: bool, device: q.device }).tril().logical_not(), -Infinity);
  } else if (o.attn_mask) s = o.attn_mask.dtype.name === 'bool' ? s.masked_fill(o.attn_mask.logical_not(), -Infinity) : s.add(o.attn_mask);
  let w = s.softmax(-1);
  if (o.dropout_p > 0) w = w.mul(w.new_empty(w._shape).bernoulli_(1 - o.dropout_p)).div(1 - o.dropout_p);
  return w.matmul(v);
}

/**
 * Samples from the Gumbel-softmax distribution: softmax((logits + Gumbel noise) / tau), or its
 * one-hot argmax with a straight-through gradient when `hard`.
 * @example F.gumbel_softmax(torch.randn(2, 5), { tau: 0.5, hard: true }).sum(-1) // tensor([1., 1.])
 */
export function gumbel_softmax(logits: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ tau: number; hard: boolean; eps: number; dim: number }>('gumbel_softmax', args, ['tau', 'hard', 'eps', 'dim'], { tau: 1, hard: false, eps: 1e-10, dim: -1 });
  const g = withGradMode(false, () => logits.new_empty(logits._shape).exponential_().log().neg());
  const y = logits.add(g).div(o.tau).softmax(o.dim);
  if (!o.hard) return y;
  const idx = y.detach().argmax(o.dim, { keepdim: true });
  const hard = y.new_zeros(y._shape).scatter(o.dim, idx, 1);
  return hard.sub(y.detach()).add(y);
}

// ---- losses ---------------------------------------------------------------------------------------
type R = { reduction: Reduction };
const red = (fn: string, args: unknown[], names: string[], defaults: Record<string, unknown>) =>
  parseArgs<Record<string, unknown> & R>(fn, args, [...names, 'size_average', 'reduce', 'reduction'], { reduction: 'mean', ...defaults });

/** `max(0, −y·(x1 − x2) + margin)`. @example F.margin_ranking_loss(torch.randn(2), torch.randn(2), torch.ones(2)) */
export function margin_ranking_loss(input1: Tensor, input2: Tensor, target: Tensor, ...args: unknown[]): Tensor {
  const o = red('margin_ranking_loss', args, ['margin'], { margin: 0 });
  return reduce(target.neg().mul(input1.sub(input2)).add(o.margin as number).clamp({ min: 0 }), o.reduction);
}

/** x where y = 1, `max(0, margin − x)` where y = −1. @example F.hinge_embedding_loss(torch.randn(2), torch.ones(2)) */
export function hinge_embedding_loss(input: Tensor, target: Tensor, ...args: unknown[]): Tensor {
  const o = red('hinge_embedding_loss', args, ['margin'], { margin: 1 });
  const marginPart = where(target.ne(1), input.neg().add(o.margin as number).clamp({ min: 0 }), 0);
  const selfPart = where(target.ne(-1), input, 0);
  return reduce(marginPart.add(selfPart), o.reduction);
}

/** `1 − cos(x1, x2)` where y = 1, `max(0, cos − margin)` where y = −1 (cosine over the last dim). */
export function cosine_embedding_loss(input1: Tensor, input2: Tensor, target: Tensor, ...args: unknown[]): Tensor {
  const o = red('cosine_embedding_loss', args, ['margin'], { margin: 0 });
  const EPS = 1e-12, d = input1.ndim - 1;
  const prod = input1.mul(input2).sum(d);
  const m1 = input1.mul(input1).sum(d).add(EPS), m2 = input2.mul(input2).sum(d).add(EPS);
  const cos = prod.div(m1.mul(m2).sqrt());
  const pos = cos.neg().add(1), neg = cos.sub(o.margin as number).clamp({ min: 0 });
  return reduce(where(target.eq(1), pos, 0).add(where(target.eq(-1), neg, 0)), o.reduction);
}

/** `max(0, margin + d(a, p) − d(a, n))` with `pairwise_distance` (`swap` uses min(d(a, n), d(p, n))). */
export function triplet_margin_loss(anchor: Tensor, positive: Tensor, negative: Tensor, ...args: unknown[]): Tensor {
  const o = red('triplet_margin_loss', args, ['margin', 'p', 'eps', 'swap'], { margin: 1, p: 2, eps: 1e-6, swap: false });
  const opt = { p: o.p as number, eps: o.eps as number };
  const dap = pairwise_distance(anchor, positive, opt);
  let dan = pairwise_distance(anchor, negative, opt);
  if (o.swap) dan = dan.minimum(pairwise_distance(positive, negative, opt));
  return reduce(dap.sub(dan).add(o.margin as number).clamp({ min: 0 }), o.reduction);
}

/** Poisson negative log likelihood: `exp(x) − y·x` (log_input) or `x − y·log(x + eps)`, plus Stirling's term when `full`. */
export function poisson_nll_loss(input: Tensor, target: Tensor, ...args: unknown[]): Tensor {
  const o = red('poisson_nll_loss', args, ['log_input', 'full', 'eps'], { log_input: true, full: false, eps: 1e-8 });
  let loss = o.log_input ? input.exp().sub(target.mul(input)) : input.sub(target.mul(input.add(o.eps as number).log()));
  if (o.full) {
    const st = target.mul(target.log()).sub(target).add(target.mul(2 * Math.PI).log().mul(0.5));
    loss = loss.add(where(target.gt(1), st, 0));
  }
  return reduce(loss, o.reduction);
}

/** Gaussian negative log likelihood `½(log(var) + (x − y)²/var)` (var clamped at `eps` without gradient), `+ ½log(2π)` when `full`. */
export function gaussian_nll_loss(input: Tensor, target: Tensor, variance: Tensor, ...args: unknown[]): Tensor {
  const o = red('gaussian_nll_loss', args, ['full', 'eps'], { full: false, eps: 1e-6 });
  let v = variance;
  const same = (a: number[], b: number[]) => a.length === b.length && a.every((s, i) => s === b[i]);
  if (!same(v._shape, input._shape)) {
    if (same(input._shape.slice(0, -1), v._shape)) v = v.unsqueeze(-1);
    else if (!(same(input._shape.slice(0, -1), v._shape.slice(0, -1)) && v._shape[v.ndim - 1] === 1)) throw new ValueError('var is of incorrect size');
  }
  if (o.reduction !== 'none' && o.reduction !== 'mean' && o.reduction !== 'sum') throw new ValueError(`${String(o.reduction)} is not valid`);
  if (v.device.type === 'cpu' && withGradMode(false, () => v.lt(0).any().cpu_item())) throw new ValueError('var has negative entry/entries');
  // PyTorch clamps a clone under no_grad: the gradient still reaches var where it was not clamped
  const clamped = v.clamp({ min: o.eps as number });
  const vv = v.add(clamped.detach().sub(v.detach()));
  let loss = vv.log().add(input.sub(target).square().div(vv)).mul(0.5);
  if (o.full) loss = loss.add(0.5 * Math.log(2 * Math.PI));
  return reduce(loss, o.reduction);
}
