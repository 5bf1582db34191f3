// SparseAdam, as PyTorch's constructor and checks. Torchlit has no sparse tensors (an
// Embedding(sparse=True) gives dense gradients), so every gradient step() sees is dense and
// raises PyTorch's own error for that case; docs/pytorch-coverage.md lists it as partial.
import { pyFloat } from '../nn/pyrepr';
import { parseArgs } from '../args';
import { RuntimeError, ValueError } from '../errors';
import { Optimizer, type ParamGroup, type Params } from './optimizer';

export interface SparseAdamOptions {
  lr?: number;
  betas?: [number, number] | number[];
  eps?: number;
  maximize?: boolean;
}

/**
 * Adam for sparse gradients (PyTorch's lazy variant). Torchlit's gradients are always dense, so
 * `step()` raises PyTorch's "does not support dense gradients" error: use `optim.Adam`.
 * @example optim.SparseAdam(model.parameters(), {lr: 1e-3})
 */
export class SparseAdam extends Optimizer {
  constructor(params: Params, lr?: number | SparseAdamOptions, ...rest: unknown[]);
  constructor(params: Params, ...args: unknown[]) {
    const o = parseArgs<Required<SparseAdamOptions>>('SparseAdam', args, ['lr', 'betas', 'eps', 'maximize'], { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, maximize: false });
    if (!(o.lr > 0)) throw new ValueError(`Invalid learning rate: ${o.lr}`);
    if (!(o.eps > 0)) throw new ValueError(`Invalid epsilon value: ${o.eps}`);
    if (!(o.betas[0] >= 0 && o.betas[0] < 1)) throw new ValueError(`Invalid beta parameter at index 0: ${pyFloat(o.betas[0])}`);
    if (!(o.betas[1] >= 0 && o.betas[1] < 1)) throw new ValueError(`Invalid beta parameter at index 1: ${pyFloat(o.betas[1])}`);
    super(params, { ...o, betas: [...o.betas] });
  }
  _step_group(g: ParamGroup): void {
    for (const p of g.params)
      if (p.grad) throw new RuntimeError('SparseAdam does not support dense gradients, please consider Adam instead');
  }
}
