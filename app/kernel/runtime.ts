// The kernel's execution runtime: runs cells one after another in one shared scope and turns
// what they do into FromKernel messages. No DOM: it runs in the kernel worker and in Node
// (unit tests), with the engine and the message sink passed in.
import type { Backend, FromKernel, KernelStatus, ToKernel, VariableInfo } from '../protocol/messages';
import { CELL_PARAMS, transpileCell } from './transpile';
import { createOps, type Ops, type TorchLike } from './ops';
import { KeyboardInterrupt, mapError, type CellRecord } from './errors';
import { OutputChannel, type Target } from './output';
import { formatValue } from './format';
import { needsReadback, reprAsync, toMimeBundle } from './mime';
import { Range } from './range';
import { describeVariable } from './variables';
import { MIME } from '../protocol/outputs';
import { createViews, type ViewsHost } from './views/index';

export const KERNEL_VERSION = '0.1.0';

/** The engine's namespace (`engine/index.ts`); every member may be missing while it grows. */
export interface EngineLike {
  torch?: TorchLike & {
    set_default_device?: (d: string) => unknown;
    get_default_device?: () => unknown;
    webgpu?: {
      init?: () => Promise<boolean>;
      is_available?: () => boolean | Promise<boolean>;
      unavailable_reason?: () => string | null | undefined | Promise<string | null | undefined>;
      stats?: () => { submits: number; dispatches: number; uploads: number; bufferAllocations: number; bufferReuses: number };
      synchronize?: () => Promise<void>;
    };
    _set_interrupt_check?: (fn: () => boolean) => void;
    __version__?: string;
  };
  nn?: unknown;
  F?: unknown;
  optim?: unknown;
  models?: unknown;
  datasets?: unknown;
  utils?: unknown;
  [k: string]: unknown;
}

export interface RuntimeOptions {
  engine: EngineLike;
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
  private backend: Backend = 'cpu';
  private webgpu: KernelStatus['webgpu'] = { available: false, reason: 'not checked yet' };
  private readonly scope: Record<string, unknown>;
  private readonly modules: Record<string, unknown>;
  private readonly savedConsole: Partial<Console> = {};

  constructor(private readonly opts: RuntimeOptions) {
    this.global = opts.global ?? (globalThis as unknown as Record<string, unknown>);
    this.out = new OutputChannel(opts.post);
    this.ops = createOps(opts.engine.torch, () => this.checkInterrupt());
    this.modules = this.moduleTable();
    const names = this.names;
    const global = this.global;
    this.scope = new Proxy(Object.create(null), {
      set(_t, key, value) {
        if (typeof key !== 'string') return false;
        names.add(key);
        try {
          // Define, not assign: a declared name shadows the worker's own getters (`name`, `origin`).
          Object.defineProperty(global, key, { value, writable: true, enumerable: true, configurable: true });
        } catch {
          global[key] = value;
        }
        return true;
      },
    });
    this.installGlobals();
    this.captureConsole(opts.console);
    const engineCheck = () => this.interruptRequested();
    (this.global as { __torchlitInterrupt?: () => boolean }).__torchlitInterrupt = engineCheck;
    try {
      opts.engine.torch?._set_interrupt_check?.(engineCheck);
    } catch {
      // An engine without the hook still gets checks at awaits, prints and ranges.
    }
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

  /** Message-side interrupt: abort queued cells and the running one if it is parked in an await. */
  interrupt(): void {
    for (const q of this.queue.splice(0)) {
      this.opts.post({ type: 'execute_reply', id: q.id, cellId: q.cellId, status: 'interrupted', durationMs: 0 });
    }
    if (this.current) {
      this.current.interrupted = true;
      this.current.abort(new KeyboardInterrupt());
    }
    if (this.opts.interruptFlag) Atomics.store(this.opts.interruptFlag, 0, 0);
  }

  async statusMessage(status: KernelStatus['status']): Promise<KernelStatus> {
    return {
      type: 'status',
      status,
      backend: this.backend,
      isolated: false, // the kernel frame knows; it fills this in
      webgpu: this.webgpu,
      version: KERNEL_VERSION,
      crossOriginIsolated: this.opts.crossOriginIsolated ?? false,
    };
  }

  private async postStatus(status: KernelStatus['status']): Promise<void> {
    this.opts.post(await this.statusMessage(status));
  }

  /** Announce the kernel as idle (after switching to `device` when it is not the CPU). */
  async start(device: Backend = 'cpu'): Promise<void> {
    if (device !== 'cpu') await this.applyDevice(device);
    await this.postStatus('idle');
  }

  /** Probe WebGPU once the kernel is usable, so the status says whether it can be chosen. */
  async probeWebgpu(): Promise<void> {
    if (this.webgpu.reason !== 'not checked yet') return;
    await this.checkWebgpu();
    await this.postStatus(this.running ? 'busy' : 'idle');
  }

  async setDevice(device: Backend): Promise<void> {
    await this.applyDevice(device);
    await this.postStatus(this.running ? 'busy' : 'idle');
  }

  private async checkWebgpu(): Promise<void> {
    const torch = this.opts.engine.torch;
    try {
      const wg = torch?.webgpu;
      if (!wg || typeof wg.is_available !== 'function') {
        const hasGpu = typeof navigator !== 'undefined' && 'gpu' in navigator;
        this.webgpu = { available: false, reason: hasGpu ? 'the engine has no WebGPU backend yet' : 'this browser has no WebGPU (navigator.gpu is missing)' };
        return;
      }
      if (typeof wg.init === 'function' && !(await wg.is_available())) await wg.init();
      const ok = await wg.is_available();
      const reason = ok ? undefined : ((await wg.unavailable_reason?.()) ?? 'no WebGPU adapter');
      this.webgpu = ok ? { available: true } : { available: false, reason };
    } catch (e) {
      this.webgpu = { available: false, reason: (e as Error).message };
    }
  }

  private async applyDevice(device: Backend): Promise<void> {
    const torch = this.opts.engine.torch;
    if (device === 'webgpu') {
      await this.checkWebgpu();
      if (!this.webgpu.available) {
        this.backend = 'cpu';
        return;
      }
    }
    try {
      await torch?.set_default_device?.(device);
      this.backend = device;
    } catch (e) {
      this.backend = 'cpu';
      if (device === 'webgpu') this.webgpu = { available: false, reason: (e as Error).message };
    }
  }

  // ---- execution ---------------------------------------------------------------------------

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length) {
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
    const gpuBefore = this.gpuActivity();
    try {
      let cell: CellRecord['cell'];
      try {
        cell = transpileCell(req.code);
      } catch (e) {
        record = { file, executionCount: req.executionCount, source: req.code, cell: null as never };
        throw e;
      }
      record = { file, executionCount: req.executionCount, source: req.code, cell };
      this.remember(record);
      const fn = new AsyncFunction(...CELL_PARAMS, `${cell.code}\n//# sourceURL=${file}`);
      const awaitCheck = (v: unknown) => {
        if (exec.interrupted) throw new KeyboardInterrupt();
        this.checkInterrupt();
        return v;
      };
      const running = fn(this.ops, this.scope, awaitCheck, (name: string, what?: string) => this.importModule(name, what));
      // After an interrupt wins the race, the abandoned cell may still reject: that is expected.
      running.catch(() => {});
      const value = await Promise.race([running, aborted]);
      // GPU errors (out of memory, validation) arrive asynchronously: the cell that queued the
      // work waits for it, so they show in this cell and not in a later one.
      if (this.gpuActivity() !== gpuBefore) await Promise.race([this.opts.engine.torch!.webgpu!.synchronize!(), aborted]);
      if (cell.hasResult && value !== undefined && !this.isLiveView(value)) {
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

  /** A count that changes whenever WebGPU work is queued (0 without a device). */
  private gpuActivity(): number {
    const wg = this.opts.engine.torch?.webgpu;
    if (!this.webgpu.available || typeof wg?.stats !== 'function' || typeof wg.synchronize !== 'function') return 0;
    try {
      const s = wg.stats();
      return s.submits + s.dispatches + s.uploads + s.bufferAllocations + s.bufferReuses;
    } catch {
      return 0;
    }
  }

  /**
   * After a WebGPU device loss: recover onto a new device (`init()`), or fall back to the CPU
   * when none can be had, and say so in the cell's output and in the status.
   */
  private async checkDeviceLoss(t: Target): Promise<void> {
    const torch = this.opts.engine.torch;
    const wg = torch?.webgpu;
    if (!this.webgpu.available || !wg || typeof wg.is_available !== 'function') return;
    try {
      if (await wg.is_available()) return;
    } catch {
      return;
    }
    const why = String((await wg.unavailable_reason?.()) ?? 'the WebGPU device was lost').split(';')[0];
    let ok = false;
    try {
      ok = typeof wg.init === 'function' && (await wg.init()) && (await wg.is_available());
    } catch {
      ok = false;
    }
    let msg: string;
    if (ok) {
      this.webgpu = { available: true, reason: `a new device: ${why}` };
      msg = `${capitalize(why)}. The kernel recovered onto a new WebGPU device; tensors and models that lived on the old one are gone: re-run the cells that created them.`;
    } else {
      const reason = String((await wg.unavailable_reason?.()) ?? why);
      this.webgpu = { available: false, reason };
      if (this.backend === 'webgpu') {
        try {
          await torch?.set_default_device?.('cpu');
        } catch {
          // the default device stays; ops will say WebGPU is unavailable
        }
        this.backend = 'cpu';
      }
      msg = `${capitalize(why)}. No new WebGPU device could be created (${reason}), so the kernel fell back to the CPU; tensors that lived on the GPU are gone: re-run the cells that created them.`;
    }
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

  /** `print(a, b)`: Python's print; torch objects in PyTorch's form, JS values as console.log shows them. */
  print = (...args: unknown[]): void => {
    this.checkInterrupt();
    const t = this.target();
    if (args.some(needsReadback)) {
      // A WebGPU tensor is read back first; the output channel keeps the order.
      const text = Promise.all(args.map((a) => reprAsync(a, false))).then((parts) => parts.join(' ') + '\n');
      this.out.send(text.then((s) => ({ type: 'stream', id: t.id, cellId: t.cellId, name: 'stdout', text: s }) as FromKernel));
      return;
    }
    this.out.write(t, 'stdout', args.map(formatValue).join(' ') + '\n');
  };

  private writeConsole(name: 'stdout' | 'stderr', args: unknown[]): void {
    this.out.write(this.target(), name, args.map(formatValue).join(' ') + '\n');
  }

  /**
   * `display(value)`, `display(value, {display_id})`: a rich output now; returns a handle whose
   * `update(v)` replaces it in place. `{raw: true}` sends `value` as a ready MIME bundle.
   */
  display = (value: unknown, options: { display_id?: string | boolean; metadata?: Record<string, unknown>; raw?: boolean } = {}) => {
    this.checkInterrupt();
    const t = this.target();
    const display_id = options.display_id === true ? `display-${Math.random().toString(36).slice(2, 10)}` : options.display_id || undefined;
    const metadata = options.metadata ?? {};
    this.out.send(
      toMimeBundle(value, { raw: options.raw }).then((data) => {
        const m: FromKernel = { type: 'display', id: t.id, cellId: t.cellId, data, metadata };
        if (display_id) m.display_id = display_id;
        return m;
      }),
    );
    if (!display_id) return undefined;
    const handle = { display_id, update: (v: unknown, o: { metadata?: Record<string, unknown>; raw?: boolean } = {}) => this.update_display(v, { display_id, ...o }) };
    this.handles.add(handle);
    return handle;
  };

  /** Display handles we gave out: a value holding one (a plot, a monitor) is already on screen. */
  private readonly handles = new WeakSet<object>();

  /** Whether a cell's value is a live view already displayed (it is not repeated as the result). */
  private isLiveView(v: unknown): boolean {
    if (typeof v !== 'object' || v === null) return false;
    if (this.handles.has(v)) return true;
    try {
      return Object.values(v).some((x) => typeof x === 'object' && x !== null && this.handles.has(x));
    } catch {
      return false;
    }
  }

  /** `update_display(value, {display_id})`: replace an earlier display in place. */
  update_display = (value: unknown, options: { display_id: string; metadata?: Record<string, unknown>; raw?: boolean }): void => {
    this.checkInterrupt();
    if (!options || typeof options.display_id !== 'string') throw new TypeError('update_display(value, {display_id}) needs a display_id');
    const t = this.target();
    this.out.send(
      toMimeBundle(value, { raw: options.raw }).then((data) => ({ type: 'update_display', id: t.id, cellId: t.cellId, display_id: options.display_id, data, metadata: options.metadata ?? {} }) as FromKernel),
    );
  };

  /** `range(stop)`, `range(start, stop[, step])`, as in Python. */
  range = (a: number, b?: number, step = 1): Range => (b === undefined ? new Range(0, a, 1, () => this.checkInterrupt()) : new Range(a, b, step, () => this.checkInterrupt()));

  private moduleTable(): Record<string, unknown> {
    const e = this.opts.engine;
    const torch = (e.torch ?? {}) as Record<string, unknown>;
    // `import * as torch from "torch"` must give torch.nn, torch.optim… even when the engine's
    // torch object does not carry them: a child object keeps torch's own members fast.
    const extras: Record<string, unknown> = { nn: e.nn, optim: e.optim, utils: e.utils };
    const torchModule = Object.keys(extras).every((k) => k in torch || extras[k] === undefined) ? torch : Object.assign(Object.create(torch), Object.fromEntries(Object.entries(extras).filter(([k, v]) => v !== undefined && !(k in torch))));
    const nn = (e.nn ?? {}) as Record<string, unknown>;
    const functional = e.F ?? nn.functional;
    const utils = (e.utils ?? {}) as Record<string, unknown>;
    const torchvision = { models: e.models, datasets: e.datasets, transforms: (e.datasets as Record<string, unknown> | undefined)?.transforms };
    return {
      torch: torchModule,
      'torch.nn': e.nn,
      'torch/nn': e.nn,
      'torch.nn.functional': functional,
      'torch/nn/functional': functional,
      'torch.optim': e.optim,
      'torch/optim': e.optim,
      'torch.utils': e.utils,
      'torch/utils': e.utils,
      'torch.utils.data': utils.data ?? e.utils,
      'torch/utils/data': utils.data ?? e.utils,
      torchvision,
      'torchvision.models': e.models,
      'torchvision/models': e.models,
      'torchvision.datasets': e.datasets,
      'torchvision/datasets': e.datasets,
      'torchvision.transforms': torchvision.transforms,
      'torchvision/transforms': torchvision.transforms,
    };
  }

  private importModule(name: string, what?: string): unknown {
    const m = this.modules[name];
    if (m === undefined || m === null) {
      const known = Object.keys(this.modules).filter((k) => this.modules[k] !== undefined);
      const err = new Error(`No module named '${name}' (cells can import: ${known.join(', ')})`);
      err.name = 'ModuleNotFoundError';
      throw err;
    }
    // `import torch from "torch"`: the module itself unless it has a default export.
    if (what === 'default') return (m as { default?: unknown }).default ?? m;
    return m;
  }

  private installGlobals(): void {
    const e = this.opts.engine;
    const notYet = (name: string) =>
      new Proxy(function () {}, {
        get: (_t, k) => (k === Symbol.toPrimitive || k === 'toString' ? () => `<${name}: not available yet>` : unavailable(name)()),
        apply: () => unavailable(name)(),
        construct: () => unavailable(name)(),
      });
    const pick = (name: string, v: unknown) => (v === undefined ? notYet(name) : v);
    const utils = (e.utils ?? {}) as Record<string, unknown>;
    const views = this.createViews();
    const globals: Record<string, unknown> = {
      torch: this.modules.torch ?? notYet('torch'),
      nn: pick('nn', e.nn),
      F: pick('F', e.F ?? (e.nn as Record<string, unknown> | undefined)?.functional),
      optim: pick('optim', e.optim),
      models: pick('models', e.models),
      datasets: pick('datasets', e.datasets),
      utils: pick('utils', e.utils),
      display: this.display,
      update_display: this.update_display,
      print: this.print,
      range: this.range,
      monitor: pick('monitor', e.monitor ?? utils.monitor ?? views?.monitor),
      progress: pick('progress', e.progress ?? utils.progress ?? views?.progress),
      plot: pick('plot', e.plot ?? utils.plot ?? views?.plot),
      grads: pick('grads', e.grads ?? utils.grads ?? views?.grads),
    };
    for (const [k, v] of Object.entries(globals)) this.defineGlobal(k, v);
  }

  /** The training views (monitor, progress, plot, grads) draw through `display` with display ids. */
  private createViews(): ReturnType<typeof createViews> | null {
    const host: ViewsHost = {
      display: (bundle, opts) => this.display(bundle, opts)!,
      now: () => (typeof performance !== 'undefined' ? performance.now() : Date.now()),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    };
    try {
      return createViews(host);
    } catch {
      return null;
    }
  }

  /** Make a value a global of every cell (later issues add `monitor`, `plot`, … this way). */
  defineGlobal(name: string, value: unknown): void {
    Object.defineProperty(this.global, name, { value, writable: true, configurable: true, enumerable: false });
  }

  private captureConsole(c: Console | undefined): void {
    if (!c) return;
    const route: [keyof Console, 'stdout' | 'stderr'][] = [
      ['log', 'stdout'],
      ['info', 'stdout'],
      ['debug', 'stdout'],
      ['warn', 'stderr'],
      ['error', 'stderr'],
    ];
    for (const [k, name] of route) {
      (this.savedConsole as Record<string, unknown>)[k] = c[k];
      (c as unknown as Record<string, unknown>)[k] = (...args: unknown[]) => this.writeConsole(name, args);
    }
  }

  /** Send a message that belongs to no cell in particular to the last cell (e.g. an error in a timer). */
  reportBackgroundError(e: unknown): void {
    const mapped = mapError(e, null, this.cells);
    this.out.write(this.target(), 'stderr', mapped.traceback.join('\n') + '\n');
  }

  dispose(): void {
    if (this.opts.console) Object.assign(this.opts.console, this.savedConsole);
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

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function unavailable(name: string) {
  return () => {
    throw new Error(`${name} is not available yet in this version of Torchlit`);
  };
}


export { MIME };
