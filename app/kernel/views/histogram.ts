// Histograms of parameter and gradient values, computed in the worker so only bins cross to the page.
// (Saved as the output contract's `HistogramJson`, non-finite statistics as null.)
import type { GradientHint } from '../../protocol/outputs';

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

/** Above this many values, an evenly strided sample is binned (the statistics stay exact). */
export const HIST_SAMPLE_LIMIT = 1 << 20;

/** Bins `values` into `bins` equal-width bins over their finite range. */
export function histogram(values: ArrayLike<number>, bins = 30): Histogram {
  const n = values.length;
  let min = Infinity, max = -Infinity, sum = 0, sumSq = 0, zeros = 0, nonfinite = 0, finite = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      nonfinite++;
      continue;
    }
    finite++;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    sumSq += v * v;
    if (v === 0) zeros++;
  }
  const counts = new Array<number>(bins).fill(0);
  if (finite === 0) return { lo: 0, hi: 0, counts, mean: NaN, std: NaN, norm: NaN, min: NaN, max: NaN, zeros: 0, nonfinite, n };
  const mean = sum / finite;
  const variance = Math.max(0, sumSq / finite - mean * mean);
  let lo = min, hi = max;
  if (lo === hi) {
    const pad = Math.max(Math.abs(lo) * 0.05, 1e-12);
    lo -= pad;
    hi += pad;
  }
  const scale = bins / (hi - lo);
  const step = n > HIST_SAMPLE_LIMIT ? Math.ceil(n / HIST_SAMPLE_LIMIT) : 1;
  for (let i = 0; i < n; i += step) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    let b = Math.floor((v - lo) * scale);
    if (b >= bins) b = bins - 1;
    if (b < 0) b = 0;
    counts[b] += step;
  }
  return { lo, hi, counts, mean, std: Math.sqrt(variance), norm: Math.sqrt(sumSq), min, max, zeros: zeros / n, nonfinite, n };
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
