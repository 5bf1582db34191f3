// Linear and Identity.
import { parseArgs } from '../args';
import { toDevice, type DeviceLike } from '../device';
import { toDType, type DTypeLike } from '../dtype';
import { state } from '../state';
import { Tensor } from '../tensor';
import * as F from './functional';
import * as init from './init';
import { Module } from './module';
import { Parameter } from './parameter';
import { py } from './pyrepr';

export interface FactoryKw {
  device?: DeviceLike | null;
  dtype?: DTypeLike | null;
}

/** A parameter of `shape` allocated once (on the CPU, where init writes in place). */
export function emptyParam(shape: number[], kw: FactoryKw = {}): Parameter {
  return new Parameter(Tensor._empty(shape, toDType(kw.dtype, state.defaultDtype)));
}

/** Moves freshly initialised parameters to the requested device. */
export function placeModule<M extends Module>(m: M, kw: FactoryKw): M {
  if (kw.device != null && toDevice(kw.device, state.defaultDevice).type !== 'cpu') m.to(kw.device);
  else if (kw.device == null && state.defaultDevice.type !== 'cpu') m.to(state.defaultDevice);
  return m;
}

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
