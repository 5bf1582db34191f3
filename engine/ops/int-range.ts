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
