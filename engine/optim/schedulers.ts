// Learning-rate schedulers, in PyTorch's chainable (recursive) form so values match bit for bit.
import { KeyError, ValueError } from '../errors';
import { pyName } from '../pyname';
import { Optimizer as OptimizerClass } from './optimizer';
import { parseArgs } from '../args';
type Optimizer = OptimizerClass;

const pymod = (a: number, b: number) => ((a % b) + b) % b;
/** Python's bisect_right: how many of the sorted `xs` are ≤ x. */
export const bisectRight = (xs: number[], x: number) => xs.filter((m) => m <= x).length;

/** PyTorch's `TypeError: Linear is not an Optimizer` for a scheduler given something else. */
export function checkOptimizer(optimizer: unknown): void {
  if (!(optimizer instanceof OptimizerClass)) throw new TypeError(`${optimizer === null || optimizer === undefined ? 'NoneType' : pyName(optimizer as object)} is not an Optimizer`);
}

export abstract class LRScheduler {
  optimizer: Optimizer;
  base_lrs: number[];
  last_epoch: number;
  _step_count = 0;
  _last_lr: number[] = [];
  constructor(optimizer: Optimizer, last_epoch = -1) {
    checkOptimizer(optimizer);
    this.optimizer = optimizer;
    if (last_epoch === -1) {
      for (const g of optimizer.param_groups) if (g.initial_lr === undefined) g.initial_lr = g.lr;
    } else {
      // resuming (last_epoch given): every group must carry initial_lr, PyTorch's KeyError (the
      // check once bound to the wrong `if`, and a resumed scheduler ran on with base_lrs undefined)
      optimizer.param_groups.forEach((g, i) => {
        if (g.initial_lr === undefined) throw new KeyError(`param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`);
      });
    }
    this.base_lrs = optimizer.param_groups.map((g) => g.initial_lr as number);
    this.last_epoch = last_epoch;
  }
  /** Subclasses call this at the end of their constructor (PyTorch's `_initial_step`). */
  protected _initial_step(): void {
    this._step_count = 0;
    this.step();
  }
  abstract get_lr(): number[];
  /** The lrs at `last_epoch` computed directly (not from the previous lrs); used by `step(epoch)`. */
  _get_closed_form_lr?(): number[];
  /**
   * Advances one epoch and sets each group's lr. `step(epoch)` (deprecated in PyTorch) jumps to
   * that epoch, using the closed form where the scheduler has one.
   */
  step(epoch?: number): void {
    this._step_count++;
    let lrs: number[];
    if (epoch === undefined || epoch === null) {
      this.last_epoch++;
      lrs = this.get_lr();
    } else {
      this.last_epoch = epoch;
      lrs = this._get_closed_form_lr ? this._get_closed_form_lr() : this.get_lr();
    }
    this.optimizer.param_groups.forEach((g, i) => (g.lr = lrs[i]));
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr);
  }
  /** The lrs set by the last `step()`. */
  get_last_lr(): number[] {
    return [...this._last_lr];
  }
  /** The scheduler's state (everything but the optimizer and functions such as lr_lambda), as PyTorch. */
  state_dict(): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this).filter(([k, v]) => k !== 'optimizer' && k !== 'lr_lambdas' && typeof v !== 'function'));
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
  _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b) => b * this.gamma ** Math.floor(this.last_epoch / this.step_size));
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
  _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b) => b * this.gamma ** bisectRight(this.milestones, this.last_epoch));
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
  _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b) => b * this.gamma ** this.last_epoch);
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
  _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b) => this.eta_min + ((b - this.eta_min) * (1 + Math.cos((Math.PI * this.last_epoch) / this.T_max))) / 2);
  }
}

type LrLambda = (epoch: number) => number;

/**
 * lr = initial lr × lr_lambda(epoch); one function, or one per param group.
 * @example optim.lr_scheduler.LambdaLR(optimizer, {lr_lambda: (epoch) => 0.95 ** epoch})
 */
export class LambdaLR extends LRScheduler {
  lr_lambdas: LrLambda[];
  constructor(optimizer: Optimizer, lr_lambda: LrLambda | LrLambda[] | { lr_lambda: LrLambda | LrLambda[]; last_epoch?: number }, last_epoch?: number);
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    const o = parseArgs<{ lr_lambda: LrLambda | LrLambda[]; last_epoch: number; verbose: unknown }>('LambdaLR', args, ['lr_lambda', 'last_epoch', 'verbose'], { last_epoch: -1 });
    const lambdas = lambdaList('LambdaLR', optimizer, o.lr_lambda);
    super(optimizer, o.last_epoch);
    this.lr_lambdas = lambdas;
    this._initial_step();
  }
  get_lr(): number[] {
    return this.base_lrs.map((b, i) => b * this.lr_lambdas[i](this.last_epoch));
  }
}

/**
 * Multiplies the lr by lr_lambda(epoch) every epoch after the first.
 * @example optim.lr_scheduler.MultiplicativeLR(optimizer, {lr_lambda: () => 0.95})
 */
export class MultiplicativeLR extends LRScheduler {
  lr_lambdas: LrLambda[];
  constructor(optimizer: Optimizer, lr_lambda: LrLambda | LrLambda[] | { lr_lambda: LrLambda | LrLambda[]; last_epoch?: number }, last_epoch?: number);
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    const o = parseArgs<{ lr_lambda: LrLambda | LrLambda[]; last_epoch: number; verbose: unknown }>('MultiplicativeLR', args, ['lr_lambda', 'last_epoch', 'verbose'], { last_epoch: -1 });
    const lambdas = lambdaList('MultiplicativeLR', optimizer, o.lr_lambda);
    super(optimizer, o.last_epoch);
    this.lr_lambdas = lambdas;
    this._initial_step();
  }
  get_lr(): number[] {
    if (this.last_epoch > 0) return this.lrs.map((lr, i) => lr * this.lr_lambdas[i](this.last_epoch));
    return this.lrs;
  }
}

function lambdaList(name: string, optimizer: Optimizer, f: LrLambda | LrLambda[]): LrLambda[] {
  const n = optimizer.param_groups.length;
  if (!Array.isArray(f)) {
    if (typeof f !== 'function') throw new TypeError(`${name}: lr_lambda must be a function (or one per param group), got ${typeof f}`);
    return Array.from({ length: n }, () => f);
  }
  if (f.length !== n) throw new ValueError(`Expected ${n} lr_lambdas, but got ${f.length}`);
  return [...f];
}

/**
 * Scales the lr linearly from start_factor to end_factor over total_iters epochs (a warmup).
 * @example optim.lr_scheduler.LinearLR(optimizer, {start_factor: 0.1, total_iters: 5})
 */
export class LinearLR extends LRScheduler {
  start_factor: number;
  end_factor: number;
  total_iters: number;
  constructor(optimizer: Optimizer, start_factor?: number | { start_factor?: number; end_factor?: number; total_iters?: number; last_epoch?: number }, ...rest: unknown[]);
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    const o = parseArgs<{ start_factor: number; end_factor: number; total_iters: number; last_epoch: number; verbose: unknown }>('LinearLR', args, ['start_factor', 'end_factor', 'total_iters', 'last_epoch', 'verbose'],
      { start_factor: 1 / 3, end_factor: 1, total_iters: 5, last_epoch: -1 });
    if (o.start_factor > 1 || o.start_factor <= 0) throw new ValueError('Starting multiplicative factor expected to be greater than 0 and less or equal to 1.');
    if (o.end_factor > 1 || o.end_factor < 0) throw new ValueError('Ending multiplicative factor expected to be between 0 and 1.');
    super(optimizer, o.last_epoch);
    this.start_factor = o.start_factor;
    this.end_factor = o.end_factor;
    this.total_iters = o.total_iters;
    this._initial_step();
  }
  get_lr(): number[] {
    const { start_factor: s, end_factor: e, total_iters: n, last_epoch: t } = this;
    if (t === 0) return this.lrs.map((lr) => lr * s);
    if (t > n) return this.lrs;
    return this.lrs.map((lr) => lr * (1 + (e - s) / (n * s + (t - 1) * (e - s))));
  }
  _get_closed_form_lr(): number[] {
    const { start_factor: s, end_factor: e, total_iters: n } = this;
    return this.base_lrs.map((b) => b * (s + ((e - s) * Math.min(n, this.last_epoch)) / n));
  }
}

/**
 * Multiplies the lr by `factor` until epoch total_iters, then restores it.
 * @example optim.lr_scheduler.ConstantLR(optimizer, {factor: 0.5, total_iters: 4})
 */
export class ConstantLR extends LRScheduler {
  factor: number;
  total_iters: number;
  constructor(optimizer: Optimizer, factor?: number | { factor?: number; total_iters?: number; last_epoch?: number }, ...rest: unknown[]);
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    const o = parseArgs<{ factor: number; total_iters: number; last_epoch: number; verbose: unknown }>('ConstantLR', args, ['factor', 'total_iters', 'last_epoch', 'verbose'], { factor: 1 / 3, total_iters: 5, last_epoch: -1 });
    if (o.factor > 1 || o.factor < 0) throw new ValueError('Constant multiplicative factor expected to be between 0 and 1.');
    super(optimizer, o.last_epoch);
    this.factor = o.factor;
    this.total_iters = o.total_iters;
    this._initial_step();
  }
  get_lr(): number[] {
    if (this.last_epoch === 0) return this.lrs.map((lr) => lr * this.factor);
    if (this.last_epoch !== this.total_iters) return this.lrs;
    return this.lrs.map((lr) => lr * (1 / this.factor));
  }
  _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b) => b * (this.factor + (this.last_epoch >= this.total_iters ? 1 - this.factor : 0)));
  }
}

/**
 * Decays the lr polynomially to 0 over `total_iters` steps: `base · (1 − t/total_iters) ** power`.
 * @example const sched = optim.lr_scheduler.PolynomialLR(optimizer, { total_iters: 4, power: 1.0 })
 */
export class PolynomialLR extends LRScheduler {
  total_iters: number;
  power: number;
  constructor(optimizer: Optimizer, total_iters?: number | { total_iters?: number; power?: number; last_epoch?: number }, ...rest: unknown[]);
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    const o = parseArgs<{ total_iters: number; power: number; last_epoch: number; verbose: unknown }>('PolynomialLR', args, ['total_iters', 'power', 'last_epoch', 'verbose'], { total_iters: 5, power: 1, last_epoch: -1 });
    super(optimizer, o.last_epoch);
    this.total_iters = o.total_iters;
    this.power = o.power;
    this._initial_step();
  }
  get_lr(): number[] {
    if (this.last_epoch === 0 || this.last_epoch > this.total_iters) return this.lrs;
    const f = ((1 - this.last_epoch / this.total_iters) / (1 - (this.last_epoch - 1) / this.total_iters)) ** this.power;
    return this.lrs.map((lr) => lr * f);
  }
  _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b) => b * (1 - Math.min(this.total_iters, this.last_epoch) / this.total_iters) ** this.power);
  }
}
