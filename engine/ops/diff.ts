// torch.diff / Tensor.diff: n-th forward differences along a dimension, built from narrow and
// sub (logical_xor for bool, as ATen's diff_helper), so every backend and autograd come for free
// (grad_fn SubBackward0, as PyTorch's).
import { RuntimeError } from '../errors';
import { parseArgs } from '../args';
import { normDim } from '../size';
import { Tensor } from '../tensor';
import { cat } from './join';

interface DiffArgs { n: number; dim: number; prepend: Tensor | null; append: Tensor | null }

function checkEnd(x: Tensor, t: Tensor, dim: number): void {
  if (t.ndim !== x.ndim) throw new RuntimeError('diff expects prepend or append to be the same dimension as input');
  for (let i = 0; i < x.ndim; i++) {
    if (i !== dim && t.shape[i] !== x.shape[i])
      throw new RuntimeError(`diff expects the shape of tensor to prepend or append to match that of input except along the differencing dimension; input.size(${i}) = ${x.shape[i]}, but got tensor.size(${i}) = ${t.shape[i]}`);
  }
}

/**
 * The n-th forward difference along `dim` (default: the last), after concatenating `prepend` and
 * `append` along it; `n` larger than the length gives an empty result, `n = 0` a copy.
 * @example torch.diff(torch.tensor([1, 4, 9, 16])) // tensor([3, 5, 7])
 * @example torch.tensor([[1, 2], [4, 8]]).diff({ dim: 0, prepend: torch.zeros([1, 2]) })
 */
export function diff(x: Tensor, ...args: unknown[]): Tensor {
  const a = parseArgs<DiffArgs>('diff', args, ['n', 'dim', 'prepend', 'append'], { n: 1, dim: -1, prepend: null, append: null });
  if (x.ndim < 1) throw new RuntimeError('diff expects input to be at least one-dimensional');
  if (!Number.isInteger(a.n)) throw new TypeError(`diff(): argument 'n' must be int, not ${typeof a.n}`);
  // PyTorch 2.x's check (1.13 had none and returned the input unchanged).
  if (a.n < 0) throw new RuntimeError(`order must be non-negative but got ${a.n}`);
  const dim = normDim(a.dim, x.ndim);
  for (const t of [a.prepend, a.append]) if (t !== null && t !== undefined) checkEnd(x, t, dim);
  // ATen: n = 0 returns a copy (zeros_like(self).copy_(self)) and ignores prepend/append.
  if (a.n === 0) return x.new_zeros([...x.shape]).copy_(x);
  let r = x;
  if (a.prepend || a.append) r = cat([...(a.prepend ? [a.prepend] : []), x, ...(a.append ? [a.append] : [])], dim);
  const n = Math.min(a.n, r.shape[dim]);
  let len = r.shape[dim] - 1;
  for (let i = 0; i < n; i++, len--) {
    const hi = r.narrow(dim, 1, len);
    const lo = r.narrow(dim, 0, len);
    r = r.dtype.name === 'bool' ? hi.logical_xor(lo) : hi.sub(lo);
  }
  return r;
}

declare module '../tensor' {
  interface Tensor {
    /** n-th forward difference along `dim`: `x.diff()`, `x.diff({ n: 2, dim: 0 })`. */
    diff(n?: number | Partial<DiffArgs>, dim?: number | Partial<DiffArgs>, prepend?: Tensor | null, append?: Tensor | null): Tensor;
  }
}
Tensor.prototype.diff = function (...a: unknown[]) { return diff(this, ...a); };
