// The Bilinear module (PyTorch's init and repr) wrapping F.bilinear.
import { parseArgs } from '../args';
import type { Tensor } from '../tensor';
import { bilinear } from './functional-bilinear';
import * as init from './init';
import { emptyParam, placeModule, type FactoryKw } from './linear';
import { Module } from './module';
import type { Parameter } from './parameter';
import { py } from './pyrepr';

/** `y = x1ᵀ A x2 + b`, weight (out, in1, in2) and bias uniform in ±1/√in1. @example nn.Bilinear(2, 3, 4)(torch.randn(5, 2), torch.randn(5, 3)).shape // torch.Size([5, 4]) */
export class Bilinear extends Module {
  declare weight: Parameter;
  declare bias: Parameter | null;
  in1_features: number;
  in2_features: number;
  out_features: number;
  constructor(in1_features: number, in2_features: number, out_features: number, bias?: boolean | ({ bias?: boolean } & FactoryKw), opts?: FactoryKw);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ in1_features: number; in2_features: number; out_features: number; bias: boolean } & FactoryKw>('Bilinear', args, ['in1_features', 'in2_features', 'out_features', 'bias', 'device', 'dtype'], { bias: true });
    this.in1_features = o.in1_features;
    this.in2_features = o.in2_features;
    this.out_features = o.out_features;
    const bound = 1 / Math.sqrt(o.in1_features);
    this.weight = init.uniform_(emptyParam([o.out_features, o.in1_features, o.in2_features], o), -bound, bound) as Parameter;
    if (o.bias) this.bias = init.uniform_(emptyParam([o.out_features], o), -bound, bound) as Parameter;
    else this.register_parameter('bias', null);
    placeModule(this, o);
  }
  forward(input1: Tensor, input2: Tensor): Tensor {
    return bilinear(input1, input2, this.weight, this.bias);
  }
  extra_repr(): string {
    return `in1_features=${this.in1_features}, in2_features=${this.in2_features}, out_features=${this.out_features}, bias=${py(this.bias !== null)}`;
  }
}
