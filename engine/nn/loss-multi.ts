// SoftMarginLoss, MultiLabelSoftMarginLoss, MultiMarginLoss, MultiLabelMarginLoss and
// TripletMarginWithDistanceLoss, each wrapping its F function. Class weights are buffers (in
// state_dict when given), as PyTorch's _WeightedLoss; reprs are PyTorch's (no extra_repr).
import { parseArgs } from '../args';
import { RuntimeError } from '../errors';
import type { Tensor } from '../tensor';
import { PairwiseDistance } from './distance';
import type { Reduction } from './functional';
import { multi_margin_loss, multilabel_margin_loss, multilabel_soft_margin_loss, soft_margin_loss, triplet_margin_with_distance_loss } from './functional-loss-multi';
import { Module } from './module';

type LossKw = { reduction?: Reduction };
function lossArgs<T>(name: string, args: unknown[], names: string[], defaults: Record<string, unknown>) {
  const o = parseArgs<T & { reduction: Reduction; size_average?: boolean | null; reduce?: boolean | null }>(name, args, names, { reduction: 'mean', ...defaults } as never);
  if (o.size_average != null || o.reduce != null)
    throw new RuntimeError(`${name}: size_average and reduce are deprecated in PyTorch and not supported in Torchlit; use reduction='mean' | 'sum' | 'none'`);
  return o;
}

/** Two-class logistic loss `log(1 + exp(−y·x))`. @example nn.SoftMarginLoss()(torch.randn(3), torch.tensor([1.0, -1.0, 1.0])) */
export class SoftMarginLoss extends Module {
  reduction: Reduction;
  constructor(opts?: LossKw);
  constructor(...args: unknown[]) {
    super();
    this.reduction = lossArgs<object>('SoftMarginLoss', args, ['size_average', 'reduce', 'reduction'], {}).reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor { return soft_margin_loss(input, target, { reduction: this.reduction }); }
}
/** Multi-label one-versus-all loss from logits (optional class `weight`). @example nn.MultiLabelSoftMarginLoss()(torch.randn(2, 3), torch.tensor([[1.0, 0, 1], [0, 1, 0]])) */
export class MultiLabelSoftMarginLoss extends Module {
  reduction: Reduction;
  declare weight: Tensor | null;
  constructor(weight?: Tensor | null | (LossKw & { weight?: Tensor | null }), opts?: LossKw);
  constructor(...args: unknown[]) {
    super();
    const o = lossArgs<{ weight: Tensor | null }>('MultiLabelSoftMarginLoss', args, ['weight', 'size_average', 'reduce', 'reduction'], { weight: null });
    this.register_buffer('weight', o.weight ?? null);
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor { return multilabel_soft_margin_loss(input, target, { weight: this.weight, reduction: this.reduction }); }
}
/** Multi-class hinge loss (p = 1 or 2, margin, optional class `weight`). @example nn.MultiMarginLoss()(torch.randn(3, 4), torch.tensor([0, 3, 1])) */
export class MultiMarginLoss extends Module {
  p: number;
  margin: number;
  reduction: Reduction;
  declare weight: Tensor | null;
  constructor(p?: number | (LossKw & { p?: number; margin?: number; weight?: Tensor | null }), margin?: number, weight?: Tensor | null, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const o = lossArgs<{ p: number; margin: number; weight: Tensor | null }>('MultiMarginLoss', args, ['p', 'margin', 'weight', 'size_average', 'reduce', 'reduction'], { p: 1, margin: 1, weight: null });
    if (o.p !== 1 && o.p !== 2) throw new Error('only p == 1 and p == 2 supported');
    if (o.weight != null && o.weight.ndim !== 1) throw new Error('weight must be one-dimensional');
    this.register_buffer('weight', o.weight ?? null);
    this.p = o.p;
    this.margin = o.margin;
    this.reduction = o.reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor { return multi_margin_loss(input, target, { p: this.p, margin: this.margin, weight: this.weight, reduction: this.reduction }); }
}
/** Multi-label hinge loss over class indices (each row's list ends at the first −1). @example nn.MultiLabelMarginLoss()(torch.tensor([[0.1, 0.2, 0.4, 0.8]]), torch.tensor([[3, 0, -1, 1]])) */
export class MultiLabelMarginLoss extends Module {
  reduction: Reduction;
  constructor(opts?: LossKw);
  constructor(...args: unknown[]) {
    super();
    this.reduction = lossArgs<object>('MultiLabelMarginLoss', args, ['size_average', 'reduce', 'reduction'], {}).reduction;
  }
  forward(input: Tensor, target: Tensor): Tensor { return multilabel_margin_loss(input, target, { reduction: this.reduction }); }
}

type Distance = ((a: Tensor, b: Tensor) => Tensor) | Module;
/**
 * Triplet loss with any distance (default `nn.PairwiseDistance()`); options are keywords only, as in PyTorch.
 * @example nn.TripletMarginWithDistanceLoss({ distance_function: (x, y) => x.sub(y).abs().sum(-1), margin: 0.5 })
 */
export class TripletMarginWithDistanceLoss extends Module {
  declare distance_function: Distance;
  margin: number;
  swap: boolean;
  reduction: Reduction;
  constructor(opts?: LossKw & { distance_function?: Distance | null; margin?: number; swap?: boolean });
  constructor(...args: unknown[]) {
    super();
    if (args.length > 1 || (args.length === 1 && (args[0] === null || typeof args[0] !== 'object')))
      throw new TypeError(`__init__() takes 1 positional argument but ${1 + args.length} were given`);
    const o = parseArgs<{ distance_function: Distance | null; margin: number; swap: boolean; reduction: Reduction }>('TripletMarginWithDistanceLoss', args,
      ['distance_function', 'margin', 'swap', 'reduction'], { distance_function: null, margin: 1, swap: false, reduction: 'mean' });
    if (o.margin <= 0) throw new Error(`TripletMarginWithDistanceLoss: expected margin to be greater than 0, got ${o.margin} instead`);
    this.distance_function = o.distance_function ?? new PairwiseDistance();
    this.margin = o.margin;
    this.swap = o.swap;
    this.reduction = o.reduction;
  }
  forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    // a module is callable too (its proxy runs forward)
    const fn = this.distance_function as (a: Tensor, b: Tensor) => Tensor;
    return triplet_margin_with_distance_loss(anchor, positive, negative, { distance_function: fn, margin: this.margin, swap: this.swap, reduction: this.reduction });
  }
}
