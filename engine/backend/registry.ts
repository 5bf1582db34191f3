// Kernels registered by (op, backend), typed by the backend contract (./kernels.ts). Ops validate
// and compute shapes, then dispatch here; a backend provides the kernels it has, and a missing one
// is a clear error. Registering a name twice is a mistake (two files claiming one kernel) and
// throws; swapping one in deliberately (the WASM GEMM over the JS one) is `replaceKernel`.
// One Map per backend, keyed by op name: dispatch is a hot path (the seed loop does ~30 per step),
// so no key string is built per lookup.
import type { DeviceType } from '../device';
import type { KernelName, Kernels } from './kernels';

export type { KernelName, Kernels } from './kernels';

// Debug modes (torch.set_debug_nonfinite, torch.autograd.set_detect_anomaly) cost nothing when off:
// while one is on, the tables hold wrapped kernels, and turning it off puts the originals back.
export type Kernel = (...args: any[]) => any;
export type KernelWrapper = (op: string, backend: DeviceType, fn: Kernel) => Kernel;
const kernels: Record<string, Map<string, Kernel>> = Object.create(null);
/** The kernels as registered (the tables may hold wrapped versions). */
const originals: Record<string, Map<string, Kernel>> = Object.create(null);
let wrapper: KernelWrapper | null = null;

function table(backend: DeviceType): Map<string, Kernel> {
  return (kernels[backend] ??= new Map());
}

function install(op: string, backend: DeviceType, fn: Kernel | null): void {
  if (!fn) {
    originals[backend]?.delete(op);
    table(backend).delete(op);
    return;
  }
  (originals[backend] ??= new Map()).set(op, fn);
  table(backend).set(op, wrapper ? wrapper(op, backend, fn) : fn);
}

/**
 * Registers `backend`'s kernel for `op` (its signature is `Kernels[op]`). Throws when one is
 * already registered: use `replaceKernel` to swap one in on purpose.
 * @example registerKernel('matmul', 'cpu', (a, b) => …)
 */
export function registerKernel<K extends KernelName>(op: K, backend: DeviceType, fn: Kernels[K]): void {
  if (originals[backend]?.has(op)) throw new Error(`Torchlit: the '${op}' kernel of the ${backend} backend is already registered (replaceKernel swaps one in on purpose)`);
  install(op, backend, fn as Kernel);
}

/** Installs `fn` as `backend`'s kernel for `op` in place of the current one (null removes it); returns the previous one. */
export function replaceKernel<K extends KernelName>(op: K, backend: DeviceType, fn: Kernels[K] | null): Kernels[K] | null {
  const prev = (originals[backend]?.get(op) ?? null) as Kernels[K] | null;
  install(op, backend, fn as Kernel | null);
  return prev;
}

/** Wraps every kernel (present and future) with `w`, or restores the originals (null). */
export function _setKernelWrapper(w: KernelWrapper | null): void {
  wrapper = w;
  for (const backend of Object.keys(originals) as DeviceType[]) {
    for (const [op, fn] of originals[backend]) table(backend).set(op, w ? w(op, backend, fn) : fn);
  }
}

export function getKernel<K extends KernelName>(op: K, backend: DeviceType): Kernels[K] {
  const k = kernels[backend]?.get(op);
  if (!k) throw new Error(`Torchlit: the '${op}' kernel is not implemented for the ${backend} backend`);
  return k as Kernels[K];
}

export function hasKernel(op: KernelName, backend: DeviceType): boolean {
  return kernels[backend]?.has(op) ?? false;
}

export function listKernels(backend: DeviceType): string[] {
  return [...(kernels[backend]?.keys() ?? [])];
}
