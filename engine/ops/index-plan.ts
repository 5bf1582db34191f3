// Index plans the indexing op files share: the plan of a dim-wise index (index_select,
// index_add_, index_fill_, embedding), its result shape, and writing through the 'index_put_' kernel.
import { IndexError, RuntimeError } from '../errors';
import type { IndexPlan } from '../backend/kernels';
import { getKernel } from '../backend/registry';
import { int32, int64 } from '../dtype';
import { Tensor } from '../tensor';

export function planShape(view: Tensor, plan: IndexPlan): number[] {
  return [...plan.before.map((d) => view._shape[d]), ...plan.bshape, ...plan.after.map((d) => view._shape[d])];
}

export function indexPutInto(dst: Tensor, plan: IndexPlan, values: Tensor, accumulate: boolean): Tensor {
  getKernel('index_put_', dst.device.type)(dst, plan, values.detach(), accumulate);
  return dst;
}

export function dimPlan(x: Tensor, d: number, idx: Tensor): IndexPlan {
  const rest = x._shape.map((_, i) => i).filter((i) => i !== d);
  return { before: rest.filter((i) => i < d), adv: [d], after: rest.filter((i) => i > d), indices: [idx.ndim === 0 ? idx.reshape([1]) : idx], bshape: [idx.numel()] };
}

export function checkDimIndex(fn: string, x: Tensor, d: number, idx: Tensor): void {
  if (idx.dtype !== int64 && idx.dtype !== int32) throw new RuntimeError(`${fn}(): Expected dtype int32 or int64 for index`);
  if (idx.ndim > 1) throw new IndexError(`${fn}(): Index is supposed to be a vector`);
  if (idx.device.type !== 'cpu') return; // device kernels check their own bounds
  const n = x.ndim === 0 ? 1 : x._shape[d];
  const I = idx._cpuContiguous();
  for (let i = 0; i < I.length; i++) if (I[i] < 0 || I[i] >= n) throw new IndexError(`INDICES element is out of DATA bounds, id=${I[i]} axis_dim=${n}`);
}
