// Ordering ops: sort, argsort, topk, kthvalue, median, mode, unique (CPU kernels in ops/lanes.ts).
// The value outputs are differentiable: the gradient goes back to the positions the indices name.
import { record } from '../autograd';
import { parseArgs } from '../args';
import { bool, int64, type TypedArray } from '../dtype';
import { normDim } from '../size';
import { Tensor } from '../tensor';
import { compareAsc, mapLanes, requireCpu } from './lanes';
import { ReturnTypes } from './reduce';
import { kthOrderIndex, modeIndex, topkOrder, unstableSortOrder } from './topk-order';

/** Sends `g` (shaped like `indices`) back to the input positions `indices` name along `d`. */
function scatterBack(x: Tensor, g: Tensor, indices: Tensor, d: number, keepdim: boolean): Tensor {
  if (x.ndim === 0) return g.reshape([]);
  const gg = keepdim ? g : g.unsqueeze(d);
  const ii = keepdim ? indices : indices.unsqueeze(d);
  return x.new_zeros(x._shape, { dtype: g.dtype }).scatter_add(d, ii, gg);
}

/** A (values, indices) pair whose values carry the gradient back through the indices. */
function withIndices(kind: string, grad: string, x: Tensor, values: Tensor, indices: Tensor, d: number, keepdim: boolean): ReturnTypes {
  record(values, grad, [x], (g) => [scatterBack(x, g, indices, d, keepdim)]);
  return new ReturnTypes(kind, values, indices);
}

function order(src: TypedArray, n: number, descending: boolean, stable = true): number[] {
  // stable=False (the default): PyTorch's CPU order of ties, libstdc++'s std::sort (topk-order.ts)
  if (!stable) return unstableSortOrder(src, n, descending);
  const idx = Array.from({ length: n }, (_, i) => i);
  // Array.prototype.sort is stable: equal values keep their input order, as stable=True
  idx.sort(descending ? (i, j) => compareAsc(src[j], src[i]) : (i, j) => compareAsc(src[i], src[j]));
  return idx;
}

/**
 * Sorts along `dim` (the last by default): a `(values, indices)` pair. NaN sorts above every number.
 * @example const { values, indices } = torch.sort(x, { descending: true })
 */
export function sort(x: Tensor, ...args: unknown[]): ReturnTypes {
  const { dim, descending, stable } = parseArgs<{ dim: number; descending: boolean; stable: boolean | null }>('sort', args, ['dim', 'descending', 'stable'], { dim: -1, descending: false, stable: null });
  const [values, indices] = mapLanes('sort', x, dim, [{ dtype: x.dtype }, { dtype: int64 }], (src, [v, ix], n) => {
    const o = order(src, n, descending, stable === true);
    for (let k = 0; k < n; k++) {
      v[k] = src[o[k]];
      ix[k] = o[k];
    }
  });
  return withIndices('sort', stable === null ? 'SortBackward0' : 'SortBackward1', x, values, indices, x.ndim ? normDim(dim, x.ndim) : 0, true);
}

/** The indices that sort `x` along `dim`. @example torch.argsort(x, { descending: true }) */
export function argsort(x: Tensor, ...args: unknown[]): Tensor {
  const { dim, descending, stable } = parseArgs<{ dim: number; descending: boolean; stable: boolean }>('argsort', args, ['dim', 'descending', 'stable'], { dim: -1, descending: false, stable: false });
  return sort(x.detach(), { dim, descending, stable }).indices;
}

/**
 * The `k` largest (or smallest, `{largest: false}`) elements along `dim`, sorted.
 * @example const [vals, idx] = torch.topk(scores, 3)
 */
export function topk(x: Tensor, ...args: unknown[]): ReturnTypes {
  const { k, dim, largest, sorted } = parseArgs<{ k: number; dim: number; largest: boolean; sorted: boolean }>('topk', args, ['k', 'dim', 'largest', 'sorted'], { dim: -1, largest: true, sorted: true });
  if (x.dtype.name === 'bool') throw Object.assign(new Error(`"topk_cpu" not implemented for 'Bool'`), { name: 'RuntimeError' });
  const n = x.ndim ? x._shape[normDim(dim, x.ndim)] : 1;
  if (!Number.isInteger(k) || k < 0 || k > n) throw Object.assign(new Error('selected index k out of range'), { name: 'RuntimeError' });
  const [values, indices] = mapLanes('topk', x, dim, [{ dtype: x.dtype, len: k }, { dtype: int64, len: k }], (src, [v, ix], len) => {
    // PyTorch's selection, step by step: equal values come out in its order (topk-order.ts)
    const o = topkOrder(src, len, k, largest, sorted);
    for (let i = 0; i < k; i++) {
      v[i] = src[o[i]];
      ix[i] = o[i];
    }
  });
  return withIndices('topk', 'TopkBackward0', x, values, indices, x.ndim ? normDim(dim, x.ndim) : 0, true);
}

/** One value per lane picked by `pick(sortedOrder, src)` (an input index), as a (values, indices) pair. */
export function pickLane(op: string, kind: string, grad: string, x: Tensor, dim: number, keepdim: boolean, pick: (src: TypedArray, n: number) => number): ReturnTypes {
  if (x.ndim && x._shape[normDim(dim, x.ndim)] === 0)
    throw Object.assign(new Error(`${op}(): Expected reduction dim ${dim} to have non-zero size.`), { name: 'IndexError' });
  const [v, ix] = mapLanes(op, x, dim, [{ dtype: x.dtype, len: 1 }, { dtype: int64, len: 1 }], (src, [vv, ii], n) => {
    const i = pick(src, n);
    vv[0] = src[i];
    ii[0] = i;
  });
  const d = x.ndim ? normDim(dim, x.ndim) : 0;
  const sq = (t: Tensor) => (keepdim || x.ndim === 0 ? t : t.squeeze(d));
  return withIndices(kind, grad, x, sq(v), sq(ix), d, keepdim || x.ndim === 0);
}

const firstNaN = (src: TypedArray, n: number) => {
  for (let i = 0; i < n; i++) if (src[i] !== src[i]) return i;
  return -1;
};

/** The `k`-th smallest element along `dim` (1-based), with its index. @example torch.kthvalue(x, 2, 0) */
export function kthvalue(x: Tensor, ...args: unknown[]): ReturnTypes {
  const { k, dim, keepdim } = parseArgs<{ k: number; dim: number; keepdim: boolean }>('kthvalue', args, ['k', 'dim', 'keepdim'], { dim: -1, keepdim: false });
  const n = x.ndim ? x._shape[normDim(dim, x.ndim)] : 1;
  if (!Number.isInteger(k) || k < 1 || k > n) throw Object.assign(new Error(`kthvalue(): selected number k out of range for dimension ${dim}`), { name: 'IndexError' });
  return pickLane('kthvalue', 'kthvalue', 'KthvalueBackward0', x, dim, keepdim, (src, len) => kthOrderIndex(src, len, k - 1));
}

/**
 * The median: of all elements (the lower of the two middle values; NaN if any is NaN), or with
 * `dim` a (values, indices) pair.
 * @example torch.median(x); const { values, indices } = x.median(1)
 */
export function median(x: Tensor, ...args: unknown[]): Tensor | ReturnTypes {
  const { dim, keepdim } = parseArgs<{ dim: number | null; keepdim: boolean }>('median', args, ['dim', 'keepdim'], { dim: null, keepdim: false });
  const lower = (src: TypedArray, n: number) => {
    const nan = firstNaN(src, n);
    return nan >= 0 ? nan : order(src, n, false)[(n - 1) >> 1];
  };
  if (dim !== null) return pickLane('median', 'median', 'MedianBackward1', x, dim, keepdim, lower);
  requireCpu('median', x);
  if (x.numel() === 0) return x.new_full([], NaN);
  const r = pickLane('median', 'median', 'MedianBackward1', x.detach().reshape([-1]), 0, false, lower).values;
  // PyTorch's evenly_distribute_backward: elements equal to the median share its gradient
  return record(r, 'MedianBackward0', [x], (g) => {
    const o = r.detach();
    const mask = x.detach().eq(o).logical_or(x.detach().isnan().logical_and(o.isnan())).to(g.dtype);
    return [mask.mul(g.div(mask.sum()))];
  });
}

/** The most frequent value along `dim` (the smallest among ties) and an index of it, PyTorch's CPU kernel's. @example torch.mode(torch.tensor([1, 2, 2]))[0] */
export function mode(x: Tensor, ...args: unknown[]): ReturnTypes {
  const { dim, keepdim } = parseArgs<{ dim: number; keepdim: boolean }>('mode', args, ['dim', 'keepdim'], { dim: -1, keepdim: false });
  // PyTorch's CPU kernel step by step: which index a tie reports depends on std::sort's order
  return pickLane('mode', 'mode', 'ModeBackward0', x, dim, keepdim, (src, n) => modeIndex(src, n));
}

/**
 * The distinct values, sorted; with `{return_inverse: true}` / `{return_counts: true}` also where
 * each input went and how often each value occurs; with `dim`, distinct slices along it.
 * @example const [vals, inverse, counts] = torch.unique(labels, { return_inverse: true, return_counts: true })
 */
export function unique(x: Tensor, ...args: unknown[]): Tensor | Tensor[] {
  const { return_inverse, return_counts, dim } = parseArgs<{ sorted: boolean; return_inverse: boolean; return_counts: boolean; dim: number | null }>(
    'unique', args, ['sorted', 'return_inverse', 'return_counts', 'dim'], { sorted: true, return_inverse: false, return_counts: false, dim: null });
  requireCpu('unique', x);
  const d = dim === null ? null : normDim(dim, x.ndim);
  // slices along d (single elements when dim is None), compared lexicographically
  const moved = d === null ? x.detach().reshape([-1, 1]) : x.detach().movedim(d, 0).contiguous().reshape([x._shape[d], -1]);
  const rows = moved._shape[0], w = moved._shape[1];
  const data = moved._cpuContiguous();
  const cmp = (i: number, j: number) => {
    for (let k = 0; k < w; k++) {
      const c = compareAsc(data[i * w + k], data[j * w + k]);
      if (c) return c;
    }
    return 0;
  };
  const o = Array.from({ length: rows }, (_, i) => i).sort(cmp);
  const inverse = new Int32Array(rows);
  const firsts: number[] = [], counts: number[] = [];
  o.forEach((r, k) => {
    if (k === 0 || cmp(o[k - 1], r) !== 0) {
      firsts.push(r);
      counts.push(0);
    }
    inverse[r] = firsts.length - 1;
    counts[counts.length - 1]++;
  });
  const vals = new x.dtype.array(firsts.length * w);
  firsts.forEach((r, k) => vals.set(data.subarray(r * w, (r + 1) * w), k * w));
  let values = Tensor._fromData(vals, [firsts.length, w], x.dtype);
  if (d === null) values = values.reshape([-1]);
  else values = values.reshape([firsts.length, ...x._shape.filter((_, i) => i !== d)]).movedim(0, d).contiguous();
  const out = [values];
  if (return_inverse) out.push(Tensor._fromData(inverse, d === null ? x._shape : [rows], int64));
  if (return_counts) out.push(Tensor._fromData(Int32Array.from(counts), [counts.length], int64));
  return out.length === 1 ? values : out;
}

/** Whether values are in `sorted` (used by `torch.isin`). */
export function isin(elements: Tensor, test_elements: Tensor | number[]): Tensor {
  requireCpu('isin', elements);
  const set = new Set(Array.from(test_elements instanceof Tensor ? test_elements._cpuContiguous() : test_elements, Number));
  const src = elements._cpuContiguous();
  return Tensor._fromData(Uint8Array.from(src, (v) => (set.has(v) ? 1 : 0)), elements._shape, bool);
}

declare module '../tensor' {
  interface Tensor {
    /** Sorts along `dim` (last by default). @example const [vals, idx] = t.sort({descending: true}) */
    sort(dim?: number | { dim?: number; descending?: boolean; stable?: boolean }, descending?: boolean | { descending?: boolean; stable?: boolean }): ReturnTypes;
    argsort(dim?: number | { dim?: number; descending?: boolean; stable?: boolean }, descending?: boolean | { descending?: boolean; stable?: boolean }): Tensor;
    /** The k largest elements along `dim`. @example t.topk(3) */
    topk(k: number, dim?: number | { dim?: number; largest?: boolean; sorted?: boolean }, ...rest: unknown[]): ReturnTypes;
    kthvalue(k: number, dim?: number | { dim?: number; keepdim?: boolean }, keepdim?: boolean | { keepdim?: boolean }): ReturnTypes;
    /** Median of all elements, or `(values, indices)` along `dim`. */
    median(): Tensor;
    median(dim: number | { dim: number; keepdim?: boolean }, keepdim?: boolean | { keepdim?: boolean }): ReturnTypes;
    mode(dim?: number | { dim?: number; keepdim?: boolean }, keepdim?: boolean | { keepdim?: boolean }): ReturnTypes;
    unique(opts?: { sorted?: boolean; return_inverse?: boolean; return_counts?: boolean; dim?: number | null }): Tensor | Tensor[];
    isin(test_elements: Tensor | number[]): Tensor;
  }
}

const P = Tensor.prototype;
P.sort = function (...a: unknown[]) { return sort(this, ...a); };
P.argsort = function (...a: unknown[]) { return argsort(this, ...a); };
P.topk = function (...a: unknown[]) { return topk(this, ...(a as [number])); };
P.kthvalue = function (...a: unknown[]) { return kthvalue(this, ...(a as [number])); };
P.median = function (this: Tensor, ...a: unknown[]) { return median(this, ...a); } as Tensor['median'];
P.mode = function (...a: unknown[]) { return mode(this, ...a); };
P.unique = function (...a: unknown[]) { return unique(this, ...a); };
P.isin = function (t) { return isin(this, t); };
