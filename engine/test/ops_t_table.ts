// How each ops_t.json case is called: the same table as OPS in scripts/golden/ops_t.py.
// 'torch.X' → torch.X(...inputs, ...args, kwargs); 'Tensor.X' → inputs[0].X(...inputs[1:], ...args, kwargs);
// 'inplace.X_' → inputs[0].clone().X_(...inputs[1:], ...args, kwargs) (a non-leaf, so gradients flow).
import { call, withKw } from './harness';
import type { OpFn } from './ops_table';

const fn = (name: string): OpFn => (t, xs, a, k) => call(t, 'torch', name, withKw([...xs, ...a], k));
const method = (name: string): OpFn => (_t, xs, a, k) => call(xs[0], 'Tensor', name, withKw([...xs.slice(1), ...a], k));
const inplace = (name: string): OpFn => (_t, xs, a, k) => call(call(xs[0], 'Tensor', 'clone', []), 'Tensor', name, withKw([...xs.slice(1), ...a], k));

const FNS = ['multiply', 'subtract', 'divide', 'greater', 'less', 'greater_equal', 'less_equal', 'not_equal', 'negative',
  'absolute', 'arctan2', 'fix', 'swapdims', 'ger', 'inner', 'vdot', 'clamp_min', 'clamp_max', 'clamp',
  'hsplit', 'vsplit', 'dsplit', 'split_with_sizes',
  'asinh', 'acosh', 'atanh', 'arcsinh', 'arccosh', 'arctanh', 'erfc', 'lgamma', 'digamma', 'logit', 'deg2rad', 'rad2deg',
  'sgn', 'signbit', 'sinc', 'isposinf', 'isneginf', 'isreal', 'xlogy', 'hypot', 'logaddexp', 'logaddexp2', 'heaviside',
  'fmax', 'fmin', 'float_power', 'copysign', 'nextafter', 'ldexp', 'gcd', 'lcm', 'bitwise_and', 'bitwise_or',
  'bitwise_xor', 'bitwise_not', 'bitwise_left_shift', 'bitwise_right_shift',
  'addmv', 'addr', 'baddbmm', 'addbmm', 'matrix_power', 'matrix_exp', 'logdet', 'slogdet', 'diagflat', 'renorm',
  'quantile', 'nanquantile', 'nanmedian', 'msort', 'logcumsumexp', 'aminmax', 'cov', 'corrcoef', 'index_copy',
  'masked_scatter', 'scatter_reduce', 'histogram', 'svd', 'qr', 'cholesky', 'pinverse', 'angle', 'adjoint',
  'mvlgamma', 'i0', 'narrow_copy'];
const METHODS = ['multiply', 'greater', 'clamp_min', 'clamp_max', 'swapdims', 'ndimension', 'positive', 'fix', 'ger', 'inner',
  'vdot', 'hsplit', 'split_with_sizes', 'logit', 'xlogy', 'hypot', 'fmax', 'float_power', 'gcd', 'bitwise_and',
  'addmv', 'addr', 'baddbmm', 'matrix_power', 'renorm', 'quantile', 'nanmedian', 'aminmax', 'index_copy',
  'masked_scatter', 'put', 'scatter_reduce', 'sum_to_size', 'histogram', 'lgamma', 'erfc', 'sinc', 'cholesky',
  'pinverse', 'angle', 'unsafe_split', 'unsafe_chunk', 'index_reduce', 'polygamma', 'i0', 'qr'];
const INPLACE = ['clamp_min_', 'clamp_max_', 'clamp_', 'clip_', 'multiply_', 'subtract_', 'divide_', 'true_divide_', 'eq_', 'lt_',
  'greater_', 'not_equal_', 'logical_and_', 'logical_not_', 'cumsum_', 'cumprod_', 'tril_', 'triu_', 'rsqrt_',
  'exp2_', 'expm1_', 'erfc_', 'remainder_', 'fmod_', 'fix_', 'arctan2_', 'atan2_', 'asinh_', 'lgamma_', 'logit_',
  'xlogy_', 'hypot_', 'copysign_', 'addmm_', 'addmv_', 'addr_', 'baddbmm_', 'renorm_', 'index_copy_',
  'masked_scatter_', 'put_', 'fill_diagonal_', 'scatter_reduce_', 'swapaxes_', 'sgn_', 'deg2rad_', 'bitwise_or_'];

export const T_OPS: Record<string, OpFn> = {
  ...Object.fromEntries(FNS.map((n) => ['torch.' + n, fn(n)])),
  ...Object.fromEntries(METHODS.map((n) => ['Tensor.' + n, method(n)])),
  ...Object.fromEntries(INPLACE.map((n) => ['inplace.' + n, inplace(n)])),
  // src (differentiable) is an input, after dim and index: args are [dim, index, reduce]
  'torch.scatter_reduce': (t, xs, a, k) => call(t, 'torch', 'scatter_reduce', withKw([xs[0], a[0], a[1], xs[1], a[2]], k)),
  // polygamma(n, x): n first
  'torch.polygamma': (t, xs, a, k) => call(t, 'torch', 'polygamma', withKw([a[0], xs[0]], k)),
  // source (differentiable) is an input after dim and index: args are [dim, index, reduce]
  'Tensor.index_reduce': (_t, xs, a, k) => call(xs[0], 'Tensor', 'index_reduce', withKw([a[0], a[1], xs[1], a[2]], k)),
  // the singular values only (U and V are unique only up to sign; linalg.node.test.ts checks them sign-fixed)
  'svd.S': (t, xs, a, k) => call(t, 'torch', 'svd', withKw([...xs, ...a], k)).S,
  // cholesky of the symmetric part: a gradient a finite difference of each element can check
  // frexp's exponent is int32, which the golden JSON does not write: compared as int64 (ops_t.test.ts checks the dtype)
  'frexp.long': (t, xs, a, k) => { const r = call(t, 'torch', 'frexp', withKw([...xs, ...a], k)); return [r.mantissa, r.exponent.long()]; },
  'cholesky.sym': (t, xs, a, k) => call(t, 'torch', 'cholesky', withKw([xs[0].add(xs[0].mT).div(2), ...a], k)),
};
