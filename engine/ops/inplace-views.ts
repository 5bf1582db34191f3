// In-place view ops (`unsqueeze_`, `squeeze_`, `t_`, `transpose_`) and `data_ptr()`: what the book's
// ch. 3 writes (`weights.unsqueeze(-1).unsqueeze_(-1)`, `points_t.data_ptr() == points.data_ptr()`).
import { NotImplementedError } from '../errors';
import { Tensor } from '../tensor';
import type { Storage } from '../storage';
import './shape';

// Changing a tensor's own shape and strides is exact for tensors outside autograd; a tensor in the graph
// would need its grad_fn rebased (PyTorch records UnsqueezeBackward1 …): refused loudly instead.
function restride(self: Tensor, name: string, view: Tensor): Tensor {
  if (self.requires_grad)
    throw new NotImplementedError(`${name}() on a tensor that requires grad is not implemented in Torchlit: use the out-of-place ${name.slice(0, -1)}() (see docs/differences-from-pytorch.md)`);
  self._shape = view._shape.slice();
  self._strides = view._strides.slice();
  return self;
}

// A stable number per storage, so data_ptr() tells whether two tensors share memory (JS has no addresses).
const ids = new WeakMap<Storage, number>();
let nextId = 1;

declare module '../tensor' {
  interface Tensor {
    /** In place: inserts a dim of size 1. @example const w = torch.ones([3]).unsqueeze(-1).unsqueeze_(-1)  // w.shape: [3, 1, 1] */
    unsqueeze_(dim: number): Tensor;
    /** In place: drops dims of size 1. @example t.squeeze_(0) */
    squeeze_(dim?: number | number[]): Tensor;
    /** In place: transposes a ≤2-D tensor. @example m.t_() */
    t_(): Tensor;
    /** In place: swaps two dims. @example m.transpose_(0, 1) */
    transpose_(dim0: number, dim1: number): Tensor;
    /**
     * A number standing for the address of the first element: equal for tensors that start at the same
     * element of the same storage (PyTorch's idiom for "do they share memory?"). Not a real address.
     * @example const points = torch.ones([3, 2]); points.t().data_ptr() === points.data_ptr()  // true
     */
    data_ptr(): number;
  }
}
const P = Tensor.prototype;
P.unsqueeze_ = function (d) { return restride(this, 'unsqueeze_', this.detach().unsqueeze(d)); };
P.squeeze_ = function (d) { return restride(this, 'squeeze_', this.detach().squeeze(d)); };
P.t_ = function () { return restride(this, 't_', this.detach().t()); };
P.transpose_ = function (a, b) { return restride(this, 'transpose_', this.detach().transpose(a, b)); };
P.data_ptr = function () {
  const s = this._storage;
  let id = ids.get(s);
  if (id === undefined) ids.set(s, (id = nextId++));
  // 2^32 bytes apart per storage, as if each had its own allocation
  return id * 2 ** 32 + this._offset * this.element_size();
};
