import { ValueError } from '../errors';
import { pyFloat } from '../nn/pyrepr';
import { parseArgs } from '../args';
import type { Tensor } from '../tensor';
import { Optimizer, zerosLike, type ParamGroup, type Params } from './optimizer';

export interface AdamOptions {
  lr?: number;
  betas?: [number, number] | number[];
  eps?: number;
  weight_decay?: number;
  amsgrad?: boolean;
  maximize?: boolean;
  foreach?: boolean | null;
  capturable?: boolean;
  differentiable?: boolean;
  fused?: boolean | null;
}
const NAMES = ['lr', 'betas', 'eps', 'weight_decay', 'amsgrad', 'maximize', 'foreach', 'capturable', 'differentiable', 'fused'];

function check(o: Required<AdamOptions>): void {
  if (o.lr < 0) throw new ValueError(`Invalid learning rate: ${o.lr}`);
  if (o.eps < 0) throw new ValueError(`Invalid epsilon value: ${o.eps}`);
  if (!(o.betas[0] >= 0 && o.betas[0] < 1)) throw new ValueError(`Invalid beta parameter at index 0: ${pyFloat(o.betas[0])}`);
  if (!(o.betas[1] >= 0 && o.betas[1] < 1)) throw new ValueError(`Invalid beta parameter at index 1: ${pyFloat(o.betas[1])}`);
  if (o.weight_decay < 0) throw new ValueError(`Invalid weight_decay value: ${o.weight_decay}`);
}

/** One Adam update of `p`; `decoupled` is AdamW's weight decay. */
function adamUpdate(opt: Optimizer, g: ParamGroup, p: Tensor, decoupled: boolean): void {
  let grad: Tensor = g.maximize ? p.grad!.neg() : p.grad!;
  const [beta1, beta2] = g.betas as number[];
  const s = opt._state(p);
  if (s.step === undefined) {
    s.step = 0;
    s.exp_avg = zerosLike(p);
    s.exp_avg_sq = zerosLike(p);
    if (g.amsgrad) s.max_exp_avg_sq = zerosLike(p);
  }
  s.step = (s.step as number) + 1;
  if (decoupled) p.mul_(1 - g.lr * g.weight_decay);
  else if (g.weight_decay !== 0) grad = grad.add(p.detach(), { alpha: g.weight_decay });
  const m = s.exp_avg as Tensor, v = s.exp_avg_sq as Tensor;
  m.mul_(beta1).add_(grad, { alpha: 1 - beta1 });
  v.mul_(beta2).addcmul_(grad, grad, { value: 1 - beta2 });
  const step = s.step as number;
  const bc1 = 1 - beta1 ** step;
  const bc2sqrt = Math.sqrt(1 - beta2 ** step);
  let vv = v;
  if (g.amsgrad) {
    const mx = s.max_exp_avg_sq as Tensor;
    mx.copy_(mx.maximum(v));
    vv = mx;
  }
  const denom = vv.sqrt().div(bc2sqrt).add(g.eps);
  p.addcdiv_(m, denom, { value: -g.lr / bc1 });
}

/**
 * Adam (Kingma & Ba), with L2 weight decay added to the gradient and optional AMSGrad.
 * @example const optimizer = optim.Adam(model.parameters(), {lr: 1e-3})
 */
export class Adam extends Optimizer {
  constructor(params: Params, lr?: number | AdamOptions, ...rest: unknown[]);
  constructor(params: Params, ...args: unknown[]) {
    const o = parseArgs<Required<AdamOptions>>('Adam', args, NAMES, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, amsgrad: false, maximize: false, foreach: null, capturable: false, differentiable: false, fused: null });
    check(o);
    super(params, { ...o, betas: [...o.betas] });
  }
  _step_group(g: ParamGroup): void {
    for (const p of g.params) if (p.grad) adamUpdate(this, g, p, false);
  }
}

/** Adam with decoupled weight decay (default 0.01). */
export class AdamW extends Optimizer {
  constructor(params: Params, lr?: number | AdamOptions, ...rest: unknown[]);
  constructor(params: Params, ...args: unknown[]) {
    const o = parseArgs<Required<AdamOptions>>('AdamW', args, NAMES, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 1e-2, amsgrad: false, maximize: false, foreach: null, capturable: false, differentiable: false, fused: null });
    check(o);
    super(params, { ...o, betas: [...o.betas] });
  }
  _step_group(g: ParamGroup): void {
    for (const p of g.params) if (p.grad) adamUpdate(this, g, p, true);
  }
}
