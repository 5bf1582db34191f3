// PyTorch's second names for ops the engine has (multiply = mul, greater = gt, arctan2 = atan2,
// fix = trunc, swapdims = transpose, ger = outer, …), the in-place forms PyTorch gives them
// (`x.eq_(0)`, `x.cumsum_(0)`, `x.tril_()`, …), the split variants (hsplit/vsplit/dsplit),
// inner/vdot, and the small predicates (is_nonzero, is_signed, is_same_size, get_device, …).
import { RuntimeError } from '../errors';
import { fused, needsGrad, record } from '../autograd';
import { parseArgs } from '../args';
import { bool, uint8, type DType } from '../dtype';
import { Tensor, type TensorOrScalar } from '../tensor';
import { abs, atan2, div, eq, ge, gt, le, lt, mul, ne, neg, sub, trunc } from './elementwise';
import { inplace, inplaceOf } from './inplace';
import { split_with_sizes as splitSizes } from './join';
import { dot, outer } from './matmul';
import { tensordot } from './products';
import { transpose } from './shape';
import { tensor_split } from './split-stack';
import { sumToShape } from './util';

type TS = TensorOrScalar;
export { clip } from './clamp';

/** `torch.true_divide(a, b)`: true division, as `torch.div` without a rounding mode. @example torch.true_divide(torch.tensor([1, 2]), 2) */
export const true_divide = (a: TS, b: TS): Tensor => div(a, b);
/** Whether the tensor's dtype is a floating point type. @example torch.is_floating_point(torch.tensor([1.5])) // true */
export const is_floating_point = (x: Tensor): boolean => x.dtype.is_floating_point;
/** `torch.relu_(x)`: relu in place; returns `x`. @example torch.relu_(torch.tensor([-1, 2])) // tensor([0, 2]) */
export const relu_ = (x: Tensor): Tensor => x.relu_();

/** `torch.multiply`: `torch.mul`. @example torch.multiply(a, 2) */
export const multiply = (a: TS, b: TS): Tensor => mul(a, b);
/** `torch.subtract(a, b, {alpha})`: `torch.sub`. @example torch.subtract(a, b, { alpha: 2 }) */
export const subtract = (a: TS, b: TS, opts?: { alpha?: number }): Tensor => sub(a, b, opts);
/** `torch.divide(a, b, {rounding_mode})`: `torch.div`. @example torch.divide(a, 2, { rounding_mode: 'floor' }) */
export const divide = (a: TS, b: TS, opts?: { rounding_mode?: 'trunc' | 'floor' | null }): Tensor => div(a, b, opts);
/** `torch.greater`: `torch.gt`. @example torch.greater(a, 0) */
export const greater = (a: TS, b: TS): Tensor => gt(a, b);
/** `torch.less`: `torch.lt`. @example torch.less(a, 0) */
export const less = (a: TS, b: TS): Tensor => lt(a, b);
/** `torch.greater_equal`: `torch.ge`. @example torch.greater_equal(a, 0) */
export const greater_equal = (a: TS, b: TS): Tensor => ge(a, b);
/** `torch.less_equal`: `torch.le`. @example torch.less_equal(a, 0) */
export const less_equal = (a: TS, b: TS): Tensor => le(a, b);
/** `torch.not_equal`: `torch.ne`. @example torch.not_equal(a, b) */
export const not_equal = (a: TS, b: TS): Tensor => ne(a, b);
/** `torch.negative`: `torch.neg`. @example torch.negative(a) */
export const negative = (x: Tensor): Tensor => neg(x);
/** `+x`: returns `x` itself (refused on bool tensors, as PyTorch). @example torch.positive(a) === a */
export function positive(x: Tensor): Tensor {
  if (x.dtype === bool) throw new RuntimeError('The `+` operator, on a bool tensor is not supported.');
  return x;
}
/** `torch.absolute`: `torch.abs`. @example torch.absolute(torch.tensor([-1.5])) */
export const absolute = (x: Tensor): Tensor => abs(x);
/** `torch.arctan2`: `torch.atan2`. @example torch.arctan2(torch.tensor([1.]), torch.tensor([1.])) // tensor([0.7854]) */
export const arctan2 = (a: Tensor, b: TS): Tensor => atan2(a, b);
/** `torch.fix`: `torch.trunc` (rounds toward zero). @example torch.fix(torch.tensor([-1.5])) // tensor([-1.]) */
export const fix = (x: Tensor): Tensor => trunc(x);
/** `torch.swapdims`: `torch.transpose`. @example torch.swapdims(x, 0, 1) */
export const swapdims = (x: Tensor, d0: number, d1: number): Tensor => transpose(x, d0, d1);
/** `torch.ger`: `torch.outer` (1-D tensors). @example torch.ger(torch.tensor([1., 2.]), torch.tensor([3., 4.])) */
export function ger(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1) throw new RuntimeError(`outer: Expected 1-D argument self, but got ${a.ndim}-D`);
  if (b.ndim !== 1) throw new RuntimeError(`outer: Expected 1-D argument vec2, but got ${b.ndim}-D`);
  return outer(a, b);
}

/**
 * Inner product over the last dims: `a[…, k] · b[…, k]`, every other dim kept (a number
 * operand multiplies). @example torch.inner(torch.tensor([1., 2.]), torch.tensor([3., 4.])) // tensor(11.)
 */
export function inner(a: Tensor, b: Tensor): Tensor {
  if (a.ndim === 0 || b.ndim === 0) return mul(a, b);
  const n = a._shape[a.ndim - 1], m = b._shape[b.ndim - 1];
  if (n !== m)
    throw new RuntimeError(`inner() the last dimension must match on both input tensors but got shapes [${a._shape.join(', ')}] and [${b._shape.join(', ')}]`);
  return tensordot(a, b, [[a.ndim - 1], [b.ndim - 1]]);
}
/** Dot product of two 1-D tensors (PyTorch's `vdot`; the same as `dot` for real tensors). @example torch.vdot(torch.tensor([1., 2.]), torch.tensor([3., 4.])) // tensor(11.) */
export function vdot(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1) throw new RuntimeError(`1D tensors expected, but got ${a.ndim}D and ${b.ndim}D tensors`);
  return fused('VdotBackward0', [a, b], (x, y) => dot(x!, y!));
}

function splitDim(fn: string, x: Tensor, ios: number | number[], dim: number, minDims: number): Tensor[] {
  if (x.ndim < minDims) throw new RuntimeError(`torch.${fn} requires a tensor with at least ${minDims} dimension, but got a tensor with ${x.ndim} dimensions!`);
  if (typeof ios === 'number') {
    const n = x._shape[dim];
    if (ios === 0 || n % ios !== 0)
      throw new RuntimeError(`torch.${fn} attempted to split along dimension ${dim}, but the size of the dimension ${n} is not divisible by the split_size ${ios}!`);
  }
  return tensor_split(x, ios, dim);
}
/** Splits along dim 1 (dim 0 for a 1-D tensor) into equal parts or at indices. @example torch.hsplit(torch.zeros(3, 4), 2).length // 2 */
export const hsplit = (x: Tensor, ios: number | number[]): Tensor[] => splitDim('hsplit', x, ios, x.ndim === 1 ? 0 : 1, 1);
/** Splits along dim 0 (at least 2-D). @example torch.vsplit(torch.zeros(3, 4), [1])[1].shape // torch.Size([2, 4]) */
export const vsplit = (x: Tensor, ios: number | number[]): Tensor[] => splitDim('vsplit', x, ios, 0, 2);
/** Splits along dim 2 (at least 3-D). @example torch.dsplit(torch.zeros(2, 2, 4), 2)[0].shape // torch.Size([2, 2, 2]) */
export const dsplit = (x: Tensor, ios: number | number[]): Tensor[] => splitDim('dsplit', x, ios, 2, 3);
/** `split` with explicit sizes: one SplitWithSizesBackward0 name on every part, as PyTorch. @example torch.split_with_sizes(x, [1, 2]) */
export function split_with_sizes(x: Tensor, sizes: number[], dim = 0): Tensor[] {
  return splitSizes(x, sizes, dim).map((t) => {
    if (t.grad_fn) t.grad_fn._name = 'SplitWithSizesBackward0';
    return t;
  });
}

/** The truth of a one-element tensor; PyTorch's error for more or fewer elements. @example torch.is_nonzero(torch.tensor([1.5])) // true */
export function is_nonzero(x: Tensor): boolean {
  const n = x.numel();
  if (n === 0) throw new RuntimeError('Boolean value of Tensor with no values is ambiguous');
  if (n > 1) throw new RuntimeError('Boolean value of Tensor with more than one value is ambiguous');
  if (x.device.type !== 'cpu') throw new RuntimeError(`is_nonzero() reads the value synchronously: use \`await t.item() !== 0\` for a ${x.device.type} tensor`);
  return x._cpuContiguous()[0] !== 0;
}
/** Whether the dtype is signed (false for bool and uint8). @example torch.is_signed(torch.tensor([1])) // true */
export const is_signed = (x: Tensor): boolean => x.dtype !== bool && x.dtype !== uint8;
/** Whether the dtype is complex: always false (Torchlit has no complex dtypes). @example torch.is_complex(x) // false */
export const is_complex = (_x: Tensor): boolean => false;
/** Whether two tensors have the same shape. @example torch.is_same_size(a, b) */
export const is_same_size = (a: Tensor, b: Tensor): boolean => a.ndim === b.ndim && a._shape.every((d, i) => d === b._shape[i]);

/** An in-place comparison: 1/0 in this tensor's dtype; a graph gets PyTorch's node with a zero gradient. */
function compareInplace(self: Tensor, name: string, f: (a: Tensor, b: TS) => Tensor, o: TS): Tensor {
  const node = name[0].toUpperCase() + name.slice(1) + (o instanceof Tensor ? 'Backward1' : 'Backward0');
  return inplace(self, (old) => {
    const r = f(old.detach(), o instanceof Tensor ? o.detach() : o).to(self.dtype);
    const ins = [old, o].filter((t): t is Tensor => t instanceof Tensor);
    return needsGrad(...ins) ? record(r, node, ins, (g) => ins.map((t) => sumToShape(g.mul(0), t._shape))) : r;
  }, undefined, [o]);
}
const checkDtype = (self: Tensor, want: DType | undefined) => {
  if (want && want !== self.dtype) throw new RuntimeError(`Bad in-place call: input tensor dtype ${cppName(self.dtype)} and output tensor dtype ${cppName(want)} should match`);
};
const cppName = (d: DType) => ({ int64: 'long int', int32: 'int', float32: 'float', float64: 'double', bool: 'bool', int16: 'short int', int8: 'signed char', uint8: 'unsigned char' })[d.name];

declare module '../tensor' {
  interface Tensor {
    multiply(other: TensorOrScalar): Tensor; multiply_(other: TensorOrScalar): Tensor;
    subtract(other: TensorOrScalar, opts?: { alpha?: number }): Tensor; subtract_(other: TensorOrScalar, opts?: { alpha?: number }): Tensor;
    divide(other: TensorOrScalar, opts?: { rounding_mode?: 'trunc' | 'floor' | null }): Tensor;
    divide_(other: TensorOrScalar, opts?: { rounding_mode?: 'trunc' | 'floor' | null }): Tensor;
    true_divide_(other: TensorOrScalar): Tensor;
    greater(other: TensorOrScalar): Tensor; greater_(other: TensorOrScalar): Tensor;
    less(other: TensorOrScalar): Tensor; less_(other: TensorOrScalar): Tensor;
    greater_equal(other: TensorOrScalar): Tensor; greater_equal_(other: TensorOrScalar): Tensor;
    less_equal(other: TensorOrScalar): Tensor; less_equal_(other: TensorOrScalar): Tensor;
    not_equal(other: TensorOrScalar): Tensor; not_equal_(other: TensorOrScalar): Tensor;
    /** In place: 1 where equal, else 0, in this tensor's dtype. @example x.eq_(0) */
    eq_(other: TensorOrScalar): Tensor;
    ne_(other: TensorOrScalar): Tensor; lt_(other: TensorOrScalar): Tensor; le_(other: TensorOrScalar): Tensor;
    gt_(other: TensorOrScalar): Tensor; ge_(other: TensorOrScalar): Tensor;
    logical_and_(other: TensorOrScalar): Tensor; logical_or_(other: TensorOrScalar): Tensor;
    logical_xor_(other: TensorOrScalar): Tensor; logical_not_(): Tensor;
    negative_(): Tensor; positive(): Tensor; absolute(): Tensor; absolute_(): Tensor;
    arctan2(other: TensorOrScalar): Tensor; arctan2_(other: TensorOrScalar): Tensor; atan2_(other: TensorOrScalar): Tensor;
    arcsin_(): Tensor; arccos_(): Tensor; arctan_(): Tensor;
    fix(): Tensor; fix_(): Tensor;
    swapdims(dim0: number, dim1: number): Tensor; swapdims_(dim0: number, dim1: number): Tensor; swapaxes_(dim0: number, dim1: number): Tensor;
    /** The number of dims (`dim()`). @example x.ndimension() */
    ndimension(): number;
    remainder_(other: TensorOrScalar): Tensor; fmod_(other: TensorOrScalar): Tensor;
    rsqrt_(): Tensor; exp2_(): Tensor; expm1_(): Tensor;
    cumsum_(dim: number, opts?: { dtype?: DType }): Tensor; cumprod_(dim: number, opts?: { dtype?: DType }): Tensor;
    tril_(diagonal?: number): Tensor; triu_(diagonal?: number): Tensor;
    split_with_sizes(split_sizes: number[], dim?: number): Tensor[];
    hsplit(sections: number | number[]): Tensor[]; vsplit(sections: number | number[]): Tensor[]; dsplit(sections: number | number[]): Tensor[];
    ger(vec2: Tensor): Tensor; inner(other: Tensor): Tensor; vdot(other: Tensor): Tensor;
    is_nonzero(): boolean; is_signed(): boolean; is_complex(): boolean; is_same_size(other: Tensor): boolean;
    /** -1: the tensor is on the CPU (PyTorch's answer for a CPU tensor); 0 for a WebGPU tensor. */
    get_device(): number;
    /** Whether the tensor lives on the CPU. */
    readonly is_cpu: boolean;
  }
}
const P = Tensor.prototype as unknown as Record<string, (this: Tensor, ...a: any[]) => unknown>;
const T = (t: Tensor) => t as unknown as Record<string, (...a: unknown[]) => Tensor>;
const same = (alias: string, name: string) => { P[alias] = function (...a) { return T(this)[name](...a); }; };
for (const [alias, name] of [['multiply', 'mul'], ['subtract', 'sub'], ['divide', 'div'], ['greater', 'gt'], ['less', 'lt'], ['greater_equal', 'ge'],
  ['less_equal', 'le'], ['not_equal', 'ne'], ['absolute', 'abs'], ['arctan2', 'atan2'], ['fix', 'trunc'], ['swapdims', 'transpose'],
  ['multiply_', 'mul_'], ['subtract_', 'sub_'], ['divide_', 'div_'], ['true_divide_', 'div_'], ['absolute_', 'abs_'], ['negative_', 'neg_'],
  ['swapdims_', 'transpose_'], ['swapaxes_', 'transpose_'], ['ndimension', 'dim'], ['arcsin_', 'asin_'], ['arccos_', 'acos_'], ['arctan_', 'atan_']])
  same(alias, name);
P.true_divide_ = function (o: TS) { return T(this).div_(o); };
const CMP: Record<string, (a: Tensor, b: TS) => Tensor> = { eq, ne, lt, le, gt, ge };
for (const [n, f] of Object.entries(CMP)) P[n + '_'] = function (o: TS) { return compareInplace(this, n, f, o); };
for (const [alias, n] of [['greater_', 'gt'], ['less_', 'lt'], ['greater_equal_', 'ge'], ['less_equal_', 'le'], ['not_equal_', 'ne']])
  P[alias] = function (o: TS) { return compareInplace(this, n, CMP[n], o); };
// PyTorch's logical_*_ write 0/1 in this dtype and leave the history as it was (they have no derivative)
for (const n of ['logical_and', 'logical_or', 'logical_xor'])
  P[n + '_'] = function (o: TS) { return inplace(this, (old) => T(old.detach())[n](o instanceof Tensor ? o.detach() : o).to(this.dtype), undefined, []); };
P.logical_not_ = function () { return inplace(this, (old) => old.detach().logical_not().to(this.dtype), undefined, []); };
P.positive = function () { return positive(this); };
P.atan2_ = function (o: TS) { return inplaceOf(this, (t) => atan2(t, o)); };
P.arctan2_ = P.atan2_;
P.fix_ = function () { return inplaceOf(this, trunc); };
P.remainder_ = function (o: TS) { return inplaceOf(this, (t) => t.remainder(o)); };
P.fmod_ = function (o: TS) { return inplaceOf(this, (t) => t.fmod(o)); };
for (const n of ['rsqrt', 'exp2', 'expm1']) P[n + '_'] = function () { return inplaceOf(this, (t) => T(t)[n]()); };
for (const n of ['cumsum', 'cumprod'])
  P[n + '_'] = function (...a: unknown[]) {
    const { dim, dtype } = parseArgs<{ dim: number; dtype?: DType }>(n + '_', a, ['dim', 'dtype'], {});
    checkDtype(this, dtype);
    return inplace(this, (old) => T(old)[n](dim).to(this.dtype));
  };
for (const n of ['tril', 'triu']) P[n + '_'] = function (...a: unknown[]) { return inplace(this, (old) => T(old)[n](...a)); };
P.split_with_sizes = function (sizes: number[], dim = 0) { return split_with_sizes(this, sizes, dim); };
P.hsplit = function (s: number | number[]) { return hsplit(this, s); };
P.vsplit = function (s: number | number[]) { return vsplit(this, s); };
P.dsplit = function (s: number | number[]) { return dsplit(this, s); };
P.ger = function (o: Tensor) { return ger(this, o); };
P.inner = function (o: Tensor) { return inner(this, o); };
P.vdot = function (o: Tensor) { return vdot(this, o); };
P.is_nonzero = function () { return is_nonzero(this); };
P.is_signed = function () { return is_signed(this); };
P.is_complex = function () { return false; };
P.is_same_size = function (o: Tensor) { return is_same_size(this, o); };
P.get_device = function () { return this.device.type === 'cpu' ? -1 : 0; };
Object.defineProperty(Tensor.prototype, 'is_cpu', { get(this: Tensor) { return this.device.type === 'cpu'; }, configurable: true });
