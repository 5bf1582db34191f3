// BLAS-style fused products and small linear algebra past the seed: addmv, addr, baddbmm, addbmm
// (and the in-place forms, with addmm_), matrix_power, matrix_exp, logdet/slogdet, diagflat,
// renorm. Each is one node with PyTorch's grad_fn name (`fused`: the backward differentiates
// the composition of public ops), so gradients hold on every backend.
import { RuntimeError } from '../errors';
import { fused, record } from '../autograd';
import { parseArgs } from '../args';
import { normDim } from '../size';
import { Tensor } from '../tensor';
import { eye } from './creation';
import { diag } from './masks';
import { inplace } from './inplace';
import { requireCpu } from './lanes';
import { inv, lu, matrices } from './linalg';
import { addmm } from './matmul';
import { ReturnTypes } from './reduce';

type Scales = { beta: number; alpha: number };
const scales = (fn: string, args: unknown[]): Scales => parseArgs<Scales>(fn, args, ['beta', 'alpha'], { beta: 1, alpha: 1 });
/** beta·input + alpha·prod, where beta = 0 ignores input (NaN in it does not propagate), as PyTorch. */
const blend = (input: Tensor, prod: Tensor, { beta, alpha }: Scales) => {
  const p = alpha === 1 ? prod : prod.mul(alpha);
  return beta === 0 ? p.add(input.mul(0).nan_to_num(0, 0, 0)) : p.add(beta === 1 ? input : input.mul(beta));
};
const dims = (t: Tensor) => t._shape.join('x');

/** `beta·input + alpha·(mat @ vec)`. @example torch.addmv(torch.ones(2), torch.ones(2, 3), torch.ones(3)) // tensor([4., 4.]) */
export function addmv(input: Tensor, mat: Tensor, vec: Tensor, ...args: unknown[]): Tensor {
  const s = scales('addmv', args);
  if (mat.ndim !== 2 || vec.ndim !== 1) throw new RuntimeError(`vector + matrix @ vector expected, got ${input.ndim}, ${mat.ndim}, ${vec.ndim}`);
  if (mat._shape[1] !== vec._shape[0]) throw new RuntimeError(`size mismatch, got ${dims(input)}, ${dims(mat)},${dims(vec)}`);
  return fused('AddmvBackward0', [input, mat, vec], (i, m, v) => blend(i!, m!.mv(v!), s));
}
/** `beta·input + alpha·outer(vec1, vec2)`. @example torch.addr(torch.zeros(2, 2), torch.tensor([1., 2.]), torch.tensor([3., 4.])) */
export function addr(input: Tensor, vec1: Tensor, vec2: Tensor, ...args: unknown[]): Tensor {
  const s = scales('addr', args);
  if (vec1.ndim !== 1) throw new RuntimeError(`addr: Expected 1-D argument vec1, but got ${vec1.ndim}-D`);
  if (vec2.ndim !== 1) throw new RuntimeError(`addr: Expected 1-D argument vec2, but got ${vec2.ndim}-D`);
  return fused('AddrBackward0', [input, vec1, vec2], (i, a, b) => blend(i!, a!.unsqueeze(1).mul(b!), s));
}
function checkBatches(b1: Tensor, b2: Tensor): void {
  if (b1.ndim !== 3) throw new RuntimeError(`batch1 must be a 3D tensor`);
  if (b2.ndim !== 3) throw new RuntimeError(`batch2 must be a 3D tensor`);
  if (b2._shape[0] !== b1._shape[0] || b2._shape[1] !== b1._shape[2])
    throw new RuntimeError(`Expected size for first two dimensions of batch2 tensor to be: [${b1._shape[0]}, ${b1._shape[2]}] but got: [${b2._shape[0]}, ${b2._shape[1]}].`);
}
/** `beta·input + alpha·(batch1 @ batch2)` per batch. @example torch.baddbmm(torch.zeros(2, 3), torch.randn(4, 2, 5), torch.randn(4, 5, 3)).shape // torch.Size([4, 2, 3]) */
export function baddbmm(input: Tensor, batch1: Tensor, batch2: Tensor, ...args: unknown[]): Tensor {
  const s = scales('baddbmm', args);
  checkBatches(batch1, batch2);
  return fused('BaddbmmBackward0', [input, batch1, batch2], (i, a, b) => blend(i!, a!.bmm(b!), s));
}
/** `beta·input + alpha·Σᵢ batch1[i] @ batch2[i]`. @example torch.addbmm(torch.zeros(2, 3), torch.ones(4, 2, 5), torch.ones(4, 5, 3)).shape // torch.Size([2, 3]) */
export function addbmm(input: Tensor, batch1: Tensor, batch2: Tensor, ...args: unknown[]): Tensor {
  const s = scales('addbmm', args);
  checkBatches(batch1, batch2);
  return fused('AddbmmBackward0', [input, batch1, batch2], (i, a, b) => blend(i!, a!.bmm(b!).sum(0), s));
}

function square(fn: string, A: Tensor): number {
  if (A.ndim < 2 || A._shape[A.ndim - 1] !== A._shape[A.ndim - 2])
    throw new RuntimeError(`${fn}: A must be batches of square matrices, but they are ${A._shape[A.ndim - 2]} by ${A._shape[A.ndim - 1]} matrices`);
  return A._shape[A.ndim - 1];
}
/** `A @ A @ … @ A` (n times; n = 0 gives the identity, n < 0 powers of the inverse). @example torch.matrix_power(torch.tensor([[1., 1.], [0., 1.]]), 3) */
export function matrix_power(A: Tensor, n: number): Tensor {
  const k = square('linalg.matrix_power', A);
  if (n === 0) return eye(k, { dtype: A.dtype, device: A.device }).expand(A._shape).clone().add(A.mul(0));
  let base = n < 0 ? inv(A) : A, e = Math.abs(n), out: Tensor | null = null;
  if (e === 1) return n < 0 ? base : A.clone();
  while (e > 0) {
    if (e & 1) out = out === null ? base : out.matmul(base);
    e >>= 1;
    if (e) base = base.matmul(base);
  }
  return out!;
}
/** e^A by scaling and squaring a Taylor series (CPU: the scale reads ‖A‖). @example torch.matrix_exp(torch.zeros(2, 2)) */
export function matrix_exp(A: Tensor): Tensor {
  const k = square('linalg.matrix_exp', A);
  requireCpu('matrix_exp', A);
  const norm = A.numel() ? (A.detach().abs().sum(-1).max().cpu_item() as number) : 0;
  const s = norm > 0.5 ? Math.ceil(Math.log2(norm / 0.5)) : 0;
  return fused('LinalgMatrixExpBackward0', [A], (a) => {
    const X = a!.div(2 ** s);
    let term = eye(k, { dtype: A.dtype, device: A.device }).expand(A._shape);
    let sum = term;
    for (let i = 1; i <= 18; i++) {
      term = term.matmul(X).div(i);
      sum = sum.add(term);
    }
    for (let i = 0; i < s; i++) sum = sum.matmul(sum);
    return sum;
  });
}
/**
 * `(sign, log|det A|)` (a named tuple: `.sign`, `.logabsdet`), summed from the LU pivots in float64,
 * so a determinant beyond float range still has its logarithm (CPU).
 * @example torch.slogdet(torch.tensor([[2., 1.], [1., 3.]])).logabsdet // tensor(1.6094)
 */
export function slogdet(A: Tensor): ReturnTypes {
  square('linalg.slogdet', A);
  const { n, batch, mats } = matrices('linalg.slogdet', A);
  const signs = new Float64Array(mats.length), logs = new Float64Array(mats.length);
  mats.forEach((m, k) => {
    const { sign, zeroAt } = lu(m, n);
    let s = zeroAt >= 0 ? 0 : sign, l = zeroAt >= 0 ? -Infinity : 0;
    if (zeroAt < 0) for (let i = 0; i < n; i++) { const u = m[i * n + i]; if (u < 0) s = -s; l += Math.log(Math.abs(u)); }
    signs[k] = s;
    logs[k] = l;
  });
  const mk = (a: Float64Array) => Tensor._fromData(new A.dtype.array(a), batch, A.dtype);
  // PyTorch: both outputs hang off LinalgSlogdetBackward0; the sign's gradient is zero, log|det|'s is A^-T
  const sign = record(mk(signs), 'LinalgSlogdetBackward0', [A], (g) => [g.mul(0).unsqueeze(-1).unsqueeze(-1).expand(A._shape)]);
  const lad = record(mk(logs), 'LinalgSlogdetBackward0', [A], (g) => [g.unsqueeze(-1).unsqueeze(-1).mul(inv(A).mT)], [A]);
  const r = new ReturnTypes('slogdet', sign, lad);
  Object.defineProperties(r, { sign: { get: () => sign }, logabsdet: { get: () => lad } });
  return r;
}
/** log det A (NaN for a negative determinant, −inf for a singular matrix). @example torch.logdet(torch.tensor([[2., 1.], [1., 3.]])) // tensor(1.6094) */
export function logdet(A: Tensor): Tensor {
  const [sign, lad] = slogdet(A);
  return lad.where(sign.ge(0), NaN);
}
/** The flattened input on a diagonal of a square matrix. @example torch.diagflat(torch.tensor([1, 2])) */
export function diagflat(x: Tensor, ...args: unknown[]): Tensor {
  const { offset } = parseArgs<{ offset: number }>('diagflat', args, ['offset'], { offset: 0 });
  return diag(x.flatten(), offset);
}
/** Rescales each slice along `dim` whose p-norm exceeds `maxnorm` to norm `maxnorm`. @example torch.renorm(torch.ones(2, 3), 2, 0, 1.0) */
export function renorm(x: Tensor, ...args: unknown[]): Tensor {
  const { p, dim, maxnorm } = parseArgs<{ p: number; dim: number; maxnorm: number }>('renorm', args, ['p', 'dim', 'maxnorm']);
  if (!(p > 0)) throw new RuntimeError(`renorm: non-positive-norm not supported`);
  if (!(maxnorm >= 0)) throw new RuntimeError(`renorm: expected maxnorm to be >= 0 but got ${maxnorm}`);
  const d = normDim(dim, x.ndim);
  const others = x._shape.map((_, i) => i).filter((i) => i !== d);
  return fused('RenormBackward0', [x], (t) => {
    const norm = others.length ? t!.abs().pow(p).sum(others, { keepdim: true }).pow(1 / p) : t!.abs();
    const factor = norm.add(1e-7).reciprocal().mul(maxnorm).where(norm.detach().gt(maxnorm), 1);
    return t!.mul(factor);
  });
}

declare module '../tensor' {
  interface Tensor {
    addmm_(mat1: Tensor, mat2: Tensor, opts?: { beta?: number; alpha?: number }): Tensor;
    addmv(mat: Tensor, vec: Tensor, opts?: { beta?: number; alpha?: number }): Tensor;
    addmv_(mat: Tensor, vec: Tensor, opts?: { beta?: number; alpha?: number }): Tensor;
    addr(vec1: Tensor, vec2: Tensor, opts?: { beta?: number; alpha?: number }): Tensor;
    addr_(vec1: Tensor, vec2: Tensor, opts?: { beta?: number; alpha?: number }): Tensor;
    baddbmm(batch1: Tensor, batch2: Tensor, opts?: { beta?: number; alpha?: number }): Tensor;
    baddbmm_(batch1: Tensor, batch2: Tensor, opts?: { beta?: number; alpha?: number }): Tensor;
    addbmm(batch1: Tensor, batch2: Tensor, opts?: { beta?: number; alpha?: number }): Tensor;
    addbmm_(batch1: Tensor, batch2: Tensor, opts?: { beta?: number; alpha?: number }): Tensor;
    matrix_power(n: number): Tensor;
    matrix_exp(): Tensor;
    logdet(): Tensor;
    slogdet(): ReturnTypes;
    diagflat(offset?: number): Tensor;
    renorm(p: number, dim: number, maxnorm: number): Tensor;
    renorm_(p: number, dim: number, maxnorm: number): Tensor;
  }
}
type Three = (i: Tensor, a: Tensor, b: Tensor, ...r: unknown[]) => Tensor;
const P = Tensor.prototype as unknown as Record<string, (this: Tensor, ...a: any[]) => unknown>;
const THREE: Record<string, Three> = { addmv, addr, baddbmm, addbmm, addmm: (i, a, b, o) => addmm(i, a, b, (o ?? {}) as Scales) };
for (const [n, f] of Object.entries(THREE)) {
  if (n !== 'addmm') P[n] = function (a: Tensor, b: Tensor, ...r: unknown[]) { return f(this, a, b, ...r); };
  P[n + '_'] = function (a: Tensor, b: Tensor, ...r: unknown[]) { return inplace(this, (old) => f(old, a, b, ...r), undefined, [a, b]); };
}
P.matrix_power = function (n: number) { return matrix_power(this, n); };
P.matrix_exp = function () { return matrix_exp(this); };
P.logdet = function () { return logdet(this); };
P.slogdet = function () { return slogdet(this); };
P.diagflat = function (...a: unknown[]) { return diagflat(this, ...a); };
P.renorm = function (...a: unknown[]) { return renorm(this, ...a); };
P.renorm_ = function (...a: unknown[]) { return inplace(this, (old) => renorm(old, ...a)); };
