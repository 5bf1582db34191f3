// torch.linalg built on the SVD (linalg-decomp.ts): matrix_rank, pinv, lstsq (CPU), and eig /
// eigvals, which stay NotImplementedError: their results are complex and Torchlit has no
// complex dtype. Thresholds as PyTorch's: a singular value σ counts when σ > max(atol, rtol·σ_max),
// rtol defaulting to eps(dtype)·max(m, n) when neither is given (0 when only atol is).
import { fused, record } from '../autograd';
import { NotImplementedError, RuntimeError } from '../errors';
import { Tensor } from '../tensor';
import { int64 } from '../dtype';
import { eigh, kwArgs, named, type NamedTuple, svd, svdvals } from './linalg-decomp';
import { requireCpu } from './lanes';

const EPS: Record<string, number> = { float32: 1.1920928955078125e-7, float64: 2.220446049250313e-16 };

interface Tols {
  atol: number | Tensor | null;
  rtol: number | Tensor | null;
}

/** The cut-off per matrix (shape: batch, keepdim 1) from atol / rtol, as PyTorch's. */
function cutoff(A: Tensor, smax: Tensor, { atol, rtol }: Tols): Tensor {
  const m = A._shape[A.ndim - 2], n = A._shape[A.ndim - 1];
  const eps = EPS[A.dtype.name as string] ?? EPS.float32;
  const rt = rtol ?? (atol !== null && atol !== undefined && (atol instanceof Tensor || atol > 0) ? 0 : eps * Math.max(m, n));
  const rel = smax.mul(rt as number);
  return atol === null || atol === undefined ? rel : rel.maximum(atol instanceof Tensor ? atol.unsqueeze(-1).to(A.dtype) : smax.mul(0).add(atol));
}

/** Legacy positional `tol` (matrix_rank) / `rcond` (pinv) mapped onto atol / rtol. */
function tolsOf(o: { atol?: number | Tensor | null; rtol?: number | Tensor | null; tol?: number | null; rcond?: number | Tensor | null }): Tols {
  if (o.tol !== undefined && o.tol !== null) return { atol: o.tol, rtol: 0 };
  if (o.rcond !== undefined && o.rcond !== null) return { atol: null, rtol: o.rcond };
  return { atol: o.atol ?? null, rtol: o.rtol ?? null };
}

/**
 * The numerical rank of A (int64): the singular values (|eigenvalues| with `hermitian`) above
 * max(atol, rtol·σ_max).
 * @example torch.linalg.matrix_rank(torch.ones(3, 3)) // tensor(1)
 */
export function matrix_rank(A: Tensor, ...args: unknown[]): Tensor {
  const o = kwArgs<{ tol: number | null; hermitian: boolean; atol: number | Tensor | null; rtol: number | Tensor | null }>('linalg_matrix_rank', args, ['tol', 'hermitian'], ['atol', 'rtol'], { tol: null, hermitian: false, atol: null, rtol: null });
  requireCpu('torch.linalg.matrix_rank', A);
  const S = o.hermitian ? eigh(A.detach()).eigenvalues.abs().sort(-1, true)[0] : svdvals(A.detach());
  if (S._shape[S.ndim - 1] === 0) return S.sum(-1).to(int64);
  const smax = S.narrow(-1, 0, 1);
  return S.gt(cutoff(A, smax, tolsOf(o))).sum(-1).to(int64);
}

/** The pseudoinverse's value (no graph): V diag(1/σ) Uᵀ over the kept singular values. */
function pinvValue(A: Tensor, tols: Tols, hermitian: boolean): Tensor {
  if (hermitian) {
    const { eigenvalues: L, eigenvectors: V } = eigh(A);
    const absL = L.abs();
    const keep = absL.gt(cutoff(A, absL.amax(-1, true), tols));
    const inv = keep.to(A.dtype).div(L.masked_fill(keep.logical_not(), 1));
    return V.mul(inv.unsqueeze(-2)).matmul(V.mT);
  }
  const { U, S, Vh } = svd(A, false);
  const k = S._shape[S.ndim - 1];
  if (k === 0) return A.mT.mul(0);
  const keep = S.gt(cutoff(A, S.narrow(-1, 0, 1), tols));
  const sinv = keep.to(A.dtype).div(S.masked_fill(keep.logical_not(), 1));
  return Vh.mT.mul(sinv.unsqueeze(-2)).matmul(U.mT);
}

/** PyTorch's pinv_backward (FunctionsManual.cpp), in public ops. */
function pinvBackward(g: Tensor, P: Tensor, A: Tensor): Tensor {
  const m = A._shape[A.ndim - 2], n = A._shape[A.ndim - 1];
  const Ph = P.mT, gh = g.mT;
  if (m <= n) {
    const K = gh.matmul(P);
    const KPh = K.matmul(Ph);
    return P.matmul(K).mT.neg().add(KPh).sub(A.matmul(P).matmul(KPh)).add(Ph.matmul(P).matmul(gh.sub(K.matmul(A))));
  }
  const K = P.matmul(gh);
  const PhK = Ph.matmul(K);
  return K.matmul(P).mT.neg().add(gh.sub(A.matmul(K)).matmul(P).matmul(Ph)).add(PhK).sub(PhK.matmul(P).matmul(A));
}

/**
 * The Moore–Penrose pseudoinverse (via the SVD; via eigh with `hermitian`). Singular values at or
 * below max(atol, rtol·σ_max) count as zero.
 * @example torch.linalg.pinv(A).matmul(b) // least-squares solution of A x = b
 */
export function pinv(A: Tensor, ...args: unknown[]): Tensor {
  const o = kwArgs<{ rcond: number | Tensor | null; hermitian: boolean; atol: number | Tensor | null; rtol: number | Tensor | null }>('linalg_pinv', args, ['rcond', 'hermitian'], ['atol', 'rtol'], { rcond: null, hermitian: false, atol: null, rtol: null });
  requireCpu('torch.linalg.pinv', A);
  if (A.ndim < 2) throw new RuntimeError('linalg.pinv(A): The input tensor A must have at least 2 dimensions.');
  const P = pinvValue(A.detach(), tolsOf(o), o.hermitian);
  return record(P, 'LinalgPinvBackward0', [A], (g) => [pinvBackward(g, P, A.detach())]);
}

const DRIVERS = ['gels', 'gelsy', 'gelsd', 'gelss'];

/**
 * Least squares: the X minimising ‖A X − B‖ (minimum-norm for rank-deficient A), as the named
 * tuple (solution, residuals, rank, singular_values). As PyTorch on the CPU: the default driver
 * 'gelsy' fills `rank` only; 'gelsd'/'gelss' also `singular_values`, and `residuals` (the squared
 * residual norms) when m > n and every matrix has full rank; 'gels' fills `residuals` only.
 * @example const { solution } = torch.linalg.lstsq(A, B)
 */
export function lstsq(A: Tensor, B: Tensor, ...args: unknown[]): NamedTuple<'solution' | 'residuals' | 'rank' | 'singular_values'> {
  const { rcond, driver } = kwArgs<{ rcond: number | null; driver: string | null }>('linalg_lstsq', args, ['rcond'], ['driver'], { rcond: null, driver: null });
  requireCpu('torch.linalg.lstsq', A);
  const drv = driver ?? 'gelsy';
  if (!DRIVERS.includes(drv)) throw new RuntimeError('torch.linalg.lstsq: parameter `driver` should be one of (gels, gelsy, gelsd, gelss)');
  if (A.ndim < 2) throw new RuntimeError('torch.linalg.lstsq: input must have at least 2 dimensions.');
  if (!A.dtype.is_floating_point || A.dtype !== B.dtype) throw new RuntimeError(`torch.linalg.lstsq: Expected input and other to have the same dtype, but got input's dtype ${A.dtype.name} and other's dtype ${B.dtype.name}`);
  const vec = B.ndim === A.ndim - 1;
  const m = A._shape[A.ndim - 2], n = A._shape[A.ndim - 1];
  if (vec ? B._shape[B.ndim - 1] !== m : B._shape[B.ndim - 2] !== m)
    throw new RuntimeError(`torch.linalg.lstsq: input.size(-2) should match other.size(${vec ? -1 : -2})`);
  const Bm = vec ? B.unsqueeze(-1) : B;
  const eps = EPS[A.dtype.name as string] ?? EPS.float32;
  const rtol = rcond ?? eps * Math.max(m, n);
  const tols: Tols = { atol: null, rtol };
  const solM = fused('LinalgLstsqBackward0', [A, Bm], (a, b) => {
    const P = pinvValue(a!.detach(), tols, false);
    const Pr = record(P, 'LinalgPinvBackward0', [a!], (g) => [pinvBackward(g, P, a!.detach())]);
    return Pr.matmul(b!);
  });
  const solution = vec ? solM.squeeze(-1) : solM;
  const empty = () => Tensor._empty([0], A.dtype);
  const S = drv === 'gelsd' || drv === 'gelss' || drv === 'gelsy' ? svdvals(A.detach()) : null;
  const rank = S && drv !== 'gels' ? S.gt(S.narrow(-1, 0, Math.min(1, S._shape[S.ndim - 1])).mul(rtol)).sum(-1).to(int64) : Tensor._empty([0], int64);
  let residuals = empty();
  const fullRank = drv === 'gels' || (rank.numel() > 0 && rank.eq(Math.min(m, n)).all().cpu_item());
  if (m > n && drv !== 'gelsy' && fullRank) {
    const r = A.detach().matmul(solM.detach()).sub(Bm.detach());
    // (PyTorch keeps the unsqueezed column of a vector B here)
    residuals = r.mul(r).sum(-2);
  }
  return named('linalg_lstsq', ['solution', 'residuals', 'rank', 'singular_values'], [solution, residuals, rank, drv === 'gelsd' || drv === 'gelss' ? S! : empty()]);
}

const complexHint = 'its results are complex and Torchlit has no complex dtype; for a symmetric matrix use torch.linalg.eigh / eigvalsh';
function unsupported(name: string, hint: string): (...args: unknown[]) => never {
  const f = (): never => {
    throw new NotImplementedError(`${name} is not implemented in Torchlit (see docs/pytorch-coverage.md): ${hint}`);
  };
  // docs/pytorch-coverage.md counts a stand-in as missing (as nn/unsupported.ts's)
  Object.defineProperty(f, 'notImplemented', { value: true });
  return f;
}
/** Stand-in: torch.linalg.eig returns complex tensors, which Torchlit cannot represent. */
export const eig = unsupported('torch.linalg.eig', complexHint);
/** Stand-in: torch.linalg.eigvals returns complex tensors, which Torchlit cannot represent. */
export const eigvals = unsupported('torch.linalg.eigvals', complexHint);
