// Command batching: many dispatches share one command encoder and one queue.submit, flushed
// when a readback needs the results, when an upload would overtake pending work, or every
// `settings.batchSize` dispatches. Kernel parameters (shapes, strides, offsets, scalars) go
// into one uniform arena per batch, written once before the submit. Pipelines are cached by
// their WGSL source (which encodes op, dtypes and shape class).
import { counters, gpu, onDeviceLoss, settings, settleScopes, throwPendingErrors } from './context';
import { lastUse } from './buffers';

/** Bytes of parameters each dispatch may use (one aligned slot of the arena). */
export const PARAM_SLOT = 256;
export const PARAM_WORDS = PARAM_SLOT / 4;

interface Batch {
  encoder: GPUCommandEncoder;
  pass: GPUComputePassEncoder | null;
  dispatches: number;
  /** Staging buffers to unmap-and-return after this batch's submit resolves. */
}

let batch: Batch | null = null;
let batchId = 1;
let arena: GPUBuffer | null = null;
let arenaWords = new Uint32Array(0);
let arenaSlots = 0;
const pipelines = new Map<string, GPUComputePipeline>();
const stagingFree = new Map<number, GPUBuffer[]>();

onDeviceLoss(() => {
  batch = null;
  arena = null;
  pipelines.clear();
  stagingFree.clear();
});

function ensureArena(): void {
  if (arena) return;
  const slots = settings.batchSize;
  arena = gpu().device.createBuffer({ size: slots * PARAM_SLOT, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  arenaWords = new Uint32Array(slots * PARAM_WORDS);
  arenaSlots = slots;
}

function current(): Batch {
  if (!batch) batch = { encoder: gpu().device.createCommandEncoder(), pass: null, dispatches: 0 };
  return batch;
}

export function currentBatchId(): number {
  return batchId;
}

/** A compute pipeline for this WGSL (compiled once per distinct source). */
export function pipeline(code: string): GPUComputePipeline {
  let p = pipelines.get(code);
  if (!p) {
    const device = gpu().device;
    const module = device.createShaderModule({ code });
    p = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
    pipelines.set(code, p);
    counters.pipelines++;
  }
  return p;
}

/** A storage binding: a buffer, or a window of one. */
export interface Binding {
  buffer: GPUBuffer;
  offset?: number;
  size?: number;
}

/**
 * Records one dispatch. Binding 0 is the parameter block (`params`, u32 words, ≤ PARAM_WORDS);
 * bindings 1.. are `buffers`, in order. Returns nothing: results are read by later kernels or
 * by a readback.
 */
export function dispatch(code: string, buffers: Binding[], params: ArrayLike<number>, groups: number | [number, number, number]): void {
  if (typeof groups === 'number' ? groups <= 0 : groups.some((g) => g <= 0)) return;
  const c = gpu();
  ensureArena();
  if (batch && batch.dispatches >= arenaSlots) flush();
  const b = current();
  const slot = b.dispatches++;
  if (params.length > PARAM_WORDS) throw new Error('internal: too many kernel parameters');
  arenaWords.set(params, slot * PARAM_WORDS);
  const p = pipeline(code);
  const entries: GPUBindGroupEntry[] = [{ binding: 0, resource: { buffer: arena!, offset: slot * PARAM_SLOT, size: PARAM_SLOT } }];
  buffers.forEach((bd, i) => {
    // test hook (torch.webgpu._set_max_binding): a kernel that binds past the lowered limit is a bug
    if (settings.maxBindingOverride > 0 && (bd.size ?? bd.buffer.size - (bd.offset ?? 0)) > settings.maxBindingOverride)
      throw new Error(`internal: a binding of ${bd.size ?? bd.buffer.size - (bd.offset ?? 0)} bytes exceeds the ${settings.maxBindingOverride}-byte limit (kernel not chunked)`);
    entries.push({ binding: i + 1, resource: { buffer: bd.buffer, offset: bd.offset ?? 0, size: bd.size } });
    lastUse.set(bd.buffer, batchId);
  });
  const bindGroup = c.device.createBindGroup({ layout: p.getBindGroupLayout(0), entries });
  counters.bindGroups++;
  counters.dispatches++;
  if (!b.pass) b.pass = b.encoder.beginComputePass();
  b.pass.setPipeline(p);
  b.pass.setBindGroup(0, bindGroup);
  const max = c.maxWorkgroupsPerDim;
  if (typeof groups !== 'number') b.pass.dispatchWorkgroups(groups[0], groups[1], groups[2]);
  else if (groups <= max) b.pass.dispatchWorkgroups(groups);
  else b.pass.dispatchWorkgroups(max, Math.ceil(groups / max));
  if (settings.debug) flush();
}

/** Records a buffer-to-buffer copy (ordered with the dispatches around it). */
export function copyBuffer(src: GPUBuffer, srcOff: number, dst: GPUBuffer, dstOff: number, bytes: number): void {
  if (bytes <= 0) return;
  const b = current();
  if (b.pass) {
    b.pass.end();
    b.pass = null;
  }
  b.encoder.copyBufferToBuffer(src, srcOff, dst, dstOff, bytes);
  lastUse.set(src, batchId);
  lastUse.set(dst, batchId);
}

/** Submits the pending batch (no-op when empty). */
export function flush(): void {
  throwPendingErrors();
  if (!batch) return;
  const b = batch;
  batch = null;
  if (b.pass) b.pass.end();
  const c = gpu();
  if (b.dispatches > 0) c.device.queue.writeBuffer(arena!, 0, arenaWords.buffer, 0, b.dispatches * PARAM_SLOT);
  c.device.queue.submit([b.encoder.finish()]);
  counters.submits++;
  batchId++;
}

/** Writes CPU data into a buffer, after any pending work that uses that buffer. */
export function upload(dst: GPUBuffer, dstOff: number, data: ArrayBufferView): void {
  if (lastUse.get(dst) === batchId) flush();
  gpu().device.queue.writeBuffer(dst, dstOff, data.buffer, data.byteOffset, data.byteLength);
  counters.uploads++;
}

function acquireStaging(bytes: number): GPUBuffer {
  const size = Math.max(256, 2 ** Math.ceil(Math.log2(bytes)));
  const list = stagingFree.get(size);
  if (list && list.length) return list.pop()!;
  counters.bufferAllocations++;
  return gpu().device.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
}

/** Copies `bytes` from `src` at `srcOff` back to the CPU (flushes pending work first). */
export async function readBytes(src: GPUBuffer, srcOff: number, bytes: number): Promise<ArrayBuffer> {
  if (bytes === 0) return new ArrayBuffer(0);
  const c = gpu();
  const staging = acquireStaging(bytes);
  copyBuffer(src, srcOff, staging, 0, bytes);
  flush();
  counters.readbacks++;
  c.device.pushErrorScope('validation');
  const errP = c.device.popErrorScope();
  try {
    await staging.mapAsync(GPUMapMode.READ, 0, bytes);
  } catch (e) {
    const err = await errP.catch(() => null);
    throw new Error(`WebGPU readback failed: ${(e as Error).message}${err ? ` (${err.message})` : ''}`);
  }
  const out = staging.getMappedRange(0, bytes).slice(0);
  staging.unmap();
  if (gpu().generation === c.generation) {
    const list = stagingFree.get(staging.size);
    if (list) list.push(staging);
    else stagingFree.set(staging.size, [staging]);
  }
  throwPendingErrors();
  return out;
}

/** Waits until the GPU has finished all submitted work (flushing the pending batch). */
export async function synchronize(): Promise<void> {
  flush();
  await gpu().device.queue.onSubmittedWorkDone();
  await settleScopes();
  throwPendingErrors();
}

export function pipelineCount(): number {
  return pipelines.size;
}
