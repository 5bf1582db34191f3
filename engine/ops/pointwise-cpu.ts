// CPU loops for the pointwise ops that have no line in backend/elementwise-spec.ts (lgamma,
// digamma, gcd, the bitwise ops, nextafter, …): the values come from JS's float64 Math and are
// rounded once into the output's dtype, so they agree with PyTorch's float32 kernels to the last
// bit or one ulp. On another device the op either runs a composition of public ops (given by the
// caller) or says it has a CPU kernel only. No autograd here: the callers record PyTorch's nodes.
import { RuntimeError } from '../errors';
import { bool, resultType, scalarTypeName, type DType } from '../dtype';
import { broadcastShapes } from '../size';
import { state } from '../state';
import { Tensor, type TensorOrScalar } from '../tensor';
import { requireCpu } from './lanes';
import { checkInterrupt } from './util';

type TS = TensorOrScalar;

/** `fn` on every element of `x` (CPU), written into a new tensor of `dtype`. */
export function mapUnaryCpu(op: string, x: Tensor, dtype: DType, fn: (v: number) => number): Tensor {
  requireCpu(op, x);
  checkInterrupt();
  const src = x.detach()._cpuContiguous();
  const out = Tensor._empty(x._shape, dtype);
  const o = out._storage.data!;
  for (let i = 0; i < src.length; i++) o[i] = fn(src[i]);
  return out;
}

/** The dtype `a op b` promotes to (PyTorch's result_type). */
export const promoted = (a: TS, b: TS): DType => resultType([a, b], state.defaultDtype);

/** `fn` on every broadcast pair of `a` and `b` (CPU), written into a new tensor of `dtype`. */
export function mapBinaryCpu(op: string, a: TS, b: TS, dtype: DType, fn: (x: number, y: number) => number): Tensor {
  for (const t of [a, b]) if (t instanceof Tensor) requireCpu(op, t);
  checkInterrupt();
  const sa = a instanceof Tensor ? a._shape : [], sb = b instanceof Tensor ? b._shape : [];
  const shape = broadcastShapes(sa, sb);
  const flat = (v: TS): ((i: number) => number) => {
    if (!(v instanceof Tensor)) { const n = Number(v); return () => n; }
    const d = v.detach().expand(shape)._cpuContiguous();
    return (i) => d[i];
  };
  const fa = flat(a), fb = flat(b);
  const out = Tensor._empty(shape, dtype);
  const o = out._storage.data!;
  for (let i = 0; i < o.length; i++) o[i] = fn(fa(i), fb(i));
  return out;
}

/** PyTorch's error for a kernel that has no loop for a dtype (`"gcd_cpu" not implemented for 'Float'`). */
export function notImplementedFor(op: string, dtype: DType): never {
  throw new RuntimeError(`"${op}_cpu" not implemented for '${scalarTypeName(dtype)}'`);
}

/** Integral (or bool) dtypes only, as PyTorch's integer kernels. */
export function requireIntegral(op: string, dtype: DType, allowBool = true): void {
  if (dtype.is_floating_point || (!allowBool && dtype === bool)) notImplementedFor(op, dtype);
}

const pyType = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : typeof v === 'boolean' ? 'bool' : v === null || v === undefined ? 'NoneType' : typeof v);
/** PyTorch's TypeError for an op whose `other` must be a tensor (`torch.fmax(x, 2.5)`; a number there was once cast to x's dtype). */
export function requireTensorOther(op: string, other: unknown): void {
  if (!(other instanceof Tensor)) throw new TypeError(`${op}(): argument 'other' (position 2) must be Tensor, not ${pyType(other)}`);
}
