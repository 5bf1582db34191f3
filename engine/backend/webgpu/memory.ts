// WebGPU kernels that create, move or copy storage: alloc, read, from_cpu, to_cpu, full,
// contiguous, copy_, cast.
import { Device } from '../../device';
import type { DType, TypedArray } from '../../dtype';
import { Tensor } from '../../tensor';
import { registerKernel } from '../registry';
import { allocStorage, bufferOf, ELEM, float64Message } from './buffers';
import { throwIfFlagged } from './debug';
import { copyBuffer, flush, readBytes, upload } from './queue';
import { counters, currentGeneration, gpu, maxBinding, onDeviceLoss, throwPendingErrors } from './context';
import { broadcastStrides, runMap } from './strided';
import { computeOf, wtype } from './wgsl';

/** A new dense WebGPU tensor (contents undefined). */
export function empty(shape: readonly number[], dtype: DType): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return new Tensor(allocStorage(dtype, n), shape);
}

registerKernel('alloc', 'webgpu', (dtype: DType, n: number) => allocStorage(dtype, n));

/**
 * Bytes per upload or readback piece: big tensors move in pieces, so a staging buffer stays
 * small (and below maxBufferSize once rounded up). Tied to the binding limit only so that tests
 * lowering it exercise the pieces.
 */
function transferChunk(): number {
  return Math.max(ELEM, Math.floor(Math.min(64 * 2 ** 20, maxBinding()) / 256) * 256);
}

async function readChunked(src: GPUBuffer, off: number, bytes: number): Promise<ArrayBuffer> {
  const chunk = transferChunk();
  if (bytes <= chunk) return readBytes(src, off, bytes);
  const parts: Promise<ArrayBuffer>[] = [];
  for (let o = 0; o < bytes; o += chunk) parts.push(readBytes(src, off + o, Math.min(chunk, bytes - o)));
  const out = new Uint8Array(bytes);
  (await Promise.all(parts)).forEach((p, i) => out.set(new Uint8Array(p), i * chunk));
  return out.buffer;
}

/** Dense row-major values of a WebGPU tensor, as the dtype's CPU typed array. */
export async function readTensor(t: Tensor): Promise<TypedArray> {
  const x = t.is_contiguous() ? t : contiguous(t);
  const n = x.numel();
  const bytes = await readChunked(bufferOf(x._storage), x._offset * ELEM, n * ELEM);
  await throwIfFlagged();
  switch (wtype(t.dtype)) {
    case 'f32':
      return new Float32Array(bytes);
    case 'i32':
      return new Int32Array(bytes);
    case 'u32':
      return Uint8Array.from(new Uint32Array(bytes));
  }
}
registerKernel('read', 'webgpu', readTensor);

const manyStaging = new Map<number, GPUBuffer[]>();
onDeviceLoss(() => manyStaging.clear());

/**
 * The values of several WebGPU tensors with one readback (one staging buffer, one map): the
 * training monitor reads an epoch's histograms and losses this way. Each result is the raw
 * 32-bit words of the dense tensor (read them as the dtype's GPU type: f32, i32, or u32 for bool).
 */
export async function readMany(ts: readonly Tensor[]): Promise<ArrayBuffer[]> {
  const dense = ts.map((t) => (t.is_contiguous() ? t : contiguous(t)));
  const sizes = dense.map((t) => t.numel() * ELEM);
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total === 0) return sizes.map(() => new ArrayBuffer(0));
  const c = gpu();
  const size = Math.max(256, 2 ** Math.ceil(Math.log2(total)));
  const staging = manyStaging.get(size)?.pop() ?? (counters.bufferAllocations++, c.device.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST }));
  let at = 0;
  dense.forEach((t, i) => {
    copyBuffer(bufferOf(t._storage), t._offset * ELEM, staging, at, sizes[i]);
    at += sizes[i];
  });
  dense.forEach((t, i) => t !== ts[i] && t.dispose());
  flush();
  counters.readbacks++;
  try {
    await staging.mapAsync(GPUMapMode.READ, 0, total);
  } catch (e) {
    throwPendingErrors();
    throw new Error(`WebGPU readback failed: ${(e as Error).message}`);
  }
  const all = staging.getMappedRange(0, total);
  at = 0;
  const out = sizes.map((s) => {
    const r = all.slice(at, at + s);
    at += s;
    return r;
  });
  staging.unmap();
  if (currentGeneration() === c.generation) {
    const list = manyStaging.get(size);
    if (list) list.push(staging);
    else manyStaging.set(size, [staging]);
  }
  throwPendingErrors();
  await throwIfFlagged();
  return out;
}

registerKernel('from_cpu', 'webgpu', (x: Tensor) => {
  if (x.dtype.name === 'float64') throw new TypeError(float64Message());
  const src = x._cpuContiguous();
  const out = empty(x._shape, x.dtype);
  if (src.length === 0) return out;
  const data = src instanceof Uint8Array ? Uint32Array.from(src) : src;
  const buf = bufferOf(out._storage);
  const per = transferChunk() / ELEM;
  for (let i = 0; i < data.length; i += per) upload(buf, i * ELEM, data.subarray(i, Math.min(data.length, i + per)));
  return out;
});

registerKernel('to_cpu', 'webgpu', () => {
  throw new Error(
    "moving a WebGPU tensor to the CPU is a GPU readback, which is asynchronous in the browser: use `await t.data()`, `await t.tolist()`, `await t.item()`, or `await torch.webgpu.to_cpu(t)` for a CPU tensor",
  );
});

/** `await torch.webgpu.to_cpu(t)`: a CPU copy of a WebGPU tensor. */
export async function toCpu(t: Tensor): Promise<Tensor> {
  const data = await readTensor(t);
  return Tensor._fromData(data, t._shape, t.dtype);
}

export function fill(shape: readonly number[], value: number, dtype: DType): Tensor {
  const out = empty(shape, dtype);
  const t = wtype(dtype);
  const c = computeOf(t);
  runMap({ op: 'full', expr: 'a', names: ['a'], inputs: [{ kind: 'scalar', value: Number(value), compute: c }], resultType: c, out, outStrides: out._strides, outOffset: 0, outType: t });
  return out;
}
registerKernel('full', 'webgpu', fill);

/** Copies `src` (any strides, broadcastable to dst) into `dst` (any strides), converting dtype. */
export function copyInto(dst: Tensor, src: Tensor, op = 'copy_'): Tensor {
  const st = wtype(src.dtype), dt = wtype(dst.dtype);
  runMap({
    op, expr: 'a', names: ['a'],
    inputs: [{ kind: 'view', t: src, strides: broadcastStrides(src, dst._shape), offset: src._offset, type: st, compute: st }],
    resultType: st, out: dst, outStrides: dst._strides, outOffset: dst._offset, outType: dt,
  });
  return dst;
}

export function contiguous(x: Tensor): Tensor {
  return copyInto(empty(x._shape, x.dtype), x, 'contiguous');
}
registerKernel('contiguous', 'webgpu', contiguous);
registerKernel('copy_', 'webgpu', (dst: Tensor, src: Tensor) => {
  if (src.device.type !== 'webgpu') src = (src as unknown as { to(d: Device): Tensor }).to(Device.webgpu);
  return copyInto(dst, src);
});
registerKernel('cast', 'webgpu', (x: Tensor, dtype: DType) => {
  if (dtype.name === 'float64') throw new TypeError(float64Message());
  // float → int truncates toward zero, as the CPU backend (and PyTorch)
  return copyInto(empty(x._shape, dtype), x, 'cast');
});
