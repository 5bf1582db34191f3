// The raw elementwise kernels: dtype rules, broadcasting and the integer range checks around one
// backend dispatch, with no autograd. elementwise.ts builds the public ops (and their gradients) on
// these; other op families (matmul, conv) use them for their internal arithmetic. Not part of the
// torch namespace.
import { float32, float64, bool, resultType, type DType } from '../dtype';
import { checkIntArithmetic, checkIntDivisor } from './int-range';
import { getKernel } from '../backend/registry';
import { broadcastShapes } from '../size';
import { state } from '../state';
import { Tensor, type TensorOrScalar } from '../tensor';
import { BINARY, UNARY } from '../backend/elementwise-spec';
import { checkInterrupt, sameDevice } from './util';

type TS = TensorOrScalar;

const toF64 = (x: TS): TS => (x instanceof Tensor ? x.to(x.device.type === 'cpu' ? float64 : float32) : x);

export function unaryOutDtype(name: string, x: Tensor): DType {
  const spec = UNARY[name];
  if (spec.predicate) return bool;
  if (x.dtype.is_floating_point || spec.keepsInt) return x.dtype === bool && !spec.predicate ? (spec.keepsInt ? x.dtype : state.defaultDtype) : x.dtype;
  return state.defaultDtype;
}

/** Runs a unary kernel (no autograd). */
export function unaryRaw(name: string, x: Tensor, out?: Tensor): Tensor {
  checkInterrupt();
  return getKernel('unary', x.device.type)(name, x, out?.dtype ?? unaryOutDtype(name, x), out);
}

export function binaryDtype(name: string, a: TS, b: TS): DType {
  const spec = BINARY[name];
  // PyTorch's result_type: dimensioned tensors, then 0-d tensors, then numbers
  const dt = a instanceof Tensor || b instanceof Tensor ? resultType([a, b], state.defaultDtype) : float32;
  if (spec.predicate) return bool;
  if (spec.floatOut && !dt.is_floating_point) return state.defaultDtype;
  if (dt === bool && (name === 'add' || name === 'sub' || name === 'mul') ) return bool;
  return dt;
}

/** Runs a binary kernel with broadcasting (no autograd). */
export function binaryRaw(name: string, a: TS, b: TS, out?: Tensor): Tensor {
  checkInterrupt();
  const dev = sameDevice(a, b);
  const sa = a instanceof Tensor ? a._shape : [];
  const sb = b instanceof Tensor ? b._shape : [];
  const shape = broadcastShapes(sa, sb);
  let an = typeof a === 'boolean' ? Number(a) : a;
  let bn = typeof b === 'boolean' ? Number(b) : b;
  const dtype = out?.dtype ?? binaryDtype(name, a, b);
  // A number is cast to the dtype the op computes in, as PyTorch's wrapped scalars are: in float32,
  // `t == 0.1` compares with float32(0.1) (it was the double 0.1: torch.tensor([0.1]) == 0.1 was
  // false, > 0.1 true), and `t + 0.1` adds float32(0.1), bit for bit PyTorch's result.
  const computeDt = BINARY[name].predicate ? resultType([a, b], state.defaultDtype) : dtype;
  if (computeDt === float32) {
    if (typeof an === 'number') an = Math.fround(an);
    if (typeof bn === 'number') bn = Math.fround(bn);
  }
  const A = an instanceof Tensor && an.device !== dev ? (an as any).to(dev) : an;
  const B = bn instanceof Tensor && bn.device !== dev ? (bn as any).to(dev) : bn;
  if (!dtype.is_floating_point && dtype !== bool) {
    if (name === 'remainder' || name === 'fmod') checkIntDivisor(B);
    checkIntArithmetic(name, A, B, dtype, () => binaryRaw(name, toF64(A), toF64(B)));
  }
  return getKernel('binary', dev.type)(name, A, B, shape, dtype, out);
}

