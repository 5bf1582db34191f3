// Adamax (Adam with the infinity norm), as PyTorch's single-tensor implementation.
import { pyFloat } from '../nn/pyrepr';
import { ValueError } from '../errors';
import { parseArgs } from '../args';
import type { Tensor } from '../tensor';
import { Optimizer, zerosLike, type ParamGroup, type Params } from './optimizer';

export interface AdamaxOptions {
  lr?: number;
  betas?: [number, number] | number[];
  eps?: number;
  weight_decay?: number;
  foreach?: boolean | null;
  maximize?: boolean;
  differentiable?: boolean;
}

/**
 * Adamax: Adam's second moment replaced by a running maximum of |grad| (lr 2e-3 by default).
 * @example const optimizer = optim.Adamax(model.parameters(), { lr: 2e-3 })
 */
export class Adamax extends Optimizer {
  constructor(params: Params, lr?: number | AdamaxOptions, ...rest: unknown[]);
  constructor(params: Params, ...args: unknown[]) {
    const o = parseArgs<Required<AdamaxOptions>>('Adamax', args, ['lr', 'betas', 'eps', 'weight_decay', 'foreach', 'maximize', 'differentiable'], { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, foreach: null, maximize: false, differentiable: false });
    if (o.lr < 0) throw new ValueError(`Invalid learning rate: ${o.lr}`);
    if (o.eps < 0) throw new ValueError(`Invalid epsilon value: ${o.eps}`);
    if (!(o.betas[0] >= 0 && o.betas[0] < 1)) throw new ValueError(`Invalid beta parameter at index 0: ${pyFloat(o.betas[0])}`);
    if (!(o.betas[1] >= 0 && o.betas[1] < 1)) throw new ValueError(`Invalid beta parameter at index 1: ${pyFloat(o.betas[1])}`);
    if (o.weight_decay < 0) throw new ValueError(`Invalid weight_decay value: ${o.weight_decay}`);
    super(params, { ...o, betas: [...o.betas] });
  }
  _step_group(g: ParamGroup): void {
    const [beta1, beta2] = g.betas as number[];
    for (const p of g.params) {
      if (!p.grad) continue;
      let grad: Tensor = g.maximize ? p.grad.neg() : p.grad;
      const s = this._state(p);
      if (s.step === undefined) {
        s.step = 0;
        s.exp_avg = zerosLike(p);
        s.exp_inf = zerosLike(p);
      }
      s.step = (s.step as number) + 1;
      if (g.weight_decay !== 0) grad = grad.add(p.detach(), { alpha: g.weight_decay });
      const m = s.exp_avg as Tensor, u = s.exp_inf as Tensor;
      m.mul_(beta1).add_(grad, { alpha: 1 - beta1 });
      u.copy_(u.mul(beta2).maximum(grad.abs().add(g.eps)));
      const clr = g.lr / (1 - beta1 ** (s.step as number));
      p.addcdiv_(m, u, { value: -clr });
    }
  }
}
