// Unary math past the seed: tan, asin, acos, atan, sinh, cosh, exp2 (one kernel line each in
// backend/elementwise-spec.ts), erfinv (CPU), and the in-place forms (`x.tan_()`, `x.log_()`, …) of
// these and the seed's unary ops. Gradients are PyTorch's formulas, with its grad_fn names.
import { needsGrad, record } from '../autograd';
import { Tensor } from '../tensor';
import { inplaceOf } from './inplace';
import { requireCpu } from './lanes';
import { unaryOutDtype, unaryRaw } from './raw';

type Grad = (g: Tensor, x: Tensor, out: Tensor) => Tensor;
const RULES: Record<string, [string, Grad, 'x' | 'out']> = {
  tan: ['TanBackward0', (g, _x, out) => g.mul(out.mul(out).add(1)), 'out'],
  asin: ['AsinBackward0', (g, x) => g.div(x.mul(x).neg().add(1).sqrt()), 'x'],
  acos: ['AcosBackward0', (g, x) => g.div(x.mul(x).neg().add(1).sqrt()).neg(), 'x'],
  atan: ['AtanBackward0', (g, x) => g.div(x.mul(x).add(1)), 'x'],
  sinh: ['SinhBackward0', (g, x) => g.mul(x.cosh()), 'x'],
  cosh: ['CoshBackward0', (g, x) => g.mul(x.sinh()), 'x'],
  exp2: ['Exp2Backward0', (g, _x, out) => g.mul(out).mul(Math.LN2), 'out'],
};

function unary(name: string, x: Tensor): Tensor {
  const out = unaryRaw(name, x);
  if (!needsGrad(x)) return out;
  const [gname, rule, saves] = RULES[name];
  return record(out, gname, [x], (g) => [rule(g, x, out)], [saves === 'out' ? out : x]);
}

/** Tangent. @example torch.tan(torch.tensor([0.5])) */
export const tan = (x: Tensor): Tensor => unary('tan', x);
/** Arcsine (NaN outside [-1, 1]). @example torch.asin(torch.tensor([0.5])) */
export const asin = (x: Tensor): Tensor => unary('asin', x);
/** Arccosine (NaN outside [-1, 1]). @example torch.acos(torch.tensor([0.5])) */
export const acos = (x: Tensor): Tensor => unary('acos', x);
/** Arctangent. @example torch.atan(torch.tensor([1.])) */
export const atan = (x: Tensor): Tensor => unary('atan', x);
/** Hyperbolic sine. @example torch.sinh(torch.tensor([1.])) */
export const sinh = (x: Tensor): Tensor => unary('sinh', x);
/** Hyperbolic cosine. @example torch.cosh(torch.tensor([1.])) */
export const cosh = (x: Tensor): Tensor => unary('cosh', x);
/** `2 ** x`. @example torch.exp2(torch.tensor([3.])) */
export const exp2 = (x: Tensor): Tensor => unary('exp2', x);
export { asin as arcsin, acos as arccos, atan as arctan };

// ---- erfinv ----------------------------------------------------------------------------------------
const TWO_OVER_SQRT_PI = 1.1283791670955126;

/** erf(y) for |y| <= 3 by its Taylor series (float64; ~1e-15 absolute). */
export function erfSeries(y: number): number {
  let term = y, sum = y;
  for (let n = 1; n < 200; n++) {
    term *= (-y * y) / n;
    const t = term / (2 * n + 1);
    sum += t;
    if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * sum;
}
/** erfc(y) for y > 3 by its continued fraction (Lentz). */
export function erfcFraction(y: number): number {
  // erfc(y) = exp(-y²)/√π · 1/(y + 1/2/(y + 1/(y + 3/2/(y + …))))
  let f = y, C = y, D = 0;
  for (let k = 1; k < 300; k++) {
    const a = k / 2;
    D = y + a * D;
    D = 1 / D;
    C = y + a / C;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-y * y) / Math.sqrt(Math.PI) / f;
}

/** The inverse error function of one number, to float64 accuracy (a start from Giles' approximation, then Newton steps). */
function erfinvScalar(x: number): number {
  if (Number.isNaN(x) || x < -1 || x > 1) return NaN;
  if (x === 1) return Infinity;
  if (x === -1) return -Infinity;
  if (x === 0) return x;
  const s = Math.sign(x), a = Math.abs(x);
  let w = -Math.log((1 - a) * (1 + a)), p: number;
  if (w < 5) {
    w -= 2.5;
    p = 2.81022636e-8;
    for (const c of [3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 0.00021858087, -0.00125372503, -0.00417768164, 0.246640727, 1.50140941]) p = c + p * w;
  } else {
    w = Math.sqrt(w) - 3;
    p = -0.000200214257;
    for (const c of [0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613, 0.00943887047, 1.00167406, 2.83297682]) p = c + p * w;
  }
  let y = p * a;
  for (let i = 0; i < 4; i++) {
    const e = y <= 3 ? erfSeries(y) - a : (1 - a) - erfcFraction(y);
    const step = e / (TWO_OVER_SQRT_PI * Math.exp(-y * y));
    if (!Number.isFinite(step)) break;
    y -= step;
    if (Math.abs(step) < 1e-16 * y) break;
  }
  return s * y;
}

/** The inverse error function (CPU). @example torch.erfinv(torch.tensor([0., 0.5, -1.])) */
export function erfinv(x: Tensor): Tensor {
  requireCpu('erfinv', x);
  const dtype = x.dtype.is_floating_point ? x.dtype : unaryOutDtype('erf', x);
  const src = x.detach().to(dtype)._cpuContiguous();
  const out = Tensor._empty(x._shape, dtype);
  const o = out._storage.data!;
  for (let i = 0; i < src.length; i++) o[i] = erfinvScalar(src[i]);
  // d/dx erfinv(x) = √π/2 · exp(erfinv(x)²)
  return record(out, 'ErfinvBackward0', [x], (g) => [g.mul(out.square().exp().mul(Math.sqrt(Math.PI) / 2))], [x]);
}

declare module '../tensor' {
  interface Tensor {
    tan(): Tensor;
    asin(): Tensor;
    acos(): Tensor;
    atan(): Tensor;
    arcsin(): Tensor;
    arccos(): Tensor;
    arctan(): Tensor;
    sinh(): Tensor;
    cosh(): Tensor;
    exp2(): Tensor;
    erfinv(): Tensor;
    tan_(): Tensor;
    sinh_(): Tensor;
    cosh_(): Tensor;
    asin_(): Tensor;
    acos_(): Tensor;
    atan_(): Tensor;
    log_(): Tensor;
    log2_(): Tensor;
    log1p_(): Tensor;
    sin_(): Tensor;
    cos_(): Tensor;
    floor_(): Tensor;
    ceil_(): Tensor;
    round_(): Tensor;
    trunc_(): Tensor;
    reciprocal_(): Tensor;
    square_(): Tensor;
    sign_(): Tensor;
    erf_(): Tensor;
    erfinv_(): Tensor;
  }
}
const P = Tensor.prototype as unknown as Record<string, unknown>;
const FNS: Record<string, (x: Tensor) => Tensor> = { tan, asin, acos, atan, sinh, cosh, exp2, erfinv, arcsin: asin, arccos: acos, arctan: atan };
for (const [n, f] of Object.entries(FNS)) P[n] = function (this: Tensor) { return f(this); };

for (const n of ['tan', 'sinh', 'cosh', 'asin', 'acos', 'atan', 'erfinv'])
  P[n + '_'] = function (this: Tensor) { return inplaceOf(this, FNS[n]); };
for (const n of ['log', 'log2', 'log1p', 'sin', 'cos', 'floor', 'ceil', 'trunc', 'reciprocal', 'square', 'sign', 'erf'])
  P[n + '_'] = function (this: Tensor) { return inplaceOf(this, (t) => (t as unknown as Record<string, () => Tensor>)[n]()); };
P.round_ = function (this: Tensor, ...a: unknown[]) { return inplaceOf(this, (t) => (t.round as (...x: unknown[]) => Tensor)(...a)); };
