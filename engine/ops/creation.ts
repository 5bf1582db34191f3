// Factory functions: torch.tensor, zeros, ones, full, arange, linspace, eye, rand, randn, randint, *_like.
import { RuntimeError, ValueError } from '../errors';
import { warn } from '../warnings';
import { checkInt64Values, checkScalarFits } from './int-range';
import { fillArange, fillLinspace } from './range-fill';
import { parseArgs, shapeArgs, isOptions } from '../args';
import { Device, toDevice, type DeviceLike } from '../device';
import { bool, float32, int64, scalarTypeName, toDType, type DType, type DTypeLike, type TypedArray } from '../dtype';
import { getKernel } from '../backend/registry';
import { state } from '../state';
import { Tensor, type NestedArray } from '../tensor';
import { randomFill } from '../random';
import { withGenerator } from '../generator';

export interface FactoryOptions {
  dtype?: DTypeLike | null;
  device?: DeviceLike | null;
  requires_grad?: boolean;
}

/** A factory's `requires_grad=True` on an integer or bool dtype: PyTorch's words (capital O, unlike requires_grad_()'s). */
export function checkFactoryRequiresGrad(dtype: DType, requires_grad: boolean | undefined): void {
  if (requires_grad && !dtype.is_floating_point) throw new RuntimeError('Only Tensors of floating point and complex dtype can require gradients');
}

function finish(t: Tensor, opts: FactoryOptions): Tensor {
  checkFactoryRequiresGrad(t.dtype, opts.requires_grad);
  const dev = toDevice(opts.device, state.defaultDevice);
  let r = t;
  if (dev !== t.device) r = t.to(dev);
  if (opts.requires_grad) r.requires_grad_(true);
  return r;
}

function inferShapeAndFlatten(data: NestedArray | TypedArray, out: number[], depth = 0): number[] {
  if (ArrayBuffer.isView(data)) {
    for (const v of data as TypedArray) out.push(v);
    return [(data as TypedArray).length];
  }
  if (!Array.isArray(data)) {
    // a tensor inside a list (`torch.tensor([loss_a, loss_b])`) is its one value, as Python's float(t)
    if ((data as unknown) instanceof Tensor) {
      const t = data as unknown as Tensor;
      if (t.numel() !== 1) throw new ValueError('only one element tensors can be converted to Python scalars');
      out.push(Number(t.cpu_item()));
      return [];
    }
    if (typeof data === 'string') throw new TypeError("new(): invalid data type 'str'");
    if (typeof data !== 'number' && typeof data !== 'boolean')
      throw new RuntimeError(`Could not infer dtype of ${data === null || data === undefined ? 'NoneType' : typeof data}`);
    out.push(Number(data));
    return [];
  }
  if (data.length === 0) return [0];
  const shape0 = inferShapeAndFlatten(data[0] as NestedArray, out, depth + 1);
  for (let i = 1; i < data.length; i++) {
    const s = inferShapeAndFlatten(data[i] as NestedArray, out, depth + 1);
    const k = shape0.findIndex((d, j) => d !== s[j]);
    // PyTorch's ValueError names the first ragged dim; a number where a list was: TypeError
    if (k >= 0 && k >= s.length) throw new TypeError('not a sequence');
    if (k >= 0) throw new ValueError(`expected sequence of length ${shape0[k]} at dim ${depth + 1 + k} (got ${s[k]})`);
    if (s.length > shape0.length) throw new TypeError("'list' object cannot be interpreted as an integer");
  }
  return [data.length, ...shape0];
}

/**
 * Marks an array literal whose source had a float literal (`1.0`, `2e3`): JS cannot tell `1.0`
 * from `1`, so the notebook's cell transpiler tags such literals and `torch.tensor` then infers
 * a floating dtype, as PyTorch does for Python's `[1.0, 2.0]`.
 */
export const FLOAT_LITERALS = Symbol.for('torchlit.floatLiterals');

/** A number the cell transpiler tagged as written with a float literal (`7.0`): a `Number` object carrying FLOAT_LITERALS. */
function isFloatScalar(v: unknown): boolean {
  return v instanceof Number && (v as unknown as Record<symbol, unknown>)[FLOAT_LITERALS] === true;
}

function inferDtype(data: unknown): DType {
  if (data && typeof data === 'object' && (data as Record<symbol, unknown>)[FLOAT_LITERALS]) return state.defaultDtype;
  if (data instanceof Float64Array) return toDType('float64');
  if (data instanceof Int32Array || data instanceof BigInt64Array) return int64;
  if (data instanceof Uint8Array) return int64;
  if (ArrayBuffer.isView(data)) return state.defaultDtype;
  let sawFloat = false, sawNum = false, sawBool = false;
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v instanceof Tensor) {
      if (v.dtype === bool) sawBool = true;
      else sawNum = true;
      if (v.dtype.is_floating_point) sawFloat = true;
    } else if (typeof v === 'boolean') sawBool = true;
    else if (typeof v === 'number') {
      sawNum = true;
      if (!Number.isInteger(v)) sawFloat = true;
    }
  };
  visit(data);
  if (sawFloat) return state.defaultDtype;
  if (sawNum) return int64;
  if (sawBool) return bool;
  return state.defaultDtype;
}

/**
 * Creates a tensor from nested arrays, a typed array or a number (a tensor is copied, detached, with PyTorch's
 * warning; one-element tensors in a list count as their values). Integers give int64, as in PyTorch.
 * @example const t = torch.tensor([[1, 2], [3, 4]], { dtype: torch.float32, requires_grad: true })
 */
export function tensor(data: NestedArray | TypedArray | Tensor | (number | Tensor)[], opts: FactoryOptions = {}): Tensor {
  // a scalar written as a float literal in a cell (`torch.tensor(7.0)`) arrives as a tagged Number
  if (isFloatScalar(data)) return tensor(Number(data), { ...opts, dtype: opts.dtype ?? state.defaultDtype });
  if ((data as unknown) instanceof Tensor) {
    // PyTorch copies (detached) and warns; style transfer's Normalization does `torch.tensor(mean)`
    warn('To copy construct from a tensor, it is recommended to use sourceTensor.clone().detach() or sourceTensor.clone().detach().requires_grad_(True), rather than torch.tensor(sourceTensor).');
    const src = data as unknown as Tensor;
    return finish(src.detach().to(toDType(opts.dtype, src.dtype)).clone(), opts);
  }
  let dtype = toDType(opts.dtype, inferDtype(data));
  // [1, 2] with requires_grad: PyTorch would have had float literals there (JS has none)
  if (opts.requires_grad && !opts.dtype && !dtype.is_floating_point) dtype = state.defaultDtype;
  const flat: number[] = [];
  const shape = inferShapeAndFlatten(data as NestedArray, flat);
  checkInt64Values(flat, dtype);
  const arr = new dtype.array(flat.length);
  for (let i = 0; i < flat.length; i++) arr[i] = dtype === bool ? (flat[i] ? 1 : 0) : flat[i];
  return finish(Tensor._fromData(arr, shape, dtype), opts);
}

/** A tensor over a typed array (copied), with a shape. @example torch.from_array(new Float32Array(6), [2, 3]) */
export function from_array(data: TypedArray | ArrayLike<number>, shape?: number[], opts: FactoryOptions = {}): Tensor {
  const dtype = toDType(opts.dtype, inferDtype(data));
  checkInt64Values(data as ArrayLike<number>, dtype);
  const arr = new dtype.array(data.length);
  arr.set(data as ArrayLike<number>);
  const sh = shape ?? [data.length];
  const n = sh.reduce((a, b) => a * b, 1);
  if (n !== data.length) throw new RuntimeError(`shape '[${sh.join(', ')}]' is invalid for input of size ${data.length}`);
  return finish(Tensor._fromData(arr, sh, dtype), opts);
}

export function full(...args: unknown[]): Tensor {
  // full(size, fill_value, {dtype, device, requires_grad})
  const { size, fill_value, ...opts } = parseArgs<{ size: number[]; fill_value: number | boolean } & FactoryOptions>('full', args, ['size', 'fill_value', 'dtype', 'device', 'requires_grad']);
  // (a cell's `7.0` arrives tagged: isFloatScalar)
  const float = isFloatScalar(fill_value);
  const fv = float ? Number(fill_value) : fill_value;
  // as PyTorch: the fill value's type decides (7 → int64, 7.0 and 7.5 → float32, true → bool)
  const dtype = toDType(opts.dtype, typeof fv === 'boolean' ? bool : Number.isInteger(fv) && !float ? int64 : state.defaultDtype);
  checkScalarFits(Number(fv), dtype);
  const dev = toDevice(opts.device, state.defaultDevice);
  checkFactoryRequiresGrad(dtype, opts.requires_grad);
  const t = getKernel('full', dev.type)([...size], Number(fv), dtype) as Tensor;
  if (opts.requires_grad) t.requires_grad_(true);
  return t;
}

function filled(value: number, args: unknown[]): Tensor {
  const { shape, opts } = shapeArgs(args);
  const o = opts as FactoryOptions;
  const dev = toDevice(o.device, state.defaultDevice);
  const dtype = toDType(o.dtype, state.defaultDtype);
  checkFactoryRequiresGrad(dtype, o.requires_grad);
  const t = getKernel('full', dev.type)(shape, value, dtype) as Tensor;
  if (o.requires_grad) t.requires_grad_(true);
  return t;
}

/** `torch.zeros(2, 3)` or `torch.zeros([2, 3], {dtype})`. */
export const zeros = (...args: unknown[]): Tensor => filled(0, args);
/** `torch.ones(2, 3)`. */
export const ones = (...args: unknown[]): Tensor => filled(1, args);
/** Uninitialised in PyTorch; zero-filled here. */
export const empty = (...args: unknown[]): Tensor => filled(0, args);

function like(t: Tensor, opts: FactoryOptions = {}): FactoryOptions {
  return { dtype: opts.dtype ?? t.dtype, device: opts.device ?? t.device, requires_grad: opts.requires_grad };
}
export const zeros_like = (t: Tensor, opts?: FactoryOptions): Tensor => zeros(t._shape, like(t, opts));
export const ones_like = (t: Tensor, opts?: FactoryOptions): Tensor => ones(t._shape, like(t, opts));
export const empty_like = (t: Tensor, opts?: FactoryOptions): Tensor => zeros(t._shape, like(t, opts));
/** A tensor of `fill_value` shaped like `t` (`{fill_value}` by name too). @example torch.full_like(x, 7) */
export function full_like(t: Tensor, fill_value: number | (FactoryOptions & { fill_value: number }), opts?: FactoryOptions): Tensor;
export function full_like(t: Tensor, ...args: unknown[]): Tensor {
  const { fill_value, ...opts } = parseArgs<{ fill_value: number } & FactoryOptions>('full_like', args, ['fill_value', 'dtype', 'device', 'requires_grad', 'layout', 'memory_format']);
  if (fill_value === undefined) throw new TypeError("full_like() missing 1 required positional argument: 'fill_value'");
  return full(t._shape, fill_value, like(t, opts));
}
export const rand_like = (t: Tensor, opts?: FactoryOptions): Tensor => rand(t._shape, like(t, opts));
export const randn_like = (t: Tensor, opts?: FactoryOptions): Tensor => randn(t._shape, like(t, opts));

/** `torch.arange(end)`, `arange(start, end, step)`; integer arguments give int64. */
export function arange(...args: unknown[]): Tensor {
  let opts: FactoryOptions = {};
  let nums = args;
  if (nums.length && isOptions(nums[nums.length - 1])) {
    opts = nums[nums.length - 1] as FactoryOptions;
    nums = nums.slice(0, -1);
  }
  const o = opts as FactoryOptions & { start?: number; end?: number; step?: number };
  // (arange({end: 3}) once gave an empty tensor: with no positional numbers, start is 0)
  let [start, end, step] = nums.length === 0 ? [0, undefined as unknown as number, 1] : nums.length === 1 ? [0, nums[0] as number, 1] : [nums[0] as number, nums[1] as number, (nums[2] as number) ?? 1];
  if (o.start !== undefined) start = o.start;
  if (o.end !== undefined) end = o.end;
  if (o.step !== undefined) step = o.step;
  if (end === undefined) throw new TypeError('arange() missing required argument: end');
  // (a cell's float literal `torch.arange(6.)` is a tagged Number object: not an integer, so float32)
  const allInt = [start, end, step].every(Number.isInteger);
  const dtype = toDType(o.dtype, allInt ? int64 : state.defaultDtype);
  [start, end, step] = [Number(start), Number(end), Number(step)];
  // an integer dtype reads its arguments as integers (PyTorch's Scalar.to<int64_t>(): truncated),
  // the size too: torch.arange(0.5, 40.2, 1.3, dtype=torch.int64) is 0, 1, …, 39
  if (!dtype.is_floating_point) [start, end, step] = [Math.trunc(start), Math.trunc(end), Math.trunc(step)];
  if (step === 0) throw new RuntimeError('step must be nonzero');
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new RuntimeError(`unsupported range: ${start} -> ${end}`);
  if (!((step > 0 && end >= start) || (step < 0 && end <= start))) throw new RuntimeError('upper bound and larger bound inconsistent with step sign');
  const n = Math.ceil((end - start) / step);
  const arr = new dtype.array(n);
  fillArange(arr, dtype, start, step);
  return finish(Tensor._fromData(arr, [n], dtype), o);
}

/** `torch.linspace(start, end, steps)`: `steps` values from `start` to `end`, both included. @example torch.linspace(-1, 1, 5) */
export function linspace(...args: unknown[]): Tensor {
  const a = parseArgs<{ start: number; end: number; steps: number } & FactoryOptions>('linspace', args, ['start', 'end', 'steps', 'dtype', 'device', 'requires_grad']);
  const { start, end, steps } = { start: Number(a.start), end: Number(a.end), steps: Number(a.steps) };
  const o = a;
  if (steps < 0) throw new RuntimeError('number of steps must be non-negative');
  const dtype = toDType(o.dtype, state.defaultDtype);
  const arr = new dtype.array(steps);
  if (steps === 1) arr[0] = dtype.is_floating_point ? start : Math.trunc(start);
  else if (steps > 1) fillLinspace(arr, dtype, start, end);
  return finish(Tensor._fromData(arr, [steps], dtype), o);
}

/** `torch.eye(n, m?)`. */
export function eye(...args: unknown[]): Tensor {
  const { n, m, ...o } = parseArgs<{ n: number; m?: number } & FactoryOptions>('eye', args, ['n', 'm', 'dtype', 'device', 'requires_grad']);
  const cols = m ?? n;
  const dtype = toDType(o.dtype, state.defaultDtype);
  const arr = new dtype.array(n * cols);
  for (let i = 0; i < Math.min(n, cols); i++) arr[i * cols + i] = 1;
  return finish(Tensor._fromData(arr, [n, cols], dtype), o);
}

/**
 * PyTorch's uniform and normal kernels exist for floating dtypes only: `torch.rand_like(int_t)` is an
 * error there (it filled an int64 tensor with zeros here).
 */
export function checkRandomDtype(kind: 'uniform' | 'normal', dtype: DType): void {
  if (!dtype.is_floating_point)
    throw new RuntimeError(`"${kind === 'uniform' ? 'check_uniform_bounds' : 'normal_kernel_cpu'}" not implemented for '${scalarTypeName(dtype)}'`);
}

function random(kind: 'uniform' | 'normal', args: unknown[]): Tensor {
  const { shape, opts } = shapeArgs(args);
  const o = opts as FactoryOptions & { generator?: unknown };
  const dtype = toDType(o.dtype, state.defaultDtype);
  checkRandomDtype(kind, dtype);
  const t = Tensor._empty(shape, dtype, Device.cpu);
  withGenerator(kind === 'uniform' ? 'rand' : 'randn', o.generator, () => randomFill(t._storage.data!, kind));
  return finish(t, o);
}
/** Uniform on [0, 1), from the seeded generator (`torch.manual_seed`). */
export const rand = (...args: unknown[]): Tensor => random('uniform', args);
/** Standard normal, from the seeded generator (`torch.manual_seed`). */
export const randn = (...args: unknown[]): Tensor => random('normal', args);

/** `torch.randint(low?, high, size)`. */
export function randint(...args: unknown[]): Tensor {
  let opts: FactoryOptions = {};
  let a = args;
  if (a.length && isOptions(a[a.length - 1])) {
    opts = a[a.length - 1] as FactoryOptions;
    a = a.slice(0, -1);
  }
  // PyTorch's keywords too: randint(10, {size: [3]}), randint(0, 10, {size: [3]}), randint({low, high, size})
  const o = opts as FactoryOptions & { low?: number; high?: number; size?: number[] };
  if (o.size !== undefined) a = [...a, o.size];
  if (o.high !== undefined) a = a.length ? [...a.slice(0, a.length - (o.size !== undefined ? 1 : 0)), o.high, ...(o.size !== undefined ? [o.size] : [])] : [o.high];
  if (o.low !== undefined) a = [o.low, ...a];
  const [low, high, size] = a.length === 2 ? [0, a[0] as number, a[1] as number[]] : [a[0] as number, a[1] as number, a[2] as number[]];
  if (!Array.isArray(size) && !ArrayBuffer.isView(size)) throw new TypeError("randint() missing 1 required positional argument: 'size'");
  const dtype = toDType(opts.dtype, int64);
  const t = Tensor._empty(size, dtype, Device.cpu);
  const u = new Float64Array(t.numel());
  withGenerator('randint', (opts as { generator?: unknown }).generator, () => randomFill(u, 'uniform'));
  const d = t._storage.data!;
  for (let i = 0; i < u.length; i++) d[i] = low + Math.floor(u[i] * (high - low));
  return finish(t, opts);
}

/** A random permutation of 0..n-1 (int64). */
export function randperm(n: number, opts: FactoryOptions & { generator?: unknown } = {}): Tensor {
  const u = new Float64Array(n);
  withGenerator('randperm', opts.generator, () => randomFill(u, 'uniform'));
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u[i] * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return tensor(idx, { dtype: opts.dtype ?? int64, device: opts.device });
}

// ---- Tensor methods --------------------------------------------------------------------------------
declare module '../tensor' {
  interface Tensor {
    new_tensor(data: NestedArray, opts?: FactoryOptions): Tensor;
    /** A tensor of zeros with this tensor's dtype and device: `x.new_zeros(2, 3)` or `x.new_zeros([2, 3], {dtype})`. */
    new_zeros(...size: (number | readonly number[] | FactoryOptions)[]): Tensor;
    /** A tensor of ones with this tensor's dtype and device. @example x.new_ones(2, 3) */
    new_ones(...size: (number | readonly number[] | FactoryOptions)[]): Tensor;
    /** A tensor of `fill_value` with this tensor's dtype and device. @example x.new_full([2], 3), x.new_full([2], {fill_value: 3}) */
    new_full(size: number[], fill_value: number | (FactoryOptions & { fill_value: number }), opts?: FactoryOptions): Tensor;
    new_empty(...size: (number | readonly number[] | FactoryOptions)[]): Tensor;
  }
}
const P = Tensor.prototype;
P.new_tensor = function (data, opts = {}) { return tensor(data, like(this, opts)); };
// sizes as varargs or one array, as PyTorch's (`x.new_ones(2, 3)` once gave shape [2], silently)
function newFilled(t: Tensor, value: number, args: unknown[]): Tensor {
  const { shape, opts } = shapeArgs(args);
  return full(shape, value, like(t, opts as FactoryOptions));
}
P.new_zeros = function (...a) { return newFilled(this, 0, a); };
P.new_ones = function (...a) { return newFilled(this, 1, a); };
P.new_full = function (this: Tensor, ...args: unknown[]) {
  const { size, fill_value, ...opts } = parseArgs<{ size: number[]; fill_value: number } & FactoryOptions>('new_full', args, ['size', 'fill_value', 'dtype', 'device', 'requires_grad', 'layout', 'memory_format']);
  return full(size, fill_value, like(this, opts));
} as Tensor['new_full'];
P.new_empty = function (...a) { return newFilled(this, 0, a); };

export { float32 };
