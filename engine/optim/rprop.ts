// Rprop (resilient backpropagation), as PyTorch's single-tensor implementation.
import { ValueError } from '../errors';
import { parseArgs } from '../args';
import { keep } from '../memory';
import type { Tensor } from '../tensor';
import { Optimizer, zerosLike, type ParamGroup, type Params } from './optimizer';

export interface RpropOptions {
  lr?: number;
  etas?: [number, number] | number[];
  step_sizes?: [number, number] | number[];
  foreach?: boolean | null;
  maximize?: boolean;
  differentiable?: boolean;
  capturable?: boolean;
}

/**
 * Rprop: each weight's step grows by etas[1] while its gradient keeps its sign and shrinks by
 * etas[0] when it flips (then that step is skipped); only the gradient's sign is used.
 * @example const optimizer = optim.Rprop(model.parameters(), {lr: 0.01, etas: [0.5, 1.2]})
 */
export class Rprop extends Optimizer {
  constructor(params: Params, lr?: number | RpropOptions, ...rest: unknown[]);
  constructor(params: Params, ...args: unknown[]) {
    const o = parseArgs<Required<RpropOptions>>('Rprop', args, ['lr', 'etas', 'step_sizes', 'foreach', 'maximize', 'differentiable', 'capturable'],
      { lr: 1e-2, etas: [0.5, 1.2], step_sizes: [1e-6, 50], foreach: null, maximize: false, differentiable: false, capturable: false });
    if (o.lr < 0) throw new ValueError(`Invalid learning rate: ${o.lr}`);
    const [etaminus, etaplus] = o.etas;
    if (!(etaminus > 0 && etaminus < 1 && etaplus > 1)) throw new ValueError(`Invalid eta values: ${etaminus}, ${etaplus}`);
    super(params, { ...o, etas: [...o.etas], step_sizes: [...o.step_sizes] });
  }
  _step_group(g: ParamGroup): void {
    const [etaminus, etaplus] = g.etas as number[];
    const [minStep, maxStep] = g.step_sizes as number[];
    for (const p of g.params) {
      if (!p.grad) continue;
      let grad: Tensor = g.maximize ? p.grad.neg() : p.grad;
      const s = this._state(p);
      if (s.step === undefined) {
        s.step = 0;
        s.prev = zerosLike(p);
        s.step_size = keep(p.detach().clone().fill_(g.lr));
      }
      s.step = (s.step as number) + 1;
      const prev = s.prev as Tensor, stepSize = s.step_size as Tensor;
      const sign = grad.mul(prev).sign();
      const up = sign.gt(0), down = sign.lt(0);
      const factor = sign.masked_fill(up, etaplus).masked_fill(down, etaminus).masked_fill(sign.eq(0), 1);
      stepSize.mul_(factor).clamp_(minStep, maxStep);
      // where the gradient's sign flipped, no step this time (and no flip remembered)
      grad = grad.masked_fill(down, 0);
      p.addcmul_(grad.sign(), stepSize, { value: -1 });
      prev.copy_(grad);
    }
  }
}
