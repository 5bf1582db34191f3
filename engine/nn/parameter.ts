// nn.Parameter: a tensor that a Module registers as a parameter when assigned to one of its
// attributes. It shares the data of the tensor it wraps, as in PyTorch.
import { parseArgs } from '../args';
import { keep } from '../memory';
import { Tensor } from '../tensor';

export class Parameter extends Tensor {
  /**
   * `nn.Parameter(data, requires_grad = true)`: prints `Parameter containing:` first.
   * @example this.w = nn.Parameter(torch.randn(3, 2))
   */
  constructor(data?: Tensor | null, requires_grad?: boolean | { requires_grad?: boolean });
  constructor(data?: Tensor | null, ...args: unknown[]) {
    // PyTorch's keyword too: nn.Parameter(t, {requires_grad: false}) (an options object was once read as true)
    const { requires_grad } = parseArgs<{ requires_grad: boolean }>('Parameter', args, ['requires_grad'], { requires_grad: true });
    const src = data ?? Tensor._empty([0]);
    super(src._storage, src._shape, src._strides, src._offset);
    this._isParam = true;
    keep(this);
    if (requires_grad) this.requires_grad_(true);
  }
}

/** Whether `v` is a parameter (an nn.Parameter, or a tensor flagged as one). */
export function isParameter(v: unknown): v is Tensor {
  return v instanceof Tensor && v._isParam;
}
