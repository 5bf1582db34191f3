// A/B of one CPU kernel switch on the bench's CNN step (or VGG16 forward), alternating rounds in
// one process: `npx tsx bench/ab-cnn.ts [cnn|vgg16] [rounds] [threads]`. Prints the median CPU
// and wall time per step with the kernels named in AB_KERNEL (comma-separated) off (A) and on (B).
// Alternating rounds in one process cancel most of a shared machine's drift, which separate
// `npm run bench` runs do not (they swung 2× between back-to-back runs at load 3–14).
import { makeInputs } from './inputs';
import { oursPeer } from './peers/ours';
import type { WorkloadId } from './workloads';
import '../engine/backend/wasm/index';
import { getKernel, hasKernel, replaceKernel, type KernelName } from '../engine/backend/registry';
import { set_num_threads } from '../engine/backend/wasm/threads';
import { setStoragePool } from '../engine/storage';

const id = (process.argv[2] ?? 'cnn') as WorkloadId;
const rounds = Number(process.argv[3] ?? 5);
set_num_threads(Number(process.argv[4] ?? 1));
// AB_KERNEL=storage_pool: the reuse of dead gradients' arrays (engine/storage.ts) instead of a kernel
const pool = process.env.AB_KERNEL === 'storage_pool';
const names = (pool ? [] : (process.env.AB_KERNEL ?? 'conv2d_backward_weight_fused,conv2d_backward_input_fused').split(',')) as KernelName[];
const name = pool ? 'storage_pool' : names.join(' + ');
const on = names.map((n) => (hasKernel(n, 'cpu') ? getKernel(n, 'cpu') : null));
const step = await oursPeer().prepare(id, makeInputs());
const reps = id === 'cnn' ? 20 : 1;
const res: Record<string, { cpu: number[]; wall: number[] }> = { A: { cpu: [], wall: [] }, B: { cpu: [], wall: [] } };
for (let r = 0; r < rounds; r++)
  for (const k of ['A', 'B'] as const) {
    names.forEach((n, i) => replaceKernel(n, 'cpu', k === 'A' ? null : on[i]));
    if (pool) setStoragePool(k === 'B');
    step();
    const t0 = performance.now(), c0 = process.cpuUsage();
    for (let i = 0; i < reps; i++) await step();
    const c = process.cpuUsage(c0);
    res[k].cpu.push((c.user + c.system) / 1000 / reps);
    res[k].wall.push((performance.now() - t0) / reps);
  }
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1].toFixed(2);
for (const k of ['A', 'B']) console.log(`${k} (${name} ${k === 'A' ? 'off' : 'on'}): CPU ${med(res[k].cpu)} ms, wall ${med(res[k].wall)} ms per step`);
