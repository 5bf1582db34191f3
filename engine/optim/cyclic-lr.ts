// CyclicLR (Smith, "Cyclical Learning Rates for Training Neural Networks"), as PyTorch 2.x's:
// triangular / triangular2 / exp_range or a custom scale_fn, and momentum (SGD's `momentum`, or
// beta1 of Adam-like optimizers) cycled inversely when `cycle_momentum` is on.
import { parseArgs } from '../args';
import { ValueError } from '../errors';
import type { Optimizer } from './optimizer';
import { checkOptimizer, LRScheduler } from './schedulers';

export interface CyclicLROptions {
  base_lr: number | number[];
  max_lr: number | number[];
  step_size_up?: number;
  step_size_down?: number | null;
  mode?: 'triangular' | 'triangular2' | 'exp_range';
  gamma?: number;
  scale_fn?: ((x: number) => number) | null;
  scale_mode?: 'cycle' | 'iterations';
  cycle_momentum?: boolean;
  base_momentum?: number | number[];
  max_momentum?: number | number[];
  last_epoch?: number;
  verbose?: boolean | string;
}

function formatParam(name: string, optimizer: Optimizer, v: number | number[]): number[] {
  const n = optimizer.param_groups.length;
  if (Array.isArray(v)) {
    if (v.length !== n) throw new ValueError(`expected ${n} values for ${name}, got ${v.length}`);
    return [...v];
  }
  return Array.from({ length: n }, () => v);
}

/**
 * Cycles the lr between base_lr and max_lr every step_size_up + step_size_down batches (call
 * `step()` after each batch).
 * @example optim.lr_scheduler.CyclicLR(optimizer, {base_lr: 0.01, max_lr: 0.1, step_size_up: 4})
 */
export class CyclicLR extends LRScheduler {
  max_lrs: number[];
  total_size: number;
  step_ratio: number;
  mode: string;
  gamma: number;
  scale_mode: string;
  cycle_momentum: boolean;
  use_beta1 = false;
  base_momentums: number[] = [];
  max_momentums: number[] = [];
  private _scale_fn: (x: number) => number;
  constructor(optimizer: Optimizer, base_lr: number | number[] | CyclicLROptions, ...rest: unknown[]);
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    checkOptimizer(optimizer);
    const o = parseArgs<Required<CyclicLROptions>>('CyclicLR', args, ['base_lr', 'max_lr', 'step_size_up', 'step_size_down', 'mode', 'gamma', 'scale_fn', 'scale_mode', 'cycle_momentum', 'base_momentum', 'max_momentum', 'last_epoch', 'verbose'],
      { step_size_up: 2000, step_size_down: null, mode: 'triangular', gamma: 1, scale_fn: null, scale_mode: 'cycle', cycle_momentum: true, base_momentum: 0.8, max_momentum: 0.9, last_epoch: -1 });
    const baseLrs = formatParam('base_lr', optimizer, o.base_lr);
    if (o.last_epoch === -1) optimizer.param_groups.forEach((g, i) => (g.lr = baseLrs[i]));
    const maxLrs = formatParam('max_lr', optimizer, o.max_lr);
    const up = Number(o.step_size_up), down = o.step_size_down === null || o.step_size_down === undefined ? up : Number(o.step_size_down);
    if (!['triangular', 'triangular2', 'exp_range'].includes(o.mode) && !o.scale_fn) throw new ValueError('mode is invalid and scale_fn is None');
    let scaleFn = o.scale_fn, scaleMode = o.scale_mode;
    if (!scaleFn) {
      if (o.mode === 'triangular') [scaleFn, scaleMode] = [() => 1, 'cycle'];
      else if (o.mode === 'triangular2') [scaleFn, scaleMode] = [(x: number) => 1 / 2 ** (x - 1), 'cycle'];
      else [scaleFn, scaleMode] = [(x: number) => o.gamma ** x, 'iterations'];
    }
    let useBeta1 = false, baseMoms: number[] = [], maxMoms: number[] = [];
    if (o.cycle_momentum) {
      if (!('momentum' in optimizer.defaults) && !('betas' in optimizer.defaults)) throw new ValueError('optimizer must support momentum or beta1 with `cycle_momentum` option enabled');
      useBeta1 = 'betas' in optimizer.defaults;
      baseMoms = formatParam('base_momentum', optimizer, o.base_momentum);
      maxMoms = formatParam('max_momentum', optimizer, o.max_momentum);
      if (o.last_epoch === -1)
        optimizer.param_groups.forEach((g, i) => {
          if (useBeta1) g.betas = [maxMoms[i], ...(g.betas as number[]).slice(1)];
          else g.momentum = maxMoms[i];
          g.max_momentum = maxMoms[i];
          g.base_momentum = baseMoms[i];
        });
    }
    super(optimizer, o.last_epoch);
    this.max_lrs = maxLrs;
    this.total_size = up + down;
    this.step_ratio = up / this.total_size;
    this.mode = o.mode;
    this.gamma = o.gamma;
    this.scale_mode = scaleMode;
    this._scale_fn = scaleFn;
    this.cycle_momentum = o.cycle_momentum;
    this.use_beta1 = useBeta1;
    this.base_momentums = baseMoms;
    this.max_momentums = maxMoms;
    this.base_lrs = baseLrs;
    this._initial_step();
  }
  /** The scale of the cycle's amplitude at `x` (the cycle number, or the iteration for exp_range). */
  scale_fn(x: number): number {
    return this._scale_fn(x);
  }
  get_lr(): number[] {
    const cycle = Math.floor(1 + this.last_epoch / this.total_size);
    const x = 1 + this.last_epoch / this.total_size - cycle;
    const scaleFactor = x <= this.step_ratio ? x / this.step_ratio : (x - 1) / (this.step_ratio - 1);
    const at = this.scale_mode === 'cycle' ? cycle : this.last_epoch;
    const lrs = this.base_lrs.map((b, i) => b + (this.max_lrs[i] - b) * scaleFactor * this.scale_fn(at));
    if (this.cycle_momentum) {
      this.optimizer.param_groups.forEach((g, i) => {
        const m = this.max_momentums[i] - (this.max_momentums[i] - this.base_momentums[i]) * scaleFactor * this.scale_fn(at);
        if (this.use_beta1) g.betas = [m, ...(g.betas as number[]).slice(1)];
        else g.momentum = m;
      });
    }
    return lrs;
  }
}
