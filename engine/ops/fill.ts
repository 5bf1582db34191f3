// fill_ / zero_: a value written over a tensor in place, on any device and any layout.
import { RuntimeError } from '../errors';
import { record } from '../autograd';
import { getKernel } from '../backend/registry';
import { Tensor, type TensorOrScalar as TS } from '../tensor';
import { checkScalarFits } from './int-range';
import { inplace } from './inplace';
import { sumToShape } from './util';

/**
 * Fills with `value` (a number or a one-element tensor) in place, on any device and any layout.
 * Recorded as PyTorch's FillBackward2 / FillBackward3 (tensor value) / ZeroBackward0: no gradient
 * to the old values, the sum of the gradient to a tensor value.
 */
function fillInPlace(self: Tensor, value: TS, zero: boolean): Tensor {
  const tensorValue = value instanceof Tensor;
  if (!tensorValue) checkScalarFits(value, self.dtype);
  if (tensorValue && value.ndim !== 0)
    throw new RuntimeError(`fill_ only supports 0-dimension value tensor but got tensor with ${value.ndim} dimensions.`);
  // a new tensor of self's shape, dtype and device holding the value
  const filled = (): Tensor =>
    tensorValue
      ? (value as Tensor).detach().to(self.device).to(self.dtype).expand(self._shape).contiguous()
      : (getKernel('full', self.device.type)([...self._shape], Number(value), self.dtype) as Tensor);
  return inplace(
    self,
    (old) => {
      const out = filled();
      if (tensorValue && (value as Tensor).requires_grad)
        return record(out, 'FillBackward3', [old, value as Tensor], (g) => [g.mul(0), sumToShape(g, (value as Tensor)._shape).to((value as Tensor).dtype)]);
      return record(out, zero ? 'ZeroBackward0' : 'FillBackward2', [old], (g) => [g.mul(0)]);
    },
    // not recorded: CPU and contiguous, straight into the array; otherwise a copy of the filled tensor
    // (`old · 0 + value` gave NaN over inf/NaN, and WebGPU storage has no array to fill)
    () => {
      const data = self.device.type === 'cpu' && self.is_contiguous() && !tensorValue ? self._storage.data : null;
      if (data) data.fill(Number(value), self._offset, self._offset + self.numel());
      else getKernel('copy_', self.device.type)(self, filled());
    },
    [value],
  );
}

/** `torch.fill_(t, value)`: `t.fill_(value)`. @example torch.fill_(torch.zeros(2), 3) // tensor([3., 3.]) */
export function fill_(self: Tensor, value: TS): Tensor {
  return fillInPlace(self, value, false);
}

declare module '../tensor' {
  interface Tensor {
    /** Fills with a value (a number or a 0-d tensor) in place. @example torch.zeros(2).fill_(7) // tensor([7., 7.]) */
    fill_(value: TS): Tensor;
    /** Fills with zeros in place. @example torch.ones(2).zero_() // tensor([0., 0.]) */
    zero_(): Tensor;
  }
}

const P = Tensor.prototype;
P.fill_ = function (v) { return fillInPlace(this, v, false); };
P.zero_ = function () { return fillInPlace(this, 0, true); };
