// Order statistics and second moments past the seed: quantile/nanquantile (every interpolation),
// nanmedian, msort, logcumsumexp, aminmax, cov (correction, fweights, aweights) and corrcoef.
// Built on sort/gather/lerp (public ops), so the gradient reaches the picked elements as
// PyTorch's does; logcumsumexp runs a CPU scan (a running logaddexp: no underflow of early terms).
import { RuntimeError } from '../errors';
import { record } from '../autograd';
import { parseArgs } from '../args';
import { bool, int64 } from '../dtype';
import { normDim } from '../size';
import { state } from '../state';
import { Tensor } from '../tensor';
import { stack } from './join';
import { compareAsc, mapLanes } from './lanes';
import { ReturnTypes } from './reduce';
import { pickLane } from './sort';

type Interp = 'linear' | 'lower' | 'higher' | 'midpoint' | 'nearest';
const INTERPS = ['linear', 'lower', 'higher', 'midpoint', 'nearest'];

function quantileImpl(fn: 'quantile' | 'nanquantile', x: Tensor, args: unknown[]): Tensor {
  const { q, dim, keepdim, interpolation } = parseArgs<{ q: number | Tensor; dim: number | null; keepdim: boolean; interpolation: Interp }>(
    fn, args, ['q', 'dim', 'keepdim', 'interpolation'], { dim: null, keepdim: false, interpolation: 'linear' });
  if (!x.dtype.is_floating_point) throw new RuntimeError(`${fn}() input tensor must be either float or double dtype`);
  if (!INTERPS.includes(interpolation)) throw new RuntimeError(`${fn}() interpolation must be one of linear, lower, higher, midpoint or nearest, but got ${interpolation}`);
  let qs: number[];
  if (q instanceof Tensor) {
    if (q.ndim > 1) throw new RuntimeError(`${fn}() q must be a scalar or 1D tensor`);
    if (q.dtype !== x.dtype) throw new RuntimeError(`${fn}() q tensor must be same dtype as the input tensor`);
    qs = [...(q.detach().cpu() as Tensor)._cpuContiguous()];
    if (qs.some((v) => !(v >= 0 && v <= 1))) throw new RuntimeError(`${fn}() q values must be in the range [0, 1]`);
  } else {
    if (!(q >= 0 && q <= 1)) throw new RuntimeError(`${fn}() q must be in the range [0, 1] but got ${q}`);
    qs = [q];
  }
  const X = dim === null ? x.reshape([-1]) : x;
  const d = dim === null ? 0 : normDim(dim, x.ndim);
  if (X._shape[d] === 0) throw new RuntimeError(`${fn}() input tensor must be non-empty`);
  const n = X._shape[d];
  const sorted = X.sort(d).values; // NaN last
  const valid = X.detach().isnan().logical_not().sum(d, { keepdim: true });
  const cnt = fn === 'nanquantile' ? valid : valid.mul(0).add(n);
  const last = cnt.sub(1).clamp_min(0).to(x.dtype);
  const outs = qs.map((qv) => {
    const rank = last.mul(qv);
    const lo = rank.floor(), hi = rank.ceil();
    const at = (r: Tensor) => sorted.gather(d, r.to(int64));
    let r: Tensor;
    if (interpolation === 'lower') r = at(lo);
    else if (interpolation === 'higher') r = at(hi);
    else if (interpolation === 'nearest') r = at(rank.round());
    else r = at(lo).lerp(at(hi), interpolation === 'midpoint' ? 0.5 : rank.sub(lo));
    // quantile: NaN where the lane has a NaN; nanquantile: where it has nothing but NaN
    const nanLane = fn === 'quantile' ? valid.lt(n) : valid.eq(0);
    r = r.masked_fill(nanLane, NaN);
    if (dim === null) return keepdim ? r.reshape(x._shape.map(() => 1)) : r.reshape([]);
    return keepdim ? r : r.squeeze(d);
  });
  return q instanceof Tensor ? stack(outs, 0) : outs[0];
}
/**
 * The q-th quantiles (q a number or a 1-D tensor) of all elements or along `dim`, with PyTorch's
 * interpolations (`'linear'`, `'lower'`, `'higher'`, `'midpoint'`, `'nearest'`); NaN if a lane has a NaN.
 * @example torch.quantile(x, 0.9), torch.quantile(x, torch.tensor([0.25, 0.75]), { dim: 1 })
 */
export const quantile = (x: Tensor, ...args: unknown[]): Tensor => quantileImpl('quantile', x, args);
/** `quantile` ignoring NaN (NaN only where a lane is all NaN). @example torch.nanquantile(x, 0.5) */
export const nanquantile = (x: Tensor, ...args: unknown[]): Tensor => quantileImpl('nanquantile', x, args);

/** The lower median of the non-NaN values (an index into the lane). */
function nanLower(src: ArrayLike<number>, n: number): number {
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if (src[i] === src[i]) idx.push(i);
  if (!idx.length) return 0;
  idx.sort((i, j) => compareAsc(src[i], src[j]));
  return idx[(idx.length - 1) >> 1];
}
/** The median ignoring NaN: of all elements, or with `dim` a (values, indices) pair. @example torch.nanmedian(x), x.nanmedian(1) */
export function nanmedian(x: Tensor, ...args: unknown[]): Tensor | ReturnTypes {
  const { dim, keepdim } = parseArgs<{ dim: number | null; keepdim: boolean }>('nanmedian', args, ['dim', 'keepdim'], { dim: null, keepdim: false });
  if (dim !== null) return pickLane('nanmedian', 'nanmedian', 'NanmedianBackward1', x, dim, keepdim, nanLower);
  if (x.numel() === 0) return x.new_full([], NaN);
  const r = pickLane('nanmedian', 'nanmedian', 'NanmedianBackward1', x.detach().reshape([-1]), 0, false, nanLower).values;
  // PyTorch: the elements equal to the result share its gradient evenly
  return record(r, 'NanmedianBackward0', [x], (g) => {
    const o = r.detach();
    const mask = x.detach().eq(o).logical_or(x.detach().isnan().logical_and(o.isnan())).to(g.dtype);
    return [mask.mul(g.div(mask.sum()))];
  });
}

/** Sorts along dim 0 (the values of `torch.sort(x, 0)`). @example torch.msort(torch.tensor([3, 1, 2])) // tensor([1, 2, 3]) */
export const msort = (x: Tensor): Tensor => x.sort(0).values;

const lae = (a: number, b: number) => {
  if (a === b && !Number.isFinite(a)) return a;
  if (a !== a || b !== b) return NaN;
  return Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
};
/** `log(cumsum(exp(x)))` along `dim`, computed without overflow or underflow (CPU). @example torch.logcumsumexp(x, 0) */
export function logcumsumexp(x: Tensor, ...args: unknown[]): Tensor {
  const { dim } = parseArgs<{ dim: number }>('logcumsumexp', args, ['dim']);
  if (dim === undefined) throw new TypeError("logcumsumexp() missing 1 required positional argument: 'dim'");
  if (!x.dtype.is_floating_point) throw new RuntimeError(`"logcumsumexp_out_cpu" not implemented for '${x.dtype.name === 'int64' ? 'Long' : x.dtype.name}'`);
  const d = x.ndim ? normDim(dim, x.ndim) : 0;
  const [out] = mapLanes('logcumsumexp', x.detach(), d, [{ dtype: x.dtype }], (s, [o], n) => {
    let acc = -Infinity;
    for (let i = 0; i < n; i++) o[i] = acc = i === 0 ? s[0] : lae(acc, s[i]);
  });
  // ∂out_i/∂x_j = exp(x_j − out_i) for j ≤ i: summed over i with the upstream gradient, lane by lane
  return record(out, 'LogcumsumexpBackward0', [x], (g) => {
    if (x.ndim === 0) return [g];
    const X = x.movedim(d, -1), O = out.movedim(d, -1), G = g.movedim(d, -1);
    const n = X._shape[X.ndim - 1];
    const lowerTri = x.new_ones([n, n], { dtype: bool }).tril();
    const E = X.unsqueeze(-2).sub(O.unsqueeze(-1)).exp().where(lowerTri, 0);
    return [G.unsqueeze(-1).mul(E).where(lowerTri, 0).sum(-2).movedim(-1, d)];
  }, [x, out]);
}

/** `(min, max)` of all elements or along `dim` (a named tuple: `.min`, `.max`). @example const [lo, hi] = torch.aminmax(x) */
export function aminmax(x: Tensor, ...args: unknown[]): ReturnTypes {
  const { dim, keepdim } = parseArgs<{ dim: number | null; keepdim: boolean }>('aminmax', args, ['dim', 'keepdim'], { dim: null, keepdim: false });
  const lo = dim === null ? (keepdim ? x.amin(x._shape.map((_, i) => i), true) : x.amin()) : x.amin(dim, keepdim);
  const hi = dim === null ? (keepdim ? x.amax(x._shape.map((_, i) => i), true) : x.amax()) : x.amax(dim, keepdim);
  const r = new ReturnTypes('aminmax', lo, hi);
  Object.defineProperties(r, { min: { get: () => lo }, max: { get: () => hi } });
  return r;
}

/**
 * The covariance matrix of the rows of `x` (variables; columns are observations), with PyTorch's
 * `correction` (1: unbiased), integer `fweights` and float `aweights`.
 * @example torch.cov(torch.tensor([[1., 2., 4.], [1., 0., 2.]]))
 */
export function cov(x: Tensor, ...args: unknown[]): Tensor {
  const { correction, fweights, aweights } = parseArgs<{ correction: number; fweights: Tensor | null; aweights: Tensor | null }>('cov', args, ['correction', 'fweights', 'aweights'], { correction: 1, fweights: null, aweights: null });
  if (x.ndim > 2) throw new RuntimeError(`cov(): expected input to have two or fewer dimensions but got an input with ${x.ndim} dimensions`);
  const X = x.ndim < 2 ? x.reshape([1, -1]) : x;
  const nObs = X._shape[1];
  if (fweights && fweights.dtype.is_floating_point) throw new RuntimeError(`cov(): expected fweights to have integral dtype but got fweights with ${fweights.dtype.name === 'float32' ? 'Float' : 'Double'} dtype`);
  if (aweights && !aweights.dtype.is_floating_point) throw new RuntimeError(`cov(): expected aweights to have floating point dtype but got aweights with Long dtype`);
  let w: Tensor | null = fweights;
  if (aweights) w = w ? w.mul(aweights) : aweights;
  const Xf = X.dtype.is_floating_point ? X : X.to(aweights?.dtype ?? state.defaultDtype);
  const wSum = w ? w.sum() : null;
  const avg = w ? Xf.mul(w).sum(1).div(wSum!) : Xf.mean(1);
  let norm: Tensor | number;
  if (w && correction !== 0) norm = wSum!.sub(aweights ? w.mul(aweights).sum().div(wSum!).mul(correction) : correction);
  else norm = w ? wSum!.sub(correction) : nObs - correction;
  norm = norm instanceof Tensor ? norm.clamp_min(0) : Math.max(0, norm);
  const Xc = Xf.sub(avg.unsqueeze(1));
  const c = Xc.matmul((w ? Xc.mul(w) : Xc).t());
  const r = c.div(norm);
  return x.ndim < 2 || X._shape[0] === 1 ? r.squeeze() : r;
}
/** Pearson correlation coefficients of the rows of `x`, clamped to [-1, 1]. @example torch.corrcoef(torch.tensor([[1., 2., 4.], [1., 0., 2.]])) */
export function corrcoef(x: Tensor): Tensor {
  const c = cov(x);
  if (c.ndim === 0) return c.div(c);
  const sd = c.diagonal().sqrt();
  return c.div(sd.unsqueeze(1)).div(sd.unsqueeze(0)).clamp(-1, 1);
}

declare module '../tensor' {
  interface Tensor {
    quantile(q: number | Tensor, dim?: number | null | { dim?: number | null; keepdim?: boolean; interpolation?: Interp }, keepdim?: boolean, opts?: { interpolation?: Interp }): Tensor;
    nanquantile(q: number | Tensor, dim?: number | null | { dim?: number | null; keepdim?: boolean; interpolation?: Interp }, keepdim?: boolean, opts?: { interpolation?: Interp }): Tensor;
    nanmedian(dim?: number | { dim?: number; keepdim?: boolean }, keepdim?: boolean): Tensor & ReturnTypes;
    msort(): Tensor;
    logcumsumexp(dim: number): Tensor;
    aminmax(opts?: { dim?: number | null; keepdim?: boolean }): ReturnTypes;
    cov(opts?: { correction?: number; fweights?: Tensor | null; aweights?: Tensor | null }): Tensor;
    corrcoef(): Tensor;
  }
}
const P = Tensor.prototype as unknown as Record<string, (this: Tensor, ...a: unknown[]) => unknown>;
P.quantile = function (...a) { return quantile(this, ...a); };
P.nanquantile = function (...a) { return nanquantile(this, ...a); };
P.nanmedian = function (...a) { return nanmedian(this, ...a); };
P.msort = function () { return msort(this); };
P.logcumsumexp = function (...a) { return logcumsumexp(this, ...a); };
P.aminmax = function (...a) { return aminmax(this, ...a); };
P.cov = function (...a) { return cov(this, ...a); };
P.corrcoef = function () { return corrcoef(this); };
