// Kernels registered by (op, backend). Ops validate and compute shapes, then dispatch here;
// a backend provides the kernels it has, and a missing one is a clear error.
import type { DeviceType } from '../device';

export type Kernel = (...args: any[]) => any;
const kernels = new Map<string, Kernel>();

export function registerKernel(op: string, backend: DeviceType, fn: Kernel): void {
  kernels.set(`${op}/${backend}`, fn);
}

export function getKernel(op: string, backend: DeviceType): Kernel {
  const k = kernels.get(`${op}/${backend}`);
  if (!k) throw new Error(`Torchlit: the '${op}' kernel is not implemented for the ${backend} backend`);
  return k;
}

export function hasKernel(op: string, backend: DeviceType): boolean {
  return kernels.has(`${op}/${backend}`);
}

export function listKernels(backend: DeviceType): string[] {
  return [...kernels.keys()].filter((k) => k.endsWith(`/${backend}`)).map((k) => k.slice(0, -backend.length - 1));
}
