/** Element types. `uint8`, `int8`, `int16` are stored in their own typed arrays (CPU only). `int64` is stored as 32-bit integers (JS has no fast 64-bit typed arithmetic):
 * a value outside ±2^31 raises an overflow error on creation and arithmetic (engine/ops/int-range.ts)
 * instead of wrapping; `element_size()` still reports PyTorch's 8. `bool` is stored as bytes. */
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array | Int8Array | Int16Array;
export type DTypeName = 'float32' | 'float64' | 'int64' | 'int32' | 'bool' | 'uint8' | 'int8' | 'int16';

export class DType {
  constructor(
    readonly name: DTypeName,
    /** PyTorch's `element_size()` (int64: 8, though stored in 4 bytes: see `array.BYTES_PER_ELEMENT`). */
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
export const int64 = new DType('int64', 8, false, Int32Array as any);
export const int32 = new DType('int32', 4, false, Int32Array as any);
export const bool = new DType('bool', 1, false, Uint8Array as any);
// The small integer types (CPU only) live in their own typed arrays, so a store wraps modulo 2^8 / 2^16
// exactly as PyTorch's arithmetic on them does (uint8: 250 + 10 = 4).
export const uint8 = new DType('uint8', 1, false, Uint8Array as any);
export const int8 = new DType('int8', 1, false, Int8Array as any);
export const int16 = new DType('int16', 2, false, Int16Array as any);
/** The small integer dtypes: CPU only (WebGPU storage is 32-bit). */
export const isSmallInt = (d: DType): boolean => d === uint8 || d === int8 || d === int16;

const byName: Record<string, DType> = {
  float32, float: float32, float64, double: float64, int64, long: int64, int32, int: int32, bool, uint8, int8, int16, short: int16,
};

export type DTypeLike = DType | DTypeName | 'float' | 'double' | 'long' | 'int';

export function toDType(d: DTypeLike | undefined | null, fallback: DType = float32): DType {
  if (d == null) return fallback;
  if (d instanceof DType) return d;
  const r = byName[String(d).replace(/^torch\./, '')];
  if (!r) throw new TypeError(`unsupported dtype: ${String(d)} (Torchlit has float32, float64, int64, int32, int16, int8, uint8, bool)`);
  return r;
}

// PyTorch's promotion lattice for Torchlit's dtypes: bool < {uint8, int8} < int16 < int32 < int64 < float32 <
// float64, where uint8 and int8 meet at int16 (neither holds the other's range)
const ORDER: Record<DTypeName, number> = { bool: 0, uint8: 1, int8: 1, int16: 2, int32: 3, int64: 4, float32: 5, float64: 6 };
const category = (d: DType): number => (d === bool ? 0 : d.is_floating_point ? 2 : 1);

/**
 * PyTorch's `torch.promote_types(a, b)`: the smallest dtype both convert to without losing their category.
 * @example torch.promote_types(torch.int32, torch.float32) // torch.float32
 */
export function promoteTypes(a: DType, b: DType): DType {
  if (a !== b && ORDER[a.name] === 1 && ORDER[b.name] === 1) return int16;
  return ORDER[a.name] >= ORDER[b.name] ? a : b;
}

/** An operand of type promotion: a tensor (its dtype and dimensionality) or a Python-like number. */
export type PromotionOperand = { dtype: DType; ndim: number } | number | boolean;

/** PyTorch's `combine_categories`: a higher-priority group's dtype wins unless a lower group has a higher category. */
function combine(higher: DType | null, lower: DType | null): DType | null {
  if (higher && higher.is_floating_point) return higher;
  if (higher === bool || (lower && lower.is_floating_point)) return higher && lower ? promoteTypes(higher, lower) : (higher ?? lower);
  return higher ?? lower;
}

/**
 * PyTorch's `torch.result_type`: tensors with dimensions decide first, then 0-d tensors, then
 * numbers ("wrapped scalars"), each later group counting only when its category (bool < integer
 * < floating) is higher. A JS integer counts as int64, a non-integer as `defaultFloat`.
 * @example resultType([torch.tensor([1, 2]), 0.5]) // torch.float32
 */
export function resultType(operands: readonly PromotionOperand[], defaultFloat: DType = float32): DType {
  let dim: DType | null = null, zero: DType | null = null, wrapped: DType | null = null;
  for (const o of operands) {
    if (typeof o === 'boolean') wrapped = join(wrapped, bool);
    else if (typeof o === 'number') wrapped = join(wrapped, Number.isInteger(o) ? int64 : defaultFloat);
    else if (o.ndim === 0) zero = join(zero, o.dtype);
    else dim = join(dim, o.dtype);
  }
  return combine(dim, combine(zero, wrapped)) ?? defaultFloat;
}

// Module level, not a closure per call: the bundles keep function names (keepNames), which costs
// an Object.defineProperty per closure created: ~6% of a tiny op's time when it was inside resultType.
const join = (acc: DType | null, d: DType) => (acc ? promoteTypes(acc, d) : d);

/** PyTorch's `torch.can_cast(from, to)`: no floating → integer/bool, no number → bool. */
export function canCast(from: DType, to: DType): boolean {
  if (category(from) > category(to)) return false;
  return true;
}

/** PyTorch's short scalar type name in messages: Float, Double, Long, Int, Bool. */
export function scalarTypeName(d: DType): string {
  return { float32: 'Float', float64: 'Double', int64: 'Long', int32: 'Int', bool: 'Bool', uint8: 'Byte', int8: 'Char', int16: 'Short' }[d.name];
}

/** Promotion of a tensor with a JS number (a "wrapped scalar" does not widen the tensor's category's width). */
export function promoteWithScalar(t: DType, s: number | boolean): DType {
  return resultType([{ dtype: t, ndim: 1 }, s]);
}
