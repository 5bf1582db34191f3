// Loss modules: each wraps its F function with the options given at construction.
import { RuntimeError } from '../errors';
import { parseArgs } from '../args';
import type { Tensor } from '../tensor';
import * as F from './functional';
import type { Reduction } from './functional';
import { Module } from './module';

abstract class Loss extends Module {
  reduction: Reduction;
  constructor(name: string, args: unknown[], names: string[], defaults: Record<string, unknown>) {
    super();
    const o = parseArgs<Record<string, unknown>>(name, args, names, { reduction: 'mean', ...defaults });
    if (o.size_average != null || o.reduce != null)
      throw new RuntimeError(`${name}: size_average and reduce are deprecated in PyTorch and not supported in Torchlit; use reduction='mean' | 'sum' | 'none'`);
    this.reduction = o.reduction as Reduction;
    this._init(o);
  }
  _init(_o: Record<string, unknown>): void {}
}

interface LossKw {
  reduction?: Reduction;
}

/** Mean squared error. @example const loss_fn = nn.MSELoss(); loss_fn(model(x), y) */
export class MSELoss extends Loss {
  constructor(opts?: LossKw);
  constructor(...args: unknown[]) {
    super('MSELoss', args, ['size_average', 'reduce', 'reduction'], {});
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.mse_loss(input, target, { reduction: this.reduction });
  }
}
/** Mean absolute error. */
export class L1Loss extends Loss {
  constructor(opts?: LossKw);
  constructor(...args: unknown[]) {
    super('L1Loss', args, ['size_average', 'reduce', 'reduction'], {});
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.l1_loss(input, target, { reduction: this.reduction });
  }
}

interface WeightedKw extends LossKw {
  weight?: Tensor | null;
  ignore_index?: number;
}

/** Negative log likelihood over log-probabilities and class indices. */
export class NLLLoss extends Loss {
  declare weight: Tensor | null;
  declare ignore_index: number;
  constructor(weight?: Tensor | null | WeightedKw, opts?: WeightedKw);
  constructor(...args: unknown[]) {
    super('NLLLoss', args, ['weight', 'size_average', 'ignore_index', 'reduce', 'reduction'], { weight: null, ignore_index: -100 });
  }
  _init(o: Record<string, unknown>): void {
    this.register_buffer('weight', (o.weight as Tensor | null) ?? null);
    this.ignore_index = o.ignore_index as number;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.nll_loss(input, target, { weight: this.weight, ignore_index: this.ignore_index, reduction: this.reduction });
  }
}

/**
 * Cross entropy of logits and class indices (or probabilities), with optional class weights and label smoothing.
 * @example const loss_fn = nn.CrossEntropyLoss({label_smoothing: 0.1})
 */
export class CrossEntropyLoss extends Loss {
  declare weight: Tensor | null;
  declare ignore_index: number;
  declare label_smoothing: number;
  constructor(weight?: Tensor | null | (WeightedKw & { label_smoothing?: number }), opts?: WeightedKw & { label_smoothing?: number });
  constructor(...args: unknown[]) {
    super('CrossEntropyLoss', args, ['weight', 'size_average', 'ignore_index', 'reduce', 'reduction', 'label_smoothing'], { weight: null, ignore_index: -100, label_smoothing: 0 });
  }
  _init(o: Record<string, unknown>): void {
    this.register_buffer('weight', (o.weight as Tensor | null) ?? null);
    this.ignore_index = o.ignore_index as number;
    this.label_smoothing = o.label_smoothing as number;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.cross_entropy(input, target, { weight: this.weight, ignore_index: this.ignore_index, reduction: this.reduction, label_smoothing: this.label_smoothing });
  }
}

/** Binary cross entropy of probabilities. */
export class BCELoss extends Loss {
  declare weight: Tensor | null;
  constructor(weight?: Tensor | null | (LossKw & { weight?: Tensor | null }), opts?: LossKw);
  constructor(...args: unknown[]) {
    super('BCELoss', args, ['weight', 'size_average', 'reduce', 'reduction'], { weight: null });
  }
  _init(o: Record<string, unknown>): void {
    this.register_buffer('weight', (o.weight as Tensor | null) ?? null);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.binary_cross_entropy(input, target, { weight: this.weight, reduction: this.reduction });
  }
}

/** Sigmoid + binary cross entropy, stable; `pos_weight` weighs positive examples per class. */
export class BCEWithLogitsLoss extends Loss {
  declare weight: Tensor | null;
  declare pos_weight: Tensor | null;
  constructor(weight?: Tensor | null | (LossKw & { weight?: Tensor | null; pos_weight?: Tensor | null }), opts?: LossKw & { pos_weight?: Tensor | null });
  constructor(...args: unknown[]) {
    super('BCEWithLogitsLoss', args, ['weight', 'size_average', 'reduce', 'reduction', 'pos_weight'], { weight: null, pos_weight: null });
  }
  _init(o: Record<string, unknown>): void {
    this.register_buffer('weight', (o.weight as Tensor | null) ?? null);
    this.register_buffer('pos_weight', (o.pos_weight as Tensor | null) ?? null);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.binary_cross_entropy_with_logits(input, target, { weight: this.weight, pos_weight: this.pos_weight, reduction: this.reduction });
  }
}

/** PyTorch's deprecated name for NLLLoss over [N, C, H, W] inputs (NLLLoss handles any number of dims). */
export class NLLLoss2d extends NLLLoss {}

/**
 * Squared error below `beta` (default 1), absolute error above.
 * @example nn.SmoothL1Loss({beta: 0.5})
 */
export class SmoothL1Loss extends Loss {
  declare beta: number;
  constructor(opts?: LossKw & { beta?: number });
  constructor(...args: unknown[]) {
    super('SmoothL1Loss', args, ['size_average', 'reduce', 'reduction', 'beta'], { beta: 1 });
  }
  _init(o: Record<string, unknown>): void {
    this.beta = o.beta as number;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.smooth_l1_loss(input, target, { reduction: this.reduction, beta: this.beta });
  }
}

/**
 * Squared error below `delta` (default 1), delta·(|d| − delta/2) above.
 * @example nn.HuberLoss({delta: 2})
 */
export class HuberLoss extends Loss {
  declare delta: number;
  constructor(opts?: LossKw & { delta?: number });
  constructor(...args: unknown[]) {
    super('HuberLoss', args, ['reduction', 'delta'], { delta: 1 });
  }
  _init(o: Record<string, unknown>): void {
    this.delta = o.delta as number;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.huber_loss(input, target, { reduction: this.reduction, delta: this.delta });
  }
}

/**
 * KL divergence of `target` (probabilities, or log-probabilities with `log_target`) from the log-probabilities `input`.
 * @example const kl = nn.KLDivLoss({reduction: 'batchmean'}); kl(F.log_softmax(logits, 1), F.softmax(torch.randn(4, 5), 1))
 */
export class KLDivLoss extends Module {
  reduction: Reduction | 'batchmean';
  log_target: boolean;
  constructor(opts?: { reduction?: Reduction | 'batchmean'; log_target?: boolean });
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ reduction: Reduction | 'batchmean'; log_target: boolean; size_average: null; reduce: null }>('KLDivLoss', args, ['size_average', 'reduce', 'reduction', 'log_target'], { reduction: 'mean', log_target: false });
    if (o.size_average != null || o.reduce != null)
      throw new RuntimeError("KLDivLoss: size_average and reduce are deprecated in PyTorch and not supported in Torchlit; use reduction='mean' | 'batchmean' | 'sum' | 'none'");
    this.reduction = o.reduction;
    this.log_target = o.log_target;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.kl_div(input, target, { reduction: this.reduction, log_target: this.log_target });
  }
}
