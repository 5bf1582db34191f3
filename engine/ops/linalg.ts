// torch.linalg: vector_norm, matrix_norm, norm (composites: every backend), and inv, det, solve
// (CPU: Gaussian elimination with partial pivoting in float64, per matrix of a batch; on WebGPU
// they ask for a CPU tensor). torch.norm is here too, with PyTorch's keyword names.
import { record } from '../autograd';
import { parseArgs } from '../args';
import { normDim } from '../size';
import { Tensor } from '../tensor';
import { requireCpu } from './lanes';

type Ord = number | 'fro' | 'nuc' | null;
type Dim = number | number[] | null;
const linalgError = (msg: string) => Object.assign(new Error(msg), { name: 'RuntimeError' });

function dimsOf(x: Tensor, dim: Dim): number[] | null {
  if (dim === null || dim === undefined || (Array.isArray(dim) && dim.length === 0)) return null;
  return (Array.isArray(dim) ? dim : [dim]).map((d) => normDim(d, x.ndim));
}

/**
 * The vector `ord`-norm (2 by default) over `dim` (all elements by default): inf/-inf are the
 * largest/smallest |x|, 0 counts non-zeros. The gradient at a zero vector is 0, as PyTorch.
 * @example torch.linalg.vector_norm(x, 1, { dim: -1 })
 */
export function vector_norm(x: Tensor, ...args: unknown[]): Tensor {
  const { ord, dim, keepdim } = parseArgs<{ ord: number; dim: Dim; keepdim: boolean; dtype: unknown }>('linalg_vector_norm', args, ['ord', 'dim', 'keepdim', 'dtype'], { ord: 2, dim: null, keepdim: false });
  if (!x.dtype.is_floating_point) throw linalgError(`linalg.vector_norm: Expected a floating point or complex tensor as input. Got ${x.dtype.name === 'int64' ? 'Long' : x.dtype.name}`);
  const dims = dimsOf(x, dim);
  const xs = x.detach(), a = xs.abs();
  let out: Tensor;
  if (ord === Infinity) out = a.amax(dims, keepdim);
  else if (ord === -Infinity) out = a.amin(dims, keepdim);
  else if (ord === 0) out = a.ne(0).to(x.dtype).sum(dims, { keepdim });
  else if (ord === 1) out = a.sum(dims, { keepdim });
  else if (ord === 2) out = xs.mul(xs).sum(dims, { keepdim }).sqrt();
  else out = a.pow(ord).sum(dims, { keepdim }).pow(1 / ord);
  return record(out, 'LinalgVectorNormBackward0', [x], (g) => {
    let gk = g, o = out.detach();
    if (!keepdim && x.ndim) for (const d of dims ?? x._shape.map((_, i) => i)) {
      gk = gk.unsqueeze(d);
      o = o.unsqueeze(d);
    }
    if (ord === 0) return [x.mul(0)];
    if (ord === 1) return [gk.mul(x.sign())];
    if (ord === Infinity || ord === -Infinity) {
      // ties share the gradient evenly
      const mask = x.abs().eq(o).to(g.dtype);
      return [gk.mul(x.sign()).mul(mask).div(mask.sum(dims, { keepdim: true }))];
    }
    const scale = ord === 2 ? x.div(o) : x.mul(x.abs().pow(ord - 2)).div(o.pow(ord - 1));
    // masked where the norm is 0, as PyTorch's masked_fill_(norm == 0, 0). `eq`, not `ne`: WGSL
    // compilers may assume no NaN, and SwiftShader answers NaN != 0 with false, which zeroed the
    // gradient of a NaN input instead of propagating NaN; its NaN == 0 is false, as IEEE.
    return [gk.mul(scale.masked_fill(o.eq(0), 0))];
  });
}

/**
 * Matrix norms over two dims (the last two by default): 'fro' (default), 1, -1, inf, -inf.
 * @example torch.linalg.matrix_norm(A, 1)
 */
export function matrix_norm(A: Tensor, ...args: unknown[]): Tensor {
  const { ord, dim, keepdim } = parseArgs<{ ord: Ord; dim: number[]; keepdim: boolean; dtype: unknown }>('linalg_matrix_norm', args, ['ord', 'dim', 'keepdim', 'dtype'], { ord: 'fro', dim: [-2, -1], keepdim: false });
  if (A.ndim < 2) throw linalgError(`linalg.matrix_norm: The input tensor A must have at least 2 dimensions.`);
  const [r, c] = dim.map((d) => normDim(d, A.ndim));
  if (ord === 'fro') return vector_norm(A, 2, { dim: [r, c], keepdim });
  if (ord === 'nuc' || ord === 2 || ord === -2)
    throw Object.assign(new Error(`linalg.matrix_norm(ord=${ord === 'nuc' ? "'nuc'" : ord}) needs singular values, which Torchlit does not compute yet (see docs/pytorch-coverage.md)`), { name: 'NotImplementedError' });
  if (ord !== 1 && ord !== -1 && ord !== Infinity && ord !== -Infinity) throw linalgError(`linalg.matrix_norm: Order ${ord} not supported.`);
  // 1: largest column sum of |A|; inf: largest row sum
  const sumDim = ord === 1 || ord === -1 ? r : c, otherDim = sumDim === r ? c : r;
  const sums = A.abs().sum(sumDim, { keepdim: true });
  const red = ord > 0 ? sums.amax(otherDim, true) : sums.amin(otherDim, true);
  if (keepdim) return red;
  return red.squeeze([r, c].sort((a, b) => b - a)[0]).squeeze([r, c].sort((a, b) => a - b)[0]);
}

/**
 * `torch.linalg.norm`: a vector norm when `dim` is an int (or the input is 1-D), a matrix norm
 * when `dim` has two dims (or the input is 2-D and `ord` is given); without ord and dim, the
 * 2-norm of all elements.
 * @example torch.linalg.norm(x); torch.linalg.norm(A, 'fro')
 */
export function norm(A: Tensor, ...args: unknown[]): Tensor {
  const { ord, dim, keepdim } = parseArgs<{ ord: Ord; dim: Dim; keepdim: boolean; dtype: unknown }>('linalg_norm', args, ['ord', 'dim', 'keepdim', 'dtype'], { ord: null, dim: null, keepdim: false });
  const dims = dim === null ? null : Array.isArray(dim) ? dim : [dim];
  if (dims && dims.length === 2) return matrix_norm(A, ord ?? 'fro', { dim: dims, keepdim });
  if (dims) return vector_norm(A, typeof ord === 'number' ? ord : 2, { dim: dims, keepdim });
  if (ord === null) return vector_norm(A, 2, { keepdim });
  if (A.ndim === 2) return matrix_norm(A, ord, { keepdim });
  if (A.ndim === 1 && typeof ord === 'number') return vector_norm(A, ord, { keepdim });
  throw linalgError(`linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got ${A.ndim}D.`);
}

/** `torch.norm(x, p='fro', dim, keepdim)`: PyTorch's older norm ('fro' or a number p). @example torch.norm(x, { dim: 1 }) */
export function torchNorm(x: Tensor, ...args: unknown[]): Tensor {
  const { p, dim, keepdim } = parseArgs<{ p: Ord; dim: Dim; keepdim: boolean; dtype: unknown }>('norm', args, ['p', 'dim', 'keepdim', 'dtype'], { p: 'fro', dim: null, keepdim: false });
  if (p === 'nuc') return matrix_norm(x, 'nuc', { dim: (dim as number[]) ?? [-2, -1], keepdim });
  const r = vector_norm(x, p === 'fro' || p === null ? 2 : p, { dim, keepdim });
  if (r.grad_fn) r.grad_fn._name = 'NormBackward1';
  return r;
}

// ---- CPU kernels -------------------------------------------------------------------------------------

/** Square matrices of a batch, as float64 arrays (n×n each). */
export function matrices(op: string, A: Tensor): { n: number; batch: number[]; mats: Float64Array[] } {
  requireCpu(op, A);
  if (A.ndim < 2 || A._shape[A.ndim - 1] !== A._shape[A.ndim - 2])
    throw linalgError(`${op}: A must be batches of square matrices, but they are ${A._shape[A.ndim - 2] ?? 1} by ${A._shape[A.ndim - 1]} matrices`);
  if (!A.dtype.is_floating_point) throw linalgError(`${op}: Expected a floating point or complex tensor as input. Got ${A.dtype.name === 'int64' ? 'Long' : A.dtype.name}`);
  const n = A._shape[A.ndim - 1];
  const data = A.detach()._cpuContiguous();
  const batch = A._shape.slice(0, -2);
  const mats: Float64Array[] = [];
  for (let off = 0; off < data.length; off += n * n) mats.push(Float64Array.from(data.subarray(off, off + n * n)));
  return { n, batch, mats };
}

/** LU with partial pivoting in place; returns the pivot rows and the permutation's sign, or the first zero pivot. */
export function lu(a: Float64Array, n: number): { perm: number[]; sign: number; zeroAt: number } {
  const perm = Array.from({ length: n }, (_, i) => i);
  let sign = 1, zeroAt = -1;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i * n + k]) > Math.abs(a[p * n + k])) p = i;
    if (p !== k) {
      for (let j = 0; j < n; j++) [a[k * n + j], a[p * n + j]] = [a[p * n + j], a[k * n + j]];
      [perm[k], perm[p]] = [perm[p], perm[k]];
      sign = -sign;
    }
    const piv = a[k * n + k];
    if (piv === 0) {
      if (zeroAt < 0) zeroAt = k;
      continue;
    }
    for (let i = k + 1; i < n; i++) {
      const f = (a[i * n + k] /= piv);
      for (let j = k + 1; j < n; j++) a[i * n + j] -= f * a[k * n + j];
    }
  }
  return { perm, sign, zeroAt };
}

/** Solves A X = B for B with `m` columns (row-major n×m), after `lu`. */
function luSolve(a: Float64Array, perm: number[], n: number, b: Float64Array, m: number): Float64Array {
  const x = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) x[i * m + j] = b[perm[i] * m + j];
  for (let i = 0; i < n; i++) for (let k = 0; k < i; k++) { const f = a[i * n + k]; for (let j = 0; j < m; j++) x[i * m + j] -= f * x[k * m + j]; }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) { const f = a[i * n + k]; for (let j = 0; j < m; j++) x[i * m + j] -= f * x[k * m + j]; }
    for (let j = 0; j < m; j++) x[i * m + j] /= a[i * n + i];
  }
  return x;
}

function fromMats(mats: Float64Array[], shape: number[], like: Tensor): Tensor {
  const out = Tensor._empty(shape, like.dtype);
  const d = out._storage.data!;
  let off = 0;
  for (const m of mats) {
    d.set(m, off);
    off += m.length;
  }
  return out;
}

/**
 * The inverse of a square matrix (or a batch). A singular matrix raises PyTorch's error.
 * @example torch.linalg.inv(A).matmul(A) // ≈ identity
 */
export function inv(A: Tensor): Tensor {
  const { n, mats } = matrices('linalg.inv', A);
  const eye = new Float64Array(n * n);
  for (let i = 0; i < n; i++) eye[i * n + i] = 1;
  const res = mats.map((m) => {
    const { perm, zeroAt } = lu(m, n);
    if (zeroAt >= 0) throw Object.assign(new Error(`linalg.inv: The diagonal element ${zeroAt + 1} is zero, the inversion could not be completed because the input matrix is singular.`), { name: 'RuntimeError' });
    return luSolve(m, perm, n, eye, n);
  });
  const out = fromMats(res, A._shape, A);
  return record(out, 'LinalgInvExBackward0', [A], (g) => {
    const it = out.detach().mT;
    return [it.matmul(g).matmul(it).neg()];
  });
}

/**
 * The determinant of a square matrix (or a batch).
 * @example torch.linalg.det(torch.tensor([[1., 2.], [3., 4.]])) // tensor(-2.)
 */
export function det(A: Tensor): Tensor {
  const { n, batch, mats } = matrices('linalg.det', A);
  const dets = mats.map((m) => {
    const { sign, zeroAt } = lu(m, n);
    if (zeroAt >= 0) return 0;
    let d = sign;
    for (let i = 0; i < n; i++) d *= m[i * n + i];
    return d;
  });
  const out = fromMats([Float64Array.from(dets)], batch, A);
  return record(out, 'LinalgDetBackward0', [A], (g) => [g.unsqueeze(-1).unsqueeze(-1).mul(cofactors(A.detach()))]);
}

/** d det(A) / dA: the cofactor matrix (det·A^-T when A is invertible; from minors when it is not). */
function cofactors(A: Tensor): Tensor {
  const { n, mats } = matrices('linalg.det', A);
  const res = mats.map((m0) => {
    const out = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const minor = new Float64Array((n - 1) * (n - 1));
        let k = 0;
        for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (r !== i && c !== j) minor[k++] = m0[r * n + c];
        const { sign, zeroAt } = lu(minor, n - 1);
        let d = zeroAt >= 0 ? 0 : sign;
        if (zeroAt < 0) for (let t = 0; t < n - 1; t++) d *= minor[t * (n - 1) + t];
        out[i * n + j] = ((i + j) % 2 ? -1 : 1) * d;
      }
    return out;
  });
  return fromMats(res, A._shape, A);
}

/**
 * Solves `A X = B` for X (B a vector or a matrix of right-hand sides; batches broadcast).
 * @example const x = torch.linalg.solve(A, b)
 */
export function solve(A: Tensor, B: Tensor, ...args: unknown[]): Tensor {
  const { left } = parseArgs<{ left: boolean }>('linalg_solve', args, ['left'], { left: true });
  if (!left) return solve(A.mT, B.mT).mT;
  const vec = B.ndim === 1 || (B.ndim === A.ndim - 1 && B._shape.every((s, i) => s === A._shape[i]));
  const Bm = vec ? B.unsqueeze(-1) : B;
  const batch = broadcastBatch(A._shape.slice(0, -2), Bm._shape.slice(0, -2));
  const Ae = A.expand([...batch, ...A._shape.slice(-2)]);
  const Be = Bm.expand([...batch, ...Bm._shape.slice(-2)]);
  const { n, mats } = matrices('torch.linalg.solve', Ae.contiguous());
  if (Be._shape[Be.ndim - 2] !== n) throw linalgError(`linalg.solve: Incompatible shapes of A and B for the equation AX = B (${A._shape.slice(-2).join('x')} and ${Be._shape.slice(-2).join('x')})`);
  const m = Be._shape[Be.ndim - 1];
  const bd = Be.detach().contiguous()._cpuContiguous();
  const res = mats.map((a, k) => {
    const { perm, zeroAt } = lu(a, n);
    if (zeroAt >= 0) throw Object.assign(new Error('torch.linalg.solve: The solver failed because the input matrix is singular.'), { name: 'RuntimeError' });
    return luSolve(a, perm, n, Float64Array.from(bd.subarray(k * n * m, (k + 1) * n * m)), m);
  });
  const X = fromMats(res, [...batch, n, m], B);
  const out = vec ? X.squeeze(-1) : X;
  return record(out, 'LinalgSolveExBackward0', [A, B], (g) => {
    const gm = vec ? g.unsqueeze(-1) : g;
    const gB = solve(A.detach().mT, gm);
    const gA = gB.matmul(X.detach().mT).neg();
    const sumTo = (t: Tensor, shape: number[]) => {
      const lead = t.ndim - shape.length;
      let r = lead > 0 ? t.sum([...Array(lead).keys()]) : t;
      const ones = shape.map((s, i) => (s === 1 && r._shape[i] !== 1 ? i : -1)).filter((i) => i >= 0);
      if (ones.length) r = r.sum(ones, { keepdim: true });
      return r;
    };
    return [sumTo(gA, A._shape), vec ? sumTo(gB, Bm._shape).squeeze(-1) : sumTo(gB, B._shape)];
  });
}

function broadcastBatch(a: number[], b: number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1, y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw linalgError(`linalg.solve: batch dimensions of A and B do not broadcast: [${a.join(', ')}] and [${b.join(', ')}]`);
    out.push(Math.max(x, y));
  }
  return out;
}


declare module '../tensor' {
  interface Tensor {
    /** The matrix inverse (CPU). */
    inverse(): Tensor;
    /** The determinant (CPU). */
    det(): Tensor;
  }
}
Tensor.prototype.inverse = function () { return inv(this); };
Tensor.prototype.det = function () { return det(this); };
