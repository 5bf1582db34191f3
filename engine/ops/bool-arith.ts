// What PyTorch refuses in arithmetic on bool tensors, in its words: `-` with a bool operand
// (tensor or Python bool) and unary `-` of a bool tensor (elementwise.ts calls these first).
import { RuntimeError } from '../errors';
import { bool } from '../dtype';
import { Tensor, type TensorOrScalar } from '../tensor';

const isBoolOperand = (v: TensorOrScalar) => (v instanceof Tensor ? v.dtype === bool : typeof v === 'boolean');
/** PyTorch refuses `-` with a bool operand (tensor or Python bool), pointing to `~` or `^` instead. */
export function checkBoolSub(a: TensorOrScalar, b: TensorOrScalar): void {
  const [ab, bb] = [isBoolOperand(a), isBoolOperand(b)];
  if (ab && bb) throw new RuntimeError('Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.');
  if (ab || bb) throw new RuntimeError('Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.');
}
export function checkBoolNeg(x: Tensor): void {
  if (x.dtype === bool) throw new RuntimeError('Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.');
}
