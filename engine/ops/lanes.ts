// CPU loops over the 1-D lanes of a tensor along one dim: the shared core of sort, topk,
// kthvalue, median, mode, cumsum and cumprod (ops/sort.ts, ops/scan.ts). These ops have no
// WebGPU kernel yet (they need a sort or a scan on the GPU); on WebGPU they say so.
import { RuntimeError } from '../errors';
import type { DType, TypedArray } from '../dtype';
import { normDim } from '../size';
import { Tensor } from '../tensor';
import { checkInterrupt } from './util';

/** Throws a clear error for an op that has only a CPU kernel. */
export function requireCpu(op: string, x: Tensor): void {
  if (x.device.type !== 'cpu')
    throw new RuntimeError(`${op}() has no ${x.device.type} kernel in Torchlit yet: move the tensor to the CPU first (\`const c = await t.cpu()\`), see docs/pytorch-coverage.md`);
}

export interface LaneOut {
  dtype: DType;
  /** Length of each output lane (the input lane's length when omitted). */
  len?: number;
}

/**
 * Calls `fn(src, outs, n)` for every lane of `x` along `dim` (src: the lane's values, outs: one
 * writable lane per requested output). Returns the outputs shaped like `x` with that dim's size
 * replaced by each output's lane length (contiguous).
 */
export function mapLanes(op: string, x: Tensor, dim: number, outs: LaneOut[], fn: (src: TypedArray, outs: TypedArray[], n: number) => void): Tensor[] {
  requireCpu(op, x);
  checkInterrupt();
  const xx = x.ndim === 0 ? x.reshape([1]) : x;
  const d = normDim(dim, xx.ndim);
  const last = xx.ndim - 1;
  const moved = d === last ? xx : xx.transpose(d, last);
  const data = moved._cpuContiguous();
  const n = xx._shape[d];
  const lanes = n === 0 ? moved.numel() === 0 ? numelWithout(moved._shape) : 0 : data.length / n;
  const results = outs.map((o) => {
    const len = o.len ?? n;
    const shape = [...moved._shape.slice(0, -1), len];
    return Tensor._empty(shape, o.dtype);
  });
  const arrays = results.map((r) => r._storage.data!);
  for (let m = 0; m < lanes; m++) {
    const src = data.subarray(m * n, (m + 1) * n);
    fn(src, arrays.map((a, i) => { const len = outs[i].len ?? n; return a.subarray(m * len, (m + 1) * len); }), n);
  }
  return results.map((r) => {
    const back = d === last ? r : r.transpose(d, last).contiguous();
    return x.ndim === 0 ? back.reshape([]) : back;
  });
}

function numelWithout(shape: number[]): number {
  return shape.slice(0, -1).reduce((a, b) => a * b, 1);
}

/** PyTorch's sort order: NaN is greater than every number (ascending puts NaNs last). */
export function compareAsc(a: number, b: number): number {
  if (a !== a) return b !== b ? 0 : 1;
  if (b !== b) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
