// Integer semantics that PyTorch has and a 32-bit int64 storage would silently break:
// values outside ±2^31 (PyTorch's int64 holds them; Torchlit's Int32Array would wrap), and
// integer division by zero (PyTorch raises; a JS Int32Array would store 0).
// CPU only: a WebGPU tensor's values would need a readback (see docs/differences-from-pytorch.md).
import { RuntimeError, ZeroDivisionError } from '../errors';
import { int64 } from '../dtype';
import type { DType } from '../dtype';
import { Tensor, type TensorOrScalar } from '../tensor';

const MAX = 2 ** 31 - 1;
const MIN = -(2 ** 31);

function overflow(v: number): RuntimeError {
  return new RuntimeError(
    `value cannot be converted to type int64 without overflow: ${v} is outside Torchlit's int64 range [${MIN}, ${MAX}] (int64 is stored in 32 bits; use torch.float64 for larger values)`,
  );
}

/** Throws PyTorch-style when a value meant for an int64 tensor does not fit Torchlit's 32-bit storage. */
export function checkInt64Values(values: ArrayLike<number>, dtype: DType): void {
  if (dtype !== int64) return;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v > MAX || v < MIN) throw overflow(v);
  }
}

/** Integer dtypes besides int64: PyTorch's range check of a scalar (c10's checked_convert) and its C type name. */
const SCALAR_LIMITS: Record<string, [number, number, string]> = {
  int32: [MIN, MAX, 'int'], int16: [-32768, 32767, 'int16_t'], int8: [-128, 127, 'int8_t'], uint8: [-255, 255, 'uint8_t'],
};

/**
 * A number written into an integer tensor (`fill_`, `torch.full`, `t[i] = v`, `masked_fill`) must fit
 * its dtype, as PyTorch checks: `int32_t.fill_(2**40)` and NaN are its overflow error (they stored 0,
 * silently), as is a finite float32 value past its range (1e40 became inf). Truncation of a fraction
 * (2.5 → 2) is PyTorch's too; uint8 takes −255…255 (−1 is 255).
 */
export function checkScalarFits(value: number | boolean, dtype: DType): void {
  if (typeof value === 'boolean' || dtype.name === 'bool') return;
  const v = Number(value);
  // a finite number past float32's range is PyTorch's overflow too (inf itself is fine)
  if (dtype.name === 'float32' && Number.isFinite(v) && Math.abs(v) > 3.4028234663852886e38) throw new RuntimeError('value cannot be converted to type float without overflow');
  if (dtype.is_floating_point) return;
  if (dtype === int64) {
    if (!Number.isFinite(v)) throw new RuntimeError('value cannot be converted to type int64_t without overflow');
    checkInt64Values([Math.trunc(v)], int64);
    return;
  }
  const lim = SCALAR_LIMITS[dtype.name];
  if (lim && (!Number.isFinite(v) || Math.trunc(v) < lim[0] || Math.trunc(v) > lim[1])) throw new RuntimeError(`value cannot be converted to type ${lim[2]} without overflow`);
}

/** max |x| over a CPU tensor's elements (or |x| of a number); null when it cannot be read synchronously. */
function maxAbs(x: TensorOrScalar): number | null {
  if (!(x instanceof Tensor)) return Math.abs(Number(x));
  if (x.device.type !== 'cpu' || x.numel() === 0) return x.numel() === 0 ? 0 : null;
  const d = x._cpuContiguous();
  let m = 0;
  for (let i = 0; i < d.length; i++) {
    const a = Math.abs(d[i]);
    if (a > m) m = a;
  }
  return m;
}

/**
 * Before an int64 add/sub/mul/pow: a cheap bound from the operands' largest magnitudes; only when
 * the bound allows overflow is the exact result computed in float64 and checked.
 */
export function checkIntArithmetic(name: string, a: TensorOrScalar, b: TensorOrScalar, outDtype: DType, exact: () => Tensor): void {
  if (outDtype !== int64 || !(name === 'add' || name === 'sub' || name === 'mul' || name === 'pow')) return;
  const ma = maxAbs(a), mb = maxAbs(b);
  if (ma === null || mb === null) return;
  const bound = name === 'mul' ? ma * mb : name === 'pow' ? ma ** mb : ma + mb;
  if (bound <= MAX) return;
  const r = exact()._cpuContiguous();
  for (let i = 0; i < r.length; i++) if (r[i] > MAX || r[i] < MIN) throw overflow(r[i]);
}

/** PyTorch raises `ZeroDivisionError` for integer `//`, `%`, `fmod` and rounded `div` by zero. */
export function checkIntDivisor(b: TensorOrScalar): void {
  if (!(b instanceof Tensor)) {
    if (Number(b) === 0) throw new ZeroDivisionError('ZeroDivisionError');
    return;
  }
  if (b.device.type !== 'cpu') return;
  const d = b._cpuContiguous();
  for (let i = 0; i < d.length; i++) if (d[i] === 0) throw new ZeroDivisionError('ZeroDivisionError');
}
