// clamp/clip and clamp_min/clamp_max, with numbers or tensors as bounds. PyTorch's nodes:
// ClampBackward1 (number bounds), ClampBackward0 (tensor bounds: the bounds get gradients too,
// where they win), ClampMinBackward0/1 and ClampMaxBackward0/1.
import { RuntimeError } from '../errors';
import { needsGrad, record } from '../autograd';
import { parseArgs } from '../args';
import { Tensor, type TensorOrScalar } from '../tensor';
import { inplace } from './inplace';
import { binaryRaw } from './raw';
import { canCast, scalarTypeName } from '../dtype';
import { sumToShape } from './util';

type Bound = number | Tensor | null;
const isT = (b: Bound): b is Tensor => b instanceof Tensor;
const zero = (g: Tensor, keep: Tensor) => g.mul(keep.to(g.dtype));
const on = (g: Tensor, t: Tensor, keep: Tensor) => sumToShape(zero(g, keep), t._shape);

/** `torch.clamp(x, min, max)` (either bound may be null; numbers or tensors). @example torch.clamp(x, -1, 1) */
export function clamp(x: Tensor, ...args: unknown[]): Tensor {
  const { min, max } = parseArgs<{ min: Bound; max: Bound }>('clamp', args, ['min', 'max'], { min: null, max: null });
  if (min === null && max === null) throw new RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  let out = x.detach();
  if (min !== null) out = binaryRaw('maximum', out, min);
  if (max !== null) out = binaryRaw('minimum', out, max);
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
  const { [side]: b } = parseArgs<Record<string, Bound>>(fn, args, [side], {});
  if (b === undefined || b === null) throw new TypeError(`${fn}() missing 1 required positional argument: '${side}'`);
  const out = binaryRaw(side === 'min' ? 'maximum' : 'minimum', x.detach(), b);
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
