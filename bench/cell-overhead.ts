// What the cell transpiler's rewrites cost at run time (issue 16), A/B with alternating runs: each
// cell is transpiled twice, with and without the rewrite under test, and each variant runs in its
// own fresh isolate (cell-overhead-worker.ts, a worker thread: a fresh kernel), the way the kernel
// runs cells (an async function over the real engine's operators, the shared scope on the global
// object). Rows:
//   - interrupt checks (a counter at every loop body and function entry; target ≤ 3%) on the seed
//     training loop and on a loop over a 10⁶-element JS array;
//   - tensor indexing (`arr[i]` → `(arr instanceof Array ? arr[i] : __op.get(arr, i))`; target ≤ 10%)
//     and the operators (`s += x` → a typeof-number fast path or `__op.iadd`) on the same array loop;
//   - all rewrites against the cell as written, at the cell's top level and in a function; and
//     the inline fast paths against plain `__op` calls (what the rewrites cost before them);
//   - a control: the cell as written against itself (what the method's noise is).
// `npx tsx bench/cell-overhead.ts [--wall]`; `npm run bench` prints the same rows.
import { Worker } from 'node:worker_threads';
import type { TranspileOptions } from '../app/kernel/transpile';
import type { CellJob } from './cell-overhead-worker';
import { SEED_EPOCHS, SEED_LR } from './workloads';
import { median } from './timing';

const SEED_SETUP = `torch.manual_seed(0);
const t_c = torch.tensor([0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]).unsqueeze(1);
const t_u = torch.tensor([35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]).unsqueeze(1) * 0.1;
const model = nn.Sequential(nn.Linear(1, 8), nn.Tanh(), nn.Linear(8, 1));
const opt = optim.SGD(model.parameters(), { lr: ${SEED_LR} });
const loss_fn = nn.MSELoss();`;
const SEED_LOOP = `for (let epoch = 0; epoch < ${SEED_EPOCHS}; epoch++) {
  const loss = loss_fn(model(t_u), t_c);
  opt.zero_grad();
  loss.backward();
  opt.step();
}`;
const ARRAY_SETUP = 'const arr = Array.from({ length: 1e6 }, (_, i) => i % 7);';
// 30 passes, so that one run lasts long enough to time with the CPU clock (ms ticks) on a loaded machine
const ARRAY_LOOP = 'let s = 0;\nfor (let pass = 0; pass < 30; pass++) {\n  for (let i = 0; i < arr.length; i++) {\n    s += arr[i];\n  }\n}';
// the same loop in a function: locals instead of the cell's shared (global) `s`, which V8 runs ~2× faster,
// so a rewrite's cost shows more
const FN_LOOP = `function sumAll(a) {\n  let s = 0;\n  for (let pass = 0; pass < 20; pass++) {\n    for (let i = 0; i < a.length; i++) {\n      s += a[i];\n    }\n  }\n  return s;\n}\nsumAll(arr);`;
const NONE: TranspileOptions = { interruptChecks: false, indexing: false, operators: false };

export interface CellRow {
  name: string;
  rewrite: string;
  /** Medians of the alternating runs (seconds). */
  plain: number;
  rewritten: number;
  overhead: number;
  /** The fastest run of each (steadier than the median on a loaded machine). */
  overheadOfMin: number;
}

/** A worker thread that runs one variant (tsx's loader registered in it, as in this process). */
function side(job: CellJob): Promise<{ time(): Promise<number>; close(): Promise<number> }> {
  const url = new URL('./cell-overhead-worker.ts', import.meta.url).href;
  const w = new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url)}); })`, { eval: true });
  let pending: { resolve(v: unknown): void; reject(e: unknown): void } | null = null;
  let failed: unknown = null;
  w.on('message', (m) => pending?.resolve(m));
  w.on('error', (e) => ((failed = e), pending?.reject(e)));
  const reply = () => new Promise<unknown>((resolve, reject) => (failed ? reject(failed) : (pending = { resolve, reject })));
  const ready = reply();
  w.postMessage({ job });
  return ready.then(() => ({
    time: () => {
      const r = reply() as Promise<number>;
      w.postMessage('run');
      return r;
    },
    close: () => w.terminate(),
  }));
}

async function ab(name: string, rewrite: string, setup: string, body: string, off: TranspileOptions, clock: 'wall' | 'cpu', reps: number, setupEach = true, on: TranspileOptions = {}): Promise<CellRow> {
  const a = await side({ setup, body, opts: off, setupEach, clock });
  const b = await side({ setup, body, opts: on, setupEach, clock });
  try {
    await a.time();
    await b.time();
    const plain: number[] = [];
    const rewritten: number[] = [];
    for (let i = 0; i < reps; i++) {
      if (i % 2) rewritten.push(await b.time());
      plain.push(await a.time());
      if (!(i % 2)) rewritten.push(await b.time());
    }
    const p = median(plain);
    const r = median(rewritten);
    return { name, rewrite, plain: p, rewritten: r, overhead: r / p - 1, overheadOfMin: Math.min(...rewritten) / Math.min(...plain) - 1 };
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

export async function cellOverhead(clock: 'wall' | 'cpu' = 'cpu', reps = 7): Promise<CellRow[]> {
  const noChecks = { interruptChecks: false };
  const arrayLoop = 'loop over a 10⁶-element array (30 passes)';
  const fnLoop = 'same loop in a function (20 passes)';
  return [
    await ab('seed training loop (5000 epochs)', 'interrupt checks', SEED_SETUP, SEED_LOOP, noChecks, clock, reps),
    await ab(arrayLoop, 'interrupt checks', ARRAY_SETUP, ARRAY_LOOP, noChecks, clock, reps * 2, false),
    await ab(arrayLoop, 'tensor indexing (arr[i] → fast path or __op.get)', ARRAY_SETUP, ARRAY_LOOP, { indexing: false }, clock, reps * 2, false),
    await ab(arrayLoop, 'operators (s += x → fast path or __op.iadd)', ARRAY_SETUP, ARRAY_LOOP, { operators: false }, clock, reps * 2, false),
    await ab(arrayLoop, 'all rewrites (vs the cell as written)', ARRAY_SETUP, ARRAY_LOOP, NONE, clock, reps * 2, false),
    await ab(fnLoop, 'all rewrites (vs the cell as written)', ARRAY_SETUP, FN_LOOP, NONE, clock, reps * 2, false),
    await ab(fnLoop, 'inline fast paths (vs plain __op calls)', ARRAY_SETUP, FN_LOOP, { fastPaths: false }, clock, reps * 2, false),
    await ab(arrayLoop, 'control: the cell as written vs itself', ARRAY_SETUP, ARRAY_LOOP, NONE, clock, reps * 2, false, NONE),
  ];
}

export function formatCellRows(rows: CellRow[]): string {
  const ms = (s: number) => `${(s * 1000).toFixed(s < 0.1 ? 2 : 0)} ms`;
  return rows.map((r) => `${r.rewrite} on the ${r.name}: ${ms(r.plain)} without, ${ms(r.rewritten)} with (A/B medians: ${(r.overhead * 100).toFixed(1)}%, fastest runs: ${(r.overheadOfMin * 100).toFixed(1)}%)`).join('\n');
}

if (process.argv[1]?.endsWith('cell-overhead.ts')) {
  const clock = process.argv.includes('--wall') ? 'wall' : 'cpu'; // CPU time: steadier on a shared machine
  console.log(formatCellRows(await cellOverhead(clock)));
}
