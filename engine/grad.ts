// Clearing a tensor's .grad as PyTorch's zero_grad does (Module.zero_grad, Optimizer.zero_grad).
import { withGradMode } from './autograd';
import { keep } from './memory';
import { zeros_like } from './ops/creation';
import type { Tensor } from './tensor';

/**
 * `set_to_none` (the default): drop the gradient (the next backward makes a new one). Otherwise
 * zero it in place, detached, as PyTorch does; backward then accumulates into the same tensor, so
 * a training loop allocates no new gradient buffers.
 */
export function zeroGradOf(p: Tensor, setToNone: boolean): void {
  const g = p.grad;
  if (!g) return;
  if (setToNone) p.grad = null;
  else if (g.grad_fn || g.requires_grad) p.grad = keep(zeros_like(g));
  else withGradMode(false, () => g.zero_());
}
