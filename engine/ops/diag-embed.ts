// diag_embed: batches of diagonal matrices, composed of eye, pad and movedim (every backend,
// autograd free).
import { RuntimeError } from '../errors';
import { parseArgs } from '../args';
import { normDim } from '../size';
import { Tensor } from '../tensor';
import { eye } from './creation';
import { pad } from './padding';
import { movedim } from './rearrange';

/**
 * Batches of diagonal matrices from the last dim of `input` (on diagonal `offset`, in the plane of
 * `dim1`, `dim2` of the output).
 * @example torch.diag_embed(torch.tensor([[1., 2.], [3., 4.]])).shape // torch.Size([2, 2, 2])
 */
export function diag_embed(x: Tensor, ...args: unknown[]): Tensor {
  const { offset, dim1, dim2 } = parseArgs<{ offset: number; dim1: number; dim2: number }>('diag_embed', args, ['offset', 'dim1', 'dim2'], { offset: 0, dim1: -2, dim2: -1 });
  const nd = x.ndim + 1;
  const a = normDim(dim1, nd), b = normDim(dim2, nd);
  if (a === b) throw new RuntimeError(`diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  const src = x.ndim === 0 ? x.reshape([1]) : x;
  const n = src._shape[src.ndim - 1];
  const D = src.unsqueeze(-1).mul(eye(n, { dtype: x.dtype, device: x.device }));
  const o = Math.abs(offset);
  const P = offset > 0 ? pad(D, [o, 0, 0, o]) : offset < 0 ? pad(D, [0, o, o, 0]) : D;
  return movedim(P, [nd - 2, nd - 1], [a, b]);
}

declare module '../tensor' {
  interface Tensor {
    diag_embed(offset?: number, dim1?: number, dim2?: number): Tensor;
  }
}
const P = Tensor.prototype;
P.diag_embed = function (...a: unknown[]) { return diag_embed(this, ...a); };
