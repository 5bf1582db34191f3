// CPU indexing kernels: advanced indexing (gather by broadcast index tensors) and its scatter
// (index_put_), gather/scatter along a dim, and nonzero. Index values are checked before any
// element is written, so an out-of-range index leaves the destination untouched.
import { IndexError, RuntimeError } from '../../errors';
import { Device } from '../../device';
import { int64, type TypedArray } from '../../dtype';
import { Tensor } from '../../tensor';
import type { IndexPlan } from '../kernels';
import { registerKernel } from '../registry';
import { forEachOffset } from './strided';

export type { IndexPlan } from '../kernels';

function offsetsOf(x: Tensor, dims: number[]): Int32Array {
  const shape = dims.map((d) => x._shape[d]);
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Int32Array(n);
  forEachOffset(shape, dims.map((d) => x._strides[d]), 0, (i, off) => (out[i] = off));
  return out;
}

/** Σ_j index_j[b]·stride(adv_j) for every b, wrapping negatives and checking bounds. */
function advOffsets(x: Tensor, plan: IndexPlan): Int32Array {
  const nB = plan.bshape.reduce((a, b) => a * b, 1);
  const out = new Int32Array(nB);
  plan.adv.forEach((d, j) => {
    const I = plan.indices[j]._cpuContiguous();
    const size = x._shape[d], stride = x._strides[d];
    for (let b = 0; b < nB; b++) {
      let v = I[b];
      if (v < -size || v >= size) throw new IndexError(`index ${v} is out of bounds for dimension ${d} with size ${size}`);
      if (v < 0) v += size;
      out[b] += v * stride;
    }
  });
  return out;
}

function walk(x: Tensor, plan: IndexPlan, fn: (o: number, off: number) => void): void {
  const adv = advOffsets(x, plan);
  const before = offsetsOf(x, plan.before), after = offsetsOf(x, plan.after);
  const nA = after.length;
  let o = 0;
  for (let i = 0; i < before.length; i++)
    for (let b = 0; b < adv.length; b++) {
      const base = x._offset + before[i] + adv[b];
      for (let a = 0; a < nA; a++) fn(o++, base + after[a]);
    }
}

registerKernel('index', 'cpu', (x: Tensor, plan: IndexPlan): Tensor => {
  const shape = [...plan.before.map((d) => x._shape[d]), ...plan.bshape, ...plan.after.map((d) => x._shape[d])];
  const out = Tensor._empty(shape, x.dtype, Device.cpu);
  const O = out._storage.data!, X = x._storage.data!;
  walk(x, plan, (o, off) => (O[o] = X[off]));
  return out;
});

/** Writes (or adds) `values`, already broadcast to the indexing result's shape, into `x` in place. */
registerKernel('index_put_', 'cpu', (x: Tensor, plan: IndexPlan, values: Tensor, accumulate: boolean): Tensor => {
  const V = values.dtype === x.dtype ? values._cpuContiguous() : values.to(x.dtype)._cpuContiguous();
  const X = x._storage.data!;
  if (accumulate) walk(x, plan, (o, off) => (X[off] += V[o]));
  else walk(x, plan, (o, off) => (X[off] = V[o]));
  return x;
});

// gather/scatter's bound check is ATen's TORCH_CHECK: a RuntimeError (t[i]'s is an IndexError)
function checkedIndex(index: Tensor, size: number, d: number): TypedArray {
  const I = index._cpuContiguous();
  for (let i = 0; i < I.length; i++)
    if (I[i] < 0 || I[i] >= size) throw new RuntimeError(`index ${I[i]} is out of bounds for dimension ${d} with size ${size}`);
  return I;
}

/** out[i…] = x[…, index[i…], …] along `d`; out has index's shape. */
registerKernel('gather', 'cpu', (x: Tensor, d: number, index: Tensor): Tensor => {
  const I = checkedIndex(index, x._shape[d], d);
  const out = Tensor._empty(index._shape, x.dtype, Device.cpu);
  const O = out._storage.data!, X = x._storage.data!;
  const strides = [...x._strides];
  const sd = strides[d];
  strides[d] = 0;
  forEachOffset(index._shape, strides, x._offset, (i, off) => (O[i] = X[off + I[i] * sd]));
  return out;
});

/** self[…, index[i…], …] (+)= src[i…] along `d`, in place; src is a tensor (read over index's shape) or a number. */
registerKernel('scatter_', 'cpu', (self: Tensor, d: number, index: Tensor, src: Tensor | number, reduce: 'set' | 'add'): Tensor => {
  const I = checkedIndex(index, self._shape[d], d);
  let S: ArrayLike<number>;
  if (typeof src === 'number') S = { length: I.length, 0: src } as ArrayLike<number>;
  else {
    const vals = new Float64Array(I.length);
    const SD = src._storage.data!;
    forEachOffset(index._shape, src._strides, src._offset, (i, off) => (vals[i] = SD[off]));
    S = vals;
  }
  const constant = typeof src === 'number' ? src : 0;
  const isConst = typeof src === 'number';
  const X = self._storage.data!;
  const strides = [...self._strides];
  const sd = strides[d];
  strides[d] = 0;
  forEachOffset(index._shape, strides, self._offset, (i, off) => {
    const v = isConst ? constant : S[i];
    const p = off + I[i] * sd;
    X[p] = reduce === 'add' ? X[p] + v : v;
  });
  return self;
});

/** Indices of non-zero elements: int64 [n, ndim], in row-major order. */
registerKernel('nonzero', 'cpu', (x: Tensor): Tensor => {
  const X = x._cpuContiguous();
  const nd = x.ndim;
  let n = 0;
  for (let i = 0; i < X.length; i++) if (X[i]) n++;
  const out = Tensor._empty([n, nd], int64, Device.cpu);
  const O = out._storage.data!;
  const idx = new Array<number>(nd).fill(0);
  let o = 0;
  for (let i = 0; i < X.length; i++) {
    if (X[i]) for (let k = 0; k < nd; k++) O[o++] = idx[k];
    for (let k = nd - 1; k >= 0; k--) {
      if (++idx[k] < x._shape[k]) break;
      idx[k] = 0;
    }
  }
  return out;
});
