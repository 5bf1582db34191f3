// The page's kernel client: creates the hidden kernel frame and talks to it.
//
//   const kernel = createKernelClient({ kernelOrigin?: string, device?: 'cpu' | 'webgpu' });
//   const off = kernel.onMessage((m: FromKernel) => …);   // every message, in order; off() stops
//   const id = kernel.execute(cellId, code, executionCount);
//       // replies carry `id`: stream / display / update_display / execute_result / error,
//       // then always one execute_reply {status: 'ok' | 'error' | 'interrupted'}
//   kernel.status        // the last KernelStatus: status (starting|idle|busy|dead), backend,
//                        // isolated (frame on another origin), crossOriginIsolated, webgpu {available, reason}
//   kernel.interrupt();  // cooperative (KeyboardInterrupt, variables kept); a cell that ignores it
//                        // for ~1 s is stopped by restarting the kernel: a 'restarted' message
//                        // {reason: 'unresponsive', message} says variables were lost
//   await kernel.restart();             // resolves when the fresh kernel is idle
//   kernel.setDevice('webgpu');         // the notebook's default device; status tells if it worked
//   const vars = await kernel.inspect(); // VariableInfo[] of the shared scope
//   kernel.dispose();                   // removes the frame
//
// 'restarted' messages (reason 'user' | 'unresponsive' | 'crashed') also arrive when the
// kernel restarts by itself; a running cell then gets an error and its execute_reply.
//
// Where the kernel lives: `kernelOrigin` (e.g. http://localhost:5174, or a URL with a path where
// the app's build is hosted on a second origin) serves kernel.html; `null` loads the frame from
// the app's own origin (it reports `isolated: false`). Whether a same-origin kernel may run at all
// is decided by ./kernel.ts (startKernel: production builds fail closed).
import { isFrameToPage, type Backend, type FromKernel, type KernelStatus, type ToKernel, type VariableInfo } from '../protocol/messages';
import { NOTE_SLACK, OutputGuard, overLimitNote } from '../protocol/limits';

export interface KernelClientOptions {
  /** Origin (or base URL) that serves kernel.html; null: the page's own origin. */
  kernelOrigin: string | null;
  device?: Backend;
  /** Where the frame goes (default: document.body). */
  container?: HTMLElement;
}

export interface KernelClient {
  /** The last status the kernel reported (a 'starting' one until it does). */
  readonly status: KernelStatus;
  onMessage(fn: (m: FromKernel) => void): () => void;
  /** Queue a cell; returns the request id that its replies carry. */
  execute(cellId: string, code: string, executionCount: number): string;
  interrupt(): void;
  /** Restart the kernel (all variables are lost); resolves when it is idle again. */
  restart(): Promise<void>;
  setDevice(device: Backend): void;
  /** The variables in the kernel's shared scope. */
  inspect(): Promise<VariableInfo[]>;
  /** Resolves once the kernel has reported itself idle for the first time. */
  ready(): Promise<void>;
  /** The kernel frame's URL (for diagnostics). */
  readonly frameUrl: string | null;
  dispose(): void;
}

const INSPECT_TIMEOUT_MS = 10_000;
/**
 * The frame posts a heartbeat every 250 ms. Silence this long means its process died (a worker
 * that runs out of JS heap takes the frame's renderer process with it): the client replaces the
 * frame with a fresh kernel. Checked only while the page is visible (hidden tabs throttle timers).
 */
export const FRAME_SILENCE_MS = 2000;
/** The most a starved but live frame is given: beyond this, silence means dead on any machine. */
export const FRAME_SILENCE_MAX_MS = 15_000;

/**
 * How long a silence must last before the frame counts as dead, given the longest recent gap
 * between its messages. A frame whose process is starved of CPU (a loaded 2-core machine) sends
 * its heartbeats late but sends them; one that died sends nothing. Like TCP's retransmission
 * timer, the allowance follows the gaps actually seen: 2 s on a quiet machine (heartbeats every
 * 250 ms), up to three times the longest recent gap on a loaded one, never over 15 s.
 */
export function silenceAllowance(recentMaxGapMs: number): number {
  return Math.min(FRAME_SILENCE_MAX_MS, Math.max(FRAME_SILENCE_MS, 3 * recentMaxGapMs));
}
const RESTART_TIMEOUT_MS = 30_000;

let counter = 0;
const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(++counter).toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/** kernel.html's URL for a kernel origin or base URL (`http://host:5174` or `https://k.example/app/`). */
export function kernelFrameUrl(kernelOrigin: string | null, baseURI: string): URL {
  if (!kernelOrigin) return new URL('kernel.html', baseURI);
  const base = kernelOrigin.endsWith('/') || kernelOrigin.endsWith('.html') ? kernelOrigin : `${kernelOrigin}/`;
  return base.endsWith('.html') ? new URL(base) : new URL('kernel.html', base);
}

export function createKernelClient(options: KernelClientOptions): KernelClient {
  const listeners = new Set<(m: FromKernel) => void>();
  let device: Backend = options.device ?? 'cpu';
  let status: KernelStatus = { type: 'status', status: 'starting', backend: device, isolated: false, webgpu: { available: false, reason: 'the kernel is starting' }, version: '' };
  let frame: HTMLIFrameElement | null = null;
  let frameOrigin: string | null = null;
  let frameUrl: string | null = null;
  /** Messages sent before the frame has spoken (it cannot receive them before it loads). */
  let outbox: ToKernel[] = [];
  let connected = false;
  let disposed = false;
  const inspects = new Map<string, (v: VariableInfo[]) => void>();
  let restartWaiters: (() => void)[] = [];
  let readyWaiters: (() => void)[] = [];
  let wasIdle = false;
  let restarting = false;
  /** Execute requests sent and not answered yet (answered here if the frame dies). */
  const pending = new Map<string, string>();
  /**
   * The page's own check of what the frame sends (issue 22, hole 3): only output for the running
   * cell, within the hard caps (the frame's caps plus room for its notes), reaches the notebook.
   */
  const guard = new OutputGuard(NOTE_SLACK);
  let lastHeard = 0;
  let lastTick = Date.now();
  /** The longest gap between the frame's messages lately (decays by 2% per message). */
  let recentMaxGap = 0;
  let watchdog: ReturnType<typeof setInterval> | null = null;

  const emit = (m: FromKernel) => {
    for (const fn of [...listeners]) {
      try {
        fn(m);
      } catch (e) {
        console.error('kernel client listener failed', e);
      }
    }
  };

  const send = (m: ToKernel) => {
    if (disposed) return;
    if (!connected || !frame?.contentWindow || !frameOrigin) outbox.push(m);
    else frame.contentWindow.postMessage(m, frameOrigin);
  };

  const onWindowMessage = (ev: MessageEvent) => {
    if (!frame || ev.source !== frame.contentWindow || ev.origin !== frameOrigin) return;
    const m = ev.data;
    if (!isFrameToPage(m)) return;
    const heard = Date.now();
    if (connected && lastHeard > 0) recentMaxGap = Math.max(heard - lastHeard, recentMaxGap * 0.98);
    lastHeard = heard;
    if (!connected) {
      connected = true;
      const queued = outbox;
      outbox = [];
      for (const q of queued) send(q);
    }
    if (m.type === 'frame_heartbeat') return;
    const verdict = guard.check(m);
    if (verdict !== 'ok') {
      const t = guard.target();
      if (verdict === 'over' && guard.firstOver && t) emit({ type: 'stream', id: t.id, cellId: t.cellId, name: 'stderr', text: overLimitNote('The page') });
      return;
    }
    if (m.type === 'execute_reply') pending.delete(m.id);
    if (m.type === 'status') {
      status = m;
      if (m.status === 'idle') {
        wasIdle = true;
        readyWaiters.splice(0).forEach((r) => r());
        if (restarting) {
          restarting = false;
          restartWaiters.splice(0).forEach((r) => r());
        }
      }
    } else if (m.type === 'variables') {
      inspects.get(m.id)?.(m.variables);
      inspects.delete(m.id);
    } else if (m.type === 'restarted') {
      restarting = true;
      guard.reset();
      for (const [id, resolve] of inspects) {
        resolve([]);
        inspects.delete(id);
      }
    }
    emit(m);
  };

  /** The frame went silent: answer its unanswered cells, say so, and load a fresh frame. */
  function frameDied(): void {
    const message = 'The kernel crashed (its process stopped: most likely it ran out of memory); it was restarted and all variables were lost.';
    const [running, ...queued] = [...pending];
    pending.clear();
    guard.reset();
    if (running) {
      emit({ type: 'error', id: running[0], cellId: running[1], ename: 'KernelCrashed', evalue: message, traceback: [`KernelCrashed: ${message}`] });
      emit({ type: 'execute_reply', id: running[0], cellId: running[1], status: 'error', durationMs: 0 });
    }
    for (const [id, cellId] of queued) emit({ type: 'execute_reply', id, cellId, status: 'interrupted', durationMs: 0 });
    restarting = true;
    for (const [id, resolve] of inspects) {
      resolve([]);
      inspects.delete(id);
    }
    emit({ type: 'restarted', reason: 'crashed', message });
    status = { ...status, status: 'starting' };
    emit(status);
    window.removeEventListener('message', onWindowMessage);
    frame?.remove();
    frame = null;
    connected = false;
    outbox = [];
    void mount();
  }

  function checkFrame(): void {
    const now = Date.now();
    // A late tick means this page was throttled (hidden, busy): do not blame the frame for it.
    const late = now - lastTick > 1000;
    lastTick = now;
    if (late || !connected || disposed) {
      if (late) lastHeard = now;
      return;
    }
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') {
      lastHeard = now;
      return;
    }
    // While the kernel is still starting (its frame and worker loading and compiling, the
    // busiest moment on a loaded machine) it gets the cap: a 2 s silence then is not a crash, and
    // calling it one dropped the cells the user had just queued (Run all on a fresh notebook).
    const allowance = status.status === 'starting' ? FRAME_SILENCE_MAX_MS : silenceAllowance(recentMaxGap);
    if (now - lastHeard > allowance) {
      try {
        frameDied();
      } catch (e) {
        console.error('replacing the dead kernel frame failed', e);
      }
    }
  }

  async function mount(): Promise<void> {
    if (disposed) return;
    const url = kernelFrameUrl(options.kernelOrigin, document.baseURI);
    // The frame learns which pages it obeys from its own origin's config.json, never from us.
    // `app`: the page's base URL, which the kernel resolves `weights/` and relative URLs against.
    url.hash = new URLSearchParams({ device, app: new URL('.', document.baseURI).href }).toString();
    frameOrigin = url.origin;
    frameUrl = url.href;
    const f = document.createElement('iframe');
    f.src = url.href;
    f.title = 'Torchlit kernel';
    f.setAttribute('aria-hidden', 'true');
    f.tabIndex = -1;
    // The frame keeps SharedArrayBuffer (cooperative interrupt) only when allowed isolation.
    f.allow = 'cross-origin-isolated';
    f.style.cssText = 'position:absolute;width:0;height:0;border:0;visibility:hidden';
    f.dataset.torchlitKernel = '';
    frame = f;
    lastHeard = Date.now();
    window.addEventListener('message', onWindowMessage);
    if (!watchdog && typeof setInterval === 'function') watchdog = setInterval(checkFrame, 250);
    (options.container ?? document.body).appendChild(f);
  }

  void mount().catch((e) => {
    status = { ...status, status: 'dead', webgpu: { available: false, reason: `the kernel frame could not be created: ${(e as Error).message}` } };
    emit(status);
  });

  const client: KernelClient = {
    get status() {
      return status;
    },
    get frameUrl() {
      return frameUrl;
    },
    onMessage(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    execute(cellId, code, executionCount) {
      const id = newId('exec');
      pending.set(id, cellId);
      guard.started(id, cellId);
      send({ type: 'execute', id, cellId, code, executionCount });
      return id;
    },
    interrupt() {
      send({ type: 'interrupt' });
    },
    restart() {
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, RESTART_TIMEOUT_MS);
        restartWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
        send({ type: 'restart' });
      });
    },
    setDevice(d) {
      device = d;
      send({ type: 'set_device', device: d });
    },
    inspect() {
      const id = newId('inspect');
      return new Promise<VariableInfo[]>((resolve) => {
        const timer = setTimeout(() => {
          inspects.delete(id);
          resolve([]);
        }, INSPECT_TIMEOUT_MS);
        inspects.set(id, (v) => {
          clearTimeout(timer);
          resolve(v);
        });
        send({ type: 'inspect', id });
      });
    },
    ready() {
      return wasIdle ? Promise.resolve() : new Promise<void>((r) => readyWaiters.push(r));
    },
    dispose() {
      disposed = true;
      if (watchdog) clearInterval(watchdog);
      watchdog = null;
      window.removeEventListener('message', onWindowMessage);
      frame?.remove();
      frame = null;
      listeners.clear();
      inspects.clear();
      restartWaiters = [];
      readyWaiters = [];
    },
  };
  return client;
}
