// The margin / embedding losses (margin_ranking, hinge_embedding, cosine_embedding, triplet_margin)
// and the Poisson / Gaussian negative log-likelihoods, with `reduction`, composed of public tensor
// ops (every backend, autograd free).
import { RuntimeError, ValueError } from '../errors';
import { parseArgs } from '../args';
import { withGradMode } from '../autograd';
import { where } from '../ops/elementwise';
import type { Tensor } from '../tensor';
import { pairwise_distance } from './functional-distance';
import type { Reduction } from './functional';

function reduce(loss: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'mean') return loss.mean();
  if (reduction === 'sum') return loss.sum();
  if (reduction === 'none') return loss;
  throw new ValueError(`${String(reduction)} is not a valid value for reduction`);
}

type R = { reduction: Reduction };
/** A loss's arguments; the deprecated size_average/reduce are rejected (they were accepted and ignored: a silent 'mean'). */
function red(fn: string, args: unknown[], names: string[], defaults: Record<string, unknown>) {
  const o = parseArgs<Record<string, unknown> & R>(fn, args, [...names, 'size_average', 'reduce', 'reduction'], { reduction: 'mean', ...defaults });
  if (o.size_average != null || o.reduce != null)
    throw new RuntimeError(`${fn}(): size_average and reduce are deprecated in PyTorch and not supported in Torchlit; use reduction='mean' | 'sum' | 'none'`);
  return o;
}

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
