// The CPU backend's `histograms` kernel (backend/kernels.ts): statistics and bins of many tensors
// in the word format every backend shares (backend/histogram-words.ts). Sums accumulate in
// float64 and are stored as float32 (one rounding, relative error ≤ 2⁻²⁴); min and max are the
// float32 keys; counts use the same float32 range as the WebGPU shaders, so a decoded histogram
// reads the same on both backends.
import { int32, type TypedArray } from '../../dtype';
import { numelOf } from '../../size';
import { Tensor } from '../../tensor';
import { gather } from './strided';
import { checkHistogramBins, f32Bits, HIST_HDR, histKey, histRange } from '../histogram-words';
import { registerKernel } from '../registry';

/** Above this many values, an evenly strided sample is binned (the statistics stay exact). */
export const HIST_SAMPLE_LIMIT = 1 << 20;

/**
 * Writes the histogram of `values` at word `base` of `w` (float32 sums as their bits; counts as
 * u32 bit patterns in the int32 words).
 */
export function histogramInto(values: ArrayLike<number>, bins: number, w: Int32Array, base: number): void {
  const n = values.length;
  let min = Infinity, max = -Infinity, sum = 0, sumSq = 0, zeros = 0, finite = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // v − v is 0 exactly for finite v (NaN for NaN and ±Inf)
    if (v - v !== 0) continue;
    finite++;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    sumSq += v * v;
    if (v === 0) zeros++;
  }
  const c = base + HIST_HDR;
  w.fill(0, c, c + bins);
  w[base + 4] = zeros;
  w[base + 5] = finite;
  w[base + 7] = 0;
  if (finite === 0) {
    w[base] = -1;
    w[base + 1] = 0;
    w[base + 2] = 0;
    w[base + 3] = 0;
    w[base + 6] = 0;
    return;
  }
  const mean = sum / finite;
  const r = histRange(min, max);
  const lo = r[0], scale = bins / (r[1] - lo);
  const step = n > HIST_SAMPLE_LIMIT ? Math.ceil(n / HIST_SAMPLE_LIMIT) : 1;
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v - v !== 0) continue;
    const d = v - mean;
    m2 += d * d;
    if (step > 1 && i % step !== 0) continue;
    let b = Math.floor((v - lo) * scale);
    if (b >= bins) b = bins - 1;
    if (b < 0) b = 0;
    w[c + b] += step;
  }
  w[base] = histKey(min);
  w[base + 1] = histKey(max);
  w[base + 2] = f32Bits(sum);
  w[base + 3] = f32Bits(sumSq);
  w[base + 6] = f32Bits(m2);
}

/** A tensor's values in row-major order: its storage itself when dense, else a gathered copy. */
function denseValues(t: Tensor): TypedArray {
  const data = t._storage.data;
  if (!data) throw new Error('histograms: this tensor was disposed');
  const n = numelOf(t._shape);
  let s = 1, dense = true;
  for (let i = t._shape.length - 1; i >= 0 && dense; i--) {
    if (t._shape[i] !== 1 && t._strides[i] !== s) dense = false;
    s *= t._shape[i];
  }
  if (!dense) return gather(data, t._shape, t._strides, t._offset, new t.dtype.array(n));
  return t._offset === 0 && data.length === n ? data : data.subarray(t._offset, t._offset + n);
}

registerKernel('histograms', 'cpu', (ts: readonly Tensor[], bins: number, out?: Tensor): Tensor => {
  checkHistogramBins(bins);
  const stride = HIST_HDR + bins;
  const res = out ?? Tensor._fromData(new Int32Array(ts.length * stride), [ts.length * stride], int32);
  const w = res._storage.data as Int32Array;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i];
    if (t.device.type !== 'cpu') throw new Error(`histograms: expected CPU tensors, got one on ${t.device}`);
    histogramInto(denseValues(t) as ArrayLike<number>, bins, w, res._offset + i * stride);
  }
  return res;
});
