// The upsampling modules: PixelShuffle (F.pixel_shuffle) and Upsample (F.interpolate).
import { parseArgs } from '../args';
import type { Tensor } from '../tensor';
import { interpolate, pixel_shuffle } from './functional-resample';
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
    return interpolate(input, { size: this.size, scale_factor: this.scale_factor, mode: this.mode, align_corners: this.align_corners });
  }
  extra_repr(): string {
    const info = this.scale_factor !== null ? `scale_factor=${py(this.scale_factor, true)}` : `size=${py(this.size)}`;
    return `${info}, mode=${this.mode}`;
  }
}
