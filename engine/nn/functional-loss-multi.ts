// The multi-class / multi-label margin losses (multi_margin_loss, multilabel_margin_loss,
// multilabel_soft_margin_loss), soft_margin_loss and triplet_margin_with_distance_loss, with
// `reduction`, composed of public tensor ops (every backend, autograd free); `fused` gives the
// ATen losses PyTorch's one-node grad_fn names. The hinge is `relu` (no gradient at the kink, as ATen's `z > 0`).
import { parseArgs } from '../args';
import { fused } from '../autograd';
import { RuntimeError, ValueError } from '../errors';
import { arange } from '../ops/creation';
import { int64 } from '../dtype';
import { where } from '../ops/elementwise';
import type { Tensor } from '../tensor';
import { pairwise_distance } from './functional-distance';
import { logsigmoid } from './functional-activation';
import type { Reduction } from './functional';

function reduce(loss: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'mean') return loss.mean();
  if (reduction === 'sum') return loss.sum();
  if (reduction === 'none') return loss;
  throw new ValueError(`${String(reduction)} is not a valid value for reduction`);
}
/** A loss's arguments by PyTorch's names; the deprecated size_average/reduce are rejected (the house rule, functional-loss.ts). */
function red<T>(fn: string, args: unknown[], names: string[], defaults: Record<string, unknown>) {
  const o = parseArgs<T & { reduction: Reduction; size_average?: boolean | null; reduce?: boolean | null }>(fn, args, [...names, 'size_average', 'reduce', 'reduction'], { reduction: 'mean', ...defaults } as never);
  if (o.size_average != null || o.reduce != null)
    throw new RuntimeError(`${fn}(): size_average and reduce are deprecated in PyTorch and not supported in Torchlit; use reduction='mean' | 'sum' | 'none'`);
  return o;
}
const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((s, i) => s === b[i]);

/**
 * Two-class logistic loss `log(1 + exp(−y·x))`, y ∈ {−1, 1}.
 * @example F.soft_margin_loss(torch.randn(3), torch.tensor([1.0, -1.0, 1.0]))
 */
export function soft_margin_loss(input: Tensor, target: Tensor, ...args: unknown[]): Tensor {
  const o = red<object>('soft_margin_loss', args, [], {});
  if (o.reduction !== 'none' && o.reduction !== 'mean' && o.reduction !== 'sum') throw new ValueError(`${String(o.reduction)} is not a valid value for reduction`);
  return fused('SoftMarginLossBackward0', [input, target], (x, y) => reduce(x!.neg().mul(y!).exp().log1p(), o.reduction));
}

/**
 * Multi-label one-versus-all loss from logits: the mean over classes of the binary cross-entropies (optional class `weight`).
 * @example F.multilabel_soft_margin_loss(torch.randn(2, 3), torch.tensor([[1.0, 0, 1], [0, 1, 0]]))
 */
export function multilabel_soft_margin_loss(input: Tensor, target: Tensor, ...args: unknown[]): Tensor {
  const o = red<{ weight: Tensor | null }>('multilabel_soft_margin_loss', args, ['weight'], { weight: null });
  let loss = target.mul(logsigmoid(input)).add(target.neg().add(1).mul(logsigmoid(input.neg()))).neg();
  if (o.weight) loss = loss.mul(o.weight);
  const classDim = input.ndim - 1;
  loss = loss.sum(classDim).div(input._shape[classDim]);
  if (o.reduction === 'none') return loss;
  if (o.reduction === 'mean') return loss.mean();
  if (o.reduction === 'sum') return loss.sum();
  throw new ValueError(`${String(o.reduction)} is not a valid value for reduction`);
}

/** [N, C] (or [C]) input and [N] (or scalar / [1]) int64 target, as ATen's multi_margin_loss_shape_check. */
function marginShapes(input: Tensor, target: Tensor): { x: Tensor; y: Tensor; N: number; C: number; unbatched: boolean } {
  if (!(input.ndim <= 2 && input.numel() > 0) || (input.ndim === 2 && input._shape[1] === 0))
    throw new RuntimeError(`Expected non-empty vector or matrix with optional 0-dim batch size, but got: [${input._shape.join(', ')}]`);
  const unbatched = input.ndim <= 1;
  const N = unbatched ? 1 : input._shape[0], C = unbatched ? input.numel() : input._shape[1];
  if (!(target.ndim <= 1 && target.numel() === N)) throw new RuntimeError(`inconsistent target size, got: [${target._shape.join(', ')}]`);
  return { x: input.reshape([N, C]), y: target.reshape([N]), N, C, unbatched };
}
function checkClassRange(target: Tensor, lo: number, C: number, msg: string): void {
  if (target.device.type !== 'cpu' || target.numel() === 0) return;
  const t = target.cpu_data() as ArrayLike<number | bigint>;
  for (let i = 0; i < t.length; i++) if (Number(t[i]) < lo || Number(t[i]) >= C) throw new RuntimeError(msg);
}

/**
 * Multi-class hinge loss: Σ_{i≠y} max(0, margin − x[y] + x[i])^p / C, p ∈ {1, 2}, optional class `weight` (scales by weight[y]).
 * @example F.multi_margin_loss(torch.randn(3, 4), torch.tensor([0, 3, 1]))
 */
export function multi_margin_loss(input: Tensor, target: Tensor, ...args: unknown[]): Tensor {
  const o = red<{ p: number; margin: number; weight: Tensor | null }>('multi_margin_loss', args, ['p', 'margin', 'weight'], { p: 1, margin: 1, weight: null });
  if (o.p !== 1 && o.p !== 2) throw new ValueError('only p == 1 and p == 2 supported');
  if (o.weight && o.weight.ndim !== 1) throw new ValueError('weight must be one-dimensional');
  const { x, y, C, unbatched } = marginShapes(input, target);
  checkClassRange(y, 0, C, 'target out of range');
  if (o.reduction !== 'none' && o.reduction !== 'mean' && o.reduction !== 'sum') throw new ValueError(`${String(o.reduction)} is not a valid value for reduction`);
  const others = arange(C, { device: input.device }).unsqueeze(0).ne(y.unsqueeze(1));
  return fused('MultiMarginLossBackward0', [input, o.weight], (inp, w) => {
    const xx = inp!.reshape(x._shape);
    const xy = xx.gather(1, y.unsqueeze(1));
    let z = xx.sub(xy).add(o.margin).relu();
    if (o.p === 2) z = z.square();
    if (w) z = z.mul(w.gather(0, y).unsqueeze(1));
    let loss = where(others, z, 0).sum(1).div(C);
    if (unbatched && o.reduction === 'none') loss = loss.reshape(target.ndim === 0 ? [] : [1]);
    return reduce(loss, o.reduction);
  });
}

/**
 * Multi-label hinge loss: for each class index j in target (read up to the first −1) and each class i
 * not in it, max(0, 1 − (x[j] − x[i])), summed and divided by C.
 * @example F.multilabel_margin_loss(torch.tensor([[0.1, 0.2, 0.4, 0.8]]), torch.tensor([[3, 0, -1, 1]])) // tensor(0.8500)
 */
export function multilabel_margin_loss(input: Tensor, target: Tensor, ...args: unknown[]): Tensor {
  const o = red<object>('multilabel_margin_loss', args, [], {});
  if (!(input.ndim <= 2 && input.numel() > 0)) throw new RuntimeError(`Expected non-empty vector or matrix with optional 0-dim batch size, but got: [${input._shape.join(', ')}]`);
  const unbatched = input.ndim <= 1;
  const C = unbatched ? input.numel() : input._shape[1], N = unbatched ? 1 : input._shape[0];
  if (!sameShape(target._shape, input._shape) && !(unbatched && target.numel() === C && target.ndim <= 1))
    throw new RuntimeError(`inconsistent size [${target._shape.join(', ')}] for argument #2 'target'`);
  checkClassRange(target, -1, C, "argument #2 'target' is out of range");
  if (o.reduction !== 'none' && o.reduction !== 'mean' && o.reduction !== 'sum') throw new ValueError(`${String(o.reduction)} is not a valid value for reduction`);
  const t = target.reshape([N, C]).to(int64);
  // valid[n, j]: j comes before the first −1 of row n
  const valid = t.eq(-1).float().cumsum(1).eq(0);
  const tc = t.clamp({ min: 0 });
  const isTarget = tc.unsqueeze(2).eq(arange(C, { device: input.device })).logical_and(valid.unsqueeze(2)).any(1); // [N, C]
  const pairMask = valid.unsqueeze(2).logical_and(isTarget.logical_not().unsqueeze(1)); // [N, j, i]
  return fused('MultilabelMarginLossBackward0', [input], (inp) => {
    const xx = inp!.reshape([N, C]);
    const xj = xx.gather(1, tc).unsqueeze(2); // [N, j, 1]
    const z = xx.unsqueeze(1).sub(xj).add(1).relu(); // [N, j, i]
    let loss = where(pairMask, z, 0).sum([1, 2]).div(C);
    if (unbatched) loss = loss.reshape([]);
    return reduce(loss, o.reduction);
  });
}

/**
 * Triplet loss with any distance: `max(0, margin + d(a, p) − d(a, n))`, `d` defaulting to `pairwise_distance`
 * (`swap` uses min(d(a, n), d(p, n))). All options are keywords, as in PyTorch.
 * @example const [a, p, n] = [torch.randn(2, 4), torch.randn(2, 4), torch.randn(2, 4)]; F.triplet_margin_with_distance_loss(a, p, n, {distance_function: (x, y) => F.pairwise_distance(x, y, 1), margin: 0.5}).shape // torch.Size([])
 */
export function triplet_margin_with_distance_loss(anchor: Tensor, positive: Tensor, negative: Tensor, ...args: unknown[]): Tensor {
  if (args.length > 1 || (args.length === 1 && (args[0] === null || typeof args[0] !== 'object' || 'shape' in (args[0] as object))))
    throw new TypeError(`triplet_margin_with_distance_loss() takes 3 positional arguments but ${3 + args.length} were given`);
  const o = parseArgs<{ distance_function: ((a: Tensor, b: Tensor) => Tensor) | null; margin: number; swap: boolean; reduction: Reduction }>(
    'triplet_margin_with_distance_loss', args, ['distance_function', 'margin', 'swap', 'reduction'], { distance_function: null, margin: 1, swap: false, reduction: 'mean' });
  if (o.margin <= 0) throw new ValueError(`TripletMarginWithDistanceLoss: expected margin to be greater than 0, got ${o.margin} instead`);
  if (!(anchor.ndim === positive.ndim && positive.ndim === negative.ndim))
    throw new RuntimeError(`The anchor, positive, and negative tensors are expected to have the same number of dimensions, but got: anchor ${anchor.ndim}D, positive ${positive.ndim}D, and negative ${negative.ndim}D inputs`);
  const d = o.distance_function ?? ((a: Tensor, b: Tensor) => pairwise_distance(a, b));
  const dpos = d(anchor, positive);
  let dneg = d(anchor, negative);
  if (o.swap) dneg = dneg.minimum(d(positive, negative));
  const loss = dpos.sub(dneg).add(o.margin).clamp({ min: 0 });
  return reduce(loss, o.reduction);
}
