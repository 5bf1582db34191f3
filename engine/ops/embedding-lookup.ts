// The embedding lookup behind F.embedding and torch.embedding (indices first, F's order). Its own
// module, not re-exported by the torch namespace (torch.ts re-exports ./padding, whose
// torch.embedding takes PyTorch's weight-first order).
import { IndexError, RuntimeError } from '../errors';
import { record } from '../autograd';
import { getKernel } from '../backend/registry';
import { int32, int64 } from '../dtype';
import type { Tensor } from '../tensor';
import { zeros } from './creation';
import { dimPlan } from './index-plan';
import { checkInterrupt } from './util';

/**
 * Rows of `weight` ([num_embeddings, dim]) looked up by the int64 `input` (F.embedding's order); the
 * gradient skips `padding_idx`. With `scale_grad_by_freq` each row's gradient is divided by how often
 * its index occurs in `input` (as PyTorch).
 */
export function embeddingLookup(input: Tensor, weight: Tensor, padding_idx: number | null = null, scale_grad_by_freq = false, sparse = false): Tensor {
  if (input.dtype !== int64 && input.dtype !== int32)
    throw new RuntimeError(`Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got ${String(input.type())} instead (while checking arguments for embedding)`);
  if (weight.ndim !== 2) throw new RuntimeError("'weight' must be 2-D");
  const flat = input.reshape([-1]);
  const n = weight._shape[0];
  if (flat.device.type === 'cpu') {
    const I = flat._cpuContiguous();
    for (let i = 0; i < I.length; i++) if (I[i] < 0 || I[i] >= n) throw new IndexError('index out of range in self');
  }
  const pad = padding_idx === null || padding_idx === undefined ? null : padding_idx < 0 ? padding_idx + n : padding_idx;
  checkInterrupt();
  const rows = getKernel('index', weight.device.type)(weight, dimPlan(weight, 0, flat)) as Tensor;
  const out = rows.view([...input._shape, weight._shape[1]]);
  return record(out, 'EmbeddingBackward0', [weight], (g) => {
    if (sparse && scale_grad_by_freq) throw new RuntimeError('embedding_backward: scale_grad_by_freq not supported with sparse gradients');
    const g2 = g.reshape([-1, weight._shape[1]]);
    const gw = zeros(weight._shape, { dtype: g.dtype, device: g.device });
    let src = pad === null ? g2 : g2.masked_fill(flat.eq(pad).unsqueeze(1), 0);
    if (scale_grad_by_freq) {
      // counted on the tensors' device (no read-back): counts[k] = occurrences of index k in input
      const counts = zeros([n], { dtype: g.dtype, device: g.device }).index_add_(0, flat, g2.new_ones([flat._shape[0]]));
      src = src.div(counts.index_select(0, flat).unsqueeze(1));
    }
    return [gw.index_add_(0, flat, src)];
  });
}
