// Stacking along depth and splitting into views (composed of cat and narrow: every backend,
// autograd free): dstack, tensor_split.
import { RuntimeError } from '../errors';
import { parseArgs } from '../args';
import { normDim } from '../size';
import { Tensor } from '../tensor';
import { cat } from './join';

function atleast3d(t: Tensor): Tensor {
  if (t.ndim === 0) return t.reshape([1, 1, 1]);
  if (t.ndim === 1) return t.reshape([1, t._shape[0], 1]);
  if (t.ndim === 2) return t.unsqueeze(2);
  return t;
}

/** Stacks along the third dim (depth), after making each tensor at least 3-D. @example torch.dstack([a, b]) */
export function dstack(tensors: Tensor[]): Tensor {
  if (!tensors.length) throw new RuntimeError('dstack expects a non-empty TensorList');
  return cat(tensors.map(atleast3d), 2);
}

/**
 * Splits into `sections` near-equal views (the first `size % sections` one longer) or at the given
 * indices, along `dim`.
 * @example const [a, b, c] = torch.tensor_split(torch.arange(7), 3)
 */
export function tensor_split(x: Tensor, ...args: unknown[]): Tensor[] {
  const { indices_or_sections: ios, dim } = parseArgs<{ indices_or_sections: number | number[] | Tensor; dim: number }>('tensor_split', args, ['indices_or_sections', 'dim'], { dim: 0 });
  if (x.ndim === 0) throw new RuntimeError('tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims');
  const d = normDim(dim, x.ndim);
  const n = x._shape[d];
  const out: Tensor[] = [];
  if (typeof ios === 'number') {
    if (!Number.isInteger(ios) || ios <= 0) throw new RuntimeError(`number of sections must be larger than 0, got ${ios}`);
    const base = Math.floor(n / ios), extra = n % ios;
    let start = 0;
    for (let i = 0; i < ios; i++) {
      const len = base + (i < extra ? 1 : 0);
      out.push(x.narrow(d, start, len));
      start += len;
    }
    return out;
  }
  const idx = ios instanceof Tensor ? (ios.cpu_tolist() as number[]) : ios;
  let start = 0;
  for (const i of [...idx, n]) {
    const s = Math.min(Math.max(start, 0), n);
    const e = Math.min(Math.max(i < 0 ? i + n : i, s), n);
    out.push(x.narrow(d, s, e - s));
    start = i < 0 ? i + n : i;
  }
  return out;
}

declare module '../tensor' {
  interface Tensor {
    /** Near-equal views, or views split at indices. @example t.tensor_split(3) */
    tensor_split(indices_or_sections: number | number[] | Tensor, dim?: number | { dim?: number }): Tensor[];
  }
}
const P = Tensor.prototype;
P.tensor_split = function (...a: unknown[]) { return tensor_split(this, ...a); };
