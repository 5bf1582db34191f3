// torch.* function forms of the reductions (torch.max(x, 1), torch.argmax, torch.var, …),
// var_mean/std_mean, nansum, and the comparisons that answer one question (equal, allclose,
// isclose). The Tensor methods live in ops/reduce.ts; these forward to them.
import { RuntimeError } from '../errors';
import { parseArgs } from '../args';
import type { DTypeLike } from '../dtype';
import { Tensor } from '../tensor';
import { ReturnTypes, std as stdFn, var_ } from './reduce';

type Dim = number | number[] | null;

/**
 * `torch.max(x)` (all elements), `torch.max(x, dim, keepdim?)` (a `(values, indices)` pair that
 * destructures as `[values, indices]`), or `torch.max(a, b)` (elementwise, as `maximum`).
 * @example const [values, indices] = torch.max(logits, 1)
 */
export function max(x: Tensor): Tensor;
export function max(x: Tensor, other: Tensor): Tensor;
export function max(x: Tensor, dim: number | { dim: number; keepdim?: boolean }, keepdim?: boolean | { keepdim?: boolean }): ReturnTypes;
export function max(x: Tensor, ...args: unknown[]): Tensor | ReturnTypes {
  return (x.max as (...a: unknown[]) => Tensor | ReturnTypes)(...args);
}
/** `torch.min`: as `torch.max`, for the minimum. @example torch.min(x, 0).indices */
export function min(x: Tensor): Tensor;
export function min(x: Tensor, other: Tensor): Tensor;
export function min(x: Tensor, dim: number | { dim: number; keepdim?: boolean }, keepdim?: boolean | { keepdim?: boolean }): ReturnTypes;
export function min(x: Tensor, ...args: unknown[]): Tensor | ReturnTypes {
  return (x.min as (...a: unknown[]) => Tensor | ReturnTypes)(...args);
}
/** Index of the largest element (of the flattened tensor, or along `dim`). @example torch.argmax(logits, 1) */
export const argmax = (x: Tensor, ...args: unknown[]): Tensor => (x.argmax as (...a: unknown[]) => Tensor)(...args);
/** Index of the smallest element. */
export const argmin = (x: Tensor, ...args: unknown[]): Tensor => (x.argmin as (...a: unknown[]) => Tensor)(...args);
/** Largest value over `dim` (every dim by default); ties share the gradient. @example torch.amax(x, [0, 1]) */
export const amax = (x: Tensor, ...args: unknown[]): Tensor => (x.amax as (...a: unknown[]) => Tensor)(...args);
/** Smallest value over `dim`. */
export const amin = (x: Tensor, ...args: unknown[]): Tensor => (x.amin as (...a: unknown[]) => Tensor)(...args);
/** Whether every element is non-zero (bool), overall or along `dim`. @example torch.all(mask, 1) */
export const all = (x: Tensor, ...args: unknown[]): Tensor => (x.all as (...a: unknown[]) => Tensor)(...args);
/** Whether any element is non-zero (bool). */
export const any = (x: Tensor, ...args: unknown[]): Tensor => (x.any as (...a: unknown[]) => Tensor)(...args);
export { var_ as var };

function meanArgs(args: unknown[]): { dim: Dim; keepdim: boolean } {
  const r = parseArgs<{ dim: Dim | boolean; unbiased: boolean | null; keepdim: boolean; correction: number | null }>('var_mean', args, ['dim', 'unbiased', 'keepdim', 'correction'], { dim: null, keepdim: false });
  return { dim: typeof r.dim === 'boolean' ? null : r.dim, keepdim: r.keepdim };
}

/** `[variance, mean]` in one call (unbiased by default, `{correction: 0}` for the population form). @example const [v, m] = torch.var_mean(x, 0) */
export function var_mean(x: Tensor, ...args: unknown[]): [Tensor, Tensor] {
  const { dim, keepdim } = meanArgs(args);
  const v = var_(x, ...args);
  const m = x.mean(dim, { keepdim });
  for (const t of [v, m]) if (t.grad_fn) t.grad_fn._name = 'VarMeanBackward0';
  return [v, m];
}
/** `[std, mean]` in one call. @example const [s, m] = torch.std_mean(x, { dim: 0 }) */
export function std_mean(x: Tensor, ...args: unknown[]): [Tensor, Tensor] {
  const { dim, keepdim } = meanArgs(args);
  const s = stdFn(x, ...args);
  const m = x.mean(dim, { keepdim });
  for (const t of [s, m]) if (t.grad_fn) t.grad_fn._name = 'StdMeanBackward0';
  return [s, m];
}

/** Sum treating NaN as zero. @example torch.nansum(torch.tensor([1, NaN, 2])) // tensor(3.) */
export function nansum(x: Tensor, ...args: unknown[]): Tensor {
  const { dim, keepdim, dtype } = parseArgs<{ dim: Dim; keepdim: boolean; dtype: DTypeLike | null }>('nansum', args, ['dim', 'keepdim', 'dtype'], { dim: null, keepdim: false, dtype: null });
  const r = x.where(x.isnan().logical_not(), 0).sum(dim, { keepdim, dtype: dtype ?? undefined });
  if (r.grad_fn) r.grad_fn._name = 'NansumBackward0';
  return r;
}

/**
 * Elementwise `|a - b| <= atol + rtol·|b|` (bool), with infinities equal to themselves and NaN
 * equal to NaN only with `{equal_nan: true}`.
 * @example torch.isclose(a, b, { atol: 1e-6 })
 */
export function isclose(a: Tensor, b: Tensor | number, ...args: unknown[]): Tensor {
  const { rtol, atol, equal_nan } = parseArgs<{ rtol: number; atol: number; equal_nan: boolean }>('isclose', args, ['rtol', 'atol', 'equal_nan'], { rtol: 1e-5, atol: 1e-8, equal_nan: false });
  if (b instanceof Tensor && a.dtype !== b.dtype)
    throw Object.assign(new Error(`${SCALAR_NAME[a.dtype.name]} did not match ${SCALAR_NAME[b.dtype.name]}`), { name: 'RuntimeError' });
  const A = a.detach(), B = b instanceof Tensor ? b.detach() : b;
  const fin = A.isfinite().logical_and(B instanceof Tensor ? B.isfinite() : Number.isFinite(B));
  const near = A.sub(B).abs().le((B instanceof Tensor ? B.abs() : A.new_full([], Math.abs(B))).mul(rtol).add(atol));
  let r = A.eq(B).logical_or(fin.logical_and(near));
  if (equal_nan) r = r.logical_or(A.isnan().logical_and(B instanceof Tensor ? B.isnan() : Number.isNaN(B)));
  return r;
}

const SCALAR_NAME: Record<string, string> = { float32: 'Float', float64: 'Double', int64: 'Long', int32: 'Int', bool: 'Bool' };

function syncBool(op: string, t: Tensor): boolean {
  if (t.device.type !== 'cpu')
    throw new RuntimeError(`torch.${op}() returns a JS boolean, which needs a synchronous read of a ${t.device.type} tensor: use \`await torch.${op === 'equal' ? 'eq(a, b)' : 'isclose(a, b)'}.all().item()\` instead`);
  return Boolean(t.all().cpu_item());
}

/** Whether every element of `a` is close to `b`'s (a JS boolean; CPU tensors). @example torch.allclose(x, x.add(1e-7), { atol: 1e-6 }) */
export function allclose(a: Tensor, b: Tensor, ...args: unknown[]): boolean {
  return syncBool('allclose', isclose(a, b, ...args));
}
/** Whether two tensors have the same shape and elements (a JS boolean; CPU tensors). @example torch.equal(a, b) */
export function equal(a: Tensor, b: Tensor): boolean {
  if (a.ndim !== b.ndim || a._shape.some((s, i) => s !== b._shape[i])) return false;
  return syncBool('equal', a.detach().eq(b.detach()));
}

declare module '../tensor' {
  interface Tensor {
    nansum(dim?: number | number[] | null | { dim?: number | number[]; keepdim?: boolean; dtype?: DTypeLike }, opts?: { keepdim?: boolean; dtype?: DTypeLike } | boolean): Tensor;
    /** Elementwise closeness (bool). @example a.isclose(b) */
    isclose(other: Tensor | number, opts?: { rtol?: number; atol?: number; equal_nan?: boolean }): Tensor;
    /** Whether every element is close to `other`'s (CPU). */
    allclose(other: Tensor, opts?: { rtol?: number; atol?: number; equal_nan?: boolean }): boolean;
    /** Same shape and elements (CPU). */
    equal(other: Tensor): boolean;
    var_mean(...args: unknown[]): [Tensor, Tensor];
    std_mean(...args: unknown[]): [Tensor, Tensor];
  }
}
const P = Tensor.prototype;
P.nansum = function (...a: unknown[]) { return nansum(this, ...(a.length === 2 && typeof a[1] === 'boolean' ? [a[0], { keepdim: a[1] }] : a)); };
P.isclose = function (o, opts) { return isclose(this, o, ...(opts ? [opts] : [])); };
P.allclose = function (o, opts) { return allclose(this, o, ...(opts ? [opts] : [])); };
P.equal = function (o) { return equal(this, o); };
P.var_mean = function (...a: unknown[]) { return var_mean(this, ...a); };
P.std_mean = function (...a: unknown[]) { return std_mean(this, ...a); };

// amax/amin/all/any: PyTorch's keyword form too (`t.amax({dim: 1, keepdim: true})`, `t.all(1, {keepdim: true})`)
for (const name of ['amax', 'amin', 'all', 'any'] as const) {
  const positional = P[name] as (dim?: Dim, keepdim?: boolean) => Tensor;
  (P as unknown as Record<string, unknown>)[name] = function (this: Tensor, ...a: unknown[]) {
    const { dim, keepdim } = parseArgs<{ dim: Dim; keepdim: boolean }>(name, a, ['dim', 'keepdim'], { dim: null, keepdim: false });
    return positional.call(this, dim, !!keepdim);
  };
}
