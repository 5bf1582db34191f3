// The word format of the `histograms` kernel (backend/kernels.ts), shared by every backend so one
// decoder reads what any of them wrote: per tensor, HIST_HDR header words of statistics over its
// finite values, then `bins` counts.
//   0 min, 1 max   order-preserving u32 keys of the float32 value (so a GPU can atomicMin/Max them)
//   2 Σx, 3 Σx²    float32 bits
//   4 zeros        count of exact zeros
//   5 finite       count of finite values
//   6 Σ(x − mean)² float32 bits (the std without cancellation)
//   7              spare (0)
// Counts are u32 over `bins` equal-width bins on [lo, hi): lo = min and hi = max, padded by
// max(|min|·0.05, 1e-12) on each side when min == max (all in float32, as a shader computes it).

/** Words of statistics before the counts. */
export const HIST_HDR = 8;
/** Most bins one WebGPU histogram may have (a workgroup keeps them in shared memory). */
export const MAX_HIST_BINS = 256;

/** One decoded histogram: statistics over the finite values, and the counts over [lo, hi). */
export interface RawHistogram {
  min: number;
  max: number;
  lo: number;
  hi: number;
  sum: number;
  sumSq: number;
  /** Σ(x − mean)² over the finite values. */
  m2: number;
  zeros: number;
  finite: number;
  counts: number[];
}

/** Throws the kernels' error for a bin count that is not an integer in 1…`max` (WebGPU: MAX_HIST_BINS). */
export function checkHistogramBins(bins: number, max = Infinity): void {
  if (!Number.isInteger(bins) || bins < 1 || bins > max) throw new RangeError(`histograms: bins must be an integer in ${max === Infinity ? '1 or more' : `1…${max}`}, got ${bins}`);
}

// one scratch word to move between a float32 and its bits without allocating
const scratchF = new Float32Array(1);
const scratchU = new Uint32Array(scratchF.buffer);
const scratchI = new Int32Array(scratchF.buffer);
const range = new Float64Array(2);

/** The bits of `v` rounded to float32, as an int32 word. */
export function f32Bits(v: number): number {
  scratchF[0] = v;
  return scratchI[0];
}

/** The order-preserving key of a value rounded to float32 (negative floats: all bits flipped; positive: sign bit set). */
export function histKey(v: number): number {
  scratchF[0] = v;
  const u = scratchU[0];
  return (u & 0x80000000 ? ~u : u | 0x80000000) >>> 0;
}

/** The float32 value of a key written by `histKey` (or a shader's `key`). */
export function histUnkey(k: number): number {
  scratchU[0] = k & 0x80000000 ? k & 0x7fffffff : ~k >>> 0;
  return scratchF[0];
}

/**
 * The bin range [lo, hi] of a histogram whose finite values span [min, max] (float32, as the
 * shaders pad it), in a scratch array that the next call overwrites (no allocation per histogram).
 */
export function histRange(min: number, max: number): Float64Array {
  let lo = Math.fround(min), hi = Math.fround(max);
  if (lo === hi) {
    const pad = Math.fround(Math.max(Math.fround(Math.abs(lo) * Math.fround(0.05)), Math.fround(1e-12)));
    lo = Math.fround(lo - pad);
    hi = Math.fround(hi + pad);
  }
  range[0] = lo;
  range[1] = hi;
  return range;
}

/** Decodes the histogram whose header starts at word `base` of `u` (`f`: the same words as float32). */
export function decodeHistogram(u: Uint32Array, f: Float32Array, base: number, bins: number): RawHistogram {
  const finite = u[base + 5];
  const counts = new Array<number>(bins);
  for (let i = 0; i < bins; i++) counts[i] = u[base + HIST_HDR + i];
  if (finite === 0) return { min: NaN, max: NaN, lo: 0, hi: 0, sum: 0, sumSq: 0, m2: 0, zeros: u[base + 4], finite: 0, counts };
  const min = histUnkey(u[base]), max = histUnkey(u[base + 1]);
  const r = histRange(min, max);
  return { min, max, lo: r[0], hi: r[1], sum: f[base + 2], sumSq: f[base + 3], m2: f[base + 6], zeros: u[base + 4], finite, counts };
}

/** Decodes histograms `first` … `first + count − 1` from the words a `histograms` kernel wrote. */
export function decodeHistograms(words: ArrayBufferView | ArrayBuffer, count: number, bins: number, first = 0): RawHistogram[] {
  const ab = words instanceof ArrayBuffer ? words : (words.buffer as ArrayBuffer);
  const off = (words instanceof ArrayBuffer ? 0 : words.byteOffset) + first * (HIST_HDR + bins) * 4;
  const u = new Uint32Array(ab, off, count * (HIST_HDR + bins));
  const f = new Float32Array(ab, off, count * (HIST_HDR + bins));
  const res: RawHistogram[] = [];
  for (let i = 0; i < count; i++) res.push(decodeHistogram(u, f, i * (HIST_HDR + bins), bins));
  return res;
}
