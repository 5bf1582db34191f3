// In-place view ops (`unsqueeze_`, `squeeze_`, `t_`, `transpose_`) and `data_ptr()`: what the book's
// ch. 3 writes (`weights.unsqueeze(-1).unsqueeze_(-1)`, `points_t.data_ptr() == points.data_ptr()`).
import { isGradEnabled, record } from '../autograd';
import { Tensor } from '../tensor';
import { checkLeaf } from './inplace';
import type { Storage } from '../storage';
import './shape';

// Changing a tensor's own shape and strides. In the graph, as PyTorch: the tensor's old self (its
// graph position) becomes the input of a node named as PyTorch's in-place variant (UnsqueezeBackward1,
// SqueezeBackward2/3, TBackward1, TransposeBackward1) whose backward undoes the restride; a leaf that
// requires grad (or a view of one) refuses. The version moves, as for any in-place op.
function restride(self: Tensor, view: Tensor, node: string, back: (g: Tensor) => Tensor): Tensor {
  checkLeaf(self);
  const recording = isGradEnabled() && self.requires_grad;
  let old: Tensor | null = null;
  if (recording) {
    old = new Tensor(self._storage, self._shape, self._strides, self._offset);
    old.grad_fn = self.grad_fn;
    old._requires_grad = true;
  }
  self._version++;
  self._shape = view._shape.slice();
  self._strides = view._strides.slice();
  if (old) record(self, node, [old], (g) => [back(g)]);
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
P.unsqueeze_ = function (d) {
  const v = this.detach().unsqueeze(d);
  const at = v._shape.length === this._shape.length + 1 ? (d < 0 ? d + v._shape.length : d) : d;
  return restride(this, v, 'UnsqueezeBackward1', (g) => g.squeeze(at));
};
P.squeeze_ = function (d) {
  const shape = this._shape.slice();
  return restride(this, this.detach().squeeze(d), d === undefined ? 'SqueezeBackward2' : 'SqueezeBackward3', (g) => g.reshape(shape));
};
P.t_ = function () { return restride(this, this.detach().t(), 'TBackward1', (g) => g.t()); };
P.transpose_ = function (a, b) { return restride(this, this.detach().transpose(a, b), 'TransposeBackward1', (g) => g.transpose(a, b)); };
P.data_ptr = function () {
  const s = this._storage;
  let id = ids.get(s);
  if (id === undefined) ids.set(s, (id = nextId++));
  // 2^32 bytes apart per storage, as if each had its own allocation
  return id * 2 ** 32 + this._offset * this.element_size();
};
