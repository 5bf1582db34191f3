// Reductions: sum mean prod max min amax amin argmax argmin var std all any logsumexp norm,
// over all elements or `dim` (an int or a list), with `{keepdim}`.
import { IndexError, RuntimeError } from '../errors';
import { record, needsGrad } from '../autograd';
import { parseArgs } from '../args';
import { getKernel } from '../backend/registry';
import type { ReduceOp } from '../backend/kernels';
import { bool, int64, scalarTypeName, toDType, type DType, type DTypeLike } from '../dtype';
import { normDim } from '../size';
import { state } from '../state';
import { Tensor } from '../tensor';
import { arange } from './creation';
import { checkInterrupt } from './util';

type Dim = number | number[] | null | undefined;

function normDims(x: Tensor, dim: Dim): number[] {
  // an empty dim list reduces every dim, as PyTorch's `x.sum(())` (tensor(15.), not x unchanged)
  if (dim === null || dim === undefined || (Array.isArray(dim) && dim.length === 0)) return x._shape.map((_, i) => i);
  const ds = (Array.isArray(dim) ? dim : [dim]).map((d) => normDim(d, x.ndim));
  if (new Set(ds).size !== ds.length) throw new RuntimeError(`dim ${ds.find((d, i) => ds.indexOf(d) !== i)} appears multiple times in the list of dims`);
  return ds.sort((a, b) => a - b);
}

function outShapeOf(x: Tensor, dims: number[], keepdim: boolean): number[] {
  return keepdim ? x._shape.map((s, i) => (dims.includes(i) ? 1 : s)) : x._shape.filter((_, i) => !dims.includes(i));
}

function reduceRaw(op: ReduceOp, x: Tensor, dims: number[], keepdim: boolean, outDtype: DType): Tensor {
  checkInterrupt();
  if (x.ndim === 0) return getKernel('reduce', x.device.type)(op, x.reshape([1]), [0], [], outDtype);
  return getKernel('reduce', x.device.type)(op, x, dims, outShapeOf(x, dims, keepdim), outDtype);
}

/** Broadcasts a reduced gradient back over the reduced dims. */
function expandBack(g: Tensor, x: Tensor, dims: number[], keepdim: boolean): Tensor {
  let r = g;
  if (!keepdim && x.ndim > 0) for (const d of dims) r = r.unsqueeze(d);
  return r.expand(x._shape);
}

const sumDtype = (x: Tensor, dtype?: DTypeLike | null) => toDType(dtype, x.dtype.is_floating_point ? x.dtype : int64);

/** Sum over all elements or `dim`. @example const loss = t.pow(2).sum(); t.sum(0, {keepdim: true}) */
export function sum(x: Tensor, ...args: unknown[]): Tensor {
  const { dim, keepdim, dtype } = parseArgs<{ dim: Dim; keepdim: boolean; dtype: DTypeLike | null }>('sum', args, ['dim', 'keepdim', 'dtype'], { keepdim: false });
  const dims = normDims(x, dim);
  const out = reduceRaw('sum', x, dims, keepdim, sumDtype(x, dtype));
  return record(out, dim == null ? 'SumBackward0' : 'SumBackward1', [x], (g) => [expandBack(g, x, dims, keepdim)]);
}

/** Mean over all elements or `dim`. */
export function mean(x: Tensor, ...args: unknown[]): Tensor {
  const { dim, keepdim, dtype } = parseArgs<{ dim: Dim; keepdim: boolean; dtype: DTypeLike | null }>('mean', args, ['dim', 'keepdim', 'dtype'], { keepdim: false });
  if (!x.dtype.is_floating_point && !dtype)
    throw new RuntimeError(`mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${scalarTypeName(x.dtype)}`);
  const dims = normDims(x, dim);
  const n = dims.reduce((a, d) => a * (x.ndim ? x._shape[d] : 1), 1);
  const s = reduceRaw('sum', x, dims, keepdim, toDType(dtype, x.dtype));
  const out = getKernel('binary', s.device.type)('div', s, n, s._shape, s.dtype);
  return record(out, dim == null ? 'MeanBackward0' : 'MeanBackward1', [x], (g) => [expandBack(g, x, dims, keepdim).div(n)]);
}

export function prod(x: Tensor, ...args: unknown[]): Tensor {
  const { dim, keepdim, dtype } = parseArgs<{ dim: number | null; keepdim: boolean; dtype: DTypeLike | null }>('prod', args, ['dim', 'keepdim', 'dtype'], { keepdim: false });
  const dims = normDims(x, dim);
  const out = reduceRaw('prod', x, dims, keepdim, sumDtype(x, dtype));
  return record(out, dim == null ? 'ProdBackward0' : 'ProdBackward1', [x], (g) => {
    // d(prod)/dx_i = prod_{j≠i} x_j, exact with zeros: with no zero in the group it is out/x_i;
    // with exactly one zero, only that entry gets the product of the others; with more, all 0.
    const xs = x.detach();
    const all = dims.length === x.ndim ? null : dims;
    // (picked with where, not masked by multiplying: inf * 0 would be NaN)
    if (all && xs.device.type === 'cpu') {
      const exact = exactOthers(xs, dims);
      if (exact) return [expandBack(g, x, dims, keepdim).mul(exact)];
    }
    const isZero = xs.eq(0);
    const zeros = isZero.to(xs.dtype).sum(all, { keepdim: true });
    const nonzeroProd = reduceRaw('prod', xs.where(isZero.logical_not(), 1), dims, true, xs.dtype);
    const noZero = nonzeroProd.div(xs.where(isZero.logical_not(), 1));
    const others = noZero.where(zeros.eq(0), nonzeroProd.expand(x._shape).where(zeros.eq(1).logical_and(isZero), 0));
    return [expandBack(g, x, dims, keepdim).mul(others)];
  });
}

/**
 * prod(dim)'s gradient on the CPU when the tensor holds a zero: the product of the other
 * elements of each group, from prefix and suffix products (PyTorch's prod_safe_zeros_backward),
 * exact where out / x is NaN or overflows. Null when there is no zero (PyTorch then uses out / x).
 */
function exactOthers(xs: Tensor, dims: number[]): Tensor | null {
  const rest = xs._shape.map((_, d) => d).filter((d) => !dims.includes(d));
  const perm = [...rest, ...dims];
  const xp = xs.permute(perm);
  const X = xp._cpuContiguous();
  if (!X.some((v: number) => v === 0)) return null;
  const K = dims.reduce((a, d) => a * xs._shape[d], 1);
  const M = K ? X.length / K : 0;
  const out = Tensor._empty(xp._shape, xs.dtype, xs.device);
  const O = out._storage.data!;
  for (let m = 0; m < M; m++) {
    const base = m * K;
    let left = 1;
    for (let k = 0; k < K; k++) {
      O[base + k] = left;
      left *= X[base + k];
    }
    let right = 1;
    for (let k = K - 1; k >= 0; k--) {
      O[base + k] *= right;
      right *= X[base + k];
    }
  }
  const inverse = perm.map((_, i) => perm.indexOf(i));
  return out.permute(inverse);
}

/** A `(values, indices)` pair: destructures as `[values, indices]` and has `.values` / `.indices`. */
export class ReturnTypes {
  readonly 0: Tensor;
  readonly 1: Tensor;
  readonly length = 2;
  constructor(readonly kind: string, values: Tensor, indices: Tensor) {
    this[0] = values;
    this[1] = indices;
  }
  get values(): Tensor {
    return this[0];
  }
  get indices(): Tensor {
    return this[1];
  }
  *[Symbol.iterator](): IterableIterator<Tensor> {
    yield this[0];
    yield this[1];
  }
  toString(): string {
    return `torch.return_types.${this.kind}(\nvalues=${this[0]},\nindices=${this[1]})`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/**
 * A max/min/argmax-style reduction over an empty dim has no answer: PyTorch's errors (these gave NaN
 * values and index 0, silently). `dims` null: every dim, which needs a non-empty input.
 */
function checkReducible(op: string, x: Tensor, dims: number[] | null, Err: typeof RuntimeError = RuntimeError): void {
  if (dims === null) {
    if (x.numel() === 0) throw new Err(`${op}(): Expected reduction dim to be specified for input.numel() == 0.${Err === RuntimeError ? " Specify the reduction dim with the 'dim' argument." : ''}`);
    return;
  }
  for (const d of dims) if (x.ndim && x._shape[d] === 0) throw new IndexError(`${op}(): Expected reduction dim ${d} to have non-zero size.`);
}

function minmax(op: 'max' | 'min', x: Tensor, args: unknown[]): Tensor | ReturnTypes {
  if (args.length && args[0] instanceof Tensor) return op === 'max' ? x.maximum(args[0]) : x.minimum(args[0]);
  const { dim, keepdim } = parseArgs<{ dim: number | null; keepdim: boolean }>(op, args, ['dim', 'keepdim'], { keepdim: false, dim: null });
  if (dim === null) {
    return amaxmin(op === 'max' ? 'amax' : 'amin', x, null, false, op === 'max' ? 'MaxBackward1' : 'MinBackward1');
  }
  const d = normDim(dim, x.ndim);
  checkReducible(op, x, [d]);
  if (x.ndim === 0) return new ReturnTypes(op, x.clone(), x.new_zeros([], { dtype: int64 }));
  const [values, indices] = getKernel('reduce_with_indices', x.device.type)(op, x, d, outShapeOf(x, [d], keepdim)) as [Tensor, Tensor];
  if (needsGrad(x))
    record(values, op === 'max' ? 'MaxBackward0' : 'MinBackward0', [x], (g) => {
      const idx = keepdim ? indices : indices.unsqueeze(d);
      const gg = keepdim ? g : g.unsqueeze(d);
      const shape = x._shape.map((_, i) => (i === d ? x._shape[d] : 1));
      const pos = arange(x._shape[d], { device: x.device }).reshape(shape);
      return [pos.eq(idx).to(g.dtype).mul(gg)];
    });
  return new ReturnTypes(op, values, indices);
}

function amaxmin(op: 'amax' | 'amin', x: Tensor, dim: Dim, keepdim: boolean, name = op === 'amax' ? 'AmaxBackward0' : 'AminBackward0'): Tensor {
  const dims = normDims(x, dim);
  if (name.endsWith('1')) checkReducible(name.startsWith('Max') ? 'max' : 'min', x, null);
  else checkReducible(op, x, dim === null || dim === undefined || (Array.isArray(dim) && !dim.length) ? null : dims);
  const out = reduceRaw(op, x, dims, keepdim, x.dtype);
  return record(out, name, [x], (g) => {
    // ties share the gradient evenly, as PyTorch; max()/min() of everything that is NaN share it
    // among the NaNs (PyTorch's evenly_distribute_backward)
    const o = expandBack(out.detach(), x, dims, keepdim);
    let m = x.eq(o);
    if (name.endsWith('1')) m = m.logical_or(x.isnan().logical_and(o.isnan()));
    const mask = m.to(g.dtype);
    const count = mask.sum(dims.length === x.ndim ? null : dims, { keepdim: true });
    return [expandBack(g, x, dims, keepdim).mul(mask).div(count)];
  });
}

function argmaxmin(op: 'argmax' | 'argmin', x: Tensor, args: unknown[]): Tensor {
  const { dim, keepdim } = parseArgs<{ dim: number | null; keepdim: boolean }>(op, args, ['dim', 'keepdim'], { keepdim: false, dim: null });
  if (x.dtype.name === 'bool') throw new RuntimeError(`"${op}_cpu" not implemented for 'Bool'`);
  checkReducible(op, x, dim === null ? null : [normDim(dim, x.ndim)], IndexError);
  if (dim === null) {
    const flat = x.reshape([-1]);
    const r = reduceRaw(op, flat, [0], false, int64);
    return keepdim ? r.reshape(x._shape.map(() => 1)) : r;
  }
  return reduceRaw(op, x, [normDim(dim, x.ndim)], keepdim, int64);
}

/** x - mean(x) over dims, recorded (double backward goes through it). */
function centered(x: Tensor, dims: number[]): Tensor {
  return x.sub(x.mean(dims.length ? dims : null, { keepdim: true }));
}

function variance(x: Tensor, args: unknown[], fn: 'var' | 'std'): { out: Tensor; wide: Tensor; dims: number[]; keepdim: boolean; denom: number } {
  const { dim, unbiased, correction, keepdim } = parseArgs<{ dim: Dim; unbiased: boolean | null; correction: number | null; keepdim: boolean }>(fn, args, ['dim', 'unbiased', 'keepdim', 'correction'], { keepdim: false, unbiased: null, correction: null });
  let dm = dim, ub = unbiased;
  if (typeof dm === 'boolean') {
    ub = dm;
    dm = null;
  }
  const c = correction ?? (ub === false ? 0 : 1);
  const dims = normDims(x, dm);
  const n = dims.reduce((a, d) => a * (x.ndim ? x._shape[d] : 1), 1);
  const d = dims.length ? dims : null;
  // On the CPU float32 is accumulated in float64, as PyTorch does (squares of values above
  // ~1.8e19 would overflow float32); WebGPU has no float64.
  const wide = x.dtype.name === 'float32' && x.device.type === 'cpu';
  const xs = wide ? x.detach().double() : x.detach();
  const diff = xs.sub(xs.mean(d, { keepdim: true }));
  const out = diff.mul(diff).sum(d, { keepdim }).div(Math.max(0, n - c));
  return { out: wide ? out.float() : out, wide: out, dims, keepdim, denom: Math.max(0, n - c) };
}

/** Variance with Bessel's correction by default (`{correction: 0}` or `{unbiased: false}` for the population form). */
export function var_(x: Tensor, ...args: unknown[]): Tensor {
  const v = variance(x, args, 'var');
  // PyTorch's closed form 2 (x - mean) / (n - c): the mean's own gradient is zero in exact
  // arithmetic, and differentiating through it turns an inf in the group into NaN everywhere.
  return record(v.out, 'VarBackward0', [x], (g) => [expandBack(g, x, v.dims, v.keepdim).mul(centered(x, v.dims).mul(2 / v.denom))]);
}

export function std(x: Tensor, ...args: unknown[]): Tensor {
  const v = variance(x, args, 'std');
  // the root is taken before narrowing: a variance above float32's range can have a std within it
  const out = v.wide.sqrt().to(x.dtype);
  return record(out, 'StdBackward0', [x], (g) => {
    // PyTorch: no gradient where the std is 0 (instead of 0 / 0)
    const o = out.detach();
    // `eq`, not `ne`, for the mask: WGSL may answer NaN != 0 with false (see linalg's vector_norm)
    const gv = g.div(o.mul(2)).masked_fill(o.eq(0), 0);
    return [expandBack(gv, x, v.dims, v.keepdim).mul(centered(x, v.dims).mul(2 / v.denom))];
  });
}

export function logsumexp(x: Tensor, dim: number | number[], keepdim = false): Tensor {
  const dims = normDims(x, dim);
  const m = x.detach().amax(dims, true);
  const safe = m.where(m.isfinite(), 0);
  const r = x.sub(safe).exp().sum(dims, { keepdim: true }).log().add(safe);
  return keepdim ? r : r.squeeze(dims);
}

/** `torch.norm` / `linalg.vector_norm`: the p-norm (2 by default) over all elements or dim. */
export function norm(x: Tensor, p: number | 'fro' = 2, dim: Dim = null, keepdim = false): Tensor {
  const pp = p === 'fro' ? 2 : p;
  if (pp === Infinity) return x.abs().amax(dim ?? null, keepdim);
  if (pp === 1) return x.abs().sum(dim ?? null, { keepdim });
  if (pp === 2) return x.mul(x).sum(dim ?? null, { keepdim }).sqrt();
  return x.abs().pow(pp).sum(dim ?? null, { keepdim }).pow(1 / pp);
}

declare module '../tensor' {
  interface Tensor {
    /** Sum of all elements, or over `dim`. @example t.sum(), t.sum(0), t.sum([0, 1], {keepdim: true}) */
    sum(dim?: number | number[] | null | { dim?: number | number[]; keepdim?: boolean; dtype?: DTypeLike }, opts?: { keepdim?: boolean; dtype?: DTypeLike } | boolean): Tensor;
    mean(dim?: number | number[] | null | { dim?: number | number[]; keepdim?: boolean }, opts?: { keepdim?: boolean; dtype?: DTypeLike } | boolean): Tensor;
    prod(dim?: number | null, opts?: { keepdim?: boolean; dtype?: DTypeLike } | boolean): Tensor;
    /** Max of all elements; with `dim`, a `[values, indices]` pair; with a tensor, the elementwise maximum. */
    max(): Tensor;
    max(other: Tensor): Tensor;
    max(dim: number, opts?: { keepdim?: boolean } | boolean): ReturnTypes;
    max(opts: { dim: number; keepdim?: boolean }): ReturnTypes;
    min(): Tensor;
    min(other: Tensor): Tensor;
    min(dim: number, opts?: { keepdim?: boolean } | boolean): ReturnTypes;
    min(opts: { dim: number; keepdim?: boolean }): ReturnTypes;
    amax(dim?: number | number[] | null | { dim?: number | number[] | null; keepdim?: boolean }, keepdim?: boolean | { keepdim?: boolean }): Tensor;
    amin(dim?: number | number[] | null | { dim?: number | number[] | null; keepdim?: boolean }, keepdim?: boolean | { keepdim?: boolean }): Tensor;
    argmax(dim?: number | null | { dim?: number | null; keepdim?: boolean }, opts?: { keepdim?: boolean } | boolean): Tensor;
    argmin(dim?: number | null | { dim?: number | null; keepdim?: boolean }, opts?: { keepdim?: boolean } | boolean): Tensor;
    /** Variance (unbiased by default). @example t.var(0), t.var({correction: 0}) */
    var(dim?: number | number[] | null | boolean | { dim?: number | number[]; correction?: number; unbiased?: boolean; keepdim?: boolean }, ...rest: unknown[]): Tensor;
    std(dim?: number | number[] | null | boolean | { dim?: number | number[]; correction?: number; unbiased?: boolean; keepdim?: boolean }, ...rest: unknown[]): Tensor;
    all(dim?: number | null, keepdim?: boolean): Tensor;
    any(dim?: number | null, keepdim?: boolean): Tensor;
    logsumexp(dim: number | number[], keepdim?: boolean): Tensor;
    norm(p?: number | 'fro' | NormOptions, dim?: number | number[] | null | NormOptions, keepdim?: boolean | NormOptions): Tensor;
  }
}

type NormOptions = { p?: number | 'fro'; dim?: number | number[] | null; keepdim?: boolean; dtype?: DTypeLike };
const kd = (args: unknown[]) => (args.length === 2 && typeof args[1] === 'boolean' ? [args[0], { keepdim: args[1] }] : args);
const P = Tensor.prototype;
P.sum = function (...a: unknown[]) { return sum(this, ...kd(a)); };
P.mean = function (...a: unknown[]) { return mean(this, ...kd(a)); };
P.prod = function (...a: unknown[]) { return prod(this, ...kd(a)); };
P.max = function (this: Tensor, ...a: unknown[]) { return minmax('max', this, kd(a)) as any; } as any;
P.min = function (this: Tensor, ...a: unknown[]) { return minmax('min', this, kd(a)) as any; } as any;
P.amax = function (dim = null, keepdim = false) { return amaxmin('amax', this, dim as Dim, keepdim as boolean); };
P.amin = function (dim = null, keepdim = false) { return amaxmin('amin', this, dim as Dim, keepdim as boolean); };
P.argmax = function (...a: unknown[]) { return argmaxmin('argmax', this, kd(a)); };
P.argmin = function (...a: unknown[]) { return argmaxmin('argmin', this, kd(a)); };
P.var = function (...a: unknown[]) { return var_(this, ...a); };
P.std = function (...a: unknown[]) { return std(this, ...a); };
P.all = function (dim = null, keepdim = false) { return reduceRaw('all', this, normDims(this, dim), keepdim, bool); };
P.any = function (dim = null, keepdim = false) { return reduceRaw('any', this, normDims(this, dim), keepdim, bool); };
P.logsumexp = function (dim, keepdim = false) { return logsumexp(this, dim, keepdim); };
P.norm = function (p = 2, dim = null, keepdim = false) { return norm(this, p as number, dim as Dim, keepdim as boolean); };

export { state };
