// The values of torch.arange and torch.linspace as PyTorch 1.13's CPU kernels compute them
// (aten/src/ATen/native/cpu/RangeFactoriesKernel.cpp, built for AVX2), bit for bit. Those kernels
// fill two 32-byte vectors at a time (16 float32, 8 float64/int64 elements): each vector from a
// base, computed with a fused multiply-add, plus k * step per lane (fused in arange, not in
// linspace: found against the golden values); the elements past the last whole pair of vectors
// one by one. linspace takes the base from the end in its second half.
// `start + i * step` rounded once differs in the last bit for about a third of the float32
// elements (torch.linspace(-math.pi, math.pi, 2000), the x of "Learning PyTorch with Examples").
// A multi-threaded PyTorch splits sizes past ATen's grain size (32768) at other places; these
// are the single-threaded values.
import type { DType, TypedArray } from '../dtype';

const SPLIT = 134217729; // 2^27 + 1: Dekker's split of a float64 into two 26-bit halves

/** `a * b + c` rounded once, as the C++ compiler's contracted multiply-add (Dekker's product, then Knuth's sum). */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  if (!Number.isFinite(p)) return p + c;
  const ca = SPLIT * a, ah = ca - (ca - a), al = a - ah;
  const cb = SPLIT * b, bh = cb - (cb - b), bl = b - bh;
  const pe = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  const s = p + c, bb = s - p;
  const se = (p - (s - bb)) + (c - bb);
  return s + (se + pe);
}

/** Elements per 32-byte vector (AVX2) of a dtype; its storage's own element size except int64's 8. */
function lanesOf(dtype: DType): number {
  return 32 / (dtype.name === 'int64' ? 8 : dtype.array.BYTES_PER_ELEMENT);
}

/**
 * Fills `out` (of n elements) as cpu_serial_kernel_vec does: pairs of vectors from `base(i0)` and
 * `lane(base, k)`, the rest by `one(i)`.
 */
function fillVectorized(out: TypedArray, dtype: DType, base: (i0: number) => number, lane: (b: number, k: number) => number, one: (i: number) => number): void {
  const n = out.length, w = lanesOf(dtype);
  const whole = Math.floor(n / (2 * w)) * 2 * w;
  for (let i0 = 0; i0 < whole; i0 += w) {
    const b = base(i0);
    for (let k = 0; k < w; k++) out[i0 + k] = lane(b, k);
  }
  for (let i = whole; i < n; i++) out[i] = one(i);
}

const trunc = (v: number): number => Math.trunc(v);

/** torch.arange's values: `start`, `step` as the dtype's accumulate type (double for floats, the integer itself for integers). */
export function fillArange(out: TypedArray, dtype: DType, start: number, step: number): void {
  if (!dtype.is_floating_point) {
    for (let i = 0; i < out.length; i++) out[i] = start + i * step;
    return;
  }
  const f32 = dtype.name === 'float32';
  const cast = f32 ? Math.fround : (v: number) => v;
  // the base is a double (the acc type) cast to the dtype; each lane adds k * step to it in double, fused
  fillVectorized(out, dtype, (i0) => cast(fma(step, i0, start)), (b, k) => cast(fma(k, step, b)), (i) => cast(fma(step, i, start)));
}

/** torch.linspace's values (steps ≥ 2; steps 0 and 1 are the caller's). */
export function fillLinspace(out: TypedArray, dtype: DType, start: number, end: number): void {
  const n = out.length, half = Math.floor(n / 2);
  if (!dtype.is_floating_point) {
    // integer dtypes: start and end are integers, the step a double, each value truncated
    const s = trunc(start), e = trunc(end), step = (e - s) / (n - 1);
    const at = (i: number) => trunc(i < half ? s + step * i : e - step * (n - i - 1));
    fillVectorized(out, dtype, at, (b, k) => trunc(b + k * step), at);
    return;
  }
  const cast = dtype.name === 'float32' ? Math.fround : (v: number) => v;
  const s = cast(start), e = cast(end), step = cast(cast(e - s) / (n - 1));
  const at = (i: number) => cast(i < half ? fma(step, i, s) : fma(-step, n - i - 1, e));
  fillVectorized(out, dtype, at, (b, k) => cast(b + cast(step * k)), at);
}
