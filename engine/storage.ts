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
  if (pooledBytes > 0 && n * dtype.array.BYTES_PER_ELEMENT >= POOL_MIN_BYTES) {
    const reused = takePooled(dtype, n);
    if (reused) return reused;
  }
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

// ---- reuse of dead gradients' arrays ------------------------------------------------------
// A large array fresh from the allocator costs its first touch (page faults: a ReLU into a new
// 1.6 MB array took 4.1 ms against 0.45 ms into a reused one), and a training step makes the same
// sizes every time. The autograd engine knows when a gradient it passed between two nodes is dead
// (created in the pass, read by one node, shared with nothing: `autograd.ts` `recycleDeadGrad`);
// it hands such a storage's array back here, and the next allocation of that dtype and length
// takes it, zero-filled, instead of fresh memory. Nothing else is ever pooled: not a user's data,
// not a tensor anything outside the pass can reach. Held at most POOL_MAX_BYTES, dropped after
// POOL_IDLE_MS without use (a training loop keeps it busy; a finished cell gives it back).
/** Smaller arrays are cheap to allocate: not pooled. */
export const POOL_MIN_BYTES = 64 * 1024;
const POOL_MAX_BYTES = 64 * 2 ** 20;
const POOL_IDLE_MS = 2000;
const pool = new Map<DType, Map<number, TypedArray[]>>();
let pooledBytes = 0;
let poolEnabled = true;
let poolLastUse = 0;
let poolTimer: ReturnType<typeof setTimeout> | null = null;

function takePooled(dtype: DType, n: number): TypedArray | null {
  const a = pool.get(dtype)?.get(n)?.pop();
  if (!a) return null;
  pooledBytes -= a.byteLength;
  poolLastUse = performance.now();
  return a.fill(0);
}

function drainPoolWhenIdle(): void {
  poolTimer = null;
  if (!pooledBytes) return;
  const idle = performance.now() - poolLastUse;
  if (idle < POOL_IDLE_MS) return schedulePoolDrain(POOL_IDLE_MS - idle);
  pool.clear();
  pooledBytes = 0;
}
function schedulePoolDrain(ms: number): void {
  if (poolTimer) return;
  poolTimer = setTimeout(drainPoolWhenIdle, ms);
  // never keeps a Node process alive
  (poolTimer as { unref?: () => void }).unref?.();
}

/**
 * Frees a storage whose tensor the caller knows nothing can reach any more, keeping its array for
 * the next allocation of the same dtype and length. Only arrays the allocator made for this storage
 * qualify. Returns whether it was kept.
 */
export function recycleStorage(s: Storage): boolean {
  const data = s.data;
  if (!poolEnabled || !s._owned || !data || s.keep || s.handle || s.nbytes < POOL_MIN_BYTES || pooledBytes + s.nbytes > POOL_MAX_BYTES) return false;
  s.dispose();
  let bySize = pool.get(s.dtype);
  if (!bySize) pool.set(s.dtype, (bySize = new Map()));
  let list = bySize.get(s.length);
  if (!list) bySize.set(s.length, (list = []));
  list.push(data);
  pooledBytes += data.byteLength;
  poolLastUse = performance.now();
  schedulePoolDrain(POOL_IDLE_MS);
  return true;
}

/** Turns the reuse of dead gradients' arrays on or off (A/B measurements, tests); off drops what is kept. Returns the old setting. */
export function setStoragePool(on: boolean): boolean {
  const was = poolEnabled;
  poolEnabled = on;
  if (!on) {
    pool.clear();
    pooledBytes = 0;
  }
  return was;
}

/** Bytes of arrays kept for reuse now. */
export const pooledStorageBytes = (): number => pooledBytes;

/** Serial number of the last storage made: the autograd engine tells a gradient made in its pass from older tensors. */
let storageSerial = 0;
export const lastStorageSerial = (): number => storageSerial;

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
  /** Made after `lastStorageSerial()` read n ⇔ serial > n. */
  readonly serial = ++storageSerial;
  /** The CPU array was allocated for this storage (not a caller's array): it may be recycled. */
  _owned = false;

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
    if (data) return new Storage(dtype, device, n, data);
    const s = new Storage(dtype, device, n, allocCpu(dtype, n));
    s._owned = true;
    return s;
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
