// F.pixel_shuffle and F.interpolate (nearest, linear, bilinear), composed of reshape / permute /
// index_select (every backend, autograd free).
import { NotImplementedError, RuntimeError, ValueError } from '../errors';
import { parseArgs } from '../args';
import { int64 } from '../dtype';
import type { Tensor } from '../tensor';

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
 * Resizes the spatial dims to `size` or by `scale_factor`: 'nearest' (3-D to 5-D input), 'linear'
 * (3-D) and 'bilinear' (4-D), with `align_corners` for the linear modes. Other modes raise
 * NotImplementedError.
 * @example F.interpolate(torch.randn(1, 1, 2, 2), { scale_factor: 2, mode: 'bilinear' }).shape // torch.Size([1, 1, 4, 4])
 */
export function interpolate(input: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<{ size: Size; scale_factor: number | number[] | null; mode: string; align_corners: boolean | null; recompute_scale_factor: boolean | null; antialias: boolean }>(
    'interpolate', args, ['size', 'scale_factor', 'mode', 'align_corners', 'recompute_scale_factor', 'antialias'], { size: null, scale_factor: null, mode: 'nearest', align_corners: null, recompute_scale_factor: null, antialias: false });
  const sp = input.ndim - 2;
  if (sp < 1) throw new ValueError(`Input Error: Only 3D, 4D and 5D input Tensors supported (got ${input.ndim}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got ${o.mode})`);
  if (o.antialias) throw new NotImplementedError('interpolate with antialias=True is not implemented in Torchlit (see docs/pytorch-coverage.md)');
  const linear = o.mode === 'linear' || o.mode === 'bilinear';
  if (!linear && o.mode !== 'nearest') throw new NotImplementedError(`interpolate mode '${o.mode}' is not implemented in Torchlit: use 'nearest', 'linear' or 'bilinear' (see docs/pytorch-coverage.md)`);
  if ((o.mode === 'linear' && sp !== 1) || (o.mode === 'bilinear' && sp !== 2)) throw new NotImplementedError(`Got ${input.ndim}D input, but ${o.mode} mode needs ${o.mode === 'linear' ? 3 : 4}D input`);
  if (!linear && o.align_corners !== null) throw new ValueError('align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear');
  if ((o.size === null) === (o.scale_factor === null)) throw new ValueError(o.size === null ? 'either size or scale_factor should be defined' : 'only one of size or scale_factor should be defined');
  const inSizes = input._shape.slice(2);
  const scales = o.scale_factor === null ? inSizes.map(() => null) : Array.isArray(o.scale_factor) ? o.scale_factor : inSizes.map(() => o.scale_factor as number);
  const outSizes = o.size !== null ? (Array.isArray(o.size) ? o.size : inSizes.map(() => o.size as number)) : inSizes.map((s, i) => Math.floor(s * (scales[i] as number)));
  if (outSizes.length !== sp) throw new ValueError(`Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of [${inSizes.join(', ')}] and output size of [${outSizes.join(', ')}].`);
  // with recompute_scale_factor, PyTorch computes the index from the sizes, not the given factor
  const sc = (i: number) => (o.recompute_scale_factor ? null : scales[i]);
  let y = input;
  for (let i = 0; i < sp; i++) {
    const d = i + 2, n = inSizes[i], m = outSizes[i];
    if (!linear) {
      const ratio = sc(i) !== null ? 1 / (sc(i) as number) : n / m;
      const idx = Array.from({ length: m }, (_, k) => Math.min(Math.floor(k * ratio), n - 1));
      y = y.index_select(d, input.new_tensor(idx, { dtype: int64 }));
      continue;
    }
    const [i0, i1, w] = linearIndex(n, m, sc(i), !!o.align_corners, input);
    const wv = w.to(input.dtype).reshape(input._shape.map((_, k) => (k === d ? m : 1)));
    const a = y.index_select(d, i0), b = y.index_select(d, i1);
    y = a.add(b.sub(a).mul(wv));
  }
  return y;
}
