// NAdam (Adam with Nesterov momentum and momentum decay) and RAdam (Adam with the variance
// rectification term), as PyTorch's single-tensor implementations.
import { pyFloat } from '../nn/pyrepr';
import { ValueError } from '../errors';
import { parseArgs } from '../args';
import type { Tensor } from '../tensor';
import { Optimizer, zerosLike, type ParamGroup, type ParamState, type Params } from './optimizer';

export interface NAdamOptions {
  lr?: number;
  betas?: [number, number] | number[];
  eps?: number;
  weight_decay?: number;
  momentum_decay?: number;
  decoupled_weight_decay?: boolean;
  foreach?: boolean | null;
  maximize?: boolean;
  capturable?: boolean;
  differentiable?: boolean;
}
export type RAdamOptions = Omit<NAdamOptions, 'momentum_decay'>;

function check(o: { lr: number; eps: number; betas: number[]; weight_decay: number }): void {
  if (!(o.lr >= 0)) throw new ValueError(`Invalid learning rate: ${o.lr}`);
  if (!(o.eps >= 0)) throw new ValueError(`Invalid epsilon value: ${o.eps}`);
  if (!(o.betas[0] >= 0 && o.betas[0] < 1)) throw new ValueError(`Invalid beta parameter at index 0: ${pyFloat(o.betas[0])}`);
  if (!(o.betas[1] >= 0 && o.betas[1] < 1)) throw new ValueError(`Invalid beta parameter at index 1: ${pyFloat(o.betas[1])}`);
  if (!(o.weight_decay >= 0)) throw new ValueError(`Invalid weight_decay value: ${o.weight_decay}`);
}

/** The gradient after maximize and (coupled) weight decay; decoupled decay shrinks `p` itself. */
function prepared(g: ParamGroup, p: Tensor): Tensor {
  let grad: Tensor = g.maximize ? p.grad!.neg() : p.grad!;
  if (g.weight_decay !== 0) {
    if (g.decoupled_weight_decay) p.mul_(1 - g.lr * g.weight_decay);
    else grad = grad.add(p.detach(), { alpha: g.weight_decay });
  }
  return grad;
}

/** Updates the moments: m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g². */
function moments(s: ParamState, grad: Tensor, beta1: number, beta2: number): [Tensor, Tensor] {
  const m = s.exp_avg as Tensor, v = s.exp_avg_sq as Tensor;
  m.mul_(beta1).add_(grad, { alpha: 1 - beta1 });
  v.mul_(beta2).addcmul_(grad, grad, { value: 1 - beta2 });
  return [m, v];
}

/**
 * NAdam: Adam with Nesterov momentum, whose momentum coefficient warms up with `momentum_decay` (lr 2e-3 by default).
 * @example const optimizer = optim.NAdam(model.parameters(), {lr: 2e-3})
 */
export class NAdam extends Optimizer {
  constructor(params: Params, lr?: number | NAdamOptions, ...rest: unknown[]);
  constructor(params: Params, ...args: unknown[]) {
    const o = parseArgs<Required<NAdamOptions>>('NAdam', args, ['lr', 'betas', 'eps', 'weight_decay', 'momentum_decay', 'decoupled_weight_decay', 'foreach', 'maximize', 'capturable', 'differentiable'],
      { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, momentum_decay: 4e-3, decoupled_weight_decay: false, foreach: null, maximize: false, capturable: false, differentiable: false });
    check(o);
    if (!(o.momentum_decay >= 0)) throw new ValueError(`Invalid momentum_decay value: ${o.momentum_decay}`);
    super(params, { ...o, betas: [...o.betas] });
  }
  _step_group(g: ParamGroup): void {
    const [beta1, beta2] = g.betas as number[];
    for (const p of g.params) {
      if (!p.grad) continue;
      const s = this._state(p);
      if (s.step === undefined) {
        s.step = 0;
        s.mu_product = 1;
        s.exp_avg = zerosLike(p);
        s.exp_avg_sq = zerosLike(p);
      }
      const step = (s.step = (s.step as number) + 1);
      const grad = prepared(g, p);
      const bc2 = 1 - beta2 ** step;
      const mu = beta1 * (1 - 0.5 * 0.96 ** (step * g.momentum_decay));
      const muNext = beta1 * (1 - 0.5 * 0.96 ** ((step + 1) * g.momentum_decay));
      const muProduct = (s.mu_product = (s.mu_product as number) * mu);
      const [m, v] = moments(s, grad, beta1, beta2);
      const denom = v.div(bc2).sqrt().add(g.eps);
      p.addcdiv_(grad, denom, { value: (-g.lr * (1 - mu)) / (1 - muProduct) });
      p.addcdiv_(m, denom, { value: (-g.lr * muNext) / (1 - muProduct * muNext) });
    }
  }
}

/**
 * RAdam: Adam with a rectified adaptive step (plain momentum SGD while the variance estimate is unreliable, ρ_t ≤ 5).
 * @example const optimizer = optim.RAdam(model.parameters(), {lr: 1e-3})
 */
export class RAdam extends Optimizer {
  constructor(params: Params, lr?: number | RAdamOptions, ...rest: unknown[]);
  constructor(params: Params, ...args: unknown[]) {
    const o = parseArgs<Required<RAdamOptions>>('RAdam', args, ['lr', 'betas', 'eps', 'weight_decay', 'decoupled_weight_decay', 'foreach', 'maximize', 'capturable', 'differentiable'],
      { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, decoupled_weight_decay: false, foreach: null, maximize: false, capturable: false, differentiable: false });
    check(o);
    super(params, { ...o, betas: [...o.betas] });
  }
  _step_group(g: ParamGroup): void {
    const [beta1, beta2] = g.betas as number[];
    for (const p of g.params) {
      if (!p.grad) continue;
      const s = this._state(p);
      if (s.step === undefined) {
        s.step = 0;
        s.exp_avg = zerosLike(p);
        s.exp_avg_sq = zerosLike(p);
      }
      const step = (s.step = (s.step as number) + 1);
      const grad = prepared(g, p);
      const [m, v] = moments(s, grad, beta1, beta2);
      const bc1 = 1 - beta1 ** step, bc2 = 1 - beta2 ** step;
      const corrected = m.div(bc1);
      const rhoInf = 2 / (1 - beta2) - 1;
      const rhoT = rhoInf - (2 * step * beta2 ** step) / bc2;
      if (rhoT > 5) {
        const rect = Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
        const adaptive = v.sqrt().add(g.eps).reciprocal().mul(Math.sqrt(bc2));
        p.add_(corrected.mul(g.lr).mul(adaptive).mul(rect), { alpha: -1 });
      } else p.add_(corrected.mul(g.lr), { alpha: -1 });
    }
  }
}
