// Tensor storage and memory accounting.
// CPU storage is a typed array allocated through a swappable allocator, so that it can live in
// a WebAssembly.Memory (WASM kernels, threads). A backend handle (e.g. a GPU buffer) is released
// when its Storage becomes unreachable (FinalizationRegistry) or is disposed explicitly.
import { RuntimeError } from './errors';
import { isSmallInt, type DType, type TypedArray } from './dtype';
import type { Device } from './device';

export interface CpuAllocator {
  alloc(dtype: DType, n: number): TypedArray;
}

let allocator: CpuAllocator = { alloc: (dtype, n) => new dtype.array(n) };
/** Replaces how CPU storage is allocated (e.g. from a WebAssembly.Memory). */
export function setCpuAllocator(a: CpuAllocator): void {
  allocator = a;
}

/** Beyond this, a CPU allocation fails as PyTorch's does (a browser tab would die or throw RangeError). */
const MAX_CPU_BYTES = 2 ** 32;

/** Allocates through the current allocator; too large → PyTorch's out-of-memory RuntimeError, not a JS RangeError. */
function allocCpu(dtype: DType, n: number): TypedArray {
  if (n * dtype.array.BYTES_PER_ELEMENT > MAX_CPU_BYTES) throw outOfMemory(n * dtype.itemsize);
  try {
    return allocator.alloc(dtype, n);
  } catch (e) {
    if (e instanceof RangeError) throw outOfMemory(n * dtype.itemsize);
    throw e;
  }
}
// Not a closure inside allocCpu: the bundles keep function names (keepNames), and every closure
// created pays an Object.defineProperty (~6% of a tiny op's time when it was one).
const outOfMemory = (bytes: number) => new RuntimeError(`[enforce fail at alloc_cpu.cpp] . DefaultCPUAllocator: not enough memory: you tried to allocate ${bytes} bytes.`);

const scopes: Storage[][] = [];
const live = { tensors: 0, storages: 0, bytes: 0, peakBytes: 0, untracked: 0 };
/** CPU storages below this size are not tracked one by one (see the constructor). */
export const TRACK_MIN_BYTES = 256;

export interface BackendHandle {
  /** Frees the backend resource; called once. */
  release(): void;
}

/** What outlives a Storage object: enough to account for it and free its backend resource. */
interface Held {
  bytes: number;
  handle: BackendHandle | undefined;
  released: boolean;
}

// No unregister token: dispose() marks `released`, which the callback checks (cheaper for the GC).
const registry = new FinalizationRegistry<Held>((held) => {
  if (held.released) return;
  held.released = true;
  live.storages--;
  live.bytes -= held.bytes;
  held.handle?.release();
});

export class Storage {
  /** CPU data (logical element type = dtype); null for device storage or after dispose. */
  data: TypedArray | null;
  handle: BackendHandle | undefined;
  readonly nbytes: number;
  /** PyTorch's version counter: bumped by every in-place op on any tensor over this storage (views share it). */
  version = 0;
  /** What the FinalizationRegistry keeps for a tracked storage; null for tiny untracked ones. */
  private readonly held: Held | null;

  constructor(
    readonly dtype: DType,
    readonly device: Device,
    readonly length: number,
    data: TypedArray | null,
    handle?: BackendHandle,
  ) {
    // WebGPU storage is 32-bit: uint8/int8/int16 stay on the CPU (the CPU-only column of docs/pytorch-coverage.md)
    if (device.type !== 'cpu' && isSmallInt(dtype))
      throw new RuntimeError(`torch.${dtype.name} tensors have no ${device.type} storage in Torchlit yet: keep them on the CPU, or convert first (\`t.float().to('${device.type}')\`), see docs/pytorch-coverage.md`);
    this.data = data;
    this.handle = handle;
    this.nbytes = length * dtype.array.BYTES_PER_ELEMENT;
    // Tiny CPU storages are plain garbage-collected memory: tracking each one with the
    // FinalizationRegistry would cost more GC work than the tensor itself (the seed loop is all
    // tiny tensors). They are counted in `untracked`, not in `storages`/`bytes`.
    if (handle || this.nbytes >= TRACK_MIN_BYTES) {
      this.held = { bytes: this.nbytes, handle, released: false };
      live.storages++;
      live.bytes += this.nbytes;
      if (live.bytes > live.peakBytes) live.peakBytes = live.bytes;
      registry.register(this, this.held);
    } else {
      this.held = null;
      live.untracked++;
    }
    if (scopes.length) scopes[scopes.length - 1].push(this);
  }

  /** Kept by `tidy` even when not returned (gradients, parameters, optimizer state). */
  keep = false;

  static cpu(dtype: DType, device: Device, n: number, data?: TypedArray): Storage {
    return new Storage(dtype, device, n, data ?? allocCpu(dtype, n));
  }

  private _disposed = false;
  get disposed(): boolean {
    return this._disposed;
  }

  /** Frees now instead of waiting for the garbage collector. */
  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    this.data = null;
    if (!this.held || this.held.released) return; // untracked, or already collected
    this.held.released = true;
    live.storages--;
    live.bytes -= this.nbytes;
    this.handle?.release();
  }
}

export function trackTensor(delta: number): void {
  live.tensors += delta;
}

/** Live storages and bytes (including those not yet collected). */
export function memoryStats(): { storages: number; bytes: number; peakBytes: number; untracked: number } {
  return { storages: live.storages, bytes: live.bytes, peakBytes: live.peakBytes, untracked: live.untracked };
}

export function resetPeak(): void {
  live.peakBytes = live.bytes;
}

/** Collects storages created while `fn` runs; disposes those not reachable from its result or marked kept. */
export function withScope<T>(fn: () => T, reachable: (result: T) => Set<Storage>): T {
  scopes.push([]);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    scopes.pop();
    throw e;
  }
  const created = scopes.pop()!;
  const finish = (r: T) => {
    const keep = reachable(r);
    for (const s of created) {
      if (s.keep || keep.has(s)) {
        if (scopes.length) scopes[scopes.length - 1].push(s);
      } else s.dispose();
    }
    return r;
  };
  if (result instanceof Promise) throw new RuntimeError('torch.tidy(fn): fn must be synchronous (await outside the tidy)');
  return finish(result);
}
