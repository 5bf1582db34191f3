// Tensor.unfold(dimension, size, step): every window of `size` elements along `dimension`, `step`
// apart, as a new last dim; a strided view of the same storage (no copy), as PyTorch's.
import { record } from '../autograd';
import { parseArgs } from '../args';
import { RuntimeError } from '../errors';
import { int64 } from '../dtype';
import { normDim } from '../size';
import { Tensor } from '../tensor';
import { tensor, zeros } from './creation';

/**
 * The windows of `size` elements along `dimension`, `step` apart, as a view with one more dim.
 * @example torch.arange(7).unfold(0, 3, 2) // tensor([[0, 1, 2], [2, 3, 4], [4, 5, 6]])
 */
export function unfold(x: Tensor, dimension: number, size: number, step: number): Tensor {
  const d = x.ndim === 0 ? normDim(dimension, 1) : normDim(dimension, x.ndim);
  const len = x.ndim === 0 ? 1 : x._shape[d];
  if (size > len) throw new RuntimeError(`maximum size for tensor at dimension ${d} is ${len} but size is ${size}`);
  if (!(step > 0)) throw new RuntimeError(`step is ${step} but must be > 0`);
  if (size < 0) throw new RuntimeError(`size is ${size} but must be >= 0`);
  const stride = x.ndim === 0 ? 1 : x._strides[d];
  const n = Math.floor((len - size) / step) + 1;
  const shape = x.ndim === 0 ? [size] : [...x._shape.slice(0, d), n, ...x._shape.slice(d + 1), size];
  const strides = x.ndim === 0 ? [1] : [...x._strides.slice(0, d), stride * step, ...x._strides.slice(d + 1), stride];
  const out = new Tensor(x._storage, shape, strides, x._offset);
  out._viewOf(x);
  const inShape = x._shape;
  return record(out, 'UnfoldBackward0', [x], (g) => {
    if (x.ndim === 0) return [g.sum().reshape([])];
    // window i, element j came from position i·step + j: index_add the windows back
    const idx: number[] = [];
    for (let i = 0; i < n; i++) for (let j = 0; j < size; j++) idx.push(i * step + j);
    const src = g.movedim(-1, d + 1).flatten(d, d + 1);
    const z = zeros(inShape, { dtype: g.dtype, device: g.device });
    return [z.index_add(d, tensor(idx, { dtype: int64, device: g.device }), src)];
  });
}

declare module '../tensor' {
  interface Tensor {
    /** The windows of `size` elements along `dimension`, `step` apart, as a new last dim (a view). @example x.unfold(0, 2, 1) */
    unfold(dimension: number | { dimension: number; size: number; step: number }, size?: number, step?: number): Tensor;
  }
}
Tensor.prototype.unfold = function (this: Tensor, ...args: unknown[]) {
  // PyTorch's keywords too: x.unfold({dimension: 0, size: 2, step: 1})
  const o = parseArgs<{ dimension: number; size: number; step: number }>('unfold', args, ['dimension', 'size', 'step']);
  for (const k of ['dimension', 'size', 'step'] as const)
    if (o[k] === undefined) throw new TypeError(`unfold() missing required argument '${k}'`);
  return unfold(this, o.dimension, o.size, o.step);
} as Tensor['unfold'];
