// BatchNorm1d and BatchNorm2d, with running statistics as buffers.
import { ValueError } from '../errors';
import { parseArgs } from '../args';
import { int64 } from '../dtype';
import { Tensor } from '../tensor';
import * as F from './functional';
import * as init from './init';
import { emptyParam, placeModule, type FactoryKw } from './linear';
import { Module } from './module';
import type { Parameter } from './parameter';
import { py } from './pyrepr';

export interface BatchNormOptions extends FactoryKw {
  eps?: number;
  momentum?: number | null;
  affine?: boolean;
  track_running_stats?: boolean;
}

abstract class BatchNorm extends Module {
  declare weight: Parameter | null;
  declare bias: Parameter | null;
  declare running_mean: Tensor | null;
  declare running_var: Tensor | null;
  declare num_batches_tracked: Tensor | null;
  num_features: number;
  eps: number;
  momentum: number | null;
  affine: boolean;
  track_running_stats: boolean;
  constructor(num_features: number | (BatchNormOptions & { num_features: number }), eps?: number | BatchNormOptions, momentum?: number | null | BatchNormOptions, affine?: boolean | BatchNormOptions, track_running_stats?: boolean | BatchNormOptions, opts?: BatchNormOptions);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ num_features: number; eps: number; momentum: number | null; affine: boolean; track_running_stats: boolean } & FactoryKw>(
      this._get_name(), args, ['num_features', 'eps', 'momentum', 'affine', 'track_running_stats', 'device', 'dtype'], { eps: 1e-5, momentum: 0.1, affine: true, track_running_stats: true });
    this.num_features = o.num_features;
    this.eps = o.eps;
    this.momentum = o.momentum;
    this.affine = o.affine;
    this.track_running_stats = o.track_running_stats;
    if (o.affine) {
      this.weight = init.ones_(emptyParam([o.num_features], o));
      this.bias = init.zeros_(emptyParam([o.num_features], o));
    } else {
      this.register_parameter('weight', null);
      this.register_parameter('bias', null);
    }
    if (o.track_running_stats) {
      this.register_buffer('running_mean', init.zeros_(Tensor._empty([o.num_features])));
      this.register_buffer('running_var', init.ones_(Tensor._empty([o.num_features])));
      this.register_buffer('num_batches_tracked', Tensor._empty([], int64));
    } else {
      this.register_buffer('running_mean', null);
      this.register_buffer('running_var', null);
      this.register_buffer('num_batches_tracked', null);
    }
    placeModule(this, o);
  }
  abstract _check_input_dim(input: Tensor): void;
  /** Older state dicts lack num_batches_tracked; PyTorch fills it in. */
  _optional_state_keys(): string[] {
    return ['num_batches_tracked'];
  }
  reset_running_stats(): void {
    if (!this.track_running_stats) return;
    init.zeros_(this.running_mean!);
    init.ones_(this.running_var!);
    this.num_batches_tracked!.copy_(0);
  }
  forward(input: Tensor): Tensor {
    this._check_input_dim(input);
    let factor: number | Tensor = this.momentum ?? 0;
    if (this.training && this.track_running_stats && this.num_batches_tracked) {
      const nbt = this.num_batches_tracked;
      nbt.add_(1);
      // momentum=None: a cumulative average, 1 / batches seen (read on the CPU; kept on the device elsewhere, no readback)
      if (this.momentum == null) factor = nbt.device.type === 'cpu' ? 1 / Number(nbt.cpu_item()) : nbt.to(input.dtype).reciprocal();
    }
    const bnTraining = this.training || (this.running_mean === null && this.running_var === null);
    const useStats = !this.training || this.track_running_stats;
    return F.batch_norm(input, useStats ? this.running_mean : null, useStats ? this.running_var : null, this.weight, this.bias, bnTraining, factor, this.eps);
  }
  extra_repr(): string {
    return `${this.num_features}, eps=${py(this.eps, true)}, momentum=${this.momentum === null ? 'None' : py(this.momentum, true)}, affine=${py(this.affine)}, track_running_stats=${py(this.track_running_stats)}`;
  }
}

/** Batch normalisation over [N, C] or [N, C, L] inputs. */
export class BatchNorm1d extends BatchNorm {
  _check_input_dim(input: Tensor): void {
    if (input.ndim !== 2 && input.ndim !== 3) throw new ValueError(`expected 2D or 3D input (got ${input.ndim}D input)`);
  }
}
/** Batch normalisation over [N, C, H, W] inputs. */
export class BatchNorm2d extends BatchNorm {
  _check_input_dim(input: Tensor): void {
    if (input.ndim !== 4) throw new ValueError(`expected 4D input (got ${input.ndim}D input)`);
  }
}
/** Batch normalisation over [N, C, D, H, W] inputs. @example nn.BatchNorm3d(4)(torch.randn(2, 4, 2, 3, 3)).shape // torch.Size([2, 4, 2, 3, 3]) */
export class BatchNorm3d extends BatchNorm {
  _check_input_dim(input: Tensor): void {
    if (input.ndim !== 5) throw new ValueError(`expected 5D input (got ${input.ndim}D input)`);
  }
}
