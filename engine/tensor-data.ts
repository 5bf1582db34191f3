// `t.data`, both ways it is used: PyTorch's attribute (`w.data.norm()`, `p.data.sub_(lr * p.grad.data)`,
// `torch.max(outputs.data, 1)`: the same values, outside autograd) and Torchlit's readback
// (`await t.data()`: the elements as a typed array). The attribute is a callable stand-in for
// `t.detach()`: reads and method calls go to the detached alias, calling it reads the values back.
import type { Tensor } from './tensor';

/** The `t.data` stand-in: `instanceof Tensor`, every member of `t.detach()`, and callable as the readback. */
export function dataAttribute(t: Tensor, read: () => Promise<unknown>): Tensor & (() => Promise<unknown>) {
  const alias = t.detach();
  // PyTorch's `.data` is a new tensor with its own version counter: in-place through it is not seen by autograd
  alias._vc = { version: 0 };
  const call = function data() { return read(); };
  const proxy = new Proxy(call, {
    get(_f, prop) {
      const v = Reflect.get(alias, prop, alias);
      return typeof v === 'function' && prop !== 'constructor' ? v.bind(alias) : v;
    },
    set(_f, prop, v) { return Reflect.set(alias, prop, v, alias); },
    has(_f, prop) { return prop in alias; },
    getPrototypeOf() { return Object.getPrototypeOf(alias); },
    apply() { return read(); },
  }) as unknown as Tensor;
  return proxy as Tensor & (() => Promise<unknown>);
}

/** PyTorch's `t.data = other`: `t` now shows `other`'s storage, shape and strides (autograd is not told). */
export function setData(t: Tensor, other: Tensor): void {
  if (!other || typeof other !== 'object' || !('_storage' in other)) throw new TypeError('Variable data has to be a tensor, but got ' + typeof other);
  t._storage = other._storage;
  t._shape = other._shape.slice();
  t._strides = other._strides.slice();
  t._offset = other._offset;
}
