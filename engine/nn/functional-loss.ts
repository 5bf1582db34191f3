// torch.nn.functional losses, each with PyTorch's signature (positional or a trailing options
// object) and `reduction` ('mean' | 'sum' | 'none'). Written with public tensor ops.
import { IndexError, RuntimeError, ValueError } from '../errors';
import { warn } from '../warnings';
import { parseArgs } from '../args';
import { fused, grad, isGradEnabled, record, setGradEnabled, withGradMode } from '../autograd';
import { float32, int64, resultType, scalarTypeName, uint8 } from '../dtype';
import { arange } from '../ops/creation';
import { softplus as softplusOp, where } from '../ops/elementwise';
import type { Tensor } from '../tensor';
import { log_softmax } from './functional-activation';
import { sameShape } from '../size';

export type Reduction = 'none' | 'mean' | 'sum';

export interface LossOptions {
  reduction?: Reduction;
  size_average?: null;
  reduce?: null;
}

/** Reads a loss's arguments by PyTorch's names; rejects the deprecated size_average/reduce. */
function lossArgs<T extends object>(fn: string, args: unknown[], names: string[], defaults: Partial<T>): T & { reduction: Reduction } {
  const o = parseArgs<T & LossOptions>(fn, args, names, { reduction: 'mean', ...defaults } as Partial<T & LossOptions>);
  if (o.size_average != null || o.reduce != null)
    throw new RuntimeError(`${fn}(): size_average and reduce are deprecated in PyTorch and not supported in Torchlit; use reduction='mean' | 'sum' | 'none'`);
  return o as T & { reduction: Reduction };
}
const BASIC = ['size_average', 'reduce', 'reduction'];

function reduce(loss: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'none') return loss;
  if (reduction === 'sum') return loss.sum();
  if (reduction === 'mean') return loss.mean();
  throw new ValueError(`${String(reduction)} is not a valid value for reduction`);
}

/** PyTorch's check of a class weight's length (cross_entropy, nll_loss). */
function checkClassWeight(weight: Tensor | null, C: number): void {
  if (weight && weight.numel() !== C)
    throw new RuntimeError(`weight tensor should be defined either for all ${C} classes or no classes but got weight tensor of shape: [${[...weight.shape].join(', ')}]`);
}

function checkSameSize(input: Tensor, target: Tensor): void {
  if (!input.shape.equals(target.shape))
    warn(`Using a target size (${target.shape}) that is different to the input size (${input.shape}). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.`);
}

/** Mean squared error. @example const loss = F.mse_loss(model(x), y) */
export function mse_loss(input: Tensor, target: Tensor, opts?: LossOptions): Tensor;
export function mse_loss(input: Tensor, target: Tensor, ...args: unknown[]): Tensor;
export function mse_loss(input: Tensor, target: Tensor, ...args: unknown[]): Tensor {
  const o = lossArgs('mse_loss', args, BASIC, {});
  checkSameSize(input, target);
  // integer input and target: PyTorch's kernel has no integer form (reduction='sum' gave an integer loss)
  const dt = resultType([input, target]);
  if (!dt.is_floating_point) throw new RuntimeError(`"mse_cpu" not implemented for '${scalarTypeName(dt)}'`);
  // one node, as PyTorch's fused kernel: grad_fn MseLossBackward0
  if (!mseDirect(input, target)) return fused('MseLossBackward0', [input, target], (x, t) => reduce(x!.sub(t!).square(), o.reduction));
  return mseRecorded(input, target, o.reduction);
}

/**
 * Whether mse_loss records its node directly (mseRecorded) instead of through `fused`: the common
 * case (a gradient wanted, same shapes, two different tensors). Same values: mseRecorded's backward
 * runs the kernels that `fused` would run through the inner graph (SubBackward0 ← PowBackward0 ←
 * MeanBackward0/SumBackward0) in the same order, without building and walking that graph.
 */
function mseDirect(input: Tensor, target: Tensor): boolean {
  if (input === target || !isGradEnabled() || !(input.requires_grad || target.requires_grad)) return false;
  return input.dtype === target.dtype && sameShape(input._shape, target._shape);
}


function mseRecorded(input: Tensor, target: Tensor, reduction: Reduction): Tensor {
  let d: Tensor, out: Tensor;
  const was = isGradEnabled();
  setGradEnabled(false);
  try {
    d = input.sub(target);
    out = reduce(d.square(), reduction);
  } finally {
    setGradEnabled(was);
  }
  const diff = input.requires_grad ? (target.requires_grad ? [input, target] : [input]) : [target];
  const oshape = out._shape;
  return record(out, 'MseLossBackward0', diff, (g) => {
    // a double backward (create_graph) needs the graph of these ops on the real inputs, as `fused` builds it
    if (isGradEnabled()) return grad([withGradMode(true, () => reduce(input.sub(target).square(), reduction))], diff, [g], { create_graph: true, allow_unused: true });
    if (g.dtype !== d.dtype || !sameShape(g._shape, oshape)) {
      // a gradient of another dtype or shape goes through the inner graph as `fused` runs it (promotion, broadcasting, errors)
      const sx = input.requires_grad ? input.detach().requires_grad_(true) : input;
      const st = target.requires_grad ? target.detach().requires_grad_(true) : target;
      const inner = withGradMode(true, () => reduce(sx.sub(st).square(), reduction));
      return grad([inner], diff.map((t) => (t === input ? sx : st)), [g], { allow_unused: true });
    }
    // MeanBackward0: g/n over every element (a 0-d g/n broadcast gives the same values); SumBackward0: g
    const gm = reduction === 'mean' ? g.div(d.numel()) : g;
    const gx = gm.mul(d).mul(2); // PowBackward0 (square): g·x·2
    // SubBackward0: g to the input, −g to the target
    if (diff.length === 2) return [gx, gx.neg()];
    return [input.requires_grad ? gx : gx.neg()];
  });
}
/** Mean absolute error. */
export function l1_loss(input: Tensor, target: Tensor, opts?: LossOptions): Tensor;
export function l1_loss(input: Tensor, target: Tensor, ...args: unknown[]): Tensor;
export function l1_loss(input: Tensor, target: Tensor, ...args: unknown[]): Tensor {
  const o = lossArgs('l1_loss', args, BASIC, {});
  checkSameSize(input, target);
  return reduce(input.sub(target).abs(), o.reduction);
}

export interface SmoothL1Options extends LossOptions {
  beta?: number;
}
/**
 * Squared error below `beta` (default 1), absolute error above: 0.5·d²/beta where |d| < beta, else |d| − 0.5·beta.
 * @example F.smooth_l1_loss(model(x), y, {beta: 0.5})
 */
export function smooth_l1_loss(input: Tensor, target: Tensor, opts?: SmoothL1Options): Tensor;
export function smooth_l1_loss(input: Tensor, target: Tensor, ...args: unknown[]): Tensor;
export function smooth_l1_loss(input: Tensor, target: Tensor, ...args: unknown[]): Tensor {
  const o = lossArgs<{ beta: number }>('smooth_l1_loss', args, [...BASIC, 'beta'], { beta: 1 });
  if (o.beta < 0) throw new RuntimeError('smooth_l1_loss does not support negative values for beta.');
  checkSameSize(input, target);
  // one node, as PyTorch's fused kernel: grad_fn SmoothL1LossBackward0
  return fused('SmoothL1LossBackward0', [input, target], (x, t) => {
    const d = x!.sub(t!), ad = d.abs();
    return reduce(o.beta === 0 ? ad : where(ad.lt(o.beta), d.square().mul(0.5 / o.beta), ad.sub(0.5 * o.beta)), o.reduction);
  });
}

export interface HuberOptions extends LossOptions {
  delta?: number;
}
/** 0.5·d² where |d| < delta (default 1), else delta·(|d| − 0.5·delta). @example F.huber_loss(model(x), y, {delta: 2}) */
export function huber_loss(input: Tensor, target: Tensor, opts?: HuberOptions): Tensor;
export function huber_loss(input: Tensor, target: Tensor, ...args: unknown[]): Tensor;
export function huber_loss(input: Tensor, target: Tensor, ...args: unknown[]): Tensor {
  const o = lossArgs<{ delta: number }>('huber_loss', args, ['reduction', 'delta'], { delta: 1 });
  if (!(o.delta > 0)) throw new RuntimeError('huber_loss does not support non-positive values for delta.');
  checkSameSize(input, target);
  return fused('HuberLossBackward0', [input, target], (x, t) => {
    const d = x!.sub(t!), ad = d.abs();
    return reduce(where(ad.lt(o.delta), d.square().mul(0.5), ad.sub(0.5 * o.delta).mul(o.delta)), o.reduction);
  });
}

export interface KLDivOptions {
  reduction?: Reduction | 'batchmean';
  log_target?: boolean;
  size_average?: null;
  reduce?: null;
}
/**
 * Kullback–Leibler divergence of `target` from the log-probabilities `input`: target·(log target − input)
 * (0 where target is 0), or exp(target)·(target − input) with `log_target`. Use reduction 'batchmean' for the true KL.
 * @example F.kl_div(F.log_softmax(logits, 1), F.softmax(torch.randn(4, 5), 1), {reduction: 'batchmean'})
 */
export function kl_div(input: Tensor, target: Tensor, opts?: KLDivOptions): Tensor;
export function kl_div(input: Tensor, target: Tensor, ...args: unknown[]): Tensor;
export function kl_div(input: Tensor, target: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<Required<KLDivOptions>>('kl_div', args, ['size_average', 'reduce', 'reduction', 'log_target'], { reduction: 'mean', log_target: false });
  if (o.size_average != null || o.reduce != null)
    throw new RuntimeError("kl_div(): size_average and reduce are deprecated in PyTorch and not supported in Torchlit; use reduction='mean' | 'batchmean' | 'sum' | 'none'");
  let loss: Tensor;
  if (o.log_target) loss = target.exp().mul(target.sub(input));
  else {
    // xlogy(t, t) − t·input: 0·log 0 is 0, and the log never sees a 0 (its gradient would be NaN)
    const zero = target.eq(0);
    loss = where(zero, 0, target.mul(where(zero, 1, target).log())).sub(target.mul(input));
  }
  if (o.reduction === 'batchmean') return input.ndim === 0 ? loss.sum() : loss.sum().div(input._shape[0]);
  if (o.reduction === 'mean')
    warn("reduction: 'mean' divides the total loss by both the batch size and the support size.'batchmean' divides only by the batch size, and aligns with the KL div math definition.'mean' will be changed to behave the same as 'batchmean' in the next major release.");
  return reduce(loss, o.reduction);
}

export interface NLLOptions extends LossOptions {
  weight?: Tensor | null;
  ignore_index?: number;
}
const NLL_NAMES = ['weight', 'size_average', 'ignore_index', 'reduce', 'reduction'];

/** [..., C] float mask of class indices: elementwise ops only, so it runs on every backend. */
function classMask(target: Tensor, C: number, dtype: Tensor['dtype']): Tensor {
  return arange(C, { device: target.device }).eq(target.unsqueeze(-1)).to(dtype);
}

/** Moves the class dim (1) last: [N, C, d1, …] → [N, d1, …, C]. */
function classLast(x: Tensor): Tensor {
  if (x.ndim <= 2) return x;
  const dims = [0, ...x._shape.slice(2).map((_, i) => i + 2), 1];
  return x.permute(dims);
}

/**
 * Negative log likelihood of class-index targets, given log-probabilities [N, C], [C], or
 * [N, C, d1, …] with targets [N, d1, …] (the NLLLoss2d form for images).
 * @example F.nll_loss(F.log_softmax(logits, 1), target, {weight: torch.rand(5), ignore_index: 0})
 */
export function nll_loss(input: Tensor, target: Tensor, opts?: NLLOptions): Tensor;
export function nll_loss(input: Tensor, target: Tensor, ...args: unknown[]): Tensor;
export function nll_loss(input: Tensor, target: Tensor, ...args: unknown[]): Tensor {
  const o = lossArgs<{ weight: Tensor | null; ignore_index: number }>('nll_loss', args, NLL_NAMES, { weight: null, ignore_index: -100 });
  checkClassWeight(o.weight ?? null, input._shape[input.ndim === 1 ? 0 : 1]);
  return nllNode(input, target, o.weight ?? null, o.ignore_index, o.reduction);
}

/** nll as PyTorch's one node (NllLossBackward0; NllLoss2DBackward0 for [N, C, H, W]). */
function nllNode(input: Tensor, target: Tensor, weight: Tensor | null, ignore: number, reduction: Reduction): Tensor {
  return fused(input.ndim === 4 ? 'NllLoss2DBackward0' : 'NllLossBackward0', [input, weight], (x, w) => nll(x!, target, w ?? null, ignore, reduction));
}

/** PyTorch's `Target 5 is out of bounds.` (CPU: a WebGPU target would need a readback). */
function checkTargets(target: Tensor, C: number, ignore: number): void {
  if (target.device.type !== 'cpu') return;
  for (const v of target._cpuContiguous()) if ((v < 0 || v >= C) && v !== ignore) throw new IndexError(`Target ${v} is out of bounds.`);
}

/** ATen's target-shape checks (RuntimeErrors), after the batch-size check: nll_loss, nll_loss2d (4-D) and nll_loss_nd's. */
function checkTargetShape(input: Tensor, target: Tensor): void {
  const dims = (t: Tensor) => `[${t._shape.join(', ')}]`;
  if (input.ndim === 2 && target.ndim > 1) throw new RuntimeError('0D or 1D target tensor expected, multi-target not supported');
  if (input.ndim === 4) {
    if (target.ndim !== 3) throw new RuntimeError(`only batches of spatial targets supported (3D tensors) but got targets of dimension: ${target.ndim}`);
    if (target._shape[1] !== input._shape[2] || target._shape[2] !== input._shape[3]) throw new RuntimeError(`size mismatch (got input: ${dims(input)} , target: ${dims(target)}`);
  } else if (input.ndim > 2 && (target.ndim !== input.ndim - 1 || target._shape.some((d, i) => d !== input._shape[i === 0 ? 0 : i + 1])))
    throw new RuntimeError(`Expected target size [${[input._shape[0], ...input._shape.slice(2)].join(', ')}], got ${dims(target)}`);
}

function nll(input: Tensor, target: Tensor, weight: Tensor | null, ignore: number, reduction: Reduction): Tensor {
  if (input.ndim === 1) return nll(input.unsqueeze(0), target.unsqueeze(0), weight, ignore, reduction).squeeze(0);
  if (input.ndim === 0) throw new RuntimeError('input tensor should be 1D or 2D');
  // PyTorch's nll_loss takes int64 class indices (and, for old code, uint8); int32 targets are its error
  if (target.dtype !== int64 && target.dtype !== uint8) throw new RuntimeError(`expected scalar type Long but found ${scalarTypeName(target.dtype)}`);
  if (target.dtype === uint8) target = target.long();
  const C = input._shape[1];
  if (target._shape[0] !== input._shape[0])
    throw new ValueError(`Expected input batch_size (${input._shape[0]}) to match target batch_size (${target._shape[0]}).`);
  checkTargetShape(input, target);
  if (weight && weight.numel() !== C) throw new RuntimeError(`weight tensor should be defined either for all ${C} classes or no classes but got weight tensor of shape: [${weight._shape.join(', ')}]`);
  checkTargets(target, C, ignore);
  const valid = target.ne(ignore);
  const safeTarget = where(valid, target, 0);
  // gathered, not one-hot multiplied: a -inf (or inf) log-probability of another class would turn 0 * inf into NaN
  const logp = classLast(input).gather(-1, safeTarget.unsqueeze(-1)).squeeze(-1); // [N, d…]
  let w = valid.to(input.dtype);
  if (weight) w = w.mul(classMask(safeTarget, C, input.dtype).mul(weight).sum(-1));
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
export function cross_entropy(input: Tensor, target: Tensor, opts?: CrossEntropyOptions): Tensor;
export function cross_entropy(input: Tensor, target: Tensor, ...args: unknown[]): Tensor;
export function cross_entropy(input: Tensor, target: Tensor, ...args: unknown[]): Tensor {
  const o = lossArgs<{ weight: Tensor | null; ignore_index: number; label_smoothing: number }>('cross_entropy', args, [...NLL_NAMES, 'label_smoothing'],
    { weight: null, ignore_index: -100, label_smoothing: 0 });
  const { reduction, label_smoothing: ls, ignore_index } = o;
  const weight = o.weight ?? null;
  if (ls < 0 || ls > 1) throw new RuntimeError(`label_smoothing must be between 0.0 and 1.0. Got: ${ls}`);
  const classDim = input.ndim === 1 ? 0 : 1;
  const C = input._shape[classDim];
  checkClassWeight(weight, C);
  const logp = log_softmax(input, classDim);
  const wB = weight ? weight.reshape(input._shape.map((d, i) => (i === classDim ? d : 1))) : null;
  // a target of the input's shape means class probabilities in PyTorch, which must be floating (a one-hot int64 target)
  if (!target.dtype.is_floating_point && target.ndim === input.ndim && target.ndim > 0 && target.shape.equals(input.shape))
    throw new RuntimeError(`Expected floating point type for target with class probabilities, got ${scalarTypeName(target.dtype)}`);
  if (target.dtype.is_floating_point) {
    // class probabilities; PyTorch reads a float target of the index shape as a (wrongly typed) class-index target
    if (target.ndim === input.ndim - 1) throw new RuntimeError(`expected scalar type Long but found ${target.dtype === float32 ? 'Float' : 'Double'}`);
    if (!target.shape.equals(input.shape)) throw new ValueError(`Expected target size ${input.shape}, got ${target.shape}`);
    const t = ls > 0 ? target.mul(1 - ls).add(ls / C) : target;
    let prod = logp.mul(t);
    if (wB) prod = prod.mul(wB);
    const loss = prod.sum(classDim).neg();
    if (reduction === 'mean' && input.ndim > 1) {
      const mean = loss.sum().div(input.numel() / C);
      if (mean.grad_fn) mean.grad_fn._name = 'DivBackward1'; // PyTorch divides by a Scalar in C++
      return mean;
    }
    return reduce(loss, reduction);
  }
  const nllLoss = nllNode(logp, target, weight, ignore_index, reduction);
  if (ls <= 0) return nllLoss;
  let smooth = (wB ? logp.mul(wB) : logp).sum(classDim).neg();
  const valid = target.ne(ignore_index);
  smooth = smooth.mul(valid.to(smooth.dtype));
  let ret: Tensor;
  if (reduction === 'none') ret = smooth;
  else if (reduction === 'sum') ret = smooth.sum();
  else if (weight) {
    const wt = classMask(where(valid, target, 0), C, weight.dtype).mul(weight).sum(-1).mul(valid.to(weight.dtype));
    ret = smooth.sum().div(wt.sum());
  } else ret = smooth.sum().div(valid.sum());
  return nllLoss.mul(1 - ls).add(ret.mul(ls / C));
}

export interface BCEOptions extends LossOptions {
  weight?: Tensor | null;
}

/** Binary cross entropy of probabilities (log clamped at −100, as PyTorch); `weight` rescales each element. */
export function binary_cross_entropy(input: Tensor, target: Tensor, opts?: BCEOptions): Tensor;
export function binary_cross_entropy(input: Tensor, target: Tensor, ...args: unknown[]): Tensor;
export function binary_cross_entropy(input: Tensor, target: Tensor, ...args: unknown[]): Tensor {
  const o = lossArgs<{ weight: Tensor | null }>('binary_cross_entropy', args, ['weight', ...BASIC], { weight: null });
  if (!input.shape.equals(target.shape))
    throw new ValueError(`Using a target size (${target.shape}) that is different to the input size (${input.shape}) is deprecated. Please ensure they have the same size.`);
  checkBceInput(input, target);
  // one node, as PyTorch's fused kernel: grad_fn BinaryCrossEntropyBackward0 (also with weight and reduction)
  return fused('BinaryCrossEntropyBackward0', [input, target, o.weight], (x, t, w) => bce(x!, t!, w ?? null, o.reduction));
}

/**
 * PyTorch's checks before BCE: one dtype for input and target (a Long target from `torch.full([n], 1)` is
 * `Found dtype Long but expected Float`), and probabilities in [0, 1] (NaN too; read on the CPU only: a
 * WebGPU input would need a readback). Without them a sigmoid-less output or labels of 2 gave a number.
 */
function checkBceInput(input: Tensor, target: Tensor): void {
  if (target.dtype !== input.dtype) throw new RuntimeError(`Found dtype ${scalarTypeName(target.dtype)} but expected ${scalarTypeName(input.dtype)}`);
  if (input.device.type !== 'cpu') return;
  for (const v of input._cpuContiguous()) if (!(v >= 0 && v <= 1)) throw new RuntimeError('all elements of input should be between 0 and 1');
}

function bce(input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction): Tensor {
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
  if (weight) loss = loss.mul(weight);
  return reduce(loss, reduction);
}

export interface BCEWithLogitsOptions extends BCEOptions {
  pos_weight?: Tensor | null;
}

/** Sigmoid + binary cross entropy in one numerically stable step; `pos_weight` weighs positives. */
export function binary_cross_entropy_with_logits(input: Tensor, target: Tensor, opts?: BCEWithLogitsOptions): Tensor;
export function binary_cross_entropy_with_logits(input: Tensor, target: Tensor, ...args: unknown[]): Tensor;
export function binary_cross_entropy_with_logits(input: Tensor, target: Tensor, ...args: unknown[]): Tensor {
  const o = lossArgs<{ weight: Tensor | null; pos_weight: Tensor | null }>('binary_cross_entropy_with_logits', args, ['weight', ...BASIC, 'pos_weight'], { weight: null, pos_weight: null });
  if (!input.shape.equals(target.shape)) throw new ValueError(`Target size (${target.shape}) must be the same as input size (${input.shape})`);
  // PyTorch computes (1 - target) in the target's dtype and multiplies the input into it in place:
  // an integer or bool target (`torch.tensor([1, 0])`) is its error there (it was accepted here)
  if (target.dtype.name === 'bool') throw new RuntimeError('Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.');
  if (!target.dtype.is_floating_point) throw new RuntimeError(`result type ${scalarTypeName(input.dtype)} can't be cast to the desired output type ${scalarTypeName(target.dtype)}`);
  return fused('BinaryCrossEntropyWithLogitsBackward0', [input, target, o.weight, o.pos_weight], (x, t, w, pw) => bceWithLogits(x!, t!, w ?? null, pw ?? null, o.reduction));
}

function bceWithLogits(input: Tensor, target: Tensor, weight: Tensor | null, pos_weight: Tensor | null, reduction: Reduction): Tensor {
  const o = { weight, pos_weight, reduction };
  // softplus(−x) = log(1 + e^−x), computed stably; its gradient is −sigmoid(−x), as PyTorch's analytic one
  const softTerm = softplusOp(input.neg());
  let loss: Tensor;
  if (o.pos_weight) {
    const logWeight = o.pos_weight.sub(1).mul(target).add(1);
    loss = target.neg().add(1).mul(input).add(logWeight.mul(softTerm));
  } else loss = target.neg().add(1).mul(input).add(softTerm);
  if (o.weight) loss = loss.mul(o.weight);
  return reduce(loss, o.reduction);
}
