// `npx tsx bench/seed-ab.ts <tree A> <tree B> [pairs]`: the seed lesson (5000 epochs, as
// bench/peers/ours.ts seedLesson writes it) from two engine checkouts loaded into one process,
// alternating A/B after 3 warm-up runs each, CPU-time medians. Both share one heap, so each
// pays for some of the other's garbage: differences read smaller than in separate processes,
// but the two see the same minutes of a shared machine. Checks that both end at the same loss.
import { loadSeedLesson as load } from './seed-lesson-checkout';

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
