// Histograms of device (WebGPU) tensors, binned on the device by one fused kernel for all the
// tensors of an epoch (`torch.webgpu.histograms_raw`: statistics, then bins; three dispatches):
// only the bins and a few statistics are read back, never the values (a VGG16 gradient is 400 MB).
import { torch } from '../../../engine/index';
import type { Tensor } from '../../../engine/index';
import { histogram, type Histogram } from './histogram';

type RawHistogram = ReturnType<typeof torch.webgpu.decode_histograms>[number];

/** The CPU histogram's shape of a decoded device histogram of `n` values. */
export function fromRaw(r: RawHistogram, n: number): Histogram {
  if (r.finite === 0) return { lo: 0, hi: 0, counts: r.counts.map(() => 0), mean: NaN, std: NaN, norm: NaN, min: NaN, max: NaN, zeros: 0, nonfinite: n, n };
  return {
    lo: r.lo,
    hi: r.hi,
    counts: r.counts,
    mean: r.sum / r.finite,
    std: Math.sqrt(Math.max(0, r.m2 / r.finite)),
    norm: Math.sqrt(r.sumSq),
    min: r.min,
    max: r.max,
    zeros: n ? r.zeros / n : 0,
    nonfinite: n - r.finite,
    n,
  };
}

/** Decodes the words of `torch.webgpu.histograms_raw(ts, bins)` into one histogram per tensor. */
export function decodeDeviceHistograms(words: ArrayBuffer, ts: readonly { numel(): number }[], bins: number): Histogram[] {
  return torch.webgpu.decode_histograms(words, ts.length, bins).map((r, i) => fromRaw(r, ts[i].numel()));
}

/** The same histogram as `histogram(values, bins)`, computed where the tensor lives. */
export async function deviceHistogram(t: Tensor, bins = 30): Promise<Histogram> {
  return (await deviceHistograms([t], bins))[0];
}

/** Histograms of several device tensors: one fused pass and a single readback (CPU tensors: binned here). */
export async function deviceHistograms(ts: readonly Tensor[], bins = 30): Promise<Histogram[]> {
  if (ts.every((t) => t.device.type === 'cpu')) return ts.map((t) => histogram(t.cpu_data() as ArrayLike<number>, bins));
  const raw = torch.webgpu.histograms_raw(ts, bins);
  try {
    const [words] = await torch.webgpu.read_many([raw]);
    return decodeDeviceHistograms(words, ts, bins);
  } finally {
    raw.dispose();
  }
}
