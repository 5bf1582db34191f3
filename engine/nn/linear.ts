// Linear and Identity.
import { parseArgs } from '../args';
import { Tensor } from '../tensor';
import * as F from './functional';
import * as init from './init';
import { Module } from './module';
import { Parameter } from './parameter';
import { emptyParam, placeModule, type FactoryKw } from './factory';
import { py } from './pyrepr';

// the factory keywords and helpers every layer uses live in factory.ts (no import of F there, so
// F's own modules may use them without a cycle); re-exported for the layers that import them from here
export { emptyParam, placeModule, type FactoryKw } from './factory';

/** A placeholder that returns its input. */
export class Identity extends Module {
  constructor(..._args: unknown[]) {
    super();
  }
  forward(input: Tensor): Tensor {
    return input;
  }
}

/**
 * y = x·Wᵀ + b, with weight [out_features, in_features] initialised as PyTorch does
 * (kaiming_uniform_ with a = √5; bias U(−1/√in, 1/√in)).
 * @example const lin = nn.Linear(3, 8); lin(x).shape
 */
export class Linear extends Module {
  declare weight: Parameter;
  declare bias: Parameter | null;
  in_features: number;
  out_features: number;
  constructor(in_features: number, out_features: number, bias?: boolean | ({ bias?: boolean } & FactoryKw), opts?: { bias?: boolean } & FactoryKw);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ in_features: number; out_features: number; bias: boolean } & FactoryKw>('Linear', args, ['in_features', 'out_features', 'bias', 'device', 'dtype'], { bias: true });
    this.in_features = o.in_features;
    this.out_features = o.out_features;
    this.weight = emptyParam([o.out_features, o.in_features], o);
    if (o.bias) this.bias = emptyParam([o.out_features], o);
    else this.register_parameter('bias', null);
    this.reset_parameters();
    placeModule(this, o);
  }
  reset_parameters(): void {
    init.kaiming_uniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias) {
      const fanIn = this.in_features;
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      init.uniform_(this.bias, -bound, bound);
    }
  }
  forward(input: Tensor): Tensor {
    return F.linear(input, this.weight, this.bias);
  }
  extra_repr(): string {
    return `in_features=${this.in_features}, out_features=${this.out_features}, bias=${py(this.bias !== null)}`;
  }
}
