// Elementwise ops: the public functions, the Tensor methods, and their gradient rules.
// Gradients are written with public ops, so every backend gets them for free.
import { RuntimeError, ValueError } from '../errors';
import { record, needsGrad } from '../autograd';
import { checkBoolNeg, checkBoolSub } from './bool-arith';
import { float32, float64, bool, canCast, resultType, scalarTypeName, type DType } from '../dtype';
import { checkIntDivisor } from './int-range';
import { getKernel } from '../backend/registry';
import { broadcastShapes } from '../size';
import { state } from '../state';
import { Tensor, type TensorOrScalar } from '../tensor';
import { scaledAddFused, tanhFused } from './cpu-fast-paths';
import { inplace } from './inplace';
import { binaryDtype, binaryRaw, unaryOutDtype, unaryRaw } from './raw';
import { FLOAT_LITERALS } from './creation';
import { checkInterrupt, gradAs, sameDevice, sumToShape } from './util';

type T = Tensor;
type TS = TensorOrScalar;

const toF64 = (x: TS): TS => (x instanceof Tensor ? x.to(x.device.type === 'cpu' ? float64 : float32) : x);
const shapeOf = (x: TS) => (x instanceof Tensor ? x._shape : []);
const reqT = (...xs: TS[]) => xs.filter((x): x is Tensor => x instanceof Tensor);

// ---- gradient rules ---------------------------------------------------------------------------
// `needA`/`needB`: whether that input wants a gradient now (runBackward drops the others' unread);
// the cheap rules skip computing a gradient nobody reads (a loss's target, a constant factor).
type Grad2 = (g: T, a: TS, b: TS, out: T, needA: boolean, needB: boolean) => [T | null, T | null];
const binaryGrads: Record<string, Grad2> = {
  add: (g) => [g, g],
  sub: (g, _a, _b, _out, _needA, needB) => [g, needB ? g.neg() : null],
  mul: (g, a, b, _out, needA, needB) => [needA ? mul(g, b) : null, needB ? mul(g, a) : null],
  // PyTorch's -g * ((a / b) / b): b * b overflows (and 0 * inf is NaN) where this does not
  div: (g, a, b, _out, needA, needB) => [needA ? div(g, b) : null, needB && b instanceof Tensor ? g.neg().mul(div(div(a, b), b)) : null],
  // As PyTorch: no gradient to the base where the exponent is 0, none to the exponent where the
  // base is 0 and the exponent >= 0 (instead of 0 * inf = NaN or 0 * log(0))
  pow: (g, a, b, out) => [
    b instanceof Tensor ? where(binaryRaw('eq', b, 0), 0, g.mul(b).mul(pow(a, sub(b, 1)))) : b === 0 ? mul(g, 0) : g.mul(b as number).mul(pow(a, (b as number) - 1)),
    b instanceof Tensor ? powExponentGrad(g, a, b, out) : null,
  ],
  // PyTorch: ties share the gradient; where either is NaN (no order) both get it
  maximum: (g, a, b) => minmaxGrads(g, a, b, 'lt', 'gt'),
  minimum: (g, a, b) => minmaxGrads(g, a, b, 'gt', 'lt'),
  remainder: (g, a, b) => [g, b instanceof Tensor ? g.mul(div(a, b).floor()).neg() : null],
  fmod: (g, a, b) => [g, b instanceof Tensor ? g.mul(div(a, b).trunc()).neg() : null],
  atan2: (g, a, b) => {
    const den = add(mul(a, a), mul(b, b));
    return [g.mul(b).div(den), g.mul(a).neg().div(den)];
  },
};

function powExponentGrad(g: T, a: TS, b: T, out: T): T {
  const raw = g.mul(out).mul(log(a instanceof Tensor ? a : b.new_full([], a as number)));
  if (!(a instanceof Tensor)) return a === 0 ? where(binaryRaw('ge', b, 0), 0, raw) : raw;
  return where(binaryRaw('logical_and', binaryRaw('eq', a, 0), binaryRaw('ge', b, 0)), 0, raw);
}

/** a's share: 1 unless a loses (`loseA`), ½ on ties; b's likewise. NaN makes every comparison false. */
function minmaxGrads(g: T, a: TS, b: TS, loseA: 'lt' | 'gt', loseB: 'lt' | 'gt'): [T, T] {
  const half = binaryRaw('eq', a, b).to(g.dtype).mul(0.5);
  const ga = binaryRaw(loseA, a, b).to(g.dtype).add(half).neg().add(1);
  const gb = binaryRaw(loseB, a, b).to(g.dtype).add(half).neg().add(1);
  return [g.mul(ga), g.mul(gb)];
}

const gradName: Record<string, string> = {
  add: 'AddBackward0', sub: 'SubBackward0', mul: 'MulBackward0', div: 'DivBackward0', maximum: 'MaximumBackward0',
  minimum: 'MinimumBackward0', remainder: 'RemainderBackward0', fmod: 'FmodBackward0', atan2: 'Atan2Backward0',
};

function binaryOp(name: string, a: TS, b: TS, nodeName?: string): Tensor {
  if (name === 'sub') checkBoolSub(a, b);
  const out = binaryRaw(name, a, b);
  const grad = binaryGrads[name];
  if (!grad || !needsGrad(...reqT(a, b))) return out;
  const sa = shapeOf(a), sb = shapeOf(b);
  const inputs = reqT(a, b);
  const gname = nodeName ?? (name === 'pow' ? (b instanceof Tensor ? 'PowBackward1' : 'PowBackward0') : gradName[name]);
  return record(out, gname, inputs, (g) => {
    const [ga, gb] = grad(g, a, b, out, rg(a), rg(b));
    const res: (Tensor | null)[] = [];
    if (a instanceof Tensor) res.push(ga ? gradAs(sumToShape(ga, sa), a) : null);
    if (b instanceof Tensor) res.push(gb ? gradAs(sumToShape(gb, sb), b) : null);
    return res;
  }, binarySaved(name, a, b, out));
}

const rg = (x: TS): boolean => x instanceof Tensor && x.requires_grad;
/** The tensors PyTorch's formula for `name` saves (so an in-place change to one is caught by backward). */
function binarySaved(name: string, a: TS, b: TS, out: Tensor): Tensor[] {
  const ts = reqT; // (a closure here cost an Object.defineProperty per op: the bundles keep names)
  switch (name) {
    case 'add': case 'sub': return [];
    case 'mul': return ts(rg(b) ? a : 0, rg(a) ? b : 0);
    case 'div': return ts(rg(b) ? a : 0, b);
    case 'pow': return b instanceof Tensor ? ts(a, b, out) : ts(a);
    default: return ts(a, b);
  }
}

type Grad1 = (g: T, x: T, out: T) => T;
const unaryGrads: Record<string, [string, Grad1]> = {
  neg: ['NegBackward0', (g) => g.neg()],
  abs: ['AbsBackward0', (g, x) => g.mul(x.sign())],
  sign: ['SignBackward0', (g) => g.mul(0)],
  exp: ['ExpBackward0', (g, _x, out) => g.mul(out)],
  log: ['LogBackward0', (g, x) => g.div(x)],
  log2: ['Log2Backward0', (g, x) => g.div(x.mul(Math.LN2))],
  log1p: ['Log1PBackward0', (g, x) => g.div(x.add(1))],
  expm1: ['Expm1Backward0', (g, _x, out) => g.mul(out.add(1))],
  sqrt: ['SqrtBackward0', (g, _x, out) => g.div(out.mul(2))],
  rsqrt: ['RsqrtBackward0', (g, _x, out) => g.mul(out.pow(3)).mul(-0.5)],
  square: ['PowBackward0', (g, x) => g.mul(x).mul(2)],
  reciprocal: ['ReciprocalBackward0', (g, _x, out) => g.mul(out.mul(out)).neg()],
  tanh: ['TanhBackward0', (g, _x, out) => (tanhFused(g, out) ? getKernel('tanh_backward', 'cpu')(g, out) : g.mul(out.mul(out).neg().add(1)))],
  sigmoid: ['SigmoidBackward0', (g, _x, out) => g.mul(out.mul(out.neg().add(1)))],
  // one fused kernel, unless a double backward needs the graph of g·mask
  relu: ['ReluBackward0', (g, _x, out) => (needsGrad(g) ? g.mul(binaryRaw('gt', out, 0).to(g.dtype)) : binaryRaw('threshold_backward', g, out))],
  sin: ['SinBackward0', (g, x) => g.mul(x.cos())],
  cos: ['CosBackward0', (g, x) => g.mul(x.sin()).neg()],
  floor: ['FloorBackward0', (g) => g.mul(0)],
  ceil: ['CeilBackward0', (g) => g.mul(0)],
  round: ['RoundBackward0', (g) => g.mul(0)],
  trunc: ['TruncBackward0', (g) => g.mul(0)],
  erf: ['ErfBackward0', (g, x) => g.mul(x.mul(x).neg().exp().mul(2 / Math.sqrt(Math.PI)))],
  gelu: [
    'GeluBackward0',
    (g, x) => {
      const cdf = x.mul(Math.SQRT1_2).erf().add(1).mul(0.5);
      const pdf = x.mul(x).mul(-0.5).exp().mul(1 / Math.sqrt(2 * Math.PI));
      return g.mul(cdf.add(x.mul(pdf)));
    },
  ],
  gelu_tanh: [
    'GeluBackward0',
    (g, x) => {
      const k = 0.7978845608028654;
      const inner = x.add(x.pow(3).mul(0.044715)).mul(k).tanh();
      const d = inner.add(1).mul(0.5).add(x.mul(0.5).mul(inner.mul(inner).neg().add(1)).mul(x.mul(x).mul(3 * 0.044715).add(1).mul(k)));
      return g.mul(d);
    },
  ],
  silu: ['SiluBackward0', (g, x) => { const s = x.sigmoid(); return g.mul(s.mul(x.mul(s.neg().add(1)).add(1))); }],
  softplus: ['SoftplusBackward0', (g, x) => g.mul(x.sigmoid())],
};

// what PyTorch's formula saves: the result (exp, tanh, sigmoid, relu, …), nothing, or else the input
const SAVES_OUTPUT = new Set(['exp', 'expm1', 'sqrt', 'rsqrt', 'reciprocal', 'tanh', 'sigmoid', 'relu']);
const SAVES_NOTHING = new Set(['neg', 'sign', 'floor', 'ceil', 'round', 'trunc']);

function unaryOp(name: string, x: Tensor): Tensor {
  if (name === 'neg') checkBoolNeg(x);
  // relu(bool) is PyTorch's error (it passed the mask through)
  if (name === 'relu' && x.dtype === bool) throw new RuntimeError('Boolean inputs not supported for relu');
  const out = unaryRaw(name, x);
  const rule = unaryGrads[name];
  if (!rule || !needsGrad(x)) return out;
  return record(out, rule[0], [x], (g) => [rule[1](g, x, out)], SAVES_OUTPUT.has(name) ? [out] : SAVES_NOTHING.has(name) ? [] : [x]);
}

// ---- in-place ------------------------------------------------------------------------------------
/** PyTorch refuses an in-place op whose result type cannot be cast back (`int_t.add_(0.5)`). */
function checkCastBack(result: DType, self: Tensor): void {
  if (!canCast(result, self.dtype))
    throw new RuntimeError(`result type ${scalarTypeName(result)} can't be cast to the desired output type ${scalarTypeName(self.dtype)}`);
}

function binaryInplace(name: string, self: Tensor, other: TS): Tensor {
  if (name === 'sub') checkBoolSub(self, other);
  checkCastBack(binaryDtype(name, self, other), self);
  const oshape = other instanceof Tensor ? other._shape : [];
  const shape = broadcastShapes(self._shape, oshape);
  if (shape.length !== self.ndim || !shape.every((d, i) => d === self._shape[i]))
    throw new RuntimeError(`output with shape [${self._shape.join(', ')}] doesn't match the broadcast shape [${shape.join(', ')}]`);
  return inplace(self, (old) => binaryOp(name, old, other), self.is_contiguous() && binaryDtype(name, self, other) === self.dtype ? () => void binaryRaw(name, self, other, self) : undefined, [other]);
}

// ---- public functions ----------------------------------------------------------------------------
/**
 * PyTorch's alpha_check: a fractional alpha on an integer result (`torch.add(int_t, int_t, alpha=0.5)`)
 * is an error (it gave float values, silently).
 */
function checkAlpha(a: TS, b: TS, alpha: number): void {
  if (!Number.isInteger(alpha) && !binaryDtype('add', a, b).is_floating_point)
    throw new RuntimeError('For integral input tensors, argument alpha must not be a floating point number.');
}
/** `torch.add(a, b, {alpha})`: a + alpha·b, with broadcasting. */
export function add(a: TS, b: TS, opts?: { alpha?: number }): Tensor {
  const alpha = opts?.alpha ?? 1;
  if (alpha !== 1) checkAlpha(a, b, alpha);
  return binaryOp('add', a, alpha === 1 ? b : typeof b === 'number' ? b * alpha : mul(b, alpha));
}
/** `torch.sub(a, b, {alpha})`: a − alpha·b. */
export function sub(a: TS, b: TS, opts?: { alpha?: number }, nodeName?: string): Tensor {
  const alpha = opts?.alpha ?? 1;
  checkBoolSub(a, b);
  if (alpha !== 1) checkAlpha(a, b, alpha);
  return binaryOp('sub', a, alpha === 1 ? b : typeof b === 'number' ? b * alpha : mul(b, alpha), nodeName);
}
/**
 * `torch.rsub(input, other, {alpha})`: other − alpha·input (the reversed subtraction `1 - t` is), with
 * PyTorch's node: `RsubBackward1` for a number `other`, `RsubBackward0` for a tensor.
 * @example torch.rsub(torch.tensor([1, 2]), 10) // tensor([9, 8])
 */
export function rsub(input: Tensor, other: TS, opts?: { alpha?: number }): Tensor {
  return sub(other, input, opts, other instanceof Tensor ? 'RsubBackward0' : 'RsubBackward1');
}
export const mul = (a: TS, b: TS): Tensor => binaryOp('mul', a, b);
/** `torch.div(a, b, {rounding_mode})`: true division, or 'trunc'/'floor'. */
export function div(a: TS, b: TS, opts?: { rounding_mode?: 'trunc' | 'floor' | null }): Tensor {
  const mode = opts?.rounding_mode;
  if (mode != null && mode !== 'trunc' && mode !== 'floor')
    throw new ValueError(`div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${String(mode)}'`);
  const dt = mode ? binaryDtype('add', a, b) : null;
  if (dt && !dt.is_floating_point) {
    // integers divided with rounding stay integers (PyTorch: int64 // int64 is int64), exactly
    checkIntDivisor(b);
    const q = binaryRaw('div', toF64(a), toF64(b));
    return (mode === 'trunc' ? q.trunc() : q.floor()).to(dt === bool ? state.defaultDtype : dt);
  }
  if (!mode) return binaryOp('div', a, b);
  // PyTorch's DivBackward2: one node, a zero gradient to each tensor (was Trunc/FloorBackward0 over DivBackward0)
  const q = binaryRaw('div', a, b)[mode](), ins = reqT(a, b);
  return needsGrad(...ins) ? record(q, 'DivBackward2', ins, (g) => ins.map((t) => sumToShape(g.mul(0), t._shape))) : q;
}
/** `torch.pow(a, b)`; an integer tensor to a negative integer number raises, as PyTorch. */
export function pow(a: TS, b: TS): Tensor {
  if (a instanceof Tensor && !a.dtype.is_floating_point && typeof b === 'number' && Number.isInteger(b) && b < 0)
    throw new RuntimeError('Integers to negative integer powers are not allowed.');
  return binaryOp('pow', a, b);
}
export const maximum = (a: Tensor, b: TS): Tensor => binaryOp('maximum', a, b);
export const minimum = (a: Tensor, b: TS): Tensor => binaryOp('minimum', a, b);
export const remainder = (a: TS, b: TS): Tensor => binaryOp('remainder', a, b);
export const fmod = (a: TS, b: TS): Tensor => binaryOp('fmod', a, b);
export const atan2 = (a: Tensor, b: TS): Tensor => binaryOp('atan2', a, b);
export const eq = (a: TS, b: TS): Tensor => binaryRaw('eq', a, b);
export const ne = (a: TS, b: TS): Tensor => binaryRaw('ne', a, b);
export const lt = (a: TS, b: TS): Tensor => binaryRaw('lt', a, b);
export const le = (a: TS, b: TS): Tensor => binaryRaw('le', a, b);
export const gt = (a: TS, b: TS): Tensor => binaryRaw('gt', a, b);
export const ge = (a: TS, b: TS): Tensor => binaryRaw('ge', a, b);
export const logical_and = (a: TS, b: TS): Tensor => binaryRaw('logical_and', a, b);
export const logical_or = (a: TS, b: TS): Tensor => binaryRaw('logical_or', a, b);
export const logical_xor = (a: TS, b: TS): Tensor => binaryRaw('logical_xor', a, b);
export const logical_not = (a: Tensor): Tensor => unaryRaw('logical_not', a);
export const isnan = (a: Tensor): Tensor => unaryRaw('isnan', a);
export const isinf = (a: Tensor): Tensor => unaryRaw('isinf', a);
export const isfinite = (a: Tensor): Tensor => unaryRaw('isfinite', a);

export const neg = (x: Tensor): Tensor => unaryOp('neg', x);
export const abs = (x: Tensor): Tensor => unaryOp('abs', x);
export const sign = (x: Tensor): Tensor => unaryOp('sign', x);
export const exp = (x: Tensor): Tensor => unaryOp('exp', x);
export const log = (x: Tensor): Tensor => unaryOp('log', x);
export const log2 = (x: Tensor): Tensor => unaryOp('log2', x);
export const log1p = (x: Tensor): Tensor => unaryOp('log1p', x);
export const expm1 = (x: Tensor): Tensor => unaryOp('expm1', x);
export const sqrt = (x: Tensor): Tensor => unaryOp('sqrt', x);
export const rsqrt = (x: Tensor): Tensor => unaryOp('rsqrt', x);
export const square = (x: Tensor): Tensor => unaryOp('square', x);
export const reciprocal = (x: Tensor): Tensor => unaryOp('reciprocal', x);
export const tanh = (x: Tensor): Tensor => unaryOp('tanh', x);
export const sigmoid = (x: Tensor): Tensor => unaryOp('sigmoid', x);
export const relu = (x: Tensor): Tensor => unaryOp('relu', x);
export const sin = (x: Tensor): Tensor => unaryOp('sin', x);
export const cos = (x: Tensor): Tensor => unaryOp('cos', x);
export const floor = (x: Tensor): Tensor => unaryOp('floor', x);
export const ceil = (x: Tensor): Tensor => unaryOp('ceil', x);
/** `torch.round(x, {decimals})`: half to even; with decimals, as PyTorch: round(x·10^d)/10^d. */
export function round(x: Tensor, opts?: { decimals?: number }): Tensor {
  const d = opts?.decimals ?? 0;
  if (d === 0) return unaryOp('round', x);
  const s = 10 ** d;
  return unaryOp('round', x.mul(s)).div(s);
}
export const trunc = (x: Tensor): Tensor => unaryOp('trunc', x);
export const erf = (x: Tensor): Tensor => unaryOp('erf', x);
export const silu = (x: Tensor): Tensor => unaryOp('silu', x);
export const softplus = (x: Tensor): Tensor => unaryOp('softplus', x);
/** GELU; `{approximate: 'tanh'}` for the tanh approximation. */
export const gelu = (x: Tensor, opts?: { approximate?: 'none' | 'tanh' }): Tensor => unaryOp(opts?.approximate === 'tanh' ? 'gelu_tanh' : 'gelu', x);

export { clamp } from './clamp'; // clamp, clamp_min, clamp_max and their methods live in clamp.ts

/**
 * `torch.where(condition, x, y)`: picks from x where condition is true, else y. With the condition
 * alone, the indices of its non-zero elements, one tensor per dimension (`nonzero({as_tuple: true})`).
 * @example torch.where(t.gt(0), t, 0); const [rows, cols] = torch.where(mask)
 */
export function where(cond: Tensor): Tensor[];
export function where(cond: Tensor, x: TS, y: TS): Tensor;
export function where(cond: Tensor, x?: TS, y?: TS): Tensor | Tensor[] {
  if (x === undefined && y === undefined) return cond.nonzero({ as_tuple: true });
  if (x === undefined || y === undefined) throw new TypeError('where() missing 1 required positional argument: ' + (x === undefined ? "'input'" : "'other'"));
  // as ATen: a bool condition (uint8 still accepted); a float or long mask is an error, not `!= 0`
  if (cond instanceof Tensor && cond.dtype !== bool && cond.dtype.name !== 'uint8')
    throw new RuntimeError(`where expected condition to be a boolean tensor, but got a tensor with dtype ${scalarTypeName(cond.dtype)}`);
  return where3(cond, x, y);
}

/** A cell's float literal with an integral value (`1.0`, a tagged Number): Python's float in promotion. */
const isTaggedFloat = (v: unknown): boolean => v instanceof Number && (v as unknown as Record<symbol, unknown>)[FLOAT_LITERALS] === true;

function where3(cond: Tensor, x: TS, y: TS): Tensor {
  const c = cond.dtype === bool ? cond : binaryRaw('ne', cond, 0);
  // PyTorch's result_type over both branches: where(c, 1, 0) is int64, where(c, 1., 0) float32,
  // where(c, true, false) bool, where(c, long_t, 0.5) float32
  const px = isTaggedFloat(x) ? 0.5 : x, py = isTaggedFloat(y) ? 0.5 : y;
  if (isTaggedFloat(x)) x = Number(x);
  if (isTaggedFloat(y)) y = Number(y);
  const dt = resultType([px, py], state.defaultDtype);
  // x·c + y·(1−c) would turn inf·0 into NaN; the kernel picks instead.
  const out = getKernel('where', sameDevice(c, x, y).type)(c, x, y, dt) as Tensor;
  if (!needsGrad(...reqT(x, y))) return out;
  const sx = shapeOf(x), sy = shapeOf(y);
  return record(out, 'WhereBackward0', reqT(x, y), (g) => {
    const res: Tensor[] = [];
    // picked, not multiplied: an inf or NaN gradient must not leak into the other branch as NaN
    if (x instanceof Tensor) res.push(gradAs(sumToShape(where(c, g, 0), sx), x));
    if (y instanceof Tensor) res.push(gradAs(sumToShape(where(c, 0, g), sy), y));
    return res;
  });
}

// ---- Tensor methods ------------------------------------------------------------------------------
declare module '../tensor' {
  interface Tensor {
    /** `t.add(other, {alpha})` = t + alpha·other, broadcasting. @example t_u.mul(0.5).add(-17) */
    add(other: TensorOrScalar, opts?: { alpha?: number }): Tensor;
    sub(other: TensorOrScalar, opts?: { alpha?: number }): Tensor;
    mul(other: TensorOrScalar): Tensor;
    div(other: TensorOrScalar, opts?: { rounding_mode?: 'trunc' | 'floor' | null }): Tensor;
    true_divide(other: TensorOrScalar): Tensor;
    pow(exponent: TensorOrScalar): Tensor;
    remainder(other: TensorOrScalar): Tensor;
    fmod(other: TensorOrScalar): Tensor;
    maximum(other: TensorOrScalar): Tensor;
    minimum(other: TensorOrScalar): Tensor;
    atan2(other: TensorOrScalar): Tensor;
    eq(other: TensorOrScalar): Tensor;
    ne(other: TensorOrScalar): Tensor;
    lt(other: TensorOrScalar): Tensor;
    le(other: TensorOrScalar): Tensor;
    gt(other: TensorOrScalar): Tensor;
    ge(other: TensorOrScalar): Tensor;
    logical_and(other: TensorOrScalar): Tensor;
    logical_or(other: TensorOrScalar): Tensor;
    logical_xor(other: TensorOrScalar): Tensor;
    logical_not(): Tensor;
    isnan(): Tensor;
    isinf(): Tensor;
    isfinite(): Tensor;
    neg(): Tensor;
    negative(): Tensor;
    abs(): Tensor;
    sign(): Tensor;
    exp(): Tensor;
    log(): Tensor;
    log2(): Tensor;
    log1p(): Tensor;
    expm1(): Tensor;
    sqrt(): Tensor;
    rsqrt(): Tensor;
    square(): Tensor;
    reciprocal(): Tensor;
    tanh(): Tensor;
    sigmoid(): Tensor;
    relu(): Tensor;
    sin(): Tensor;
    cos(): Tensor;
    floor(): Tensor;
    ceil(): Tensor;
    /** Half to even; `{decimals}` as PyTorch. */
    round(opts?: { decimals?: number }): Tensor;
    trunc(): Tensor;
    erf(): Tensor;
    where(condition: Tensor, other: TensorOrScalar): Tensor;
    add_(other: TensorOrScalar, opts?: { alpha?: number }): Tensor;
    sub_(other: TensorOrScalar, opts?: { alpha?: number }): Tensor;
    mul_(other: TensorOrScalar): Tensor;
    div_(other: TensorOrScalar, opts?: { rounding_mode?: 'trunc' | 'floor' | null }): Tensor;
    pow_(exponent: TensorOrScalar): Tensor;
    neg_(): Tensor;
    exp_(): Tensor;
    sqrt_(): Tensor;
    tanh_(): Tensor;
    sigmoid_(): Tensor;
    relu_(): Tensor;
    abs_(): Tensor;
    maximum_(other: TensorOrScalar): Tensor;
    addcmul_(t1: Tensor, t2: Tensor, opts?: { value?: number }): Tensor;
    addcdiv_(t1: Tensor, t2: Tensor, opts?: { value?: number }): Tensor;
    lerp_(end: Tensor, weight: number | Tensor): Tensor;
  }
}

const P = Tensor.prototype;
P.add = function (o, opts) { return add(this, o, opts); };
P.sub = function (o, opts) { return sub(this, o, opts); };
P.mul = function (o) { return mul(this, o); };
P.div = function (o, opts) { return div(this, o, opts); };
P.true_divide = function (o) { return div(this, o); };
P.pow = function (e) { return pow(this, e); };
P.remainder = function (o) { return remainder(this, o); };
P.fmod = function (o) { return fmod(this, o); };
P.maximum = function (o) { return maximum(this, o); };
P.minimum = function (o) { return minimum(this, o); };
P.atan2 = function (o) { return atan2(this, o); };
for (const n of ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logical_and', 'logical_or', 'logical_xor'] as const)
  (P as any)[n] = function (this: Tensor, o: TS) { return binaryRaw(n, this, o); };
for (const n of ['logical_not', 'isnan', 'isinf', 'isfinite'] as const) (P as any)[n] = function (this: Tensor) { return unaryRaw(n, this); };
for (const n of ['neg', 'abs', 'sign', 'exp', 'log', 'log2', 'log1p', 'expm1', 'sqrt', 'rsqrt', 'square', 'reciprocal', 'tanh', 'sigmoid', 'relu', 'sin', 'cos', 'floor', 'ceil', 'trunc', 'erf'] as const)
  (P as any)[n] = function (this: Tensor) { return unaryOp(n, this); };
P.negative = function () { return neg(this); };
P.round = function (opts?: { decimals?: number }) { return round(this, opts); };
P.where = function (cond, other) { return where(cond, this, other); };
for (const n of ['add', 'sub', 'mul', 'pow', 'maximum'] as const)
  (P as any)[n + '_'] = function (this: Tensor, o: TS, opts?: { alpha?: number }) {
    const alpha = opts?.alpha ?? 1;
    if (n === 'pow' && !this.dtype.is_floating_point) void pow(this, o); // PyTorch's negative-power check
    if (n === 'add' && alpha !== 1 && o instanceof Tensor && scaledAddFused(this, o)) {
      checkInterrupt();
      return inplace(this, (old) => binaryOp('add', old, mul(o, alpha)), () => void getKernel('add_scaled_', 'cpu')(this, o, alpha), [o]);
    }
    return binaryInplace(n, this, alpha === 1 ? o : typeof o === 'number' ? o * alpha : mul(o, alpha));
  };
P.div_ = function (o, opts) {
  if (opts?.rounding_mode == null) return binaryInplace('div', this, o);
  const r = div(this.detach(), o, opts); // type check first: an integer quotient casts back, a float one not into ints
  checkCastBack(r.dtype, this);
  return inplace(this, (old) => div(old, o, opts), undefined, [o]);
};
for (const n of ['neg', 'exp', 'sqrt', 'tanh', 'sigmoid', 'relu', 'abs'] as const)
  (P as any)[n + '_'] = function (this: Tensor) {
    if (n === 'neg') checkBoolNeg(this);
    if (n === 'relu' && this.dtype === bool) throw new RuntimeError('Boolean inputs not supported for relu');
    checkCastBack(unaryOutDtype(n, this), this);
    return inplace(this, (old) => unaryOp(n, old), this.is_contiguous() && this.device.type === 'cpu' ? () => void unaryRaw(n, this, this) : undefined);
  };
// addcmul_/addcdiv_: the optimizers' arithmetic (add_ of the product), the node named as PyTorch's
// (was AddBackward0; an update through a view shows CopySlices, as PyTorch's). lerp_ is in pointwise.ts.
const namedInplace = (self: Tensor, before: unknown, name: string): Tensor => {
  const f = self._gradFn;
  if (f && f !== before && !self._base) f._name = name;
  return self;
};
P.addcmul_ = function (t1, t2, opts) { const f = this._gradFn; return namedInplace(this.add_(mul(t1, t2).mul(opts?.value ?? 1)), f, 'AddcmulBackward0'); };
P.addcdiv_ = function (t1, t2, opts) { const f = this._gradFn; return namedInplace(this.add_(div(t1, t2).mul(opts?.value ?? 1)), f, 'AddcdivBackward0'); };
