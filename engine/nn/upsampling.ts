// The upsampling modules: PixelShuffle / PixelUnshuffle / ChannelShuffle and Upsample (F.interpolate)
// with its fixed-mode forms UpsamplingNearest2d and UpsamplingBilinear2d.
import { parseArgs } from '../args';
import type { Tensor } from '../tensor';
import { channel_shuffle, interpolate, pixel_shuffle, pixel_unshuffle } from './functional-resample';
import { Module } from './module';
import { py } from './pyrepr';

/** (*, C·r², H, W) → (*, C, H·r, W·r). @example nn.PixelShuffle(2)(torch.randn(1, 4, 3, 3)).shape // torch.Size([1, 1, 6, 6]) */
export class PixelShuffle extends Module {
  upscale_factor: number;
  constructor(upscale_factor: number | { upscale_factor: number });
  constructor(...args: unknown[]) {
    super();
    this.upscale_factor = parseArgs<{ upscale_factor: number }>('PixelShuffle', args, ['upscale_factor']).upscale_factor;
  }
  forward(input: Tensor): Tensor {
    return pixel_shuffle(input, this.upscale_factor);
  }
  extra_repr(): string {
    return `upscale_factor=${this.upscale_factor}`;
  }
}

/** Resizes by `scale_factor` or to `size` ('nearest', 'nearest-exact', 'area', 'linear', 'bilinear', 'bicubic', 'trilinear'). @example nn.Upsample({ scale_factor: 2, mode: 'nearest' })(torch.randn(1, 1, 2, 2)).shape // torch.Size([1, 1, 4, 4]) */
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
    return interpolate(input, { size: this.size, scale_factor: this.scale_factor, mode: this.mode, align_corners: this.align_corners });
  }
  extra_repr(): string {
    const info = this.scale_factor !== null ? `scale_factor=${py(this.scale_factor, true)}` : `size=${py(this.size)}`;
    return `${info}, mode=${this.mode}`;
  }
}

type SizeKw = { size?: number | number[] | null; scale_factor?: number | number[] | null };
/**
 * Nearest-neighbour 2-D upsampling: `nn.Upsample` with mode 'nearest'.
 * @example nn.UpsamplingNearest2d({ scale_factor: 2 })(torch.randn(1, 1, 2, 2)).shape // torch.Size([1, 1, 4, 4])
 */
export class UpsamplingNearest2d extends Upsample {
  constructor(size?: number | number[] | null | SizeKw, scale_factor?: number | number[] | null);
  constructor(...args: unknown[]) {
    const o = parseArgs<{ size: number | number[] | null; scale_factor: number | number[] | null }>('UpsamplingNearest2d', args, ['size', 'scale_factor'], { size: null, scale_factor: null });
    super(o.size, o.scale_factor, 'nearest');
  }
}
/**
 * Bilinear 2-D upsampling with `align_corners=True` (as PyTorch's UpsamplingBilinear2d).
 * @example nn.UpsamplingBilinear2d({ scale_factor: 2 })(torch.randn(1, 1, 2, 2)).shape // torch.Size([1, 1, 4, 4])
 */
export class UpsamplingBilinear2d extends Upsample {
  constructor(size?: number | number[] | null | SizeKw, scale_factor?: number | number[] | null);
  constructor(...args: unknown[]) {
    const o = parseArgs<{ size: number | number[] | null; scale_factor: number | number[] | null }>('UpsamplingBilinear2d', args, ['size', 'scale_factor'], { size: null, scale_factor: null });
    super(o.size, o.scale_factor, 'bilinear', true);
  }
}

/** (*, C, H·r, W·r) → (*, C·r², H, W), the inverse of PixelShuffle. @example nn.PixelUnshuffle(2)(torch.randn(1, 1, 4, 4)).shape // torch.Size([1, 4, 2, 2]) */
export class PixelUnshuffle extends Module {
  downscale_factor: number;
  constructor(downscale_factor: number | { downscale_factor: number });
  constructor(...args: unknown[]) {
    super();
    this.downscale_factor = parseArgs<{ downscale_factor: number }>('PixelUnshuffle', args, ['downscale_factor']).downscale_factor;
  }
  forward(input: Tensor): Tensor {
    return pixel_unshuffle(input, this.downscale_factor);
  }
  extra_repr(): string {
    return `downscale_factor=${this.downscale_factor}`;
  }
}

/** Interleaves the channels of `groups` groups (ShuffleNet). @example nn.ChannelShuffle(2)(torch.tensor([0.0, 1, 2, 3]).view(1, 4, 1, 1)).flatten() // tensor([0., 2., 1., 3.]) */
export class ChannelShuffle extends Module {
  groups: number;
  constructor(groups: number | { groups: number });
  constructor(...args: unknown[]) {
    super();
    this.groups = parseArgs<{ groups: number }>('ChannelShuffle', args, ['groups']).groups;
  }
  forward(input: Tensor): Tensor {
    return channel_shuffle(input, this.groups);
  }
  extra_repr(): string {
    return `groups=${this.groups}`;
  }
}
