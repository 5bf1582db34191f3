// Kernels registered by (op, backend). Ops validate and compute shapes, then dispatch here;
// a backend provides the kernels it has, and a missing one is a clear error.
// One Map per backend, keyed by op name: dispatch is a hot path (the seed loop does ~30 per step),
// so no key string is built per lookup.
import type { DeviceType } from '../device';

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

export function registerKernel(op: string, backend: DeviceType, fn: Kernel): void {
  (originals[backend] ??= new Map()).set(op, fn);
  table(backend).set(op, wrapper ? wrapper(op, backend, fn) : fn);
}

/** Wraps every kernel (present and future) with `w`, or restores the originals (null). */
export function _setKernelWrapper(w: KernelWrapper | null): void {
  wrapper = w;
  for (const backend of Object.keys(originals) as DeviceType[]) {
    for (const [op, fn] of originals[backend]) table(backend).set(op, w ? w(op, backend, fn) : fn);
  }
}

export function getKernel(op: string, backend: DeviceType): Kernel {
  const k = kernels[backend]?.get(op);
  if (!k) throw new Error(`Torchlit: the '${op}' kernel is not implemented for the ${backend} backend`);
  return k;
}

export function hasKernel(op: string, backend: DeviceType): boolean {
  return kernels[backend]?.has(op) ?? false;
}

export function listKernels(backend: DeviceType): string[] {
  return [...(kernels[backend]?.keys() ?? [])];
}
