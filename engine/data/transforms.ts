// torchvision.transforms for tensor images ([..., C, H, W]): Compose, ToTensor (datasets here
// already give float tensors: identity on them, 1/255 on integer images), Normalize, Lambda,
// RandomHorizontalFlip / RandomVerticalFlip, CenterCrop, RandomCrop (with padding), Pad and
// ConvertImageDtype. Each is a function (call it on an image) that prints as torchvision's repr.
// Random ones draw from the global stream (torch.manual_seed), as torchvision's do.
import { toDType, float32, type DTypeLike } from '../dtype';
import { ValueError } from '../errors';
import { nextUniform } from '../random';
import { Tensor } from '../tensor';

export type Transform = ((x: Tensor) => Tensor) & { __repr__(): string };

/** A transform: `fn`, printed as `repr` (torchvision's), in a cell and by `String(t)`. */
function transform(fn: (x: Tensor) => Tensor, repr: string): Transform {
  const t = fn as Transform;
  Object.defineProperty(t, '__repr__', { value: () => repr });
  Object.defineProperty(t, 'toString', { value: () => repr });
  return t;
}

const pyList = (v: readonly number[]) => `[${v.join(', ')}]`;
/** `size` as torchvision reads it: an int is a square. */
function hw(size: number | readonly number[], name: string): [number, number] {
  const s = typeof size === 'number' ? [size, size] : size.length === 1 ? [size[0], size[0]] : [size[0], size[1]];
  if (s.length !== 2 || s.some((v) => !Number.isInteger(v) || v <= 0)) throw new ValueError(`${name}: please provide only two dimensions (h, w) for size.`);
  return s as [number, number];
}
/** Python's round(): halves to even. */
const roundHalfEven = (x: number) => {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
};
function imageDims(x: Tensor, op: string): [number, number] {
  if (x.ndim < 2) throw new TypeError(`${op}: the image should be a tensor of at least 2 dimensions (..., H, W), got ${x.ndim}`);
  return [x._shape[x.ndim - 2], x._shape[x.ndim - 1]];
}

/** Applies transforms in order. @example transforms.Compose([transforms.ToTensor(), transforms.Normalize([0.1307], [0.3081])]) */
export function Compose(ts: ((x: Tensor) => Tensor)[]): Transform {
  const lines = ts.map((t) => `    ${typeof (t as Partial<Transform>).__repr__ === 'function' ? (t as Transform).__repr__() : 'Lambda()'}`);
  return transform((x) => ts.reduce((acc, t) => t(acc), x), `Compose(\n${lines.join('\n')}\n)`);
}
/** Datasets here already yield float tensors in [0, 1]; integer images are scaled by 1/255. */
export function ToTensor(): Transform {
  return transform((x) => (x.dtype.is_floating_point ? x : x.to(float32).div(255)), 'ToTensor()');
}
/**
 * (x − mean) / std per channel (dim −3), on float images.
 * @example transforms.Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5])
 */
export function Normalize(mean: number[] | number, std: number[] | number, opts: { inplace?: boolean } = {}): Transform {
  const m = Array.isArray(mean) ? mean : [mean];
  const s = Array.isArray(std) ? std : [std];
  if (s.some((v) => Math.fround(v) === 0)) throw new ValueError('std evaluated to zero after conversion to torch.float32, leading to division by zero.');
  const mt = Tensor._fromData(Float32Array.from(m), [m.length, 1, 1], float32);
  const st = Tensor._fromData(Float32Array.from(s), [s.length, 1, 1], float32);
  const repr = `Normalize(mean=${Array.isArray(mean) ? pyList(m) : mean}, std=${Array.isArray(std) ? pyList(s) : std})`;
  return transform((x) => {
    if (!x.dtype.is_floating_point) throw new TypeError(`Input tensor should be a float tensor. Got torch.${x.dtype.name}.`);
    const mx = mt.device === x.device ? mt : mt.to(x.device), sx = st.device === x.device ? st : st.to(x.device);
    return opts.inplace ? x.sub_(mx).div_(sx) : x.sub(mx).div(sx);
  }, repr);
}
/**
 * A function of yours as a transform, as torchvision's `Lambda` (also for labels: the lesson's one-hot `target_transform`).
 * @example transforms.Lambda((y) => torch.zeros(10).scatter_(0, torch.tensor(y), {value: 1}))
 */
export function Lambda<I = Tensor, O = Tensor>(lambd: (x: I) => O): ((x: I) => O) & { __repr__(): string } {
  if (typeof lambd !== 'function') throw new TypeError(`Argument lambd should be callable, got ${typeof lambd}`);
  return transform(((x: I) => lambd(x)) as unknown as (x: Tensor) => Tensor, 'Lambda()') as unknown as ((x: I) => O) & { __repr__(): string };
}
/** Flips the image left–right with probability `p`. @example transforms.RandomHorizontalFlip() */
export function RandomHorizontalFlip(p = 0.5): Transform {
  return transform((x) => (nextUniform() < p ? x.flip(-1) : x), `RandomHorizontalFlip(p=${p})`);
}
/** Flips the image top–bottom with probability `p`. */
export function RandomVerticalFlip(p = 0.5): Transform {
  return transform((x) => (nextUniform() < p ? x.flip(-2) : x), `RandomVerticalFlip(p=${p})`);
}
/** Crops the centre `size` (an int for a square), as torchvision (the top-left rounded half to even). */
export function CenterCrop(size: number | number[]): Transform {
  const [th, tw] = hw(size, 'CenterCrop');
  return transform((x) => {
    const [h, w] = imageDims(x, 'CenterCrop');
    if (th > h || tw > w) throw new ValueError(`CenterCrop: the crop (${th}, ${tw}) is larger than the image (${h}, ${w}); torchvision pads here, Torchlit does not yet`);
    const top = roundHalfEven((h - th) / 2), left = roundHalfEven((w - tw) / 2);
    return x.narrow(-2, top, th).narrow(-1, left, tw);
  }, `CenterCrop(size=(${th}, ${tw}))`);
}
/** Pads every side by `padding` (an int, [left/right, top/bottom] or [left, top, right, bottom]) with `fill`. */
export function Pad(padding: number | number[], fill = 0): Transform {
  const p = typeof padding === 'number' ? [padding, padding, padding, padding] : padding.length === 2 ? [padding[0], padding[1], padding[0], padding[1]] : padding;
  if (p.length !== 4) throw new ValueError(`Padding must be an int or a 1, 2, or 4 element tuple, not a ${p.length} element tuple`);
  const [l, t, r, b] = p;
  return transform((x) => padImage(x, l, t, r, b, fill), `Pad(padding=${typeof padding === 'number' ? padding : pyList(padding)}, fill=${fill}, padding_mode=constant)`);
}
function padImage(x: Tensor, l: number, t: number, r: number, b: number, fill: number): Tensor {
  if (!l && !t && !r && !b) return x;
  const [h, w] = imageDims(x, 'Pad');
  const out = x.new_full([...x._shape.slice(0, -2), h + t + b, w + l + r], fill);
  out.narrow(-2, t, h).narrow(-1, l, w).copy_(x);
  return out;
}
/**
 * Crops `size` at a random place, after padding by `padding` (CIFAR's RandomCrop(32, {padding: 4})).
 * @example transforms.RandomCrop(32, {padding: 4})
 */
export function RandomCrop(size: number | number[], opts: { padding?: number | number[] | null; fill?: number } = {}): Transform {
  const [th, tw] = hw(size, 'RandomCrop');
  const pad = opts.padding ?? null;
  const padT = pad === null ? null : Pad(pad, opts.fill ?? 0);
  const repr = `RandomCrop(size=(${th}, ${tw}), padding=${pad === null ? 'None' : typeof pad === 'number' ? pad : pyList(pad)})`;
  return transform((x) => {
    const img = padT ? padT(x) : x;
    const [h, w] = imageDims(img, 'RandomCrop');
    if (h < th || w < tw) throw new ValueError(`Required crop size (${th}, ${tw}) is larger than input image size (${h}, ${w})`);
    const i = Math.floor(nextUniform() * (h - th + 1)), j = Math.floor(nextUniform() * (w - tw + 1));
    return img.narrow(-2, i, th).narrow(-1, j, tw);
  }, repr);
}
/** Converts to `dtype`, scaling integer images to [0, 1] as torchvision does. */
export function ConvertImageDtype(dtype: DTypeLike): Transform {
  const d = toDType(dtype);
  return transform((x) => {
    if (x.dtype === d) return x;
    if (d.is_floating_point) return x.dtype.is_floating_point ? x.to(d) : x.to(d).div(x.dtype.name === 'uint8' ? 255 : 2 ** 31 - 1);
    throw new TypeError(`ConvertImageDtype to torch.${d.name} is not implemented in Torchlit (float targets only)`);
  }, 'ConvertImageDtype()');
}

