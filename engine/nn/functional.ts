// torch.nn.functional (`F`): activations, layers as functions, and losses with `reduction`.
// Everything here is written with public tensor ops, so autograd and every backend come free.
import { IndexError, RuntimeError, ValueError } from '../errors';
import { parseArgs } from '../args';
import { fused, record, withGradMode } from '../autograd';
import { float32, int64 } from '../dtype';
import { Tensor } from '../tensor';
import { maybeOp, op, torch } from './ops';

export type Reduction = 'none' | 'mean' | 'sum';
type IntPair = number | [number, number] | number[];

function rejectLegacy(fn: string, o: { size_average?: unknown; reduce?: unknown }): void {
  if (o.size_average != null || o.reduce != null)
    throw new RuntimeError(`${fn}(): size_average and reduce are deprecated in PyTorch and not supported in Torchlit; use reduction='mean' | 'sum' | 'none'`);
}

function reduce(loss: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'none') return loss;
  if (reduction === 'sum') return loss.sum();
  if (reduction === 'mean') return loss.mean();
  throw new ValueError(`${String(reduction)} is not a valid value for reduction`);
}

// ---- activations ---------------------------------------------------------------------------
/** max(0, x). @example F.relu(this.fc1(x)) */
export function relu(input: Tensor, _inplace?: boolean | { inplace?: boolean }): Tensor {
  return input.relu();
}
export function relu6(input: Tensor): Tensor {
  // PyTorch's hardtanh(0, 6): keeps -0 and NaN, and has no gradient at 0 and 6 (clamp has)
  return torch.where(input.lt(0), 0, torch.where(input.le(0), input.detach(), torch.where(input.ge(6), 6, input)));
}
export function tanh(input: Tensor): Tensor {
  return input.tanh();
}
export function sigmoid(input: Tensor): Tensor {
  return input.sigmoid();
}
/** GELU; `{approximate: 'tanh'}` for the tanh form. */
export function gelu(input: Tensor, opts: { approximate?: 'none' | 'tanh' } = {}): Tensor {
  return torch.gelu(input, opts);
}
export function silu(input: Tensor): Tensor {
  return torch.silu(input);
}
export function softplus(input: Tensor): Tensor {
  return torch.softplus(input);
}
/** x where x > 0, else negative_slope·x (default 0.01). */
export function leaky_relu(input: Tensor, ...args: unknown[]): Tensor {
  const { negative_slope } = parseArgs<{ negative_slope: number; inplace: boolean }>('leaky_relu', args, ['negative_slope', 'inplace'], { negative_slope: 0.01 });
  return torch.where(input.gt(0), input, input.mul(negative_slope));
}
function softmaxArgs(fn: string, args: unknown[]): { dim: number; dtype?: unknown } {
  const { dim, dtype } = parseArgs<{ dim: number | null; _stacklevel: number; dtype: unknown }>(fn, args, ['dim', '_stacklevel', 'dtype'], { dim: null });
  if (dim === null || dim === undefined) throw new RuntimeError(`${fn}(): dim is required in Torchlit (PyTorch's implicit dim choice is deprecated)`);
  return dtype == null ? { dim } : { dim, dtype };
}
/** Softmax over `dim` (computed in `dtype` when given). @example F.softmax(logits, 1) or F.softmax(logits, {dim: 1, dtype: torch.float64}) */
export function softmax(input: Tensor, ...args: unknown[]): Tensor {
  const { dim, dtype } = softmaxArgs('softmax', args);
  return op('softmax')(input, dim, { dtype });
}
/** log(softmax(x)) over `dim`, computed stably (in `dtype` when given). */
export function log_softmax(input: Tensor, ...args: unknown[]): Tensor {
  const { dim, dtype } = softmaxArgs('log_softmax', args);
  return op('log_softmax')(input, dim, { dtype });
}

// ---- layers as functions ---------------------------------------------------------------------
/** x·Wᵀ + b. @example F.linear(x, weight, bias) */
export function linear(input: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  const f = maybeOp('linear');
  if (f) return f(input, weight, bias ?? null);
  const mm = maybeOp('matmul');
  let out = mm ? mm(input, weight.t()) : input.unsqueeze(-2).mul(weight).sum(-1);
  if (bias) out = out.add(bias);
  return out;
}

const pair = (v: IntPair): [number, number] => (typeof v === 'number' ? [v, v] : [v[0], v[1] ?? v[0]]);

/** 'same' padding as explicit (left, right) amounts per spatial dim. */
function samePadding(kernel: number[], dilation: [number, number]): [number, number][] {
  return kernel.map((k, i) => {
    const total = dilation[i] * (k - 1);
    return [Math.floor(total / 2), total - Math.floor(total / 2)];
  });
}

/** 2-D convolution: `F.conv2d(input, weight, bias, stride, padding, dilation, groups)`; padding may be 'same' or 'valid'. */
export function conv2d(input: Tensor, weight: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ bias: Tensor | null; stride: IntPair; padding: IntPair | 'same' | 'valid'; dilation: IntPair; groups: number }>(
    'conv2d', args, ['bias', 'stride', 'padding', 'dilation', 'groups'], { bias: null, stride: 1, padding: 0, dilation: 1, groups: 1 });
  const dil = pair(o.dilation);
  let x = input;
  let padding: [number, number];
  if (o.padding === 'valid') padding = [0, 0];
  else if (o.padding === 'same') {
    if (pair(o.stride).some((s) => s !== 1)) throw new RuntimeError("padding='same' is not supported for strided convolutions");
    const p = samePadding([weight._shape[2], weight._shape[3]], dil);
    padding = [p[0][0], p[1][0]];
    // even kernels: PyTorch pads the extra row/column on the bottom/right
    if (p[0][1] !== p[0][0] || p[1][1] !== p[1][0]) x = pad(x, [0, p[1][1] - p[1][0], 0, p[0][1] - p[0][0]]);
  } else padding = pair(o.padding);
  return op('conv2d')(x, weight, o.bias ?? null, pair(o.stride), padding, dil, o.groups);
}

export function max_pool2d(input: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ kernel_size: IntPair; stride: IntPair | null; padding: IntPair; dilation: IntPair; ceil_mode: boolean; return_indices: boolean }>(
    'max_pool2d', args, ['kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode', 'return_indices'], { stride: null, padding: 0, dilation: 1, ceil_mode: false, return_indices: false });
  const k = pair(o.kernel_size);
  return op('max_pool2d')(input, k, o.stride == null || (Array.isArray(o.stride) && !o.stride.length) ? k : pair(o.stride), pair(o.padding), pair(o.dilation), o.ceil_mode, o.return_indices);
}
export function avg_pool2d(input: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ kernel_size: IntPair; stride: IntPair | null; padding: IntPair; ceil_mode: boolean; count_include_pad: boolean; divisor_override: number | null }>(
    'avg_pool2d', args, ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override'], { stride: null, padding: 0, ceil_mode: false, count_include_pad: true, divisor_override: null });
  const k = pair(o.kernel_size);
  return op('avg_pool2d')(input, k, o.stride == null ? k : pair(o.stride), pair(o.padding), o.ceil_mode, o.count_include_pad, o.divisor_override);
}
export function adaptive_avg_pool2d(input: Tensor, output_size: number | (number | null)[]): Tensor {
  const hw = input._shape.slice(-2);
  const os = typeof output_size === 'number' ? [output_size, output_size] : output_size.map((v, i) => v ?? hw[i]);
  return op('adaptive_avg_pool2d')(input, os);
}

/** Zeroes elements with probability p and scales the rest by 1/(1−p), in training only. */
export function dropout(input: Tensor, ...args: unknown[]): Tensor {
  const { p, training } = parseArgs<{ p: number; training: boolean; inplace: boolean }>('dropout', args, ['p', 'training', 'inplace'], { p: 0.5, training: true });
  if (p < 0 || p > 1) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${p}`);
  if (!training || p === 0) return input;
  if (p === 1) return input.mul(0);
  const keepMask = torch.rand(input._shape, { device: input.device, dtype: input.dtype }).ge(p).to(input.dtype);
  return input.mul(keepMask).div(1 - p);
}

/** One-hot encoding of int64 class indices (int64 result). */
export function one_hot(input: Tensor, ...args: unknown[]): Tensor {
  const { num_classes } = parseArgs<{ num_classes: number }>('one_hot', args, ['num_classes'], { num_classes: -1 });
  const f = maybeOp('one_hot');
  if (f) return f(input, num_classes);
  if (input.dtype !== int64) throw new RuntimeError('one_hot is only applicable to index tensor.');
  const n = num_classes >= 0 ? num_classes : (input.numel() ? Number(input.max().cpu_item()) + 1 : 0);
  return torch.arange(n, { device: input.device }).eq(input.unsqueeze(-1)).to(int64);
}

/** Pads the last dims: `pad` lists (left, right) for the last dim, then the one before, … */
export function pad(input: Tensor, ...args: unknown[]): Tensor {
  return op('pad')(input, ...args);
}

/** Flattens dims start_dim..end_dim. */
export function flatten(input: Tensor, start_dim = 0, end_dim = -1): Tensor {
  return input.flatten(start_dim, end_dim);
}

/** Rows of `weight` picked by the indices in `input`. */
export function embedding(input: Tensor, weight: Tensor, ...args: unknown[]): Tensor {
  const { padding_idx, max_norm } = parseArgs<{ padding_idx: number | null; max_norm: number | null }>('embedding', args, ['padding_idx', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'sparse'], { padding_idx: null, max_norm: null });
  if (max_norm != null) throw new RuntimeError('F.embedding: max_norm is not supported in Torchlit');
  const pidx = padding_idx != null && padding_idx < 0 ? padding_idx + weight._shape[0] : padding_idx;
  const f = maybeOp('embedding');
  if (f) return f(input, weight, pidx);
  const oh = one_hot(input, weight._shape[0]).to(weight.dtype);
  if (pidx == null) return oh.unsqueeze(-1).mul(weight).sum(-2);
  const isPad = input.eq(pidx).to(weight.dtype).unsqueeze(-1);
  const ohTrain = oh.mul(isPad.neg().add(1));
  return ohTrain.unsqueeze(-1).mul(weight).sum(-2).add(oh.mul(isPad).unsqueeze(-1).mul(weight.detach()).sum(-2));
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
  let mean: Tensor, varB: Tensor;
  if (training) {
    const n = input.numel() / C;
    if (n <= 1) throw new ValueError(`Expected more than 1 value per channel when training, got input size ${input.shape}`);
    mean = input.mean(dims, { keepdim: true });
    varB = input.sub(mean).square().mean(dims, { keepdim: true });
    if (running_mean && running_var) {
      const m = momentum ?? 0.1;
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
  } else {
    if (!running_mean || !running_var) throw new RuntimeError('batch_norm: running_mean and running_var are needed in eval mode');
    mean = running_mean.reshape(bshape);
    varB = running_var.reshape(bshape);
  }
  let out = input.sub(mean).div(varB.add(eps).sqrt());
  if (weight) out = out.mul(weight.reshape(bshape));
  if (bias) out = out.add(bias.reshape(bshape));
  return out;
}

// ---- losses ------------------------------------------------------------------------------------
export interface LossOptions {
  reduction?: Reduction;
  size_average?: null;
  reduce?: null;
}

function checkSameSize(fn: string, input: Tensor, target: Tensor): void {
  if (!input.shape.equals(target.shape))
    console.warn(`Using a target size (${target.shape}) that is different to the input size (${input.shape}). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.`);
  void fn;
}

/** Mean squared error. @example const loss = F.mse_loss(t_p, t_c) */
export function mse_loss(input: Tensor, target: Tensor, opts: LossOptions = {}): Tensor {
  rejectLegacy('mse_loss', opts);
  checkSameSize('mse_loss', input, target);
  const reduction = opts.reduction ?? 'mean';
  return fused('MseLossBackward0', [input, target], (x, t) => reduce(x!.sub(t!).square(), reduction));
}
/** Mean absolute error. */
export function l1_loss(input: Tensor, target: Tensor, opts: LossOptions = {}): Tensor {
  rejectLegacy('l1_loss', opts);
  checkSameSize('l1_loss', input, target);
  return reduce(input.sub(target).abs(), opts.reduction ?? 'mean');
}

export interface NLLOptions extends LossOptions {
  weight?: Tensor | null;
  ignore_index?: number;
}

/** [..., C] float mask of class indices: elementwise ops only, so it runs on every backend. */
function classMask(target: Tensor, C: number, dtype: Tensor['dtype']): Tensor {
  return torch.arange(C, { device: target.device }).eq(target.unsqueeze(-1)).to(dtype);
}

/** Moves the class dim (1) last: [N, C, d1, …] → [N, d1, …, C]. */
function classLast(x: Tensor): Tensor {
  if (x.ndim <= 2) return x;
  const dims = [0, ...x._shape.slice(2).map((_, i) => i + 2), 1];
  return x.permute(dims);
}

/** PyTorch's `Target 5 is out of bounds.` (CPU: a WebGPU target would need a readback). */
function checkTargets(target: Tensor, C: number, ignore: number): void {
  if (target.device.type !== 'cpu') return;
  for (const v of target._cpuContiguous()) if ((v < 0 || v >= C) && v !== ignore) throw new IndexError(`Target ${v} is out of bounds.`);
}

/** Negative log likelihood of class-index targets, given log-probabilities [N, C] (or [N, C, d…], or [C]). */
export function nll_loss(input: Tensor, target: Tensor, opts: NLLOptions = {}): Tensor {
  rejectLegacy('nll_loss', opts);
  // one node, as PyTorch's fused kernel (NllLoss2DBackward0 for [N, C, H, W])
  return fused(input.ndim === 4 ? 'NllLoss2DBackward0' : 'NllLossBackward0', [input, opts.weight], (x, w) => nllLoss(x!, target, { ...opts, weight: w }));
}

function nllLoss(input: Tensor, target: Tensor, opts: NLLOptions): Tensor {
  const reduction = opts.reduction ?? 'mean';
  const ignore = opts.ignore_index ?? -100;
  const weight = opts.weight ?? null;
  if (input.ndim === 1) return nllLoss(input.unsqueeze(0), target.unsqueeze(0), { ...opts, reduction: reduction === 'none' ? 'none' : reduction }).squeeze(0);
  if (target.dtype.is_floating_point) throw new RuntimeError(`expected scalar type Long but found ${target.dtype === float32 ? 'Float' : 'Double'}`);
  const C = input._shape[1];
  if (target._shape[0] !== input._shape[0])
    throw new ValueError(`Expected input batch_size (${input._shape[0]}) to match target batch_size (${target._shape[0]}).`);
  checkTargets(target, C, ignore);
  const valid = target.ne(ignore);
  const safeTarget = torch.where(valid, target, 0);
  const oh = classMask(safeTarget, C, input.dtype); // [N, d…, C]
  // gathered, not one-hot multiplied: a -inf (or inf) log-probability of another class would turn 0 * inf into NaN
  const logp = classLast(input).gather(-1, safeTarget.unsqueeze(-1)).squeeze(-1); // [N, d…]
  let w = valid.to(input.dtype);
  if (weight) w = w.mul(oh.mul(weight).sum(-1));
  const loss = logp.mul(w).neg();
  if (reduction === 'none') return loss;
  if (reduction === 'sum') return loss.sum();
  if (reduction === 'mean') return loss.sum().div(w.sum());
  throw new ValueError(`${String(reduction)} is not a valid value for reduction`);
}

export interface CrossEntropyOptions extends NLLOptions {
  label_smoothing?: number;
}

/**
 * Cross entropy of logits [N, C] (or [N, C, d…]) against class indices (int64) or class probabilities.
 * @example F.cross_entropy(model(x), y, {label_smoothing: 0.1})
 */
export function cross_entropy(input: Tensor, target: Tensor, opts: CrossEntropyOptions = {}): Tensor {
  rejectLegacy('cross_entropy', opts);
  const reduction = opts.reduction ?? 'mean';
  const ls = opts.label_smoothing ?? 0;
  const weight = opts.weight ?? null;
  const classDim = input.ndim === 1 ? 0 : 1;
  const C = input._shape[classDim];
  const logp = log_softmax(input, classDim);
  const wB = weight ? weight.reshape(input._shape.map((d, i) => (i === classDim ? d : 1))) : null;
  if (target.dtype.is_floating_point) {
    // class probabilities
    // PyTorch reads a float target of the index shape as a (wrongly typed) class-index target
    if (target.ndim === input.ndim - 1) throw new RuntimeError(`expected scalar type Long but found ${target.dtype === float32 ? 'Float' : 'Double'}`);
    if (!target.shape.equals(input.shape)) throw new ValueError(`Expected target size ${input.shape}, got ${target.shape}`);
    const t = ls > 0 ? target.mul(1 - ls).add(ls / C) : target;
    let prod = logp.mul(t);
    if (wB) prod = prod.mul(wB);
    const loss = prod.sum(classDim).neg();
    if (reduction === 'mean') return input.ndim === 1 ? loss : loss.sum().div(input.numel() / C);
    return reduce(loss, reduction);
  }
  const nll = nll_loss(logp, target, { weight, ignore_index: opts.ignore_index, reduction });
  if (ls <= 0) return nll;
  let smooth = (wB ? logp.mul(wB) : logp).sum(classDim).neg();
  const valid = target.ne(opts.ignore_index ?? -100);
  smooth = smooth.mul(valid.to(smooth.dtype));
  let ret: Tensor;
  if (reduction === 'none') ret = smooth;
  else if (reduction === 'sum') ret = smooth.sum();
  else if (weight) {
    const wt = classMask(torch.where(valid, target, 0), C, weight.dtype).mul(weight).sum(-1).mul(valid.to(weight.dtype));
    ret = smooth.sum().div(wt.sum());
  } else ret = smooth.sum().div(valid.sum());
  return nll.mul(1 - ls).add(ret.mul(ls / C));
}

export interface BCEOptions extends LossOptions {
  weight?: Tensor | null;
}

/** Binary cross entropy of probabilities (log clamped at −100, as PyTorch). */
export function binary_cross_entropy(input: Tensor, target: Tensor, opts: BCEOptions = {}): Tensor {
  rejectLegacy('binary_cross_entropy', opts);
  if (!input.shape.equals(target.shape))
    throw new ValueError(`Using a target size (${target.shape}) that is different to the input size (${input.shape}) is deprecated. Please ensure they have the same size.`);
  const logx = input.log().clamp(-100, null);
  const log1mx = input.neg().add(1).log().clamp(-100, null);
  // PyTorch's order: (t - 1) log(1 - x) - t log(x) (gives +0, not -0, for x = t = 0), and its
  // gradients: (x - t) / max((1 - x) x, 1e-12) (finite where the logs were clamped) and
  // log(1 - x) - log(x) for the target
  let loss = withGradMode(false, () => target.sub(1).mul(log1mx).sub(target.mul(logx)));
  loss = record(loss, 'BinaryCrossEntropyBackward0', [input, target], (g) => {
    const x = input.detach(), t = target.detach();
    return [g.mul(x.sub(t)).div(x.neg().add(1).mul(x).clamp(1e-12, null)), g.mul(x.neg().add(1).log().sub(x.log()))];
  });
  if (opts.weight) loss = loss.mul(opts.weight);
  return reduce(loss, opts.reduction ?? 'mean');
}

export interface BCEWithLogitsOptions extends BCEOptions {
  pos_weight?: Tensor | null;
}

/** Sigmoid + binary cross entropy in one numerically stable step; `pos_weight` weighs positives. */
export function binary_cross_entropy_with_logits(input: Tensor, target: Tensor, opts: BCEWithLogitsOptions = {}): Tensor {
  rejectLegacy('binary_cross_entropy_with_logits', opts);
  if (!input.shape.equals(target.shape)) throw new ValueError(`Target size (${target.shape}) must be the same as input size (${input.shape})`);
  return fused('BinaryCrossEntropyWithLogitsBackward0', [input, target, opts.weight, opts.pos_weight], (x, t, w, pw) =>
    bceWithLogits(x!, t!, { ...opts, weight: w, pos_weight: pw }));
}

function bceWithLogits(input: Tensor, target: Tensor, opts: BCEWithLogitsOptions): Tensor {
  // softplus(−x) = log(1 + e^−x), computed stably; its gradient is −sigmoid(−x), as PyTorch's analytic one
  const softTerm = torch.softplus(input.neg());
  let loss: Tensor;
  if (opts.pos_weight) {
    const logWeight = opts.pos_weight.sub(1).mul(target).add(1);
    loss = target.neg().add(1).mul(input).add(logWeight.mul(softTerm));
  } else loss = target.neg().add(1).mul(input).add(softTerm);
  if (opts.weight) loss = loss.mul(opts.weight);
  return reduce(loss, opts.reduction ?? 'mean');
}

// ---- PyTorch functions Torchlit lacks --------------------------------------------------------------
import { unsupported } from './unsupported';
export const conv1d = unsupported('torch.nn.functional.conv1d');
export const conv_transpose2d = unsupported('torch.nn.functional.conv_transpose2d');
export const layer_norm = unsupported('torch.nn.functional.layer_norm');
export const group_norm = unsupported('torch.nn.functional.group_norm');
export const interpolate = unsupported('torch.nn.functional.interpolate');
export const grid_sample = unsupported('torch.nn.functional.grid_sample');
export const kl_div = unsupported('torch.nn.functional.kl_div');
export const smooth_l1_loss = unsupported('torch.nn.functional.smooth_l1_loss');
export const huber_loss = unsupported('torch.nn.functional.huber_loss');
export const scaled_dot_product_attention = unsupported('torch.nn.functional.scaled_dot_product_attention');
