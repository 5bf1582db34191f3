// What every torchvision transform here shares: a function that prints as torchvision's repr,
// size arguments read as torchvision reads them, and the image's height and width.
import { ValueError } from '../errors';
import type { Tensor } from '../tensor';

export type Transform = ((x: Tensor) => Tensor) & { __repr__(): string };

/** A transform: `fn`, printed as `repr` (torchvision's), in a cell and by `String(t)`. */
export function transform(fn: (x: Tensor) => Tensor, repr: string): Transform {
  const t = fn as Transform;
  Object.defineProperty(t, '__repr__', { value: () => repr });
  Object.defineProperty(t, 'toString', { value: () => repr });
  return t;
}

export const pyList = (v: readonly number[]) => `[${v.join(', ')}]`;
/** `size` as torchvision's `_setup_size` reads it: an int is a square. */
export function hw(size: number | readonly number[], name: string): [number, number] {
  const s = typeof size === 'number' ? [size, size] : Array.isArray(size) && size.length === 1 ? [size[0], size[0]] : Array.isArray(size) ? [size[0], size[1]] : [];
  if (!Array.isArray(size) && typeof size !== 'number') throw new TypeError(`${name}: size should be an int or a sequence, got ${typeof size}`);
  if ((size as readonly number[]).length > 2 || s.some((v) => !Number.isInteger(v) || v <= 0)) throw new ValueError('Please provide only two dimensions (h, w) for size.');
  return s as [number, number];
}
/** Python's round(): halves to even. */
export const roundHalfEven = (x: number) => {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
};
/** The image's (H, W): torchvision wants a tensor of at least 2 dimensions. */
export function imageDims(x: Tensor, op: string): [number, number] {
  if (x === null || typeof x !== 'object' || !('_shape' in x)) throw new TypeError(`${op}: img should be a Tensor (Torchlit has no PIL images). Got ${x === null ? 'null' : typeof x}`);
  if (x.ndim < 2) throw new TypeError('Tensor is not a torch image.');
  return [x._shape[x.ndim - 2], x._shape[x.ndim - 1]];
}
