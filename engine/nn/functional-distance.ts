// F.normalize, F.cosine_similarity and F.pairwise_distance, composed of public tensor ops (every
// backend, autograd free).
import { parseArgs } from '../args';
import { vector_norm } from '../ops/linalg';
import type { Tensor } from '../tensor';

/**
 * Divides by the `p`-norm over `dim` (at least `eps`): unit vectors.
 * @example F.normalize(torch.tensor([[3., 4.]]), { dim: 1 }) // tensor([[0.6000, 0.8000]])
 */
export function normalize(input: Tensor, ...args: unknown[]): Tensor {
  const { p, dim, eps } = parseArgs<{ p: number; dim: number; eps: number; out: null }>('normalize', args, ['p', 'dim', 'eps', 'out'], { p: 2, dim: 1, eps: 1e-12 });
  return input.div(vector_norm(input, p, { dim, keepdim: true }).clamp({ min: eps }).expand_as(input));
}

/**
 * Cosine of the angle between `x1` and `x2` along `dim` (broadcasting).
 * @example F.cosine_similarity(torch.tensor([[1., 0.]]), torch.tensor([[1., 1.]])) // tensor([0.7071])
 */
export function cosine_similarity(x1: Tensor, x2: Tensor, ...args: unknown[]): Tensor {
  const { dim, eps } = parseArgs<{ dim: number; eps: number }>('cosine_similarity', args, ['dim', 'eps'], { dim: 1, eps: 1e-8 });
  // PyTorch 1.13's formula: w12 / sqrt(clamp_min(w1·w2, eps²))
  const w12 = x1.mul(x2).sum(dim);
  const w1 = x1.mul(x1).sum(dim), w2 = x2.mul(x2).sum(dim);
  return w12.div(w1.mul(w2).clamp({ min: eps * eps }).sqrt());
}

/**
 * The `p`-norm of `x1 - x2 + eps` over the last dim.
 * @example F.pairwise_distance(torch.tensor([[0., 0.]]), torch.tensor([[3., 4.]]))
 */
export function pairwise_distance(x1: Tensor, x2: Tensor, ...args: unknown[]): Tensor {
  const { p, eps, keepdim } = parseArgs<{ p: number; eps: number; keepdim: boolean }>('pairwise_distance', args, ['p', 'eps', 'keepdim'], { p: 2, eps: 1e-6, keepdim: false });
  const d = Math.max(x1.ndim, x2.ndim) - 1;
  return vector_norm(x1.sub(x2).add(eps), p, { dim: d < 0 ? null : -1, keepdim });
}
