// Views and shape ops. Views share storage (strided), as PyTorch's do: view, reshape (when
// possible), transpose, permute, T/mT, unsqueeze, squeeze, expand, flatten, narrow, select.
import { IndexError, NotImplementedError, RuntimeError, ValueError } from '../errors';
import { DType } from '../dtype';
import { warn } from '../warnings';
import { needsGrad, record, withGradMode } from '../autograd';
import { getKernel } from '../backend/registry';
import { contiguousStrides, normDim, numelOf, broadcastShapes } from '../size';
import { Tensor } from '../tensor';
import { isOptions } from '../args';
import { gradAs, sumToShape } from './util';
import { zeros } from './creation';
import { checkLeaf, checkNoGradView, checkNoPartialOverlap, recordInplace } from './inplace';

function viewOf(x: Tensor, shape: number[], strides: number[], offset: number): Tensor {
  const t = new Tensor(x._storage, shape, strides, offset);
  t._viewOf(x);
  return t;
}

function sizesFrom(args: unknown[]): number[] {
  const a = args.length && isOptions(args[args.length - 1]) ? args.slice(0, -1) : args;
  return a.length === 1 && Array.isArray(a[0]) ? [...(a[0] as number[])] : (a as number[]);
}

/** Fills a single -1 in `shape` from `numel`, with PyTorch's errors. */
export function inferShape(shape: number[], numel: number): number[] {
  const out = [...shape];
  let neg = -1, known = 1;
  out.forEach((d, i) => {
    if (d === -1) {
      if (neg >= 0) throw new RuntimeError('only one dimension can be inferred');
      neg = i;
    } else if (!Number.isInteger(d) || d < 0) throw new RuntimeError(`invalid shape dimension ${d}`);
    else known *= d;
  });
  if (neg >= 0) {
    if (known === 0 || numel % known !== 0) throw new RuntimeError(`shape '[${shape.join(', ')}]' is invalid for input of size ${numel}`);
    out[neg] = numel / known;
  } else if (known !== numel) throw new RuntimeError(`shape '[${shape.join(', ')}]' is invalid for input of size ${numel}`);
  return out;
}

/** Strides for viewing (shape, strides) as newShape without copying, or null (PyTorch's computeStride). */
function viewStrides(shape: number[], strides: number[], newShape: number[]): number[] | null {
  if (numelOf(shape) === 0) return contiguousStrides(newShape);
  const newStrides = new Array<number>(newShape.length);
  let viewD = newShape.length - 1;
  let chunkBase = strides[strides.length - 1] ?? 1;
  let tensorNumel = 1, viewNumel = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    tensorNumel *= shape[d];
    if (d === 0 || (shape[d - 1] !== 1 && strides[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBase;
        viewNumel *= newShape[viewD];
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBase = strides[d - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) {
    // remaining size-1 dims
    while (viewD >= 0) newStrides[viewD--] = 1;
  }
  return newStrides;
}

export function view(x: Tensor, ...args: unknown[]): Tensor {
  // `x.view(torch.int32)` reinterprets the bits in PyTorch; a dtype is never a size here
  if (args.length === 1 && (args[0] instanceof DType || typeof args[0] === 'string'))
    throw new NotImplementedError(`Tensor.view(dtype) (reinterpreting the bits as ${String(args[0])}) is not implemented in Torchlit; use .to(dtype) to convert the values`);
  const shape = inferShape(sizesFrom(args), x.numel());
  const st = viewStrides(x._shape, x._strides, shape);
  if (!st)
    throw new RuntimeError("view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
  const out = viewOf(x, shape, shape.length === 0 ? [] : st, x._offset);
  const inShape = x._shape;
  return record(out, 'ViewBackward0', [x], (g) => [g.reshape(inShape)]);
}

export function reshape(x: Tensor, ...args: unknown[]): Tensor {
  const shape = inferShape(sizesFrom(args), x.numel());
  const st = viewStrides(x._shape, x._strides, shape);
  if (st) return view(x, shape);
  const out = withGradMode(false, () => contiguous(x).view(shape));
  const inShape = x._shape;
  return record(out, 'UnsafeViewBackward0', [x], (g) => [g.reshape(inShape)]);
}

export function contiguous(x: Tensor): Tensor {
  if (x.is_contiguous()) return x;
  return clone(x);
}

export function clone(x: Tensor): Tensor {
  const out = getKernel('contiguous', x.device.type)(x) as Tensor;
  return record(out, 'CloneBackward0', [x], (g) => [g]);
}

export function transpose(x: Tensor, d0: number, d1: number): Tensor {
  if (x.ndim === 0) return x.view([]);
  const a = normDim(d0, x.ndim), b = normDim(d1, x.ndim);
  const shape = [...x._shape], strides = [...x._strides];
  [shape[a], shape[b]] = [shape[b], shape[a]];
  [strides[a], strides[b]] = [strides[b], strides[a]];
  const out = viewOf(x, shape, strides, x._offset);
  return record(out, 'TransposeBackward0', [x], (g) => [g.transpose(a, b)]);
}

export function permute(x: Tensor, ...args: unknown[]): Tensor {
  const dims = sizesFrom(args).map((d) => normDim(d, x.ndim));
  if (dims.length === x.ndim && new Set(dims).size !== dims.length) throw new RuntimeError('permute(): duplicate dims are not allowed.');
  if (dims.length !== x.ndim)
    throw new RuntimeError(`permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${x.ndim} is not equal to len(dims) = ${dims.length}`);
  const out = viewOf(x, dims.map((d) => x._shape[d]), dims.map((d) => x._strides[d]), x._offset);
  const inv = new Array<number>(dims.length);
  dims.forEach((d, i) => (inv[d] = i));
  return record(out, 'PermuteBackward0', [x], (g) => [g.permute(inv)]);
}

export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = normDim(dim, x.ndim + 1);
  const shape = [...x._shape], strides = [...x._strides];
  shape.splice(d, 0, 1);
  strides.splice(d, 0, d < x.ndim ? x._strides[d] * x._shape[d] : 1);
  const out = viewOf(x, shape, strides, x._offset);
  return record(out, 'UnsqueezeBackward0', [x], (g) => [g.squeeze(d)]);
}

export function squeeze(x: Tensor, dim?: number | number[]): Tensor {
  const dims = dim === undefined ? x._shape.map((_, i) => i) : (Array.isArray(dim) ? dim : [dim]).map((d) => normDim(d, x.ndim));
  const keep = x._shape.map((s, i) => !(s === 1 && dims.includes(i)));
  const out = viewOf(x, x._shape.filter((_, i) => keep[i]), x._strides.filter((_, i) => keep[i]), x._offset);
  const inShape = x._shape;
  return record(out, dim === undefined ? 'SqueezeBackward0' : 'SqueezeBackward1', [x], (g) => [g.reshape(inShape)]);
}

export function expand(x: Tensor, ...args: unknown[]): Tensor {
  const sizes = sizesFrom(args);
  if (sizes.length < x.ndim)
    throw new RuntimeError(`expand(torch.FloatTensor{[${x._shape.join(', ')}]}, size=[${sizes.join(', ')}]): the number of sizes provided (${sizes.length}) must be greater or equal to the number of dimensions in the tensor (${x.ndim})`);
  const lead = sizes.length - x.ndim;
  const shape: number[] = [], strides: number[] = [];
  sizes.forEach((s, i) => {
    const k = i - lead;
    const cur = k >= 0 ? x._shape[k] : 1;
    const target = s === -1 ? cur : s;
    if (k < 0 && s === -1) throw new RuntimeError('The expanded size of the tensor (-1) isn\'t allowed in a leading, non-existing dimension 0');
    if (cur !== target && cur !== 1)
      throw new RuntimeError(`The expanded size of the tensor (${target}) must match the existing size (${cur}) at non-singleton dimension ${i}.  Target sizes: [${sizes.join(', ')}].  Tensor sizes: [${x._shape.join(', ')}]`);
    shape.push(target);
    strides.push(k < 0 || (cur === 1 && target !== 1) ? 0 : x._strides[k]);
  });
  const out = viewOf(x, shape, strides, x._offset);
  const inShape = x._shape;
  return record(out, 'ExpandBackward0', [x], (g) => [sumToShape(g, inShape)]);
}

export function flatten(x: Tensor, start_dim = 0, end_dim = -1): Tensor {
  if (x.ndim === 0) return x.reshape([1]);
  const s = normDim(start_dim, x.ndim), e = normDim(end_dim, x.ndim);
  if (s > e) throw new RuntimeError('flatten() has invalid args: start_dim cannot come after end_dim');
  const shape = [...x._shape.slice(0, s), numelOf(x._shape.slice(s, e + 1)), ...x._shape.slice(e + 1)];
  return x.reshape(shape);
}

export function unflatten(x: Tensor, dim: number, sizes: number[]): Tensor {
  const d = normDim(dim, x.ndim);
  const known = sizes.filter((s) => s !== -1).reduce((a, b) => a * b, 1);
  if (sizes.includes(-1) ? known === 0 || x._shape[d] % known !== 0 : known !== x._shape[d])
    throw new RuntimeError(`unflatten: Provided sizes [${sizes.join(', ')}] don't multiply up to the size of dim ${dim} (${x._shape[d]}) in the input tensor`);
  const inner = inferShape(sizes, x._shape[d]);
  return x.reshape([...x._shape.slice(0, d), ...inner, ...x._shape.slice(d + 1)]);
}

/**
 * Scatters a gradient of a view back into a zero tensor of the input's shape. Under create_graph the
 * result is recorded too: the embedding is linear in `g`, its own gradient the same view of the upstream
 * one (`SelectBackwardBackward0` in PyTorch). Untracked, second derivatives through `x[0] * x[1]`
 * (a Hessian's cross terms) were silently 0.
 */
function embedGrad(g: Tensor, inShape: number[], pick: (z: Tensor) => Tensor, name: string): Tensor {
  const z = zeros(inShape, { dtype: g.dtype, device: g.device });
  withGradMode(false, () => pick(z).copy_(g));
  return record(z, name, [g], (gg) => [pick(gg)]);
}

export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  const d = normDim(dim, x.ndim);
  const size = x._shape[d];
  if (start < 0) start += size;
  if (start < 0 || start + length > size || length < 0)
    throw new RuntimeError(`start (${start}) + length (${length}) exceeds dimension size (${size}).`);
  const shape = [...x._shape];
  shape[d] = length;
  const out = viewOf(x, shape, x._strides, x._offset + start * x._strides[d]);
  const inShape = x._shape;
  return record(out, 'SliceBackward0', [x], (g) => [embedGrad(g, inShape, (z) => z.narrow(d, start, length), 'SliceBackwardBackward0')]);
}

/** Strided slice along one dim (Python's start:stop:step; negative indices count from the end). */
export function sliceDim(x: Tensor, dim: number, start: number | null, stop: number | null, step = 1): Tensor {
  const d = normDim(dim, x.ndim);
  // Python's own slice error for a zero step (x[::0]); PyTorch's for a negative one (x[::-1])
  if (step === 0) throw new ValueError('slice step cannot be zero');
  if (step < 0) throw new ValueError('step must be greater than zero');
  const n = x._shape[d];
  const clampIdx = (v: number | null, def: number) => (v === null || v === undefined ? def : v < 0 ? Math.max(0, v + n) : Math.min(v, n));
  const s = clampIdx(start, 0), e = clampIdx(stop, n);
  const len = Math.max(0, Math.ceil((e - s) / step));
  const shape = [...x._shape], strides = [...x._strides];
  shape[d] = len;
  strides[d] = x._strides[d] * step;
  const out = viewOf(x, shape, strides, x._offset + (len > 0 ? s * x._strides[d] : 0));
  const inShape = x._shape;
  return record(out, 'SliceBackward0', [x], (g) => [embedGrad(g, inShape, (z) => sliceDim(z, d, s, e, step), 'SliceBackwardBackward0')]);
}

export function select(x: Tensor, dim: number, index: number | Tensor): Tensor {
  // a slice string or a float reached here as the index once and read garbage (NaN offsets)
  if (index instanceof Tensor && index.numel() === 1 && !index.is_floating_point()) index = index.cpu_item();
  if (typeof index !== 'number' || !Number.isInteger(index)) throw new TypeError(`select(): argument 'index' (position 2) must be int, not ${typeof index === 'string' ? 'str' : typeof index === 'number' ? 'float' : index instanceof Tensor ? 'Tensor' : typeof index}`);
  const d = normDim(dim, x.ndim);
  const n = x._shape[d];
  if (index < -n || index >= n) throw new IndexError(`index ${index} is out of bounds for dimension ${d} with size ${n}`);
  const i = index < 0 ? index + n : index;
  const shape = [...x._shape], strides = [...x._strides];
  shape.splice(d, 1);
  strides.splice(d, 1);
  const out = viewOf(x, shape, strides, x._offset + i * x._strides[d]);
  const inShape = x._shape;
  return record(out, 'SelectBackward0', [x], (g) => [embedGrad(g, inShape, (z) => z.select(d, i), 'SelectBackwardBackward0')]);
}

/**
 * Copies `src` (broadcast) into this tensor in place, with PyTorch's autograd: `CopyBackwards` (the
 * overwritten values get a zero gradient, `src` the incoming one summed to its shape) and, into a view
 * of a tensor in the graph, `CopySlices` on the base.
 */
export function copy_(dst: Tensor, src: Tensor | number): Tensor {
  const s0 = src instanceof Tensor ? src : dst.new_full([], src);
  broadcastShapes(dst._shape, s0._shape);
  // from another device: the copy's gradient goes back through the move (ToCopyBackward0)
  const s = s0.device !== dst.device ? s0.to(dst.device) : s0;
  // PyTorch's checks come before the write
  checkNoPartialOverlap(dst, s);
  checkNoGradView(dst, [s]);
  if (needsGrad(dst, s)) checkLeaf(dst);
  const e = s._shape.length === dst._shape.length && s._shape.every((d, i) => d === dst._shape[i]) ? s : s.expand(dst._shape);
  getKernel('copy_', dst.device.type)(dst, e.detach());
  // CopyBackwards: no gradient to what dst held (zeros, as PyTorch's), g to src; on a view of a
  // tensor in the graph the base becomes CopySlices (its old history must not reach the overwritten part)
  const toSrc = needsGrad(s);
  recordInplace(dst, 'CopyBackwards', toSrc ? [s] : [], (g) => [zeros(dst._shape, { dtype: g.dtype, device: g.device }), toSrc ? gradAs(sumToShape(g, s._shape), s) : null]);
  return dst;
}

declare module '../tensor' {
  interface Tensor {
    /** A view with a new shape (one dim may be -1). Needs compatible strides; else use reshape. */
    view(...shape: number[] | [number[]]): Tensor;
    view_as(other: Tensor): Tensor;
    /** A view when possible, else a copy. @example t_c.reshape(-1, 1) */
    reshape(...shape: number[] | [number[]]): Tensor;
    reshape_as(other: Tensor): Tensor;
    contiguous(): Tensor;
    clone(): Tensor;
    transpose(dim0: number, dim1: number): Tensor;
    swapaxes(dim0: number, dim1: number): Tensor;
    permute(...dims: number[] | [number[]]): Tensor;
    /** Transpose of a ≤2-D tensor. */
    t(): Tensor;
    /** All dims reversed. */
    readonly T: Tensor;
    /** Last two dims swapped. */
    readonly mT: Tensor;
    unsqueeze(dim: number): Tensor;
    squeeze(dim?: number | number[]): Tensor;
    expand(...sizes: number[] | [number[]]): Tensor;
    expand_as(other: Tensor): Tensor;
    flatten(start_dim?: number, end_dim?: number): Tensor;
    unflatten(dim: number, sizes: number[]): Tensor;
    ravel(): Tensor;
    narrow(dim: number, start: number, length: number): Tensor;
    select(dim: number, index: number): Tensor;
    copy_(src: Tensor | number): Tensor;
  }
}
const P = Tensor.prototype;
P.view = function (...a: unknown[]) { return view(this, ...a); };
P.view_as = function (o) { return view(this, o._shape); };
P.reshape = function (...a: unknown[]) { return reshape(this, ...a); };
P.reshape_as = function (o) { return reshape(this, o._shape); };
P.contiguous = function () { return contiguous(this); };
P.clone = function () { return clone(this); };
P.transpose = function (a, b) { return transpose(this, a, b); };
P.swapaxes = P.transpose;
P.permute = function (...a: unknown[]) { return permute(this, ...a); };
P.t = function () {
  if (this.ndim > 2) throw new RuntimeError(`t() expects a tensor with <= 2 dimensions, but self is ${this.ndim}D`);
  if (this.ndim < 2) return this;
  const out = transpose(this, 0, 1);
  if (out.grad_fn) out.grad_fn._name = 'TBackward0';
  return out;
};
Object.defineProperty(P, 'T', {
  get(this: Tensor) {
    if (this.ndim !== 2 && this.ndim !== 0)
      warn('The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated and it will throw an error in a future release. Consider `x.mT` to transpose batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a tensor.');
    return this.ndim < 2 ? this : permute(this, [...this._shape.keys()].reverse());
  },
});
Object.defineProperty(P, 'mT', { get(this: Tensor) {
  if (this.ndim < 2) throw new RuntimeError('tensor.mT is only supported on matrices or batches of matrices. Got 1-D tensor.');
  return transpose(this, -2, -1);
} });
P.unsqueeze = function (d) { return unsqueeze(this, d); };
P.squeeze = function (d) { return squeeze(this, d); };
P.expand = function (...a: unknown[]) { return expand(this, ...a); };
P.expand_as = function (o) { return expand(this, o._shape); };
P.flatten = function (s = 0, e = -1) { return flatten(this, s, e); };
P.unflatten = function (d, s) { return unflatten(this, d, s); };
P.ravel = function () { return flatten(this); };
P.narrow = function (d, s, l) { return narrow(this, d, s, l); };
P.select = function (d, i) { return select(this, d, i); };
P.copy_ = function (src) { return copy_(this, src); };
