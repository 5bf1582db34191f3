// `npx tsx bench/seed-ab.ts <tree A> <tree B> [pairs]`: the seed lesson (5000 epochs, as
// bench/peers/ours.ts seedLesson writes it) from two engine checkouts loaded into one process,
// alternating A/B after 3 warm-up runs each, CPU-time medians. Both share one heap, so each
// pays for some of the other's garbage: differences read smaller than in separate processes,
// but the two see the same minutes of a shared machine. Checks that both end at the same loss.
import { resolve } from 'node:path';

type Run = () => number;

async function load(root: string): Promise<Run> {
  const { torch: T, nn: N, optim: O } = (await import(resolve(root, 'engine/index.ts'))) as any;
  await import(resolve(root, 'engine/backend/wasm/index.ts'));
  const t_c = T.tensor([0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]).unsqueeze(1);
  const t_u = T.tensor([35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]).unsqueeze(1).mul(0.1);
  return () => {
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
    return loss.cpu_item();
  };
}

const [ra, rb, pairsArg] = process.argv.slice(2);
if (!ra || !rb) throw new Error('usage: npx tsx bench/seed-ab.ts <tree A> <tree B> [pairs]');
const pairs = Number(pairsArg ?? 10);
const A = await load(ra), B = await load(rb);
for (let i = 0; i < 3; i++) {
  A();
  B();
}
const ta: number[] = [], tb: number[] = [];
const losses = new Set<number>();
for (let i = 0; i < pairs; i++) {
  for (const f of i % 2 ? [A, B] : [B, A]) {
    const c = process.cpuUsage();
    losses.add(f());
    const d = process.cpuUsage(c);
    (f === A ? ta : tb).push((d.user + d.system) / 1000);
  }
}
const med = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
const fmt = (v: number[]) => v.map((x) => x.toFixed(0)).join(' ');
console.log(`A ${med(ta).toFixed(0)} ms, B ${med(tb).toFixed(0)} ms (CPU medians of ${pairs}; B/A ${(med(tb) / med(ta)).toFixed(3)}; min A ${Math.min(...ta).toFixed(0)}, B ${Math.min(...tb).toFixed(0)})`);
console.log(`A: ${fmt(ta)}\nB: ${fmt(tb)}\nfinal losses: ${[...losses].join(', ')}${losses.size === 1 ? ' (equal)' : ' (DIFFER)'}`);
