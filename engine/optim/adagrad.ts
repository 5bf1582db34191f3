// Adagrad and Adadelta: per-element learning rates from the history of squared gradients.
import { RuntimeError, ValueError } from '../errors';
import { parseArgs } from '../args';
import { full_like } from '../ops/creation';
import { keep } from '../memory';
import type { Tensor } from '../tensor';
import { Optimizer, zerosLike, type ParamGroup, type Params } from './optimizer';

export interface AdagradOptions {
  lr?: number;
  lr_decay?: number;
  weight_decay?: number;
  initial_accumulator_value?: number;
  eps?: number;
  foreach?: boolean | null;
  maximize?: boolean;
  differentiable?: boolean;
  fused?: boolean | null;
}

/**
 * Adagrad: divides each step by the root of the summed squared gradients (lr decays as lr / (1 + (t − 1)·lr_decay)).
 * @example const optimizer = optim.Adagrad(model.parameters(), {lr: 0.1})
 */
export class Adagrad extends Optimizer {
  constructor(params: Params, lr?: number | AdagradOptions, ...rest: unknown[]);
  constructor(params: Params, ...args: unknown[]) {
    const o = parseArgs<Required<AdagradOptions>>('Adagrad', args, ['lr', 'lr_decay', 'weight_decay', 'initial_accumulator_value', 'eps', 'foreach', 'maximize', 'differentiable', 'fused'],
      { lr: 1e-2, lr_decay: 0, weight_decay: 0, initial_accumulator_value: 0, eps: 1e-10, foreach: null, maximize: false, differentiable: false, fused: null });
    if (!(o.lr >= 0)) throw new ValueError(`Invalid learning rate: ${o.lr}`);
    if (!(o.lr_decay >= 0)) throw new RuntimeError(`Invalid lr_decay value: ${o.lr_decay}`);
    if (!(o.weight_decay >= 0)) throw new ValueError(`Invalid weight_decay value: ${o.weight_decay}`);
    if (!(o.initial_accumulator_value >= 0)) throw new RuntimeError(`Invalid initial_accumulator_value value: ${o.initial_accumulator_value}`);
    if (!(o.eps >= 0)) throw new ValueError(`Invalid epsilon value: ${o.eps}`);
    super(params, { ...o });
    // PyTorch fills the state at construction (sum starts at initial_accumulator_value)
    for (const g of this.param_groups)
      for (const p of g.params) {
        const s = this._state(p);
        s.step = 0;
        s.sum = keep(full_like(p.detach(), g.initial_accumulator_value));
      }
  }
  _step_group(g: ParamGroup): void {
    for (const p of g.params) {
      if (!p.grad) continue;
      let grad: Tensor = g.maximize ? p.grad.neg() : p.grad;
      const s = this._state(p);
      if (s.sum === undefined) {
        s.step = 0;
        s.sum = keep(full_like(p.detach(), g.initial_accumulator_value));
      }
      s.step = (s.step as number) + 1;
      if (g.weight_decay !== 0) grad = grad.add(p.detach(), { alpha: g.weight_decay });
      const clr = g.lr / (1 + ((s.step as number) - 1) * g.lr_decay);
      const sum = s.sum as Tensor;
      sum.addcmul_(grad, grad, { value: 1 });
      p.addcdiv_(grad, sum.sqrt().add(g.eps), { value: -clr });
    }
  }
}

export interface AdadeltaOptions {
  lr?: number;
  rho?: number;
  eps?: number;
  weight_decay?: number;
  foreach?: boolean | null;
  capturable?: boolean;
  maximize?: boolean;
  differentiable?: boolean;
}

/**
 * Adadelta: steps scaled by the ratio of running RMS of past updates to running RMS of gradients (lr defaults to 1).
 * @example const optimizer = optim.Adadelta(model.parameters())
 */
export class Adadelta extends Optimizer {
  constructor(params: Params, lr?: number | AdadeltaOptions, ...rest: unknown[]);
  constructor(params: Params, ...args: unknown[]) {
    const o = parseArgs<Required<AdadeltaOptions>>('Adadelta', args, ['lr', 'rho', 'eps', 'weight_decay', 'foreach', 'capturable', 'maximize', 'differentiable'],
      { lr: 1, rho: 0.9, eps: 1e-6, weight_decay: 0, foreach: null, capturable: false, maximize: false, differentiable: false });
    if (!(o.lr >= 0)) throw new ValueError(`Invalid learning rate: ${o.lr}`);
    if (!(o.rho >= 0 && o.rho <= 1)) throw new RuntimeError(`Invalid rho value: ${o.rho}`);
    if (!(o.eps >= 0)) throw new ValueError(`Invalid epsilon value: ${o.eps}`);
    if (!(o.weight_decay >= 0)) throw new ValueError(`Invalid weight_decay value: ${o.weight_decay}`);
    super(params, { ...o });
  }
  _step_group(g: ParamGroup): void {
    for (const p of g.params) {
      if (!p.grad) continue;
      let grad: Tensor = g.maximize ? p.grad.neg() : p.grad;
      const s = this._state(p);
      if (s.step === undefined) {
        s.step = 0;
        s.square_avg = zerosLike(p);
        s.acc_delta = zerosLike(p);
      }
      s.step = (s.step as number) + 1;
      if (g.weight_decay !== 0) grad = grad.add(p.detach(), { alpha: g.weight_decay });
      const sq = s.square_avg as Tensor, acc = s.acc_delta as Tensor;
      sq.mul_(g.rho).addcmul_(grad, grad, { value: 1 - g.rho });
      const std = sq.add(g.eps).sqrt();
      const delta = acc.add(g.eps).sqrt().div(std).mul(grad);
      acc.mul_(g.rho).addcmul_(delta, delta, { value: 1 - g.rho });
      p.add_(delta, { alpha: -g.lr });
    }
  }
}
