// The WebGPU backend's public face, `torch.webgpu` (as `torch.cuda`): init, availability,
// stats, debug mode and memory controls. Importing this file registers every WebGPU kernel.
import type { Tensor } from '../../tensor';
import { counters, currentGeneration, destroyDevice, gpuOrNull, initDevice, settings, unavailableReason } from './context';
import { emptyCache, poolStats } from './buffers';
import { pipelineCount, synchronize as sync } from './queue';
import { readMany, toCpu } from './memory';
import { histogramsRaw } from './histogram';
import { decodeHistograms, HIST_HDR, type RawHistogram } from '../histogram-words';
import './elementwise';
import './reduce';
import './matmul';
import './softmax';
import './indexing';
import './conv';
import './pool';

export interface WebGPUStats {
  submits: number;
  dispatches: number;
  bufferAllocations: number;
  bufferReuses: number;
  bindGroups: number;
  pipelines: number;
  readbacks: number;
  uploads: number;
  bytesAllocated: number;
  freeBuffers: number;
  freeBytes: number;
}

export const webgpu = {
  /** Whether tensors can be put on 'webgpu'. @example const device = torch.webgpu.is_available() ? 'webgpu' : 'cpu' */
  is_available(): boolean {
    return gpuOrNull() !== null;
  },
  /** Why `is_available()` is false (no navigator.gpu, no adapter, device lost, …), or null. */
  unavailable_reason(): string | null {
    return unavailableReason();
  },
  device_count(): number {
    return gpuOrNull() ? 1 : 0;
  },
  /**
   * Requests an adapter and a device (with the adapter's highest limits); resolves to whether
   * WebGPU is usable. Call again after a device loss to get a new device.
   * @example if (await torch.webgpu.init()) model.to('webgpu')
   */
  async init(opts: { gpu?: GPU; powerPreference?: GPUPowerPreference } = {}): Promise<boolean> {
    return initDevice(opts);
  },
  /** The adapter's description and whether it is a software (fallback) adapter. */
  get_device_name(): string {
    const c = gpuOrNull();
    return c ? `${c.adapterInfo}${c.isFallbackAdapter ? ' (fallback adapter)' : ''}` : 'none';
  },
  /** Counters since start: queue submits, dispatches, GPU buffer allocations and pool reuses, pipelines, readbacks. */
  stats(): WebGPUStats {
    return { ...counters, pipelines: pipelineCount(), ...poolStats() };
  },
  /** Resets the counters of `stats()` (e.g. before a measured training step). */
  reset_stats(): void {
    for (const k of Object.keys(counters) as (keyof typeof counters)[]) counters[k] = 0;
  },
  /**
   * Debug mode: every float kernel's output is checked for NaN/Inf; the next readback throws
   * naming the first op that produced one. Slow (one submit per op).
   */
  set_debug(on: boolean): void {
    settings.debug = on;
  },
  /** Waits for all queued GPU work (as `torch.cuda.synchronize()`). */
  async synchronize(): Promise<void> {
    await sync();
  },
  /** Frees the pooled (unused) GPU buffers, as `torch.cuda.empty_cache()`. */
  empty_cache(): void {
    emptyCache();
  },
  /** A CPU copy of a WebGPU tensor (readback is async in the browser). @example const c = await torch.webgpu.to_cpu(t) */
  async to_cpu(t: Tensor): Promise<Tensor> {
    return toCpu(t);
  },
  /**
   * Histograms (`bins` equal-width bins over the finite range, plus min/max/Σx/Σx²/zeros) of many
   * WebGPU tensors in one fused pass, with one readback.
   * @example const [g, w] = await torch.webgpu.histograms([p.grad, p], 30)
   */
  async histograms(ts: readonly Tensor[], bins = 30): Promise<RawHistogram[]> {
    const raw = histogramsRaw(ts, bins);
    const [words] = await readMany([raw]);
    raw.dispose();
    return decodeHistograms(words, ts.length, bins);
  },
  /** The histograms of `histograms()`, left on the device as int32 words (read them later with `read_many`). */
  histograms_raw(ts: readonly Tensor[], bins = 30): Tensor {
    return histogramsRaw(ts, bins);
  },
  /** Decodes `count` histograms from the words of `histograms_raw`. */
  decode_histograms(words: ArrayBuffer | ArrayBufferView, count: number, bins: number): RawHistogram[] {
    return decodeHistograms(words, count, bins);
  },
  /** Words per histogram in `histograms_raw`'s output: a header of statistics, then the counts. */
  histogram_words(bins: number): number {
    return HIST_HDR + bins;
  },
  /** The raw 32-bit words of several tensors with one readback (f32, i32, or u32 for bool). */
  async read_many(ts: readonly Tensor[]): Promise<ArrayBuffer[]> {
    return readMany(ts);
  },
  /** For tests: caps the bytes one storage binding may cover, to exercise chunked kernels (0 = adapter's limit). */
  _set_max_binding(bytes: number): void {
    settings.maxBindingOverride = bytes;
  },
  /** For tests: destroys the device, as a device loss would. */
  _lose_device(): void {
    destroyDevice();
  },
  _generation(): number {
    return currentGeneration();
  },
};
