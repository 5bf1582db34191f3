// The training monitor's cost (issues 5 and 21): the seed loop (1→8 Tanh→1, 11 points, 5000 SGD
// epochs) with and without `monitor(model)` recording every epoch's loss and gradient/weight
// histograms, in the same process, alternating runs (the promise: ≤ 10% overhead), and the cost
// of `mon.epoch()` alone, first in the fresh process and again once warm (target: ≤ 5% of the
// seed loop's epoch). `--fresh[=N]`: the loop once per fresh process, with and without the
// monitor, N alternating pairs (what a learner's new kernel sees).
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
export function monitorCostPerEpoch(epochs = 5000, rounds = 5, clock: 'wall' | 'cpu' = 'wall'): number {
  torch.manual_seed(0);
  const model = nn.Sequential(nn.Linear(1, 8), nn.Tanh(), nn.Linear(8, 1));
  model(torch.ones(11, 1)).sum().backward();
  const loss = torch.tensor(1.5);
  const per: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const mon = createViews(host).monitor(model);
    const t0 = now(), c0 = process.cpuUsage();
    for (let e = 0; e < epochs; e++) mon.epoch({ loss });
    mon.close();
    const c = process.cpuUsage(c0);
    per.push(clock === 'cpu' ? (c.user + c.system) / epochs : ((now() - t0) * 1000) / epochs);
  }
  return median(per.slice(1));
}

/**
 * The monitor on WebGPU, in Node through Dawn (the `webgpu` package; without a GPU, SwiftShader:
 * VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json). A 1→8 Tanh→1 model on 64 points,
 * `epochs` SGD epochs to the last readback, plain and monitored alternating, medians. The clock is
 * the process's CPU time (SwiftShader's threads are in the process), which a loaded machine
 * disturbs far less than wall time; wall time is reported too.
 */
export async function monitorOverheadWebGPU(epochs: number, reps: number): Promise<{ plain: { cpu: number; wall: number }; monitored: { cpu: number; wall: number }; dispatches: [number, number]; readbacks: [number, number] }> {
  const x = torch.linspace(-1, 1, 64).unsqueeze(1).to('webgpu'), y = x.mul(3);
  const stats: [ReturnType<typeof torch.webgpu.stats>, ReturnType<typeof torch.webgpu.stats>] = [torch.webgpu.stats(), torch.webgpu.stats()];
  const run = async (withMonitor: boolean, n: number) => {
    torch.manual_seed(0);
    const model = nn.Sequential(nn.Linear(1, 8), nn.Tanh(), nn.Linear(8, 1)).to('webgpu');
    const opt = optim.SGD(model.parameters(), { lr: 0.05 });
    const mon = withMonitor ? createViews(host).monitor(model) : null;
    await torch.webgpu.synchronize();
    torch.webgpu.reset_stats();
    const c0 = process.cpuUsage(), t0 = now();
    for (let e = 0; e < n; e++) {
      const loss = nn.MSELoss()(model(x), y);
      opt.zero_grad();
      loss.backward();
      opt.step();
      mon?.epoch({ loss });
    }
    mon?.close();
    await mon?.flush();
    await model.parameters()[0].data();
    const c = process.cpuUsage(c0);
    stats[withMonitor ? 1 : 0] = torch.webgpu.stats();
    return { cpu: (c.user + c.system) / 1e3, wall: now() - t0 };
  };
  await run(false, 5);
  await run(true, 5);
  const plain: { cpu: number; wall: number }[] = [], monitored: typeof plain = [];
  for (let i = 0; i < reps; i++) {
    if (i % 2) monitored.push(await run(true, epochs));
    plain.push(await run(false, epochs));
    if (!(i % 2)) monitored.push(await run(true, epochs));
  }
  const med = (xs: { cpu: number; wall: number }[]) => ({ cpu: median(xs.map((v) => v.cpu)), wall: median(xs.map((v) => v.wall)) });
  return { plain: med(plain), monitored: med(monitored), dispatches: [stats[0].dispatches, stats[1].dispatches], readbacks: [stats[0].readbacks, stats[1].readbacks] };
}

/**
 * The monitor's own device cost, in steady state: `epochs` × `mon.epoch({ loss })` on a trained
 * model's parameters (histograms every epoch: the fused kernel, one readback per batch of epochs)
 * against `epochs` training steps alone; CPU time and wall, to the last readback, medians.
 */
export async function monitorCostWebGPU(epochs: number, reps: number): Promise<{ train: number; monitor: number; trainWall: number; monitorWall: number }> {
  const x = torch.linspace(-1, 1, 64).unsqueeze(1).to('webgpu'), y = x.mul(3);
  torch.manual_seed(0);
  const model = nn.Sequential(nn.Linear(1, 8), nn.Tanh(), nn.Linear(8, 1)).to('webgpu');
  const opt = optim.SGD(model.parameters(), { lr: 0.05 });
  let loss = nn.MSELoss()(model(x), y);
  const step = () => {
    loss = nn.MSELoss()(model(x), y);
    opt.zero_grad();
    loss.backward();
    opt.step();
  };
  const time = async (f: () => Promise<void>) => {
    await torch.webgpu.synchronize();
    const c0 = process.cpuUsage(), t0 = now();
    await f();
    const c = process.cpuUsage(c0);
    return { cpu: (c.user + c.system) / 1e3, wall: now() - t0 };
  };
  const train = async () => {
    for (let e = 0; e < epochs; e++) step();
    await model.parameters()[0].data();
  };
  const monitor = async () => {
    const mon = createViews(host).monitor(model);
    for (let e = 0; e < epochs; e++) mon.epoch({ loss });
    mon.close();
    await mon.flush();
  };
  step();
  await train();
  await monitor();
  const t: { cpu: number; wall: number }[] = [], m: typeof t = [];
  for (let i = 0; i < reps; i++) {
    t.push(await time(train));
    m.push(await time(monitor));
  }
  return { train: median(t.map((v) => v.cpu)), monitor: median(m.map((v) => v.cpu)), trainWall: median(t.map((v) => v.wall)), monitorWall: median(m.map((v) => v.wall)) };
}

async function webgpuMain(): Promise<void> {
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  if (!(await torch.webgpu.init({ gpu: create([]) }))) throw new Error(`WebGPU through Dawn: ${torch.webgpu.unavailable_reason()}`);
  console.log(`adapter: ${torch.webgpu.get_device_name()}`);
  const reps = Number(process.argv.find((a) => a.startsWith('--reps='))?.slice(7) ?? 5);
  for (const epochs of [50, 500]) {
    const c = await monitorCostWebGPU(epochs, reps);
    console.log(
      `monitor on WebGPU, its own cost for ${epochs} epochs (mon.epoch alone, median of ${reps}): CPU time ${c.monitor.toFixed(0)} ms vs ${c.train.toFixed(0)} ms for the training steps ` +
        `(${((c.monitor / c.train) * 100).toFixed(1)}%); wall ${c.monitorWall.toFixed(0)} vs ${c.trainWall.toFixed(0)} ms (${((c.monitorWall / c.trainWall) * 100).toFixed(1)}%)`,
    );
  }
  for (const epochs of [50, 500]) {
    const r = await monitorOverheadWebGPU(epochs, reps);
    const pct = (m: number, p: number) => `${((m / p - 1) * 100).toFixed(1)}%`;
    console.log(
      `monitor on WebGPU, ${epochs} epochs (median of ${reps}): CPU time ${r.plain.cpu.toFixed(0)} → ${r.monitored.cpu.toFixed(0)} ms (${pct(r.monitored.cpu, r.plain.cpu)}), ` +
        `wall ${r.plain.wall.toFixed(0)} → ${r.monitored.wall.toFixed(0)} ms (${pct(r.monitored.wall, r.plain.wall)}); dispatches ${r.dispatches[0]} → ${r.dispatches[1]}, readbacks ${r.readbacks[0]} → ${r.readbacks[1]}`,
    );
  }
  process.exit(0);
}

if (process.argv[1]?.endsWith('monitor-overhead.ts') && process.argv.includes('--webgpu')) {
  webgpuMain().catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else if (process.argv[1]?.endsWith('monitor-overhead.ts') && process.argv.includes('--one')) {
  // a child of --fresh: the seed loop once, first thing in this process; prints its CPU seconds
  const withMonitor = process.argv.includes('mon');
  console.log(seedLoop(withMonitor, 'cpu').toFixed(4));
} else if (process.argv[1]?.endsWith('monitor-overhead.ts') && process.argv.some((a) => a.startsWith('--fresh'))) {
  // What a learner's kernel sees: the loop run once in a process that has just started (nothing
  // optimised yet), with and without the monitor, each pair in two fresh processes, alternating
  // which goes first; medians of CPU time.
  const { execFileSync } = await import('node:child_process');
  const pairs = Number(process.argv.find((a) => a.startsWith('--fresh='))?.slice(8) ?? 8);
  const once = (mode: string) => Number(execFileSync(process.execPath, [...process.execArgv, process.argv[1], '--one', mode], { encoding: 'utf8' }).trim().split('\n').pop());
  const plain: number[] = [], monitored: number[] = [];
  for (let i = 0; i < pairs; i++) {
    if (i % 2) monitored.push(once('mon'));
    plain.push(once('plain'));
    if (!(i % 2)) monitored.push(once('mon'));
  }
  const p = median(plain), m = median(monitored);
  console.log(`seed loop (${SEED_EPOCHS} epochs) in a fresh process, CPU time, medians of ${pairs}: ${p.toFixed(3)} s, with monitor ${m.toFixed(3)} s → overhead ${((m / p - 1) * 100).toFixed(1)}%`);
  console.log(`  plain ${plain.map((x) => x.toFixed(3)).join(' ')}; monitored ${monitored.map((x) => x.toFixed(3)).join(' ')}`);
} else if (process.argv[1]?.endsWith('monitor-overhead.ts')) {
  const clock = process.argv.includes('--wall') ? 'wall' : 'cpu';
  // cold: first thing in a fresh process (V8 has not optimised the monitor yet, and the start-up
  // heap's scavenges fall in these rounds); warm: after the A/B runs, in the same state as the seed
  // loop it is compared with
  const cold = monitorCostPerEpoch(SEED_EPOCHS, 5, clock);
  const r = monitorOverhead(clock);
  const warm = monitorCostPerEpoch(SEED_EPOCHS, 5, clock);
  const pct = (us: number) => ((us * 1e-6 * SEED_EPOCHS) / r.plain) * 100;
  console.log(`seed loop (${SEED_EPOCHS} epochs): ${r.plain.toFixed(3)} s, with monitor ${r.monitored.toFixed(3)} s → overhead ${(r.overhead * 100).toFixed(1)}% (${clock} time, median of 6; noisy)`);
  console.log(`monitor.epoch() alone (${clock} time, histograms on the monitor's stride, medians of rounds 2–5 of ${SEED_EPOCHS} epochs): fresh process ${cold.toFixed(2)} µs, warm ${warm.toFixed(2)} µs per epoch`);
  console.log(`monitor cost / seed-loop epoch: fresh process ${pct(cold).toFixed(1)}%, warm ${pct(warm).toFixed(1)}% (target ≤ 5%, issue 21)`);
}
