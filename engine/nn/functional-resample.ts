// F.pixel_shuffle/pixel_unshuffle/channel_shuffle and F.interpolate (every mode), composed of reshape / permute /
// index_select (every backend, autograd free).
import { NotImplementedError, RuntimeError, ValueError } from '../errors';
import { parseArgs } from '../args';
import { int64, scalarTypeName, uint8 } from '../dtype';
import { warn } from '../warnings';
import type { Tensor } from '../tensor';
import { fused } from '../autograd';
import { adaptive_avg_pool1d, adaptive_avg_pool2d } from '../ops/pool';
import { adaptive_avg_pool3d } from './functional-pool-extra';

/**
 * Rearranges (*, C·r², H, W) into (*, C, H·r, W·r) (sub-pixel convolution).
 * @example F.pixel_shuffle(torch.randn(1, 8, 3, 3), 2).shape // torch.Size([1, 2, 6, 6])
 */
export function pixel_shuffle(input: Tensor, ...args: unknown[]): Tensor {
  const { upscale_factor: r } = parseArgs<{ upscale_factor: number }>('pixel_shuffle', args, ['upscale_factor']);
  if (input.ndim < 3) throw new RuntimeError(`pixel_shuffle expects input to have at least 3 dimensions, but got input with ${input.ndim} dimension(s)`);
  const s = input._shape, n = s.length;
  const [C, H, W] = s.slice(-3);
  if (C % (r * r) !== 0) throw new RuntimeError(`pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=${C} is not divisible by ${r * r}`);
  const lead = s.slice(0, -3), c = C / (r * r), k = lead.length;
  const x = input.reshape([...lead, c, r, r, H, W]);
  const perm = [...lead.map((_, i) => i), k, k + 3, k + 1, k + 4, k + 2];
  void n;
  return x.permute(perm).reshape([...lead, c, H * r, W * r]);
}

type Size = number | number[] | null;

/** Source coordinates and weights of a linear resize along one dim (PyTorch's area_pixel_compute_source_index). */
function linearIndex(inSize: number, outSize: number, scale: number | null, alignCorners: boolean, like: Tensor): [Tensor, Tensor, Tensor] {
  const i0 = new Array<number>(outSize), i1 = new Array<number>(outSize), w = new Array<number>(outSize);
  const ratio = alignCorners ? (outSize > 1 ? (inSize - 1) / (outSize - 1) : 0) : scale !== null ? 1 / scale : inSize / outSize;
  for (let d = 0; d < outSize; d++) {
    let src = alignCorners ? d * ratio : ratio * (d + 0.5) - 0.5;
    if (!alignCorners && src < 0) src = 0;
    const lo = Math.min(Math.floor(src), inSize - 1);
    i0[d] = lo;
    i1[d] = Math.min(lo + 1, inSize - 1);
    w[d] = src - lo;
  }
  return [like.new_tensor(i0, { dtype: int64 }), like.new_tensor(i1, { dtype: int64 }), like.new_tensor(w, { dtype: like.dtype })];
}

/**
 * Resizes the spatial dims to `size` or by `scale_factor`: 'nearest', 'nearest-exact' and 'area'
 * (3-D to 5-D input), 'linear' (3-D), 'bilinear' and 'bicubic' (4-D), 'trilinear' (5-D), with
 * `align_corners` for the interpolating modes. `antialias` raises NotImplementedError.
 * @example F.interpolate(torch.randn(1, 1, 2, 2), { scale_factor: 2, mode: 'bilinear' }).shape // torch.Size([1, 1, 4, 4])
 */
export function interpolate(input: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ size: Size; scale_factor: number | number[] | null; mode: string; align_corners: boolean | null; recompute_scale_factor: boolean | null; antialias: boolean }>(
    'interpolate', args, ['size', 'scale_factor', 'mode', 'align_corners', 'recompute_scale_factor', 'antialias'], { size: null, scale_factor: null, mode: 'nearest', align_corners: null, recompute_scale_factor: null, antialias: false });
  const sp = input.ndim - 2;
  if (sp < 1) throw new ValueError(`Input Error: Only 3D, 4D and 5D input Tensors supported (got ${input.ndim}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got ${o.mode})`);
  if (o.antialias) throw new NotImplementedError('interpolate with antialias=True is not implemented in Torchlit (see docs/pytorch-coverage.md)');
  const linear = o.mode === 'linear' || o.mode === 'bilinear' || o.mode === 'trilinear';
  const cubic = o.mode === 'bicubic';
  if (!linear && !cubic && o.mode !== 'nearest' && o.mode !== 'nearest-exact' && o.mode !== 'area')
    throw new NotImplementedError(`interpolate mode '${o.mode}' is not implemented in Torchlit: use 'nearest', 'nearest-exact', 'area', 'linear', 'bilinear', 'bicubic' or 'trilinear' (see docs/pytorch-coverage.md)`);
  const needs = ({ linear: 1, bilinear: 2, trilinear: 3 } as Record<string, number>)[o.mode];
  if (needs !== undefined && sp !== needs) throw new NotImplementedError(`Got ${input.ndim}D input, but ${o.mode} mode needs ${needs + 2}D input`);
  if (cubic && sp !== 2)
    throw new NotImplementedError(`Input Error: Only 3D, 4D and 5D input Tensors supported (got ${input.ndim}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got bicubic)`);
  if (!linear && !cubic && o.align_corners !== null) throw new ValueError('align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear');
  if ((o.size === null) === (o.scale_factor === null)) throw new ValueError(o.size === null ? 'either size or scale_factor should be defined' : 'only one of size or scale_factor should be defined');
  const inSizes = input._shape.slice(2);
  const scales = o.scale_factor === null ? inSizes.map(() => null) : Array.isArray(o.scale_factor) ? o.scale_factor : inSizes.map(() => o.scale_factor as number);
  const outSizes = o.size !== null ? (Array.isArray(o.size) ? o.size : inSizes.map(() => o.size as number)) : inSizes.map((s, i) => Math.floor(s * (scales[i] as number)));
  if (outSizes.length !== sp) throw new ValueError(`Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of [${inSizes.join(', ')}] and output size of [${outSizes.join(', ')}].`);
  // integer images: PyTorch's kernels take floats only (uint8 in the nearest modes); a silent integer result was wrong
  if (!input.dtype.is_floating_point && !(input.dtype === uint8 && (o.mode === 'nearest' || o.mode === 'nearest-exact'))) {
    const kernel = o.mode === 'area' ? (sp === 3 ? 'adaptive_avg_pool3d_cpu' : 'adaptive_avg_pool2d') : `compute_indices_weights_${linear ? 'linear' : cubic ? 'cubic' : 'nearest'}`;
    throw new RuntimeError(`"${kernel}" not implemented for '${scalarTypeName(input.dtype)}'`);
  }
  // with recompute_scale_factor, PyTorch computes the index from the sizes, not the given factor
  const sc = (i: number) => (o.recompute_scale_factor ? null : scales[i]);
  if (o.mode === 'area') return areaResize(input, outSizes);
  const resize = (x: Tensor): Tensor => {
    let y = x;
    for (let i = 0; i < sp; i++) {
      const d = i + 2, n = inSizes[i], m = outSizes[i];
      if (cubic) {
        // four taps (clamped at the edges) with Keys' cubic weights, A = −0.75 (ATen's upsample_bicubic2d)
        const { idx, w } = cubicIndex(n, m, sc(i), !!o.align_corners);
        const view = x._shape.map((_, k) => (k === d ? m : 1));
        let acc: Tensor | null = null;
        for (let t = 0; t < 4; t++) {
          const term = y.index_select(d, x.new_tensor(idx[t], { dtype: int64 })).mul(x.new_tensor(w[t]).reshape(view));
          acc = acc === null ? term : acc.add(term);
        }
        y = acc!;
        continue;
      }
      if (!linear) {
        y = y.index_select(d, x.new_tensor(nearestIndex(n, m, sc(i), o.mode === 'nearest-exact'), { dtype: int64 }));
        continue;
      }
      const [i0, i1, w] = linearIndex(n, m, sc(i), !!o.align_corners, x);
      const wv = w.to(x.dtype).reshape(x._shape.map((_, k) => (k === d ? m : 1)));
      const a = y.index_select(d, i0), b = y.index_select(d, i1);
      y = a.add(b.sub(a).mul(wv));
    }
    return y;
  };
  // one node with PyTorch 2.x's name (1.13's vec overloads end in Backward1)
  const kind = ({ nearest: 'UpsampleNearest', 'nearest-exact': 'UpsampleNearestExact', linear: 'UpsampleLinear', bilinear: 'UpsampleBilinear', trilinear: 'UpsampleTrilinear', bicubic: 'UpsampleBicubic' } as Record<string, string>)[o.mode];
  const name = `${kind}${sp}DBackward0`;
  return fused(name, [input], (x) => resize(x!));
}

/** The 4 source indices (clamped) and Keys weights (A = −0.75) of each output position in 'bicubic' mode (no clamp of the source coordinate, as ATen). */
function cubicIndex(inSize: number, outSize: number, scale: number | null, alignCorners: boolean): { idx: number[][]; w: number[][] } {
  const A = -0.75;
  const c1 = (x: number) => ((A + 2) * x - (A + 3)) * x * x + 1;
  const c2 = (x: number) => ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
  const ratio = alignCorners ? (outSize > 1 ? (inSize - 1) / (outSize - 1) : 0) : scale !== null ? 1 / scale : inSize / outSize;
  const idx = [0, 1, 2, 3].map(() => new Array<number>(outSize)), w = [0, 1, 2, 3].map(() => new Array<number>(outSize));
  for (let d = 0; d < outSize; d++) {
    const src = alignCorners ? d * ratio : ratio * (d + 0.5) - 0.5;
    const i0 = Math.floor(src), t = src - i0;
    const ws = [c2(t + 1), c1(t), c1(1 - t), c2(2 - t)];
    for (let k = 0; k < 4; k++) {
      idx[k][d] = Math.min(Math.max(i0 - 1 + k, 0), inSize - 1);
      w[k][d] = ws[k];
    }
  }
  return { idx, w };
}

/**
 * Source index of each output position in 'nearest' / 'nearest-exact' mode, in float32 as ATen
 * computes it (`floorf(dst * scale)`, the scale a float): in float64, 3 · (1 / 1.5) and the like can
 * round to the other side of an integer and pick a different pixel.
 */
function nearestIndex(n: number, m: number, scale: number | null, exact: boolean): number[] {
  const s = Math.fround(scale !== null ? 1 / scale : n / m);
  return Array.from({ length: m }, (_, k) => Math.min(Math.floor(Math.fround((exact ? k + 0.5 : k) * s)), n - 1));
}

/** 'area' mode is adaptive average pooling to the output size. */
function areaResize(input: Tensor, outSizes: number[]): Tensor {
  if (outSizes.length === 1) return adaptive_avg_pool1d(input, outSizes[0]);
  if (outSizes.length === 2) return adaptive_avg_pool2d(input, outSizes);
  return adaptive_avg_pool3d(input, outSizes);
}

/**
 * Deprecated alias of `interpolate` (PyTorch warns so).
 * @example F.upsample(torch.randn(1, 1, 2, 2), {scale_factor: 2}).shape // torch.Size([1, 1, 4, 4])
 */
export function upsample(input: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ size: Size; scale_factor: number | number[] | null; mode: string; align_corners: boolean | null; recompute_scale_factor: boolean | null }>(
    'upsample', args, ['size', 'scale_factor', 'mode', 'align_corners', 'recompute_scale_factor'], { size: null, scale_factor: null, mode: 'nearest', align_corners: null, recompute_scale_factor: null });
  warn('nn.functional.upsample is deprecated. Use nn.functional.interpolate instead.');
  return interpolate(input, o);
}
/** Deprecated: `interpolate(input, size, scale_factor, 'nearest')`. @example F.upsample_nearest(torch.randn(1, 1, 2, 2), {scale_factor: 2}) */
export function upsample_nearest(input: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ size: Size; scale_factor: number | null }>('upsample_nearest', args, ['size', 'scale_factor'], { size: null, scale_factor: null });
  warn('nn.functional.upsample_nearest is deprecated. Use nn.functional.interpolate instead.');
  return interpolate(input, o.size, o.scale_factor, 'nearest');
}
/** Deprecated: `interpolate(input, size, scale_factor, 'bilinear', align_corners=true)`. @example F.upsample_bilinear(torch.randn(1, 1, 2, 2), {scale_factor: 2}) */
export function upsample_bilinear(input: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ size: Size; scale_factor: number | number[] | null }>('upsample_bilinear', args, ['size', 'scale_factor'], { size: null, scale_factor: null });
  warn('nn.functional.upsample_bilinear is deprecated. Use nn.functional.interpolate instead.');
  return interpolate(input, o.size, o.scale_factor, 'bilinear', true);
}

/**
 * The inverse of pixel_shuffle: (*, C, H·r, W·r) → (*, C·r², H, W).
 * @example F.pixel_unshuffle(torch.randn(1, 1, 4, 4), 2).shape // torch.Size([1, 4, 2, 2])
 */
export function pixel_unshuffle(input: Tensor, ...args: unknown[]): Tensor {
  const { downscale_factor: r } = parseArgs<{ downscale_factor: number }>('pixel_unshuffle', args, ['downscale_factor']);
  if (input.ndim < 3) throw new RuntimeError(`pixel_unshuffle expects input to have at least 3 dimensions, but got input with ${input.ndim} dimension(s)`);
  if (r <= 0) throw new RuntimeError(`pixel_unshuffle expects a positive downscale_factor, but got ${r}`);
  const s = input._shape;
  const [C, H, W] = s.slice(-3);
  if (H % r !== 0) throw new RuntimeError(`pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)=${H} is not divisible by ${r}`);
  if (W % r !== 0) throw new RuntimeError(`pixel_unshuffle expects width to be divisible by downscale_factor, but input.size(-1)=${W} is not divisible by ${r}`);
  const lead = s.slice(0, -3), k = lead.length;
  return fused('PixelUnshuffleBackward0', [input], (x) => {
    const y = x!.reshape([...lead, C, H / r, r, W / r, r]);
    return y.permute([...lead.map((_, i) => i), k, k + 2, k + 4, k + 1, k + 3]).reshape([...lead, C * r * r, H / r, W / r]);
  });
}

/**
 * Splits the channels (dim 1) into `groups` and interleaves them (ShuffleNet).
 * @example F.channel_shuffle(torch.tensor([0.0, 1, 2, 3]).view(1, 4, 1, 1), 2).flatten() // tensor([0., 2., 1., 3.])
 */
export function channel_shuffle(input: Tensor, ...args: unknown[]): Tensor {
  const { groups: g } = parseArgs<{ groups: number }>('channel_shuffle', args, ['groups']);
  if (input.ndim <= 2) throw new RuntimeError(`channel_shuffle expects input with > 2 dims, but got input with sizes [${input._shape.join(', ')}]`);
  if (g <= 0) throw new RuntimeError(`Number of groups to divide channels in must be positive. Value of groups:${g}`);
  const s = input._shape, C = s[1];
  if (C % g !== 0) throw new RuntimeError(`Number of channels must be divisible by groups. Got ${C} channels and ${g} groups.`);
  return input.reshape([s[0], g, C / g, ...s.slice(2)]).transpose(1, 2).reshape(s);
}
