// torchvision's resizing transforms on tensor images ([..., C, H, W] as [C, H, W] or [N, C, H, W]):
// Resize (an int matches the shorter edge, keeping the aspect ratio), RandomResizedCrop (the
// transfer-learning lesson's training crop) and InterpolationMode. On tensors torchvision 0.14
// resizes with F.interpolate (align_corners=False) and, by default, without antialiasing; so does this.
import { parseArgs } from '../args';
import { float32 } from '../dtype';
import { ValueError } from '../errors';
import { functional as F } from '../nn/index';
import { nextUniform } from '../random';
import type { Tensor } from '../tensor';
import { hw, imageDims, pyList, roundHalfEven, transform, type Transform } from './transforms-base';

/** torchvision's interpolation modes (the values are F.interpolate's mode names). @example transforms.Resize(256, transforms.InterpolationMode.BILINEAR) */
export const InterpolationMode = Object.freeze({ NEAREST: 'nearest', BILINEAR: 'bilinear', BICUBIC: 'bicubic' } as const);
type Mode = 'nearest' | 'bilinear' | 'bicubic';

function checkMode(mode: unknown): Mode {
  if (mode !== 'nearest' && mode !== 'bilinear' && mode !== 'bicubic')
    throw new TypeError(`Argument interpolation should be a InterpolationMode (transforms.InterpolationMode.NEAREST, BILINEAR or BICUBIC), got ${String(mode)}`);
  return mode;
}

/** torchvision's `_compute_resized_output_size`: [h, w] for `size` (an int or [s]: the shorter edge) and `max_size`. */
function outputSize(h: number, w: number, size: number | number[], maxSize: number | null): [number, number] {
  const s = typeof size === 'number' ? [size] : size;
  if (s.length === 2) return [s[0], s[1]];
  const [short, long] = w <= h ? [w, h] : [h, w];
  let newShort = s[0], newLong = Math.trunc((s[0] * long) / short);
  if (maxSize !== null) {
    if (maxSize <= s[0]) throw new ValueError(`max_size = ${maxSize} must be strictly greater than the requested size for the smaller edge size = ${typeof size === 'number' ? `[${size}]` : pyList(size)}`);
    if (newLong > maxSize) [newShort, newLong] = [Math.trunc((maxSize * newShort) / newLong), maxSize];
  }
  return w <= h ? [newLong, newShort] : [newShort, newLong];
}

/** torchvision's tensor resize: floats interpolated as they are, integer images through float32 and rounded back. */
function resizeTo(img: Tensor, oh: number, ow: number, mode: Mode, antialias: boolean | null): Tensor {
  const [h, w] = imageDims(img, 'Resize');
  if (h === oh && w === ow) return img;
  if (antialias && mode === 'nearest') throw new ValueError('Antialias option is supported for bilinear and bicubic interpolation modes only');
  const squeeze = img.ndim < 4;
  let x = squeeze ? img.unsqueeze(0) : img;
  const cast = !x.dtype.is_floating_point;
  if (cast) x = x.to(float32);
  x = F.interpolate(x, { size: [oh, ow], mode, align_corners: mode === 'nearest' ? null : false, antialias: antialias ?? false });
  if (mode === 'bicubic' && img.dtype.name === 'uint8') x = x.clamp(0, 255);
  if (squeeze) x = x.squeeze(0);
  return cast ? x.round().to(img.dtype) : x;
}

/**
 * Resizes the image to `size`: [h, w], or an int for the shorter edge (the other keeps the aspect
 * ratio, rounded down), as torchvision's `Resize` on tensors.
 * @example transforms.Resize(256)
 */
export function Resize(size: number | number[], interpolation?: string | { interpolation?: string; max_size?: number | null; antialias?: boolean | null }, max_size?: number | null, antialias?: boolean | null): Transform;
export function Resize(...args: unknown[]): Transform {
  const o = parseArgs<{ size: number | number[]; interpolation: string; max_size: number | null; antialias: boolean | null }>('Resize', args,
    ['size', 'interpolation', 'max_size', 'antialias'], { interpolation: 'bilinear', max_size: null, antialias: null });
  const size = o.size;
  if (typeof size !== 'number' && !Array.isArray(size)) throw new TypeError(`Size should be int or sequence. Got ${typeof size}`);
  if (Array.isArray(size) && (size.length < 1 || size.length > 2)) throw new ValueError('If size is a sequence, it should have 1 or 2 values');
  const mode = checkMode(o.interpolation);
  const repr = `Resize(size=${typeof size === 'number' ? size : pyList(size)}, interpolation=${mode}, max_size=${o.max_size ?? 'None'}, antialias=${o.antialias === null ? 'None' : o.antialias ? 'True' : 'False'})`;
  return transform((img) => {
    if (o.max_size !== null && Array.isArray(size) && size.length !== 1)
      throw new ValueError('max_size should only be passed if size specifies the length of the smaller edge, i.e. size should be an int or a sequence of length 1 in torchscript mode.');
    const [h, w] = imageDims(img, 'Resize');
    const [oh, ow] = outputSize(h, w, size, o.max_size);
    return resizeTo(img, oh, ow, mode, o.antialias);
  }, repr);
}

const fmt4 = (v: number) => { const r = Math.round(v * 1e4) / 1e4; return Number.isInteger(r) ? r.toFixed(1) : String(r); };
type RrcOpts = { scale?: number[]; ratio?: number[]; interpolation?: string; antialias?: boolean | null };

/**
 * Crops a random part of the image (area `scale` of it, aspect ratio in `ratio`, log-uniform) and
 * resizes it to `size`, as torchvision's `RandomResizedCrop`, drawing from the global stream.
 * @example transforms.RandomResizedCrop(224)
 */
export function RandomResizedCrop(size: number | number[], opts?: RrcOpts): Transform;
export function RandomResizedCrop(...args: unknown[]): Transform {
  const o = parseArgs<{ size: number | number[]; scale: number[]; ratio: number[]; interpolation: string; antialias: boolean | null }>('RandomResizedCrop', args,
    ['size', 'scale', 'ratio', 'interpolation', 'antialias'], { scale: [0.08, 1.0], ratio: [3 / 4, 4 / 3], interpolation: 'bilinear', antialias: null });
  const [th, tw] = hw(o.size, 'RandomResizedCrop');
  if (!Array.isArray(o.scale)) throw new TypeError('Scale should be a sequence');
  if (!Array.isArray(o.ratio)) throw new TypeError('Ratio should be a sequence');
  const mode = checkMode(o.interpolation);
  const [s0, s1] = o.scale, [r0, r1] = o.ratio;
  // torchvision 0.14's repr, its stray parenthesis included
  const repr = `RandomResizedCrop(size=(${th}, ${tw}), scale=(${fmt4(s0)}, ${fmt4(s1)}), ratio=(${fmt4(r0)}, ${fmt4(r1)}), interpolation=${mode}), antialias=${o.antialias === null ? 'None' : o.antialias ? 'True' : 'False'})`;
  const logR0 = Math.log(Math.fround(r0)), logR1 = Math.log(Math.fround(r1));
  return transform((img) => {
    const [height, width] = imageDims(img, 'RandomResizedCrop');
    const area = height * width;
    for (let attempt = 0; attempt < 10; attempt++) {
      const target = area * (s0 + (s1 - s0) * nextUniform());
      const aspect = Math.exp(logR0 + (logR1 - logR0) * nextUniform());
      const w = roundHalfEven(Math.sqrt(target * aspect)), h = roundHalfEven(Math.sqrt(target / aspect));
      if (w > 0 && w <= width && h > 0 && h <= height) {
        const i = Math.floor(nextUniform() * (height - h + 1)), j = Math.floor(nextUniform() * (width - w + 1));
        return resizeTo(img.narrow(-2, i, h).narrow(-1, j, w), th, tw, mode, o.antialias);
      }
    }
    // the fallback: a centre crop within the ratio bounds
    const inRatio = width / height;
    let w = width, h = height;
    if (inRatio < Math.min(r0, r1)) h = roundHalfEven(w / Math.min(r0, r1));
    else if (inRatio > Math.max(r0, r1)) w = roundHalfEven(h * Math.max(r0, r1));
    const i = Math.floor((height - h) / 2), j = Math.floor((width - w) / 2);
    return resizeTo(img.narrow(-2, i, h).narrow(-1, j, w), th, tw, mode, o.antialias);
  }, repr);
}
