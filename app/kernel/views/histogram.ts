// Histograms of parameter and gradient values, computed in the worker by the engine's
// `histograms` kernel of the tensors' device (torch._histograms), so only bins cross to the page.
// (Saved as the output contract's `HistogramJson`, non-finite statistics as null.)
import type { GradientHint } from '../../protocol/outputs';
import { torch, type Tensor } from '../../../engine/index';

export interface Histogram {
  /** Range of the bins (finite values only). */
  lo: number;
  hi: number;
  counts: number[];
  /** Statistics over the finite values. */
  mean: number;
  std: number;
  norm: number;
  min: number;
  max: number;
  /** Fraction of exact zeros (dead ReLUs, frozen slices). */
  zeros: number;
  /** Count of NaN and ±Inf values. */
  nonfinite: number;
  /** Values looked at (a sample for very large tensors). */
  n: number;
}

/** A decoded histogram as the engine's `histograms` kernels write it (engine/backend/histogram-words.ts). */
export type RawHistogram = ReturnType<typeof torch._decode_histograms>[number];

/** The view's histogram of a decoded one over `n` values (statistics from the kernel's sums). */
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

/** Bins plain values (`plot.hist`) into `bins` equal-width bins over their finite range, on the engine's CPU kernel. */
export function histogram(values: ArrayLike<number>, bins = 30): Histogram {
  // plain values are binned on the CPU whatever the default device (a WebGPU notebook sets
  // webgpu as the default, and float64 does not exist there)
  const words = torch._histograms([torch.tensor(Array.from(values), { dtype: torch.float64, device: 'cpu' })], bins).cpu_data();
  return fromRaw(torch._decode_histograms(words, 1, bins)[0], values.length);
}

/**
 * Histograms of tensors on one device, by that device's `histograms` kernel (one fused pass and
 * a single readback on WebGPU: only the bins and statistics leave the device, never the values).
 */
export async function histogramsOf(ts: readonly Tensor[], bins = 30): Promise<Histogram[]> {
  if (!ts.length) return [];
  const raw = torch._histograms(ts, bins);
  try {
    const words = await raw.data();
    return torch._decode_histograms(words as Int32Array, ts.length, bins).map((r, i) => fromRaw(r, ts[i].numel()));
  } finally {
    raw.dispose();
  }
}

/** Indices of at most `max` items, evenly spaced over `n`, always including the last. */
export function downsampleIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  const step = (n - 1) / (max - 1);
  for (let k = 0; k < max - 1; k++) out.push(Math.round(k * step));
  out.push(n - 1);
  return [...new Set(out)];
}

/** A learner-facing hint for a gradient histogram. */
export function gradientHint(h: Histogram | null | undefined, weightNorm?: number): GradientHint {
  if (!h) return null;
  if (h.nonfinite > 0) return 'nonfinite';
  if (h.norm > 1e3 || (weightNorm !== undefined && weightNorm > 0 && h.norm / weightNorm > 1e2)) return 'exploding';
  if (h.norm < 1e-7 || (weightNorm !== undefined && weightNorm > 0 && h.norm / weightNorm < 1e-7)) return 'vanishing';
  return null;
}
