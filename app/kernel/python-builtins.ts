// Python's builtins that cost nothing to provide, in every cell's scope (typed for the editor in
// app/editor/monaco.ts): `OrderedDict` (a Map, callable with or without `new`), `len`,
// `enumerate`, `zip`, `iter`/`next` (StopIteration), `sum`/`min`/`max` where the answer is unambiguous (numbers; `sum` of
// tensors adds them, as Python's `sum` does), and the conversions `int`/`float`/`bool` (of numbers, strings and
// one-element tensors, as `int(x.item())`, `float(loss)`), and `copy.deepcopy` (the transfer-learning lesson's
// `best_model_wts = copy.deepcopy(model.state_dict())`). Anything else is a TypeError in Python's words.
import type { Engine } from './engine-types';

type TensorShaped = { shape: ArrayLike<number> };

function typeName(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x !== 'object' && typeof x !== 'function') return typeof x;
  return (x as object).constructor?.name ?? 'object';
}

/** Python's `collections.OrderedDict`: a `Map` that keeps insertion order, with or without `new`. */
class OrderedDictMap<K = unknown, V = unknown> extends Map<K, V> {
  constructor(items?: Iterable<readonly [K, V]> | Record<string, V> | null) {
    if (items && typeof items === 'object' && !(Symbol.iterator in items)) super(Object.entries(items) as unknown as [K, V][]);
    else super(items as Iterable<readonly [K, V]> | null | undefined);
  }
  get [Symbol.toStringTag](): string {
    return 'OrderedDict';
  }
}
Object.defineProperty(OrderedDictMap, 'name', { value: 'OrderedDict' });

export const OrderedDict = new Proxy(OrderedDictMap, {
  apply: (_target, _this, args: [Iterable<readonly [unknown, unknown]>?]) => new OrderedDictMap(...args),
}) as typeof OrderedDictMap & (<K, V>(items?: Iterable<readonly [K, V]> | Record<string, V>) => OrderedDictMap<K, V>);

/** Python's StopIteration: `next()` of an exhausted iterator without a default. */
export class StopIteration extends Error {
  override name = 'StopIteration';
  constructor() {
    super('');
  }
}

export function pythonBuiltins(e: Engine) {
  const Tensor = e.torch.Tensor as unknown as (abstract new (...a: never[]) => unknown) | undefined;
  const isTensor = (x: unknown): x is TensorShaped =>
    typeof Tensor === 'function' ? x instanceof Tensor : typeof x === 'object' && x !== null && 'shape' in x && 'dtype' in x;

  /** Python's `len`: arrays, strings, Maps, Sets, tensors (first dimension), modules, datasets, loaders, ranges. */
  function len(x: unknown): number {
    if (typeof x === 'string') return x.length;
    if (isTensor(x)) {
      if (x.shape.length === 0) throw new TypeError('len() of a 0-d tensor');
      return x.shape[0];
    }
    if (x instanceof Map || x instanceof Set) return x.size;
    if ((typeof x === 'object' || typeof x === 'function') && x !== null) {
      const n = (x as { length?: unknown }).length;
      // a function's length is its arity, not a size: only modules (callable) answer here
      if (typeof n === 'number' && (typeof x !== 'function' || '_modules' in x)) return n;
      const dunder = (x as { __len__?: unknown }).__len__;
      if (typeof dunder === 'function') return (dunder as () => number).call(x);
    }
    throw new TypeError(`object of type '${typeName(x)}' has no len()`);
  }

  /** Python's `enumerate`: `for (const [i, x] of enumerate(xs))`. */
  function* enumerate<T>(items: Iterable<T>, start = 0): Generator<[number, T]> {
    let i = start;
    for (const x of items) yield [i++, x];
  }

  /** Python's `zip`: tuples of the i-th items, as long as the shortest input. */
  function* zip(...items: Iterable<unknown>[]): Generator<unknown[]> {
    const its = items.map((x) => x[Symbol.iterator]());
    if (its.length === 0) return;
    for (;;) {
      const row: unknown[] = [];
      for (const it of its) {
        const r = it.next();
        if (r.done) return;
        row.push(r.value);
      }
      yield row;
    }
  }

  /** Python's `sum(iterable, start=0)`: numbers, or tensors added with `add` (a tensor argument: use `t.sum()`). */
  function sum(items: Iterable<unknown>, start: unknown = 0): unknown {
    if (isTensor(items)) throw new TypeError('sum() of a tensor: write t.sum() (or torch.sum(t, dim)) in Torchlit');
    let acc = start;
    for (const x of items) {
      if (typeof acc === 'number' && typeof x === 'number') acc += x;
      else if (isTensor(acc)) acc = (acc as unknown as { add(o: unknown): unknown }).add(x);
      else if (isTensor(x)) acc = (x as unknown as { add(o: unknown): unknown }).add(acc);
      else throw new TypeError(`unsupported operand type(s) for +: '${typeName(acc)}' and '${typeName(x)}'`);
    }
    return acc;
  }

  /** Python's `iter`: an iterator over anything iterable (`next(iter(loader))` takes one batch). */
  function iter<T>(items: Iterable<T>): Iterator<T> {
    if (items === null || items === undefined || typeof (items as Partial<Iterable<T>>)[Symbol.iterator] !== 'function')
      throw new TypeError(`'${typeName(items)}' object is not iterable`);
    return items[Symbol.iterator]();
  }

  /** Python's `next(iterator[, default])`: the next item, `default` when it is exhausted, else StopIteration. */
  function next<T, D = never>(it: Iterator<T>, ...fallback: [D?]): T | D {
    if (it === null || typeof it !== 'object' || typeof (it as Partial<Iterator<T>>).next !== 'function')
      throw new TypeError(`'${typeName(it)}' object is not an iterator${it !== null && typeof it === 'object' && Symbol.iterator in it ? ': write next(iter(x))' : ''}`);
    const r = it.next();
    if (!r.done) return r.value;
    if (fallback.length) return fallback[0] as D;
    throw new StopIteration();
  }

  const extreme = (name: 'min' | 'max', better: (a: number, b: number) => boolean) =>
    function (...args: unknown[]): number {
      const items = args.length === 1 ? args[0] : args;
      if (isTensor(items)) throw new TypeError(`${name}() of a tensor: write t.${name}() (or torch.${name}(t, dim)) in Torchlit`);
      if (items === null || typeof items !== 'object' || !(Symbol.iterator in items)) throw new TypeError(`'${typeName(items)}' object is not iterable`);
      let best: number | undefined;
      for (const x of items as Iterable<unknown>) {
        if (typeof x !== 'number') throw new TypeError(`${name}() in Torchlit compares numbers only (got '${typeName(x)}'); for tensors use torch.${name}`);
        if (best === undefined || better(x, best)) best = x;
      }
      if (best === undefined) throw new RangeError(`${name}() arg is an empty sequence`);
      return best;
    };

  return { OrderedDict, len, enumerate, zip, iter, next, StopIteration, sum, min: extreme('min', (a, b) => a < b), max: extreme('max', (a, b) => a > b), ...conversions(isTensor), copy: { deepcopy: deepcopyWith(e, isTensor) } };
}

type Scalarish = { numel(): number; device: { type: string }; cpu_item(): number | boolean };
const valueError = (m: string) => Object.assign(new Error(m), { name: 'ValueError' });
const pyRepr = (v: string) => (v.includes("'") && !v.includes('"') ? `"${v}"` : `'${v.replace(/'/g, "\\'")}'`);

/** Python's int/float/bool: numbers, booleans, strings, and one-element tensors (read at once on the CPU). */
function conversions(isTensor: (x: unknown) => boolean) {
  /** A one-element tensor's value, as PyTorch's `__int__`/`__float__`: more elements is a ValueError. */
  function scalarOf(t: Scalarish, fn: string): number | boolean {
    if (t.numel() !== 1) throw valueError('only one element tensors can be converted to Python scalars');
    if (t.device.type !== 'cpu')
      throw new TypeError(`${fn}() of a ${t.device.type} tensor is a GPU readback, which is asynchronous in the browser: write ${fn}(t.item()) (the cell waits for item())`);
    return t.cpu_item();
  }
  const truncate = (v: number): number => {
    if (Number.isNaN(v)) throw valueError('cannot convert float NaN to integer');
    if (!Number.isFinite(v)) throw Object.assign(new Error('cannot convert float infinity to integer'), { name: 'OverflowError' });
    return Math.trunc(v) + 0; // + 0: no -0
  };
  /** Python's int(x[, base]): truncates numbers toward zero, parses integer strings. */
  function int(x: unknown = 0, base?: number): number {
    if (typeof x === 'string') {
      const b = base ?? 10;
      const m = /^([+-]?)(0[xob])?([0-9a-z]+)$/i.exec(x.trim().replace(/(?<=[0-9a-z])_(?=[0-9a-z])/gi, ''));
      const prefixOk = !m?.[2] || ({ 16: '0x', 8: '0o', 2: '0b' } as Record<number, string>)[b] === m[2].toLowerCase();
      if (!m || !prefixOk || [...m[3].toLowerCase()].some((c) => parseInt(c, 36) >= b))
        throw valueError(`invalid literal for int() with base ${b}: ${pyRepr(x)}`);
      return (m[1] === '-' ? -1 : 1) * parseInt(m[3], b) + 0;
    }
    if (base !== undefined) throw new TypeError("int() can't convert non-string with explicit base");
    if (typeof x === 'number') return truncate(x);
    if (typeof x === 'boolean') return x ? 1 : 0;
    if (typeof x === 'bigint') return Number(x);
    if (isTensor(x)) return truncate(Number(scalarOf(x as Scalarish, 'int')));
    throw new TypeError(`int() argument must be a string, a bytes-like object or a real number, not '${typeName(x)}'`);
  }
  /** Python's float(x): numbers and booleans as they are, numeric strings (also 'inf', 'nan'), one-element tensors. */
  function float(x: unknown = 0): number {
    if (typeof x === 'string') {
      const t = x.trim().replace(/(?<=\d)_(?=\d)/g, '').toLowerCase();
      const special: Record<string, number> = { inf: Infinity, '+inf': Infinity, '-inf': -Infinity, infinity: Infinity, '+infinity': Infinity, '-infinity': -Infinity, nan: NaN, '+nan': NaN, '-nan': NaN };
      if (t in special) return special[t];
      if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) throw valueError(`could not convert string to float: ${pyRepr(x)}`);
      return Number(t);
    }
    if (typeof x === 'number') return x;
    if (typeof x === 'boolean') return x ? 1 : 0;
    if (typeof x === 'bigint') return Number(x);
    if (isTensor(x)) return Number(scalarOf(x as Scalarish, 'float'));
    throw new TypeError(`float() argument must be a string or a real number, not '${typeName(x)}'`);
  }
  /** Python's bool(x): a one-element tensor's truth (more is ambiguous, as PyTorch says); empty containers are false. */
  function bool(x: unknown = false): boolean {
    if (isTensor(x)) {
      const t = x as Scalarish;
      const n = t.numel();
      if (n !== 1) throw Object.assign(new Error(n === 0 ? 'Boolean value of Tensor with no values is ambiguous' : 'Boolean value of Tensor with more than one value is ambiguous'), { name: 'RuntimeError' });
      return Boolean(scalarOf(t, 'bool'));
    }
    if (Array.isArray(x) || typeof x === 'string') return x.length > 0;
    if (x instanceof Map || x instanceof Set) return x.size > 0;
    return Boolean(x);
  }
  return { int, float, bool };
}

type TensorCopyable = {
  grad_fn: unknown; requires_grad: boolean; _isParam?: boolean; grad: unknown;
  detach(): { clone(): TensorCopyable & { requires_grad_(r: boolean): unknown; grad: unknown } };
};

/**
 * Python's `copy.deepcopy`: tensors (graph leaves only, as PyTorch: a Parameter stays one, requires_grad and
 * .grad are copied), arrays, Maps (OrderedDict), plain objects and class instances, recursively, with shared
 * references kept shared. A module is NotImplementedError: copy its state_dict.
 */
function deepcopyWith(e: Engine, isTensor: (x: unknown) => boolean) {
  const Parameter = (e.nn as unknown as { Parameter: new (t: unknown, requires_grad?: boolean) => unknown }).Parameter;
  function copyTensor(t: TensorCopyable, memo: Map<unknown, unknown>): unknown {
    if (t.grad_fn) throw Object.assign(new Error('Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the moment'), { name: 'RuntimeError' });
    let c: unknown = t.detach().clone();
    if (t._isParam) c = new Parameter(c, t.requires_grad);
    else if (t.requires_grad) (c as { requires_grad_(r: boolean): unknown }).requires_grad_(true);
    memo.set(t, c);
    if (t.grad) (c as { grad: unknown }).grad = copy(t.grad, memo);
    return c;
  }
  function copy(x: unknown, memo: Map<unknown, unknown>): unknown {
    if (x === null || (typeof x !== 'object' && typeof x !== 'function')) return x;
    // a module is callable (a function): never hand back the live model as its own "copy"
    if ('_modules' in x && typeof (x as { _apply?: unknown })._apply === 'function')
      throw Object.assign(new Error('copy.deepcopy of a module is not implemented in Torchlit: copy its weights with copy.deepcopy(model.state_dict()) and load them with model.load_state_dict(...)'), { name: 'NotImplementedError' });
    if (typeof x === 'function') return x; // as Python's: the same function
    if (memo.has(x)) return memo.get(x);
    if (isTensor(x)) return copyTensor(x as TensorCopyable, memo);
    if (Array.isArray(x)) {
      const out: unknown[] = [];
      memo.set(x, out);
      for (const v of x) out.push(copy(v, memo));
      return out;
    }
    if (x instanceof Map) {
      const out = new (x.constructor as MapConstructor)();
      memo.set(x, out);
      for (const [k, v] of x) out.set(copy(k, memo), copy(v, memo));
      return out;
    }
    if (x instanceof Set) {
      const out = new Set();
      memo.set(x, out);
      for (const v of x) out.add(copy(v, memo));
      return out;
    }
    const out = Object.create(Object.getPrototypeOf(x)) as Record<string, unknown>;
    memo.set(x, out);
    for (const k of Object.keys(x)) out[k] = copy((x as Record<string, unknown>)[k], memo);
    return out;
  }
  /** Python's `copy.deepcopy(x)`. */
  return (x: unknown) => copy(x, new Map());
}
