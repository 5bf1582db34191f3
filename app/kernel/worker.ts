// The kernel worker: the engine plus the runtime, driven by the kernel frame's messages.
// Started by frame.ts as a module worker; everything it receives is checked by the guards.
import { isFrameToWorker, type WorkerToFrame } from '../protocol/messages';
import { KernelRuntime } from './runtime';
import type { Engine } from './engine-types';

/** The parts of DedicatedWorkerGlobalScope we use (the DOM lib does not declare it). */
type WorkerScope = typeof globalThis & {
  postMessage(m: unknown): void;
  console: Console;
  crossOriginIsolated: boolean;
  addEventListener(type: string, fn: (ev: any) => void): void;
  close(): void;
};
const scope = self as unknown as WorkerScope;
// Everything the kernel says goes over the private port from the frame's init message (kept in
// this module's scope, out of reach of cells, which run in the global scope): messages a cell
// posts with self.postMessage reach the frame, which ignores them.
let port: MessagePort | null = null;
// The kernel's own reference to MessagePort's postMessage, taken before any cell runs (issue 22,
// hole 3): a cell that patches MessagePort.prototype.postMessage (or Function.prototype.call /
// apply, Reflect.apply) later never sees the port, because the kernel calls neither the
// prototype's property nor those at send time. `bind` fixes both the target function and `call`.
const postOn = Function.prototype.call.bind(MessagePort.prototype.postMessage) as (p: MessagePort, m: WorkerToFrame) => void;
const post = (m: WorkerToFrame): void => {
  if (port !== null) postOn(port, m);
};

// The engine loads after the init message (a module of its own, fetched in parallel with the frame's work).
const loadEngine = (): Promise<Engine> => import('../../engine/index');

let runtime: KernelRuntime | null = null;
const early: unknown[] = [];

scope.addEventListener('message', (ev: MessageEvent) => {
  const m = ev.data;
  if (!isFrameToWorker(m)) return;
  if (m.type === 'init') {
    if (port) return; // once: a cell cannot swap the channel
    port = m.port;
    void init(m.interruptBuffer, m.device, m.appBase);
    return;
  }
  if (!runtime) early.push(m);
  else runtime.handle(m);
});

async function init(buffer: SharedArrayBuffer | undefined, device: 'cpu' | 'webgpu', appBase: string | undefined): Promise<void> {
  // Without its engine the kernel cannot run a cell: the worker's error makes the frame restart it.
  const engine = await loadEngine();
  // `weights: 'DEFAULT'` and relative URLs in cells mean the app's folder, not this script's (issue 17).
  if (appBase) engine._set_app_base_url(appBase);
  runtime = new KernelRuntime({
    engine,
    post,
    interruptFlag: buffer ? new Int32Array(buffer) : undefined,
    global: scope as unknown as Record<string, unknown>,
    console: scope.console,
    crossOriginIsolated: scope.crossOriginIsolated === true,
  });
  // the CPU backend's GEMM threads (nested workers, when isolated) start now, not at the first big matmul
  void engine.torch._start_threads().catch(() => {});
  await runtime.start(device);
  for (const m of early.splice(0)) if (isFrameToWorker(m) && m.type !== 'init') runtime.handle(m);
  await runtime.probeWebgpu();
}

// Errors outside any cell (a throwing timer callback, an unhandled rejection) go to the last
// cell's stderr instead of killing the worker or being mistaken by the frame for a crash.
scope.addEventListener('error', (ev: ErrorEvent) => {
  ev.preventDefault();
  runtime?.reportBackgroundError(ev.error ?? new Error(ev.message));
});
scope.addEventListener('unhandledrejection', (ev: PromiseRejectionEvent) => {
  ev.preventDefault();
  runtime?.reportBackgroundError(ev.reason);
});

// A heartbeat while the event loop is free; the frame restarts a worker that goes silent while idle.
setInterval(() => post({ type: 'heartbeat' }), 500);

// A cell that closes the worker (`self.close()`) ends the kernel: say so first, so that the frame
// restarts it at once instead of waiting for the heartbeat to stop.
const nativeClose = scope.close.bind(scope);
scope.close = () => {
  post({ type: 'closing' });
  nativeClose();
};
