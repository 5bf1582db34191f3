// Modules past the seed, each wrapping its F function (functional-resample.ts) or F.pad:
// CosineSimilarity, PairwiseDistance, PixelShuffle, Bilinear, InstanceNorm2d, Upsample, the 2-D
// padding layers, and the margin / embedding / Poisson / Gaussian losses.
import { NotImplementedError, ValueError } from '../errors';
import { parseArgs } from '../args';
import type { Tensor } from '../tensor';
import { pad } from '../ops/padding';
import * as FM from './functional-resample';
import type { Reduction } from './functional';
import * as init from './init';
import { emptyParam, placeModule, type FactoryKw } from './linear';
import { Module } from './module';
import type { Parameter } from './parameter';
import { py, pyFloat } from './pyrepr';

/** Cosine similarity along `dim` (1). @example nn.CosineSimilarity({ dim: 1 })(a, b) */
export class CosineSimilarity extends Module {
  dim: number;
  eps: number;
  constructor(dim?: number | { dim?: number; eps?: number }, eps?: number);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ dim: number; eps: number }>('CosineSimilarity', args, ['dim', 'eps'], { dim: 1, eps: 1e-8 });
    this.dim = o.dim;
    this.eps = o.eps;
  }
  forward(x1: Tensor, x2: Tensor): Tensor {
    return FM.cosine_similarity(x1, x2, { dim: this.dim, eps: this.eps });
  }
}

/** `p`-norm distance between rows. @example nn.PairwiseDistance()(a, b) */
export class PairwiseDistance extends Module {
  norm: number;
  eps: number;
  keepdim: boolean;
  constructor(p?: number | { p?: number; eps?: number; keepdim?: boolean }, eps?: number, keepdim?: boolean);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ p: number; eps: number; keepdim: boolean }>('PairwiseDistance', args, ['p', 'eps', 'keepdim'], { p: 2, eps: 1e-6, keepdim: false });
    this.norm = o.p;
    this.eps = o.eps;
    this.keepdim = o.keepdim;
  }
  forward(x1: Tensor, x2: Tensor): Tensor {
    return FM.pairwise_distance(x1, x2, { p: this.norm, eps: this.eps, keepdim: this.keepdim });
  }
}

/** (*, C·r², H, W) → (*, C, H·r, W·r). @example nn.PixelShuffle(2)(torch.randn(1, 4, 3, 3)).shape // torch.Size([1, 1, 6, 6]) */
export class PixelShuffle extends Module {
  upscale_factor: number;
  constructor(upscale_factor: number | { upscale_factor: number });
  constructor(...args: unknown[]) {
    super();
    this.upscale_factor = parseArgs<{ upscale_factor: number }>('PixelShuffle', args, ['upscale_factor']).upscale_factor;
  }
  forward(input: Tensor): Tensor {
    return FM.pixel_shuffle(input, this.upscale_factor);
  }
  extra_repr(): string {
    return `upscale_factor=${this.upscale_factor}`;
  }
}

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
    return FM.bilinear(input1, input2, this.weight, this.bias);
  }
  extra_repr(): string {
    return `in1_features=${this.in1_features}, in2_features=${this.in2_features}, out_features=${this.out_features}, bias=${py(this.bias !== null)}`;
  }
}

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
    const y = FM.instance_norm(x, { weight: this.weight, bias: this.bias, eps: this.eps });
    return input.ndim === 3 ? y.squeeze(0) : y;
  }
  extra_repr(): string {
    return `${this.num_features}, eps=${pyFloat(this.eps)}, momentum=${pyFloat(this.momentum)}, affine=${py(this.affine)}, track_running_stats=False`;
  }
}

/** Resizes by `scale_factor` or to `size` ('nearest', 'linear', 'bilinear'). @example nn.Upsample({ scale_factor: 2, mode: 'nearest' })(torch.randn(1, 1, 2, 2)).shape // torch.Size([1, 1, 4, 4]) */
export class Upsample extends Module {
  size: number | number[] | null;
  scale_factor: number | number[] | null;
  mode: string;
  align_corners: boolean | null;
  constructor(size?: number | number[] | null | { size?: number | number[] | null; scale_factor?: number | number[] | null; mode?: string; align_corners?: boolean | null }, scale_factor?: number | number[] | null, mode?: string, align_corners?: boolean | null);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ size: number | number[] | null; scale_factor: number | number[] | null; mode: string; align_corners: boolean | null; recompute_scale_factor: boolean | null }>('Upsample', args,
      ['size', 'scale_factor', 'mode', 'align_corners', 'recompute_scale_factor'], { size: null, scale_factor: null, mode: 'nearest', align_corners: null });
    this.size = o.size;
    this.scale_factor = o.scale_factor;
    this.mode = o.mode;
    this.align_corners = o.align_corners;
  }
  forward(input: Tensor): Tensor {
    return FM.interpolate(input, { size: this.size, scale_factor: this.scale_factor, mode: this.mode, align_corners: this.align_corners });
  }
  extra_repr(): string {
    const info = this.scale_factor !== null ? `scale_factor=${py(this.scale_factor, true)}` : `size=${py(this.size)}`;
    return `${info}, mode=${this.mode}`;
  }
}

type Pad4 = number | [number, number, number, number];
const pad4 = (p: Pad4): number[] => (typeof p === 'number' ? [p, p, p, p] : [...p]);

/** Pads the last two dims with zeros: (left, right, top, bottom). @example nn.ZeroPad2d(1)(torch.ones(1, 2, 2)).shape // torch.Size([1, 4, 4]) */
export class ZeroPad2d extends Module {
  padding: number[];
  constructor(padding: Pad4 | { padding: Pad4 });
  constructor(...args: unknown[]) {
    super();
    this.padding = pad4(parseArgs<{ padding: Pad4 }>('ZeroPad2d', args, ['padding']).padding);
  }
  forward(input: Tensor): Tensor {
    return pad(input, this.padding, { mode: 'constant', value: 0 });
  }
  extra_repr(): string {
    return py(this.padding);
  }
}
/** Pads the last two dims with a constant. @example nn.ConstantPad2d(1, 3.5)(torch.zeros(1, 1, 1)) */
export class ConstantPad2d extends Module {
  padding: number[];
  value: number;
  constructor(padding: Pad4 | { padding: Pad4; value: number }, value?: number);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ padding: Pad4; value: number }>('ConstantPad2d', args, ['padding', 'value']);
    if (o.value === undefined) throw new TypeError("__init__() missing 1 required positional argument: 'value'");
    this.padding = pad4(o.padding);
    this.value = o.value;
  }
  forward(input: Tensor): Tensor {
    return pad(input, this.padding, { mode: 'constant', value: this.value });
  }
  extra_repr(): string {
    return `padding=${py(this.padding)}, value=${pyFloat(this.value)}`;
  }
}
/** Pads the last two dims by reflecting at the edges. @example nn.ReflectionPad2d(1)(torch.arange(9.0).view(1, 3, 3)).shape // torch.Size([1, 5, 5]) */
export class ReflectionPad2d extends Module {
  padding: number[];
  constructor(padding: Pad4 | { padding: Pad4 });
  constructor(...args: unknown[]) {
    super();
    this.padding = pad4(parseArgs<{ padding: Pad4 }>('ReflectionPad2d', args, ['padding']).padding);
  }
  forward(input: Tensor): Tensor {
    return pad(input, this.padding, { mode: 'reflect' });
  }
  extra_repr(): string {
    return py(this.padding);
  }
}

// ---- losses ------------------------------------------------------------------------------------------
abstract class OptLoss extends Module {
  reduction: Reduction;
  opts: Record<string, unknown>;
  constructor(name: string, args: unknown[], names: string[], defaults: Record<string, unknown>) {
    super();
    const o = parseArgs<Record<string, unknown>>(name, args, [...names, 'size_average', 'reduce', 'reduction'], { reduction: 'mean', ...defaults });
    if (o.size_average != null || o.reduce != null) throw new ValueError(`${name}: size_average and reduce are deprecated in PyTorch and not supported in Torchlit; use reduction='mean' | 'sum' | 'none'`);
    this.reduction = o.reduction as Reduction;
    this.opts = Object.fromEntries(names.map((n) => [n, o[n]]));
    Object.assign(this, this.opts);
  }
}
type LossKw = { reduction?: Reduction };

/** `max(0, −y·(x1 − x2) + margin)`. @example nn.MarginRankingLoss({ margin: 0.5 })(torch.randn(3), torch.randn(3), torch.ones(3)) */
export class MarginRankingLoss extends OptLoss {
  constructor(opts?: { margin?: number } & LossKw);
  constructor(...args: unknown[]) { super('MarginRankingLoss', args, ['margin'], { margin: 0 }); }
  forward(a: Tensor, b: Tensor, y: Tensor): Tensor { return FM.margin_ranking_loss(a, b, y, { ...this.opts, reduction: this.reduction }); }
}
/** x where y = 1, `max(0, margin − x)` where y = −1. */
export class HingeEmbeddingLoss extends OptLoss {
  constructor(opts?: { margin?: number } & LossKw);
  constructor(...args: unknown[]) { super('HingeEmbeddingLoss', args, ['margin'], { margin: 1 }); }
  forward(x: Tensor, y: Tensor): Tensor { return FM.hinge_embedding_loss(x, y, { ...this.opts, reduction: this.reduction }); }
}
/** `1 − cos` where y = 1, `max(0, cos − margin)` where y = −1. */
export class CosineEmbeddingLoss extends OptLoss {
  constructor(opts?: { margin?: number } & LossKw);
  constructor(...args: unknown[]) { super('CosineEmbeddingLoss', args, ['margin'], { margin: 0 }); }
  forward(a: Tensor, b: Tensor, y: Tensor): Tensor { return FM.cosine_embedding_loss(a, b, y, { ...this.opts, reduction: this.reduction }); }
}
/** `max(0, margin + d(a, p) − d(a, n))`. @example nn.TripletMarginLoss({ margin: 1 })(torch.randn(2, 4), torch.randn(2, 4), torch.randn(2, 4)) */
export class TripletMarginLoss extends OptLoss {
  constructor(opts?: { margin?: number; p?: number; eps?: number; swap?: boolean } & LossKw);
  constructor(...args: unknown[]) { super('TripletMarginLoss', args, ['margin', 'p', 'eps', 'swap'], { margin: 1, p: 2, eps: 1e-6, swap: false }); }
  forward(a: Tensor, p: Tensor, n: Tensor): Tensor { return FM.triplet_margin_loss(a, p, n, { ...this.opts, reduction: this.reduction }); }
}
/** Poisson negative log likelihood. @example nn.PoissonNLLLoss()(torch.randn(4), torch.ones(4)) */
export class PoissonNLLLoss extends OptLoss {
  constructor(opts?: { log_input?: boolean; full?: boolean; eps?: number } & LossKw);
  constructor(...args: unknown[]) { super('PoissonNLLLoss', args, ['log_input', 'full', 'eps'], { log_input: true, full: false, eps: 1e-8 }); }
  forward(x: Tensor, y: Tensor): Tensor { return FM.poisson_nll_loss(x, y, { ...this.opts, reduction: this.reduction }); }
}
/** Gaussian negative log likelihood with a predicted variance. @example nn.GaussianNLLLoss()(torch.randn(3), torch.randn(3), torch.ones(3)) */
export class GaussianNLLLoss extends OptLoss {
  constructor(opts?: { full?: boolean; eps?: number } & LossKw);
  constructor(...args: unknown[]) { super('GaussianNLLLoss', args, ['full', 'eps'], { full: false, eps: 1e-6 }); }
  forward(x: Tensor, y: Tensor, v: Tensor): Tensor { return FM.gaussian_nll_loss(x, y, v, { ...this.opts, reduction: this.reduction }); }
}
