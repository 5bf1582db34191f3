/** Element types. `int64` is stored as 32-bit integers (JS has no fast 64-bit typed arithmetic);
 * values outside ±2^31 are not supported. `bool` is stored as bytes. */
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;
export type DTypeName = 'float32' | 'float64' | 'int64' | 'int32' | 'bool';

export class DType {
  constructor(
    readonly name: DTypeName,
    readonly itemsize: number,
    readonly is_floating_point: boolean,
    /** Constructor of the typed array that stores it. */
    readonly array: { new (n: number | ArrayBufferLike | ArrayLike<number>, byteOffset?: number, length?: number): TypedArray; BYTES_PER_ELEMENT: number },
  ) {}
  toString(): string {
    return `torch.${this.name}`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

export const float32 = new DType('float32', 4, true, Float32Array as any);
export const float64 = new DType('float64', 8, true, Float64Array as any);
export const int64 = new DType('int64', 4, false, Int32Array as any);
export const int32 = new DType('int32', 4, false, Int32Array as any);
export const bool = new DType('bool', 1, false, Uint8Array as any);

const byName: Record<string, DType> = {
  float32, float: float32, float64, double: float64, int64, long: int64, int32, int: int32, bool,
};

export type DTypeLike = DType | DTypeName | 'float' | 'double' | 'long' | 'int';

export function toDType(d: DTypeLike | undefined | null, fallback: DType = float32): DType {
  if (d == null) return fallback;
  if (d instanceof DType) return d;
  const r = byName[String(d).replace(/^torch\./, '')];
  if (!r) throw new TypeError(`unsupported dtype: ${String(d)} (Torchlit has float32, float64, int64, int32, bool)`);
  return r;
}

const rank = (d: DType) => (d === bool ? 0 : d.is_floating_point ? 2 : 1);

/** PyTorch's type promotion for two tensors (bool < integer < floating; wider float wins). */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  const ra = rank(a), rb = rank(b);
  if (ra !== rb) return ra > rb ? a : b;
  if (ra === 2) return a === float64 || b === float64 ? float64 : float32;
  if (ra === 1) return a === int64 || b === int64 ? int64 : int32;
  return a;
}

/** Promotion of a tensor with a JS number (a "wrapped scalar" does not widen the tensor's category's width). */
export function promoteWithScalar(t: DType, s: number | boolean): DType {
  if (typeof s === 'boolean') return t;
  if (!Number.isInteger(s) && !t.is_floating_point) return float32;
  if (t === bool) return Number.isInteger(s) ? int64 : float32;
  return t;
}
