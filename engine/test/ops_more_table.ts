// How each ops_more.json case is called: the same table as OPS in scripts/golden/ops_more.py.
// 'torch.X' → torch.X(...inputs, ...args, kwargs); 'Tensor.X' → inputs[0].X(...inputs[1:], ...args, kwargs);
// 'linalg.X' → torch.linalg.X(...); 'torch.einsum' → torch.einsum(args[0], ...inputs).
import { call, MissingOp, withKw, type Dyn } from './harness';
import type { OpFn } from './ops_table';

const fn = (name: string): OpFn => (t, xs, a, k) => call(t, 'torch', name, withKw([...xs, ...a], k));
const method = (name: string): OpFn => (_t, xs, a, k) => call(xs[0], 'Tensor', name, withKw([...xs.slice(1), ...a], k));
const linalg = (name: string): OpFn => (t, xs, a, k) => {
  if (!t.linalg) throw new MissingOp('torch.linalg');
  return call(t.linalg as Dyn, 'torch.linalg', name, withKw([...xs, ...a], k));
};

const FNS = ['max', 'min', 'argmax', 'argmin', 'amax', 'amin', 'var', 'std', 'var_mean', 'std_mean', 'all', 'any',
  'isclose', 'cumsum', 'cumprod', 'sort', 'argsort', 'topk', 'kthvalue', 'unique', 'median', 'mode', 'nansum',
  'broadcast_to', 'movedim', 'moveaxis', 'repeat_interleave', 'take', 'flip', 'roll', 'tril_indices',
  'triu_indices', 'lerp', 'log10', 'log2', 'addcmul', 'addcdiv', 'frac', 'trunc', 'sign', 'floor_divide',
  'remainder', 'fmod', 'norm', 'meshgrid'];
const METHODS = ['amax', 'amin', 'all', 'any', 'cumsum', 'cumprod', 'sort', 'argsort', 'topk', 'kthvalue', 'median',
  'mode', 'nansum', 'broadcast_to', 'movedim', 'repeat_interleave', 'lerp', 'log10', 'addcmul', 'addcdiv',
  'frac', 'floor_divide'];

export const MORE_OPS: Record<string, OpFn> = {
  ...Object.fromEntries(FNS.map((n) => ['torch.' + n, fn(n)])),
  ...Object.fromEntries(METHODS.map((n) => ['Tensor.' + n, method(n)])),
  'torch.einsum': (t, xs, a) => call(t, 'torch', 'einsum', [a[0], ...xs]),
  ...Object.fromEntries(['norm', 'vector_norm', 'matrix_norm', 'inv', 'det', 'solve'].map((n) => ['linalg.' + n, linalg(n)])),
};
