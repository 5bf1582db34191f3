// The torch.linalg namespace: norms, inv/det/solve (linalg.ts), the decompositions
// (linalg-decomp.ts) and the SVD-based solvers (linalg-solvers.ts). matrix_norm and norm gain the
// orders that need singular values ('nuc', 2, -2) here, where svdvals is available.
import { Tensor } from '../tensor';
import { parseArgs } from '../args';
import { normDim } from '../size';
import { det, inv, matrix_norm as baseMatrixNorm, norm as baseNorm, solve, torchNorm as baseTorchNorm, vector_norm } from './linalg';
import { cholesky, eigh, eigvalsh, qr, svd, svdvals } from './linalg-decomp';
import { eig, eigvals, lstsq, matrix_rank, pinv } from './linalg-solvers';

type Ord = number | 'fro' | 'nuc' | null;

/**
 * Matrix norms over two dims (the last two by default): 'fro' (default), 'nuc' (sum of singular
 * values), 2 / -2 (largest / smallest singular value; CPU), 1, -1, inf, -inf.
 * @example torch.linalg.matrix_norm(A, 'nuc')
 */
export function matrix_norm(A: Tensor, ...args: unknown[]): Tensor {
  const { ord, dim, keepdim } = parseArgs<{ ord: Ord; dim: number[]; keepdim: boolean; dtype: unknown }>('linalg_matrix_norm', args, ['ord', 'dim', 'keepdim', 'dtype'], { ord: 'fro', dim: [-2, -1], keepdim: false });
  if (ord !== 'nuc' && ord !== 2 && ord !== -2) return baseMatrixNorm(A, ...args);
  if (A.ndim < 2) throw Object.assign(new Error('linalg.matrix_norm: The input tensor A must have at least 2 dimensions.'), { name: 'RuntimeError' });
  const [r, c] = dim.map((d) => normDim(d, A.ndim));
  // move (r, c) last, take the singular values, reduce them
  const rest = A._shape.map((_, i) => i).filter((i) => i !== r && i !== c);
  const S = svdvals(A.permute([...rest, r, c]));
  let out = ord === 'nuc' ? S.sum(-1) : ord === 2 ? S.amax(-1) : S.amin(-1);
  if (keepdim) for (const d of [r, c].sort((a, b) => a - b)) out = out.unsqueeze(d);
  return out;
}

/**
 * `torch.linalg.norm`: a vector norm when `dim` is an int (or the input is 1-D), a matrix norm
 * when `dim` has two dims (or the input is 2-D and `ord` is given); without ord and dim, the
 * 2-norm of all elements.
 * @example torch.linalg.norm(A, 'nuc')
 */
export function norm(A: Tensor, ...args: unknown[]): Tensor {
  const { ord, dim, keepdim } = parseArgs<{ ord: Ord; dim: number | number[] | null; keepdim: boolean; dtype: unknown }>('linalg_norm', args, ['ord', 'dim', 'keepdim', 'dtype'], { ord: null, dim: null, keepdim: false });
  const matrixDims = Array.isArray(dim) && dim.length === 2 ? dim : dim === null && A.ndim === 2 ? [-2, -1] : null;
  if (matrixDims && (ord === 'nuc' || ord === 2 || ord === -2)) return matrix_norm(A, ord, { dim: matrixDims, keepdim });
  return baseNorm(A, ...args);
}

/** `torch.linalg`: norms, inverse, determinant, solve, decompositions, least squares. */
export const linalg = Object.freeze({ norm, vector_norm, matrix_norm, inv, det, solve, cholesky, qr, eigh, eigvalsh, svd, svdvals, matrix_rank, pinv, lstsq, eig, eigvals });

/** `torch.norm(x, p='fro', dim, keepdim)`: PyTorch's older norm ('fro', 'nuc' or a number p). @example torch.norm(x, { dim: 1 }) */
export function torchNorm(x: Tensor, ...args: unknown[]): Tensor {
  const { p, dim, keepdim } = parseArgs<{ p: Ord; dim: number | number[] | null; keepdim: boolean; dtype: unknown }>('norm', args, ['p', 'dim', 'keepdim', 'dtype'], { p: 'fro', dim: null, keepdim: false });
  if (p === 'nuc') return matrix_norm(x, 'nuc', { dim: (dim as number[]) ?? [-2, -1], keepdim });
  return baseTorchNorm(x, ...args);
}
Tensor.prototype.norm = function (this: Tensor, ...a: unknown[]) { return torchNorm(this, ...a); } as Tensor['norm'];
