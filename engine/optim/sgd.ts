import { ValueError } from '../errors';
import { parseArgs } from '../args';
import { keep } from '../memory';
import type { Tensor } from '../tensor';
import { Optimizer, type ParamGroup, type Params } from './optimizer';

export interface SGDOptions {
  lr?: number;
  momentum?: number;
  dampening?: number;
  weight_decay?: number;
  nesterov?: boolean;
  maximize?: boolean;
  foreach?: boolean | null;
  differentiable?: boolean;
}

/**
 * Stochastic gradient descent, with optional momentum (Nesterov), dampening and weight decay.
 * @example const optimizer = optim.SGD(model.parameters(), {lr: 1e-2})
 */
export class SGD extends Optimizer {
  constructor(params: Params, lr?: number | SGDOptions, ...rest: unknown[]);
  constructor(params: Params, ...args: unknown[]) {
    const o = parseArgs<Required<SGDOptions>>('SGD', args, ['lr', 'momentum', 'dampening', 'weight_decay', 'nesterov', 'maximize', 'foreach', 'differentiable'],
      { lr: 1e-3, momentum: 0, dampening: 0, weight_decay: 0, nesterov: false, maximize: false, foreach: null, differentiable: false });
    if (o.lr < 0) throw new ValueError(`Invalid learning rate: ${o.lr}`);
    if (o.momentum < 0) throw new ValueError(`Invalid momentum value: ${o.momentum}`);
    if (o.weight_decay < 0) throw new ValueError(`Invalid weight_decay value: ${o.weight_decay}`);
    if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0)) throw new ValueError('Nesterov momentum requires a momentum and zero dampening');
    super(params, { ...o });
  }
  _step_group(g: ParamGroup): void {
    for (const p of g.params) {
      if (!p.grad) continue;
      let d: Tensor = g.maximize ? p.grad.neg() : p.grad;
      if (g.weight_decay !== 0) d = d.add(p.detach(), { alpha: g.weight_decay });
      if (g.momentum !== 0) {
        const s = this._state(p);
        let buf = s.momentum_buffer as Tensor | undefined;
        if (!buf) s.momentum_buffer = buf = keep(d.clone().detach());
        else buf.mul_(g.momentum).add_(d, { alpha: 1 - g.dampening });
        d = g.nesterov ? d.add(buf, { alpha: g.momentum }) : buf;
      }
      p.add_(d, { alpha: -g.lr });
    }
  }
}
