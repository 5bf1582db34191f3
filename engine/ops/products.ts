// Products past matmul, composed of views, broadcasting and matmul (every backend, autograd free):
// cross, cdist, tensordot, kron.
import { RuntimeError } from '../errors';
import { parseArgs } from '../args';
import { int64 } from '../dtype';
import { broadcastShapes, normDim } from '../size';
import { Tensor } from '../tensor';
import { tensor } from './creation';
import { vector_norm } from './linalg';

/**
 * The cross product of 3-vectors along `dim` (PyTorch's default: the first dim of size 3).
 * @example torch.cross(torch.tensor([1., 0., 0.]), torch.tensor([0., 1., 0.])) // tensor([0., 0., 1.])
 */
export function cross(a: Tensor, b: Tensor, ...args: unknown[]): Tensor {
  const { dim } = parseArgs<{ dim: number | null }>('cross', args, ['dim'], { dim: null });
  if (a.ndim !== b.ndim) throw new RuntimeError('linalg.cross: inputs must have the same number of dimensions.');
  const shape = broadcastShapes(a._shape, b._shape);
  const A = a.expand(shape), B = b.expand(shape);
  let d: number;
  if (dim === null) {
    d = shape.indexOf(3);
    if (d < 0) throw new RuntimeError(`no dimension of size 3 in input`);
  } else {
    d = normDim(dim, shape.length);
    if (shape[d] !== 3) throw new RuntimeError(`linalg.cross: inputs dimension ${dim} must have length 3. Got ${a._shape[d] ?? shape[d]} and ${b._shape[d] ?? shape[d]}`);
  }
  const i120 = tensor([1, 2, 0], { dtype: int64, device: a.device });
  const i201 = tensor([2, 0, 1], { dtype: int64, device: a.device });
  const r = A.index_select(d, i120).mul(B.index_select(d, i201)).sub(A.index_select(d, i201).mul(B.index_select(d, i120)));
  if (r.grad_fn) r.grad_fn._name = 'LinalgCrossBackward0';
  return r;
}

/**
 * Pairwise `p`-norm distances between the rows of `x1` (…, P, M) and `x2` (…, R, M): (…, P, R).
 * The gradient at a zero distance is 0, as PyTorch.
 * @example torch.cdist(torch.tensor([[0., 0.], [3., 4.]]), torch.tensor([[0., 0.]])) // tensor([[0.], [5.]])
 */
export function cdist(x1: Tensor, x2: Tensor, ...args: unknown[]): Tensor {
  const { p } = parseArgs<{ p: number; compute_mode: string | null }>('cdist', args, ['p', 'compute_mode'], { p: 2 });
  if (x1.ndim < 2 || x2.ndim < 2) throw new RuntimeError(`cdist only supports at least 2D tensors, X${x1.ndim < 2 ? 1 : 2} got: ${x1.ndim < 2 ? x1.ndim : x2.ndim}D`);
  if (x1._shape[x1.ndim - 1] !== x2._shape[x2.ndim - 1]) throw new RuntimeError(`X1 and X2 must have the same number of columns. X1: ${x1._shape[x1.ndim - 1]} X2: ${x2._shape[x2.ndim - 1]}`);
  for (const [i, t] of [x1, x2].entries()) if (!t.dtype.is_floating_point) throw new RuntimeError(`cdist only supports floating-point dtypes, X${i + 1} got: ${t.dtype.name === 'int64' ? 'Long' : t.dtype.name === 'int32' ? 'Int' : 'Bool'}`);
  if (p < 0) throw new RuntimeError(`cdist only supports non-negative p values`);
  const diff = x1.unsqueeze(-2).sub(x2.unsqueeze(-3));
  const r = vector_norm(diff, p, { dim: -1 });
  if (r.grad_fn) r.grad_fn._name = 'CdistBackward0';
  return r;
}

/**
 * The `p`-norm of `input - other` (broadcast), as one number: `torch.dist(a, b, p=2)`.
 * @example torch.dist(torch.tensor([1., 2.]), torch.tensor([4., 6.])) // tensor(5.)
 */
export function dist(input: Tensor, other: Tensor, ...args: unknown[]): Tensor {
  const { p } = parseArgs<{ p: number }>('dist', args, ['p'], { p: 2 });
  if (!input.dtype.is_floating_point) throw new RuntimeError(`norm(): input dtype should be either floating point or complex. Got ${input.dtype.name === 'int64' ? 'Long' : input.dtype.name === 'int32' ? 'Int' : input.dtype.name} instead.`);
  const r = vector_norm(input.sub(other), p);
  if (r.grad_fn) r.grad_fn._name = 'DistBackward0';
  return r;
}

/**
 * Sums products over the last `dims` dims of `a` and the first of `b`, or over the dims listed
 * as `[dims_a, dims_b]`.
 * @example torch.tensordot(torch.ones(2, 3, 4), torch.ones(3, 4, 5), 2).shape // torch.Size([2, 5])
 */
export function tensordot(a: Tensor, b: Tensor, ...args: unknown[]): Tensor {
  const { dims } = parseArgs<{ dims: number | [number[], number[]] | number[][] }>('tensordot', args, ['dims'], { dims: 2 });
  let da: number[], db: number[];
  if (typeof dims === 'number') {
    if (dims < 0) throw new RuntimeError(`tensordot expects dims >= 0, but got dims=${dims}`);
    da = Array.from({ length: dims }, (_, i) => a.ndim - dims + i);
    db = Array.from({ length: dims }, (_, i) => i);
  } else {
    [da, db] = (dims as (number | number[])[]).map((d) => (Array.isArray(d) ? d : [d]));
    da = da.map((d) => normDim(d, a.ndim));
    db = db.map((d) => normDim(d, b.ndim));
  }
  if (da.length !== db.length) throw new RuntimeError('both dimension lists should have same length');
  da.forEach((d, i) => {
    if (a._shape[d] !== b._shape[db[i]]) throw new RuntimeError(`contracted dimensions need to match, but first has size ${a._shape[d]} in dim ${d} and second has size ${b._shape[db[i]]} in dim ${db[i]}`);
  });
  const fa = a._shape.map((_, i) => i).filter((i) => !da.includes(i));
  const fb = b._shape.map((_, i) => i).filter((i) => !db.includes(i));
  const k = da.reduce((s, d) => s * a._shape[d], 1);
  const A = a.permute([...fa, ...da]).reshape([-1, k]);
  const B = b.permute([...db, ...fb]).reshape([k, -1]);
  return A.matmul(B).reshape([...fa.map((i) => a._shape[i]), ...fb.map((i) => b._shape[i])]);
}

/**
 * The Kronecker product: every element of `a` times the whole of `b`, tiled.
 * @example torch.kron(torch.eye(2), torch.ones(2, 2)).shape // torch.Size([4, 4])
 */
export function kron(a: Tensor, b: Tensor): Tensor {
  const n = Math.max(a.ndim, b.ndim);
  const sa = [...Array(n - a.ndim).fill(1), ...a._shape], sb = [...Array(n - b.ndim).fill(1), ...b._shape];
  const A = a.reshape(sa.flatMap((s) => [s, 1]));
  const B = b.reshape(sb.flatMap((s) => [1, s]));
  const r = A.mul(B).reshape(sa.map((s, i) => s * sb[i]));
  return r;
}

declare module '../tensor' {
  interface Tensor {
    /** The cross product with `other` along `dim`. */
    cross(other: Tensor, dim?: number | null | { dim?: number | null }): Tensor;
    kron(other: Tensor): Tensor;
    /** The `p`-norm of `this - other`: `a.dist(b, p=2)`. */
    dist(other: Tensor, p?: number | { p?: number }): Tensor;
  }
}
Tensor.prototype.cross = function (o, ...a: unknown[]) { return cross(this, o, ...a); };
Tensor.prototype.kron = function (o) { return kron(this, o); };
Tensor.prototype.dist = function (o, ...a: unknown[]) { return dist(this, o, ...a); };
