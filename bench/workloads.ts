// The workloads every peer runs, one table: what is measured, in which unit, how often.
import type { TimingOptions } from './timing';

export type WorkloadId = 'mm256' | 'mm1024' | 'seed_raw' | 'seed_nn' | 'seed_lesson' | 'mlp' | 'cnn' | 'vgg16' | 'vgg16_init';

export interface Workload {
  id: WorkloadId;
  label: string;
  /** GFLOP/s (higher is better) or a time (lower is better). */
  unit: 'GFLOP/s' | 's' | 'ms';
  /** For GFLOP/s: floating-point operations per call. */
  flops?: number;
  timing: TimingOptions;
  /** Part of `--quick`. */
  quick: boolean;
}

export const SEED_EPOCHS = 5000;
export const SEED_LR = 1e-3;
export const SGD_LR = 1e-2;

// The seed loops warm up 3 runs: V8 is still optimising the engine through the second and third
// 5000-epoch run of a process (bench/README.md, "The seed lesson in a fresh kernel"), and with one
// warm-up the first variant measured paid for it (the WASM column read slower than the JS one
// on the same kernels).
export const WORKLOADS: Workload[] = [
  { id: 'mm256', label: 'matmul 256² f32', unit: 'GFLOP/s', flops: 2 * 256 ** 3, timing: { warmup: 5, reps: 10, minMs: 500, maxReps: 200 }, quick: true },
  { id: 'mm1024', label: 'matmul 1024² f32', unit: 'GFLOP/s', flops: 2 * 1024 ** 3, timing: { warmup: 1, reps: 3, minMs: 1500, maxReps: 20 }, quick: true },
  { id: 'seed_raw', label: `seed loop, raw tensors (1→8 Tanh→1, 11 pts, ${SEED_EPOCHS} SGD steps)`, unit: 's', timing: { warmup: 3, reps: 3, minMs: 0 }, quick: true },
  { id: 'seed_nn', label: `seed loop, nn.Sequential + optim.SGD (${SEED_EPOCHS} steps)`, unit: 's', timing: { warmup: 3, reps: 3, minMs: 0 }, quick: false },
  // the seed lesson as the issue (#21) states it: named layers, F.mse_loss, optim.SGD, 1→13→1
  { id: 'seed_lesson', label: `seed lesson: nn.Sequential({hidden_linear, …}) 1→13 Tanh→1 + F.mse_loss + optim.SGD (${SEED_EPOCHS} epochs)`, unit: 's', timing: { warmup: 3, reps: 3, minMs: 0 }, quick: true },
  { id: 'mlp', label: 'MLP 784-128-10, batch 64, SGD step', unit: 'ms', timing: { warmup: 3, reps: 10, minMs: 1000, maxReps: 200 }, quick: true },
  { id: 'cnn', label: 'CNN conv8-pool-conv16-pool-linear, batch 64, 28², SGD step', unit: 'ms', timing: { warmup: 1, reps: 3, minMs: 1000, maxReps: 50 }, quick: false },
  { id: 'vgg16', label: 'VGG16 forward, batch 1, 224²', unit: 's', timing: { warmup: 1, reps: 2, minMs: 0 }, quick: false },
  // no warm-up: a learner's first `await models.vgg16()` is the one that counts (138M fresh parameters each time)
  { id: 'vgg16_init', label: 'models.vgg16() build, random init (torchvision\'s kaiming_normal_/normal_)', unit: 's', timing: { warmup: 0, reps: 3, minMs: 0 }, quick: false },
];

/** Turns a median time (ms) into the workload's unit. */
export function toUnit(w: Workload, ms: number): number {
  if (w.unit === 'GFLOP/s') return w.flops! / (ms * 1e6);
  return w.unit === 's' ? ms / 1000 : ms;
}
