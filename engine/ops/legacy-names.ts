// Names older tutorials and textbooks still write: torch.svd (U, S, V with `some`), torch.qr
// (`some`), torch.cholesky (`upper`), pinverse, the conjugate family on real tensors (conj,
// resolve_conj, resolve_neg, adjoint, mH, H, real, angle: PyTorch returns the input itself where
// nothing changes), unsafe_split/unsafe_chunk, narrow_copy, and index_reduce (prod, mean, amax, amin).
import { RuntimeError } from '../errors';
import { record } from '../autograd';
import { parseArgs } from '../args';
import { state } from '../state';
import { Tensor } from '../tensor';
import { inplace } from './inplace';
import { chunk, split } from './join';
import { cholesky as linalgCholesky, named, qr as linalgQr, svd as linalgSvd, type NamedTuple } from './linalg-decomp';
import { pinv } from './linalg-solvers';
import { scatter_reduce } from './scatter-extra';
import { normDim } from '../size';

/** `torch.svd(A, some=true)`: `(U, S, V)` with V (not Vh); `some: false` gives the full U and V. @example const { U, S, V } = torch.svd(torch.eye(2)) */
export function svd(A: Tensor, ...args: unknown[]): NamedTuple<'U' | 'S' | 'V'> {
  const { some, compute_uv } = parseArgs<{ some: boolean; compute_uv: boolean }>('svd', args, ['some', 'compute_uv'], { some: true, compute_uv: true });
  const r = linalgSvd(A, { full_matrices: !some });
  if (!compute_uv) {
    const z = (t: Tensor) => t.detach().mul(0);
    return named('svd', ['U', 'S', 'V'], [z(r.U), r.S, z(r.Vh.mT)]);
  }
  return named('svd', ['U', 'S', 'V'], [r.U, r.S, r.Vh.mT]);
}
/** `torch.qr(A, some=true)`: `(Q, R)`, reduced or (`some: false`) complete. @example const { Q, R } = torch.qr(torch.eye(2)) */
export function qr(A: Tensor, ...args: unknown[]): NamedTuple<'Q' | 'R'> {
  const { some } = parseArgs<{ some: boolean }>('qr', args, ['some'], { some: true });
  return linalgQr(A, some ? 'reduced' : 'complete');
}
/** `torch.cholesky(A, upper=false)`: the Cholesky factor (deprecated in PyTorch for `torch.linalg.cholesky`). @example torch.cholesky(torch.eye(2)) */
export function cholesky(A: Tensor, ...args: unknown[]): Tensor {
  const { upper } = parseArgs<{ upper: boolean }>('cholesky', args, ['upper'], { upper: false });
  const L = linalgCholesky(A, { upper });
  if (L.grad_fn) L.grad_fn._name = 'CholeskyBackward0';
  return L;
}
/** The pseudo-inverse (`torch.linalg.pinv` with `rcond`, default 1e-15). @example torch.pinverse(torch.tensor([[1., 2.], [2., 4.]])) */
export function pinverse(A: Tensor, ...args: unknown[]): Tensor {
  const { rcond } = parseArgs<{ rcond: number }>('pinverse', args, ['rcond'], { rcond: 1e-15 });
  return pinv(A, { rtol: rcond });
}

/** The conjugate: the tensor itself (real dtypes only in Torchlit). @example torch.conj(x) === x */
export const conj = (x: Tensor): Tensor => x;
/** The tensor itself (no lazy conjugation in Torchlit). @example torch.resolve_conj(x) === x */
export const resolve_conj = (x: Tensor): Tensor => x;
/** The tensor itself (no lazy negation in Torchlit). @example torch.resolve_neg(x) === x */
export const resolve_neg = (x: Tensor): Tensor => x;
/** The real part: the tensor itself for real dtypes, as PyTorch. @example torch.real(x) === x */
export const real = (x: Tensor): Tensor => x;
/**
 * The imaginary part: PyTorch's RuntimeError ("imag is not implemented for tensors with non-complex
 * dtypes.") for every Torchlit tensor, all of them real.
 * @example torch.is_complex(torch.zeros(1)) // false
 */
export function imag(_x: Tensor): Tensor {
  throw new RuntimeError('imag is not implemented for tensors with non-complex dtypes.');
}
/** The argument of each element: 0 for x ≥ 0, π for x < 0, NaN for NaN (float result). @example torch.angle(torch.tensor([-1., 2.])) // tensor([3.1416, 0.0000]) */
export function angle(x: Tensor): Tensor {
  const d = x.detach().to(x.dtype.is_floating_point ? x.dtype : state.defaultDtype);
  const out = d.lt(0).to(d.dtype).mul(Math.PI).masked_fill(d.isnan(), NaN);
  return record(out, 'AngleBackward0', [x], (g) => [g.mul(0)]);
}
/** The conjugate transpose of the last two dims (the transpose for real tensors). @example torch.adjoint(m) */
export const adjoint = (x: Tensor): Tensor => x.mT;

const unsafeParts = (ts: Tensor[]) => ts.map((t) => {
  if (t.grad_fn) t.grad_fn._name = 'UnsafeSplitBackward0';
  return t;
});
/** `split` (PyTorch's unsafe_split: the same values; the parts are views here too). @example torch.unsafe_split(torch.arange(4), 2).length // 2 */
export const unsafe_split = (x: Tensor, ...args: unknown[]): Tensor[] => unsafeParts(split(x, ...args));
/** `chunk` (PyTorch's unsafe_chunk). @example torch.unsafe_chunk(torch.arange(4), 2).length // 2 */
export const unsafe_chunk = (x: Tensor, ...args: unknown[]): Tensor[] => unsafeParts(chunk(x, ...args));
/** `narrow` as a copy. @example torch.narrow_copy(x, 0, 0, 1) */
export const narrow_copy = (x: Tensor, dim: number, start: number, length: number): Tensor => x.narrow(dim, start, length).clone();

/**
 * Reduces the slices of `source` into `self` at `index` along `dim` with 'prod', 'mean', 'amax' or
 * 'amin' (`include_self` as scatter_reduce). @example torch.ones(3).index_reduce(0, torch.tensor([0, 0]), torch.tensor([2., 3.]), 'prod')
 */
export function index_reduce(self: Tensor, ...args: unknown[]): Tensor {
  const { dim, index, source, reduce, include_self } = parseArgs<{ dim: number; index: Tensor; source: Tensor; reduce: string; include_self: boolean }>(
    'index_reduce', args, ['dim', 'index', 'source', 'reduce', 'include_self'], { include_self: true });
  if (!['prod', 'mean', 'amax', 'amin'].includes(reduce)) throw new RuntimeError(`index_reduce(): Expected reduce to be one of prod, mean, amax or amin but got ${reduce}.`);
  const d = normDim(dim, Math.max(self.ndim, 1));
  const view = source._shape.map((_, i) => (i === d ? index.numel() : 1));
  const r = scatter_reduce(self, d, index.reshape(view).expand(source._shape), source, reduce, { include_self });
  if (r.grad_fn) r.grad_fn._name = 'IndexReduceBackward0';
  return r;
}

declare module '../tensor' {
  interface Tensor {
    svd(some?: boolean | { some?: boolean; compute_uv?: boolean }, compute_uv?: boolean): NamedTuple<'U' | 'S' | 'V'>;
    qr(some?: boolean | { some?: boolean }): NamedTuple<'Q' | 'R'>;
    cholesky(upper?: boolean | { upper?: boolean }): Tensor;
    pinverse(rcond?: number | { rcond?: number }): Tensor;
    conj(): Tensor; resolve_conj(): Tensor; resolve_neg(): Tensor; conj_physical(): Tensor;
    is_conj(): boolean; is_neg(): boolean; is_inference(): boolean;
    /** The real part: this tensor itself (real dtypes). */
    readonly real: Tensor;
    /** PyTorch's error: real tensors have no imaginary part. */
    readonly imag: Tensor;
    angle(): Tensor;
    adjoint(): Tensor;
    /** The conjugate transpose of the last two dims (the transpose for real tensors). */
    readonly mH: Tensor;
    /** The conjugate transpose of a 2-D tensor. */
    readonly H: Tensor;
    unsafe_split(split_size: number, dim?: number): Tensor[];
    unsafe_chunk(chunks: number, dim?: number): Tensor[];
    narrow_copy(dim: number, start: number, length: number): Tensor;
    index_reduce(dim: number, index: Tensor, source: Tensor, reduce: 'prod' | 'mean' | 'amax' | 'amin', opts?: { include_self?: boolean }): Tensor;
    index_reduce_(dim: number, index: Tensor, source: Tensor, reduce: 'prod' | 'mean' | 'amax' | 'amin', opts?: { include_self?: boolean }): Tensor;
  }
}
const P = Tensor.prototype as unknown as Record<string, (this: Tensor, ...a: any[]) => unknown>;
P.svd = function (...a: unknown[]) { return svd(this, ...a); };
P.qr = function (...a: unknown[]) { return qr(this, ...a); };
P.cholesky = function (...a: unknown[]) { return cholesky(this, ...a); };
P.pinverse = function (...a: unknown[]) { return pinverse(this, ...a); };
for (const n of ['conj', 'resolve_conj', 'resolve_neg', 'conj_physical']) P[n] = function () { return this; };
for (const n of ['is_conj', 'is_neg', 'is_inference']) P[n] = function () { return false; };
P.angle = function () { return angle(this); };
P.adjoint = function () { return this.mT; };
P.unsafe_split = function (...a: unknown[]) { return unsafe_split(this, ...a); };
P.unsafe_chunk = function (...a: unknown[]) { return unsafe_chunk(this, ...a); };
P.narrow_copy = function (d: number, s: number, l: number) { return narrow_copy(this, d, s, l); };
P.index_reduce = function (...a: unknown[]) { return index_reduce(this, ...a); };
P.index_reduce_ = function (...a: unknown[]) { return inplace(this, (old) => index_reduce(old, ...a), undefined, [a[2] as Tensor]); };
const get = (name: string, fn: (t: Tensor) => Tensor) => Object.defineProperty(Tensor.prototype, name, { get(this: Tensor) { return fn(this); }, configurable: true });
get('real', real);
get('imag', imag);
get('mH', (t) => t.mT);
get('H', (t) => {
  if (t.ndim !== 2) throw new RuntimeError(`tensor.H is only supported on matrices (2-D tensors). Got ${t.ndim}-D tensor.`);
  return t.mT;
});
