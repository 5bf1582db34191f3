// Joining and splitting: cat, stack, hstack, vstack, split, chunk, unbind, repeat, tile, flip.
// cat/stack copy each input into a slice of the output with the 'copy_' kernel; split, chunk and
// unbind return views; gradients are slices (cat) or concatenations (split, via the view ops).
import { IndexError, RuntimeError } from '../errors';
import { record } from '../autograd';
import { isOptions, parseArgs } from '../args';
import { getKernel } from '../backend/registry';
import { promoteTypes } from '../dtype';
import { normDim } from '../size';
import { Tensor } from '../tensor';
import { checkInterrupt, gradAs, sameDevice } from './util';
import { markMultiOutputViews } from './inplace';

/** A view over x's storage, outside autograd (for writing into slices of a fresh output). */
function rawView(x: Tensor, shape: number[], strides: number[], offset: number): Tensor {
  const t = new Tensor(x._storage, shape, strides, offset);
  t._base = x;
  return t;
}

function rawNarrow(x: Tensor, d: number, start: number, len: number): Tensor {
  const shape = [...x._shape];
  shape[d] = len;
  return rawView(x, shape, x._strides, x._offset + start * x._strides[d]);
}

function tensorList(fn: string, tensors: unknown): Tensor[] {
  if (!Array.isArray(tensors)) throw new TypeError(`${fn}(): argument 'tensors' must be an array of Tensors, not ${typeof tensors}`);
  tensors.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new TypeError(`${fn}(): expected Tensor as element ${i} in argument 0, but got ${typeof t}`);
  });
  return tensors as Tensor[];
}

/** Concatenates along d without autograd; inputs already checked. */
function catRaw(ts: Tensor[], d: number, shape: number[]): Tensor {
  checkInterrupt();
  const dtype = ts.map((t) => t.dtype).reduce(promoteTypes);
  const device = sameDevice(...ts);
  const out = getKernel('full', device.type)(shape, 0, dtype) as Tensor;
  const copy = getKernel('copy_', device.type);
  let off = 0;
  for (const t of ts) {
    const n = t.ndim === 1 && t._shape[0] === 0 && shape.length !== 1 ? 0 : t._shape[d];
    if (n > 0) copy(rawNarrow(out, d, off, n), t);
    off += n;
  }
  return out;
}

/**
 * Concatenates tensors along an existing dim (sizes must match in the others).
 * @example torch.cat([a, b], 1), torch.cat([a, b], {dim: 1})
 */
export function cat(...args: unknown[]): Tensor {
  const { tensors, dim } = parseArgs<{ tensors: unknown; dim: number }>('cat', args, ['tensors', 'dim'], { dim: 0 });
  const ts = tensorList('cat', tensors);
  if (ts.length === 0) throw new RuntimeError('torch.cat(): expected a non-empty list of Tensors');
  // legacy rule: 1-D empty tensors are skipped
  const real = ts.filter((t) => !(t.ndim === 1 && t._shape[0] === 0));
  const ref = real[0] ?? ts[0];
  ts.forEach((t, i) => {
    if (t.ndim === 0) throw new RuntimeError(`zero-dimensional tensor (at position ${i}) cannot be concatenated`);
  });
  const d = normDim(dim, ref.ndim);
  ts.forEach((t, i) => {
    if (t.ndim === 1 && t._shape[0] === 0) return;
    if (t.ndim !== ref.ndim) throw new RuntimeError(`Tensors must have same number of dimensions: got ${ref.ndim} and ${t.ndim}`);
    for (let k = 0; k < ref.ndim; k++)
      if (k !== d && t._shape[k] !== ref._shape[k])
        throw new RuntimeError(`Sizes of tensors must match except in dimension ${d}. Expected size ${ref._shape[k]} but got size ${t._shape[k]} for tensor number ${i} in the list.`);
  });
  const shape = [...ref._shape];
  shape[d] = real.reduce((a, t) => a + t._shape[d], 0);
  const out = catRaw(ts, d, shape);
  const sizes = ts.map((t) => (t.ndim === 1 && t._shape[0] === 0 && ref.ndim !== 1 ? 0 : t._shape[d]));
  return record(out, 'CatBackward0', ts, (g) => {
    let off = 0;
    return ts.map((t, i) => {
      const r = sizes[i] === 0 && t.ndim !== ref.ndim ? null : gradAs(g.narrow(d, off, sizes[i]), t);
      off += sizes[i];
      return r;
    });
  });
}
export const concat = cat;
export const concatenate = cat;

/**
 * Stacks equal-shaped tensors along a new dim.
 * @example torch.stack([a, b]).shape // torch.Size([2, 4, 3])
 */
export function stack(...args: unknown[]): Tensor {
  const { tensors, dim } = parseArgs<{ tensors: unknown; dim: number }>('stack', args, ['tensors', 'dim'], { dim: 0 });
  const ts = tensorList('stack', tensors);
  if (ts.length === 0) throw new RuntimeError('stack expects a non-empty TensorList');
  const ref = ts[0];
  ts.forEach((t, i) => {
    if (t.ndim !== ref.ndim || t._shape.some((s, k) => s !== ref._shape[k]))
      throw new RuntimeError(`stack expects each tensor to be equal size, but got [${ref._shape.join(', ')}] at entry 0 and [${t._shape.join(', ')}] at entry ${i}`);
  });
  const d = normDim(dim, ref.ndim + 1);
  const shape = [...ref._shape];
  shape.splice(d, 0, ts.length);
  const unsq = ts.map((t) => {
    const s = [...t._shape], st = [...t._strides];
    s.splice(d, 0, 1);
    st.splice(d, 0, 1);
    return rawView(t, s, st, t._offset);
  });
  const out = catRaw(unsq, d, shape);
  return record(out, 'StackBackward0', ts, (g) => ts.map((t, i) => gradAs(g.select(d, i), t)));
}

/** Stacks along dim 1 for ≥2-D inputs (dim 0 for 1-D), as `torch.hstack`. */
export function hstack(tensors: Tensor[]): Tensor {
  const ts = tensors.map((t) => (t.ndim === 0 ? t.reshape([1]) : t));
  return cat(ts, ts[0].ndim === 1 ? 0 : 1);
}
/** Stacks rows: 1-D inputs become rows, as `torch.vstack`. */
export function vstack(tensors: Tensor[]): Tensor {
  return cat(tensors.map((t) => (t.ndim === 0 ? t.reshape([1, 1]) : t.ndim === 1 ? t.unsqueeze(0) : t)), 0);
}

/**
 * Splits into views along `dim`: chunks of `split_size` (the last may be smaller), or the given sizes.
 * @example x.split(2), x.split([1, 2], 1)
 */
export function split(x: Tensor, ...args: unknown[]): Tensor[] {
  const { split_size_or_sections: s, dim } = parseArgs<{ split_size_or_sections: number | number[]; dim: number }>('split', args, ['split_size_or_sections', 'dim'], { dim: 0 });
  if (x.ndim === 0) throw new RuntimeError('split expects at least a 1-dimensional tensor');
  const d = normDim(dim, x.ndim);
  const n = x._shape[d];
  let sizes: number[];
  if (Array.isArray(s)) {
    const total = s.reduce((a, b) => a + b, 0);
    if (total !== n || s.some((v) => v < 0))
      throw new RuntimeError(`split_with_sizes expects split_sizes to sum exactly to ${n} (input tensor's size at dimension ${d}), but got split_sizes=[${s.join(', ')}]`);
    sizes = s;
  } else {
    if (!Number.isInteger(s) || s < 0) throw new RuntimeError(`split expects split_size be non-negative, but got split_size=${s}`);
    if (s === 0 && n !== 0) throw new RuntimeError(`split_size can only be 0 if dimension size is 0, but got dimension size of ${n}`);
    sizes = [];
    for (let off = 0; off < n || (n === 0 && sizes.length === 0); off += s) sizes.push(Math.min(s, n - off));
  }
  let off = 0;
  const views = sizes.map((len) => {
    const v = x.narrow(d, off, len);
    off += len;
    return v;
  });
  return markMultiOutputViews(views, Array.isArray(s) ? 'SplitWithSizesBackward0' : 'SplitBackward0');
}

/** `split` with explicit sizes (PyTorch's `split_with_sizes`). */
export function split_with_sizes(x: Tensor, sizes: number[], dim = 0): Tensor[] {
  return split(x, sizes, dim);
}

/**
 * Splits into `chunks` views of equal size (the last may be smaller; fewer chunks may result).
 * @example const [a, b] = x.chunk(2, 1)
 */
export function chunk(x: Tensor, ...args: unknown[]): Tensor[] {
  const { chunks, dim } = parseArgs<{ chunks: number; dim: number }>('chunk', args, ['chunks', 'dim'], { dim: 0 });
  if (x.ndim === 0) throw new RuntimeError('chunk expects at least a 1-dimensional tensor');
  if (!(chunks > 0)) throw new RuntimeError('chunk expects `chunks` to be greater than 0, got: ' + chunks);
  const d = normDim(dim, x.ndim);
  const size = Math.ceil(x._shape[d] / chunks);
  // as ATen: an empty dim gives `chunks` empty views (split_with_sizes), not one
  if (size === 0) return split(x, new Array<number>(chunks).fill(0), d);
  return split(x, size, d);
}

/** Removes a dim, returning the slices along it (views). @example const [first, second] = torch.unbind(torch.stack([a, b])) */
export function unbind(x: Tensor, dim = 0): Tensor[] {
  if (x.ndim === 0) throw new IndexError('Dimension specified as 0 but tensor has no dimensions');
  const d = normDim(dim, x.ndim);
  return markMultiOutputViews(Array.from({ length: x._shape[d] }, (_, i) => x.select(d, i)), 'UnbindBackward0');
}

function sizesFrom(args: unknown[]): number[] {
  const a = args.length && isOptions(args[args.length - 1]) ? args.slice(0, -1) : args;
  return a.length === 1 && Array.isArray(a[0]) ? [...(a[0] as number[])] : (a as number[]);
}

/**
 * Repeats the tensor along each dim (`sizes` has at least `ndim` entries; extra ones lead).
 * @example torch.tensor([1, 2]).repeat(2, 2) // [[1, 2, 1, 2], [1, 2, 1, 2]]
 */
export function repeat(x: Tensor, ...args: unknown[]): Tensor {
  const reps = sizesFrom(args);
  if (reps.length < x.ndim)
    throw new RuntimeError('Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
  const lead = reps.length - x.ndim;
  const base = [...new Array<number>(lead).fill(1), ...x._shape];
  // x as [1, s0, 1, s1, …] expanded to [r0, s0, r1, s1, …], then merged pairwise
  const inter: number[] = [], expanded: number[] = [];
  base.forEach((s, i) => {
    inter.push(1, s);
    expanded.push(reps[i], s);
  });
  // a copy, as PyTorch's (a view of the expanded tensor once shared memory with x: writes went through)
  const out = x.reshape(inter).expand(expanded).clone().reshape(base.map((s, i) => s * reps[i]));
  if (out.grad_fn) out.grad_fn._name = 'RepeatBackward0';
  return out;
}

/** `repeat` where `dims` may be shorter than ndim (leading 1s are implied). @example x.tile(2) */
export function tile(x: Tensor, ...args: unknown[]): Tensor {
  const reps = sizesFrom(args);
  const full = reps.length < x.ndim ? [...new Array<number>(x.ndim - reps.length).fill(1), ...reps] : reps;
  return repeat(x, full);
}

/**
 * Reverses the order of elements along the given dims (a copy, as in PyTorch).
 * @example torch.flip(x, [0, 1])
 */
export function flip(x: Tensor, ...args: unknown[]): Tensor {
  const dims = sizesFrom(args).map((d) => normDim(d, x.ndim));
  if (new Set(dims).size !== dims.length) throw new RuntimeError(`dims has duplicates, original flip dims size=${dims.length}, but unique flip dims size=${new Set(dims).size}`);
  let offset = x._offset;
  const strides = [...x._strides];
  for (const d of dims) {
    if (x._shape[d] > 0) offset += (x._shape[d] - 1) * strides[d];
    strides[d] = -strides[d];
  }
  const out = getKernel('contiguous', x.device.type)(rawView(x, x._shape, strides, offset)) as Tensor;
  return record(out, 'FlipBackward0', [x], (g) => [flip(g, dims)]);
}

/** `torch.roll(x, shifts, dims)`: shifts elements circularly (flattened when dims is omitted). */
export function roll(x: Tensor, shifts: number | number[], dims?: number | number[] | null): Tensor {
  if (dims === undefined || dims === null) return roll(x.flatten(), shifts, 0).view(x._shape);
  const ss = Array.isArray(shifts) ? shifts : [shifts];
  const ds = Array.isArray(dims) ? dims : [dims];
  if (ss.length !== ds.length) throw new RuntimeError(`shifts and dimensions must align. shifts: ${ss.length}, dims:${ds.length}`);
  let r = x;
  ss.forEach((s, i) => {
    const d = normDim(ds[i], x.ndim);
    const n = x._shape[d];
    if (n === 0) return;
    const k = ((s % n) + n) % n;
    if (k === 0) return;
    r = cat([r.narrow(d, n - k, k), r.narrow(d, 0, n - k)], d);
  });
  return r === x ? x.clone() : r;
}

declare module '../tensor' {
  interface Tensor {
    /** Views of equal-size chunks along `dim` (or of the given sizes). @example x.split(2) */
    split(split_size_or_sections: number | number[], dim?: number | { dim?: number }): Tensor[];
    /** `chunks` views along `dim`. @example const [q, k, v] = torch.randn([2, 6]).chunk(3, -1) */
    chunk(chunks: number, dim?: number | { dim?: number }): Tensor[];
    unbind(dim?: number): Tensor[];
    /** Tiles the tensor: `x.repeat(2, 1)`. */
    repeat(...sizes: number[] | [number[]]): Tensor;
    tile(...dims: number[] | [number[]]): Tensor;
    /** Reverses along dims (a copy). */
    flip(...dims: number[] | [number[]]): Tensor;
    roll(shifts: number | number[], dims?: number | number[] | null): Tensor;
  }
}
const P = Tensor.prototype;
P.split = function (...a: unknown[]) { return split(this, ...a); };
P.chunk = function (...a: unknown[]) { return chunk(this, ...a); };
P.unbind = function (d = 0) { return unbind(this, d); };
P.repeat = function (...a: unknown[]) { return repeat(this, ...a); };
P.tile = function (...a: unknown[]) { return tile(this, ...a); };
P.flip = function (...a: unknown[]) { return flip(this, ...a); };
P.roll = function (s, d) { return roll(this, s, d); };
