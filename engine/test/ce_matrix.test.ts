// F.cross_entropy over every combination of input rank (1-4), class-index / probability target,
// weight, ignore_index, label_smoothing and reduction, against real PyTorch 1.13
// (scripts/golden/ce_matrix.py → golden/ce_matrix.json): the loss, the input's gradient and the
// loss's grad_fn name. Includes the all-ignored batch (nan mean, zero gradient: it was NaN).
import { describe, expect, it } from 'vitest';
import golden from './golden/ce_matrix.json';
import { expectTensor, makeTensor, T, type Encoded } from './harness';
import { F } from '../index';

interface CECase {
  id: string;
  input: Encoded;
  target: Encoded;
  kwargs: { reduction: string; weight?: number[]; ignore_index?: number; label_smoothing?: number };
  loss: Encoded;
  grad: Encoded;
  grad_fn: string;
}
const tol = { rtol: 1e-5, atol: 1e-6 };

describe('F.cross_entropy vs PyTorch (every option)', () => {
  for (const c of golden.cases as CECase[]) {
    it(c.id, async () => {
      const x = makeTensor(c.input, { requires_grad: true });
      const { weight, ...rest } = c.kwargs;
      const loss = F.cross_entropy(x, makeTensor(c.target), { ...rest, ...(weight ? { weight: T.tensor(weight) } : {}) } as never);
      (loss.dim() ? loss.sum() : loss).backward();
      await expectTensor(loss, c.loss, tol, 'loss');
      await expectTensor(x.grad, c.grad, tol, 'grad');
      expect(loss.grad_fn?.name()).toBe(c.grad_fn);
    });
  }
});
