// torchvision.transforms for tensor images ([..., C, H, W]): Compose, ToTensor (datasets here
// already give float tensors: identity on them, 1/255 on uint8 images), Normalize, Lambda,
// RandomHorizontalFlip / RandomVerticalFlip, CenterCrop, RandomCrop (with padding), Pad and
// ConvertImageDtype. Each is a function (call it on an image) that prints as torchvision's repr.
// Random ones draw from the global stream (torch.manual_seed), as torchvision's do.
import { parseArgs } from '../args';
import { toDType, float32, uint8, type DTypeLike } from '../dtype';
import { get_default_dtype } from '../state';
import { NotImplementedError, ValueError } from '../errors';
import { nextUniform } from '../random';
import { Tensor } from '../tensor';
import { hw, imageDims, pyList, roundHalfEven, transform, type Transform } from './transforms-base';

export type { Transform } from './transforms-base';
export { InterpolationMode, RandomResizedCrop, Resize } from './transforms-resize';

/** Applies transforms in order. @example transforms.Compose([transforms.ToTensor(), transforms.Normalize([0.1307], [0.3081])]) */
export function Compose(ts: ((x: Tensor) => Tensor)[]): Transform {
  const lines = ts.map((t) => `    ${typeof (t as Partial<Transform>).__repr__ === 'function' ? (t as Transform).__repr__() : 'Lambda()'}`);
  return transform((x) => ts.reduce((acc, t) => t(acc), x), `Compose(\n${lines.join('\n')}\n)`);
}
/**
 * Datasets here already yield float tensors in [0, 1] (unchanged); a uint8 image, a PIL image's or
 * uint8 array's stand-in, becomes the default float dtype scaled by 1/255. Other integer and bool
 * images keep their dtype and values, as torchvision's for an array of that dtype (int64 is not scaled).
 * @example transforms.ToTensor()(torch.tensor([[0, 255]], {dtype: torch.uint8})) // tensor([[0., 1.]])
 */
export function ToTensor(): Transform {
  return transform((x) => (x.dtype === uint8 ? x.to(get_default_dtype()).div(255) : x), 'ToTensor()');
}
/**
 * (x − mean) / std per channel (dim −3), on float images.
 * @example transforms.Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5])
 */
export function Normalize(mean: number[] | number, std: number[] | number, inplace?: boolean | { inplace?: boolean }): Transform;
export function Normalize(opts: { mean: number[] | number; std: number[] | number; inplace?: boolean }): Transform;
export function Normalize(...args: unknown[]): Transform {
  const o = parseArgs<{ mean: number[] | number; std: number[] | number; inplace: boolean }>('Normalize', args, ['mean', 'std', 'inplace'], { inplace: false });
  const { mean, std } = o;
  const m = Array.isArray(mean) ? mean : [mean];
  const s = Array.isArray(std) ? std : [std];
  if (s.some((v) => Math.fround(v) === 0)) throw new ValueError('std evaluated to zero after conversion to torch.float32, leading to division by zero.');
  const mt = Tensor._fromData(Float32Array.from(m), [m.length, 1, 1], float32);
  const st = Tensor._fromData(Float32Array.from(s), [s.length, 1, 1], float32);
  const repr = `Normalize(mean=${Array.isArray(mean) ? pyList(m) : mean}, std=${Array.isArray(std) ? pyList(s) : std})`;
  return transform((x) => {
    if (!x.dtype.is_floating_point) throw new TypeError(`Input tensor should be a float tensor. Got torch.${x.dtype.name}.`);
    if (x.ndim < 3) throw new ValueError(`Expected tensor to be a tensor image of size (..., C, H, W). Got tensor.size() = torch.Size([${x._shape.join(', ')}])`);
    const mx = mt.device === x.device ? mt : mt.to(x.device), sx = st.device === x.device ? st : st.to(x.device);
    return o.inplace ? x.sub_(mx).div_(sx) : x.sub(mx).div(sx);
  }, repr);
}
/**
 * A function of yours as a transform, as torchvision's `Lambda` (also for labels: the lesson's one-hot `target_transform`).
 * @example transforms.Lambda((y) => torch.zeros(10).scatter_(0, torch.tensor(y), {value: 1}))
 */
export function Lambda<I = Tensor, O = Tensor>(lambd: ((x: I) => O) | { lambd: (x: I) => O }): ((x: I) => O) & { __repr__(): string } {
  const f = parseArgs<{ lambd: (x: I) => O }>('Lambda', [lambd], ['lambd']).lambd;
  if (typeof f !== 'function') throw new TypeError(`Argument lambd should be callable, got ${f === null ? 'NoneType' : typeof f}`);
  return transform(((x: I) => f(x)) as unknown as (x: Tensor) => Tensor, 'Lambda()') as unknown as ((x: I) => O) & { __repr__(): string };
}
function flipProbability(name: string, args: unknown[]): number {
  const { p } = parseArgs<{ p: number }>(name, args, ['p'], { p: 0.5 });
  if (typeof p !== 'number') throw new TypeError(`${name}: p should be a number, got ${typeof p}`);
  return p;
}
/** Flips the image left–right with probability `p` (`torch.rand(1) < p`). @example transforms.RandomHorizontalFlip({p: 0.5}) */
export function RandomHorizontalFlip(p?: number | { p?: number }): Transform;
export function RandomHorizontalFlip(...args: unknown[]): Transform {
  const p = flipProbability('RandomHorizontalFlip', args);
  return transform((x) => (nextUniform() < p ? x.flip(-1) : x), `RandomHorizontalFlip(p=${p})`);
}
/** Flips the image top–bottom with probability `p`. @example transforms.RandomVerticalFlip(0.3) */
export function RandomVerticalFlip(p?: number | { p?: number }): Transform;
export function RandomVerticalFlip(...args: unknown[]): Transform {
  const p = flipProbability('RandomVerticalFlip', args);
  return transform((x) => (nextUniform() < p ? x.flip(-2) : x), `RandomVerticalFlip(p=${p})`);
}
/**
 * Crops the centre `size` (an int for a square), as torchvision: the top-left rounded half to even,
 * and an image smaller than the crop padded with zeros first.
 * @example transforms.CenterCrop(224)
 */
export function CenterCrop(size: number | number[] | { size: number | number[] }): Transform {
  const [th, tw] = hw(parseArgs<{ size: number | number[] }>('CenterCrop', [size], ['size']).size, 'CenterCrop');
  return transform((x) => {
    let [h, w] = imageDims(x, 'CenterCrop');
    let img = x;
    if (th > h || tw > w) {
      const dw = Math.max(tw - w, 0), dh = Math.max(th - h, 0);
      img = padImage(x, Math.floor(dw / 2), Math.floor(dh / 2), Math.floor((dw + 1) / 2), Math.floor((dh + 1) / 2), 0);
      [h, w] = imageDims(img, 'CenterCrop');
      if (h === th && w === tw) return img;
    }
    const top = roundHalfEven((h - th) / 2), left = roundHalfEven((w - tw) / 2);
    return img.narrow(-2, top, th).narrow(-1, left, tw);
  }, `CenterCrop(size=(${th}, ${tw}))`);
}
function ltrb(padding: number | number[]): number[] {
  const p = typeof padding === 'number' ? [padding, padding, padding, padding] : padding.length === 1 ? [padding[0], padding[0], padding[0], padding[0]] : padding.length === 2 ? [padding[0], padding[1], padding[0], padding[1]] : padding;
  if (p.length !== 4) throw new ValueError(`Padding must be an int or a 1, 2, or 4 element tuple, not a ${p.length} element tuple`);
  return p;
}
function constantMode(name: string, mode: string): void {
  if (mode !== 'constant') throw new NotImplementedError(`${name} with padding_mode='${mode}' is not implemented in Torchlit (constant only)`);
}
/** Pads every side by `padding` (an int, [left/right, top/bottom] or [left, top, right, bottom]) with `fill`. @example transforms.Pad(2) */
export function Pad(padding: number | number[], fill?: number | { fill?: number; padding_mode?: string }, padding_mode?: string | { padding_mode?: string }): Transform;
export function Pad(...args: unknown[]): Transform {
  const o = parseArgs<{ padding: number | number[]; fill: number; padding_mode: string }>('Pad', args, ['padding', 'fill', 'padding_mode'], { fill: 0, padding_mode: 'constant' });
  const [l, t, r, b] = ltrb(o.padding);
  constantMode('Pad', o.padding_mode);
  return transform((x) => padImage(x, l, t, r, b, o.fill), `Pad(padding=${typeof o.padding === 'number' ? o.padding : pyList(o.padding)}, fill=${o.fill}, padding_mode=${o.padding_mode})`);
}
function padImage(x: Tensor, l: number, t: number, r: number, b: number, fill: number): Tensor {
  if (!l && !t && !r && !b) return x;
  const [h, w] = imageDims(x, 'Pad');
  const out = x.new_full([...x._shape.slice(0, -2), h + t + b, w + l + r], fill);
  out.narrow(-2, t, h).narrow(-1, l, w).copy_(x);
  return out;
}
type RandomCropOpts = { padding?: number | number[] | null; pad_if_needed?: boolean; fill?: number; padding_mode?: string };
/**
 * Crops `size` at a random place, after padding by `padding` (CIFAR's RandomCrop(32, {padding: 4})).
 * @example transforms.RandomCrop(32, {padding: 4})
 */
export function RandomCrop(size: number | number[], opts?: RandomCropOpts): Transform;
export function RandomCrop(...args: unknown[]): Transform {
  const o = parseArgs<{ size: number | number[]; padding: number | number[] | null; pad_if_needed: boolean; fill: number; padding_mode: string }>('RandomCrop', args,
    ['size', 'padding', 'pad_if_needed', 'fill', 'padding_mode'], { padding: null, pad_if_needed: false, fill: 0, padding_mode: 'constant' });
  const [th, tw] = hw(o.size, 'RandomCrop');
  const pad = o.padding === null ? null : ltrb(o.padding);
  constantMode('RandomCrop', o.padding_mode);
  const repr = `RandomCrop(size=(${th}, ${tw}), padding=${o.padding === null ? 'None' : typeof o.padding === 'number' ? o.padding : pyList(o.padding)})`;
  return transform((x) => {
    let img = pad ? padImage(x, pad[0], pad[1], pad[2], pad[3], o.fill) : x;
    let [h, w] = imageDims(img, 'RandomCrop');
    // torchvision: pad_if_needed pads both sides of a short edge by the shortfall
    if (o.pad_if_needed && w < tw) img = padImage(img, tw - w, 0, tw - w, 0, o.fill);
    if (o.pad_if_needed && h < th) img = padImage(img, 0, th - h, 0, th - h, o.fill);
    [h, w] = imageDims(img, 'RandomCrop');
    if (h < th || w < tw) throw new ValueError(`Required crop size (${th}, ${tw}) is larger than input image size (${h}, ${w})`);
    if (h === th && w === tw) return img;
    const i = Math.floor(nextUniform() * (h - th + 1)), j = Math.floor(nextUniform() * (w - tw + 1));
    return img.narrow(-2, i, th).narrow(-1, j, tw);
  }, repr);
}
/** Converts to `dtype`, scaling integer images to [0, 1] as torchvision does. @example transforms.ConvertImageDtype(torch.float) */
export function ConvertImageDtype(dtype: DTypeLike | { dtype: DTypeLike }): Transform {
  const d = toDType(parseArgs<{ dtype: DTypeLike }>('ConvertImageDtype', [dtype], ['dtype']).dtype);
  return transform((x) => {
    if (x.dtype === d) return x;
    if (d.is_floating_point) return x.dtype.is_floating_point ? x.to(d) : x.to(d).div(x.dtype.name === 'uint8' ? 255 : 2 ** 31 - 1);
    throw new NotImplementedError(`ConvertImageDtype to torch.${d.name} is not implemented in Torchlit (float targets only)`);
  }, `ConvertImageDtype()`);
}
