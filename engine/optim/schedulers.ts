// Learning-rate schedulers, in PyTorch's chainable (recursive) form so values match bit for bit.
import { RuntimeError } from '../errors';
import { parseArgs } from '../args';
import type { Optimizer } from './optimizer';

const pymod = (a: number, b: number) => ((a % b) + b) % b;

export abstract class LRScheduler {
  optimizer: Optimizer;
  base_lrs: number[];
  last_epoch: number;
  _step_count = 0;
  _last_lr: number[] = [];
  constructor(optimizer: Optimizer, last_epoch = -1) {
    this.optimizer = optimizer;
    if (last_epoch === -1) for (const g of optimizer.param_groups) if (g.initial_lr === undefined) g.initial_lr = g.lr;
    else
      optimizer.param_groups.forEach((g, i) => {
        if (g.initial_lr === undefined) throw new RuntimeError(`param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`);
      });
    this.base_lrs = optimizer.param_groups.map((g) => g.initial_lr as number);
    this.last_epoch = last_epoch;
  }
  /** Subclasses call this at the end of their constructor (PyTorch's `_initial_step`). */
  protected _initial_step(): void {
    this._step_count = 0;
    this.step();
  }
  abstract get_lr(): number[];
  /** Advances one epoch and sets each group's lr. */
  step(): void {
    this._step_count++;
    this.last_epoch++;
    const lrs = this.get_lr();
    this.optimizer.param_groups.forEach((g, i) => (g.lr = lrs[i]));
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr);
  }
  /** The lrs set by the last `step()`. */
  get_last_lr(): number[] {
    return [...this._last_lr];
  }
  state_dict(): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this).filter(([k]) => k !== 'optimizer'));
  }
  load_state_dict(sd: Record<string, unknown>): void {
    Object.assign(this, sd);
  }
  protected get lrs(): number[] {
    return this.optimizer.param_groups.map((g) => g.lr);
  }
}

/** Multiplies the lr by gamma every step_size epochs. @example optim.lr_scheduler.StepLR(optimizer, {step_size: 30, gamma: 0.1}) */
export class StepLR extends LRScheduler {
  step_size: number;
  gamma: number;
  constructor(optimizer: Optimizer, step_size: number | { step_size: number; gamma?: number; last_epoch?: number }, ...rest: unknown[]);
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    const o = parseArgs<{ step_size: number; gamma: number; last_epoch: number; verbose: boolean }>('StepLR', args, ['step_size', 'gamma', 'last_epoch', 'verbose'], { gamma: 0.1, last_epoch: -1 });
    super(optimizer, o.last_epoch);
    this.step_size = o.step_size;
    this.gamma = o.gamma;
    this._initial_step();
  }
  get_lr(): number[] {
    if (this.last_epoch === 0 || this.last_epoch % this.step_size !== 0) return this.lrs;
    return this.lrs.map((lr) => lr * this.gamma);
  }
}

/** Multiplies the lr by gamma at each milestone epoch. */
export class MultiStepLR extends LRScheduler {
  milestones: number[];
  gamma: number;
  constructor(optimizer: Optimizer, milestones: number[] | { milestones: number[]; gamma?: number; last_epoch?: number }, ...rest: unknown[]);
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    const o = parseArgs<{ milestones: number[]; gamma: number; last_epoch: number; verbose: boolean }>('MultiStepLR', args, ['milestones', 'gamma', 'last_epoch', 'verbose'], { gamma: 0.1, last_epoch: -1 });
    super(optimizer, o.last_epoch);
    this.milestones = [...o.milestones].sort((a, b) => a - b);
    this.gamma = o.gamma;
    this._initial_step();
  }
  get_lr(): number[] {
    const k = this.milestones.filter((m) => m === this.last_epoch).length;
    return k ? this.lrs.map((lr) => lr * this.gamma ** k) : this.lrs;
  }
}

/** Multiplies the lr by gamma every epoch. */
export class ExponentialLR extends LRScheduler {
  gamma: number;
  constructor(optimizer: Optimizer, gamma: number | { gamma: number; last_epoch?: number }, ...rest: unknown[]);
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    const o = parseArgs<{ gamma: number; last_epoch: number; verbose: boolean }>('ExponentialLR', args, ['gamma', 'last_epoch', 'verbose'], { last_epoch: -1 });
    super(optimizer, o.last_epoch);
    this.gamma = o.gamma;
    this._initial_step();
  }
  get_lr(): number[] {
    return this.last_epoch === 0 ? this.lrs : this.lrs.map((lr) => lr * this.gamma);
  }
}

/** Cosine annealing from the initial lr to eta_min over T_max epochs (then back up, as PyTorch). */
export class CosineAnnealingLR extends LRScheduler {
  T_max: number;
  eta_min: number;
  constructor(optimizer: Optimizer, T_max: number | { T_max: number; eta_min?: number; last_epoch?: number }, ...rest: unknown[]);
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    const o = parseArgs<{ T_max: number; eta_min: number; last_epoch: number; verbose: boolean }>('CosineAnnealingLR', args, ['T_max', 'eta_min', 'last_epoch', 'verbose'], { eta_min: 0, last_epoch: -1 });
    super(optimizer, o.last_epoch);
    this.T_max = o.T_max;
    this.eta_min = o.eta_min;
    this._initial_step();
  }
  get_lr(): number[] {
    const { last_epoch: e, T_max: T, eta_min } = this;
    if (e === 0) return this.lrs;
    if (this._step_count === 1 && e > 0) return this.base_lrs.map((b) => eta_min + ((b - eta_min) * (1 + Math.cos((e * Math.PI) / T))) / 2);
    if (pymod(e - 1 - T, 2 * T) === 0) return this.lrs.map((lr, i) => lr + ((this.base_lrs[i] - eta_min) * (1 - Math.cos(Math.PI / T))) / 2);
    return this.lrs.map((lr) => ((1 + Math.cos((Math.PI * e) / T)) / (1 + Math.cos((Math.PI * (e - 1)) / T))) * (lr - eta_min) + eta_min);
  }
}

/** lr = initial lr × lr_lambda(epoch). */
export class LambdaLR extends LRScheduler {
  lr_lambdas: ((epoch: number) => number)[];
  constructor(optimizer: Optimizer, lr_lambda: ((epoch: number) => number) | ((epoch: number) => number)[], last_epoch = -1) {
    super(optimizer, last_epoch);
    this.lr_lambdas = Array.isArray(lr_lambda) ? lr_lambda : optimizer.param_groups.map(() => lr_lambda);
    this._initial_step();
  }
  get_lr(): number[] {
    return this.base_lrs.map((b, i) => b * this.lr_lambdas[i](this.last_epoch));
  }
}

