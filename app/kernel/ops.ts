// The runtime side of the cell transpiler's operator rewrite: `a * b` in a cell becomes
// `__op.mul(a, b)`. Numbers (and everything that is not a tensor) keep plain JS semantics;
// when an operand is a tensor the tensor op runs instead (`a.mul(b)`), as PyTorch's
// operator overloading would. Compound assignment on a tensor is in place (`w -= lr * g`
// → `w.sub_(…)`), as in PyTorch.
//
// Reads: PyTorch code reads values synchronously (`loss.item()`, `t.tolist()`, `t.cpu()`,
// `t.numpy()`), but a WebGPU readback is asynchronous in the browser. The transpiler turns these
// calls into `read` (awaited, in async contexts) and `readSync` (in sync functions): a CPU tensor
// answers at once (no Promise, no readback), a WebGPU tensor is read back and awaited, and where
// nothing can be awaited the error says how to make it work.

import { pyClassProxy } from './py-class';
import { FLOAT_SCALAR_ARG } from './transpile-nodes';

/** What the helpers need from a tensor: PyTorch's method names. */
interface TensorLike {
  device?: unknown;
  to?(...a: unknown[]): unknown;
  add(o: unknown): TensorLike;
  sub(o: unknown): TensorLike;
  mul(o: unknown): TensorLike;
  div(o: unknown): TensorLike;
  pow(o: unknown): TensorLike;
  neg(): TensorLike;
  remainder?(o: unknown): TensorLike;
  reciprocal?(): TensorLike;
  index(...items: unknown[]): TensorLike;
  index_put_(indices: unknown[], values: unknown): TensorLike;
  [k: string]: unknown;
}

/** What the operators use of `torch` (the engine's namespace; a stand-in in the unit tests). */
export interface TorchLike {
  Tensor?: unknown;
  pow?: (a: any, b: any) => unknown;
  remainder?: (a: any, b: any) => unknown;
  full_like?: (t: any, v: number) => unknown;
  rsub?: (t: any, v: any) => unknown;
  [k: string]: unknown;
}

export type Ops = ReturnType<typeof createOps>;

/** The reads the transpiler rewrites, and the synchronous CPU method that answers each at once. */
export const READ_METHODS: Record<string, string | null> = { item: 'cpu_item', tolist: 'cpu_tolist', data: 'cpu_data', numpy: 'cpu_numpy', cpu: null, to: null };

/** A thenable returned by a non-tensor's `x.item()` etc.: carried through the inserted `await` unawaited. */
class Boxed {
  constructor(readonly value: unknown) {}
}

function isThenable(v: unknown): boolean {
  return (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

/** Whether `t.to(...args)` / `t.cpu()` asks for the CPU. */
function targetsCpu(method: string, args: unknown[]): boolean {
  if (method === 'cpu') return true;
  const a = args[0] as { device?: unknown; type?: unknown } | string | null | undefined;
  if (typeof a === 'string') return a === 'cpu';
  if (!a || typeof a !== 'object') return false;
  const dev = 'type' in a && typeof a.type === 'string' && !('shape' in a) ? a : 'device' in a ? a.device : null;
  return typeof dev === 'string' ? dev === 'cpu' : String((dev as { type?: unknown } | null)?.type) === 'cpu';
}

function isModuleLike(x: unknown): x is { _apply(fn: (t: TensorLike) => TensorLike): unknown; [k: string]: unknown } {
  return (typeof x === 'object' || typeof x === 'function') && x !== null && typeof (x as { _apply?: unknown })._apply === 'function' && typeof (x as { parameters?: unknown }).parameters === 'function';
}

const deviceOf = (t: TensorLike): string => String((t.device as { type?: unknown } | undefined)?.type ?? t.device);

/** What to do when a GPU readback is asked for where it cannot be awaited. */
export function syncReadMessage(method: string, device: unknown, what = 'tensor'): string {
  const call = method === 'to' ? "t.to('cpu')" : `t.${method}()`;
  return (
    `${call} of a ${device} ${what} is a GPU readback, which is asynchronous in the browser, and this function is not async, so it cannot wait for it. ` +
    `Declare the function \`async\` and \`await\` its calls: at a cell's top level and in async functions, Torchlit awaits ${call} for you ` +
    `(outside cells, write \`await ${call}\`).`
  );
}

/** Duck test for a tensor when the engine's `Tensor` class is not at hand. */
export function looksLikeTensor(x: unknown): boolean {
  return typeof x === 'object' && x !== null && typeof (x as TensorLike).add === 'function' && typeof (x as TensorLike).neg === 'function' && 'shape' in x && 'dtype' in x;
}

/** The tag `torch.tensor` looks for (engine/ops/creation.ts FLOAT_LITERALS). */
const FLOAT_LITERALS = Symbol.for('torchlit.floatLiterals');

/** torch's functions (and `Tensor.where`) that infer a scalar's dtype from its literal → the argument places. */
function floatArgPlaces(torch: TorchLike | undefined, Tensor: (new (...a: never[]) => unknown) | undefined): Map<unknown, number[]> {
  const m = new Map<unknown, number[]>();
  for (const [name, places] of Object.entries(FLOAT_SCALAR_ARG)) if (typeof torch?.[name] === 'function') m.set(torch[name], places);
  const where = (Tensor?.prototype as { where?: unknown } | undefined)?.where;
  if (typeof where === 'function') m.set(where, [1]);
  return m;
}

export function createOps(torch: TorchLike | undefined, checkInterrupt: () => void = () => {}) {
  const Tensor = typeof torch?.Tensor === 'function' ? (torch.Tensor as new (...a: never[]) => unknown) : undefined;
  const isT = Tensor ? (x: unknown): x is TensorLike => x instanceof Tensor || looksLikeTensor(x) : (x: unknown): x is TensorLike => looksLikeTensor(x);
  const str = (x: unknown) => String(x);

  /** A scalar on the left of a non-commutative op: make it a tensor like `t` (PyTorch's rsub etc.). */
  const scalarLike = (s: unknown, t: TensorLike): TensorLike => {
    if (typeof torch?.full_like === 'function' && typeof s === 'number') return torch.full_like(t, s) as TensorLike;
    return t.mul(0).add(s);
  };

  /**
   * A float literal with an integral value (`2.0`, tagged by `floatScalar`) next to a tensor: Python's
   * float. Against an integer or bool tensor it is a 0-d tensor of the default float dtype, so
   * `int_t * 2.0` is float32 and `int_t += 1.0` refuses the cast back, as in PyTorch; anywhere else
   * its number.
   */
  const scalarOf = (x: any, other: any): any => {
    if (!(x instanceof Number) || !(x as unknown as Record<symbol, unknown>)[FLOAT_LITERALS]) return x;
    const v = x.valueOf();
    if (!isT(other) || !other.dtype || (other.dtype as { is_floating_point?: boolean }).is_floating_point !== false || typeof torch?.tensor !== 'function') return v;
    const dtype = typeof torch.get_default_dtype === 'function' ? (torch.get_default_dtype as () => unknown)() : undefined;
    return (torch.tensor as (v: unknown, o: unknown) => unknown)(v, { dtype, device: other.device });
  };
  /** Both operands through scalarOf (only a tagged float literal changes). */
  const floats2 = (a: any, b: any): [any, any] => [scalarOf(a, b), scalarOf(b, a)];

  /** `a OP b` where an operand may be a tensor: `a.op(b)`, or `b.flipped(a)` for a scalar on the left. */
  const compare = (a: any, b: any, op: string, flipped: string, js: () => boolean): any => {
    if (typeof a === 'number' && typeof b === 'number') return js();
    if (isT(a)) return checkInterrupt(), (a as any)[op](b);
    if (isT(b)) return checkInterrupt(), (b as any)[flipped](a);
    return js();
  };
  const isBoolOperand = (v: any) => typeof v === 'boolean' || (isT(v) && String(v.dtype) === 'torch.bool');
  const logical = (a: any, b: any, op: string, sym: string, js: () => number): any => {
    if (!isT(a) && !isT(b)) return js();
    checkInterrupt();
    if (!isBoolOperand(a) || !isBoolOperand(b)) {
      // integers: PyTorch's bitwise ops (`int_t & 3`, `a ^ b`)
      const bitwise = { logical_and: 'bitwise_and', logical_or: 'bitwise_or', logical_xor: 'bitwise_xor' }[op];
      if (bitwise) {
        if (isT(a) && typeof (a as any)[bitwise] === 'function') return (a as any)[bitwise](b);
        if (typeof torch?.[bitwise] === 'function') return (torch[bitwise] as (x: unknown, y: unknown) => unknown)(a, b);
      }
      const t = isT(a) ? a : b;
      throw new TypeError(`${sym} between a ${String(t.dtype)} tensor and ${isT(a) && isT(b) ? `a ${String((t === a ? b : a).dtype)} tensor` : typeof (t === a ? b : a)} (bitwise) is not implemented in Torchlit; on masks (bool tensors, e.g. (x > 0) ${sym} (x < 5)) it is ${op}`);
    }
    const [t, o] = isT(a) ? [a, b] : [b, a];
    return (t as any)[op](o);
  };

  /**
   * `o[k]` on an object that has no such property: Python's `__getitem__` where the object defines
   * it, a dataset's item (`ds[0]`, `Dataset.at`), else `undefined` as JavaScript's.
   */
  const getItem = (o: any, k: any): any => {
    if (typeof o.__getitem__ === 'function') return o.__getitem__(k);
    if (typeof k === 'number' && typeof o.at === 'function' && typeof o.get === 'function' && typeof o.length === 'number') return o.at(k);
    return o[k];
  };

  /**
   * A tensor used as a list index (`classes[labels[j]]` in the CIFAR lesson): Python's `__index__`, an
   * integer (or bool) tensor of one element, counted from the end when negative. JavaScript read
   * `classes[t]` as the property named by the tensor's text: `undefined`, silently.
   */
  const listIndex = (o: { length: number }, k: any): number => {
    const n = typeof k.numel === 'function' ? (k.numel as () => number)() : 1;
    if (n !== 1 || (k.dtype as { is_floating_point?: boolean } | undefined)?.is_floating_point !== false)
      throw new TypeError('only integer tensors of a single element can be converted to an index');
    const i = Number(ops.readSync(k, 'item'));
    const j = i < 0 ? i + o.length : i;
    if (j < 0 || j >= o.length) throw Object.assign(new Error('list index out of range'), { name: 'IndexError' });
    return j;
  };

  /** `torch.Size` (an array with `numel`): PyTorch's tuple of dims, not a JS array. */
  const isSize = (o: any): boolean => typeof o.numel === 'function';
  /**
   * `x.shape[-1]`, `x.size()[i]`: a Python tuple's item, counted from the end when negative; out of
   * range, IndexError. JavaScript read `shape[-1]` as the missing property "-1": `undefined`, silently.
   */
  const sizeItem = (o: number[], k: number): number => {
    const j = Number.isInteger(k) && k < 0 ? k + o.length : k;
    if (!Number.isInteger(j) || j < 0 || j >= o.length) {
      if (!Number.isInteger(k)) return (o as unknown as Record<number, number>)[k];
      throw Object.assign(new Error('tuple index out of range'), { name: 'IndexError' });
    }
    return o[j];
  };

  let floatFns: Map<unknown, number[]> | undefined;
  const ops = {
    /**
     * The end of a compound assignment to a name, `x -= y` → `__op.assign(x, __op.isub(x, y), (__v) => x = __v)`:
     * the value is assigned back only when it is not the same object, so
     * `for (const p of model.parameters()) p -= lr * p.grad` (in place on a tensor, as PyTorch's) works on a
     * `const` loop variable (the assignment once threw after the first parameter had been updated).
     */
    assign(old: unknown, v: unknown, set: (v: unknown) => unknown): unknown {
      if (v !== old) set(v);
      return v;
    },
    /**
     * Tags an array literal that was written with float literals (`[1.0, 2.0]`): JS cannot tell
     * `1.0` from `1`, and `torch.tensor` reads the tag to infer float32 as PyTorch does.
     */
    floats<T extends object>(arr: T): T {
      Object.defineProperty(arr, FLOAT_LITERALS, { value: true, enumerable: false });
      return arr;
    },
    /**
     * A scalar argument written as a float literal with an integral value (`torch.full([2], 7.0)`):
     * a Number object tagged like `floats`, so `torch.full` and `torch.tensor` infer float32 as
     * PyTorch does for Python's `7.0`. Other values pass through unchanged.
     */
    floatScalar(v: unknown): unknown {
      if (typeof v !== 'number' || !Number.isInteger(v)) return v;
      const n = new Number(v);
      Object.defineProperty(n, FLOAT_LITERALS, { value: true, enumerable: false });
      return n;
    },
    /**
     * Argument `i` of a call of `fn`, written as an integral float literal (`where(c, 1.0, 0)`):
     * tagged as `floatScalar` only when `fn` is torch's own function (or `Tensor.where`) with a
     * scalar at that place; a cell's own function named `where` gets the plain number.
     */
    floatArg(fn: unknown, i: number, v: unknown): unknown {
      floatFns ??= floatArgPlaces(torch, Tensor);
      return floatFns.get(fn)?.includes(i) ? ops.floatScalar(v) : v;
    },
    add(a: any, b: any): any {
      if (typeof a === 'number' && typeof b === 'number') return a + b;
      [a, b] = floats2(a, b);
      if (typeof a === 'string' || typeof b === 'string') return (isT(a) ? str(a) : a) + (isT(b) ? str(b) : b);
      if (isT(a)) return checkInterrupt(), a.add(b);
      if (isT(b)) return checkInterrupt(), b.add(a);
      return a + b;
    },
    sub(a: any, b: any): any {
      if (typeof a === 'number' && typeof b === 'number') return a - b;
      [a, b] = floats2(a, b);
      if (isT(a)) return checkInterrupt(), a.sub(b);
      // `2 - t` is PyTorch's rsub (which, unlike -t + 2, refuses a bool t with sub's own words)
      if (isT(b)) return checkInterrupt(), typeof torch?.rsub === 'function' ? torch.rsub(b, a) : b.neg().add(a);
      return a - b;
    },
    mul(a: any, b: any): any {
      if (typeof a === 'number' && typeof b === 'number') return a * b;
      [a, b] = floats2(a, b);
      if (isT(a)) return checkInterrupt(), a.mul(b);
      if (isT(b)) return checkInterrupt(), b.mul(a);
      return a * b;
    },
    div(a: any, b: any): any {
      if (typeof a === 'number' && typeof b === 'number') return a / b;
      [a, b] = floats2(a, b);
      if (isT(a)) return checkInterrupt(), a.div(b);
      if (isT(b)) return checkInterrupt(), typeof b.reciprocal === 'function' ? b.reciprocal().mul(a) : scalarLike(a, b).div(b);
      return a / b;
    },
    pow(a: any, b: any): any {
      if (typeof a === 'number' && typeof b === 'number') return a ** b;
      [a, b] = floats2(a, b);
      if (isT(a)) return checkInterrupt(), a.pow(b);
      if (isT(b)) return checkInterrupt(), typeof torch?.pow === 'function' ? torch.pow(a, b) : scalarLike(a, b).pow(b);
      return a ** b;
    },
    /** `%` on tensors is PyTorch's `%` (remainder: the sign of the divisor, like Python). */
    mod(a: any, b: any): any {
      if (typeof a === 'number' && typeof b === 'number') return a % b;
      [a, b] = floats2(a, b);
      if (isT(a)) return checkInterrupt(), typeof a.remainder === 'function' ? a.remainder(b) : (a as any).fmod(b);
      if (isT(b)) return checkInterrupt(), typeof torch?.remainder === 'function' ? torch.remainder(a, b) : scalarLike(a, b).remainder!(b);
      return a % b;
    },
    neg(a: any): any {
      if (typeof a === 'number') return -a;
      if (isT(a)) return checkInterrupt(), a.neg();
      return -a;
    },
    // Comparisons on tensors are PyTorch's elementwise comparisons (a bool tensor); on anything
    // else JavaScript's. A scalar on the left flips the comparison (`0 < t` is `t > 0`).
    lt: (a: any, b: any): any => compare(a, b, 'lt', 'gt', () => a < b),
    gt: (a: any, b: any): any => compare(a, b, 'gt', 'lt', () => a > b),
    le: (a: any, b: any): any => compare(a, b, 'le', 'ge', () => a <= b),
    ge: (a: any, b: any): any => compare(a, b, 'ge', 'le', () => a >= b),
    /** `==` / `!=` with a tensor: elementwise (PyTorch); against null or undefined, and otherwise, JavaScript's (`===` stays identity, like Python's `is`). */
    eq: (a: any, b: any): any => (a != null && b != null ? compare(a, b, 'eq', 'eq', () => a == b) : a == b),
    ne: (a: any, b: any): any => (a != null && b != null ? compare(a, b, 'ne', 'ne', () => a != b) : a != b),
    /** `&`, `|`, `^` on bool tensors (masks): logical and/or/xor, as PyTorch's on bool; numbers stay bitwise. */
    and: (a: any, b: any): any => logical(a, b, 'logical_and', '&', () => a & b),
    or: (a: any, b: any): any => logical(a, b, 'logical_or', '|', () => a | b),
    xor: (a: any, b: any): any => logical(a, b, 'logical_xor', '^', () => a ^ b),
    /** `~mask` on a bool tensor: logical_not (PyTorch's `~`); numbers stay bitwise. */
    invert(a: any): any {
      if (!isT(a)) return ~a;
      checkInterrupt();
      if (String(a.dtype) !== 'torch.bool' && (a.dtype as { is_floating_point?: boolean }).is_floating_point === false && typeof (a as any).bitwise_not === 'function') return (a as any).bitwise_not();
      if (String(a.dtype) !== 'torch.bool') throw new TypeError(`~ (operator.invert) is only implemented on integer and Boolean-type tensors, not ${String(a.dtype)}; on a mask (a bool tensor, e.g. ~(x > 0)) it is logical_not`);
      return (a as any).logical_not();
    },
    /**
     * A value in a test (`if`, loops, `?:`, `!`, `&&`, `||`): a tensor counts as Python's
     * `bool(t)` (its one value; more than one value is ambiguous, as in PyTorch); anything else as is.
     */
    truth(x: any): any {
      if (!isT(x)) return x;
      const n = typeof x.numel === 'function' ? (x.numel as () => number)() : 1;
      if (n !== 1) throw Object.assign(new Error(n === 0 ? 'Boolean value of Tensor with no values is ambiguous' : 'Boolean value of Tensor with more than one value is ambiguous'), { name: 'RuntimeError' });
      return Boolean(ops.readSync(x, 'item'));
    },
    iadd: (a: any, b: any): any => inplace(a, b, 'add_', ops.add),
    isub: (a: any, b: any): any => inplace(a, b, 'sub_', ops.sub),
    imul: (a: any, b: any): any => inplace(a, b, 'mul_', ops.mul),
    idiv: (a: any, b: any): any => inplace(a, b, 'div_', ops.div),
    ipow: (a: any, b: any): any => inplace(a, b, 'pow_', ops.pow),
    imod: (a: any, b: any): any => inplace(a, b, 'remainder_', ops.mod),
    /** `o[k] op= v` with `o` and `k` evaluated once (on a tensor: `t[i] += v` updates the indexed view in place). */
    iset(o: any, k: PropertyKey, name: 'iadd' | 'isub' | 'imul' | 'idiv' | 'ipow' | 'imod', v: unknown): any {
      if (typeof k !== 'string' && typeof k !== 'symbol' && !Array.isArray(o) && isT(o)) return ops.set(o, k, ops[name](ops.get(o, k), v));
      if (Array.isArray(o) && isT(k)) k = listIndex(o, k);
      return (o[k] = ops[name](o[k], v));
    },
    /**
     * `o[k]` in a cell: on a tensor, PyTorch's indexing (`t[0]`, `t[-1]`, `t[i][j]` → `t.index(k)`);
     * anything else (arrays first: the hot path) as JavaScript.
     */
    get(o: any, k: any): any {
      if (Array.isArray(o)) return isT(k) ? o[listIndex(o, k)] : typeof k === 'number' && isSize(o) ? sizeItem(o, k) : o[k];
      if (typeof k === 'string') return ops.key(o, k);
      if (typeof k === 'symbol') return o[k];
      if (typeof o === 'string' && isT(k)) return o[listIndex(o, k)];
      if (!isT(o)) return o !== null && typeof o === 'object' && !(k in o) ? getItem(o, k) : o[k];
      checkInterrupt();
      return o.index(k);
    },
    /**
     * A class the cell declares, callable without `new` as a Python class is (`model = Net()`; it
     * threw "Class constructor Net cannot be invoked without 'new'"). `new Net()`, `instanceof` and
     * `class B extends Net` work as before.
     */
    pyClass: pyClassProxy,
    /**
     * `o['name']` (or `o[name]`, a string) in a cell: a module that defines Python's `__getitem__`
     * (ModuleDict, ParameterDict, a subclass of yours) answers it, so a missing key is its KeyError,
     * not JavaScript's undefined; anything else reads the property.
     */
    key(o: any, k: string): any {
      if (isModuleLike(o) && typeof o.__getitem__ === 'function') return o.__getitem__(k);
      return o[k];
    },
    /** `o[k](…)` in a cell: a module's `__getitem__` for a string key (`this.acts[name](x)`), else `o[k]` bound to `o`, as JavaScript's call. */
    callee(o: any, k: any): any {
      if (typeof k === 'string' && isModuleLike(o) && typeof o.__getitem__ === 'function') return o.__getitem__(k);
      const f = o[k];
      return typeof f === 'function' && !isModuleLike(f) ? f.bind(o) : f;
    },
    /** `o[k] = v` in a cell: on a tensor, `t.index_put_([k], v)` (in place, as PyTorch's `t[k] = v`); returns `v`. */
    set(o: any, k: any, v: any): any {
      if (!Array.isArray(o) && typeof k !== 'string' && typeof k !== 'symbol' && !isT(o) && o !== null && typeof o === 'object' && typeof o.__setitem__ === 'function') {
        o.__setitem__(k, v);
        return v;
      }
      if (Array.isArray(o) && isT(k)) return (o[listIndex(o, k)] = v);
      if (Array.isArray(o) || typeof k === 'string' || typeof k === 'symbol' || !isT(o)) return (o[k] = v);
      checkInterrupt();
      o.index_put_([k], v);
      return v;
    },
    isTensor: isT,
    /**
     * `x.item()`, `x.tolist()`, `x.data()`, `x.numpy()`, `x.cpu()`, `x.to(…)` in an async context;
     * the transpiler awaits the result. A CPU tensor answers synchronously; a WebGPU tensor gives
     * the Promise of its readback; anything else is called as written (a thenable it returns is
     * boxed so the inserted await leaves it alone; `unbox` undoes that).
     */
    read(x: any, method: string, ...args: unknown[]): any {
      if (isT(x as unknown)) {
        // PyTorch's numpy() refuses a tensor that requires grad (the engine's numpy() throws its error)
        if (method === 'numpy' && x.requires_grad) return x.numpy();
        const sync = READ_METHODS[method];
        if (sync && deviceOf(x) === 'cpu') return x[sync]();
        if (method === 'numpy') return x.data();
        return x[method](...args);
      }
      // a module moved off the GPU answers with a Promise of itself (engine/nn/module.ts), which the
      // caller's await resolves; other objects' Promises are boxed so that only reads get awaited
      if ((method === 'to' || method === 'cpu') && isModuleLike(x)) return (x[method] as (...a: unknown[]) => unknown)(...args);
      const r = x[method](...args);
      return isThenable(r) ? new Boxed(r) : r;
    },
    /** `x.item()` etc. where the user wrote `await` themselves: as `read`, without boxing. */
    readAwaited(x: any, method: string, ...args: unknown[]): any {
      return isT(x) || isModuleLike(x) ? ops.read(x, method, ...args) : x[method](...args);
    },
    unbox(v: unknown): unknown {
      return v instanceof Boxed ? v.value : v;
    },
    /** The same reads in a function that is not async: CPU tensors answer; a GPU readback is an error that says what to do. */
    readSync(x: any, method: string, ...args: unknown[]): any {
      if (isT(x as unknown)) {
        if (method === 'numpy' && x.requires_grad) return x.numpy();
        const sync = READ_METHODS[method];
        const cpu = deviceOf(x) === 'cpu';
        if (sync && cpu) return x[sync]();
        if (!cpu && (sync || method === 'numpy' || targetsCpu(method, args))) throw new TypeError(syncReadMessage(method, x.device));
        return x[method](...args);
      }
      if ((method === 'to' || method === 'cpu') && isModuleLike(x) && targetsCpu(method, args)) {
        const away = onDevice(x);
        if (away.length) throw new TypeError(syncReadMessage(method, away[0].device, 'module'));
      }
      return x[method](...args);
    },
  };

  /** A module's parameters, gradients and buffers that are not on the CPU. */
  function onDevice(m: { _apply(fn: (t: TensorLike) => TensorLike): unknown }): TensorLike[] {
    const away: TensorLike[] = [];
    m._apply((t) => {
      if (deviceOf(t) !== 'cpu') away.push(t);
      return t;
    });
    return away;
  }

  /** `model.to('cpu')` of a module on WebGPU: read every tensor back, then move them in place. */
  function inplace(a: any, b: any, method: string, outOfPlace: (a: any, b: any) => any): any {
    if (typeof a === 'number' && typeof b === 'number') return outOfPlace(a, b);
    b = scalarOf(b, a);
    if (isT(a) && typeof a[method] === 'function') {
      checkInterrupt();
      return (a[method] as (o: unknown) => unknown)(b);
    }
    return outOfPlace(a, b);
  }

  return ops;
}
