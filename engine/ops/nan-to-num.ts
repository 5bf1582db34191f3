// nan_to_num: NaN and ±inf replaced by finite values (where() compositions: every backend).
import { record } from '../autograd';
import { parseArgs } from '../args';
import { float64 } from '../dtype';
import { Tensor } from '../tensor';
import { where } from './elementwise';
import { inplaceOf } from './inplace';

const F32_MAX = 3.4028234663852886e38;

/**
 * Replaces NaN with `nan` (0), +inf with `posinf` and −inf with `neginf` (the dtype's largest and
 * lowest finite values by default). The gradient passes where the input is finite.
 * @example torch.nan_to_num(torch.tensor([NaN, Infinity, -Infinity, 1.5]))
 */
export function nan_to_num(x: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ nan: number | null; posinf: number | null; neginf: number | null }>('nan_to_num', args, ['nan', 'posinf', 'neginf'], { nan: 0, posinf: null, neginf: null });
  if (!x.dtype.is_floating_point) return x.clone();
  const big = x.dtype === float64 ? Number.MAX_VALUE : F32_MAX;
  const d = x.detach();
  let out = where(d.isnan(), o.nan ?? 0, d);
  out = where(d.eq(Infinity), o.posinf ?? big, out);
  out = where(d.eq(-Infinity), o.neginf ?? -big, out);
  return record(out, 'NanToNumBackward0', [x], (g) => [where(x.isfinite(), g, 0)], [x]);
}

declare module '../tensor' {
  interface Tensor {
    /** NaN → `nan`, ±inf → `posinf`/`neginf`. @example t.nan_to_num({ nan: 0 }) */
    nan_to_num(nan?: number | { nan?: number; posinf?: number | null; neginf?: number | null }, posinf?: number | null, neginf?: number | null): Tensor;
    nan_to_num_(nan?: number | { nan?: number; posinf?: number | null; neginf?: number | null }, posinf?: number | null, neginf?: number | null): Tensor;
  }
}
const P = Tensor.prototype as unknown as Record<string, unknown>;
P.nan_to_num = function (this: Tensor, ...a: unknown[]) { return nan_to_num(this, ...a); };
P.nan_to_num_ = function (this: Tensor, ...a: unknown[]) { return inplaceOf(this, (t) => nan_to_num(t, ...a)); };
