// GPU memory: a size-bucketed pool of storage buffers, and the Storage handle that returns its
// buffer to the pool when the tensor's storage is freed (dispose or FinalizationRegistry).
// Every element is 32 bits on the GPU (f32, i32, and bool as u32), whatever the dtype's CPU size.
import type { DType } from '../../dtype';
import { Device } from '../../device';
import { Storage, type BackendHandle } from '../../storage';
import { counters, gpu, onDeviceLoss, reportError, trackScope } from './context';

export const ELEM = 4;
const MIN_BUCKET = 256;
/** Freed bytes kept for reuse before buffers are destroyed instead. */
const POOL_CAP = 1 << 30;

/** Bucket sizes: powers of two, with quarter steps above 64 KiB (≤ 25% slack on big tensors). */
export function bucketSize(bytes: number): number {
  if (bytes <= MIN_BUCKET) return MIN_BUCKET;
  const p = 2 ** Math.ceil(Math.log2(bytes));
  if (p <= 1 << 16) return p;
  const q = p / 8;
  return Math.ceil(bytes / q) * q;
}

const free = new Map<number, GPUBuffer[]>();
let freeBytes = 0;
/** Which batch last used a buffer: an upload into it must not overtake unsubmitted work. */
export const lastUse = new WeakMap<GPUBuffer, number>();
/** Buffers whose creation failed (out of memory, validation): never pooled, never used again. */
const failed = new WeakSet<GPUBuffer>();

onDeviceLoss(() => {
  free.clear();
  freeBytes = 0;
});

export function acquireBuffer(bytes: number): GPUBuffer {
  const size = bucketSize(bytes);
  const list = free.get(size);
  if (list && list.length) {
    counters.bufferReuses++;
    freeBytes -= size;
    return list.pop()!;
  }
  const c = gpu();
  if (size > c.maxBufferSize)
    throw new Error(`WebGPU: a tensor of ${bytes} bytes exceeds this adapter's maxBufferSize (${c.maxBufferSize} bytes)`);
  counters.bufferAllocations++;
  counters.bytesAllocated += size;
  // big allocations may fail for lack of GPU memory (or break a limit): the scopes turn that into
  // a named error, thrown at the next readback, flush or (in the notebook) the end of the cell;
  // creation itself cannot report synchronously. The failed buffer is marked so that the tensor
  // using it throws instead of computing with an invalid buffer, and it is never pooled.
  const big = size >= 1 << 26;
  if (big) {
    c.device.pushErrorScope('out-of-memory');
    c.device.pushErrorScope('validation');
  }
  const buf = c.device.createBuffer({ size, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
  if (big) {
    const mib = (size / 2 ** 20).toFixed(0);
    const fail = (err: GPUError | null, kind: string) => {
      if (!err) return;
      failed.add(buf);
      reportError(`${kind} allocating a ${mib} MiB tensor buffer (${err.message.split('\n')[0]}); free tensors (dispose(), torch.tidy) or call torch.webgpu.empty_cache(), or use smaller tensors`);
    };
    trackScope(c.device.popErrorScope().then((err) => fail(err, 'invalid GPU buffer'), () => {}));
    trackScope(c.device.popErrorScope().then((err) => fail(err, 'out of GPU memory'), () => {}));
  }
  return buf;
}

export function releaseBuffer(buf: GPUBuffer, generation: number): void {
  const c = gpu_safe();
  if (!c || c.generation !== generation) return;
  if (failed.has(buf)) {
    buf.destroy();
    return;
  }
  if (freeBytes + buf.size > POOL_CAP) {
    buf.destroy();
    return;
  }
  freeBytes += buf.size;
  const list = free.get(buf.size);
  if (list) list.push(buf);
  else free.set(buf.size, [buf]);
}

function gpu_safe() {
  try {
    return gpu();
  } catch {
    return null;
  }
}

/** Destroys every pooled (free) buffer. */
export function emptyCache(): void {
  for (const list of free.values()) for (const b of list) b.destroy();
  free.clear();
  freeBytes = 0;
}

export function poolStats(): { freeBuffers: number; freeBytes: number } {
  let n = 0;
  for (const l of free.values()) n += l.length;
  return { freeBuffers: n, freeBytes };
}

/** The backend handle of a WebGPU storage. */
export class GpuHandle implements BackendHandle {
  released = false;
  constructor(
    readonly buffer: GPUBuffer,
    readonly generation: number,
  ) {}
  release(): void {
    if (this.released) return;
    this.released = true;
    releaseBuffer(this.buffer, this.generation);
  }
}

/** A new WebGPU storage of `n` elements (contents undefined). */
export function allocStorage(dtype: DType, n: number): Storage {
  if (dtype.name === 'float64') throw new TypeError(float64Message());
  const c = gpu();
  const handle = new GpuHandle(acquireBuffer(Math.max(n, 1) * ELEM), c.generation);
  return new Storage(dtype, Device.webgpu, n, null, handle);
}

export function float64Message(): string {
  return "WebGPU does not support float64: convert first with t.float() (or pass {dtype: torch.float32}) before moving to 'webgpu'";
}

/** The GPU buffer behind a tensor's storage, checking that it is alive and on this device. */
export function bufferOf(s: Storage): GPUBuffer {
  const h = s.handle;
  if (!(h instanceof GpuHandle)) throw new Error(`expected a WebGPU tensor, got one on ${s.device}`);
  if (h.released) throw new Error('this WebGPU tensor was disposed');
  if (h.generation !== gpu().generation) throw new Error('this tensor lived on a WebGPU device that was lost; recreate it (tensors do not survive a device loss)');
  if (failed.has(h.buffer)) throw new Error('this WebGPU tensor has no memory: allocating its buffer failed (out of GPU memory); recreate it smaller or free other tensors first');
  return h.buffer;
}
