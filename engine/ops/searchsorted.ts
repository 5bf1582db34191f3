// searchsorted / bucketize: binary search of values in sorted sequences (CPU; NaN sorts last as
// in sort, ops/lanes.ts compareAsc).
import { RuntimeError } from '../errors';
import { parseArgs } from '../args';
import { int32, int64 } from '../dtype';
import { Tensor } from '../tensor';
import { compareAsc, requireCpu } from './lanes';

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
