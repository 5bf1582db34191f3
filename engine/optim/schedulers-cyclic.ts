// Schedulers with their own stepping rules: CosineAnnealingWarmRestarts, OneCycleLR,
// ReduceLROnPlateau (driven by a metric), and the combinators SequentialLR and ChainedScheduler.
import { ValueError } from '../errors';
import { parseArgs } from '../args';
import { Tensor } from '../tensor';
import type { Optimizer } from './optimizer';
import { bisectRight, checkOptimizer, LRScheduler } from './schedulers';

/**
 * Cosine annealing restarted every T_i epochs (T_0, then ×T_mult); `step(epoch)` takes fractional epochs.
 * @example optim.lr_scheduler.CosineAnnealingWarmRestarts(optimizer, {T_0: 10, T_mult: 2})
 */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  T_0: number;
  T_i: number;
  T_mult: number;
  eta_min: number;
  T_cur: number;
  constructor(optimizer: Optimizer, T_0: number | { T_0: number; T_mult?: number; eta_min?: number; last_epoch?: number }, ...rest: unknown[]);
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    const o = parseArgs<{ T_0: number; T_mult: number; eta_min: number; last_epoch: number; verbose: unknown }>('CosineAnnealingWarmRestarts', args, ['T_0', 'T_mult', 'eta_min', 'last_epoch', 'verbose'], { T_mult: 1, eta_min: 0, last_epoch: -1 });
    if (!Number.isInteger(o.T_0) || o.T_0 <= 0) throw new ValueError(`Expected positive integer T_0, but got ${o.T_0}`);
    if (!Number.isInteger(o.T_mult) || o.T_mult < 1) throw new ValueError(`Expected integer T_mult >= 1, but got ${o.T_mult}`);
    super(optimizer, o.last_epoch);
    this.T_0 = this.T_i = o.T_0;
    this.T_mult = o.T_mult;
    this.eta_min = o.eta_min;
    this.T_cur = o.last_epoch;
    this._initial_step();
  }
  get_lr(): number[] {
    return this.base_lrs.map((b) => this.eta_min + ((b - this.eta_min) * (1 + Math.cos((Math.PI * this.T_cur) / this.T_i))) / 2);
  }
  step(epoch?: number): void {
    let e = epoch ?? null;
    if (e === null && this.last_epoch < 0) e = 0;
    if (e === null) {
      e = this.last_epoch + 1;
      this.T_cur += 1;
      if (this.T_cur >= this.T_i) {
        this.T_cur -= this.T_i;
        this.T_i *= this.T_mult;
      }
    } else {
      if (e < 0) throw new ValueError(`Expected non-negative epoch, but got ${e}`);
      if (e >= this.T_0) {
        if (this.T_mult === 1) this.T_cur = e % this.T_0;
        else {
          const n = Math.floor(Math.log((e / this.T_0) * (this.T_mult - 1) + 1) / Math.log(this.T_mult));
          this.T_cur = e - (this.T_0 * (this.T_mult ** n - 1)) / (this.T_mult - 1);
          this.T_i = this.T_0 * this.T_mult ** n;
        }
      } else {
        this.T_i = this.T_0;
        this.T_cur = e;
      }
    }
    this._step_count++;
    this.last_epoch = Math.floor(e);
    const lrs = this.get_lr();
    this.optimizer.param_groups.forEach((g, i) => (g.lr = lrs[i]));
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr);
  }
}

/** One value per param group: a list of that length, or one value repeated. */
function perGroup(optimizer: Optimizer, name: string, v: number | number[]): number[] {
  const n = optimizer.param_groups.length;
  if (Array.isArray(v)) {
    if (v.length !== n) throw new ValueError(`expected ${n} values for ${name}, got ${v.length}`);
    return [...v];
  }
  return Array.from({ length: n }, () => v);
}

interface OneCycleOptions {
  max_lr: number | number[];
  total_steps?: number | null;
  epochs?: number | null;
  steps_per_epoch?: number | null;
  pct_start?: number;
  anneal_strategy?: 'cos' | 'linear';
  cycle_momentum?: boolean;
  base_momentum?: number | number[];
  max_momentum?: number | number[];
  div_factor?: number;
  final_div_factor?: number;
  three_phase?: boolean;
  last_epoch?: number;
}
interface Phase {
  end_step: number;
  start_lr: string;
  end_lr: string;
  start_momentum: string;
  end_momentum: string;
}

/**
 * The 1cycle policy: lr warms up from max_lr/div_factor to max_lr, then anneals to a tiny minimum
 * (momentum cycles the other way). Step it once per batch.
 * @example optim.lr_scheduler.OneCycleLR(optimizer, {max_lr: 0.1, epochs: 10, steps_per_epoch: 100})
 */
export class OneCycleLR extends LRScheduler {
  total_steps: number;
  _schedule_phases: Phase[];
  anneal_strategy: 'cos' | 'linear';
  cycle_momentum: boolean;
  use_beta1 = false;
  constructor(optimizer: Optimizer, max_lr: number | number[] | OneCycleOptions, ...rest: unknown[]);
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    checkOptimizer(optimizer);
    const o = parseArgs<Required<OneCycleOptions> & { verbose: unknown }>('OneCycleLR', args,
      ['max_lr', 'total_steps', 'epochs', 'steps_per_epoch', 'pct_start', 'anneal_strategy', 'cycle_momentum', 'base_momentum', 'max_momentum', 'div_factor', 'final_div_factor', 'three_phase', 'last_epoch', 'verbose'],
      { total_steps: null, epochs: null, steps_per_epoch: null, pct_start: 0.3, anneal_strategy: 'cos', cycle_momentum: true, base_momentum: 0.85, max_momentum: 0.95, div_factor: 25, final_div_factor: 1e4, three_phase: false, last_epoch: -1 });
    let total: number;
    if (o.total_steps != null) {
      if (!Number.isInteger(o.total_steps) || o.total_steps <= 0) throw new ValueError(`Expected positive integer total_steps, but got ${o.total_steps}`);
      total = o.total_steps;
    } else if (o.epochs != null && o.steps_per_epoch != null) {
      if (!Number.isInteger(o.epochs) || o.epochs <= 0) throw new ValueError(`Expected positive integer epochs, but got ${o.epochs}`);
      if (!Number.isInteger(o.steps_per_epoch) || o.steps_per_epoch <= 0) throw new ValueError(`Expected positive integer steps_per_epoch, but got ${o.steps_per_epoch}`);
      total = o.epochs * o.steps_per_epoch;
    } else throw new ValueError('You must define either total_steps OR (epochs AND steps_per_epoch)');
    if (!(o.pct_start >= 0 && o.pct_start <= 1)) throw new ValueError(`Expected float between 0 and 1 pct_start, but got ${o.pct_start}`);
    if (o.anneal_strategy !== 'cos' && o.anneal_strategy !== 'linear') throw new ValueError(`anneal_strategy must be one of 'cos' or 'linear', instead got ${String(o.anneal_strategy)}`);
    const max_lrs = perGroup(optimizer, 'max_lr', o.max_lr);
    if (o.last_epoch === -1)
      optimizer.param_groups.forEach((g, i) => {
        g.initial_lr = max_lrs[i] / o.div_factor;
        g.max_lr = max_lrs[i];
        g.min_lr = g.initial_lr / o.final_div_factor;
      });
    let useBeta1 = false;
    if (o.cycle_momentum) {
      if (!('momentum' in optimizer.defaults) && !('betas' in optimizer.defaults))
        throw new ValueError('optimizer must support momentum or beta1 with `cycle_momentum` option enabled');
      useBeta1 = 'betas' in optimizer.defaults;
      const maxM = perGroup(optimizer, 'max_momentum', o.max_momentum), baseM = perGroup(optimizer, 'base_momentum', o.base_momentum);
      if (o.last_epoch === -1)
        optimizer.param_groups.forEach((g, i) => {
          if (useBeta1) g.betas = [maxM[i], ...(g.betas as number[]).slice(1)];
          else g.momentum = maxM[i];
          g.max_momentum = maxM[i];
          g.base_momentum = baseM[i];
        });
    }
    super(optimizer, o.last_epoch);
    this.total_steps = total;
    const up = o.pct_start * total - 1;
    this._schedule_phases = o.three_phase
      ? [
          { end_step: up, start_lr: 'initial_lr', end_lr: 'max_lr', start_momentum: 'max_momentum', end_momentum: 'base_momentum' },
          { end_step: 2 * o.pct_start * total - 2, start_lr: 'max_lr', end_lr: 'initial_lr', start_momentum: 'base_momentum', end_momentum: 'max_momentum' },
          { end_step: total - 1, start_lr: 'initial_lr', end_lr: 'min_lr', start_momentum: 'max_momentum', end_momentum: 'max_momentum' },
        ]
      : [
          { end_step: up, start_lr: 'initial_lr', end_lr: 'max_lr', start_momentum: 'max_momentum', end_momentum: 'base_momentum' },
          { end_step: total - 1, start_lr: 'max_lr', end_lr: 'min_lr', start_momentum: 'base_momentum', end_momentum: 'max_momentum' },
        ];
    this.anneal_strategy = o.anneal_strategy;
    this.cycle_momentum = o.cycle_momentum;
    this.use_beta1 = useBeta1;
    this._initial_step();
  }
  private anneal(start: number, end: number, pct: number): number {
    if (this.anneal_strategy === 'linear') return (end - start) * pct + start;
    return end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
  }
  get_lr(): number[] {
    const step = this.last_epoch;
    if (step > this.total_steps) throw new ValueError(`Tried to step ${step} times. The specified number of total steps is ${this.total_steps}`);
    return this.optimizer.param_groups.map((g) => {
      let start = 0;
      let lr = 0, mom = 0;
      for (let i = 0; i < this._schedule_phases.length; i++) {
        const ph = this._schedule_phases[i];
        if (step <= ph.end_step || i === this._schedule_phases.length - 1) {
          const pct = (step - start) / (ph.end_step - start);
          lr = this.anneal(g[ph.start_lr], g[ph.end_lr], pct);
          if (this.cycle_momentum) mom = this.anneal(g[ph.start_momentum], g[ph.end_momentum], pct);
          break;
        }
        start = ph.end_step;
      }
      if (this.cycle_momentum) {
        if (this.use_beta1) g.betas = [mom, ...(g.betas as number[]).slice(1)];
        else g.momentum = mom;
      }
      return lr;
    });
  }
}

interface PlateauOptions {
  mode?: 'min' | 'max';
  factor?: number;
  patience?: number;
  threshold?: number;
  threshold_mode?: 'rel' | 'abs';
  cooldown?: number;
  min_lr?: number | number[];
  eps?: number;
  /** Prints each reduction (PyTorch's `Epoch 00004: reducing learning rate of group 0 to 1.0000e-02.`). */
  verbose?: boolean;
}

/**
 * Cuts the lr by `factor` when the metric passed to `step(metric)` has not improved for `patience` epochs.
 * @example const sched = optim.lr_scheduler.ReduceLROnPlateau(optimizer, {patience: 2}); sched.step(0.42)
 */
export class ReduceLROnPlateau {
  optimizer: Optimizer;
  mode: 'min' | 'max';
  factor: number;
  patience: number;
  threshold: number;
  threshold_mode: 'rel' | 'abs';
  cooldown: number;
  min_lrs: number[];
  eps: number;
  /** Prints each reduction, as PyTorch's `verbose=True`. */
  verbose = false;
  best = 0;
  num_bad_epochs = 0;
  cooldown_counter = 0;
  mode_worse = Infinity;
  last_epoch = 0;
  _last_lr: number[];
  constructor(optimizer: Optimizer, mode?: 'min' | 'max' | PlateauOptions, ...rest: unknown[]);
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    checkOptimizer(optimizer);
    const o = parseArgs<Required<PlateauOptions>>('ReduceLROnPlateau', args, ['mode', 'factor', 'patience', 'threshold', 'threshold_mode', 'cooldown', 'min_lr', 'eps', 'verbose'],
      { mode: 'min', factor: 0.1, patience: 10, threshold: 1e-4, threshold_mode: 'rel', cooldown: 0, min_lr: 0, eps: 1e-8 });
    if (o.factor >= 1) throw new ValueError('Factor should be < 1.0.');
    if (Array.isArray(o.min_lr) && o.min_lr.length !== optimizer.param_groups.length) throw new ValueError(`expected ${optimizer.param_groups.length} min_lrs, got ${o.min_lr.length}`);
    if (o.mode !== 'min' && o.mode !== 'max') throw new ValueError(`mode ${String(o.mode)} is unknown!`);
    if (o.threshold_mode !== 'rel' && o.threshold_mode !== 'abs') throw new ValueError(`threshold mode ${String(o.threshold_mode)} is unknown!`);
    this.optimizer = optimizer;
    this.mode = o.mode;
    this.factor = o.factor;
    this.patience = o.patience;
    this.threshold = o.threshold;
    this.threshold_mode = o.threshold_mode;
    this.cooldown = o.cooldown;
    this.min_lrs = perGroup(optimizer, 'min_lr', o.min_lr);
    this.eps = o.eps;
    this.verbose = o.verbose === true;
    this.mode_worse = o.mode === 'min' ? Infinity : -Infinity;
    this._last_lr = optimizer.param_groups.map((g) => g.lr);
    this._reset();
  }
  _reset(): void {
    this.best = this.mode_worse;
    this.cooldown_counter = 0;
    this.num_bad_epochs = 0;
  }
  get in_cooldown(): boolean {
    return this.cooldown_counter > 0;
  }
  is_better(a: number, best: number): boolean {
    const t = this.threshold;
    if (this.mode === 'min') return this.threshold_mode === 'rel' ? a < best * (1 - t) : a < best - t;
    return this.threshold_mode === 'rel' ? a > best * (t + 1) : a > best + t;
  }
  /** Records this epoch's metric (a number, or a 0-d CPU tensor such as a loss). */
  step(metrics: number | Tensor, epoch?: number): void {
    const current = metrics instanceof Tensor ? Number(metrics.cpu_item()) : Number(metrics);
    this.last_epoch = epoch ?? this.last_epoch + 1;
    if (this.is_better(current, this.best)) {
      this.best = current;
      this.num_bad_epochs = 0;
    } else this.num_bad_epochs++;
    if (this.in_cooldown) {
      this.cooldown_counter--;
      this.num_bad_epochs = 0;
    }
    if (this.num_bad_epochs > this.patience) {
      this.optimizer.param_groups.forEach((g, i) => {
        const oldLr = Number(g.lr);
        const newLr = Math.max(oldLr * this.factor, this.min_lrs[i]);
        if (oldLr - newLr > this.eps) {
          g.lr = newLr;
          // PyTorch's verbose message: `Epoch 00004: reducing learning rate of group 0 to 1.0000e-02.`
          if (this.verbose) console.log(`Epoch ${String(this.last_epoch).padStart(5, '0')}: reducing learning rate of group ${i} to ${pyExp4(newLr)}.`);
        }
      });
      this.cooldown_counter = this.cooldown;
      this.num_bad_epochs = 0;
    }
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr);
  }
  get_last_lr(): number[] {
    return [...this._last_lr];
  }
  state_dict(): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this).filter(([k]) => k !== 'optimizer'));
  }
  load_state_dict(sd: Record<string, unknown>): void {
    Object.assign(this, sd);
  }
}

/**
 * Runs `schedulers` one after another, switching at each milestone epoch.
 * @example
 * const warmup = optim.lr_scheduler.LinearLR(optimizer, {start_factor: 0.1, total_iters: 5});
 * const cosine = optim.lr_scheduler.CosineAnnealingLR(optimizer, {T_max: 95});
 * const sched = optim.lr_scheduler.SequentialLR(optimizer, {schedulers: [warmup, cosine], milestones: [5]})
 */
export class SequentialLR {
  optimizer: Optimizer;
  _schedulers: LRScheduler[];
  _milestones: number[];
  last_epoch: number;
  _last_lr: number[];
  constructor(optimizer: Optimizer, schedulers: LRScheduler[] | { schedulers: LRScheduler[]; milestones: number[]; last_epoch?: number }, milestones?: number[], last_epoch?: number);
  constructor(optimizer: Optimizer, ...args: unknown[]) {
    const o = parseArgs<{ schedulers: LRScheduler[]; milestones: number[]; last_epoch: number; verbose: unknown }>('SequentialLR', args, ['schedulers', 'milestones', 'last_epoch', 'verbose'], { last_epoch: -1 });
    const ss = o.schedulers ?? [];
    if (ss.length < 1) throw new ValueError('SequentialLR expects at least one scheduler, but got no scheduler.');
    ss.forEach((s, i) => {
      if (s instanceof ReduceLROnPlateau) throw new ValueError(`SequentialLR does not support \`ReduceLROnPlateau\` scheduler as it requires additional kwargs to be specified when calling \`step\`, but got one at index ${i} in the given schedulers sequence.`);
      if (!(s instanceof LRScheduler)) throw new TypeError(`SequentialLR at index ${i} should have \`optimizer\` as its attribute.`);
      if (s.optimizer !== optimizer) throw new ValueError(`SequentialLR expects all schedulers to belong to the same optimizer, but got scheduler ${s.constructor.name} at index ${i} has a different optimizer.`);
    });
    if ((o.milestones ?? []).length !== ss.length - 1)
      throw new ValueError(`Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers ${ss.length} and the number of milestones to be equal to ${(o.milestones ?? []).length}`);
    this.optimizer = optimizer;
    this._schedulers = ss;
    this._milestones = [...o.milestones];
    this.last_epoch = o.last_epoch + 1;
    // back to the initial lrs, undo the steps the schedulers took when built, and start the first
    for (const g of optimizer.param_groups) g.lr = g.initial_lr;
    for (const s of ss) s.last_epoch -= 1;
    (ss[0] as unknown as { _initial_step(): void })._initial_step();
    this._last_lr = ss[0].get_last_lr();
  }
  step(): void {
    this.last_epoch++;
    const idx = bisectRight(this._milestones, this.last_epoch);
    const s = this._schedulers[idx];
    if (idx > 0 && this._milestones[idx - 1] === this.last_epoch) s.step(0);
    else s.step();
    this._last_lr = s.get_last_lr();
  }
  get_last_lr(): number[] {
    return [...this._last_lr];
  }
}

/**
 * Steps every scheduler at once (their factors multiply).
 * @example optim.lr_scheduler.ChainedScheduler([optim.lr_scheduler.LinearLR(optimizer), optim.lr_scheduler.ExponentialLR(optimizer, 0.9)])
 */
export class ChainedScheduler {
  optimizer: Optimizer;
  _schedulers: LRScheduler[];
  _last_lr: number[];
  constructor(schedulers: LRScheduler[], optimizer?: Optimizer | null) {
    if (!schedulers.length) throw new ValueError('ChainedScheduler expects at least one scheduler to be chained, but got no scheduler.');
    this.optimizer = optimizer ?? schedulers[0].optimizer;
    this._schedulers = [...schedulers];
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr);
  }
  step(): void {
    for (const s of this._schedulers) s.step();
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr);
  }
  get_last_lr(): number[] {
    return [...this._last_lr];
  }
}

/** Python's `f'{x:.4e}'`: 1.0000e-02 (at least two exponent digits). */
function pyExp4(x: number): string {
  return x.toExponential(4).replace(/e([+-])(\d)$/, 'e$10$2');
}
