// The kernel's execution runtime: runs cells one after another in one shared scope and turns
// what they do into FromKernel messages. No DOM: it runs in the kernel worker and in Node
// (unit tests), with the engine and the message sink passed in. The run loop and interrupts
// live here; the device lifecycle in device.ts, the cell namespace in namespace.ts, what cells
// print and show in display.ts, the timers and workers cells start in cell-tasks.ts.
import type { Backend, FromKernel, KernelStatus, ToKernel, VariableInfo } from '../protocol/messages';
import { CELL_PARAMS, CHECK_EVERY } from './cell-abi';
import { createOps, type Ops } from './ops';
import { KeyboardInterrupt, mapError, type CellRecord } from './errors';
import { OutputChannel, type Target } from './output';
import { toMimeBundle } from './mime';
import { Range } from './range';
import { describeVariable } from './variables';
import { createViews, type ViewsHost } from './views/index';
import type { Engine } from './engine-types';
import { DeviceLifecycle } from './device';
import { Displays } from './display';
import { CellTasks, CELL_TASK_PARAMS } from './cell-tasks';
import { defineGlobal, engineGlobals, importFrom, moduleTable, scopeProxy } from './namespace';
import { pythonBuiltins } from './python-builtins';

/**
 * The cell transpiler (sucrase and acorn: ~40% of the worker's code), a chunk of its own: the
 * kernel says idle without it and loads it right after, so a cell run at once waits for it.
 */
let transpiler: Promise<typeof import('./transpile')> | null = null;
export const loadTranspiler = (): Promise<typeof import('./transpile')> =>
  (transpiler ??= import('./transpile').catch((e: unknown) => {
    transpiler = null; // the next cell tries again
    throw e;
  }));

export { MIME } from '../protocol/outputs';
export const KERNEL_VERSION = '0.1.0';

export interface RuntimeOptions {
  engine: Engine;
  post: (m: FromKernel) => void;
  /** One Int32 the kernel frame sets to 1 on interrupt (SharedArrayBuffer), when isolated. */
  interruptFlag?: Int32Array;
  /** Where the shared scope lives: the worker's global object. */
  global?: Record<string, unknown>;
  /** The console to capture (the worker's); restored by `dispose()`. */
  console?: Console;
  crossOriginIsolated?: boolean;
}

interface Execution extends Target {
  executionCount: number;
  interrupted: boolean;
  /** Rejects the cell's race when an interrupt message arrives while it awaits. */
  abort: (e: Error) => void;
}

type ExecuteRequest = Extract<ToKernel, { type: 'execute' }>;

const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<unknown>;
const MAX_CELL_RECORDS = 500;

export class KernelRuntime {
  readonly ops: Ops;
  private readonly out: OutputChannel;
  private readonly global: Record<string, unknown>;
  private readonly names = new Set<string>();
  private readonly cells = new Map<string, CellRecord>();
  private readonly queue: ExecuteRequest[] = [];
  private running = false;
  private current: Execution | null = null;
  /** Where output goes that has no running cell (timers, late promises): the last cell. */
  private last: Target | null = null;
  private cellCounter = 0;
  private readonly device: DeviceLifecycle;
  private readonly displays: Displays;
  private readonly tasks = new CellTasks();
  private readonly scope: Record<string, unknown>;
  private readonly modules: Record<string, unknown>;
  /**
   * The transpiler's interrupt check at loop bodies and function entries (`__ic`): a countdown,
   * and every CHECK_EVERY ticks a look at the interrupt flag.
   */
  private readonly ticker = { n: CHECK_EVERY, c: (): void => {}, t: (): number => CHECK_EVERY };

  constructor(private readonly opts: RuntimeOptions) {
    this.global = opts.global ?? (globalThis as unknown as Record<string, unknown>);
    // Tracebacks fold engine frames but need the cell frames under them: V8 keeps only 10 by default.
    Error.stackTraceLimit = Math.max(Error.stackTraceLimit ?? 10, 50);
    this.out = new OutputChannel(opts.post);
    this.ops = createOps(opts.engine.torch, () => this.checkInterrupt());
    this.modules = moduleTable(opts.engine);
    this.device = new DeviceLifecycle(opts.engine.torch);
    this.displays = new Displays(this.out, () => this.target(), () => this.checkInterrupt());
    this.scope = scopeProxy(this.global, this.names);
    this.ticker.c = () => {
      this.ticker.n = CHECK_EVERY;
      this.checkInterrupt();
    };
    this.ticker.t = () => {
      this.checkInterrupt();
      return CHECK_EVERY;
    };
    this.installGlobals();
    this.displays.captureConsole(opts.console);
    const engineCheck = () => this.interruptRequested();
    (this.global as { __torchlitInterrupt?: () => boolean }).__torchlitInterrupt = engineCheck;
    opts.engine.torch._set_interrupt_check?.(engineCheck);
  }

  // ---- messages ----------------------------------------------------------------------------

  /** Handle one (already validated) message from the page. */
  handle(m: ToKernel): void {
    switch (m.type) {
      case 'execute':
        this.queue.push(m);
        void this.pump();
        return;
      case 'interrupt':
        this.interrupt();
        return;
      case 'set_device':
        void this.setDevice(m.device);
        return;
      case 'inspect':
        this.opts.post({ type: 'variables', id: m.id, variables: this.inspect() });
        return;
      case 'restart':
        // A restart replaces the whole worker; the kernel frame does it.
        return;
    }
  }

  /**
   * Message-side interrupt: abort queued cells and the running one if it is parked in an await,
   * and stop the timers and workers cells started. (A cell in a synchronous loop has usually
   * stopped already, at a transpiler check that saw the shared flag.)
   */
  interrupt(): void {
    for (const q of this.queue.splice(0)) {
      this.opts.post({ type: 'execute_reply', id: q.id, cellId: q.cellId, status: 'interrupted', durationMs: 0 });
    }
    if (this.current) {
      this.current.interrupted = true;
      this.current.abort(new KeyboardInterrupt());
    }
    const stopped = this.tasks.stopAll();
    if (stopped && !this.current && this.last) this.out.write(this.last, 'stderr', `KeyboardInterrupt: stopped ${stopped} timer${stopped === 1 ? '' : 's'} or worker${stopped === 1 ? '' : 's'} started by cells\n`);
    if (this.opts.interruptFlag) Atomics.store(this.opts.interruptFlag, 0, 0);
  }

  async statusMessage(status: KernelStatus['status']): Promise<KernelStatus> {
    return {
      type: 'status',
      status,
      backend: this.device.backend,
      isolated: false, // the kernel frame knows; it fills this in
      webgpu: this.device.webgpu,
      version: KERNEL_VERSION,
      crossOriginIsolated: this.opts.crossOriginIsolated ?? false,
    };
  }

  private async postStatus(status: KernelStatus['status']): Promise<void> {
    this.opts.post(await this.statusMessage(status));
  }

  /** Announce the kernel as idle (after switching to `device` when it is not the CPU). */
  async start(device: Backend = 'cpu'): Promise<void> {
    if (device !== 'cpu') await this.device.apply(device);
    await this.postStatus('idle');
    void loadTranspiler().catch(() => {}); // a failure shows at the first cell's run
  }

  /** Probe WebGPU once the kernel is usable, so the status says whether it can be chosen. */
  async probeWebgpu(): Promise<void> {
    if (this.device.webgpu.reason !== 'not checked yet') return;
    await this.device.checkWebgpu();
    await this.postStatus(this.running ? 'busy' : 'idle');
  }

  async setDevice(device: Backend): Promise<void> {
    const switching = this.device.apply(device);
    // cells sent after the switch wait for it (a notebook opened on WebGPU while the kernel
    // started on the CPU sends set_device and then its cells)
    this.switching = switching.catch(() => {});
    await switching;
    await this.postStatus(this.running ? 'busy' : 'idle');
  }

  /** The device switch in progress, if any: the next cell starts after it. */
  private switching: Promise<void> = Promise.resolve();

  // ---- execution ---------------------------------------------------------------------------

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length) {
        await this.switching;
        const req = this.queue.shift()!;
        await this.run(req);
        // Let a pending interrupt message in before the next queued cell starts.
        await new Promise((r) => setTimeout(r, 0));
      }
    } finally {
      this.running = false;
    }
    await this.postStatus('idle');
  }

  /** Run one cell and post everything it produces, ending with `execute_reply`. */
  async run(req: ExecuteRequest): Promise<void> {
    const t0 = Date.now();
    let abort: (e: Error) => void = () => {};
    const aborted = new Promise<never>((_, reject) => (abort = reject));
    aborted.catch(() => {});
    const exec: Execution = { id: req.id, cellId: req.cellId, executionCount: req.executionCount, interrupted: false, abort };
    this.current = exec;
    this.last = exec;
    await this.postStatus('busy');
    const file = `torchlit-cell-${++this.cellCounter}.js`;
    let record: CellRecord | null = null;
    let status: 'ok' | 'error' | 'interrupted' = 'ok';
    await this.checkDeviceLoss(exec);
    const gpuBefore = this.device.gpuActivity();
    try {
      let cell: CellRecord['cell'];
      try {
        cell = (await loadTranspiler()).transpileCell(req.code);
      } catch (e) {
        record = { file, executionCount: req.executionCount, source: req.code, cell: null as never };
        throw e;
      }
      record = { file, executionCount: req.executionCount, source: req.code, cell };
      this.remember(record);
      const fn = new AsyncFunction(...CELL_PARAMS, ...CELL_TASK_PARAMS, `${cell.code}\n//# sourceURL=${file}`);
      const awaitCheck = (v: unknown) => {
        if (exec.interrupted) throw new KeyboardInterrupt();
        this.checkInterrupt();
        return v;
      };
      const imp = (name: string, what?: string) => importFrom(this.modules, name, what);
      this.ticker.n = CHECK_EVERY;
      const running = fn(this.ops, this.scope, awaitCheck, imp, this.ticker, ...this.tasks.params);
      // After an interrupt wins the race, the abandoned cell may still reject: that is expected.
      running.catch(() => {});
      const value = await Promise.race([running, aborted]);
      // GPU errors (out of memory, validation) arrive asynchronously: the cell that queued the
      // work waits for it, so they show in this cell and not in a later one.
      if (this.device.gpuActivity() !== gpuBefore) await Promise.race([this.device.synchronize(), aborted]);
      if (cell.hasResult && value !== undefined && !this.displays.isLiveView(value)) {
        this.out.send(
          toMimeBundle(value).then((data) => ({ type: 'execute_result', id: exec.id, cellId: exec.cellId, executionCount: exec.executionCount, data, metadata: {} }) as FromKernel),
        );
      }
    } catch (e) {
      // The engine throws its own KeyboardInterrupt from inside ops; any error while an interrupt
      // is pending is reported as the interrupt.
      const isKI = (e as Error | null)?.name === 'KeyboardInterrupt';
      const interrupted = exec.interrupted || isKI || this.flagSet();
      status = interrupted ? 'interrupted' : 'error';
      const err = interrupted && !isKI ? new KeyboardInterrupt() : e;
      const mapped = mapError(err, record, this.cells);
      this.out.send({ type: 'error', id: exec.id, cellId: exec.cellId, ...mapped });
    } finally {
      await this.checkDeviceLoss(exec);
      await this.out.drain();
      this.out.forget(exec.id);
      if (this.current === exec) this.current = null;
    }
    this.opts.post({ type: 'execute_reply', id: exec.id, cellId: exec.cellId, status, durationMs: Date.now() - t0 });
  }

  /** After a WebGPU device loss: say in the cell and the status what the kernel did about it. */
  private async checkDeviceLoss(t: Target): Promise<void> {
    const msg = await this.device.recoverFromLoss();
    if (!msg) return;
    this.out.write(t, 'stderr', `${msg}\n`);
    await this.postStatus(this.running ? 'busy' : 'idle');
  }

  private remember(rec: CellRecord): void {
    this.cells.set(rec.file, rec);
    if (this.cells.size > MAX_CELL_RECORDS) this.cells.delete(this.cells.keys().next().value!);
  }

  private flagSet(): boolean {
    const f = this.opts.interruptFlag;
    return !!f && Atomics.load(f, 0) === 1;
  }

  /** For the engine: whether an interrupt is pending (it throws its own error or KeyboardInterrupt). */
  interruptRequested(): boolean {
    return this.flagSet() || (this.current?.interrupted ?? false);
  }

  checkInterrupt(): void {
    if (this.interruptRequested()) {
      if (this.current) this.current.interrupted = true;
      throw new KeyboardInterrupt();
    }
  }

  // ---- what cells see ----------------------------------------------------------------------

  private target(): Target {
    return this.current ?? this.last ?? { id: '', cellId: '' };
  }

  get print() {
    return this.displays.print;
  }
  get display() {
    return this.displays.display;
  }
  get update_display() {
    return this.displays.update_display;
  }

  /** `range(stop)`, `range(start, stop[, step])`, as in Python. */
  range = (a: number, b?: number, step = 1): Range => (b === undefined ? new Range(0, a, 1, () => this.checkInterrupt()) : new Range(a, b, step, () => this.checkInterrupt()));

  private installGlobals(): void {
    const views = createViews(this.viewsHost());
    const globals: Record<string, unknown> = {
      ...engineGlobals(this.opts.engine),
      ...pythonBuiltins(this.opts.engine),
      display: this.displays.display,
      update_display: this.displays.update_display,
      print: this.displays.print,
      range: this.range,
      monitor: views.monitor,
      progress: views.progress,
      plot: views.plot,
      grads: views.grads,
    };
    for (const [k, v] of Object.entries(globals)) this.defineGlobal(k, v);
  }

  /** The training views (monitor, progress, plot, grads) draw through `display` with display ids. */
  private viewsHost(): ViewsHost {
    return {
      display: (bundle, opts) => this.displays.display(bundle, opts)!,
      now: () => (typeof performance !== 'undefined' ? performance.now() : Date.now()),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    };
  }

  /** Make a value a global of every cell. */
  defineGlobal(name: string, value: unknown): void {
    defineGlobal(this.global, name, value);
  }

  /** Send a message that belongs to no cell in particular to the last cell (e.g. an error in a timer). */
  reportBackgroundError(e: unknown): void {
    const mapped = mapError(e, null, this.cells);
    this.out.write(this.target(), 'stderr', mapped.traceback.join('\n') + '\n');
  }

  dispose(): void {
    this.displays.release();
    this.tasks.stopAll();
  }

  // ---- inspect -----------------------------------------------------------------------------

  /** The names in the shared scope, with what the variable inspector shows for each. */
  inspect(): VariableInfo[] {
    const out: VariableInfo[] = [];
    for (const name of [...this.names].sort()) {
      if (!(name in this.global)) continue;
      out.push(describeVariable(name, this.global[name]));
    }
    return out;
  }
}
