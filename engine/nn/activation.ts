// Activation modules.
import { parseArgs } from '../args';
import { Tensor } from '../tensor';
import * as F from './functional';
import { Module } from './module';
import { py } from './pyrepr';

function inplaceArg(name: string, args: unknown[]): boolean {
  return parseArgs<{ inplace: boolean }>(name, args, ['inplace'], { inplace: false }).inplace;
}

/** max(0, x). `nn.ReLU({inplace: true})` prints as PyTorch's `ReLU(inplace=True)` (computed out of place). */
export class ReLU extends Module {
  inplace: boolean;
  constructor(inplace?: boolean | { inplace?: boolean });
  constructor(...args: unknown[]) {
    super();
    this.inplace = inplaceArg('ReLU', args);
  }
  forward(input: Tensor): Tensor {
    return F.relu(input);
  }
  extra_repr(): string {
    return this.inplace ? 'inplace=True' : '';
  }
}
export class ReLU6 extends ReLU {
  forward(input: Tensor): Tensor {
    return F.relu6(input);
  }
}
export class Tanh extends Module {
  forward(input: Tensor): Tensor {
    return input.tanh();
  }
}
export class Sigmoid extends Module {
  forward(input: Tensor): Tensor {
    return input.sigmoid();
  }
}
export class SiLU extends Module {
  inplace: boolean;
  constructor(inplace?: boolean | { inplace?: boolean });
  constructor(...args: unknown[]) {
    super();
    this.inplace = inplaceArg('SiLU', args);
  }
  forward(input: Tensor): Tensor {
    return F.silu(input);
  }
  extra_repr(): string {
    return this.inplace ? 'inplace=True' : '';
  }
}
export class GELU extends Module {
  approximate: 'none' | 'tanh';
  constructor(approximate?: 'none' | 'tanh' | { approximate?: 'none' | 'tanh' });
  constructor(...args: unknown[]) {
    super();
    this.approximate = parseArgs<{ approximate: 'none' | 'tanh' }>('GELU', args, ['approximate'], { approximate: 'none' }).approximate;
  }
  forward(input: Tensor): Tensor {
    return F.gelu(input, { approximate: this.approximate });
  }
  extra_repr(): string {
    return `approximate='${this.approximate}'`;
  }
}
export class LeakyReLU extends Module {
  negative_slope: number;
  inplace: boolean;
  constructor(negative_slope?: number | { negative_slope?: number; inplace?: boolean }, inplace?: boolean);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ negative_slope: number; inplace: boolean }>('LeakyReLU', args, ['negative_slope', 'inplace'], { negative_slope: 0.01, inplace: false });
    this.negative_slope = o.negative_slope;
    this.inplace = o.inplace;
  }
  forward(input: Tensor): Tensor {
    return F.leaky_relu(input, this.negative_slope);
  }
  extra_repr(): string {
    return `negative_slope=${py(this.negative_slope, true)}${this.inplace ? ', inplace=True' : ''}`;
  }
}
class SoftmaxBase extends Module {
  dim: number | null;
  constructor(dim?: number | null | { dim?: number | null });
  constructor(...args: unknown[]) {
    super();
    this.dim = parseArgs<{ dim: number | null }>(this._get_name(), args, ['dim'], { dim: null }).dim;
  }
  _dim(input: Tensor): number {
    // PyTorch's legacy choice when dim is None
    return this.dim ?? (input.ndim === 0 || input.ndim === 1 || input.ndim === 3 ? 0 : 1);
  }
  extra_repr(): string {
    return `dim=${py(this.dim)}`;
  }
}
/** Softmax over `dim`. @example nn.Softmax({dim: 1}) */
export class Softmax extends SoftmaxBase {
  forward(input: Tensor): Tensor {
    return F.softmax(input, this._dim(input));
  }
}
export class LogSoftmax extends SoftmaxBase {
  forward(input: Tensor): Tensor {
    return F.log_softmax(input, this._dim(input));
  }
}
