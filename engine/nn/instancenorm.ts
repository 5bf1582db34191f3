// InstanceNorm1d/2d/3d wrapping F.instance_norm, with running statistics when track_running_stats.
import { ValueError } from '../errors';
import { int64 } from '../dtype';
import { Tensor } from '../tensor';
import { parseArgs } from '../args';
import { instance_norm } from './functional-norm';
import * as init from './init';
import { emptyParam, placeModule, type FactoryKw } from './linear';
import { Module } from './module';
import type { Parameter } from './parameter';
import { py, pyFloat } from './pyrepr';
import { warn } from '../warnings';

/** InstanceNorm1d/2d/3d: `n` spatial dims, input of n + 1 (unbatched) or n + 2 dims. */
abstract class InstanceNormNd extends Module {
  declare weight: Parameter | null;
  declare bias: Parameter | null;
  declare num_features: number;
  declare eps: number;
  declare momentum: number | null;
  declare affine: boolean;
  declare track_running_stats: boolean;
  declare running_mean: Tensor | null;
  declare running_var: Tensor | null;
  declare num_batches_tracked: Tensor | null;
  readonly #n: number;
  constructor(name: string, n: number, args: unknown[]) {
    super();
    this.#n = n;
    const o = parseArgs<{ num_features: number; eps: number; momentum: number | null; affine: boolean; track_running_stats: boolean } & FactoryKw>(name, args,
      ['num_features', 'eps', 'momentum', 'affine', 'track_running_stats', 'device', 'dtype'], { eps: 1e-5, momentum: 0.1, affine: false, track_running_stats: false });
    Object.assign(this, { num_features: o.num_features, eps: o.eps, momentum: o.momentum, affine: o.affine, track_running_stats: o.track_running_stats });
    if (o.affine) {
      this.weight = init.ones_(emptyParam([o.num_features], o)) as Parameter;
      this.bias = init.zeros_(emptyParam([o.num_features], o)) as Parameter;
    } else {
      this.register_parameter('weight', null);
      this.register_parameter('bias', null);
    }
    if (o.track_running_stats) {
      this.register_buffer('running_mean', init.zeros_(Tensor._empty([o.num_features])));
      this.register_buffer('running_var', init.ones_(Tensor._empty([o.num_features])));
      this.register_buffer('num_batches_tracked', init.zeros_(Tensor._empty([], int64)));
    } else {
      this.register_buffer('running_mean', null);
      this.register_buffer('running_var', null);
      this.register_buffer('num_batches_tracked', null);
    }
    placeModule(this, o);
  }
  forward(input: Tensor): Tensor {
    const n = this.#n;
    if (input.ndim !== n + 1 && input.ndim !== n + 2) throw new ValueError(`expected ${n + 1}D or ${n + 2}D input (got ${input.ndim}D input)`);
    const featureDim = input.ndim - (n + 1);
    if (input._shape[featureDim] !== this.num_features) {
      const msg = `expected input's size at dim=${featureDim} to match num_features (${this.num_features}), but got: ${input._shape[featureDim]}.`;
      if (this.affine) throw new ValueError(msg);
      warn(`input's size at dim=${featureDim} does not match num_features. You can silence this warning by not passing in num_features, which is not used because affine=False`);
    }
    const unbatched = input.ndim === n + 1;
    const x = unbatched ? input.unsqueeze(0) : input;
    const y = instance_norm(x, { running_mean: this.running_mean, running_var: this.running_var, weight: this.weight, bias: this.bias,
      use_input_stats: this.training || !this.track_running_stats, momentum: this.momentum, eps: this.eps });
    return unbatched ? y.squeeze(0) : y;
  }
  extra_repr(): string {
    return `${this.num_features}, eps=${pyFloat(this.eps)}, momentum=${this.momentum === null ? 'None' : pyFloat(this.momentum)}, affine=${py(this.affine)}, track_running_stats=${py(this.track_running_stats)}`;
  }
}
type INKw = { eps?: number; momentum?: number | null; affine?: boolean; track_running_stats?: boolean } & FactoryKw;

/**
 * Instance normalisation of [N, C, L] (or [C, L]) input, with optional affine weight and bias;
 * `track_running_stats` keeps running statistics (used in eval mode).
 * @example nn.InstanceNorm1d(3)(torch.randn(2, 3, 5)).shape // torch.Size([2, 3, 5])
 */
export class InstanceNorm1d extends InstanceNormNd {
  constructor(num_features: number, eps?: number | INKw, ...rest: unknown[]);
  constructor(...args: unknown[]) { super('InstanceNorm1d', 1, args); }
}
/**
 * Instance normalisation of [N, C, H, W] (or [C, H, W]) input, with optional affine weight and bias;
 * `track_running_stats` keeps running statistics (used in eval mode).
 * @example nn.InstanceNorm2d(3)(torch.randn(2, 3, 4, 4)).shape // torch.Size([2, 3, 4, 4])
 */
export class InstanceNorm2d extends InstanceNormNd {
  constructor(num_features: number, eps?: number | INKw, ...rest: unknown[]);
  constructor(...args: unknown[]) { super('InstanceNorm2d', 2, args); }
}
/**
 * Instance normalisation of [N, C, D, H, W] (or [C, D, H, W]) input.
 * @example nn.InstanceNorm3d(2, {affine: true})(torch.randn(1, 2, 3, 4, 4)).shape // torch.Size([1, 2, 3, 4, 4])
 */
export class InstanceNorm3d extends InstanceNormNd {
  constructor(num_features: number, eps?: number | INKw, ...rest: unknown[]);
  constructor(...args: unknown[]) { super('InstanceNorm3d', 3, args); }
}
