// The InstanceNorm2d module wrapping F.instance_norm (track_running_stats raises NotImplementedError).
import { NotImplementedError, ValueError } from '../errors';
import { parseArgs } from '../args';
import type { Tensor } from '../tensor';
import { instance_norm } from './functional-norm';
import * as init from './init';
import { emptyParam, placeModule, type FactoryKw } from './linear';
import { Module } from './module';
import type { Parameter } from './parameter';
import { py, pyFloat } from './pyrepr';

/**
 * Instance normalisation of [N, C, H, W] (or [C, H, W]) input, with optional affine weight and bias;
 * `track_running_stats` raises NotImplementedError.
 * @example nn.InstanceNorm2d(3)(torch.randn(2, 3, 4, 4)).shape // torch.Size([2, 3, 4, 4])
 */
export class InstanceNorm2d extends Module {
  declare weight: Parameter | null;
  declare bias: Parameter | null;
  declare num_features: number;
  declare eps: number;
  declare momentum: number;
  declare affine: boolean;
  declare track_running_stats: boolean;
  constructor(num_features: number, eps?: number | ({ eps?: number; momentum?: number; affine?: boolean; track_running_stats?: boolean } & FactoryKw), ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ num_features: number; eps: number; momentum: number; affine: boolean; track_running_stats: boolean } & FactoryKw>('InstanceNorm2d', args,
      ['num_features', 'eps', 'momentum', 'affine', 'track_running_stats', 'device', 'dtype'], { eps: 1e-5, momentum: 0.1, affine: false, track_running_stats: false });
    if (o.track_running_stats) throw new NotImplementedError('InstanceNorm2d(track_running_stats=True) is not implemented in Torchlit (see docs/pytorch-coverage.md)');
    Object.assign(this, { num_features: o.num_features, eps: o.eps, momentum: o.momentum, affine: o.affine, track_running_stats: false });
    if (o.affine) {
      this.weight = init.ones_(emptyParam([o.num_features], o)) as Parameter;
      this.bias = init.zeros_(emptyParam([o.num_features], o)) as Parameter;
    } else {
      this.register_parameter('weight', null);
      this.register_parameter('bias', null);
    }
    placeModule(this, o);
  }
  forward(input: Tensor): Tensor {
    if (input.ndim !== 3 && input.ndim !== 4) throw new ValueError(`expected 3D or 4D input (got ${input.ndim}D input)`);
    const x = input.ndim === 3 ? input.unsqueeze(0) : input;
    const y = instance_norm(x, { weight: this.weight, bias: this.bias, eps: this.eps });
    return input.ndim === 3 ? y.squeeze(0) : y;
  }
  extra_repr(): string {
    return `${this.num_features}, eps=${pyFloat(this.eps)}, momentum=${pyFloat(this.momentum)}, affine=${py(this.affine)}, track_running_stats=False`;
  }
}
