import { IndexError, RuntimeError } from './errors';

/** `torch.Size`: an array of dimensions that prints as PyTorch does (`torch.Size([8, 1])`). */
export class Size extends Array<number> {
  static of_(dims: readonly number[]): Size {
    const s = new Size();
    for (const d of dims) s.push(d);
    return s;
  }
  static get [Symbol.species]() {
    return Array;
  }
  /** Number of elements a tensor of this shape holds. */
  numel(): number {
    let n = 1;
    for (const d of this) n *= d;
    return n;
  }
  override toString(): string {
    return `torch.Size([${this.join(', ')}])`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
  equals(other: readonly number[]): boolean {
    return this.length === other.length && this.every((d, i) => d === other[i]);
  }
}

/** Whether two shapes are equal (a loop, no allocation: used on hot paths). */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function contiguousStrides(shape: readonly number[]): number[] {
  // ranks 0–2 (most tensors) as literals: packed arrays, no loop
  switch (shape.length) {
    case 0: return [];
    case 1: return [1];
    case 2: return [shape[1] > 1 ? shape[1] : 1, 1];
  }
  const strides: number[] = [];
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides.push(s);
    s *= Math.max(shape[i], 1);
  }
  return strides.reverse();
}

/** Normalises a possibly negative dimension index, with PyTorch's error. */
export function normDim(dim: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  if (!Number.isInteger(dim) || dim < -n || dim >= n)
    throw new IndexError(`Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`);
  return dim < 0 ? dim + n : dim;
}

/** Broadcast two shapes, with PyTorch's error message. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  if (b.length === 0) return a.slice();
  if (a.length === 0) return b.slice();
  if (a.length === b.length) {
    let same = true;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) { same = false; break; }
    if (same) return a.slice();
  }
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  // from the last dimension, as PyTorch's infer_size: the first mismatch it names is the rightmost
  for (let i = n - 1; i >= 0; i--) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1)
      throw new RuntimeError(`The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`);
    out[i] = da === 1 ? db : da;
  }
  return out;
}
