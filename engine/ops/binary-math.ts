// Binary math past the seed: xlogy, hypot, logaddexp/logaddexp2, heaviside, fmax/fmin,
// float_power, copysign, nextafter, ldexp. PyTorch's dtype rules (result_type, float-only
// kernels that refuse integers with its words), broadcasting, and its grad_fn names and formulas.
import { Node, needsGrad, record } from '../autograd';
import { RuntimeError } from '../errors';
import { float32, float64, scalarTypeName } from '../dtype';
import { state } from '../state';
import { Tensor, type TensorOrScalar } from '../tensor';
import { inplace, inplaceOf } from './inplace';
import { mapBinaryCpu, notImplementedFor, promoted, requireTensorOther } from './pointwise-cpu';
import { sumToShape } from './util';

type TS = TensorOrScalar;
const tensors = (...xs: TS[]) => xs.filter((x): x is Tensor => x instanceof Tensor);
const detach = (x: TS): TS => (x instanceof Tensor ? x.detach() : x);
const allCpu = (...xs: TS[]) => tensors(...xs).every((t) => t.device.type === 'cpu');
const floatPromoted = (a: TS, b: TS) => { const d = promoted(a, b); return d.is_floating_point ? d : state.defaultDtype; };

/**
 * Records a binary op: `grads(g)` gives the gradient of each of a, b (null where none), summed back
 * over broadcasting; `names` is PyTorch's grad_fn name for [both tensors, a number first, a number second].
 */
function record2(out: Tensor, a: TS, b: TS, names: [string, string, string], grads: (g: Tensor) => [Tensor | null, Tensor | null]): Tensor {
  const ins = tensors(a, b);
  if (!needsGrad(...ins)) return out;
  const name = a instanceof Tensor && b instanceof Tensor ? names[0] : a instanceof Tensor ? names[2] : names[1];
  return record(out, name, ins, (g) => {
    const [ga, gb] = grads(g);
    const r: (Tensor | null)[] = [];
    if (a instanceof Tensor) r.push(ga ? sumToShape(ga, a._shape) : null);
    if (b instanceof Tensor) r.push(gb ? sumToShape(gb, b._shape) : null);
    return r;
  }, ins);
}

/** PyTorch's node for an op without a derivative: backward through it raises. */
function notDifferentiable(out: Tensor, op: string, ins: Tensor[]): Tensor {
  if (!needsGrad(...ins)) return out;
  out.grad_fn = new Node('torch::autograd::NotImplemented', ins, () => {
    throw new RuntimeError(`the derivative for '${op}' is not implemented.`);
  });
  out._requires_grad = true;
  return out;
}

function floatOnly(op: string, a: TS, b: TS): void {
  const d = promoted(a, b);
  if (!d.is_floating_point) notImplementedFor(op, d);
}

/** `x · log(y)`, 0 where x is 0 (unless y is NaN). @example torch.xlogy(torch.tensor([0., 2.]), torch.tensor([0., 3.])) */
export function xlogy(x: TS, y: TS): Tensor {
  if (!(x instanceof Tensor) && !(y instanceof Tensor)) throw new TypeError('xlogy(): at least one of the arguments must be a Tensor');
  const dt = floatPromoted(x, y);
  const X = x instanceof Tensor ? x.detach().to(dt) : x, Y = y instanceof Tensor ? y.detach().to(dt) : y;
  const yT = Y instanceof Tensor ? Y : (X as Tensor).new_full([], Y as number);
  const raw = yT.log().mul(X);
  const out = raw.masked_fill(yT.isnan().logical_not().logical_and(X instanceof Tensor ? X.eq(0) : (X as number) === 0), 0).to(dt);
  return record2(out, x, y, ['XlogyBackward0', 'XlogyBackward1', 'XlogyBackward2'], (g) => [
    x instanceof Tensor ? xlogy(g, y).masked_fill(x.eq(0).logical_and(y instanceof Tensor ? y.le(0) : (y as number) <= 0), 0) : null,
    y instanceof Tensor ? g.mul(x).div(y) : null,
  ]);
}

/** `sqrt(a² + b²)` without overflow (floating dtypes). @example torch.hypot(torch.tensor([3.]), torch.tensor([4.])) */
export function hypot(a: Tensor, b: TS): Tensor {
  requireTensorOther('hypot', b);
  floatOnly('hypot', a, b);
  const dt = promoted(a, b);
  const out = allCpu(a, b) ? mapBinaryCpu('hypot', a, b, dt, Math.hypot) : composedHypot(a.detach(), (b as Tensor).detach());
  return record2(out, a, b, ['HypotBackward0', 'HypotBackward0', 'HypotBackward0'], (g) => [g.mul(a).div(out), b instanceof Tensor ? g.mul(b).div(out) : null]);
}

/** m·sqrt(1 + (n/m)²) with m = max(|a|, |b|): no overflow of a² (3e30 → inf); inf wins over NaN, as C's hypot. */
function composedHypot(a: Tensor, b: Tensor): Tensor {
  const A = a.abs(), B = b.abs(), m = A.maximum(B), n = A.minimum(B);
  const r = m.mul(n.div(m).square().add(1).sqrt()).masked_fill(m.eq(0), 0);
  return r.masked_fill(A.eq(Infinity).logical_or(B.eq(Infinity)), Infinity);
}

function logAddExpScalar(x: number, y: number): number {
  if (x === y && !Number.isFinite(x)) return x; // ±inf and ±inf: no inf − inf
  const m = Math.max(x, y);
  return x !== x || y !== y ? NaN : m + Math.log1p(Math.exp(-Math.abs(x - y)));
}
/** `log(exp(a) + exp(b))` without overflow. @example torch.logaddexp(torch.tensor([-100.]), torch.tensor([-101.])) */
export function logaddexp(a: Tensor, b: TS): Tensor {
  requireTensorOther('logaddexp', b);
  floatOnly('logaddexp', a, b);
  const dt = promoted(a, b);
  const out = allCpu(a, b) ? mapBinaryCpu('logaddexp', a, b, dt, logAddExpScalar) : composedLae(detach(a) as Tensor, detach(b), 1);
  return record2(out, a, b, ['LogaddexpBackward0', 'LogaddexpBackward0', 'LogaddexpBackward0'], (g) => [
    g.div(sub(b, a).exp().add(1)), b instanceof Tensor ? g.div(a.sub(b).exp().add(1)) : null,
  ]);
}
/** `log2(2^a + 2^b)`. @example torch.logaddexp2(torch.tensor([1.]), torch.tensor([1.])) // tensor([2.]) */
export function logaddexp2(a: Tensor, b: TS): Tensor {
  requireTensorOther('logaddexp2', b);
  floatOnly('logaddexp2', a, b);
  const dt = promoted(a, b);
  const f = (x: number, y: number) => (x === y && !Number.isFinite(x) ? x : x !== x || y !== y ? NaN : Math.max(x, y) + Math.log1p(2 ** -Math.abs(x - y)) / Math.LN2);
  const out = allCpu(a, b) ? mapBinaryCpu('logaddexp2', a, b, dt, f) : composedLae(detach(a) as Tensor, detach(b), Math.LN2);
  return record2(out, a, b, ['Logaddexp2Backward0', 'Logaddexp2Backward0', 'Logaddexp2Backward0'], (g) => [
    g.div(sub(b, a).exp2().add(1)), b instanceof Tensor ? g.div(a.sub(b).exp2().add(1)) : null,
  ]);
}
const sub = (a: TS, b: Tensor): Tensor => (a instanceof Tensor ? a.sub(b) : b.neg().add(a));
/** m + log1p(base^−|a−b|)/ln(base) from public ops (non-CPU devices); `k` is ln(base). */
function composedLae(a: Tensor, b: TS, k: number): Tensor {
  const m = a.maximum(b), d = sub(b, a).abs();
  const r = m.add(d.mul(-k).exp().log1p().div(k));
  return r.where(a.ne(b), a);
}

/** The Heaviside step: 0 below 0, 1 above, `values` at 0 (same dtypes). @example torch.heaviside(x, torch.tensor(0.5)) */
export function heaviside(input: Tensor, values: Tensor): Tensor {
  if (!(values instanceof Tensor)) throw new TypeError(`heaviside(): argument 'values' (position 2) must be Tensor, not ${typeof values === 'number' ? (Number.isInteger(values) ? 'int' : 'float') : typeof values}`);
  if (input.dtype !== values.dtype) throw new RuntimeError('heaviside is not yet implemented for tensors with different dtypes');
  const x = input.detach(), v = values.detach();
  const out = x.gt(0).to(x.dtype).where(x.ne(0), v);
  return notDifferentiable(out, 'heaviside', [input, values]);
}

function fminmax(name: 'fmax' | 'fmin', a: Tensor, b: TS): Tensor {
  requireTensorOther(name, b);
  const A = a.detach(), B = detach(b);
  const Bt = B instanceof Tensor ? B : A.new_full([], B as number);
  const pick = A.isnan().logical_not().logical_and(Bt.isnan().logical_or(name === 'fmax' ? A.ge(Bt) : A.le(Bt)));
  const out = A.where(pick, Bt).to(promoted(a, b));
  // PyTorch: ties go to the first argument entirely; where b is NaN, a gets the gradient
  const keepA = () => (name === 'fmax' ? a.ge(Bt) : a.le(Bt)).logical_or(Bt.isnan());
  const N = name === 'fmax' ? 'FmaxBackward0' : 'FminBackward0';
  return record2(out, a, b, [N, N, N], (g) => [g.masked_fill(keepA().logical_not(), 0), b instanceof Tensor ? g.masked_fill(keepA(), 0) : null]);
}
/** Elementwise maximum that ignores NaN (NaN only where both are). @example torch.fmax(a, b) */
export const fmax = (a: Tensor, b: TS): Tensor => fminmax('fmax', a, b);
/** Elementwise minimum that ignores NaN. @example torch.fmin(a, b) */
export const fmin = (a: Tensor, b: TS): Tensor => fminmax('fmin', a, b);

/** `pow` in float64 (both operands cast to double first). @example torch.float_power(torch.tensor([2]), 3) // tensor([8.], dtype=torch.float64) */
export function float_power(a: TS, b: TS): Tensor {
  const A = a instanceof Tensor ? a.to(float64) : a, B = b instanceof Tensor ? b.to(float64) : b;
  if (!(A instanceof Tensor)) return (B as Tensor).new_full([], A as number).pow(B);
  return A.pow(B);
}

const isNegSign = (v: number) => v < 0 || Object.is(v, -0);
/** |a| with the sign of b (the sign bit of b, so −0 counts as negative). @example torch.copysign(torch.tensor([1., -2.]), -1) */
export function copysign(a: Tensor, b: TS): Tensor {
  const dt = floatPromoted(a, b);
  const out = allCpu(a, b)
    ? mapBinaryCpu('copysign', a, b, dt, (x, y) => (isNegSign(y) ? -Math.abs(x) : Math.abs(x)))
    : (() => { const B = detach(b); const neg = B instanceof Tensor ? B.lt(0).logical_or(B.eq(0).logical_and(B.reciprocal().lt(0))) : isNegSign(Number(B)); return a.detach().to(dt).abs().mul(neg instanceof Tensor ? neg.to(dt).mul(-2).add(1) : neg ? -1 : 1); })();
  return record2(out, a, b, ['CopysignBackward0', 'CopysignBackward0', 'CopysignBackward1'], (g) => [
    g.mul(out.div(a).masked_fill(a.eq(0), 0)), b instanceof Tensor ? g.mul(0) : null,
  ]);
}

const F32 = new Float32Array(1), I32 = new Int32Array(F32.buffer);
const F64 = new Float64Array(1), I64 = new BigInt64Array(F64.buffer);
function nextafter32(x: number, y: number): number {
  if (x !== x || y !== y) return NaN;
  if (x === y) return y;
  if (x === 0) { I32[0] = 1; return y > 0 ? F32[0] : -F32[0]; }
  F32[0] = x;
  I32[0] += (y > x) === (x > 0) ? 1 : -1;
  return F32[0];
}
function nextafter64(x: number, y: number): number {
  if (x !== x || y !== y) return NaN;
  if (x === y) return y;
  if (x === 0) return y > 0 ? Number.MIN_VALUE : -Number.MIN_VALUE;
  F64[0] = x;
  I64[0] += (y > x) === (x > 0) ? 1n : -1n;
  return F64[0];
}
/** The next representable float after `a` toward `b` (CPU; floating dtypes). @example torch.nextafter(torch.tensor([1.]), torch.tensor([2.])) */
export function nextafter(a: Tensor, b: Tensor): Tensor {
  requireTensorOther('nextafter', b);
  floatOnly('nextafter', a, b);
  const dt = promoted(a, b);
  return notDifferentiable(mapBinaryCpu('nextafter', a, b, dt, dt === float32 ? nextafter32 : nextafter64), 'nextafter', [a, b]);
}

/** `a · 2^b`, as PyTorch: `torch.mul(a, torch.pow(2.0, b))`. @example torch.ldexp(torch.tensor([1.]), torch.tensor([3])) // tensor([8.]) */
export function ldexp(a: Tensor, b: Tensor): Tensor {
  requireTensorOther('ldexp', b);
  return a.mul(b.new_full([], 2, { dtype: b.dtype.is_floating_point ? b.dtype : float32 }).pow(b));
}

declare module '../tensor' {
  interface Tensor {
    xlogy(other: TensorOrScalar): Tensor; xlogy_(other: TensorOrScalar): Tensor;
    hypot(other: TensorOrScalar): Tensor; hypot_(other: TensorOrScalar): Tensor;
    logaddexp(other: TensorOrScalar): Tensor; logaddexp2(other: TensorOrScalar): Tensor;
    heaviside(values: Tensor): Tensor; heaviside_(values: Tensor): Tensor;
    fmax(other: TensorOrScalar): Tensor; fmin(other: TensorOrScalar): Tensor;
    float_power(exponent: TensorOrScalar): Tensor; float_power_(exponent: TensorOrScalar): Tensor;
    copysign(other: TensorOrScalar): Tensor; copysign_(other: TensorOrScalar): Tensor;
    nextafter(other: Tensor): Tensor; nextafter_(other: Tensor): Tensor;
    ldexp(other: Tensor): Tensor; ldexp_(other: Tensor): Tensor;
  }
}
const P = Tensor.prototype as unknown as Record<string, unknown>;
const FNS: Record<string, (a: Tensor, b: never) => Tensor> = { xlogy, hypot, logaddexp, logaddexp2, heaviside, fmax, fmin, copysign, nextafter, ldexp };
for (const [n, f] of Object.entries(FNS)) P[n] = function (this: Tensor, o: never) { return f(this, o); };
for (const n of ['xlogy', 'hypot', 'heaviside', 'copysign', 'nextafter', 'ldexp'])
  P[n + '_'] = function (this: Tensor, o: TS) { return inplaceOf(this, (t) => FNS[n](t, o as never)); };
P.float_power = function (this: Tensor, e: TS) { return float_power(this, e); };
P.float_power_ = function (this: Tensor, e: TS) {
  if (this.dtype !== float64) throw new RuntimeError(`the base given to float_power_ has dtype ${scalarTypeName(this.dtype)} but the operation's result requires dtype Double`);
  return inplace(this, (old) => float_power(old, e), undefined, [e]);
};
