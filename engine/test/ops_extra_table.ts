// How each ops_extra.json case is called: the same table as OPS in scripts/golden/ops_extra.py.
import { call, withKw } from './harness';
import type { OpFn } from './ops_table';

const fn = (name: string): OpFn => (t, xs, a, k) => call(t, 'torch', name, withKw([...xs, ...a], k));
const method = (name: string): OpFn => (_t, xs, a, k) => call(xs[0], 'Tensor', name, withKw([...xs.slice(1), ...a], k));

const FNS = ['tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'exp2', 'erfinv', 'nan_to_num', 'clip', 'true_divide',
  'dstack', 'tensor_split', 'fliplr', 'flipud', 'rot90', 'diag_embed', 'broadcast_tensors', 'cartesian_prod',
  'combinations', 'cummax', 'cummin', 'nanmean', 'count_nonzero', 'unique_consecutive', 'bincount', 'histc',
  'searchsorted', 'bucketize', 'cross', 'cdist', 'tensordot', 'kron', 'logspace'];
const METHODS = ['tan', 'asin', 'nan_to_num', 'tensor_split', 'rot90', 'cummax', 'nanmean', 'bincount', 'kron', 'cross'];

export const EXTRA_OPS: Record<string, OpFn> = {
  ...Object.fromEntries(FNS.map((n) => ['torch.' + n, fn(n)])),
  ...Object.fromEntries(METHODS.map((n) => ['Tensor.' + n, method(n)])),
  'torch.dstack': (t, xs) => call(t, 'torch', 'dstack', [xs]),
};
