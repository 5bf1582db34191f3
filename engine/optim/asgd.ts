// ASGD (averaged SGD), as PyTorch's single-tensor implementation: eta and mu are float32 scalars.
import { ValueError } from '../errors';
import { parseArgs } from '../args';
import type { Tensor } from '../tensor';
import { Optimizer, zerosLike, type ParamGroup, type Params } from './optimizer';

export interface ASGDOptions {
  lr?: number;
  lambd?: number;
  alpha?: number;
  t0?: number;
  weight_decay?: number;
  foreach?: boolean | null;
  maximize?: boolean;
  differentiable?: boolean;
  capturable?: boolean;
}

/**
 * Averaged stochastic gradient descent: SGD with a decaying step `eta` and a running average of
 * the parameters (`optimizer.state.get(p).ax`) from step `t0` on.
 * @example const optimizer = optim.ASGD(model.parameters(), {lr: 0.01})
 */
export class ASGD extends Optimizer {
  constructor(params: Params, lr?: number | ASGDOptions, ...rest: unknown[]);
  constructor(params: Params, ...args: unknown[]) {
    const o = parseArgs<Required<ASGDOptions>>('ASGD', args, ['lr', 'lambd', 'alpha', 't0', 'weight_decay', 'foreach', 'maximize', 'differentiable', 'capturable'],
      { lr: 1e-2, lambd: 1e-4, alpha: 0.75, t0: 1e6, weight_decay: 0, foreach: null, maximize: false, differentiable: false, capturable: false });
    if (o.lr < 0) throw new ValueError(`Invalid learning rate: ${o.lr}`);
    if (o.weight_decay < 0) throw new ValueError(`Invalid weight_decay value: ${o.weight_decay}`);
    super(params, { ...o });
  }
  _step_group(g: ParamGroup): void {
    for (const p of g.params) {
      if (!p.grad) continue;
      let grad: Tensor = g.maximize ? p.grad.neg() : p.grad;
      const s = this._state(p);
      if (s.step === undefined) {
        s.step = 0;
        s.eta = Math.fround(g.lr);
        s.mu = 1;
        s.ax = zerosLike(p);
      }
      const step = (s.step = (s.step as number) + 1);
      const eta = s.eta as number, mu = s.mu as number, ax = s.ax as Tensor;
      if (g.weight_decay !== 0) grad = grad.add(p.detach(), { alpha: g.weight_decay });
      p.mul_(1 - g.lambd * eta); // decay term
      p.add_(grad, { alpha: -eta });
      // averaging
      if (mu !== 1) ax.add_(p.detach().sub(ax).mul(mu));
      else ax.copy_(p.detach());
      // PyTorch keeps eta and mu in float32 tensors
      s.eta = Math.fround(g.lr / (1 + g.lambd * g.lr * step) ** g.alpha);
      s.mu = Math.fround(1 / Math.max(1, step - g.t0));
    }
  }
}
