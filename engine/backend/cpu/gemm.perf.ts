// Quick CPU performance check of the matmul and conv2d kernels (not part of the test suite):
//   npx tsx engine/backend/cpu/gemm.perf.ts
// Prints GFLOP/s for float32 matmul 256² and 1024², for this folder's JS GEMM and for torch.mm
// (whichever kernel is registered: WASM SIMD when engine/index loads it), and the time of a conv2d
// forward+backward (batch 64, 1→8 channels, 28², 3×3). Both wall-clock and process CPU time are
// shown: on a shared machine the CPU-time figure is the one that says how fast the kernel is
// (it adds up the GEMM threads' time: `THREADS=1` for one thread).
import { torch } from '../../index';
import { gemmJs } from './gemm';

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function time(fn: () => void, reps: number): { wall: number; cpu: number } {
  fn();
  const c0 = cpuSeconds(), t0 = performance.now();
  for (let i = 0; i < reps; i++) fn();
  return { wall: (performance.now() - t0) / 1000 / reps, cpu: (cpuSeconds() - c0) / reps };
}

if (process.env.THREADS) torch.set_num_threads(Number(process.env.THREADS));
console.log(`torch.get_num_threads() = ${torch.get_num_threads()}`);
torch.manual_seed(0);
for (const n of [256, 1024]) {
  const a = torch.randn(n, n), b = torch.randn(n, n);
  const flop = 2 * n ** 3, reps = n === 256 ? 20 : 3;
  const A = { data: a.cpu_data(), off: 0, rs: n, cs: 1 }, B = { data: b.cpu_data(), off: 0, rs: n, cs: 1 };
  const C = new Float32Array(n * n);
  const js = time(() => gemmJs(n, n, n, A, B, C, 0, n), reps);
  const reg = time(() => void torch.mm(a, b), reps);
  const g = (t: { wall: number; cpu: number }) => `${(flop / t.wall / 1e9).toFixed(2)} GFLOP/s wall, ${(flop / t.cpu / 1e9).toFixed(2)} GFLOP/s CPU time`;
  console.log(`matmul ${n}x${n} float32, JS GEMM: ${g(js)}`);
  console.log(`matmul ${n}x${n} float32, torch.mm (registered kernel): ${g(reg)}`);
}

const x = torch.randn(64, 1, 28, 28);
const w = torch.randn(8, 1, 3, 3, { requires_grad: true });
const bias = torch.zeros(8, { requires_grad: true });
const up = torch.randn(64, 8, 28, 28);
const fwd = time(() => void torch.no_grad(() => torch.conv2d(x, w, bias, { padding: 1 })), 10);
const both = time(() => {
  w.grad = null;
  bias.grad = null;
  torch.conv2d(x, w, bias, { padding: 1 }).backward(up);
}, 10);
const ms = (s: number) => (s * 1000).toFixed(1);
console.log(`conv2d 64x1x28x28, 8 filters 3x3, padding 1: forward ${ms(fwd.wall)} ms wall / ${ms(fwd.cpu)} ms CPU; forward+backward ${ms(both.wall)} ms wall / ${ms(both.cpu)} ms CPU`);
