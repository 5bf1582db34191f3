// Unary math a textbook exercise reaches for past the seed: asinh/acosh/atanh (and the arc*
// names), erfc, lgamma, digamma, logit, deg2rad/rad2deg, sgn, signbit, sinc, isposinf/isneginf/
// isreal. Values on the CPU come from float64 loops rounded once (pointwise-cpu.ts); on another
// device from public ops where a composition is accurate, else a clear CPU-only error.
// Gradients are PyTorch's formulas, with its grad_fn names.
import { RuntimeError } from '../errors';
import { record } from '../autograd';
import { parseArgs } from '../args';
import { bool, float64, int32 } from '../dtype';
import { named, type NamedTuple } from './linalg-decomp';
import { state } from '../state';
import { Tensor } from '../tensor';
import { inplaceOf } from './inplace';
import { mapUnaryCpu } from './pointwise-cpu';
import { erfcFraction, erfSeries } from './unary-math';

const floatOf = (x: Tensor) => (x.dtype.is_floating_point ? x.dtype : state.defaultDtype);
const onCpu = (x: Tensor) => x.device.type === 'cpu';

/** A float-valued unary op: `cpu` per element on the CPU, `other` (public ops, detached input) elsewhere. */
function floatUnary(op: string, x: Tensor, cpu: (v: number) => number, other?: (d: Tensor) => Tensor): Tensor {
  if (onCpu(x) || !other) return mapUnaryCpu(op, x, floatOf(x), cpu);
  return other(x.detach().to(floatOf(x)));
}

/** Inverse hyperbolic sine. @example torch.asinh(torch.tensor([0.5])) */
export function asinh(x: Tensor): Tensor {
  const out = floatUnary('asinh', x, Math.asinh, (d) => d.abs().add(d.square().add(1).sqrt()).log().mul(d.sign()));
  return record(out, 'AsinhBackward0', [x], (g) => [g.div(x.square().add(1).sqrt())], [x]);
}
/** Inverse hyperbolic cosine (NaN below 1). @example torch.acosh(torch.tensor([2.])) */
export function acosh(x: Tensor): Tensor {
  const out = floatUnary('acosh', x, Math.acosh, (d) => d.add(d.square().sub(1).sqrt()).log());
  return record(out, 'AcoshBackward0', [x], (g) => [g.mul(x.square().sub(1).rsqrt())], [x]);
}
/** Inverse hyperbolic tangent (±inf at ±1, NaN outside). @example torch.atanh(torch.tensor([0.5])) */
export function atanh(x: Tensor): Tensor {
  const out = floatUnary('atanh', x, Math.atanh, (d) => d.add(1).div(d.neg().add(1)).log().mul(0.5));
  return record(out, 'AtanhBackward0', [x], (g) => [g.div(x.square().neg().add(1))], [x]);
}
export { asinh as arcsinh, acosh as arccosh, atanh as arctanh };

/** erfc of one number (float64). */
function erfcScalar(v: number): number {
  if (v !== v) return NaN;
  if (v < 0) return 2 - erfcScalar(-v);
  return v <= 3 ? 1 - erfSeries(v) : erfcFraction(v);
}
/** The complementary error function, `1 − erf(x)`, accurate in the tail. @example torch.erfc(torch.tensor([0., 3.])) */
export function erfc(x: Tensor): Tensor {
  const out = floatUnary('erfc', x, erfcScalar, (d) => d.erf().neg().add(1));
  return record(out, 'ErfcBackward0', [x], (g) => [g.mul(x.square().neg().exp()).mul(-2 / Math.sqrt(Math.PI))], [x]);
}

// ---- lgamma, digamma (CPU) --------------------------------------------------------------------------
const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
/** log|Γ(v)| (Lanczos, g = 7, with the reflection formula below 0.5). */
function lgammaScalar(v: number): number {
  if (v !== v) return NaN;
  if (v === Infinity || v === -Infinity) return Infinity;
  if (v <= 0 && Number.isInteger(v)) return Infinity;
  if (v < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * v))) - lgammaScalar(1 - v);
  if (v === 1 || v === 2) return 0;
  const z = v - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}
/** ψ(v), the derivative of lgamma (recurrence up to 6, then the asymptotic series). */
function digammaScalar(v: number): number {
  if (v !== v || v === -Infinity) return NaN;
  if (v === 0) return Object.is(v, -0) ? Infinity : -Infinity; // PyTorch: digamma(±0) = ∓inf
  if (v < 0) {
    if (Number.isInteger(v)) return NaN;
    return digammaScalar(1 - v) - Math.PI / Math.tan(Math.PI * v);
  }
  let r = 0;
  while (v < 6) { r -= 1 / v; v += 1; }
  const f = 1 / (v * v);
  return r + Math.log(v) - 0.5 / v - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))));
}
/** ψ′(v), the trigamma function (digamma's gradient). */
function trigammaScalar(v: number): number {
  if (v <= 0 && Number.isInteger(v)) return Infinity;
  if (v < 0) { const s = Math.PI / Math.sin(Math.PI * v); return -trigammaScalar(1 - v) + s * s; }
  let r = 0;
  while (v < 6) { r += 1 / (v * v); v += 1; }
  const f = 1 / (v * v);
  return r + 1 / v + f / 2 + (1 / 6 - f * (1 / 30 - f * (1 / 42 - f / 30))) * f / v;
}

/** log|Γ(x)| (CPU). @example torch.lgamma(torch.tensor([0.5, 3.])) */
export function lgamma(x: Tensor): Tensor {
  const out = floatUnary('lgamma', x, lgammaScalar);
  return record(out, 'LgammaBackward0', [x], (g) => [g.mul(digamma(x))], [x]);
}
/** The digamma function ψ(x) = d/dx lgamma(x) (CPU). @example torch.digamma(torch.tensor([1.])) // -0.5772 */
export function digamma(x: Tensor): Tensor {
  const out = floatUnary('digamma', x, digammaScalar);
  return record(out, 'DigammaBackward0', [x], (g) => [g.mul(mapUnaryCpu('polygamma', x, floatOf(x), trigammaScalar))], [x]);
}

// ---- polygamma, mvlgamma, i0 (CPU) ------------------------------------------------------------------
const BERN = [1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6, -3617 / 510];
const factorial = (n: number) => { let f = 1; for (let i = 2; i <= n; i++) f *= i; return f; };
/** ψ⁽ⁿ⁾(v) for n ≥ 1: the recurrence up to v ≥ 20 + n, then the asymptotic series with Bernoulli numbers. */
function polygammaScalar(n: number, v: number): number {
  if (n === 0) return digammaScalar(v);
  if (v !== v) return NaN;
  if (v <= 0 && Number.isInteger(v)) return n % 2 ? Infinity : NaN;
  const sign = n % 2 ? 1 : -1, nf = factorial(n);
  let r = 0;
  if (v < 0) return NaN; // PyTorch's real polygamma is defined through the Hurwitz zeta, NaN below 0
  while (v < 20 + n) { r += sign * nf / v ** (n + 1); v += 1; }
  let s = factorial(n - 1) / v ** n + nf / (2 * v ** (n + 1));
  for (let k = 1; k <= BERN.length; k++) s += (BERN[k - 1] * factorial(2 * k + n - 1)) / (factorial(2 * k) * v ** (2 * k + n));
  return r + sign * s;
}
/** The n-th derivative of digamma (n = 0 is digamma) (CPU). @example torch.polygamma(1, torch.tensor([1.])) // tensor([1.6449]) */
export function polygamma(n: number, x: Tensor): Tensor {
  if (!Number.isInteger(n) || n < 0) throw new RuntimeError('polygamma(n, x) does not support negative n.');
  const out = floatUnary('polygamma', x, (v) => polygammaScalar(n, v));
  return record(out, 'PolygammaBackward0', [x], (g) => [g.mul(polygamma(n + 1, x))], [x]);
}
/** The multivariate log-gamma of dimension p: Σᵢ lgamma(x − i/2) + p(p−1)/4·log π (CPU). @example torch.mvlgamma(torch.tensor([2.5]), 2) */
export function mvlgamma(x: Tensor, ...args: unknown[]): Tensor {
  const { p } = parseArgs<{ p: number }>('mvlgamma', args, ['p']);
  if (!(p >= 1)) throw new RuntimeError('p has to be greater than or equal to 1');
  const c = (p * (p - 1) / 4) * Math.log(Math.PI);
  const out = floatUnary('mvlgamma', x, (v) => { let s = c; for (let i = 0; i < p; i++) s += lgammaScalar(v - i / 2); return s; });
  return record(out, 'MvlgammaBackward0', [x], (g) => {
    let d = digamma(x);
    for (let i = 1; i < p; i++) d = d.add(digamma(x.sub(i / 2)));
    return [g.mul(d)];
  }, [x]);
}
/** Iν(v) for ν = 0, 1 by its power series (float64). */
function besselI(nu: 0 | 1, v: number): number {
  const h = v / 2;
  let term = nu ? h : 1, sum = term;
  for (let k = 1; k < 500; k++) {
    term *= (h * h) / (k * (k + nu));
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}
/** The modified Bessel function of the first kind, order 0 (CPU). @example torch.i0(torch.tensor([0., 1.])) */
export function i0(x: Tensor): Tensor {
  const out = floatUnary('i0', x, (v) => besselI(0, v));
  return record(out, 'I0Backward0', [x], (g) => [g.mul(mapUnaryCpu('i1', x, floatOf(x), (v) => besselI(1, v)))], [x]);
}

/** `(mantissa, exponent)` with x = mantissa · 2^exponent, |mantissa| in [0.5, 1) (exponent int32; CPU). @example torch.frexp(torch.tensor([8.])).exponent // tensor([4], dtype=torch.int32) */
export function frexp(x: Tensor): NamedTuple<'mantissa' | 'exponent'> {
  if (!x.dtype.is_floating_point) throw new RuntimeError('torch.frexp() only supports floating-point dtypes');
  const expOf = (v: number) => {
    if (v === 0 || !Number.isFinite(v)) return 0;
    let e = Math.floor(Math.log2(Math.abs(v))) + 1;
    if (Math.abs(v / 2 ** e) >= 1) e++;
    else if (Math.abs(v / 2 ** e) < 0.5) e--;
    return e;
  };
  const exponent = mapUnaryCpu('frexp', x, int32, expOf);
  const m = mapUnaryCpu('frexp', x, x.dtype, (v) => (v === 0 || !Number.isFinite(v) ? v : v / 2 ** expOf(v)));
  const mantissa = record(m, 'FrexpBackward0', [x], (g) => [g.div(exponent.to(g.dtype).exp2())]);
  return named('frexp', ['mantissa', 'exponent'], [mantissa, exponent]);
}

// ---- composed ---------------------------------------------------------------------------------------
/** `log(z / (1 − z))`, z = x clamped to [eps, 1 − eps] when eps is given. @example torch.logit(torch.tensor([0.25, 0.5]), 1e-6) */
export function logit(x: Tensor, ...args: unknown[]): Tensor {
  const { eps } = parseArgs<{ eps: number | null }>('logit', args, ['eps'], { eps: null });
  const d = x.detach().to(floatOf(x));
  const z = eps == null ? d : d.clamp(eps, 1 - eps);
  const out = z.div(z.neg().add(1)).log();
  return record(out, 'LogitBackward0', [x], (g) => {
    const r = g.div(x.mul(x.neg().add(1)));
    return [eps == null ? r : r.masked_fill(x.lt(eps).logical_or(x.gt(1 - eps)), 0)];
  }, [x]);
}
/** Degrees to radians. @example torch.deg2rad(torch.tensor([180.])) */
export function deg2rad(x: Tensor): Tensor {
  const out = x.detach().to(floatOf(x)).mul(Math.PI / 180);
  return record(out, 'Deg2RadBackward0', [x], (g) => [g.mul(Math.PI / 180)], []);
}
/** Radians to degrees. @example torch.rad2deg(torch.tensor([Math.PI])) */
export function rad2deg(x: Tensor): Tensor {
  const out = x.detach().to(floatOf(x)).mul(180 / Math.PI);
  return record(out, 'Rad2DegBackward0', [x], (g) => [g.mul(180 / Math.PI)], []);
}
/** `sgn`: the sign, as `sign` for real tensors. @example torch.sgn(torch.tensor([-2., 0., 3.])) */
export function sgn(x: Tensor): Tensor {
  const out = x.detach().sign();
  return record(out, 'SgnBackward0', [x], (g) => [g.mul(0)], []);
}
/** Whether the sign bit is set (true for −0). @example torch.signbit(torch.tensor([-0., 1.])) // tensor([ True, False]) */
export function signbit(x: Tensor): Tensor {
  if (onCpu(x)) return mapUnaryCpu('signbit', x, bool, (v) => (v < 0 || Object.is(v, -0) ? 1 : 0));
  const d = x.detach();
  return d.lt(0).logical_or(d.eq(0).logical_and(d.reciprocal().lt(0)));
}
function sincScalar32(a: number): number {
  if (a === 0) return 1;
  const p = Math.fround(Math.fround(Math.PI) * a);
  return Math.fround(Math.sin(p)) / p;
}
/** The normalized sinc, sin(πx)/(πx) (1 at 0). @example torch.sinc(torch.tensor([0., 0.5])) */
export function sinc(x: Tensor): Tensor {
  const dt = floatOf(x);
  const f64 = (a: number) => (a === 0 ? 1 : Math.sin(Math.PI * a) / (Math.PI * a));
  const out = floatUnary('sinc', x, dt === float64 ? f64 : sincScalar32, (d) => {
    const p = d.mul(Math.PI);
    return p.sin().div(p).masked_fill(d.eq(0), 1);
  });
  return record(out, 'SincBackward0', [x], (g) => {
    const p = x.mul(Math.PI);
    const d = p.mul(p.cos()).sub(p.sin()).div(p.mul(x));
    return [g.mul(d.masked_fill(x.eq(0), 0))];
  }, [x]);
}
/** Where x is +inf. @example torch.isposinf(torch.tensor([Infinity, 1.])) */
export const isposinf = (x: Tensor): Tensor => x.detach().eq(Infinity);
/** Where x is −inf. @example torch.isneginf(torch.tensor([-Infinity, 1.])) */
export const isneginf = (x: Tensor): Tensor => x.detach().eq(-Infinity);
/** Whether each element is real: always true (Torchlit has no complex dtypes). @example torch.isreal(torch.tensor([1.])) */
export const isreal = (x: Tensor): Tensor => x.detach().eq(x.detach()).logical_or(true);

declare module '../tensor' {
  interface Tensor {
    asinh(): Tensor; acosh(): Tensor; atanh(): Tensor; arcsinh(): Tensor; arccosh(): Tensor; arctanh(): Tensor;
    asinh_(): Tensor; acosh_(): Tensor; atanh_(): Tensor; arcsinh_(): Tensor; arccosh_(): Tensor; arctanh_(): Tensor;
    erfc(): Tensor; erfc_(): Tensor; lgamma(): Tensor; lgamma_(): Tensor; digamma(): Tensor; digamma_(): Tensor;
    /** `log(p / (1 − p))`, with `eps` clamping p first. @example torch.tensor([0.25, 0.5]).logit(1e-6) */
    logit(eps?: number | null | { eps?: number | null }): Tensor;
    logit_(eps?: number | null | { eps?: number | null }): Tensor;
    deg2rad(): Tensor; deg2rad_(): Tensor; rad2deg(): Tensor; rad2deg_(): Tensor;
    sgn(): Tensor; sgn_(): Tensor; signbit(): Tensor; sinc(): Tensor; sinc_(): Tensor;
    isposinf(): Tensor; isneginf(): Tensor; isreal(): Tensor;
    frexp(): NamedTuple<'mantissa' | 'exponent'>;
    polygamma(n: number): Tensor; polygamma_(n: number): Tensor; mvlgamma(p: number): Tensor; mvlgamma_(p: number): Tensor; i0(): Tensor; i0_(): Tensor;
  }
}
const P = Tensor.prototype as unknown as Record<string, unknown>;
const FNS: Record<string, (x: Tensor) => Tensor> = {
  asinh, acosh, atanh, arcsinh: asinh, arccosh: acosh, arctanh: atanh, erfc, lgamma, digamma, deg2rad, rad2deg, sgn, sinc,
};
for (const [n, f] of Object.entries(FNS)) {
  P[n] = function (this: Tensor) { return f(this); };
  P[n + '_'] = function (this: Tensor) { return inplaceOf(this, f); };
}
for (const [n, f] of Object.entries({ signbit, isposinf, isneginf, isreal })) P[n] = function (this: Tensor) { return f(this); };
P.frexp = function (this: Tensor) { return frexp(this); };
P.polygamma = function (this: Tensor, n: number) { return polygamma(n, this); };
P.polygamma_ = function (this: Tensor, n: number) { return inplaceOf(this, (t) => polygamma(n, t)); };
P.mvlgamma = function (this: Tensor, ...a: unknown[]) { return mvlgamma(this, ...a); };
P.mvlgamma_ = function (this: Tensor, ...a: unknown[]) { return inplaceOf(this, (t) => mvlgamma(t, ...a)); };
P.i0 = function (this: Tensor) { return i0(this); };
P.i0_ = function (this: Tensor) { return inplaceOf(this, i0); };
P.logit = function (this: Tensor, ...a: unknown[]) { return logit(this, ...a); };
P.logit_ = function (this: Tensor, ...a: unknown[]) { return inplaceOf(this, (t) => logit(t, ...a)); };
