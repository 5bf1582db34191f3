// Counting and searching past the seed: cummax/cummin (scans with indices), nanmean,
// count_nonzero, unique_consecutive, bincount, histc, searchsorted, bucketize. The scans and the
// counting ops are CPU loops (ops/lanes.ts); nanmean and count_nonzero are composites.
import { RuntimeError } from '../errors';
import { record } from '../autograd';
import { parseArgs } from '../args';
import { float32, int32, int64, scalarTypeName, toDType, type DTypeLike } from '../dtype';
import { normDim } from '../size';
import { Tensor } from '../tensor';
import { compareAsc, mapLanes, requireCpu } from './lanes';
import { ReturnTypes } from './reduce';

type Dim = number | number[] | null;

function cumExtreme(kind: 'cummax' | 'cummin', x: Tensor, args: unknown[]): ReturnTypes {
  const { dim } = parseArgs<{ dim: number }>(kind, args, ['dim']);
  if (dim === undefined) throw new TypeError(`${kind}() missing 1 required positional arguments: "dim"`);
  const d = x.ndim === 0 ? normDim(dim, 1) : normDim(dim, x.ndim);
  const better = kind === 'cummax' ? (a: number, b: number) => a >= b : (a: number, b: number) => a <= b;
  const [values, indices] = mapLanes(kind, x.detach(), d, [{ dtype: x.dtype }, { dtype: int64 }], (s, [v, ix], n) => {
    let best = s[0], at = 0;
    for (let i = 0; i < n; i++) {
      // a NaN wins and stays (PyTorch), ties move to the later index
      if (s[i] !== s[i] || (best === best && better(s[i], best))) {
        best = s[i];
        at = i;
      }
      v[i] = best;
      ix[i] = at;
    }
  });
  record(values, kind === 'cummax' ? 'CummaxBackward0' : 'CumminBackward0', [x], (g) =>
    [x.ndim === 0 ? g : x.new_zeros(x._shape, { dtype: g.dtype }).scatter_add(d, indices, g)]);
  return new ReturnTypes(kind, values, indices);
}

/** Running maximum along `dim` and where it was: a `(values, indices)` pair. @example const [v, i] = torch.cummax(x, 0) */
export const cummax = (x: Tensor, ...args: unknown[]): ReturnTypes => cumExtreme('cummax', x, args);
/** Running minimum along `dim`: a `(values, indices)` pair. @example torch.cummin(x, 0).values */
export const cummin = (x: Tensor, ...args: unknown[]): ReturnTypes => cumExtreme('cummin', x, args);

/** Mean of the non-NaN elements (NaN where all are NaN). @example torch.nanmean(torch.tensor([1., NaN, 3.])) // tensor(2.) */
export function nanmean(x: Tensor, ...args: unknown[]): Tensor {
  const { dim, keepdim, dtype } = parseArgs<{ dim: Dim; keepdim: boolean; dtype: DTypeLike | null }>('nanmean', args, ['dim', 'keepdim', 'dtype'], { dim: null, keepdim: false, dtype: null });
  if (!x.dtype.is_floating_point && !dtype) throw new RuntimeError(`nanmean(): expected input to have floating point or complex dtype but got ${scalarTypeName(x.dtype)}`);
  const src = dtype ? x.to(toDType(dtype)) : x;
  const ok = src.isnan().logical_not();
  const n = ok.sum(dim, { keepdim });
  const r = src.detach().where(ok, 0).sum(dim, { keepdim }).div(n);
  // as PyTorch (nansum's gradient is g·mask, a product): an all-NaN slice sends NaN back (∞·0)
  return record(r, 'DivBackward0', [src], (g) => {
    let gk = g.div(n);
    if (!keepdim && src.ndim) for (const d of [...(dim === null ? src._shape.map((_, i) => i) : Array.isArray(dim) ? dim : [dim])].map((d) => normDim(d, src.ndim)).sort((a, b) => a - b)) gk = gk.unsqueeze(d);
    return [gk.mul(ok.to(g.dtype))];
  });
}

/** How many elements are non-zero (int64), overall or along `dim`. @example torch.count_nonzero(torch.tensor([0, 1, 2])) // tensor(2) */
export function count_nonzero(x: Tensor, ...args: unknown[]): Tensor {
  const { dim } = parseArgs<{ dim: Dim }>('count_nonzero', args, ['dim'], { dim: null });
  return x.ne(0).sum(dim).to(int64);
}

/**
 * Collapses runs of equal consecutive elements (of the flattened tensor, or slices along `dim`),
 * with `return_inverse` and `return_counts` as `torch.unique`.
 * @example torch.unique_consecutive(torch.tensor([1, 1, 2, 2, 3, 1]))
 */
export function unique_consecutive(x: Tensor, ...args: unknown[]): Tensor | Tensor[] {
  const { return_inverse, return_counts, dim } = parseArgs<{ return_inverse: boolean; return_counts: boolean; dim: number | null }>('unique_consecutive', args, ['return_inverse', 'return_counts', 'dim'], { return_inverse: false, return_counts: false, dim: null });
  requireCpu('unique_consecutive', x);
  const d = dim === null ? null : normDim(dim, x.ndim);
  const moved = d === null ? x.detach().reshape([-1, 1]) : x.detach().movedim(d, 0).contiguous().reshape([x._shape[d], -1]);
  const rows = moved._shape[0], w = moved._shape[1];
  const data = moved._cpuContiguous();
  const same = (i: number, j: number) => {
    for (let k = 0; k < w; k++) if (compareAsc(data[i * w + k], data[j * w + k]) !== 0) return false;
    return true;
  };
  const inverse = new Int32Array(rows);
  const firsts: number[] = [], counts: number[] = [];
  for (let r = 0; r < rows; r++) {
    if (r === 0 || !same(r - 1, r)) {
      firsts.push(r);
      counts.push(0);
    }
    inverse[r] = firsts.length - 1;
    counts[counts.length - 1]++;
  }
  const vals = new x.dtype.array(firsts.length * w);
  firsts.forEach((r, k) => vals.set(data.subarray(r * w, (r + 1) * w), k * w));
  let values = Tensor._fromData(vals, [firsts.length, w], x.dtype);
  values = d === null ? values.reshape([-1]) : values.reshape([firsts.length, ...x._shape.filter((_, i) => i !== d)]).movedim(0, d).contiguous();
  const out = [values];
  if (return_inverse) out.push(Tensor._fromData(inverse, d === null ? x._shape : [rows], int64));
  if (return_counts) out.push(Tensor._fromData(Int32Array.from(counts), [counts.length], int64));
  return out.length === 1 ? values : out;
}

/**
 * Counts of each value 0..max in a 1-D non-negative integer tensor (`weights` sums them instead).
 * @example torch.bincount(torch.tensor([0, 1, 1, 3])) // tensor([1, 2, 0, 1])
 */
export function bincount(x: Tensor, ...args: unknown[]): Tensor {
  const { weights, minlength } = parseArgs<{ weights: Tensor | null; minlength: number }>('bincount', args, ['weights', 'minlength'], { weights: null, minlength: 0 });
  requireCpu('bincount', x);
  if (x.dtype.is_floating_point || x.dtype.name === 'bool') throw new RuntimeError(`"bincount_cpu" not implemented for '${x.dtype.is_floating_point ? (x.dtype === float32 ? 'Float' : 'Double') : 'Bool'}'`);
  const v = x._cpuContiguous();
  if (x.ndim !== 1 || v.some((e) => e < 0)) throw new RuntimeError('bincount only supports 1-d non-negative integral inputs.');
  if (minlength < 0) throw new RuntimeError('minlength should be >= 0');
  if (weights && (weights.ndim !== 1 || weights._shape[0] !== v.length)) throw new RuntimeError('weights should be 1-d and have the same length as input');
  let n = minlength;
  for (const e of v) n = Math.max(n, e + 1);
  const dtype = weights ? (weights.dtype.is_floating_point ? weights.dtype : toDType('float64')) : int64;
  const out = new dtype.array(n);
  const w = weights ? weights.detach()._cpuContiguous() : null;
  v.forEach((e, i) => (out[e] += w ? w[i] : 1));
  return Tensor._fromData(out, [n], dtype);
}

/**
 * A histogram with `bins` equal bins over [min, max] (the data's range when both are 0); values
 * outside are ignored.
 * @example torch.histc(torch.tensor([1., 2., 1.]), { bins: 4, min: 0, max: 3 }) // tensor([0., 2., 1., 0.])
 */
export function histc(x: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ bins: number; min: number; max: number }>('histc', args, ['bins', 'min', 'max'], { bins: 100, min: 0, max: 0 });
  requireCpu('histc', x);
  if (!x.dtype.is_floating_point) throw new RuntimeError(`"histogram_cpu" not implemented for '${x.dtype === int64 ? 'Long' : 'Int'}'`);
  if (o.bins <= 0) throw new RuntimeError('torch.histc: bins must be > 0, but got ' + o.bins + ' for bins');
  const v = x.detach()._cpuContiguous();
  let lo = o.min, hi = o.max;
  if (lo === hi && v.length) {
    lo = Infinity;
    hi = -Infinity;
    for (const e of v) {
      lo = Math.min(lo, e);
      hi = Math.max(hi, e);
    }
  }
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  if (lo > hi) throw new RuntimeError(`torch.histc: max must be larger than min`);
  const out = new x.dtype.array(o.bins);
  for (const e of v) {
    if (!(e >= lo && e <= hi)) continue;
    let b = Math.floor(((e - lo) * o.bins) / (hi - lo));
    if (b === o.bins) b--;
    out[b] += 1;
  }
  return Tensor._fromData(out, [o.bins], x.dtype);
}

function searchLane(seq: ArrayLike<number>, lo0: number, n: number, v: number, right: boolean): number {
  let lo = 0, hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const s = seq[lo0 + mid];
    if (right ? !(compareAsc(v, s) < 0) : compareAsc(s, v) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Where `values` would be inserted into the (innermost-dim) sorted `sorted_sequence` to keep it
 * sorted: the first such index, or the last with `right: true` (`side: 'right'`).
 * @example torch.searchsorted(torch.tensor([1, 3, 5, 7]), torch.tensor([3, 6])) // tensor([1, 3])
 */
export function searchsorted(seq: Tensor, values: Tensor | number, ...args: unknown[]): Tensor {
  const o = parseArgs<{ out_int32: boolean; right: boolean; side: 'left' | 'right' | null; sorter: Tensor | null }>('searchsorted', args, ['out_int32', 'right', 'side', 'sorter'], { out_int32: false, right: false, side: null, sorter: null });
  requireCpu('searchsorted', seq);
  if (o.side !== null && o.side !== 'left' && o.side !== 'right') throw new RuntimeError(`torch.searchsorted(): side can only be 'left' or 'right' but got ${String(o.side)}`);
  if (o.side === 'left' && o.right) throw new RuntimeError("torch.searchsorted(): side and right can't be set to opposites, got side of left while right was True");
  const right = o.right || o.side === 'right';
  let sorted = seq.detach();
  if (o.sorter) sorted = sorted.gather(-1, o.sorter);
  const vals = values instanceof Tensor ? values.detach() : sorted.new_full([], values);
  const n = sorted.ndim ? sorted._shape[sorted.ndim - 1] : 0;
  if (sorted.ndim > 1 && (vals.ndim !== sorted.ndim || !sorted._shape.slice(0, -1).every((s, i) => s === vals._shape[i])))
    throw new RuntimeError(`torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries tensor and input value tensor must match, but we got boundaries tensor [${sorted._shape.join(', ')}] and input value tensor [${vals._shape.join(', ')}]`);
  const s = sorted._cpuContiguous(), v = vals._cpuContiguous();
  const lane = vals.ndim ? vals._shape[vals.ndim - 1] : 1;
  const dtype = o.out_int32 ? int32 : int64;
  const out = new dtype.array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = searchLane(s, sorted.ndim > 1 ? Math.floor(i / lane) * n : 0, n, v[i], right);
  return Tensor._fromData(out, vals._shape, dtype);
}

/**
 * The bucket of each input value among 1-D sorted `boundaries` (`searchsorted` with the arguments swapped).
 * @example torch.bucketize(torch.tensor([3, 6, 9]), torch.tensor([1, 3, 5, 7, 9])) // tensor([1, 3, 4])
 */
export function bucketize(input: Tensor | number, boundaries: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ out_int32: boolean; right: boolean }>('bucketize', args, ['out_int32', 'right'], { out_int32: false, right: false });
  if (boundaries.ndim !== 1) throw new RuntimeError(`boundaries tensor must be 1 dimension, but got dim(${boundaries.ndim})`);
  return searchsorted(boundaries, input, o);
}

declare module '../tensor' {
  interface Tensor {
    cummax(dim: number | { dim: number }): ReturnTypes;
    cummin(dim: number | { dim: number }): ReturnTypes;
    nanmean(dim?: Dim | { dim?: Dim; keepdim?: boolean; dtype?: DTypeLike }, keepdim?: boolean): Tensor;
    count_nonzero(dim?: Dim | { dim?: Dim }): Tensor;
    unique_consecutive(opts?: { return_inverse?: boolean; return_counts?: boolean; dim?: number | null }): Tensor | Tensor[];
    bincount(weights?: Tensor | null | { weights?: Tensor | null; minlength?: number }, minlength?: number): Tensor;
    histc(bins?: number | { bins?: number; min?: number; max?: number }, min?: number, max?: number): Tensor;
  }
}
const P = Tensor.prototype;
P.cummax = function (...a: unknown[]) { return cummax(this, ...a); };
P.cummin = function (...a: unknown[]) { return cummin(this, ...a); };
P.nanmean = function (...a: unknown[]) { return nanmean(this, ...a); };
P.count_nonzero = function (...a: unknown[]) { return count_nonzero(this, ...a); };
P.unique_consecutive = function (...a: unknown[]) { return unique_consecutive(this, ...a); };
P.bincount = function (...a: unknown[]) { return bincount(this, ...a); };
P.histc = function (...a: unknown[]) { return histc(this, ...a); };
