import { ValueError } from '../errors';
import { parseArgs } from '../args';
import type { Tensor } from '../tensor';
import { Optimizer, zerosLike, type ParamGroup, type Params } from './optimizer';

export interface RMSpropOptions {
  lr?: number;
  alpha?: number;
  eps?: number;
  weight_decay?: number;
  momentum?: number;
  centered?: boolean;
  maximize?: boolean;
  foreach?: boolean | null;
  differentiable?: boolean;
}

/** RMSprop: divides the gradient by a running RMS of its history; optional momentum and centering. */
export class RMSprop extends Optimizer {
  constructor(params: Params, lr?: number | RMSpropOptions, ...rest: unknown[]);
  constructor(params: Params, ...args: unknown[]) {
    const o = parseArgs<Required<RMSpropOptions>>('RMSprop', args, ['lr', 'alpha', 'eps', 'weight_decay', 'momentum', 'centered', 'maximize', 'foreach', 'differentiable'],
      { lr: 1e-2, alpha: 0.99, eps: 1e-8, weight_decay: 0, momentum: 0, centered: false, maximize: false, foreach: null, differentiable: false });
    if (o.lr < 0) throw new ValueError(`Invalid learning rate: ${o.lr}`);
    if (o.eps < 0) throw new ValueError(`Invalid epsilon value: ${o.eps}`);
    if (o.momentum < 0) throw new ValueError(`Invalid momentum value: ${o.momentum}`);
    if (o.alpha < 0) throw new ValueError(`Invalid alpha value: ${o.alpha}`);
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
        if (g.momentum > 0) s.momentum_buffer = zerosLike(p);
        if (g.centered) s.grad_avg = zerosLike(p);
      }
      s.step = (s.step as number) + 1;
      if (g.weight_decay !== 0) grad = grad.add(p.detach(), { alpha: g.weight_decay });
      const sq = s.square_avg as Tensor;
      sq.mul_(g.alpha).addcmul_(grad, grad, { value: 1 - g.alpha });
      let avg: Tensor;
      if (g.centered) {
        const ga = s.grad_avg as Tensor;
        ga.mul_(g.alpha).add_(grad, { alpha: 1 - g.alpha });
        avg = sq.sub(ga.mul(ga)).sqrt();
      } else avg = sq.sqrt();
      avg = avg.add(g.eps);
      if (g.momentum > 0) {
        const buf = s.momentum_buffer as Tensor;
        buf.mul_(g.momentum).addcdiv_(grad, avg);
        p.add_(buf, { alpha: -g.lr });
      } else p.addcdiv_(grad, avg, { value: -g.lr });
    }
  }
}
