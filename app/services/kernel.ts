// Starts the kernel client. The implementation is looked up with import.meta.glob so the app
// still builds (and says the kernel is unavailable) when kernel-client.ts is absent.
import type { Backend, FromKernel, KernelStatus } from '../protocol/messages';
import type { CreateKernelClient, KernelClient } from './kernel-types';

const impls = import.meta.glob<{ createKernelClient: CreateKernelClient }>('./kernel-client.ts');

/** The kernel origin from the host's /config.json (`npm start` serves one); none means same-origin. */
export async function loadKernelOrigin(): Promise<string | undefined> {
  try {
    const res = await fetch('./config.json', { cache: 'no-store' });
    if (!res.ok) return undefined;
    const json = (await res.json()) as { kernelOrigin?: unknown };
    return typeof json.kernelOrigin === 'string' && json.kernelOrigin ? json.kernelOrigin : undefined;
  } catch {
    return undefined;
  }
}

export async function startKernel(device: Backend): Promise<KernelClient> {
  const load = impls['./kernel-client.ts'];
  if (!load) return unavailableKernel('This build has no kernel (kernel-client.ts is missing).');
  const [{ createKernelClient }, kernelOrigin] = await Promise.all([load(), loadKernelOrigin()]);
  return createKernelClient({ kernelOrigin, device });
}

/** A stand-in that answers every request with an error, so the UI never hangs. */
export function unavailableKernel(reason: string): KernelClient {
  const listeners = new Set<(m: FromKernel) => void>();
  const status: KernelStatus = { type: 'status', status: 'dead', backend: 'cpu', isolated: false, webgpu: { available: false, reason }, version: '0' };
  const emit = (m: FromKernel) => queueMicrotask(() => listeners.forEach((fn) => fn(m)));
  let n = 0;
  return {
    status,
    onMessage(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    execute(cellId) {
      const id = `unavailable-${++n}`;
      emit({ type: 'error', id, cellId, ename: 'KernelUnavailable', evalue: reason, traceback: [reason] });
      emit({ type: 'execute_reply', id, cellId, status: 'error', durationMs: 0 });
      return id;
    },
    interrupt() {},
    async restart() {},
    setDevice() {},
    async inspect() {
      return [];
    },
    dispose() {
      listeners.clear();
    },
  };
}
