// Run by threads.node.test.ts in headless Chromium: a module worker (like the kernel worker) on a
// crossOriginIsolated page; starts the GEMM pool (nested workers), and compares a threaded
// matmul and conv2d with one thread. Posts what it saw.
import { F, torch } from '../../index';
import { _setParallelMinFlops, _setThreadBackoff, chunksRunByWorkers, threadsReady } from './threads';

const T = torch as any;

async function check() {
  const isolated = (self as unknown as { crossOriginIsolated: boolean }).crossOriginIsolated;
  const defaultThreads = T.get_num_threads();
  T.set_num_threads(2);
  const ready = await threadsReady();
  _setParallelMinFlops(0);
  _setThreadBackoff(false);
  T.manual_seed(5);
  const a = T.randn([67, 131]), b = T.randn([131, 45]), x = T.randn([2, 3, 17, 13]), w = T.randn([5, 3, 3, 3]);
  const run = (n: number) => {
    T.set_num_threads(n);
    return [T.matmul(a, b), F.conv2d(x, w, null, 1, 1)].map((t: any) => Array.from(t.cpu_data() as Float32Array));
  };
  const before = chunksRunByWorkers();
  const one = run(1), two = run(2);
  // tiny products may all be done by this thread before a worker wakes (busy machine): a few larger ones
  const big = T.randn([384, 384]);
  for (let i = 0; i < 50 && chunksRunByWorkers() === before; i++) T.matmul(big, big);
  const byWorkers = chunksRunByWorkers() - before;
  const same = one.every((v, i) => v.length === two[i].length && v.every((e, j) => Object.is(e, two[i][j])));
  // one real value: (a·b)[66, 44]
  const A = a.cpu_data(), B = b.cpu_data();
  let s = 0;
  for (let p = 0; p < 131; p++) s += A[66 * 131 + p] * B[p * 45 + 44];
  return { isolated, defaultThreads, ready, byWorkers, same, value: two[0][66 * 45 + 44], expected: s };
}

check().then(
  (r) => postMessage(r),
  (e) => postMessage({ error: String((e as Error).stack ?? e) }),
);
