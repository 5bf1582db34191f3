// LayerNorm and GroupNorm modules (their functions are in functional-norm.ts).
import { parseArgs } from '../args';
import type { Tensor } from '../tensor';
import { group_norm, layer_norm } from './functional-norm';
import * as init from './init';
import { emptyParam, placeModule, type FactoryKw } from './linear';
import { Module } from './module';
import type { Parameter } from './parameter';
import { py, pyFloat } from './pyrepr';

/**
 * Layer normalisation over the trailing `normalized_shape` dims, with a learnable weight (ones) and bias (zeros).
 * @example const ln = nn.LayerNorm(3); ln(x).shape
 */
export class LayerNorm extends Module {
  declare weight: Parameter | null;
  declare bias: Parameter | null;
  normalized_shape: number[];
  eps: number;
  elementwise_affine: boolean;
  constructor(normalized_shape: number | number[], eps?: number | ({ eps?: number; elementwise_affine?: boolean; bias?: boolean } & FactoryKw), ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ normalized_shape: number | number[]; eps: number; elementwise_affine: boolean; bias: boolean } & FactoryKw>('LayerNorm', args,
      ['normalized_shape', 'eps', 'elementwise_affine', 'bias', 'device', 'dtype'], { eps: 1e-5, elementwise_affine: true, bias: true });
    this.normalized_shape = typeof o.normalized_shape === 'number' ? [o.normalized_shape] : [...o.normalized_shape];
    this.eps = o.eps;
    this.elementwise_affine = o.elementwise_affine;
    if (o.elementwise_affine) {
      this.weight = init.ones_(emptyParam(this.normalized_shape, o)) as Parameter;
      if (o.bias) this.bias = init.zeros_(emptyParam(this.normalized_shape, o)) as Parameter;
      else this.register_parameter('bias', null);
    } else {
      this.register_parameter('weight', null);
      this.register_parameter('bias', null);
    }
    placeModule(this, o);
  }
  forward(input: Tensor): Tensor {
    return layer_norm(input, this.normalized_shape, this.weight, this.bias, this.eps);
  }
  extra_repr(): string {
    return `${py(this.normalized_shape)}, eps=${pyFloat(this.eps)}, elementwise_affine=${py(this.elementwise_affine)}`;
  }
}

/**
 * Group normalisation: channels split into `num_groups` groups, each normalised on its own.
 * @example const gn = nn.GroupNorm(2, 4); gn(torch.randn(2, 4, 3)).shape
 */
export class GroupNorm extends Module {
  declare weight: Parameter | null;
  declare bias: Parameter | null;
  num_groups: number;
  num_channels: number;
  eps: number;
  affine: boolean;
  constructor(num_groups: number, num_channels: number, eps?: number | ({ eps?: number; affine?: boolean } & FactoryKw), ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ num_groups: number; num_channels: number; eps: number; affine: boolean } & FactoryKw>('GroupNorm', args, ['num_groups', 'num_channels', 'eps', 'affine', 'device', 'dtype'], { eps: 1e-5, affine: true });
    if (o.num_channels % o.num_groups !== 0) throw new Error('num_channels must be divisible by num_groups');
    this.num_groups = o.num_groups;
    this.num_channels = o.num_channels;
    this.eps = o.eps;
    this.affine = o.affine;
    if (o.affine) {
      this.weight = init.ones_(emptyParam([o.num_channels], o)) as Parameter;
      this.bias = init.zeros_(emptyParam([o.num_channels], o)) as Parameter;
    } else {
      this.register_parameter('weight', null);
      this.register_parameter('bias', null);
    }
    placeModule(this, o);
  }
  forward(input: Tensor): Tensor {
    return group_norm(input, this.num_groups, this.weight, this.bias, this.eps);
  }
  extra_repr(): string {
    return `${this.num_groups}, ${this.num_channels}, eps=${pyFloat(this.eps)}, affine=${py(this.affine)}`;
  }
}
