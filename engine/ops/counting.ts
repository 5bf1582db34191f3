// Counting values (CPU loops, ops/lanes.ts): unique_consecutive, bincount, histc.
import { RuntimeError } from '../errors';
import { parseArgs } from '../args';
import { float32, int64, toDType } from '../dtype';
import { normDim } from '../size';
import { Tensor } from '../tensor';
import { compareAsc, requireCpu } from './lanes';

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

declare module '../tensor' {
  interface Tensor {
    unique_consecutive(opts?: { return_inverse?: boolean; return_counts?: boolean; dim?: number | null }): Tensor | Tensor[];
    bincount(weights?: Tensor | null | { weights?: Tensor | null; minlength?: number }, minlength?: number): Tensor;
    histc(bins?: number | { bins?: number; min?: number; max?: number }, min?: number, max?: number): Tensor;
  }
}
const P = Tensor.prototype;
P.unique_consecutive = function (...a: unknown[]) { return unique_consecutive(this, ...a); };
P.bincount = function (...a: unknown[]) { return bincount(this, ...a); };
P.histc = function (...a: unknown[]) { return histc(this, ...a); };
