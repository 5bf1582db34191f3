// Softmax2d, and LazyLinear (in_features inferred at the first call, when it becomes a Linear).
import { parseArgs } from '../args';
import { ValueError } from '../errors';
import type { Tensor } from '../tensor';
import { emptyParam, type FactoryKw } from './factory';
import * as Fn from './functional';
import { Linear } from './linear';
import { Module } from './module';

/**
 * Softmax over the channels (dim −3) of [N, C, H, W] or [C, H, W] input, at every position.
 * @example nn.Softmax2d()(torch.randn(1, 3, 2, 2)).shape // torch.Size([1, 3, 2, 2])
 */
export class Softmax2d extends Module {
  forward(input: Tensor): Tensor {
    if (input.ndim !== 3 && input.ndim !== 4) throw new ValueError(`Softmax2d: expected input to be 3D or 4D, got ${input.ndim}D instead`);
    return Fn.softmax(input, -3);
  }
}

/**
 * A Linear whose in_features is read from the first input (then it is a plain `Linear`, as PyTorch's
 * lazy module becomes one). Create the optimizer after that first call, as PyTorch's docs advise.
 * @example const fc = nn.LazyLinear(10); fc(torch.randn(2, 7)); fc.weight.shape // torch.Size([10, 7])
 */
export class LazyLinear extends Linear {
  #kw: FactoryKw;
  constructor(out_features: number, bias?: boolean | ({ bias?: boolean } & FactoryKw), opts?: { bias?: boolean } & FactoryKw);
  constructor(...args: unknown[]) {
    const o = parseArgs<{ out_features: number; bias: boolean } & FactoryKw>('LazyLinear', args, ['out_features', 'bias', 'device', 'dtype'], { bias: true });
    super(0, o.out_features, { bias: o.bias, device: o.device, dtype: o.dtype });
    this.#kw = { device: o.device, dtype: o.dtype };
  }
  reset_parameters(): void {
    if (this.in_features !== 0) super.reset_parameters();
  }
  forward(input: Tensor): Tensor {
    if (this.in_features === 0) {
      this.in_features = input._shape[input.ndim - 1];
      const dev = this.weight.device;
      this.weight = emptyParam([this.out_features, this.in_features], { ...this.#kw, dtype: this.weight.dtype, device: dev });
      if (this.bias) this.bias = emptyParam([this.out_features], { dtype: this.bias.dtype, device: dev });
      this.reset_parameters();
      if (dev.type !== 'cpu') this.to(dev);
      // PyTorch's cls_to_become: from now on it is a Linear (repr, isinstance)
      Object.setPrototypeOf(this, Linear.prototype);
    }
    return super.forward(input);
  }
}
