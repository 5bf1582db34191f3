// The kernel frame (kernel.html): a hidden iframe on the kernel origin that owns the kernel
// worker. It relays page ↔ worker messages (both directions checked by the protocol guards,
// page messages only from the app origins its own config.json allows: frame-trust.ts), owns the
// shared interrupt flag, and restarts the worker when asked, when it ignores an interrupt, or
// when it dies.
import { isToKernel, isWorkerToFrame, type Backend, type FromKernel, type KernelStatus, type ToKernel } from '../protocol/messages';
import { decideTrust, originOf, readOwnConfig } from './frame-trust';
import { takeEmbeddedConfig } from '../protocol/embedded-config';
import { OutputGuard, overLimitNote } from '../protocol/limits';

/** How long a cell may ignore an interrupt before the worker is terminated. */
const INTERRUPT_GRACE_MS = 1000;
/**
 * The most that grace is extended while the worker shows it is not stuck: its event loop turned
 * since the last look (a heartbeat came: it can see the interrupt message, and a cell parked in an
 * await is stopped by it), or this frame was itself starved (its timer fired late). On a loaded
 * machine a cell interrupted in an awaiting loop was otherwise restarted, losing every variable.
 */
const INTERRUPT_GRACE_MAX_MS = 10_000;
/**
 * An idle worker that sends no heartbeat (every 500 ms) for this long is considered dead. Generous:
 * a worker kept busy by a cell's background work (a timer, an un-awaited promise) or starved on a
 * loaded machine is slow, not dead, and restarting it loses every variable. The deaths the kernel
 * can see coming are reported at once ('closing'); a worker that runs out of JS heap takes its
 * renderer process with it, which the page's own frame heartbeat detects (kernel-client.ts).
 */
const HEARTBEAT_TIMEOUT_MS = 10_000;

const params = new URLSearchParams(location.hash.slice(1));
/** This origin's config.json as the server embedded it in kernel.html (null: none; then fetched). */
const embeddedConfig = takeEmbeddedConfig(document);
/** The app origins this frame obeys (set from its own config.json before anything starts). */
let allowed: string[] = [];
/** The allowed origin the embedding page has proved to be (by posting from it); null before. */
let parentOrigin: string | null = null;
let isolated = false;
const coi = self.crossOriginIsolated === true;
let device: Backend = params.get('device') === 'webgpu' ? 'webgpu' : 'cpu';
/**
 * The notebook page's base URL (`#app=`), which `weights: 'DEFAULT'` and relative URLs in cells
 * resolve against (issue 17). Only a convenience for fetches, never trust: it is used only when
 * it lies on an app origin this frame obeys (checked in boot()).
 */
let appBase: string | undefined;

/** Cooperative interrupt: one Int32 the worker polls (SharedArrayBuffer needs isolation). */
const flagBuffer = coi ? new SharedArrayBuffer(4) : undefined;
const flag = flagBuffer ? new Int32Array(flagBuffer) : undefined;

let worker: Worker | null = null;
let lastSeen = 0;
/** When the worker's last heartbeat arrived (sent by a timer: only while its event loop is free). */
let lastHeartbeat = 0;
/** Workers this frame has created and terminated (the test hook below reports them). */
const workerCounts = { created: 0, terminated: 0 };
function terminate(w: Worker): void {
  w.terminate();
  workerCounts.terminated++;
}
/** Whether the current worker has spoken yet (loading the engine may take a while on a slow machine). */
let alive = false;
const STARTUP_TIMEOUT_MS = 30_000;
/** Execute requests sent to the worker and not answered yet; the first is the running one. */
let pending: { id: string; cellId: string }[] = [];
let watchdog: ReturnType<typeof setTimeout> | null = null;
let lastStatus: KernelStatus = { type: 'status', status: 'starting', backend: device, isolated, webgpu: { available: false, reason: 'the kernel is starting' }, version: '', crossOriginIsolated: coi };
const crashes: number[] = [];
/**
 * The frame's own check of what the worker sends (issue 22, hole 3): a cell that took over the
 * worker's channel still cannot write into another cell's outputs or past the hard output caps.
 */
const guard = new OutputGuard();

/**
 * To the page, addressed to the allowed origins only (the browser drops a message whose target
 * origin is not the parent's): before the page has spoken, to each of them; then to its origin.
 */
function toPage(m: FromKernel | { type: 'frame_heartbeat' }): void {
  if (parentOrigin) window.parent.postMessage(m, parentOrigin);
  else for (const o of allowed) window.parent.postMessage(m, o);
}

function sendStatus(status: KernelStatus['status']): void {
  lastStatus = { ...lastStatus, status, isolated, crossOriginIsolated: coi };
  toPage(lastStatus);
}

/**
 * A warm spare: a second worker with the engine already loaded, so a restart (after a hang, a
 * crash, or on request) swaps it in at once instead of waiting for a fresh worker to boot.
 */
let spare: { w: Worker; status: KernelStatus | null; device: Backend } | null = null;
let spareTimer: ReturnType<typeof setTimeout> | null = null;
const SPARE_DELAY_MS = 200;
/**
 * The first spare waits longer: the kernel starts with the app, on the start page, while the page,
 * the editor and its TypeScript worker still load, and a second engine booting at once would take
 * CPU from them. After a restart the spare comes back at once (the next restart may be near).
 */
const FIRST_SPARE_DELAY_MS = 1500;
let spares = 0;
/**
 * The first spare also waits for the first code the page runs: a notebook only opened, read or
 * edited never restarts its kernel, and a second engine booting for it costs ~0.6 CPU-s on every
 * page load (measured per renderer process on the 2-core machine). A cell that hangs before any
 * other ran restarts into a fresh worker, as a restart within the first 1.5 s always did.
 */
let codeRan = false;

function spawn(): Worker {
  const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'torchlit-kernel' });
  workerCounts.created++;
  // The kernel speaks on a private channel whose port only the worker's own module holds: cells
  // run in the worker's global scope and can call self.postMessage, but nothing the frame reads
  // comes from there, so a cell cannot forge outputs for other cells, statuses or replies.
  const channel = new MessageChannel();
  channel.port1.onmessage = (ev) => {
    if (w === worker) {
      lastSeen = Date.now();
      alive = true;
      fromWorker(ev.data);
    } else if (spare?.w === w && isWorkerToFrame(ev.data) && ev.data.type === 'status') {
      spare.status = ev.data;
    }
  };
  w.addEventListener('error', (ev) => {
    ev.preventDefault();
    if (w === worker) restart('crashed', `The kernel crashed (${ev.message || 'the worker failed to load'}); it was restarted and all variables were lost.`);
    else if (spare?.w === w) {
      spare = null;
      terminate(w);
    }
  });
  channel.port1.onmessageerror = () => {
    if (w === worker) restart('crashed', 'The kernel sent a message that could not be read; it was restarted and all variables were lost.');
  };
  w.postMessage({ type: 'init', interruptBuffer: flagBuffer, device, port: channel.port2, appBase }, [channel.port2]);
  return w;
}

function startWorker(): void {
  if (flag) Atomics.store(flag, 0, 0);
  lastSeen = Date.now();
  const s = spare;
  spare = null;
  if (s) {
    worker = s.w;
    alive = s.status !== null;
    if (s.device !== device) worker.postMessage({ type: 'set_device', device });
    if (s.status) {
      lastStatus = { ...s.status, isolated, crossOriginIsolated: coi };
      toPage(lastStatus);
    }
  } else {
    worker = spawn();
    alive = false;
  }
  spareWanted = true;
}

/** The spare boots once the active worker is idle, so it does not slow the kernel's own start. */
let spareWanted = false;
function maybeSpawnSpare(): void {
  if (!spareWanted || spare || spareTimer || (spares === 0 && !codeRan)) return;
  spareTimer = setTimeout(() => {
    spareTimer = null;
    spareWanted = false;
    if (!spare && worker) spare = { w: spawn(), status: null, device };
  }, spares++ === 0 ? FIRST_SPARE_DELAY_MS : SPARE_DELAY_MS);
}

function fromWorker(m: unknown): void {
  if (!isWorkerToFrame(m)) return;
  if (m.type !== 'heartbeat' && m.type !== 'closing') {
    const verdict = guard.check(m);
    if (verdict !== 'ok') {
      const t = guard.target();
      if (verdict === 'over' && guard.firstOver && t) toPage({ type: 'stream', id: t.id, cellId: t.cellId, name: 'stderr', text: overLimitNote('The kernel frame') });
      return;
    }
  }
  switch (m.type) {
    case 'heartbeat':
      lastHeartbeat = Date.now();
      return;
    case 'closing':
      restart('crashed', 'The kernel worker was closed (self.close()); it was restarted and all variables were lost.');
      return;
    case 'status':
      lastStatus = { ...m, isolated, crossOriginIsolated: coi };
      toPage(lastStatus);
      if (m.status === 'idle') maybeSpawnSpare();
      return;
    case 'execute_reply':
      pending = pending.filter((p) => p.id !== m.id);
      if (pending.length === 0) clearWatchdog();
      break;
    case 'error':
      // The running cell stopped at an interrupt check: the worker answered, its reply follows
      // (on a starved machine perhaps after the grace period, which must not restart it then).
      if (m.ename === 'KeyboardInterrupt' && pending[0]?.id === m.id) clearWatchdog();
      break;
  }
  toPage(m as FromKernel);
}

/** Restarts the worker if the interrupted cell `id` is still running after the grace period. */
function armInterruptWatchdog(id: string, sentAt: number): void {
  const armedAt = Date.now();
  watchdog = setTimeout(() => {
    watchdog = null;
    if (pending[0]?.id !== id) return;
    const now = Date.now();
    const starved = now - armedAt > INTERRUPT_GRACE_MS + 500;
    const turning = lastHeartbeat > armedAt;
    if ((starved || turning) && now - sentAt < INTERRUPT_GRACE_MAX_MS) return armInterruptWatchdog(id, sentAt);
    restart('unresponsive', 'The cell did not reach an interrupt check within 1 s, so the kernel was restarted: all variables were lost.');
  }, INTERRUPT_GRACE_MS);
}

function clearWatchdog(): void {
  if (watchdog) clearTimeout(watchdog);
  watchdog = null;
}

function fromPage(m: ToKernel): void {
  switch (m.type) {
    case 'execute':
      if (!worker) {
        // Dead after repeated crashes: answer at once instead of leaving the cell queued forever.
        const evalue = 'The kernel is not running (it crashed repeatedly). Restart the kernel to go on.';
        toPage({ type: 'error', id: m.id, cellId: m.cellId, ename: 'KernelDead', evalue, traceback: [`KernelDead: ${evalue}`] });
        toPage({ type: 'execute_reply', id: m.id, cellId: m.cellId, status: 'error', durationMs: 0 });
        return;
      }
      codeRan = true;
      pending.push({ id: m.id, cellId: m.cellId });
      guard.started(m.id, m.cellId);
      worker.postMessage(m);
      return;
    case 'interrupt': {
      if (flag) Atomics.store(flag, 0, 1);
      worker?.postMessage(m);
      const running = pending[0];
      if (running && !watchdog) armInterruptWatchdog(running.id, Date.now());
      return;
    }
    case 'restart':
      restart('user', 'The kernel was restarted: all variables were cleared.');
      return;
    case 'set_device':
      device = m.device;
      worker?.postMessage(m);
      return;
    case 'inspect':
      worker?.postMessage(m);
      return;
  }
}

/** Terminate the worker, answer what it left unanswered, and start a fresh one. */
function restart(reason: 'user' | 'unresponsive' | 'crashed', message: string): void {
  clearWatchdog();
  if (worker) terminate(worker);
  worker = null;
  const [running, ...queued] = pending;
  pending = [];
  guard.reset();
  if (running) {
    const ename = reason === 'crashed' ? 'KernelCrashed' : reason === 'unresponsive' ? 'KeyboardInterrupt' : 'KernelRestarted';
    // The page adds `message` (what was lost) to the cell and the notice: the error says only what happened, so the cell says it once.
    const evalue = reason === 'unresponsive' ? 'the cell did not reach an interrupt check (e.g. one long engine call, or code built with new Function)' : message;
    toPage({ type: 'error', id: running.id, cellId: running.cellId, ename, evalue, traceback: [`${ename}: ${evalue}`] });
    toPage({ type: 'execute_reply', id: running.id, cellId: running.cellId, status: reason === 'crashed' ? 'error' : 'interrupted', durationMs: 0 });
  }
  for (const q of queued) toPage({ type: 'execute_reply', id: q.id, cellId: q.cellId, status: 'interrupted', durationMs: 0 });
  toPage({ type: 'restarted', reason, message });
  if (reason === 'crashed') {
    const now = Date.now();
    crashes.push(now);
    while (crashes.length && now - crashes[0] > 30_000) crashes.shift();
    if (crashes.length >= 3) {
      sendStatus('dead');
      return;
    }
  }
  sendStatus('starting');
  startWorker();
}

window.addEventListener('message', (ev: MessageEvent) => {
  if (ev.source !== window.parent || window.parent === window || !allowed.includes(ev.origin)) return;
  if (parentOrigin !== null && ev.origin !== parentOrigin) return;
  if (!isToKernel(ev.data)) return;
  parentOrigin = ev.origin;
  fromPage(ev.data);
});

// A worker that stops answering while it has nothing to run has died (e.g. out of memory).
// The frame's own heartbeat tells the page that the frame (its process) is alive: a worker that
// runs out of JS heap takes its renderer process down with it, and the page must notice that.
let lastTick = Date.now();
function tick(): void {
  toPage({ type: 'frame_heartbeat' });
  // A late tick means this frame was starved too (a loaded machine, a throttled tab): the worker's
  // heartbeats may be queued behind it, so its silence counts from now.
  const now = Date.now();
  if (now - lastTick > 1000) lastSeen = Math.max(lastSeen, now);
  lastTick = now;
  if (worker && pending.length === 0 && now - lastSeen > (alive ? HEARTBEAT_TIMEOUT_MS : STARTUP_TIMEOUT_MS)) {
    restart('crashed', 'The kernel stopped responding; it was restarted and all variables were lost.');
  }
}

/**
 * Test hook (read by the e2e fault tests through Playwright's frame access): how many workers
 * this frame holds — the active one and the warm spare — and has created/terminated in total.
 */
(globalThis as { __torchlitFrameWorkers?: () => unknown }).__torchlitFrameWorkers = () => ({
  active: worker ? 1 : 0,
  spare: spare ? 1 : 0,
  spareReady: spare?.status != null,
  live: workerCounts.created - workerCounts.terminated,
  ...workerCounts,
});

/** Starts the kernel only for an allowed embedder; anything else gets a frame that does nothing. */
async function boot(): Promise<void> {
  if (window.parent === window) {
    document.body.textContent = 'This is the Torchlit kernel frame; the notebook page embeds it.';
    return;
  }
  const trust = decideTrust(location.origin, import.meta.env.DEV ? null : await readOwnConfig(document.baseURI, fetch, embeddedConfig), import.meta.env.DEV);
  // Where the browser says who embeds us, refuse a stranger before starting anything (a hint
  // only: the message handler's own check is what keeps strangers out).
  const embedder = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins?.[0];
  if (trust.ok && embedder !== undefined && !trust.allowed.includes(embedder)) {
    document.body.textContent = `This kernel frame obeys only ${trust.allowed.join(', ')}; it is embedded by ${embedder}, so it does nothing.`;
    return;
  }
  if (!trust.ok) {
    document.body.textContent = `This kernel frame does not run here: ${trust.reason}`;
    return;
  }
  allowed = trust.allowed;
  isolated = trust.isolated;
  const app = params.get('app');
  if (app !== null && /^https?:/.test(app) && allowed.includes(originOf(app) ?? '')) appBase = new URL(app).href;
  lastStatus = { ...lastStatus, isolated };
  setInterval(tick, 250);
  sendStatus('starting');
  startWorker();
}
void boot();
