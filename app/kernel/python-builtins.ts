// Python's builtins that cost nothing to provide, in every cell's scope (typed for the editor in
// app/editor/monaco.ts): `OrderedDict` (a Map, callable with or without `new`), `len`,
// `enumerate`, `zip`, `iter`/`next` (StopIteration), and `sum`/`min`/`max` where the answer is unambiguous (numbers; `sum` of
// tensors adds them, as Python's `sum` does). Anything else is a TypeError in Python's words.
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

  return { OrderedDict, len, enumerate, zip, iter, next, StopIteration, sum, min: extreme('min', (a, b) => a < b), max: extreme('max', (a, b) => a > b) };
}
