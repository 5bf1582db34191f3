// The kernel's idle-time warm-up (app/kernel/warmup.ts), measured as a learner meets it: a fresh
// process per run (V8 has optimised nothing), the warm-up taken in slices (or not), then the seed
// lesson's 5000 epochs timed once, in CPU time. Alternating pairs; prints each pair and the medians.
//   npx tsx bench/warmup-effect.ts [pairs=4] [steps=1500]
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);

async function child(warm: boolean, steps: number): Promise<void> {
  const engine = await import('../engine/index');
  const { torch, nn, optim } = engine as any;  
  let warmCpu = 0;
  if (warm) {
    const { EngineWarmUp } = await import('../app/kernel/warmup');
    const w = new EngineWarmUp(engine, () => true, { steps, idleMs: 0, gapMs: 0 });
    const c0 = process.cpuUsage();
    w.schedule();
    while (!w.finished) await new Promise((r) => setTimeout(r, 1));
    const c = process.cpuUsage(c0);
    warmCpu = (c.user + c.system) / 1e6;
  }
  const t_c = torch.tensor([0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]).unsqueeze(1);
  const t_u = torch.tensor([35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]).unsqueeze(1).mul(0.1);
  torch.manual_seed(0);
  const c0 = process.cpuUsage();
  const seq_model = nn.Sequential({ hidden_linear: nn.Linear(1, 13), hidden_activation: nn.Tanh(), output_linear: nn.Linear(13, 1) });
  const optimizer = optim.SGD(seq_model.parameters(), { lr: 1e-3 });
  for (let epoch = 1; epoch <= 5000; epoch++) {
    const loss = nn.functional.mse_loss(seq_model(t_u), t_c);
    optimizer.zero_grad();
    loss.backward();
    optimizer.step();
  }
  const c = process.cpuUsage(c0);
  console.log(JSON.stringify({ warmCpu, lessonCpu: (c.user + c.system) / 1e6 }));
}

if (process.argv[2] === '--child') await child(process.argv[3] === 'warm', Number(process.argv[4]));
else {
  const pairs = Number(process.argv[2] ?? 4), steps = Number(process.argv[3] ?? 1500);
  const cold: number[] = [], warm: number[] = [], cost: number[] = [];
  const run = (mode: string) => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', self, '--child', mode, String(steps)], { encoding: 'utf8' }).trim().split('\n').pop()!);
  for (let i = 0; i < pairs; i++) {
    const order = i % 2 ? ['warm', 'cold'] : ['cold', 'warm'];
    for (const m of order) {
      const r = run(m);
      if (m === 'warm') { warm.push(r.lessonCpu); cost.push(r.warmCpu); } else cold.push(r.lessonCpu);
      console.log(`${m}: lesson ${r.lessonCpu.toFixed(3)} s CPU${m === 'warm' ? `, warm-up ${r.warmCpu.toFixed(3)} s CPU` : ''}`);
    }
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
  console.log(`median: no warm-up ${med(cold).toFixed(3)} s; after ${steps} warm-up steps ${med(warm).toFixed(3)} s (warm-up itself ${med(cost).toFixed(3)} s CPU)`);
}
