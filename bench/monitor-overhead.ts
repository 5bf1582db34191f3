// The training monitor's cost (issue 5): the seed loop (1→8 Tanh→1, 11 points, 5000 SGD epochs)
// with and without `monitor(model)` recording every epoch's loss and gradient/weight
// histograms, in the same process, alternating runs. The promise is ≤ 10% overhead.
import { nn, optim, torch } from '../engine/index';
import { createViews } from '../app/kernel/views/index';
import { SEED_EPOCHS, SEED_LR } from './workloads';
import { median } from './timing';

const now = () => performance.now();
/** A display host that throws the bundles away (the page's cost is not the kernel's). */
const host = { display: () => ({ update: () => {} }), now, setTimeout: (f: () => void, ms: number) => setTimeout(f, ms), clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>) };

function seedLoop(withMonitor: boolean, clock: 'wall' | 'cpu'): number {
  torch.manual_seed(0);
  const t_c = torch.tensor([0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]).unsqueeze(1);
  const t_u = torch.tensor([35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]).unsqueeze(1).mul(0.1);
  const model = nn.Sequential(nn.Linear(1, 8), nn.Tanh(), nn.Linear(8, 1));
  const opt = optim.SGD(model.parameters(), { lr: SEED_LR });
  const loss_fn = nn.MSELoss();
  const mon = withMonitor ? createViews(host).monitor(model) : null;
  const c0 = process.cpuUsage(), t0 = now();
  for (let e = 0; e < SEED_EPOCHS; e++) {
    const loss = loss_fn(model(t_u), t_c);
    opt.zero_grad();
    loss.backward();
    opt.step();
    mon?.epoch({ loss });
  }
  mon?.close();
  return clock === 'cpu' ? process.cpuUsage(c0).user / 1e6 : (now() - t0) / 1000;
}

export function monitorOverhead(clock: 'wall' | 'cpu' = 'cpu', reps = 6): { plain: number; monitored: number; overhead: number } {
  seedLoop(false, clock);
  seedLoop(true, clock);
  const plain: number[] = [], monitored: number[] = [];
  // alternate which goes first, so neither always pays for the other's garbage
  for (let i = 0; i < reps; i++) {
    if (i % 2) monitored.push(seedLoop(true, clock));
    plain.push(seedLoop(false, clock));
    if (!(i % 2)) monitored.push(seedLoop(true, clock));
  }
  const p = median(plain), m = median(monitored);
  return { plain: p, monitored: m, overhead: m / p - 1 };
}

/**
 * The monitor's own cost per epoch in steady state (JIT warm, no training noise): `mon.epoch({loss})`
 * on the seed model, for `epochs` epochs, histograms included on the monitor's stride.
 */
export function monitorCostPerEpoch(epochs = 5000, rounds = 5): number {
  torch.manual_seed(0);
  const model = nn.Sequential(nn.Linear(1, 8), nn.Tanh(), nn.Linear(8, 1));
  model(torch.ones(11, 1)).sum().backward();
  const loss = torch.tensor(1.5);
  const per: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const mon = createViews(host).monitor(model);
    const t0 = now();
    for (let e = 0; e < epochs; e++) mon.epoch({ loss });
    mon.close();
    per.push(((now() - t0) * 1000) / epochs);
  }
  return median(per.slice(1));
}

if (process.argv[1]?.endsWith('monitor-overhead.ts')) {
  const us = monitorCostPerEpoch();
  console.log(`monitor.epoch() alone: ${us.toFixed(2)} µs per epoch over a ${SEED_EPOCHS}-epoch run (steady state, histograms on the monitor's stride)`);
  const clock = process.argv.includes('--wall') ? 'wall' : 'cpu';
  const r = monitorOverhead(clock);
  console.log(`seed loop (${SEED_EPOCHS} epochs): ${r.plain.toFixed(3)} s, with monitor ${r.monitored.toFixed(3)} s → overhead ${(r.overhead * 100).toFixed(1)}% (${clock} time, median of 6; noisy)`);
  console.log(`monitor cost / seed-loop epoch: ${((us * 1e-6 * SEED_EPOCHS) / r.plain * 100).toFixed(1)}% (target ≤ 10%)`);
}
