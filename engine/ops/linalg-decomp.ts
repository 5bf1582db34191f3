// torch.linalg decompositions: cholesky, qr, eigh, eigvalsh, svd, svdvals (CPU; float64 numerics
// in linalg-lapack.ts, per matrix of a batch). Gradients are PyTorch's formulas (FunctionsManual:
// cholesky_backward, linalg_qr_backward, linalg_eig_backward for Hermitian input, svd_backward).
// An op with several outputs records one node per output, each with that output's part of the
// gradient: the backward formulas are linear in the output gradients, so the sums at the input
// are PyTorch's, and an unused output contributes nothing (as PyTorch's undefined gradient).
import { record } from '../autograd';
import { isOptions, parseArgs } from '../args';
import { RuntimeError } from '../errors';
import { Tensor } from '../tensor';
import { requireCpu } from './lanes';
import { eye, zeros } from './creation';
import { cat } from './join';
import { inv } from './linalg';
import { choleskyLower, householderQR, svdJacobi, symmetricEigen } from './linalg-lapack';

/** torch.linalg's error for a failed factorization (PyTorch's class, as its traceback prints it). */
export class LinAlgError extends RuntimeError {
  constructor(message: string) {
    super(message);
    this.name = '_LinAlgError';
  }
}

/**
 * A named tuple as PyTorch's `torch.return_types.linalg_*`: destructures (`const [Q, R] = …`),
 * indexes (`r[0]`) and has the fields by name (`r.Q`).
 */
export class LinalgResult<T = Tensor> {
  readonly length: number;
  [i: number]: T;
  constructor(readonly kind: string, private readonly fields: readonly string[], values: readonly T[]) {
    this.length = values.length;
    values.forEach((v, i) => {
      this[i] = v;
      Object.defineProperty(this, fields[i], { value: v, enumerable: true });
    });
  }
  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = 0; i < this.length; i++) yield this[i];
  }
  toString(): string {
    return `torch.return_types.${this.kind}(\n${this.fields.map((f, i) => `${f}=${String(this[i])}`).join(',\n')})`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** A LinalgResult with its fields typed: `NamedTuple<'Q' | 'R'>` has `.Q` and `.R`. */
export type NamedTuple<K extends string> = LinalgResult & { readonly [k in K]: Tensor };
export const named = <K extends string>(kind: string, fields: K[], values: Tensor[]) => new LinalgResult(kind, fields, values) as NamedTuple<K>;

const dtypeWord = (x: Tensor) => ({ int64: 'Long', int32: 'Int', bool: 'Bool' })[x.dtype.name as string] ?? x.dtype.name;

/** The matrices of a batch (…, m, n) as float64 arrays, after PyTorch's checks. */
export function batchMatrices(op: string, A: Tensor, square: boolean): { batch: number[]; m: number; n: number; mats: Float64Array[] } {
  requireCpu(`torch.${op}`, A);
  if (A.ndim < 2) throw new RuntimeError(`${op}: The input tensor A must have at least 2 dimensions.`);
  const m = A._shape[A.ndim - 2], n = A._shape[A.ndim - 1];
  if (square && m !== n) throw new RuntimeError(`${op}: A must be batches of square matrices, but they are ${m} by ${n} matrices`);
  if (!A.dtype.is_floating_point) throw new RuntimeError(`${op}: Expected a floating point or complex tensor as input. Got ${dtypeWord(A)}`);
  const data = A.detach()._cpuContiguous();
  const mats: Float64Array[] = [];
  for (let off = 0; off < data.length; off += m * n) mats.push(Float64Array.from(data.subarray(off, off + m * n)));
  return { batch: A._shape.slice(0, -2), m, n, mats };
}

/** One tensor from per-matrix arrays (each `per` long), shaped `shape`. */
export function fromArrays(arrs: readonly Float64Array[], shape: number[], like: Tensor): Tensor {
  const out = Tensor._empty(shape, like.dtype);
  const d = out._storage.data!;
  arrs.forEach((a, i) => d.set(a, i * a.length));
  return out;
}

/** parseArgs for `f(A, <positional>, *, <keyword-only>)`: keyword-only names given positionally are Python's TypeError. */
export function kwArgs<T extends object>(fn: string, args: readonly unknown[], positional: string[], kwOnly: string[], defaults: Partial<T>): T {
  const npos = args.length && isOptions(args[args.length - 1]) ? args.length - 1 : args.length;
  if (npos > positional.length) throw new TypeError(`${fn}() takes ${positional.length + 1} positional argument${positional.length ? 's' : ''} but ${npos + 1} were given`);
  return parseArgs<T>(fn, args, [...positional, ...kwOnly], defaults);
}

const batchPrefix = (batched: boolean, i: number) => (batched ? `(Batch element ${i}): ` : '');

/**
 * The Cholesky factor L (lower, A = L Lᵀ) of a symmetric positive-definite matrix, or Lᵀ with `upper`.
 * @example torch.linalg.cholesky(torch.tensor([[4., 2.], [2., 3.]]))
 */
export function cholesky(A: Tensor, ...args: unknown[]): Tensor {
  const { upper } = kwArgs<{ upper: boolean }>('linalg_cholesky', args, [], ['upper'], { upper: false });
  const { batch, n, mats } = batchMatrices('linalg.cholesky', A, true);
  const Ls = mats.map((a, i) => {
    const { L, failAt } = choleskyLower(a, n, upper);
    if (failAt) throw new LinAlgError(`linalg.cholesky: ${batchPrefix(batch.length > 0, i)}The factorization could not be completed because the input is not positive-definite (the leading minor of order ${failAt} is not positive-definite).`);
    return L;
  });
  const L = fromArrays(Ls, A._shape, A);
  const out = upper ? L.mT.contiguous() : L;
  return record(out, 'LinalgCholeskyExBackward0', [A], (g) => {
    const gL = upper ? g.mT : g;
    let phi = L.mT.matmul(gL).tril();
    phi = phi.add(phi.tril(-1).mT).mul(0.5);
    const Linv = inv(L);
    return [Linv.mT.matmul(phi).matmul(Linv)];
  });
}

/** Q's part and R's part of PyTorch's QR gradient for m ≥ n (TensorFlow's and PyTorch's formula). */
function qrBackTall(gQ: Tensor | null, gR: Tensor | null, Q: Tensor, R: Tensor): Tensor {
  // gA = [Q (gR + tril(M) R⁻ᵀ)] + (gQ - Q Qᵀ gQ) R⁻ᵀ, M = Qᵀ gQ - gQᵀ Q + R gRᵀ - gR Rᵀ
  const Rinv = inv(R);
  let M: Tensor | null = null;
  if (gQ) {
    const qdq = Q.mT.matmul(gQ);
    M = qdq.sub(qdq.mT);
  }
  if (gR) {
    const rdr = R.matmul(gR.mT);
    M = M ? M.add(rdr.sub(rdr.mT)) : rdr.sub(rdr.mT);
  }
  let gA = Q.matmul((gR ?? R.mul(0)).add(M!.tril().matmul(Rinv.mT)));
  if (gQ) gA = gA.add(gQ.sub(Q.matmul(Q.mT.matmul(gQ))).matmul(Rinv.mT));
  return gA;
}

function qrBack(gQ: Tensor | null, gR: Tensor | null, Q: Tensor, R: Tensor, mode: string): Tensor {
  if (mode === 'r') throw new RuntimeError("The derivative of linalg.qr depends on Q, which is not computed when mode='r'. Please use linalg.qr(A, mode='reduced') if you are going to differentiate through linalg.qr.");
  const m = Q._shape[Q.ndim - 2], n = R._shape[R.ndim - 1];
  if (mode === 'complete' && m > n) throw new RuntimeError("The QR decomposition is not differentiable when mode='complete' and nrows > ncols.");
  if (m >= n) return qrBackTall(gQ, gR, Q, R);
  // wide: A = Q [U V] with X = A[:, :m] = Q U and Y = A[:, m:] = Q V
  const U = R.narrow(-1, 0, m);
  const Y = Q.matmul(R.narrow(-1, m, n - m));
  const gU = gR ? gR.narrow(-1, 0, m) : null;
  let gQ2 = gQ;
  if (gR) {
    const gV = gR.narrow(-1, m, n - m);
    gQ2 = gQ ? gQ.add(Y.matmul(gV.mT)) : Y.matmul(gV.mT);
  }
  const gX = qrBackTall(gQ2, gU, Q, U);
  const gY = gR ? Q.matmul(gR.narrow(-1, m, n - m)) : zeros([...gX._shape.slice(0, -1), n - m], { dtype: gX.dtype });
  return cat([gX, gY], -1);
}

/**
 * QR decomposition A = Q R: `mode` 'reduced' (default: Q m×k, R k×n with k = min(m, n)),
 * 'complete' (Q m×m, R m×n) or 'r' (R only; Q is empty). Signs as LAPACK's (and PyTorch's).
 * @example const { Q, R } = torch.linalg.qr(A)
 */
export function qr(A: Tensor, ...args: unknown[]): NamedTuple<'Q' | 'R'> {
  const { mode } = parseArgs<{ mode: string }>('linalg_qr', args, ['mode'], { mode: 'reduced' });
  if (mode !== 'reduced' && mode !== 'complete' && mode !== 'r') throw new RuntimeError(`qr received unrecognized mode '${mode}' but expected one of 'reduced' (default), 'r', or 'complete'`);
  const { batch, m, n, mats } = batchMatrices('linalg.qr', A, false);
  const res = mats.map((a) => householderQR(a, m, n, mode === 'complete'));
  const k = Math.min(m, n), qcols = mode === 'complete' ? m : k;
  const Qd = fromArrays(res.map((r) => r.Q), [...batch, m, qcols], A);
  const Rd = fromArrays(res.map((r) => r.R), [...batch, mode === 'complete' ? m : k, n], A);
  const Q = mode === 'r' ? Tensor._empty([0], A.dtype) : Qd;
  record(Q, 'LinalgQrBackward0', [A], (g) => [qrBack(g, null, Qd, Rd, mode)]);
  record(Rd, 'LinalgQrBackward0', [A], (g) => [qrBack(null, g, Qd, Rd, mode)]);
  return named('linalg_qr', ['Q', 'R'], [Q, Rd]);
}

function checkUplo(UPLO: string): boolean {
  if (UPLO !== 'L' && UPLO !== 'U' && UPLO !== 'l' && UPLO !== 'u') throw new RuntimeError(`Expected UPLO argument to be 'L' or 'U', but got ${UPLO}`);
  return UPLO === 'U' || UPLO === 'u';
}

function eighCore(op: string, A: Tensor, upper: boolean): { L: Tensor; V: Tensor } {
  const { batch, n, mats } = batchMatrices(op, A, true);
  const res = mats.map((a) => symmetricEigen(a, n, upper));
  return { L: fromArrays(res.map((r) => r.w), [...batch, n], A), V: fromArrays(res.map((r) => r.V), A._shape, A) };
}

/** gA = V diag(gL) Vᵀ (the eigenvalues' part of linalg_eig_backward for a symmetric input). */
const eigvalsBack = (gL: Tensor, V: Tensor) => V.matmul(gL.unsqueeze(-1).mul(V.mT));

/**
 * Eigenvalues (ascending) and eigenvectors (columns) of a symmetric matrix, read from its lower
 * (`UPLO='L'`, default) or upper triangle. Each eigenvector is unique only up to sign.
 * @example const { eigenvalues, eigenvectors } = torch.linalg.eigh(A)
 */
export function eigh(A: Tensor, ...args: unknown[]): NamedTuple<'eigenvalues' | 'eigenvectors'> {
  const { UPLO } = parseArgs<{ UPLO: string }>('linalg_eigh', args, ['UPLO'], { UPLO: 'L' });
  const { L, V } = eighCore('linalg.eigh', A, checkUplo(UPLO));
  record(L, 'LinalgEighBackward0', [A], (g) => [eigvalsBack(g, V)]);
  record(V, 'LinalgEighBackward0', [A], (gV) => {
    // ret = skew(Vᵀ gV) / (λ_j − λ_i) off the diagonal, 0 on it; gA = V ret Vᵀ (repeated eigenvalues give inf/nan, as PyTorch)
    const VhgV = V.mT.matmul(gV);
    const skew = VhgV.sub(VhgV.mT).mul(0.5);
    const n = L._shape[L.ndim - 1];
    const I = eye(n, { dtype: L.dtype });
    const E = L.unsqueeze(-2).sub(L.unsqueeze(-1)).add(I);
    const ret = skew.div(E);
    return [V.matmul(ret.matmul(V.mT))];
  });
  return named('linalg_eigh', ['eigenvalues', 'eigenvectors'], [L, V]);
}

/**
 * The eigenvalues (ascending) of a symmetric matrix.
 * @example torch.linalg.eigvalsh(torch.tensor([[2., 1.], [1., 2.]])) // tensor([1., 3.])
 */
export function eigvalsh(A: Tensor, ...args: unknown[]): Tensor {
  const { UPLO } = parseArgs<{ UPLO: string }>('linalg_eigvalsh', args, ['UPLO'], { UPLO: 'L' });
  const { L, V } = eighCore('linalg.eigvalsh', A, checkUplo(UPLO));
  return record(L, 'LinalgEighBackward0', [A], (g) => [eigvalsBack(g, V)]);
}

function svdCore(op: string, A: Tensor, full: boolean) {
  const { batch, m, n, mats } = batchMatrices(op, A, false);
  const res = mats.map((a) => svdJacobi(a, m, n, full));
  const k = Math.min(m, n);
  const r0 = res[0] ?? { ucols: full ? m : k, vrows: full ? n : k };
  return {
    U: fromArrays(res.map((r) => r.U), [...batch, m, r0.ucols], A),
    S: fromArrays(res.map((r) => r.S), [...batch, k], A),
    Vh: fromArrays(res.map((r) => r.Vh), [...batch, r0.vrows, n], A),
    k,
  };
}

/** PyTorch's svd_backward on the reduced factors (U m×k, Vh k×n), any of the gradients null. */
export function svdBack(gU: Tensor | null, gS: Tensor | null, gVh: Tensor | null, U: Tensor, S: Tensor, Vh: Tensor): Tensor {
  const m = U._shape[U.ndim - 2], n = Vh._shape[Vh.ndim - 1];
  if (!gU && !gVh) return U.matmul(gS!.unsqueeze(-1).mul(Vh));
  if (m < n) return svdBack(gVh ? gVh.mT : null, gS, gU ? gU.mT : null, Vh.mT, S, U.mT).mT;
  const V = Vh.mT, gV = gVh ? gVh.mT : null;
  const skew = (X: Tensor) => X.sub(X.mT);
  const S2 = S.mul(S);
  const k = S._shape[S.ndim - 1];
  const E = S2.unsqueeze(-2).sub(S2.unsqueeze(-1)).add(eye(k, { dtype: S.dtype }));
  let gA: Tensor;
  if (gU && gV) gA = skew(U.mT.matmul(gU)).mul(S.unsqueeze(-2)).add(S.unsqueeze(-1).mul(skew(V.mT.matmul(gV)))).div(E);
  else if (gU) gA = skew(U.mT.matmul(gU)).div(E).mul(S.unsqueeze(-2));
  else gA = S.unsqueeze(-1).mul(skew(V.mT.matmul(gV!))).div(E);
  if (gS) gA = gA.add(gS.diag_embed());
  if (m > n && gU) {
    gA = U.matmul(gA);
    const gUSinv = gU.div(S.unsqueeze(-2));
    gA = gA.add(gUSinv).sub(U.matmul(U.mT.matmul(gUSinv)));
    return gA.matmul(Vh);
  }
  return U.matmul(gA.matmul(Vh));
}

/**
 * Singular value decomposition A = U diag(S) Vh, S descending; `full_matrices` (default true)
 * gives square U and Vh. Singular vectors are unique only up to sign.
 * @example const { U, S, Vh } = torch.linalg.svd(A, { full_matrices: false })
 */
export function svd(A: Tensor, ...args: unknown[]): NamedTuple<'U' | 'S' | 'Vh'> {
  const { full_matrices, driver } = kwArgs<{ full_matrices: boolean; driver: string | null }>('linalg_svd', args, ['full_matrices'], ['driver'], { full_matrices: true, driver: null });
  if (driver !== null && driver !== undefined) throw new RuntimeError('torch.linalg.svd: keyword argument `driver=` is only supported on CUDA inputs with cuSOLVER backend.');
  const { U, S, Vh, k } = svdCore('linalg.svd', A, full_matrices);
  const Ur = () => (full_matrices ? U.narrow(-1, 0, k) : U), Vhr = () => (full_matrices ? Vh.narrow(-2, 0, k) : Vh);
  record(U, 'LinalgSvdBackward0', [A], (g) => [svdBack(full_matrices ? g.narrow(-1, 0, k) : g, null, null, Ur(), S, Vhr())]);
  record(S, 'LinalgSvdBackward0', [A], (g) => [svdBack(null, g, null, Ur(), S, Vhr())]);
  record(Vh, 'LinalgSvdBackward0', [A], (g) => [svdBack(null, null, full_matrices ? g.narrow(-2, 0, k) : g, Ur(), S, Vhr())]);
  return named('linalg_svd', ['U', 'S', 'Vh'], [U, S, Vh]);
}

/**
 * The singular values of A, descending.
 * @example torch.linalg.svdvals(torch.tensor([[3., 0.], [0., -4.]])) // tensor([4., 3.])
 */
export function svdvals(A: Tensor, ...args: unknown[]): Tensor {
  const { driver } = kwArgs<{ driver: string | null }>('linalg_svdvals', args, [], ['driver'], { driver: null });
  if (driver !== null && driver !== undefined) throw new RuntimeError('torch.linalg.svd: keyword argument `driver=` is only supported on CUDA inputs with cuSOLVER backend.');
  const { U, S, Vh } = svdCore('linalg.svdvals', A, false);
  return record(S, 'LinalgSvdBackward0', [A], (g) => [svdBack(null, g, null, U, S, Vh)]);
}
