// Kernels registered by (op, backend). Ops validate and compute shapes, then dispatch here;
// a backend provides the kernels it has, and a missing one is a clear error.
// One Map per backend, keyed by op name: dispatch is a hot path (the seed loop does ~30 per step),
// so no key string is built per lookup.
import type { DeviceType } from '../device';

export type Kernel = (...args: any[]) => any;
const kernels: Record<string, Map<string, Kernel>> = Object.create(null);

function table(backend: DeviceType): Map<string, Kernel> {
  return (kernels[backend] ??= new Map());
}

export function registerKernel(op: string, backend: DeviceType, fn: Kernel): void {
  table(backend).set(op, fn);
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
