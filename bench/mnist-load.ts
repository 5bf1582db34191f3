// Times `datasets.MNIST` (train + test) in Node: wall and CPU time of a cold load (issue 21's MNIST
// target). Run: npx tsx bench/mnist-load.ts
// Measured on the shared 2-core machine, load avg 14-20 (issue 21):
//   Node, train + test:      before 3.5-4.2 s wall / 0.81-0.90 s CPU; after 0.30-0.68 s wall / 0.28-0.33 s CPU
//   browser kernel (a cell timing `await datasets.MNIST({train: true})`, then the test set, Playwright
//   without tracing, built app): before 9.1 s + 0.05 s; after 2.2-2.3 s + 0.12 s (fetching the parts
//   ~0.5 s and decoding ~0.2 s of that in a plain page; the rest is the starved worker under load)
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
