// Times `datasets.MNIST` (train + test) in Node: wall and CPU time of a cold load (issue 21's MNIST
// target). Run: npx tsx bench/mnist-load.ts
import { performance } from 'node:perf_hooks';
import { datasets } from '../engine/index';

const c0 = process.cpuUsage();
const t0 = performance.now();
const train = await datasets.MNIST({ train: true });
const test = await datasets.MNIST({ train: false });
const wall = performance.now() - t0;
const cpu = process.cpuUsage(c0);
let sum = 0;
for (const v of train.data._storage.data as Float32Array) sum += v;
console.log(`MNIST train ${train.length} + test ${test.length}: wall ${wall.toFixed(0)} ms, cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms (pixel sum ${sum.toFixed(3)})`);
