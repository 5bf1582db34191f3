// One side of a cell-overhead A/B (cell-overhead.ts): a fresh V8 isolate, like a fresh kernel,
// that transpiles one cell with the options it is given and runs it the way the kernel runs
// cells (an async function over the real engine's operators, the shared scope on the global
// object). Each variant gets its own isolate because, in one, the variants share the global
// property cells of the cell's top-level names (`s`, `arr`): V8 then runs the same code up to ~2×
// slower depending on what ran before (the same cell compiled twice measured +114% against itself).
import { parentPort } from 'node:worker_threads';
import { torch, nn, optim, F } from '../engine/index';
import { CELL_PARAMS, CHECK_EVERY, transpileCell, type TranspileOptions } from '../app/kernel/transpile';
import { createOps } from '../app/kernel/ops';

export interface CellJob {
  setup: string;
  body: string;
  opts: TranspileOptions;
  /** Run the setup before every timed run (state the body changes), or once. */
  setupEach: boolean;
  clock: 'wall' | 'cpu';
}

const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<unknown>;
const g = globalThis as unknown as Record<string, unknown>;
Object.assign(g, { torch, nn, optim, F });

const compile = (code: string, opts: TranspileOptions) => new AsyncFunction(...CELL_PARAMS, transpileCell(code, opts).code);

const ops = createOps(torch, () => {});
const flag = new Int32Array(new SharedArrayBuffer(4));
const ticker = {
  n: CHECK_EVERY,
  c: () => {
    ticker.n = CHECK_EVERY;
    if (Atomics.load(flag, 0) === 1) throw new Error('interrupted');
  },
  t: () => {
    if (Atomics.load(flag, 0) === 1) throw new Error('interrupted');
    return CHECK_EVERY;
  },
};
const scope = new Proxy({}, { set: (_t, k, v) => ((g[k as string] = v), true) });
const run = (fn: (...a: unknown[]) => Promise<unknown>) => fn(ops, scope, (v: unknown) => v, () => ({}), ticker);
// process CPU time (the other side of the A/B is idle meanwhile); it has the kernel's tick
// granularity (ms), so short runs use the wall clock
const now = (clock: 'wall' | 'cpu') => (clock === 'cpu' ? process.cpuUsage().user / 1e6 : performance.now() / 1000);

let job: CellJob;
let setup: (...a: unknown[]) => Promise<unknown>;
let body: (...a: unknown[]) => Promise<unknown>;

parentPort!.on('message', async (m: { job: CellJob } | 'run') => {
  if (m !== 'run') {
    job = m.job;
    setup = compile(job.setup, {});
    body = compile(job.body, job.opts);
    if (!job.setupEach) await run(setup);
    return parentPort!.postMessage('ready');
  }
  if (job.setupEach) await run(setup);
  const t0 = now(job.clock);
  await run(body);
  parentPort!.postMessage(now(job.clock) - t0);
});
