// clamp/clip and clamp_min/clamp_max, with numbers or tensors as bounds. PyTorch's nodes:
// ClampBackward1 (number bounds), ClampBackward0 (tensor bounds: the bounds get gradients too,
// where they win), ClampMinBackward0/1 and ClampMaxBackward0/1.
import { RuntimeError } from '../errors';
import { needsGrad, record } from '../autograd';
import { parseArgs } from '../args';
import { Tensor, type TensorOrScalar } from '../tensor';
import { inplace } from './inplace';
import { binaryRaw } from './raw';
import { canCast, int64, resultType, scalarTypeName, uint8, type DType } from '../dtype';
import { sumToShape } from './util';
import { checkInt64Values, checkScalarFits } from './int-range';

type Bound = number | Tensor | null;
const isT = (b: Bound): b is Tensor => b instanceof Tensor;
const zero = (g: Tensor, keep: Tensor) => g.mul(keep.to(g.dtype));
const on = (g: Tensor, t: Tensor, keep: Tensor) => sumToShape(zero(g, keep), t._shape);

const I32 = 2 ** 31;

/**
 * A bound in the dtype clamp computes in, as PyTorch converts it first: a number by c10's checked
 * conversion (past an integer dtype's range, or a finite float32's, is its overflow error; uint8
 * takes −255…−1 as 1…255, so `uint8.clamp(-5, 100)` is all 100), a tensor by a cast (which wraps:
 * an int8 tensor clamped by `torch.tensor(200)` is clamped by −56). Floating results are untouched.
 */
function boundIn(b: Bound, dt: DType): Bound {
  if (b === null || (isT(b) ? dt.is_floating_point || b.dtype === dt : dt === int64)) return b;
  if (isT(b)) return b.detach().to(dt);
  checkScalarFits(b, dt);
  return dt === uint8 && b < 0 ? b + 256 : b;
}

/**
 * int64 number bounds past Torchlit's 32-bit int64 storage: equivalent bounds inside it where the
 * result fits (`clamp(max=2**40)` changes nothing), Torchlit's overflow error where it would not.
 */
function int64Bounds(min: Bound, max: Bound): [Bound, Bound] {
  const lo = typeof min === 'number' ? min : null, hi = typeof max === 'number' ? max : null;
  if (hi !== null && hi < -I32) checkInt64Values([hi], int64);
  if (lo !== null && lo >= I32 && (hi === null || hi >= I32)) checkInt64Values([Math.min(lo, hi ?? lo)], int64);
  const sat = (v: number) => Math.min(Math.max(v, -I32), I32 - 1);
  return [lo === null ? min : sat(lo), hi === null ? max : sat(hi)];
}

/** `torch.clamp(x, min, max)` (either bound may be null; numbers or tensors). @example torch.clamp(x, -1, 1) */
export function clamp(x: Tensor, ...args: unknown[]): Tensor {
  let { min, max } = parseArgs<{ min: Bound; max: Bound }>('clamp', args, ['min', 'max'], { min: null, max: null });
  if (min === null && max === null) throw new RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  const dt = resultType([x, ...[min, max].filter((b): b is number | Tensor => b !== null)]);
  if (dt === int64) [min, max] = int64Bounds(min, max);
  const [lo, hi] = [boundIn(min, dt), boundIn(max, dt)];
  let out = x.detach();
  if (lo !== null) out = binaryRaw('maximum', out, lo);
  if (hi !== null) out = binaryRaw('minimum', out, hi);
  if (!isT(min) && !isT(max)) {
    if (!needsGrad(x)) return out;
    return record(out, 'ClampBackward1', [x], (g) => {
      let m = binaryRaw('eq', x, x);
      if (min !== null) m = binaryRaw('logical_and', m, binaryRaw('ge', x, min));
      if (max !== null) m = binaryRaw('logical_and', m, binaryRaw('le', x, max));
      return [zero(g, m)];
    });
  }
  const ins = [x, min, max].filter(isT);
  if (!needsGrad(...ins)) return out;
  // PyTorch's clamp_backward_min_max: x where inside, min where x is below it (and min < max),
  // max where x is above it or the bounds cross
  return record(out, 'ClampBackward0', ins, (g) => {
    const res: Tensor[] = [];
    let inside = binaryRaw('eq', x, x);
    if (min !== null) inside = binaryRaw('logical_and', inside, binaryRaw('ge', x, min));
    if (max !== null) inside = binaryRaw('logical_and', inside, binaryRaw('le', x, max));
    res.push(on(g, x, inside));
    if (isT(min)) res.push(on(g, min, max === null ? binaryRaw('lt', x, min) : binaryRaw('logical_and', binaryRaw('lt', x, min), binaryRaw('lt', min, max))));
    if (isT(max)) res.push(on(g, max, min === null ? binaryRaw('gt', x, max) : binaryRaw('logical_or', binaryRaw('gt', x, max), binaryRaw('lt', max, min))));
    return res;
  }, ins);
}

function clampSide(side: 'min' | 'max', x: Tensor, args: unknown[]): Tensor {
  const fn = side === 'min' ? 'clamp_min' : 'clamp_max';
  const { [side]: given } = parseArgs<Record<string, Bound>>(fn, args, [side], {});
  if (given === undefined || given === null) throw new TypeError(`${fn}() missing 1 required positional argument: '${side}'`);
  const dt = resultType([x, given]);
  const b = (dt === int64 ? int64Bounds(side === 'min' ? given : null, side === 'max' ? given : null)[side === 'min' ? 0 : 1] : given) as number | Tensor;
  const out = binaryRaw(side === 'min' ? 'maximum' : 'minimum', x.detach(), boundIn(b, dt) as number | Tensor);
  const keep = (t: Tensor, bb: TensorOrScalar) => binaryRaw(side === 'min' ? 'ge' : 'le', t, bb);
  const N = side === 'min' ? 'ClampMin' : 'ClampMax';
  if (!isT(b)) return needsGrad(x) ? record(out, N + 'Backward0', [x], (g) => [zero(g, keep(x, b as TensorOrScalar))], [x]) : out;
  if (!needsGrad(x, b)) return out;
  return record(out, N + 'Backward1', [x, b], (g) => [on(g, x, keep(x, b)), on(g, b, binaryRaw(side === 'min' ? 'lt' : 'gt', x, b))], [x, b]);
}
/** `max(x, min)` elementwise: a lower bound only. @example torch.clamp_min(x, 0) */
export const clamp_min = (x: Tensor, ...args: unknown[]): Tensor => clampSide('min', x, args);
/** `min(x, max)` elementwise: an upper bound only. @example torch.clamp_max(x, 1) */
export const clamp_max = (x: Tensor, ...args: unknown[]): Tensor => clampSide('max', x, args);

/** `torch.clip`: the same as `torch.clamp`. @example torch.clip(torch.tensor([-2., 0.5, 3.]), -1, 1) */
export const clip = (x: Tensor, ...args: unknown[]): Tensor => clamp(x, ...args);

const CPP: Record<string, string> = { int64: 'long int', int32: 'int', int16: 'short int', int8: 'signed char', uint8: 'unsigned char', bool: 'bool', float32: 'float', float64: 'double' };
/** In place, refusing a float bound on an integer tensor with PyTorch's words (was a silent truncation). */
function inplaceClamp(self: Tensor, f: (t: Tensor) => Tensor, bounds: unknown[]): Tensor {
  const dt = f(self.detach()).dtype;
  if (!canCast(dt, self.dtype)) throw new RuntimeError(`result type ${scalarTypeName(dt)} can't be cast to the desired output type ${CPP[self.dtype.name]}`);
  return inplace(self, f, undefined, bounds.filter((b): b is Tensor => b instanceof Tensor));
}

declare module '../tensor' {
  interface Tensor {
    /** `t.clamp(min, max)` or `t.clamp({min})`; bounds are numbers or tensors. @example t.clamp(0, 1) */
    clamp(min?: number | Tensor | null | { min?: number | Tensor | null; max?: number | Tensor | null }, max?: number | Tensor | null): Tensor;
    clip(min?: number | Tensor | null | { min?: number | Tensor | null; max?: number | Tensor | null }, max?: number | Tensor | null): Tensor;
    clamp_(min?: number | Tensor | null | { min?: number | Tensor | null; max?: number | Tensor | null }, max?: number | Tensor | null): Tensor;
    clip_(min?: number | Tensor | null | { min?: number | Tensor | null; max?: number | Tensor | null }, max?: number | Tensor | null): Tensor;
    /** A lower bound only. @example t.clamp_min(0) */
    clamp_min(min: number | Tensor | { min: number | Tensor }): Tensor;
    clamp_min_(min: number | Tensor | { min: number | Tensor }): Tensor;
    /** An upper bound only. @example t.clamp_max(1) */
    clamp_max(max: number | Tensor | { max: number | Tensor }): Tensor;
    clamp_max_(max: number | Tensor | { max: number | Tensor }): Tensor;
  }
}
const P = Tensor.prototype as unknown as Record<string, (this: Tensor, ...a: unknown[]) => Tensor>;
P.clamp = function (...a) { return clamp(this, ...a); };
P.clip = P.clamp;
P.clamp_ = function (...a) { return inplaceClamp(this, (t) => clamp(t, ...a), a); };
P.clip_ = P.clamp_;
P.clamp_min = function (...a) { return clamp_min(this, ...a); };
P.clamp_max = function (...a) { return clamp_max(this, ...a); };
P.clamp_min_ = function (...a) { return inplaceClamp(this, (t) => clamp_min(t, ...a), a); };
P.clamp_max_ = function (...a) { return inplaceClamp(this, (t) => clamp_max(t, ...a), a); };
