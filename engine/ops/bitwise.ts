// Integer ops: gcd, lcm and the bitwise family (and, or, xor, not, left/right shift) on integer
// and bool tensors, with PyTorch's dtype rules and its refusal of floating inputs. CPU loops
// (pointwise-cpu.ts); int64 values live in 32 bits in Torchlit, so results are taken modulo 2^32
// the same way every other integer op's are, and a shift by 64 bits or more gives 0 (−1 for a
// negative value shifted right), as PyTorch 2.x.
import { bool } from '../dtype';
import { Tensor, type TensorOrScalar } from '../tensor';
import { inplaceOf } from './inplace';
import { mapBinaryCpu, mapUnaryCpu, promoted, requireIntegral, requireTensorOther } from './pointwise-cpu';

type TS = TensorOrScalar;

function intBinary(op: string, a: TS, b: TS, f: (x: number, y: number) => number, allowBool = true): Tensor {
  if (!(a instanceof Tensor) && !(b instanceof Tensor)) throw new TypeError(`${op}(): argument 'input' (position 1) must be Tensor, not ${typeof a === 'number' && Number.isInteger(a) ? 'int' : typeof a}`);
  const dt = promoted(a, b);
  requireIntegral(op, dt, allowBool);
  return mapBinaryCpu(op, a, b, dt, dt === bool ? (x, y) => f(x, y) & 1 : f);
}

function gcdScalar(x: number, y: number): number {
  x = Math.abs(x);
  y = Math.abs(y);
  while (y) [x, y] = [y, x % y];
  return x;
}
/** Greatest common divisor (integer tensors; gcd(0, 0) = 0). @example torch.gcd(torch.tensor([12, 18]), torch.tensor([8, 12])) // tensor([4, 6]) */
export const gcd = (a: Tensor, b: TS): Tensor => (requireTensorOther('gcd', b), intBinary('gcd', a, b, gcdScalar, false));
/** Least common multiple (integer tensors; 0 when either is 0). @example torch.lcm(torch.tensor([4, 6]), torch.tensor([6, 4])) // tensor([12, 12]) */
export const lcm = (a: Tensor, b: TS): Tensor => (requireTensorOther('lcm', b), intBinary('lcm', a, b, (x, y) => { const g = gcdScalar(x, y); return g === 0 ? 0 : Math.abs((x / g) * y); }, false));

/** Bitwise AND (integers; logical AND on bools). @example torch.bitwise_and(torch.tensor([12]), torch.tensor([10])) // tensor([8]) */
export const bitwise_and = (a: TS, b: TS): Tensor => intBinary('bitwise_and', a, b, (x, y) => x & y);
/** Bitwise OR. @example torch.bitwise_or(torch.tensor([12]), 3) // tensor([15]) */
export const bitwise_or = (a: TS, b: TS): Tensor => intBinary('bitwise_or', a, b, (x, y) => x | y);
/** Bitwise XOR. @example torch.bitwise_xor(torch.tensor([12]), torch.tensor([10])) // tensor([6]) */
export const bitwise_xor = (a: TS, b: TS): Tensor => intBinary('bitwise_xor', a, b, (x, y) => x ^ y);
/** Bitwise NOT (`~x`; logical NOT on bools). @example torch.bitwise_not(torch.tensor([0, 5])) // tensor([-1, -6]) */
export function bitwise_not(x: Tensor): Tensor {
  requireIntegral('bitwise_not', x.dtype);
  return mapUnaryCpu('bitwise_not', x, x.dtype, x.dtype === bool ? (v) => (v ? 0 : 1) : (v) => ~v);
}
const shl = (x: number, s: number) => (s < 0 || s >= 64 ? 0 : Number(BigInt.asIntN(32, BigInt(x) << BigInt(s))));
const shr = (x: number, s: number) => (s < 0 || s >= 64 ? (x < 0 ? -1 : 0) : Number(BigInt(x) >> BigInt(s)));
/** `a << b` (integers). @example torch.bitwise_left_shift(torch.tensor([3]), 2) // tensor([12]) */
export const bitwise_left_shift = (a: TS, b: TS): Tensor => intBinary('lshift', a, b, shl, false);
/** `a >> b`, arithmetic (integers). @example torch.bitwise_right_shift(torch.tensor([-12]), 2) // tensor([-3]) */
export const bitwise_right_shift = (a: TS, b: TS): Tensor => intBinary('rshift', a, b, shr, false);

declare module '../tensor' {
  interface Tensor {
    gcd(other: TensorOrScalar): Tensor; gcd_(other: TensorOrScalar): Tensor;
    lcm(other: TensorOrScalar): Tensor; lcm_(other: TensorOrScalar): Tensor;
    bitwise_and(other: TensorOrScalar): Tensor; bitwise_and_(other: TensorOrScalar): Tensor;
    bitwise_or(other: TensorOrScalar): Tensor; bitwise_or_(other: TensorOrScalar): Tensor;
    bitwise_xor(other: TensorOrScalar): Tensor; bitwise_xor_(other: TensorOrScalar): Tensor;
    bitwise_not(): Tensor; bitwise_not_(): Tensor;
    bitwise_left_shift(other: TensorOrScalar): Tensor; bitwise_left_shift_(other: TensorOrScalar): Tensor;
    bitwise_right_shift(other: TensorOrScalar): Tensor; bitwise_right_shift_(other: TensorOrScalar): Tensor;
  }
}
const P = Tensor.prototype as unknown as Record<string, unknown>;
const FNS: Record<string, (a: Tensor, b: TS) => Tensor> = { gcd, lcm, bitwise_and, bitwise_or, bitwise_xor, bitwise_left_shift, bitwise_right_shift };
for (const [n, f] of Object.entries(FNS)) {
  P[n] = function (this: Tensor, o: TS) { return f(this, o); };
  P[n + '_'] = function (this: Tensor, o: TS) { return inplaceOf(this, (t) => f(t, o)); };
}
P.bitwise_not = function (this: Tensor) { return bitwise_not(this); };
P.bitwise_not_ = function (this: Tensor) { return inplaceOf(this, bitwise_not); };
