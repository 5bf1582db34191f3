// Flips and quarter turns as views of flip and transpose (every backend, autograd free):
// fliplr, flipud, rot90.
import { RuntimeError } from '../errors';
import { parseArgs } from '../args';
import { normDim } from '../size';
import { Tensor } from '../tensor';
import { flip } from './join';

/** Flips left-right (dim 1). @example torch.fliplr(torch.eye(2)) */
export function fliplr(x: Tensor): Tensor {
  if (x.ndim < 2) throw new RuntimeError('Input must be >= 2-d.');
  return flip(x, [1]);
}
/** Flips up-down (dim 0). @example torch.flipud(torch.arange(3)) */
export function flipud(x: Tensor): Tensor {
  if (x.ndim < 1) throw new RuntimeError('Input must be >= 1-d.');
  return flip(x, [0]);
}

/**
 * Rotates by 90° `k` times in the plane of `dims` (from the first towards the second axis).
 * @example torch.rot90(torch.arange(4).view(2, 2), 1, [0, 1])
 */
export function rot90(x: Tensor, ...args: unknown[]): Tensor {
  const { k, dims } = parseArgs<{ k: number; dims: number[] }>('rot90', args, ['k', 'dims'], { k: 1, dims: [0, 1] });
  if (dims.length !== 2) throw new RuntimeError(`expected total rotation dims == 2, but got dims = ${dims.length}`);
  if (x.ndim < 2) throw new RuntimeError(`expected total dims >= 2, but got total dims = ${x.ndim}`);
  const [d0, d1] = dims.map((d) => normDim(d, x.ndim));
  if (d0 === d1) throw new RuntimeError(`expected rotation dims to be different, but got dim0 = ${d0} and dim1 = ${d1}`);
  const m = ((k % 4) + 4) % 4;
  if (m === 1) return flip(x, [d1]).transpose(d0, d1);
  if (m === 2) return flip(x, [d0, d1]);
  if (m === 3) return flip(x, [d0]).transpose(d0, d1);
  return x.clone();
}

declare module '../tensor' {
  interface Tensor {
    fliplr(): Tensor;
    flipud(): Tensor;
    rot90(k?: number, dims?: number[]): Tensor;
  }
}
const P = Tensor.prototype;
P.fliplr = function () { return fliplr(this); };
P.flipud = function () { return flipud(this); };
P.rot90 = function (...a: unknown[]) { return rot90(this, ...a); };
