// Timers and workers that cells start. A cell's `setTimeout`, `setInterval` and `Worker` are
// its own (parameters of the cell's function, so closures defined in the cell keep them): they
// record what they start, and an interrupt stops every timer and terminates every worker that
// cells started. Without this, a `setInterval` kept printing into later cells' outputs until a
// restart. The kernel's own timers (output batching, views) use the natives and are not touched.

type TimerHandle = ReturnType<typeof setTimeout>;
type Callback = (...a: unknown[]) => void;

/** What a cell sees under these names, in `CELL_TASK_PARAMS` order. */
export const CELL_TASK_PARAMS = ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'Worker'] as const;

export class CellTasks {
  private readonly timeouts = new Set<TimerHandle>();
  private readonly intervals = new Set<TimerHandle>();
  private readonly workers = new Set<{ terminate(): void }>();
  private readonly native = {
    setTimeout: globalThis.setTimeout.bind(globalThis),
    setInterval: globalThis.setInterval.bind(globalThis),
    clearTimeout: globalThis.clearTimeout.bind(globalThis),
    clearInterval: globalThis.clearInterval.bind(globalThis),
    Worker: (globalThis as { Worker?: typeof Worker }).Worker,
  };
  /** The values of `CELL_TASK_PARAMS` given to every cell. */
  readonly params: unknown[];

  constructor() {
    const { native, timeouts, intervals, workers } = this;
    const setTimeout = (fn: Callback | string, ms?: number, ...args: unknown[]): TimerHandle => {
      if (typeof fn !== 'function') return native.setTimeout(fn as never, ms, ...args);
      const h: TimerHandle = native.setTimeout(
        (...a: unknown[]) => {
          timeouts.delete(h);
          fn(...a);
        },
        ms,
        ...args,
      );
      timeouts.add(h);
      return h;
    };
    const setInterval = (fn: Callback | string, ms?: number, ...args: unknown[]): TimerHandle => {
      const h = native.setInterval(fn as never, ms, ...args);
      intervals.add(h);
      return h;
    };
    const clearTimeout = (h: TimerHandle | undefined) => {
      if (h !== undefined) timeouts.delete(h);
      native.clearTimeout(h);
    };
    const clearInterval = (h: TimerHandle | undefined) => {
      if (h !== undefined) intervals.delete(h);
      native.clearInterval(h);
    };
    let CellWorker: unknown = undefined;
    if (native.Worker) {
      CellWorker = class Worker extends native.Worker {
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          workers.add(this);
        }
        terminate(): void {
          workers.delete(this);
          super.terminate();
        }
      };
    }
    this.params = [setTimeout, setInterval, clearTimeout, clearInterval, CellWorker];
  }

  /** Stops every timer and worker cells started; returns how many there were. */
  stopAll(): number {
    const n = this.timeouts.size + this.intervals.size + this.workers.size;
    for (const h of this.timeouts) this.native.clearTimeout(h);
    for (const h of this.intervals) this.native.clearInterval(h);
    for (const w of this.workers) w.terminate();
    this.timeouts.clear();
    this.intervals.clear();
    this.workers.clear();
    return n;
  }
}
