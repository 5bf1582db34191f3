// The margin / embedding losses (MarginRankingLoss, HingeEmbeddingLoss, CosineEmbeddingLoss,
// TripletMarginLoss) and PoissonNLLLoss / GaussianNLLLoss, each wrapping its F function with `reduction`.
import { ValueError } from '../errors';
import { parseArgs } from '../args';
import type { Tensor } from '../tensor';
import type { Reduction } from './functional';
import { cosine_embedding_loss, gaussian_nll_loss, hinge_embedding_loss, margin_ranking_loss, poisson_nll_loss, triplet_margin_loss } from './functional-loss-margin-nll';
import { Module } from './module';

abstract class OptLoss extends Module {
  reduction: Reduction;
  opts: Record<string, unknown>;
  constructor(name: string, args: unknown[], names: string[], defaults: Record<string, unknown>) {
    super();
    const o = parseArgs<Record<string, unknown>>(name, args, [...names, 'size_average', 'reduce', 'reduction'], { reduction: 'mean', ...defaults });
    if (o.size_average != null || o.reduce != null) throw new ValueError(`${name}: size_average and reduce are deprecated in PyTorch and not supported in Torchlit; use reduction='mean' | 'sum' | 'none'`);
    this.reduction = o.reduction as Reduction;
    this.opts = Object.fromEntries(names.map((n) => [n, o[n]]));
    Object.assign(this, this.opts);
  }
}
type LossKw = { reduction?: Reduction };

/** `max(0, −y·(x1 − x2) + margin)`. @example nn.MarginRankingLoss({ margin: 0.5 })(torch.randn(3), torch.randn(3), torch.ones(3)) */
export class MarginRankingLoss extends OptLoss {
  constructor(opts?: { margin?: number } & LossKw);
  constructor(...args: unknown[]) { super('MarginRankingLoss', args, ['margin'], { margin: 0 }); }
  forward(a: Tensor, b: Tensor, y: Tensor): Tensor { return margin_ranking_loss(a, b, y, { ...this.opts, reduction: this.reduction }); }
}
/** x where y = 1, `max(0, margin − x)` where y = −1. */
export class HingeEmbeddingLoss extends OptLoss {
  constructor(opts?: { margin?: number } & LossKw);
  constructor(...args: unknown[]) { super('HingeEmbeddingLoss', args, ['margin'], { margin: 1 }); }
  forward(x: Tensor, y: Tensor): Tensor { return hinge_embedding_loss(x, y, { ...this.opts, reduction: this.reduction }); }
}
/** `1 − cos` where y = 1, `max(0, cos − margin)` where y = −1. */
export class CosineEmbeddingLoss extends OptLoss {
  constructor(opts?: { margin?: number } & LossKw);
  constructor(...args: unknown[]) { super('CosineEmbeddingLoss', args, ['margin'], { margin: 0 }); }
  forward(a: Tensor, b: Tensor, y: Tensor): Tensor { return cosine_embedding_loss(a, b, y, { ...this.opts, reduction: this.reduction }); }
}
/** `max(0, margin + d(a, p) − d(a, n))`. @example nn.TripletMarginLoss({ margin: 1 })(torch.randn(2, 4), torch.randn(2, 4), torch.randn(2, 4)) */
export class TripletMarginLoss extends OptLoss {
  constructor(opts?: { margin?: number; p?: number; eps?: number; swap?: boolean } & LossKw);
  constructor(...args: unknown[]) { super('TripletMarginLoss', args, ['margin', 'p', 'eps', 'swap'], { margin: 1, p: 2, eps: 1e-6, swap: false }); }
  forward(a: Tensor, p: Tensor, n: Tensor): Tensor { return triplet_margin_loss(a, p, n, { ...this.opts, reduction: this.reduction }); }
}
/** Poisson negative log likelihood. @example nn.PoissonNLLLoss()(torch.randn(4), torch.ones(4)) */
export class PoissonNLLLoss extends OptLoss {
  constructor(opts?: { log_input?: boolean; full?: boolean; eps?: number } & LossKw);
  constructor(...args: unknown[]) { super('PoissonNLLLoss', args, ['log_input', 'full', 'eps'], { log_input: true, full: false, eps: 1e-8 }); }
  forward(x: Tensor, y: Tensor): Tensor { return poisson_nll_loss(x, y, { ...this.opts, reduction: this.reduction }); }
}
/** Gaussian negative log likelihood with a predicted variance. @example nn.GaussianNLLLoss()(torch.randn(3), torch.randn(3), torch.ones(3)) */
export class GaussianNLLLoss extends OptLoss {
  constructor(opts?: { full?: boolean; eps?: number } & LossKw);
  constructor(...args: unknown[]) { super('GaussianNLLLoss', args, ['full', 'eps'], { full: false, eps: 1e-6 }); }
  forward(x: Tensor, y: Tensor, v: Tensor): Tensor { return gaussian_nll_loss(x, y, v, { ...this.opts, reduction: this.reduction }); }
}
