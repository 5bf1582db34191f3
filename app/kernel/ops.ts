// The runtime side of the cell transpiler's operator rewrite: `a * b` in a cell becomes
// `__op.mul(a, b)`. Numbers (and everything that is not a tensor) keep plain JS semantics;
// when an operand is a tensor the tensor op runs instead (`a.mul(b)`), as PyTorch's
// operator overloading would. Compound assignment on a tensor is in place (`w -= lr * g`
// → `w.sub_(…)`), as in PyTorch.

/** What the helpers need from a tensor: PyTorch's method names. */
interface TensorLike {
  add(o: unknown): TensorLike;
  sub(o: unknown): TensorLike;
  mul(o: unknown): TensorLike;
  div(o: unknown): TensorLike;
  pow(o: unknown): TensorLike;
  neg(): TensorLike;
  remainder?(o: unknown): TensorLike;
  reciprocal?(): TensorLike;
  [k: string]: unknown;
}

export interface TorchLike {
  Tensor?: unknown;
  is_tensor?: (x: unknown) => boolean;
  pow?: (a: unknown, b: unknown) => unknown;
  remainder?: (a: unknown, b: unknown) => unknown;
  rsub?: (a: unknown, b: unknown) => unknown;
  full_like?: (t: unknown, v: number) => unknown;
  [k: string]: unknown;
}

export type Ops = ReturnType<typeof createOps>;

/** Duck test for a tensor when the engine's `Tensor` class is not at hand. */
export function looksLikeTensor(x: unknown): boolean {
  return typeof x === 'object' && x !== null && typeof (x as TensorLike).add === 'function' && typeof (x as TensorLike).neg === 'function' && 'shape' in x && 'dtype' in x;
}

/** The tag `torch.tensor` looks for (engine/ops/creation.ts FLOAT_LITERALS). */
const FLOAT_LITERALS = Symbol.for('torchlit.floatLiterals');

export function createOps(torch: TorchLike | undefined, checkInterrupt: () => void = () => {}) {
  const Tensor = typeof torch?.Tensor === 'function' ? (torch.Tensor as new (...a: never[]) => unknown) : undefined;
  const isT = Tensor ? (x: unknown): x is TensorLike => x instanceof Tensor || looksLikeTensor(x) : (x: unknown): x is TensorLike => looksLikeTensor(x);
  const str = (x: unknown) => String(x);

  /** A scalar on the left of a non-commutative op: make it a tensor like `t` (PyTorch's rsub etc.). */
  const scalarLike = (s: unknown, t: TensorLike): TensorLike => {
    if (typeof torch?.full_like === 'function' && typeof s === 'number') return torch.full_like(t, s) as TensorLike;
    return t.mul(0).add(s);
  };

  const ops = {
    /**
     * Tags an array literal that was written with float literals (`[1.0, 2.0]`): JS cannot tell
     * `1.0` from `1`, and `torch.tensor` reads the tag to infer float32 as PyTorch does.
     */
    floats<T extends object>(arr: T): T {
      Object.defineProperty(arr, FLOAT_LITERALS, { value: true, enumerable: false });
      return arr;
    },
    add(a: any, b: any): any {
      if (typeof a === 'number' && typeof b === 'number') return a + b;
      if (typeof a === 'string' || typeof b === 'string') return (isT(a) ? str(a) : a) + (isT(b) ? str(b) : b);
      if (isT(a)) return checkInterrupt(), a.add(b);
      if (isT(b)) return checkInterrupt(), b.add(a);
      return a + b;
    },
    sub(a: any, b: any): any {
      if (typeof a === 'number' && typeof b === 'number') return a - b;
      if (isT(a)) return checkInterrupt(), a.sub(b);
      if (isT(b)) return checkInterrupt(), typeof torch?.rsub === 'function' ? torch.rsub(b, a) : b.neg().add(a);
      return a - b;
    },
    mul(a: any, b: any): any {
      if (typeof a === 'number' && typeof b === 'number') return a * b;
      if (isT(a)) return checkInterrupt(), a.mul(b);
      if (isT(b)) return checkInterrupt(), b.mul(a);
      return a * b;
    },
    div(a: any, b: any): any {
      if (typeof a === 'number' && typeof b === 'number') return a / b;
      if (isT(a)) return checkInterrupt(), a.div(b);
      if (isT(b)) return checkInterrupt(), typeof b.reciprocal === 'function' ? b.reciprocal().mul(a) : scalarLike(a, b).div(b);
      return a / b;
    },
    pow(a: any, b: any): any {
      if (typeof a === 'number' && typeof b === 'number') return a ** b;
      if (isT(a)) return checkInterrupt(), a.pow(b);
      if (isT(b)) return checkInterrupt(), typeof torch?.pow === 'function' ? torch.pow(a, b) : scalarLike(a, b).pow(b);
      return a ** b;
    },
    /** `%` on tensors is PyTorch's `%` (remainder: the sign of the divisor, like Python). */
    mod(a: any, b: any): any {
      if (typeof a === 'number' && typeof b === 'number') return a % b;
      if (isT(a)) return checkInterrupt(), typeof a.remainder === 'function' ? a.remainder(b) : (a as any).fmod(b);
      if (isT(b)) return checkInterrupt(), typeof torch?.remainder === 'function' ? torch.remainder(a, b) : scalarLike(a, b).remainder!(b);
      return a % b;
    },
    neg(a: any): any {
      if (typeof a === 'number') return -a;
      if (isT(a)) return checkInterrupt(), a.neg();
      return -a;
    },
    iadd: (a: any, b: any): any => inplace(a, b, 'add_', ops.add),
    isub: (a: any, b: any): any => inplace(a, b, 'sub_', ops.sub),
    imul: (a: any, b: any): any => inplace(a, b, 'mul_', ops.mul),
    idiv: (a: any, b: any): any => inplace(a, b, 'div_', ops.div),
    ipow: (a: any, b: any): any => inplace(a, b, 'pow_', ops.pow),
    imod: (a: any, b: any): any => inplace(a, b, 'remainder_', ops.mod),
    /** `o[k] op= v` with `o` and `k` evaluated once. */
    iset(o: any, k: PropertyKey, name: 'iadd' | 'isub' | 'imul' | 'idiv' | 'ipow' | 'imod', v: unknown): any {
      return (o[k] = ops[name](o[k], v));
    },
    isTensor: isT,
  };

  function inplace(a: any, b: any, method: string, outOfPlace: (a: any, b: any) => any): any {
    if (typeof a === 'number' && typeof b === 'number') return outOfPlace(a, b);
    if (isT(a) && typeof a[method] === 'function') {
      checkInterrupt();
      return (a[method] as (o: unknown) => unknown)(b);
    }
    return outOfPlace(a, b);
  }

  return ops;
}
