// nn.Parameter: a tensor that a Module registers as a parameter when assigned to one of its
// attributes. It shares the data of the tensor it wraps, as in PyTorch.
import { RuntimeError } from '../errors';
import { keep } from '../memory';
import { Tensor } from '../tensor';

export class Parameter extends Tensor {
  /**
   * `nn.Parameter(data, requires_grad = true)`: prints `Parameter containing:` first.
   * @example this.w = nn.Parameter(torch.randn(3, 2))
   */
  constructor(data?: Tensor | null, requires_grad: boolean | { requires_grad?: boolean } = true) {
    // PyTorch's keyword (`nn.Parameter(t, {requires_grad: false})`): an options object was truthy, so it required grad
    if (typeof requires_grad === 'object' && requires_grad !== null) {
      for (const k of Object.keys(requires_grad)) if (k !== 'requires_grad') throw new TypeError(`__new__() got an unexpected keyword argument '${k}'`);
      requires_grad = requires_grad.requires_grad ?? true;
    }
    const src = data ?? Tensor._empty([0]);
    super(src._storage, src._shape, src._strides, src._offset);
    this._isParam = true;
    keep(this);
    if (requires_grad && !this.dtype.is_floating_point) throw new RuntimeError('Only Tensors of floating point and complex dtype can require gradients');
    if (requires_grad) this.requires_grad_(true);
  }
}

/** Whether `v` is a parameter (an nn.Parameter, or a tensor flagged as one). */
export function isParameter(v: unknown): v is Tensor {
  return v instanceof Tensor && v._isParam;
}
