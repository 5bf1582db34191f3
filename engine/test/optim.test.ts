// Optimizer trajectories and lr schedules against PyTorch 1.13 (golden/optim.json, from
// scripts/golden/optim_traj.py): Linear(3, 2) from fixed weights, full-batch MSE, a few hundred steps.
import { describe, it } from 'vitest';
import golden from './golden/optim.json';
import { backends, call, expectNumbers, expectTensor, F, makeTensor, MissingOp, nn, optim, type Dyn, type Encoded } from './harness';

interface OptCase {
  id: string;
  optimizer: string;
  kwargs: Record<string, unknown>;
  losses: number[];
  final: Record<string, Encoded>;
  /** Tolerances measured from PyTorch's own spread under rounding (scripts/golden/optim_traj.py). */
  rtol: { losses: number[]; final: { rtol: number; atol: number } };
  param_groups?: { params: string[]; [k: string]: unknown }[];
  scheduler?: { name: string; kwargs: Record<string, unknown> };
}
interface SchedCase {
  id: string;
  scheduler: string;
  kwargs: Record<string, unknown>;
  lr: number;
  epochs: number;
  lrs: number[];
  last_lr: number[];
  opt_kwargs?: Record<string, unknown>;
  /** lr_lambda by name (LAMBDAS); several names: one per param group. */
  lambdas?: string[];
  /** Schedulers built first and passed as `schedulers` (SequentialLR, ChainedScheduler). */
  children?: { name: string; kwargs: Record<string, unknown> }[];
  /** ReduceLROnPlateau's metric per epoch. */
  metrics?: number[];
  /** Arguments of step(epoch). */
  step_epochs?: number[];
  momentums?: number[];
}

/** The lr_lambda functions of scripts/golden/optim_traj.py, by the same names. */
const LAMBDAS: Record<string, (e: number) => number> = {
  'pow0.95': (e) => 0.95 ** e,
  warmup4: (e) => Math.min(1.0, (e + 1) / 4),
  halve_odd: (e) => (e % 2 ? 0.5 : 1.0),
};

const problem = golden.problem as unknown as Record<'weight' | 'bias' | 'X' | 'Y', Encoded>;
const devices = await backends();

function scheduler(opt: Dyn, s: { name: string; kwargs: Record<string, unknown> }): Dyn {
  const ns = optim.lr_scheduler;
  if (!ns) throw new MissingOp('optim.lr_scheduler');
  return call(ns, 'optim.lr_scheduler', s.name, [opt, s.kwargs]);
}

/** Runs the case's trajectory; with `resumeAt`, hands over to a fresh optimizer via state_dict() there. */
async function runTrajectory(c: OptCase, device: string, resumeAt?: number): Promise<void> {
  if (!optim) throw new MissingOp('optim');
  let model = nn.Linear(3, 2);
  model.load_state_dict({ weight: makeTensor(problem.weight), bias: makeTensor(problem.bias) });
  if (device !== 'cpu') model = model.to(device);
  const X = makeTensor(problem.X, { device });
  const Y = makeTensor(problem.Y, { device });
  const named = new Map<string, Dyn>(model.named_parameters());
  const params = c.param_groups ? c.param_groups.map((g) => ({ ...g, params: g.params.map((n) => named.get(n)) })) : model.parameters();
  let opt = call(optim, 'optim', c.optimizer, [params, c.kwargs]);
  const sched = c.scheduler ? scheduler(opt, c.scheduler) : null;
  const checkpoints = new Set(golden.checkpoints);
  const losses: number[] = [];
  for (let step = 1; step <= golden.steps; step++) {
    if (step === resumeAt) {
      const saved = call(opt, c.optimizer, 'state_dict', []);
      opt = call(optim, 'optim', c.optimizer, [params, c.kwargs]);
      call(opt, c.optimizer, 'load_state_dict', [saved]);
    }
    opt.zero_grad();
    const loss = F.mse_loss(model(X), Y);
    loss.backward();
    opt.step();
    sched?.step();
    if (checkpoints.has(step)) losses.push(Number(await loss.item()));
  }
  c.losses.forEach((want, i) =>
    expectNumbers([losses[i]], [want], { rtol: c.rtol.losses[i], atol: 1e-7 }, `loss at step ${golden.checkpoints[i]} (all: ${losses.join(', ')})`),
  );
  for (const [name, want] of Object.entries(c.final)) await expectTensor(named.get(name), want, c.rtol.final, `final ${name}`);
}

async function runSchedule(c: SchedCase): Promise<void> {
  if (!optim) throw new MissingOp('optim');
  const p = nn.Parameter(makeTensor({ shape: [1], dtype: 'float32', data: [0] }));
  const opt = optim.SGD([p], { lr: c.lr, ...c.opt_kwargs });
  const kwargs: Record<string, unknown> = { ...c.kwargs };
  if (c.lambdas) kwargs.lr_lambda = c.lambdas.length === 1 ? LAMBDAS[c.lambdas[0]] : c.lambdas.map((n) => LAMBDAS[n]);
  const children = c.children?.map((k) => scheduler(opt, k));
  let sched: Dyn;
  if (c.scheduler === 'ChainedScheduler') sched = optim.lr_scheduler.ChainedScheduler(children);
  else sched = scheduler(opt, { name: c.scheduler, kwargs: children ? { ...kwargs, schedulers: children } : kwargs });
  const lrs: number[] = [], moms: number[] = [];
  for (let e = 0; e < c.epochs; e++) {
    lrs.push(opt.param_groups[0].lr);
    moms.push(opt.param_groups[0].momentum);
    opt.step();
    if (c.metrics) sched.step(c.metrics[e]);
    else if (c.step_epochs) sched.step(c.step_epochs[e]);
    else sched.step();
  }
  const tol = { rtol: 1e-9, atol: 1e-12 };
  expectNumbers(lrs, c.lrs, tol, 'param_groups[0].lr per epoch');
  if (c.momentums) expectNumbers(moms, c.momentums, tol, 'param_groups[0].momentum per epoch');
  expectNumbers(call(sched, c.scheduler, 'get_last_lr', []), c.last_lr, tol, 'get_last_lr()');
}

describe.each(devices)('optimizers vs PyTorch on %s', (device) => {
  for (const c of golden.cases as unknown as OptCase[]) it(c.id, () => runTrajectory(c, device));
});

describe('optimizer state_dict round trip', () => {
  // Stopping half way, saving the optimizer's state_dict and loading it into a fresh optimizer
  // must continue PyTorch's trajectory exactly.
  const ids = ['SGD/momentum', 'SGD/nesterov', 'Adam/amsgrad', 'AdamW/weight_decay', 'RMSprop/momentum', 'SGD/param_groups'];
  for (const c of (golden.cases as unknown as OptCase[]).filter((c) => ids.includes(c.id))) it(`${c.id} resumed at step 150`, () => runTrajectory(c, 'cpu', 150));
});

describe('zero_grad', () => {
  it('sets gradients to null by default (current PyTorch), and to zeros with set_to_none: false', async () => {
    const model = nn.Linear(3, 2);
    const opt = optim.SGD(model.parameters(), { lr: 0.1 });
    model(makeTensor(problem.X)).sum().backward();
    opt.zero_grad();
    for (const p of model.parameters() as Dyn[]) if (p.grad !== null) throw new Error(`grad is ${String(p.grad)} after zero_grad(), expected null`);
    model(makeTensor(problem.X)).sum().backward();
    opt.zero_grad({ set_to_none: false });
    for (const p of model.parameters() as Dyn[]) {
      const g = Array.from((await p.grad.data()) as Float32Array);
      if (g.some((v) => v !== 0)) throw new Error('zero_grad({set_to_none: false}) left non-zero gradients');
    }
  });
});

describe('lr schedulers vs PyTorch', () => {
  for (const c of golden.schedules as unknown as SchedCase[]) it(c.id, () => runSchedule(c));
});
