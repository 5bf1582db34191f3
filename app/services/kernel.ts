// Starts the app's kernel, and decides where it may run (issue 22, hole 2: fail closed).
//
// A production build runs the kernel only on the isolated kernel origin named by the host's
// config.json. When that cannot be had (config.json unreadable, e.g. a 503, or naming no kernel
// origin) the kernel is *held back*: `blocked` says why, every cell answers `KernelBlocked`, and
// only the user's explicit `allowUnisolated()` ("Run unisolated for this notebook") starts a
// kernel on the page's own origin, where a cell could read every stored notebook. The dev server
// (`npm run dev`) keeps its same-origin kernel, shown as "not isolated".
import type { Backend, FromKernel, KernelStatus, VariableInfo } from '../protocol/messages';
import { createKernelClient, type KernelClient } from './kernel-client';
import { hostConfig } from './host-config';

/** The kernel client the app holds: a running one, or one held back until the user opts in. */
export interface AppKernel extends KernelClient {
  /** Why no kernel runs (no isolated kernel origin in a production build); null while one may. */
  readonly blocked: string | null;
  /** Starts the held-back kernel on the page's own origin (the user chose to run unisolated). */
  allowUnisolated(): void;
  /** Stops an opted-in unisolated kernel and holds the kernel back again (another notebook opened). */
  revokeUnisolated(): void;
}

export type KernelConfig = { kernelOrigin: string } | { kernelOrigin: null; problem: string };

/**
 * The kernel origin from the host's config.json (`npm start` serves one, and embeds a copy in
 * index.html: host-config.ts), or why there is none. `embedded`: that copy (tests pass their own).
 */
export async function loadKernelConfig(fetchFn: typeof fetch = fetch, embedded?: string | null): Promise<KernelConfig> {
  let res: Response;
  try {
    res = await (embedded === undefined ? hostConfig(fetchFn) : hostConfig(fetchFn, embedded));
  } catch (e) {
    return { kernelOrigin: null, problem: `config.json could not be fetched (${(e as Error).message})` };
  }
  if (!res.ok) return { kernelOrigin: null, problem: `config.json could not be read (HTTP ${res.status})` };
  try {
    const json = (await res.json()) as { kernelOrigin?: unknown };
    if (typeof json.kernelOrigin === 'string' && json.kernelOrigin) return { kernelOrigin: json.kernelOrigin };
    return { kernelOrigin: null, problem: 'config.json names no kernelOrigin' };
  } catch {
    return { kernelOrigin: null, problem: 'config.json is not JSON' };
  }
}

export async function startKernel(device: Backend, fetchFn: typeof fetch = fetch): Promise<AppKernel> {
  if (import.meta.env.DEV) return running(createKernelClient({ kernelOrigin: null, device }));
  const config = await loadKernelConfig(fetchFn);
  if (config.kernelOrigin !== null) return running(createKernelClient({ kernelOrigin: config.kernelOrigin, device }));
  const reason =
    `No isolated kernel: ${config.problem}. Nothing runs until you choose to run this notebook unisolated, ` +
    'on this page’s own origin, where its cells could read and change every notebook stored in this browser.';
  return heldBack(reason, (d) => createKernelClient({ kernelOrigin: null, device: d }), device);
}

/** A kernel that may run: nothing held back. */
function running(client: KernelClient): AppKernel {
  return Object.assign(client, { blocked: null, allowUnisolated() {}, revokeUnisolated() {} });
}

/**
 * No kernel until `allowUnisolated()`: cells are answered with a `KernelBlocked` error at once
 * (nothing hangs), and the status says `dead` with the reason.
 */
export function heldBack(reason: string, create: (device: Backend) => KernelClient, device: Backend): AppKernel {
  const listeners = new Set<(m: FromKernel) => void>();
  let inner: KernelClient | null = null;
  let off: (() => void) | null = null;
  let dev = device;
  let readyWaiters: (() => void)[] = [];
  let n = 0;
  const deadStatus = (): KernelStatus => ({ type: 'status', status: 'dead', backend: dev, isolated: false, webgpu: { available: false, reason }, version: '' });
  const relay = (m: FromKernel) => {
    for (const fn of [...listeners]) fn(m);
  };
  const emitSoon = (m: FromKernel) => queueMicrotask(() => relay(m));
  return {
    get status() {
      return inner ? inner.status : deadStatus();
    },
    get blocked() {
      return inner ? null : reason;
    },
    get frameUrl() {
      return inner?.frameUrl ?? null;
    },
    onMessage(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    execute(cellId, code, executionCount) {
      if (inner) return inner.execute(cellId, code, executionCount);
      const id = `blocked-${++n}`;
      const evalue = `${reason} Choose “Run unisolated for this notebook” in the banner to run it anyway.`;
      emitSoon({ type: 'error', id, cellId, ename: 'KernelBlocked', evalue, traceback: [`KernelBlocked: ${evalue}`] });
      emitSoon({ type: 'execute_reply', id, cellId, status: 'error', durationMs: 0 });
      return id;
    },
    interrupt: () => inner?.interrupt(),
    restart: () => (inner ? inner.restart() : Promise.resolve()),
    setDevice(d) {
      dev = d;
      inner?.setDevice(d);
    },
    inspect: (): Promise<VariableInfo[]> => (inner ? inner.inspect() : Promise.resolve([])),
    ready: () => (inner ? inner.ready() : new Promise<void>((r) => readyWaiters.push(r))),
    allowUnisolated() {
      if (inner) return;
      inner = create(dev);
      off = inner.onMessage(relay);
      void inner.ready().then(() => readyWaiters.splice(0).forEach((r) => r()));
      emitSoon(inner.status);
    },
    revokeUnisolated() {
      if (!inner) return;
      off?.();
      inner.dispose();
      inner = null;
      emitSoon(deadStatus());
    },
    dispose() {
      inner?.dispose();
      inner = null;
      listeners.clear();
      readyWaiters = [];
    },
  };
}
