// F.scaled_dot_product_attention, composed of matmul, masked_fill and softmax (every backend,
// autograd free).
import { RuntimeError } from '../errors';
import { parseArgs } from '../args';
import { ones } from '../ops/creation';
import { bool } from '../dtype';
import type { Tensor } from '../tensor';

/**
 * Attention: softmax(q·kᵀ·scale + mask)·v, with `is_causal` (a lower-triangular mask), a boolean
 * mask (true = attend) or an additive float mask, and `dropout_p` on the weights.
 * @example F.scaled_dot_product_attention(torch.randn(1, 2, 4, 8), torch.randn(1, 2, 4, 8), torch.randn(1, 2, 4, 8)).shape // torch.Size([1, 2, 4, 8])
 */
export function scaled_dot_product_attention(q: Tensor, k: Tensor, v: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ attn_mask: Tensor | null; dropout_p: number; is_causal: boolean; scale: number | null }>('scaled_dot_product_attention', args, ['attn_mask', 'dropout_p', 'is_causal', 'scale'], { attn_mask: null, dropout_p: 0, is_causal: false, scale: null });
  const L = q._shape[q.ndim - 2], S = k._shape[k.ndim - 2];
  const scale = o.scale ?? 1 / Math.sqrt(q._shape[q.ndim - 1]);
  let s = q.matmul(k.transpose(-2, -1)).mul(scale);
  if (o.is_causal) {
    if (o.attn_mask) throw new RuntimeError('_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True');
    s = s.masked_fill(ones([L, S], { dtype: bool, device: q.device }).tril().logical_not(), -Infinity);
  } else if (o.attn_mask) s = o.attn_mask.dtype.name === 'bool' ? s.masked_fill(o.attn_mask.logical_not(), -Infinity) : s.add(o.attn_mask);
  let w = s.softmax(-1);
  if (o.dropout_p > 0) w = w.mul(w.new_empty(w._shape).bernoulli_(1 - o.dropout_p)).div(1 - o.dropout_p);
  return w.matmul(v);
}
