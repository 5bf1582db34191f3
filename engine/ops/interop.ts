// Tensors over JS data (torch.as_tensor, torch.from_numpy's counterpart for typed arrays, sharing
// memory where PyTorch shares), and Python's sequence protocol on tensors: `for (const row of t)`
// iterates the first dim, `const [a, b] = t` unpacks, `t.__len__()` is `len(t)`.
import { DType, toDType, type DTypeLike, type TypedArray } from '../dtype';
import { Device, toDevice, type DeviceLike } from '../device';
import { Tensor, type NestedArray } from '../tensor';
import { tensor } from './creation';

/** The dtype a typed array's memory already has, or why it has none in Torchlit. */
function nativeDtype(a: ArrayBufferView): DType | string {
  if (a instanceof Float32Array) return toDType('float32');
  if (a instanceof Float64Array) return toDType('float64');
  if (a instanceof Int32Array) return toDType('int32');
  if (a instanceof Uint8Array) return toDType('uint8');
  if (a instanceof Uint8ClampedArray) return 'uint8 (Uint8ClampedArray)';
  if (a instanceof Int8Array) return toDType('int8');
  if (a instanceof Int16Array) return toDType('int16');
  if (a instanceof Uint16Array) return 'uint16';
  if (a instanceof Uint32Array) return 'uint32';
  if (typeof BigInt64Array !== 'undefined' && a instanceof BigInt64Array) return 'int64 (BigInt64Array)';
  return a.constructor.name;
}

function unsupported(kind: string): TypeError {
  return new TypeError(`torch.${kind} tensors are not supported in Torchlit (dtypes: float32, float64, int64, int32, int16, int8, uint8, bool): pass {dtype: torch.float32} (or another) to copy the values into a supported dtype`);
}

/**
 * A tensor over `data` without copying when it can: a tensor of the same dtype and device is
 * returned as is; a Float32Array/Float64Array/Int32Array of the matching dtype is shared (writes
 * to one show in the other, as PyTorch's `as_tensor` on a NumPy array). Anything else is copied.
 * @example const t = torch.as_tensor(new Float32Array([1, 2, 3]))
 */
export function as_tensor(data: Tensor | TypedArray | ArrayBufferView | NestedArray, opts: { dtype?: DTypeLike; device?: DeviceLike } = {}): Tensor {
  for (const k of Object.keys(opts)) if (k !== 'dtype' && k !== 'device') throw new TypeError(`as_tensor() got an unexpected keyword argument '${k}'`);
  const device = opts.device ? toDevice(opts.device, Device.cpu) : null;
  if (data instanceof Tensor) {
    let t = data;
    if (opts.dtype && toDType(opts.dtype) !== t.dtype) t = t.to(toDType(opts.dtype)) as Tensor;
    if (device && device !== t.device) t = t.to(device) as Tensor;
    return t;
  }
  if (ArrayBuffer.isView(data)) {
    const native = nativeDtype(data);
    const want = opts.dtype ? toDType(opts.dtype) : null;
    let t: Tensor;
    if (native instanceof DType && (!want || want === native)) t = Tensor._fromData(data as TypedArray, [(data as TypedArray).length], native );
    else if (want) {
      const src = data as unknown as ArrayLike<number | bigint>;
      const arr = new want.array(src.length);
      for (let i = 0; i < src.length; i++) arr[i] = Number(src[i]);
      t = Tensor._fromData(arr, [src.length], want);
    } else throw unsupported(String(native));
    return device && device !== t.device ? (t.to(device) as Tensor) : t;
  }
  return tensor(data as NestedArray, { dtype: opts.dtype, device: opts.device });
}

/**
 * A 1-D tensor sharing a typed array's memory (PyTorch's `torch.from_numpy`): Float32Array,
 * Float64Array, Int32Array, Int16Array, Int8Array and Uint8Array (torch.uint8: image bytes); reshape it with `.view(...)`.
 * @example const t = torch.from_numpy(pixels).view(28, 28)
 */
export function from_numpy(data: ArrayBufferView): Tensor {
  if (!ArrayBuffer.isView(data)) throw new TypeError(`expected np.ndarray (got ${data === null ? 'None' : typeof data}); in Torchlit, a typed array such as Float32Array`);
  const native = nativeDtype(data);
  if (!(native instanceof DType)) throw unsupported(String(native));
  return Tensor._fromData(data as TypedArray, [(data as TypedArray).length], native );
}

declare module '../tensor' {
  interface Tensor {
    /** Rows along the first dim: `for (const row of t)`, `const [a, b] = t`. A 0-d tensor is not iterable (TypeError). */
    [Symbol.iterator](): IterableIterator<Tensor>;
    /** Python's `len(t)`: the size of the first dim (a 0-d tensor raises TypeError). */
    __len__(): number;
    /**
     * Always false: Torchlit has no sparse tensors (`Embedding(sparse=True)` gives a dense gradient).
     * @example torch.ones(2).is_sparse  // false
     */
    readonly is_sparse: boolean;
    /**
     * The dense tensor: this tensor itself, as PyTorch's `to_dense()` of a dense tensor (so code written
     * for `Embedding(sparse=True)`'s gradient runs).
     * @example torch.ones(2).to_dense()  // tensor([1., 1.])
     */
    to_dense(): Tensor;
  }
}
function* rows(this: Tensor): IterableIterator<Tensor> {
  const n = this._shape[0];
  for (let i = 0; i < n; i++) yield this.select(0, i);
}
// A 0-d tensor has no iterator at all (JS's own "is not iterable" TypeError, where PyTorch says
// "iteration over a 0-d tensor"): an iterator that threw would break generic deep equality
// (vitest's toEqual/not.toBe walk iterables down to the 0-d elements).
Object.defineProperty(Tensor.prototype, Symbol.iterator, {
  configurable: true,
  get(this: Tensor) {
    return this.ndim === 0 ? undefined : rows;
  },
});
Tensor.prototype.__len__ = function (this: Tensor): number {
  if (this.ndim === 0) throw new TypeError('len() of a 0-d tensor');
  return this._shape[0];
};
Object.defineProperty(Tensor.prototype, 'is_sparse', { configurable: true, get: () => false });
Tensor.prototype.to_dense = function (this: Tensor): Tensor {
  return this;
};
