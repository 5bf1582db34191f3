// CPU reductions: the reduced dims are moved last and made dense, then each output element
// reduces one contiguous run. `sum` uses pairwise-friendly float64 accumulation.
import { Device } from '../../device';
import { int64, type DType, type TypedArray } from '../../dtype';
import { Tensor } from '../../tensor';
import type { ReduceOp } from '../kernels';
import { registerKernel } from '../registry';
import { gather } from './strided';

export type { ReduceOp } from '../kernels';

/** Reorders x as [kept dims..., reduced dims...] densely. Returns data, outer count, inner count. */
function arrange(x: Tensor, dims: number[]): { data: TypedArray; outer: number; inner: number } {
  const keep = x._shape.map((_, i) => i).filter((i) => !dims.includes(i));
  const order = [...keep, ...dims];
  const shape = order.map((d) => x._shape[d]);
  const strides = order.map((d) => x._strides[d]);
  const inner = dims.reduce((a, d) => a * x._shape[d], 1);
  const total = x.numel();
  const identity = order.every((d, i) => d === i);
  const src = x._storage.data!;
  const data = identity && x.is_contiguous() ? src.subarray(x._offset, x._offset + total) : gather(src, shape, strides, x._offset, new (x.dtype.array)(total));
  return { data, outer: inner === 0 ? keep.reduce((a, d) => a * x._shape[d], 1) : total / inner, inner };
}

/** sumContiguous's float64 accumulator, zeroed and reused up to 4096 values (it never escapes the call): a fresh Float64Array over 8 values is an off-heap ArrayBuffer in V8. */
let accScratch = new Float64Array(64);
function accBuffer(n: number): Float64Array {
  if (n > 4096) return new Float64Array(n);
  if (accScratch.length < n) accScratch = new Float64Array(4096);
  accScratch.fill(0, 0, n);
  return accScratch;
}

/**
 * `sum` of a contiguous tensor without reordering it: the dims collapse into alternating kept and
 * reduced groups, and the storage is read once in order, one contiguous run (the last group) at a
 * time (a conv bias gradient sums [N, C, H, W] over N, H, W; a linear one [N, F] over N).
 */
function sumContiguous(x: Tensor, dims: number[], O: TypedArray): void {
  const groups: { size: number; reduced: boolean }[] = [];
  for (let d = 0; d < x._shape.length; d++) {
    const size = x._shape[d];
    if (size === 1) continue;
    const reduced = dims.includes(d);
    const last = groups[groups.length - 1];
    if (last && last.reduced === reduced) last.size *= size;
    else groups.push({ size, reduced });
  }
  const src = x._storage.data!;
  const n = x.numel();
  const acc = accBuffer(O.length);
  if (n === 0 || groups.length === 0) {
    if (n) acc[0] = src[x._offset];
  } else {
    const run = groups[groups.length - 1];
    const L = run.size;
    const higher = groups.slice(0, -1);
    // out stride of each higher kept group (row-major over the kept groups, the run's included)
    let stride = run.reduced ? 1 : L;
    const outStride = new Array<number>(higher.length).fill(0);
    for (let g = higher.length - 1; g >= 0; g--) {
      if (higher[g].reduced) continue;
      outStride[g] = stride;
      stride *= higher[g].size;
    }
    const idx = new Array<number>(higher.length).fill(0);
    let outBase = 0;
    for (let p = x._offset, end = x._offset + n; p < end; p += L) {
      if (run.reduced) {
        let s = 0;
        for (let j = 0; j < L; j++) s += src[p + j];
        acc[outBase] += s;
      } else {
        for (let j = 0; j < L; j++) acc[outBase + j] += src[p + j];
      }
      for (let g = higher.length - 1; g >= 0; g--) {
        outBase += outStride[g];
        if (++idx[g] < higher[g].size) break;
        outBase -= outStride[g] * higher[g].size;
        idx[g] = 0;
      }
    }
  }
  for (let i = 0; i < O.length; i++) O[i] = acc[i];
}

registerKernel('reduce', 'cpu', (op: ReduceOp, x: Tensor, dims: number[], outShape: number[], outDtype: DType) => {
  const out = Tensor._empty(outShape, outDtype, Device.cpu);
  const O = out._storage.data!;
  if (op === 'sum' && x.is_contiguous() && outDtype.is_floating_point) {
    sumContiguous(x, dims, O);
    return out;
  }
  const { data, outer, inner } = arrange(x, dims);
  for (let o = 0; o < outer; o++) {
    const base = o * inner;
    switch (op) {
      case 'sum': {
        let s = 0;
        for (let i = 0; i < inner; i++) s += data[base + i];
        O[o] = s;
        break;
      }
      case 'prod': {
        let s = 1;
        for (let i = 0; i < inner; i++) s *= data[base + i];
        O[o] = s;
        break;
      }
      case 'all': {
        let s = 1;
        for (let i = 0; i < inner && s; i++) if (!data[base + i]) s = 0;
        O[o] = s;
        break;
      }
      case 'any': {
        let s = 0;
        for (let i = 0; i < inner && !s; i++) if (data[base + i]) s = 1;
        O[o] = s;
        break;
      }
      default: {
        const isMax = op === 'max' || op === 'argmax' || op === 'amax';
        let best = data[base], bi = 0;
        for (let i = 1; i < inner; i++) {
          const v = data[base + i];
          if (best !== best) break; // NaN propagates (first NaN wins)
          if (v !== v || (isMax ? v > best : v < best)) {
            best = v;
            bi = i;
          }
        }
        O[o] = op === 'argmax' || op === 'argmin' ? bi : best;
      }
    }
  }
  return out;
});

/** max/min along one dim with indices. */
registerKernel('reduce_with_indices', 'cpu', (op: 'max' | 'min', x: Tensor, dim: number, outShape: number[]) => {
  const { data, outer, inner } = arrange(x, [dim]);
  const values = Tensor._empty(outShape, x.dtype, Device.cpu);
  const indices = Tensor._empty(outShape, int64, Device.cpu);
  const V = values._storage.data!, I = indices._storage.data!;
  const isMax = op === 'max';
  for (let o = 0; o < outer; o++) {
    const base = o * inner;
    let best = data[base], bi = 0;
    for (let i = 1; i < inner; i++) {
      const v = data[base + i];
      if (best !== best) break;
      if (v !== v || (isMax ? v > best : v < best)) {
        best = v;
        bi = i;
      }
    }
    V[o] = best;
    I[o] = bi;
  }
  return [values, indices];
});
