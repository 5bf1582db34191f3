// The seed lesson as a learner first meets it: once, in a process that has just started (V8 has
// optimised nothing yet). `npx tsx bench/seed-fresh.ts [rounds] [root ...]` runs the lesson's 5000
// epochs once per fresh `node --import tsx` process, `rounds` times per engine checkout (`root`:
// a worktree's path; default this one), the checkouts alternating within each round, and prints
// CPU-time medians (the machine is shared: wall time is printed too, but compare CPU).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);

async function child(root: string): Promise<void> {
  const c0 = process.cpuUsage(), t0 = performance.now();
  const { torch: T, nn: N, optim: O } = (await import(resolve(root, 'engine/index.ts'))) as any;
  await import(resolve(root, 'engine/backend/wasm/index.ts'));
  const c1 = process.cpuUsage(), t1 = performance.now();
  // the lesson exactly as written (bench/peers/ours.ts seedLesson, torch.tensor data as the book's)
  const t_c = T.tensor([0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]).unsqueeze(1);
  const t_u = T.tensor([35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]).unsqueeze(1).mul(0.1);
  T.manual_seed(0);
  const seq_model = N.Sequential({ hidden_linear: N.Linear(1, 13), hidden_activation: N.Tanh(), output_linear: N.Linear(13, 1) });
  const optimizer = O.SGD(seq_model.parameters(), { lr: 1e-3 });
  let loss: any;
  for (let epoch = 1; epoch <= 5000; epoch++) {
    loss = N.functional.mse_loss(seq_model(t_u), t_c);
    optimizer.zero_grad();
    loss.backward();
    optimizer.step();
  }
  const c = process.cpuUsage(c1);
  const load = process.cpuUsage(c0);
  console.log(JSON.stringify({ cpu: (c.user + c.system) / 1000, wall: performance.now() - t1, importCpu: (load.user + load.system) / 1000 - (c.user + c.system) / 1000, importWall: t1 - t0, loss: loss.cpu_item() }));
}

function parent(rounds: number, roots: string[]): void {
  const res = new Map<string, { cpu: number; wall: number; loss: number }[]>(roots.map((r) => [r, []]));
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 ? [...roots].reverse() : roots;
    for (const root of order) {
      const p = spawnSync(process.execPath, ['--import', 'tsx', here, '--child', root], { encoding: 'utf8' });
      if (p.status !== 0) throw new Error(p.stderr);
      res.get(root)!.push(JSON.parse(p.stdout.trim().split('\n').pop()!));
    }
  }
  const med = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
  for (const [root, rs] of res) {
    const cpu = rs.map((r) => r.cpu), wall = rs.map((r) => r.wall);
    console.log(`${root}: first run CPU median ${med(cpu).toFixed(0)} ms (min ${Math.min(...cpu).toFixed(0)}), wall median ${med(wall).toFixed(0)} ms; runs ${cpu.map((v) => v.toFixed(0)).join(' ')}; final loss ${rs[0].loss}`);
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child') await child(args[1]);
else parent(Number(args[0] ?? 5), args.length > 1 ? args.slice(1) : [resolve(here, '../..')]);
