// Threads for the WASM GEMM: a pool of workers that share the GEMM's `WebAssembly.Memory`
// (shared: true) and each instantiate the same macro-kernel module. The calling thread packs A
// and B into that memory, publishes a job (the block loop's parameters) in a small control
// SharedArrayBuffer, wakes the workers (Atomics.notify) and takes chunks itself; chunks (column
// or row ranges of C, in whole micro-tiles) are claimed one at a time with compareExchange, so a
// worker that wakes late or is descheduled by the OS only takes fewer of them. Every element of C
// sums its K blocks in the same order as the single-threaded loop, so results are bitwise equal.
//
// Workers: worker_threads in Node (unref'd: they never keep the process alive), nested Web
// Workers from a Blob URL in browsers when `crossOriginIsolated` (shared memory needs it). Both
// run the same source (WORKER_SOURCE, thread-jobs.ts), a plain script with no imports, so no bundler config is
// needed. Elsewhere (not isolated, no SharedArrayBuffer) there is no pool and GEMM runs on the
// calling thread. The pool starts at the first GEMM big enough to split (or at
// `_start_threads()`, which the kernel worker calls); until its workers are up, GEMMs run
// single-threaded.
//
// conv2d's forward runs as one job per band of the batch's output positions whose chunks first
// pack their own columns of B straight from the image (PACK_IM2COL, thread-jobs.ts), so im2col runs on all
// threads too. On cores busy with other work a worker can hold a chunk long after the caller has
// run out of work; after a few such stalls in a row the pool steps aside for half a second.

import { ACTIVE, BY_WORKERS, CTL_WORDS, DELAY, DONE, GEN, NCHUNKS, READY, runChunk, STOP, work, WORK, WORKER_SOURCE, writeJob, type GemmJob, type Macro, type View } from './thread-jobs';

export type { GemmJob, Im2colParams } from './thread-jobs';

interface AnyWorker {
  terminate(): unknown;
}

/** Whether this context can run a pool: SharedArrayBuffer, and cross-origin isolation in browsers. */
export function threadsSupported(): boolean {
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics !== 'object') return false;
  if (isNode()) return true;
  const g = globalThis as { crossOriginIsolated?: boolean; Worker?: unknown };
  return g.crossOriginIsolated === true && typeof g.Worker === 'function' && typeof Blob === 'function' && typeof URL.createObjectURL === 'function';
}

function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string' && typeof (globalThis as { window?: unknown }).window === 'undefined';
}

/** Cores this context reports (the default thread count), at most 8. */
function defaultThreads(): number {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  let n = nav?.hardwareConcurrency ?? 0;
  if (!n && isNode()) n = nodeCpuCount ?? 1;
  return Math.max(1, Math.min(8, n || 1));
}
let nodeCpuCount: number | null = null;

/** Whether this thread may block in Atomics.wait (not a browser page's main thread). */
const canBlock = (() => {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
})();

// Node builtins, hidden from bundlers (the engine also runs in browsers): synchronously through
// process.getBuiltinModule (Node ≥ 20.16), else a dynamic import of a name they cannot see.
function nodeBuiltin<T>(name: string): T | null {
  const p = (globalThis as { process?: { getBuiltinModule?: (n: string) => unknown } }).process;
  return typeof p?.getBuiltinModule === 'function' ? (p.getBuiltinModule(name) as T) : null;
}
const nodeImport = async <T>(name: string): Promise<T> => nodeBuiltin<T>(name) ?? ((await import(/* @vite-ignore */ name)) as T);

/** The workers of one pool and their control buffer. */
class Pool {
  readonly ctl = new Int32Array(new SharedArrayBuffer(CTL_WORDS * 4));
  readonly u = new Uint32Array(this.ctl.buffer);
  private workers: AnyWorker[] = [];
  private stopped = false;
  readonly started: Promise<void>;

  constructor(
    readonly size: number,
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
  ) {
    this.started = this.spawn(module, memory);
  }

  private async spawn(module: WebAssembly.Module, memory: WebAssembly.Memory): Promise<void> {
    const init = (id: number) => ({ module, memory, ctl: this.ctl.buffer, id });
    this.setActive(this.size);
    if (isNode()) {
      const { Worker } = await nodeImport<typeof import('node:worker_threads')>('node:worker_threads');
      for (let i = 0; i < this.size && !this.stopped; i++) {
        const w = new Worker(WORKER_SOURCE, { eval: true, name: `torchlit-gemm-${i}` });
        w.unref(); // an idle pool never keeps Node alive
        w.on('error', (e) => console.error('torchlit GEMM worker failed:', e));
        w.postMessage(init(i));
        this.workers.push(w);
      }
    } else {
      const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
      try {
        for (let i = 0; i < this.size && !this.stopped; i++) {
          const w = new Worker(url, { name: `torchlit-gemm-${i}` });
          w.onerror = (e) => console.error('torchlit GEMM worker failed:', e.message);
          w.postMessage(init(i));
          this.workers.push(w);
        }
      } finally {
        // the workers have fetched it by the time they run; revoking later is safe either way
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      }
    }
    if (this.stopped) this.stop();
  }

  /** Workers that have started and take jobs. */
  ready(): number {
    return Math.min(Atomics.load(this.ctl, READY), Atomics.load(this.ctl, ACTIVE));
  }

  /** Lets only the first n workers take chunks. */
  setActive(n: number): void {
    Atomics.store(this.ctl, ACTIVE, Math.min(n, this.size));
  }

  /** Chunks run by workers so far. */
  byWorkers(): number {
    return Atomics.load(this.ctl, BY_WORKERS);
  }

  /** Runs a job in `chunks` pieces over `macro` (this thread's instance) and the ready workers. */
  /** Runs the job; returns whether this thread waited for workers longer than it worked (a stall). */
  run(job: GemmJob, rows: boolean, chunk: number, chunks: number, view: View, macro: Macro): boolean {
    const { ctl, u } = this;
    const t0 = performance.now();
    writeJob(u, job, rows, chunk);
    ctl[NCHUNKS] = chunks;
    Atomics.store(ctl, DONE, 0);
    Atomics.store(ctl, WORK, chunks);
    Atomics.add(ctl, GEN, 1);
    Atomics.notify(ctl, GEN);
    work(ctl, u, view, macro, -1);
    if (Atomics.load(ctl, DONE) >= chunks) return false;
    // wait for chunks claimed by workers: spin first (they are short), then sleep where allowed
    const t1 = performance.now();
    let spins = 0;
    for (let d = Atomics.load(ctl, DONE); d < chunks; d = Atomics.load(ctl, DONE)) {
      if (++spins < 20000 || !canBlock) continue;
      Atomics.wait(ctl, DONE, d, 100);
    }
    const waited = performance.now() - t1;
    return waited > 0.2 && waited > 0.5 * (t1 - t0);
  }

  stop(): void {
    this.stopped = true;
    Atomics.store(this.ctl, STOP, 1);
    Atomics.add(this.ctl, GEN, 1);
    Atomics.notify(this.ctl, GEN);
    for (const w of this.workers.splice(0)) void w.terminate();
  }
}

let numThreads = 0; // 0: not decided yet (defaultThreads() once known)
let pool: Pool | null = null;
let kernel: { module: WebAssembly.Module; memory: WebAssembly.Memory } | null = null;

const cpuCount = (os: typeof import('node:os')) => (typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
// synchronously where Node has process.getBuiltinModule, so get_num_threads() is right at once
const syncOs = isNode() && threadsSupported() ? nodeBuiltin<typeof import('node:os')>('node:os') : null;
if (syncOs) nodeCpuCount = cpuCount(syncOs);
const cpuCountKnown: Promise<void> =
  isNode() && threadsSupported() && !syncOs
    ? nodeImport<typeof import('node:os')>('node:os').then(
        (os) => void (nodeCpuCount = cpuCount(os)),
        () => {},
      )
    : Promise.resolve();

/** The kernel the workers instantiate (./gemm calls this once with its shared memory). */
export function setThreadKernel(module: WebAssembly.Module, memory: WebAssembly.Memory): void {
  kernel = { module, memory };
  pool?.stop();
  pool = null;
}

/** `torch.get_num_threads()`: threads used by the CPU backend's GEMM (1 where there is no pool). */
export function get_num_threads(): number {
  if (!threadsSupported() || !kernel) return 1;
  return numThreads || defaultThreads();
}

/** `torch.set_num_threads(n)`: threads for the CPU backend's GEMM (matmul, conv); 1 turns threading off. */
export function set_num_threads(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`set_num_threads: expected a positive integer, got ${String(n)}`);
  numThreads = n;
  if (pool && pool.size < n - 1) {
    pool.stop();
    pool = null;
  }
  pool?.setActive(n - 1);
}

/** The pool for this job, started on first use; null while there is none or none of its workers is up. */
function activePool(): Pool | null {
  const n = get_num_threads();
  if (n < 2 || !kernel) return null;
  if (!pool) pool = new Pool(n - 1, kernel.module, kernel.memory);
  return pool.ready() > 0 ? pool : null;
}

/** Resolves once the pool's workers are up (tests, bench warm-up); the number of threads then. */
export async function threadsReady(timeoutMs = 20_000): Promise<number> {
  await cpuCountKnown;
  const n = get_num_threads();
  if (n < 2 || !kernel) return 1;
  if (!pool) pool = new Pool(n - 1, kernel.module, kernel.memory);
  const p = pool;
  await p.started;
  const t0 = Date.now();
  while (p.ready() < n - 1 && Date.now() - t0 < timeoutMs) await new Promise((r) => setTimeout(r, 5));
  return 1 + p.ready();
}

/** Tests: makes the workers sleep `ms` before each chunk, as if the OS had descheduled them. */
export function _setWorkerDelay(ms: number): void {
  if (pool) Atomics.store(pool.ctl, DELAY, ms);
}

/** Chunks of GEMM jobs run by the pool's workers since it started (0 without a pool). */
export function chunksRunByWorkers(): number {
  return pool?.byWorkers() ?? 0;
}

/** Stops the workers (they restart at the next large GEMM). */
export function shutdownThreads(): void {
  pool?.stop();
  pool = null;
}

/** Below this many flops (2·M·N·K) a GEMM stays on one thread: waking workers would cost more. */
export let PARALLEL_MIN_FLOPS = 1 << 21;
/** Sets the threshold (tests use 0 to split every product); returns the old one. */
export function _setParallelMinFlops(f: number): number {
  const old = PARALLEL_MIN_FLOPS;
  PARALLEL_MIN_FLOPS = f;
  return old;
}

/**
 * Runs the job's block loop: split across the pool when it is up and the product is big enough,
 * else on this thread (the same loop as one chunk covering all of C).
 */
let stalls = 0;
let backoffUntil = 0;
let backoffs = 0;
const STALLS_BEFORE_BACKOFF = 3;
const BACKOFF_MS = 500;
let backoffEnabled = true;

/** Turns the back-off off (tests that must see the workers run) or on; returns the old setting. */
export function _setThreadBackoff(on: boolean): boolean {
  const old = backoffEnabled;
  backoffEnabled = on;
  backoffUntil = 0;
  stalls = 0;
  return old;
}

/** Times the pool backed off to one thread because workers stalled (busy cores); tests reset it. */
export function _threadBackoffs(reset = false): number {
  const n = backoffs;
  if (reset) {
    backoffs = stalls = 0;
    backoffUntil = 0;
  }
  return n;
}

export function runGemmJob(job: GemmJob, view: View, macro: Macro, scratch: Uint32Array, threaded: boolean): void {
  const flops = 2 * job.Mp * job.Np * job.K;
  const p = threaded && flops >= PARALLEL_MIN_FLOPS && (backoffUntil === 0 || performance.now() >= backoffUntil) ? activePool() : null;
  if (p) {
    const threads = 1 + p.ready();
    // split the longer side of C, in whole micro-tiles, into a few chunks per thread (load balance)
    const colUnits = job.Np / job.NR, rowUnits = job.Mp / job.MR;
    const rows = rowUnits > colUnits && !job.im2col; // im2col packs B by columns
    const units = rows ? rowUnits : colUnits;
    const want = Math.min(units, threads * 4, Math.max(threads, Math.floor(flops / PARALLEL_MIN_FLOPS)));
    if (want >= 2) {
      const chunkUnits = Math.ceil(units / want);
      const chunk = chunkUnits * (rows ? job.MR : job.NR);
      if (p.run(job, rows, chunk, Math.ceil(units / chunkUnits), view, macro)) {
        // a worker held a chunk long after this thread ran out of work: the cores are busy with
        // other work (the OS shares them by process group, so a second thread adds no CPU). After a
        // few such stalls in a row, stay on one thread for a while, then try again.
        if (++stalls >= STALLS_BEFORE_BACKOFF && backoffEnabled) {
          backoffUntil = performance.now() + BACKOFF_MS;
          backoffs++;
          stalls = 0;
        }
      } else stalls = 0;
      return;
    }
  }
  writeJob(scratch, job, false, job.Np);
  runChunk(scratch, view, macro, 0);
}

/** A params block for single-threaded runs (same layout as the pool's control buffer). */
export function jobScratch(): Uint32Array {
  return new Uint32Array(CTL_WORDS);
}

/** Starts the pool now (the kernel worker calls it at start-up); resolves to the threads then usable. */
export function _start_threads(): Promise<number> {
  return threadsReady();
}

let gemmKernelLabel = 'JS (no WASM SIMD)';
/** What the CPU backend's GEMM runs on, for parallel_info() (./index sets it). */
export function setGemmKernelLabel(label: string): void {
  gemmKernelLabel = label;
}

/** `torch.__config__.parallel_info()`: the thread settings, as text (PyTorch prints its own). */
export function parallel_info(): string {
  const supported = threadsSupported() && kernel !== null;
  const lines = [
    'Torchlit CPU backend threads:',
    `\tget_num_threads() : ${get_num_threads()}`,
    `\tGEMM micro-kernel : ${gemmKernelLabel}`,
    `\tGEMM workers ready : ${pool ? pool.ready() : 0}`,
    `\tchunks run by workers : ${chunksRunByWorkers()}`,
    `\tshared WebAssembly memory : ${supported ? 'yes' : `no (${typeof SharedArrayBuffer !== 'function' ? 'no SharedArrayBuffer: the page is not crossOriginIsolated' : 'WASM SIMD unavailable'})`}`,
    `\tsplit above : ${PARALLEL_MIN_FLOPS} flops per product`,
    `\tbacked off to one thread (workers stalled on busy cores) : ${backoffs} times`,
  ];
  return lines.join('\n') + '\n';
}

/** `torch.__config__`. */
export const __config__ = Object.freeze({ parallel_info });
