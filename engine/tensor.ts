// The Tensor: a strided view of a Storage, with autograd metadata.
// Ops live in engine/ops/*, each file adding its methods to Tensor.prototype (and to this
// interface by module augmentation), so one op family is one file.
import { RuntimeError } from './errors';
import { backward as runBackward, isGradEnabled, Node, noteInPlaceDetach } from './autograd';
import { Device } from './device';
import { bool, float32, type DType, type TypedArray } from './dtype';
import { getKernel } from './backend/registry';
import { contiguousStrides, normDim, numelOf, Size } from './size';
import { Storage, trackTensor } from './storage';
import { formatTensor } from './print';
import { dataAttribute, setData } from './tensor-data';
import { warn } from './warnings';

const NON_LEAF_GRAD = "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute won't be populated during autograd.backward(). If you indeed want the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more informations.";

export type Scalar = number | boolean;
export type TensorOrScalar = Tensor | Scalar;
export type NestedArray = number | boolean | NestedArray[];

/** PyTorch's error for reading the history of a no_grad view whose memory was written in place since. */
export const NO_GRAD_VIEW_REBASED = "A view was created in no_grad mode and its base or another view of its base has been modified inplace with grad mode enabled. Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the view and the inplace either both inside the no_grad block (if you don't want the inplace to be tracked) or both outside (if you want the inplace to be tracked).";

/**
 * The views `split`, `chunk` and `unbind` returned with a history, and views of them (PyTorch's
 * creation_meta MULTI_OUTPUT_NODE) → their output number: PyTorch refuses to modify them in place,
 * or to use them once their base was (ops/inplace.ts).
 */
export const multiOutputViews = new WeakMap<Tensor, number>();

export class Tensor {
  _storage: Storage;
  _shape: number[];
  _strides: number[];
  _offset: number;
  _requires_grad = false;
  _grad: Tensor | null = null;
  _gradFn: Node | null = null;
  /** The version counter's value when `_gradFn` was set (a view's history is stale once it moves). */
  _gradFnVersion = 0;
  /**
   * Set by ops/inplace.ts: a view's grad_fn made anew from its base's current history (PyTorch's
   * AsStridedBackward0), for a view whose base was written in place since (through another view).
   */
  static _regenViewFn: ((view: Tensor) => Node | null) | null = null;
  /** The Node that produced this tensor, named like PyTorch's (`<AddBackward0>`); null for leaves. */
  get grad_fn(): Node | null {
    const f = this._gradFn;
    // as PyTorch: a differentiable view whose memory was written in place since its grad_fn was made
    // (`b = x * 1; y = b.view(2, 2); b.mul_(3)`) takes its base's new history
    if (f !== null && this._base !== null && this._gradFnVersion !== this._storage.version && Tensor._regenViewFn) return Tensor._regenViewFn(this);
    // a view made under no_grad of a tensor that requires grad, its memory written in place since:
    // PyTorch cannot tell whether the write should have been tracked, and refuses to say
    if (f === null && this._noGradView && this._base !== null && this._gradFnVersion !== this._storage.version && this._base.requires_grad) throw new RuntimeError(NO_GRAD_VIEW_REBASED);
    return f;
  }
  set grad_fn(n: Node | null) {
    const prev = this._gradFn;
    // retain_grad() follows the tensor to its new history after an in-place op (y.retain_grad(); y.mul_(3))
    if (prev !== null && prev.retained === this && n !== null && n !== prev) {
      prev.retained = null;
      n.retained = this;
    }
    this._gradFn = n;
    this._gradFnVersion = this._storage.version;
  }
  /** The tensor this one is a view of. */
  _base: Tensor | null = null;
  /** A view made in no_grad mode (or of such a view): PyTorch's creation_meta NO_GRAD_MODE, refused in-place when grad mode is on. */
  _noGradView = false;
  /** Its own version counter (`t.data`'s, shared by its views and detached aliases); null: the storage's. */
  _vc: { version: number } | null = null;
  /** Hooks on a leaf's gradient (null until one is registered). */
  _leafHooks: ((grad: Tensor) => Tensor | void)[] | null = null;
  /** Set on nn.Parameter. */
  _isParam = false;

  constructor(storage: Storage, shape: readonly number[], strides?: readonly number[], offset = 0) {
    this._storage = storage;
    this._shape = shape.slice();
    this._strides = strides ? strides.slice() : contiguousStrides(shape);
    this._offset = offset;
    trackTensor(1);
  }

  /** New uninitialised tensor on a device (CPU storage is zero-filled). */
  static _empty(shape: readonly number[], dtype: DType = float32, device: Device = Device.cpu): Tensor {
    const n = numelOf(shape);
    const storage = device.type === 'cpu' ? Storage.cpu(dtype, device, n) : getKernel('alloc', device.type)(dtype, n);
    return new Tensor(storage, shape);
  }

  /** A CPU tensor over the given typed array (no copy). */
  static _fromData(data: TypedArray, shape: readonly number[], dtype: DType): Tensor {
    return new Tensor(Storage.cpu(dtype, Device.cpu, data.length, data), shape);
  }

  // ---- metadata -------------------------------------------------------------------------
  /** The shape, as `torch.Size` (an array that prints `torch.Size([2, 3])`). */
  get shape(): Size {
    return Size.of_(this._shape);
  }
  get dtype(): DType {
    return this._storage.dtype;
  }
  get device(): Device {
    return this._storage.device;
  }
  get ndim(): number {
    return this._shape.length;
  }
  get is_cuda(): boolean {
    return false;
  }
  /**
   * Accumulated gradient (a leaf's, or a non-leaf's after `retain_grad()`). Reading an empty one of
   * a non-leaf warns as PyTorch; assigning one of another shape or dtype is PyTorch's error.
   * @example model(x).sum().backward(); model[0].bias.grad.shape // torch.Size([4])
   */
  get grad(): Tensor | null {
    if (this._grad === null && this.grad_fn !== null && this.grad_fn.retained !== this) warn(NON_LEAF_GRAD);
    return this._grad;
  }
  set grad(g: Tensor | null) {
    if (g != null) {
      if (!(g instanceof Tensor)) throw new TypeError(`assigned grad expected to be a Tensor or None but got grad of type${Array.isArray(g) ? 'list' : typeof g === 'number' ? (Number.isInteger(g) ? 'int' : 'float') : typeof g}`);
      if (g.dtype !== this.dtype) throw new RuntimeError('assigned grad has data of a different type');
      if (g.device.type !== this.device.type) throw new RuntimeError('assigned grad has data located on a different device');
      if (g._shape.length !== this._shape.length || g._shape.some((d, i) => d !== this._shape[i])) throw new RuntimeError('assigned grad has data of a different size');
    }
    this._grad = g;
  }
  get is_leaf(): boolean {
    return this.grad_fn === null;
  }
  /** Whether autograd records operations on this tensor. Only leaves may change it. */
  get requires_grad(): boolean {
    // as PyTorch's: a view made under no_grad requires grad when its base does (it is a leaf, and
    // gradients stop there: `_requires_grad` stays false, so nothing accumulates into it)
    return this._requires_grad || (this._noGradView && this._base !== null && this._base.requires_grad);
  }
  set requires_grad(v: boolean) {
    // PyTorch's setter has its own words (requires_grad_() says "floating point dtype", factories "Only …")
    if (v && !this.dtype.is_floating_point) throw new RuntimeError('only Tensors of floating point and complex dtype can require gradients');
    this.requires_grad_(v);
  }
  /** `t.size()` → torch.Size; `t.size(d)` → that dimension. */
  size(): Size;
  size(dim: number): number;
  size(dim?: number): Size | number {
    return dim === undefined ? this.shape : this._shape[normDim(dim, this.ndim)];
  }
  dim(): number {
    return this._shape.length;
  }
  /** Number of elements, e.g. `model.parameters().map(p => p.numel())`. */
  numel(): number {
    return numelOf(this._shape);
  }
  nelement(): number {
    return this.numel();
  }
  element_size(): number {
    return this.dtype.itemsize;
  }
  stride(): number[];
  stride(dim: number): number;
  stride(dim?: number): number[] | number {
    return dim === undefined ? [...this._strides] : this._strides[normDim(dim, this.ndim)];
  }
  storage_offset(): number {
    return this._offset;
  }
  is_floating_point(): boolean {
    return this.dtype.is_floating_point;
  }
  is_contiguous(): boolean {
    let s = 1;
    for (let i = this._shape.length - 1; i >= 0; i--) {
      if (this._shape[i] !== 1 && this._strides[i] !== s) return false;
      s *= this._shape[i];
    }
    return true;
  }
  /** Contiguous, starting at offset 0 and covering the whole storage: safe to hand out as `.grad`. */
  _isOwnedContiguous(): boolean {
    return this._offset === 0 && this.is_contiguous() && this._storage.length === this.numel() && this._base === null;
  }

  /**
   * PyTorch's version counter: how many in-place ops have written to this tensor's memory. Views
   * and `detach()`ed tensors share it with their base (it lives on the storage); `t.data` has its own,
   * as PyTorch's (writing through `w.data` does not invalidate what backward saved of `w`). Autograd records
   * it for every tensor a backward formula saves, and `backward()` refuses a modified one.
   * @example const a = torch.ones(3); a.add_(1); a._version // 1
   */
  get _version(): number {
    return (this._vc ?? this._base?._vc ?? this._storage).version;
  }
  set _version(v: number) {
    (this._vc ?? this._base?._vc ?? this._storage).version = v;
  }
  /** Makes this tensor a view of `x` (of `x`'s base when `x` is itself a view), remembering whether grad mode was off. */
  _viewOf(x: Tensor): this {
    this._base = x._base ?? x;
    const grad = isGradEnabled();
    this._noGradView = !grad || x._noGradView;
    this._gradFnVersion = this._storage.version;
    // PyTorch's creation_meta MULTI_OUTPUT_NODE passes to views of a split/chunk/unbind output
    if (grad && multiOutputViews.has(x)) multiOutputViews.set(this, 0);
    return this;
  }
  /**
   * Which output of its `grad_fn` this tensor is: `i` for the i-th view `split`, `chunk` or
   * `unbind` returned with a history, 0 otherwise. @example torch.ones(4, {requires_grad: true}).split(2)[1].output_nr // 1
   */
  get output_nr(): number {
    return multiOutputViews.get(this) ?? 0;
  }

  // ---- autograd -------------------------------------------------------------------------
  /** Sets `requires_grad` in place (leaves only) and returns this tensor. */
  requires_grad_(requires_grad = true): this {
    if (!this.is_leaf && !requires_grad)
      throw new RuntimeError("you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().");
    if (requires_grad && !this.dtype.is_floating_point) throw new RuntimeError('only Tensors of floating point dtype can require gradients');
    this._requires_grad = requires_grad;
    return this;
  }
  /**
   * Computes the gradient of this tensor with respect to graph leaves and accumulates it in their `.grad`.
   * @example const loss = layer(x).sub(y).pow(2).mean(); loss.backward(); layer.weight.grad
   */
  backward(gradient?: Tensor | null | { gradient?: Tensor | null; retain_graph?: boolean; create_graph?: boolean }, opts: { retain_graph?: boolean; create_graph?: boolean } = {}): void {
    runBackward(this, rootGradAs(this, gradient), opts);
  }
  /** Keeps `.grad` for this non-leaf tensor after `backward()`. */
  retain_grad(): void {
    if (!this.requires_grad) throw new RuntimeError("can't retain_grad on Tensor that has requires_grad=False");
    if (this.grad_fn) this.grad_fn.retained = this;
  }
  get retains_grad(): boolean {
    return !!this.grad_fn && this.grad_fn.retained === this;
  }
  /** Registers `hook(grad)` called with this tensor's gradient; it may return a replacement. Returns a handle with `remove()`. */
  register_hook(hook: (grad: Tensor) => Tensor | void): { remove(): void } {
    if (!this.requires_grad) throw new RuntimeError("cannot register a hook on a tensor that doesn't require gradient");
    const list = this.grad_fn ? (this.grad_fn.hooks ??= []) : (this._leafHooks ??= []);
    const checked = checkedHook(hook);
    list.push(checked);
    return { remove: () => void list.splice(list.indexOf(checked) >>> 0, 1) };
  }
  /** A tensor sharing this one's storage, cut from the graph. */
  detach(): Tensor {
    const t = new Tensor(this._storage, this._shape, this._strides, this._offset);
    t._base = this._base ?? (this.is_leaf ? null : null);
    t._vc = this._vc;
    return t;
  }
  detach_(): this {
    if (this._base) throw new RuntimeError("Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set as True, gradients are views of DDP buckets, and hence detach_() cannot be called on these gradients. To fix this error, please refer to the Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution.");
    if (this.grad_fn) noteInPlaceDetach();
    this.grad_fn = null;
    this._requires_grad = false;
    return this;
  }

  // ---- readback (async on every backend) -------------------------------------------------
  /**
   * Both of PyTorch's `t.data` and Torchlit's readback. As an attribute it is `t`'s values outside autograd
   * (`p.data.sub_(p.grad.data.mul(lr))`, `torch.max(out.data, 1)`: a stand-in for `t.detach()`); called,
   * `await t.data()` gives the elements in row-major order as a typed array (a copy). `t.data = other`
   * makes `t` show `other`'s values, as PyTorch's.
   * @example const values = await t.data(); w.data.norm()
   */
  get data(): Tensor & (() => Promise<TypedArray>) {
    return dataAttribute(this, () => this._read()) as Tensor & (() => Promise<TypedArray>);
  }
  set data(other: Tensor) {
    setData(this, other);
  }
  /** The elements in row-major order, as a typed array (a copy): what `await t.data()` returns. */
  async _read(): Promise<TypedArray> {
    if (this.device.type === 'cpu') return this._cpuContiguous().slice();
    return getKernel('read', this.device.type)(this) as Promise<TypedArray>;
  }
  /**
   * The value of a one-element tensor as a JS number (a bool tensor gives `true`/`false`, as
   * PyTorch's `item()`; it is typed `number` so arithmetic on a loss reads naturally).
   * @example print(`loss ${(await loss.item()).toFixed(4)}`)
   */
  async item(): Promise<number> {
    if (this.numel() !== 1) throw new RuntimeError(`a Tensor with ${this.numel()} elements cannot be converted to Scalar`);
    const d = await this._read();
    return (this.dtype === bool ? d[0] !== 0 : d[0]) as number;
  }
  /** Nested arrays, as PyTorch's `tolist()`. */
  async tolist(): Promise<NestedArray> {
    return nest(await this._read(), this._shape, this.dtype === bool);
  }
  /** Synchronous readback: CPU tensors only. */
  cpu_data(): TypedArray {
    this._requireCpu('cpu_data');
    return this._cpuContiguous().slice();
  }
  cpu_item(): number {
    this._requireCpu('cpu_item');
    if (this.numel() !== 1) throw new RuntimeError(`a Tensor with ${this.numel()} elements cannot be converted to Scalar`);
    const v = this._storage.data![this._offset];
    return (this.dtype === bool ? v !== 0 : v) as number;
  }
  cpu_tolist(): NestedArray {
    this._requireCpu('cpu_tolist');
    return nest(this._cpuContiguous(), this._shape, this.dtype === bool);
  }
  _requireCpu(what: string): void {
    if (this.device.type !== 'cpu') throw new RuntimeError(`${what}() reads synchronously and works on CPU tensors only; use await t.data() / t.item() / t.tolist() on ${this.device}`);
    if (!this._storage.data) throw new RuntimeError('this tensor was disposed');
  }
  /** Dense row-major CPU data: the storage itself when already contiguous (no copy). */
  _cpuContiguous(): TypedArray {
    this._requireCpu('read');
    const data = this._storage.data!;
    const n = this.numel();
    if (this.is_contiguous()) return this._offset === 0 && data.length === n ? data : data.subarray(this._offset, this._offset + n);
    return getKernel('contiguous', 'cpu')(this)._storage.data as TypedArray;
  }

  // ---- memory --------------------------------------------------------------------------------
  /** Frees the storage now (an optimisation: unreachable tensors are freed anyway). */
  dispose(): void {
    if (this._base === null) this._storage.dispose();
  }
  get isDisposed(): boolean {
    return this._storage.disposed;
  }

  // ---- printing -------------------------------------------------------------------------------
  /** PyTorch's repr: `tensor([[1., 2.]], requires_grad=True)`. */
  toString(): string {
    return formatTensor(this);
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
  /** Tensors refuse to silently turn into numbers (`NaN`) in plain JS arithmetic. */
  [Symbol.toPrimitive](hint: string): string {
    if (hint === 'string') return this.toString();
    throw new TypeError(
      'a Tensor cannot be used with JS arithmetic operators here: use t.add(x), t.mul(x), … ' +
        '(in notebook cells, operators such as w * x + b are rewritten to tensor ops for you)',
    );
  }

  _onesLike(): Tensor {
    return getKernel('full', this.device.type)(this._shape, 1, this.dtype) as Tensor;
  }
}

function nest(data: TypedArray, shape: readonly number[], asBool: boolean): NestedArray {
  const conv = (v: number): number | boolean => (asBool ? v !== 0 : v);
  if (shape.length === 0) return conv(data[0]);
  const rec = (dim: number, off: number): NestedArray[] => {
    const n = shape[dim];
    const out: NestedArray[] = new Array(n);
    if (dim === shape.length - 1) {
      for (let i = 0; i < n; i++) out[i] = conv(data[off + i]);
      return out;
    }
    const step = numelOf(shape.slice(dim + 1));
    for (let i = 0; i < n; i++) out[i] = rec(dim + 1, off + i * step);
    return out;
  };
  return rec(0, 0);
}

export function isTensor(v: unknown): v is Tensor {
  return v instanceof Tensor;
}

/**
 * A tensor hook whose replacement gradient is checked as PyTorch checks it: a tensor of another
 * shape or dtype than the gradient it replaces is an error naming the hook (it was used as is: a
 * hook returning `g.sum()` left a 0-d `x.grad`, silently).
 */
function checkedHook(hook: (grad: Tensor) => Tensor | void): (grad: Tensor) => Tensor | void {
  return (g: Tensor) => {
    const r = hook(g);
    if (r instanceof Tensor) {
      const name = hook.name || '<lambda>';
      if (!r.shape.equals(g.shape)) throw new RuntimeError(`hook '${name}' has changed the size of value`);
      if (r.dtype !== g.dtype) throw new RuntimeError(`hook '${name}' has changed the type of value (was ${g.type()} got ${r.type()})`);
    }
    return r;
  };
}

/**
 * `y.backward(gradient)` with a gradient of another dtype (`torch.tensor([1, 1])`, a float64 one):
 * cast to `y`'s, as PyTorch does, so the leaves' `.grad` keep their dtype (an int64 gradient gave
 * an int64 `x.grad`, silently). The options-object form (`{gradient}`) likewise.
 */
function rootGradAs<G>(t: Tensor, gradient: G): G {
  const cast = (g: unknown) => (g instanceof Tensor && g.dtype !== t.dtype && t.dtype.is_floating_point ? g.to(t.dtype) : g);
  if (gradient instanceof Tensor) return cast(gradient) as G;
  if (gradient && typeof gradient === 'object' && 'gradient' in gradient) return { ...gradient, gradient: cast((gradient as { gradient: unknown }).gradient) } as G;
  return gradient;
}
