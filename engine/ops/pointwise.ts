// Pointwise ops composed of the elementwise kernels (so every backend runs them): lerp, log10,
// addcmul, addcdiv, frac, floor_divide. Each output gets PyTorch's grad_fn name.
import { record } from '../autograd';
import { parseArgs } from '../args';
import { resultType as promotedType, scalarTypeName, type DType } from '../dtype';
import { RuntimeError } from '../errors';
import { state } from '../state';
import { Tensor, type TensorOrScalar } from '../tensor';
import { add, div, mul, sub, where } from './elementwise';
import { inplace } from './inplace';
import { sumToShape } from './util';

type TS = TensorOrScalar;
/** C++ type names as PyTorch's dtype messages print them. */
const CPP: Record<string, string> = { int64: 'long int', int32: 'int', int16: 'short int', int8: 'signed char', uint8: 'unsigned char', bool: 'bool', float32: 'float', float64: 'double' };

const named = (t: Tensor, name: string): Tensor => {
  if (t.grad_fn) t.grad_fn._name = name;
  return t;
};

/**
 * `start + weight·(end − start)` (weight a number or a tensor), computed as PyTorch does:
 * from `end` when weight ≥ 0.5, so `lerp(a, b, 1)` is exactly `b`.
 * @example torch.lerp(a, b, 0.25)
 */
export function lerp(start: Tensor, end: Tensor, weight: TS): Tensor {
  // PyTorch's lerp meta checks, then its kernels' dtypes (floating only): no promotion
  if (end.dtype !== start.dtype) throw new RuntimeError(`expected dtype ${CPP[start.dtype.name]} for \`end\` but got dtype ${CPP[end.dtype.name]}`);
  if (weight instanceof Tensor && weight.dtype !== start.dtype) throw new RuntimeError(`expected dtype ${CPP[start.dtype.name]} for \`weight\` but got dtype ${CPP[weight.dtype.name]}`);
  if (!start.dtype.is_floating_point) throw new RuntimeError(`"lerp_kernel_${weight instanceof Tensor ? 'tensor' : 'scalar'}" not implemented for '${scalarTypeName(start.dtype)}'`);
  const diff = sub(end, start);
  let r: Tensor;
  if (weight instanceof Tensor) r = where(weight.abs().lt(0.5), add(start, mul(weight, diff)), sub(end, mul(diff, sub(1, weight))));
  else r = Number(weight) < 0.5 ? add(start, mul(diff, weight)) : sub(end, mul(diff, 1 - Number(weight)));
  return named(r, 'LerpBackward' + (weight instanceof Tensor ? '1' : '0'));
}

// In place as PyTorch's kernel (from `end` when weight >= 0.5: `a.lerp_(b, 1)` is exactly `b`; the
// composite `a + (b - a)·w` it was differed in the last bits there), LerpBackward0/1.
(Tensor.prototype as unknown as Record<string, (this: Tensor, end: Tensor, w: TS) => Tensor>).lerp_ = function (end, w) {
  return inplace(this, (old) => lerp(old, end, w), undefined, [end, w]);
};

/** Base-10 logarithm. @example torch.log10(torch.tensor([100.])) // tensor([2.]) */
export function log10(x: Tensor): Tensor {
  const out = x.detach().log().div(Math.LN10);
  return record(out, 'Log10Backward0', [x], (g) => [g.div(x.mul(Math.LN10))]);
}

/** `input + value·t1·t2`. @example torch.addcmul(x, a, b, { value: 0.5 }) */
export function addcmul(input: Tensor, t1: Tensor, t2: Tensor, ...args: unknown[]): Tensor {
  const { value } = parseArgs<{ value: number }>('addcmul', args, ['value'], { value: 1 });
  return named(add(input, value === 1 ? mul(t1, t2) : mul(mul(t1, t2), value)), 'AddcmulBackward0');
}
/** `input + value·t1/t2`. @example torch.addcdiv(x, a, b, { value: -0.1 }) */
export function addcdiv(input: Tensor, t1: Tensor, t2: Tensor, ...args: unknown[]): Tensor {
  const { value } = parseArgs<{ value: number }>('addcdiv', args, ['value'], { value: 1 });
  if (!t1.dtype.is_floating_point && !t2.dtype.is_floating_point)
    throw Object.assign(new Error('Integer division with addcdiv is no longer supported, and in a future release addcdiv will perform a true division of tensor1 and tensor2. The historic addcdiv behavior can be implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as (input + value * tensor1 / tensor2) for float inputs. The future addcdiv behavior is just the latter implementation: (input + value * tensor1 / tensor2), for all dtypes.'), { name: 'RuntimeError' });
  return named(add(input, value === 1 ? div(t1, t2) : mul(div(t1, t2), value)), 'AddcdivBackward0');
}

/** The fractional part, `x − trunc(x)` (keeps the sign). @example torch.frac(torch.tensor([-1.5])) // tensor([-0.5000]) */
export function frac(x: Tensor): Tensor {
  const out = x.detach().sub(x.detach().trunc());
  return record(out, 'FracBackward0', [x], (g) => [g]);
}

/** PyTorch's result type of `a` and `b`: a 0-d tensor does not widen a dimensioned one (int32 // tensor(2) is int32). */
function resultType(a: TS, b: TS): DType | null {
  if (!(a instanceof Tensor) && !(b instanceof Tensor)) return null;
  return promotedType([a as Tensor | number, b as Tensor | number], state.defaultDtype);
}

/**
 * `a // b`: division rounded toward −∞, as Python's `//` (integers stay integers).
 * @example torch.floor_divide(torch.tensor([7, -7]), 2) // tensor([ 3, -4])
 */
export function floor_divide(a: TS, b: TS): Tensor {
  const dt = resultType(a, b);
  let r = div(a, b, { rounding_mode: 'floor' });
  if (dt && !dt.is_floating_point && r.dtype !== dt) r = r.to(dt);
  if (r.grad_fn) {
    const ins = [a, b].filter((v): v is Tensor => v instanceof Tensor);
    const zero = (t: Tensor, g: Tensor) => sumToShape(g.mul(0), t._shape);
    r.grad_fn = null;
    r._requires_grad = false;
    record(r, 'FloorDivideBackward0', ins, (g) => ins.map((t) => zero(t, g)));
  }
  return r;
}

declare module '../tensor' {
  interface Tensor {
    /** `this + weight·(end − this)`. @example a.lerp(b, 0.5) */
    lerp(end: Tensor, weight: TensorOrScalar): Tensor;
    log10(): Tensor;
    addcmul(t1: Tensor, t2: Tensor, opts?: { value?: number }): Tensor;
    addcdiv(t1: Tensor, t2: Tensor, opts?: { value?: number }): Tensor;
    frac(): Tensor;
    /** `this // other`. */
    floor_divide(other: TensorOrScalar): Tensor;
    floor_divide_(other: TensorOrScalar): Tensor;
    log10_(): Tensor;
    frac_(): Tensor;
  }
}
const P = Tensor.prototype;
P.lerp = function (e, w) { return lerp(this, e, w); };
P.log10 = function () { return log10(this); };
P.addcmul = function (a, b, o) { return addcmul(this, a, b, ...(o ? [o] : [])); };
P.addcdiv = function (a, b, o) { return addcdiv(this, a, b, ...(o ? [o] : [])); };
P.frac = function () { return frac(this); };
P.floor_divide = function (o) { return floor_divide(this, o); };
P.floor_divide_ = function (o) { return this.copy_(floor_divide(this, o)); };
P.log10_ = function () { return this.copy_(log10(this)); };
P.frac_ = function () { return this.copy_(frac(this)); };
