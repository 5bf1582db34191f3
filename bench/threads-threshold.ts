// `npx tsx bench/threads-threshold.ts [reps]`: where splitting a GEMM across the pool starts to
// pay: wall time per product on 1 thread and on every thread, for sizes around the threshold
// (engine/backend/wasm/threads.ts PARALLEL_MIN_FLOPS), square and conv-like shapes, interleaved.
import { loadavg } from 'node:os';
import { gemm } from '../engine/backend/wasm/index';
import { _setParallelMinFlops, get_num_threads, set_num_threads, threadsReady } from '../engine/backend/wasm/threads';

const reps = Number(process.argv[2] ?? 5);
const shapes: [number, number, number][] = [
  [32, 32, 32], [48, 48, 48], [64, 64, 64], [80, 80, 80], [96, 96, 96], [128, 128, 128], [192, 192, 192], [256, 256, 256],
  [8, 784, 9], [16, 196, 72], [16, 784, 72], [64, 3136, 576],
];
await threadsReady();
const n = get_num_threads();
_setParallelMinFlops(0);
const rand = (k: number) => Float32Array.from({ length: k }, Math.random);
console.log(`threads ${n}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('| M×N×K | MFLOP | 1 thread µs | threads µs | speed-up |\n|---|---|---|---|---|');
for (const [M, N, K] of shapes) {
  const A = { data: rand(M * K), off: 0, rs: K, cs: 1 }, B = { data: rand(K * N), off: 0, rs: N, cs: 1 };
  const C = new Float32Array(M * N);
  const flops = 2 * M * N * K;
  const inner = Math.max(1, Math.round(2e7 / flops));
  const best = [Infinity, Infinity];
  for (let r = 0; r < reps; r++)
    for (const [i, t] of [1, n].entries()) {
      set_num_threads(t);
      gemm(M, N, K, A, B, C, 0, N);
      const t0 = performance.now();
      for (let k = 0; k < inner; k++) gemm(M, N, K, A, B, C, 0, N);
      best[i] = Math.min(best[i], ((performance.now() - t0) * 1000) / inner);
    }
  console.log(`| ${M}×${N}×${K} | ${(flops / 1e6).toFixed(2)} | ${best[0].toFixed(1)} | ${best[1].toFixed(1)} | ${(best[0] / best[1]).toFixed(2)}× |`);
}
process.exit(0);
