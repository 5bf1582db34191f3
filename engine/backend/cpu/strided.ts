// Walking strided tensors on the CPU: the offsets of every element of a view, in row-major order.
import type { TypedArray } from '../../dtype';

/**
 * Calls `fn(i, off)` for each logical element `i` (row-major) with its storage offset.
 * The innermost dimension runs as a tight loop.
 */
export function forEachOffset(shape: readonly number[], strides: readonly number[], offset: number, fn: (i: number, off: number) => void): void {
  const nd = shape.length;
  if (nd === 0) {
    fn(0, offset);
    return;
  }
  let total = 1;
  for (const d of shape) total *= d;
  if (total === 0) return;
  const inner = shape[nd - 1], innerStride = strides[nd - 1];
  const idx = new Array<number>(nd).fill(0);
  let base = offset, i = 0;
  while (i < total) {
    for (let k = 0, off = base; k < inner; k++, off += innerStride) fn(i++, off);
    // odometer over the outer dimensions
    let d = nd - 2;
    for (; d >= 0; d--) {
      idx[d]++;
      base += strides[d];
      if (idx[d] < shape[d]) break;
      base -= strides[d] * shape[d];
      idx[d] = 0;
    }
    if (d < 0) break;
  }
}

/** Copies a strided view into a new dense array. */
export function gather(src: TypedArray, shape: readonly number[], strides: readonly number[], offset: number, out: TypedArray): TypedArray {
  const nd = shape.length;
  if (nd === 2) {
    // the common transpose case, unrolled
    const [r, c] = shape, [sr, sc] = strides;
    let i = 0;
    for (let y = 0; y < r; y++) for (let x = 0, o = offset + y * sr; x < c; x++, o += sc) out[i++] = src[o];
    return out;
  }
  forEachOffset(shape, strides, offset, (i, off) => {
    out[i] = src[off];
  });
  return out;
}

/** Strides for reading a tensor as if broadcast to `outShape` (stride 0 on broadcast dims). */
export function broadcastStrides(shape: readonly number[], strides: readonly number[], outShape: readonly number[]): number[] {
  const n = outShape.length, k = shape.length;
  const res = new Array<number>(n).fill(0);
  for (let i = 0; i < k; i++) {
    const o = n - k + i;
    res[o] = shape[i] === 1 && outShape[o] !== 1 ? 0 : strides[i];
  }
  return res;
}
