// torch.utils.data: Dataset, TensorDataset, Subset, ConcatDataset, random_split, default_collate and DataLoader
// (the samplers are in samplers.ts).
// A dataset is anything with `length` and `get(index)` (an array works too); DataLoader batches
// it, shuffling with the seeded generator (torch.manual_seed) each epoch.
import { AssertionError, IndexError, NotImplementedError, RuntimeError, ValueError } from '../errors';
import { warn } from '../warnings';
import { parseArgs } from '../args';
import { callableClass } from '../nn/callable';
import { stack } from '../ops/join';
import { index_select } from '../ops/indexing';
import { drawing, ownStream, permutation, type GeneratorLike } from './random-order';
import { BatchSamplerImpl, checkBatchSize, RandomSamplerImpl, SequentialSamplerImpl, WeightedRandomSamplerImpl, type SamplerLike } from './samplers';

export { permutation, type GeneratorLike } from './random-order';
export type { SamplerLike } from './samplers';
import { bool, float64, int64 } from '../dtype';
import { Tensor } from '../tensor';

/** What a dataset item may be: a tensor, a number, a boolean, a string, or arrays and objects of them. */
export type Sample = Tensor | number | boolean | string | Sample[] | { [key: string]: Sample };

/** Map-style datasets: `length` and `get(index)`. */
export interface DatasetLike<S = Sample> {
  readonly length: number;
  get(index: number): S;
  /** Optional fast path: a whole collated batch at once. */
  _getBatch?(indices: number[]): S;
}

/**
 * Base class for datasets: implement `length` and `get(index)`, or PyTorch's `__len__()` and
 * `__getitem__(index)`; iterating yields the samples, and in a cell `ds[i]` is the item.
 */
export abstract class Dataset<S = Sample> implements DatasetLike<S> {
  /** The number of items: a subclass's `length`, else its `__len__()`. */
  get length(): number {
    const len = (this as { __len__?: () => number }).__len__;
    if (typeof len === 'function') return len.call(this);
    throw new TypeError(`object of type '${this.constructor.name}' has no len(): define length (or __len__)`);
  }
  /** `this.length = n` in a subclass's constructor: an own property, as before. */
  set length(n: number) {
    Object.defineProperty(this, 'length', { value: n, writable: true, configurable: true, enumerable: true });
  }
  /** Item `index`: a subclass's `get`, else its `__getitem__(index)`. */
  get(index: number): S {
    const item = (this as { __getitem__?: (i: number) => S }).__getitem__;
    if (typeof item === 'function') return item.call(this, index);
    throw new NotImplementedError(`Subclasses of Dataset should implement get(index) (or __getitem__). ${this.constructor.name} does not`);
  }
  /** PyTorch's `dataset[i]`. */
  at(index: number): S {
    if (!Number.isInteger(index)) throw new TypeError(`${this.constructor.name} indices must be integers, not ${typeof index === 'string' ? 'str' : typeof index}`);
    const i = index < 0 ? index + this.length : index;
    if (i < 0 || i >= this.length) throw new IndexError(`index ${index} is out of range`);
    return this.get(i);
  }
  /** `dataset[i]` as a tensor's `index` is written (what a cell's `ds[0:2]` hint says): the same as `at`. */
  index(index: number | string | Tensor | number[]): S {
    return this.at(index as number);
  }
  *[Symbol.iterator](): Iterator<S> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }
}

function indexTensor(indices: number[]): Tensor {
  return Tensor._fromData(Int32Array.from(indices), [indices.length], int64);
}

/**
 * Rows of tensors with the same first dimension: item i is `[t1[i], t2[i], …]`.
 * @example const ds = new utils.data.TensorDataset(x, y)
 */
class TensorDatasetImpl extends Dataset<Tensor[]> {
  tensors: Tensor[];
  constructor(...tensors: Tensor[]) {
    super();
    if (!tensors.length) throw new RuntimeError('TensorDataset needs at least one tensor');
    const n = tensors[0]._shape[0];
    if (tensors.some((t) => t._shape[0] !== n)) throw new AssertionError('Size mismatch between tensors');
    this.tensors = tensors;
  }
  get length(): number {
    return this.tensors[0]._shape[0];
  }
  get(index: number): Tensor[] {
    return this.tensors.map((t) => t.select(0, index));
  }
  /**
   * PyTorch's `ds[i]`, and as PyTorch's `tuple(t[index] for t in tensors)` any index a tensor takes:
   * `ds.at('0:2')` (`ds[0:2]`), an index tensor. (A slice once reached `select` and read garbage.)
   */
  override at(index: number | string | Tensor | number[]): Tensor[] {
    // the first tensor's own index error: `index 5 is out of bounds for dimension 0 with size 3`
    return this.tensors.map((t) => t.index(index as string));
  }
  _getBatch(indices: number[]): Tensor[] {
    const idx = indexTensor(indices);
    return this.tensors.map((t) => index_select(t, 0, idx.device === t.device ? idx : idx.to(t.device)));
  }
}

/** The items of `dataset` at `indices`. */
class SubsetImpl<S = Sample> extends Dataset<S> {
  constructor(readonly dataset: DatasetLike<S>, readonly indices: number[]) {
    super();
  }
  get length(): number {
    return this.indices.length;
  }
  get(i: number): S {
    return getItem(this.dataset, this.indices[i]);
  }
  _getBatch(indices: number[]): S {
    const mapped = indices.map((i) => this.indices[i]);
    return this.dataset._getBatch ? this.dataset._getBatch(mapped) : (collate(mapped.map((i) => getItem(this.dataset, i) as Sample)) as S);
  }
}

/**
 * Splits a dataset into non-overlapping random subsets of the given lengths, or of fractions summing
 * to 1 (the remainder goes round-robin to the first subsets, as PyTorch). `generator` fixes the split.
 * @example const [train, val] = utils.data.random_split(utils.data.TensorDataset(x, y), [0.75, 0.25], {generator: torch.manual_seed(42)})
 */
export function random_split<S>(dataset: DatasetLike<S>, lengths: number[], opts?: GeneratorLike | { generator?: GeneratorLike | null } | null): SubsetImpl<S>[] {
  const gen = opts && 'initial_seed' in opts ? opts : (opts as { generator?: GeneratorLike | null } | null)?.generator ?? null;
  const n = dataset.length;
  let ls = lengths;
  const total = lengths.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) <= 1e-9 && total <= 1 + 1e-9 && lengths.some((l) => !Number.isInteger(l))) {
    ls = lengths.map((f, i) => {
      if (f < 0 || f > 1) throw new ValueError(`Fraction at index ${i} is not between 0 and 1`);
      return Math.floor(n * f);
    });
    for (let i = 0, rem = n - ls.reduce((a, b) => a + b, 0); rem > 0; i = (i + 1) % ls.length, rem--) ls[i]++;
    ls.forEach((l, i) => {
      if (l === 0) warn(`Length of split at index ${i} is 0. This might result in an empty dataset.`);
    });
  }
  if (ls.reduce((a, b) => a + b, 0) !== n) throw new ValueError('Sum of input lengths does not equal the length of the input dataset!');
  const perm = drawing(gen, ownStream(gen), (rand) => permutation(n, rand));
  let off = 0;
  return ls.map((l) => new SubsetImpl(dataset, perm.slice(off, (off += l))));
}

/** Item i of a dataset, an array, or a tensor (a tensor is a map-style dataset of its rows in PyTorch). */
function getItem<S>(ds: DatasetLike<S> | S[], i: number): S {
  if (ds instanceof Tensor) return ds.select(0, i) as S;
  if (Array.isArray(ds)) return ds[i];
  // a class that only has Python's __getitem__ (not a Dataset subclass) is a dataset too
  if (typeof ds.get !== 'function' && typeof (ds as { __getitem__?: unknown }).__getitem__ === 'function') return (ds as unknown as { __getitem__(i: number): S }).__getitem__(i);
  return ds.get(i);
}

/** Python's `len(dataset)`; what has none is its TypeError (it once iterated as an empty dataset). */
function lenOf(ds: unknown): number {
  if (ds instanceof Tensor) {
    if (ds.ndim === 0) throw new TypeError('len() of a 0-d tensor');
    return ds._shape[0];
  }
  const lenFn = (ds as { __len__?: unknown } | null)?.__len__;
  const n = typeof (ds as { length?: unknown } | null)?.length === 'number' ? (ds as { length: number }).length : typeof lenFn === 'function' ? lenFn.call(ds) : undefined;
  if (typeof n !== 'number') throw new TypeError(`object of type '${ds === null ? 'NoneType' : (ds as object)?.constructor?.name ?? typeof ds}' has no len()`);
  return n;
}

/**
 * Datasets one after another: item i comes from the dataset whose range holds i.
 * @example const both = new utils.data.ConcatDataset([utils.data.TensorDataset(x), utils.data.TensorDataset(y)]); both.length  // 8
 */
class ConcatDatasetImpl<S = Sample> extends Dataset<S> {
  datasets: (DatasetLike<S> | S[])[];
  /** Running totals of the lengths, as PyTorch's `cumulative_sizes`. */
  cumulative_sizes: number[];
  constructor(datasets: Iterable<DatasetLike<S> | S[]>) {
    super();
    this.datasets = [...datasets];
    if (!this.datasets.length) throw new AssertionError('datasets should not be an empty iterable');
    let acc = 0;
    this.cumulative_sizes = this.datasets.map((d) => (acc += d.length));
  }
  get length(): number {
    return this.cumulative_sizes[this.cumulative_sizes.length - 1];
  }
  get(index: number): S {
    let i = index;
    if (i < 0) {
      if (-i > this.length) throw new RuntimeError('absolute value of index should not exceed dataset length');
      i += this.length;
    }
    const d = this.cumulative_sizes.findIndex((c) => i < c);
    if (d < 0) throw Object.assign(new RangeError(`index ${index} is out of range`), { name: 'IndexError' });
    return getItem(this.datasets[d], d === 0 ? i : i - this.cumulative_sizes[d - 1]);
  }
}

function isPlainObject(v: unknown): v is Record<string, Sample> {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Tensor) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

/**
 * PyTorch's default_collate: stacks tensors; numbers become a tensor (int64 when all are integers,
 * else float64) and booleans a bool tensor; strings stay a list; arrays (tuples) and objects (dicts)
 * are collated field by field, recursively.
 * @example (utils.data.default_collate([{x: torch.ones(2), y: 0}, {x: torch.zeros(2), y: 1}]) as { y: Tensor }).y  // tensor([0, 1])
 */
export function default_collate(samples: Sample[]): Sample {
  const first = samples[0];
  if (first instanceof Tensor) return stack(samples as Tensor[], 0);
  if (typeof first === 'number') {
    const allInt = (samples as number[]).every(Number.isInteger);
    return allInt ? Tensor._fromData(Int32Array.from(samples as number[]), [samples.length], int64) : Tensor._fromData(Float64Array.from(samples as number[]), [samples.length], float64);
  }
  if (typeof first === 'boolean') return Tensor._fromData(Uint8Array.from(samples as boolean[], Number), [samples.length], bool);
  if (typeof first === 'string') return [...samples];
  if (Array.isArray(first)) {
    if (samples.some((s) => !Array.isArray(s) || s.length !== first.length)) throw new RuntimeError('each element in list of batch should be of equal size');
    return first.map((_, k) => default_collate(samples.map((s) => (s as Sample[])[k])));
  }
  if (isPlainObject(first)) return Object.fromEntries(Object.keys(first).map((k) => [k, default_collate(samples.map((s) => (s as Record<string, Sample>)[k]))]));
  throw new TypeError(`default_collate: batch must contain tensors, numbers, booleans, strings, dicts or lists; found ${first === null ? 'null' : typeof first}`);
}
/** The collate function DataLoader uses by default (PyTorch's default_collate). */
export const collate = default_collate;

export interface DataLoaderOptions<S> {
  /** Indices to visit (`RandomSampler(ds)`, `SequentialSampler(ds)`, any iterable with a length); excludes `shuffle`. */
  sampler?: SamplerLike | null;
  /** Lists of indices, one per batch (`BatchSampler(...)`); excludes batch_size, shuffle, sampler and drop_last. */
  batch_sampler?: (Iterable<number[]> & { length?: number }) | null;
  batch_size?: number | null;
  shuffle?: boolean;
  drop_last?: boolean;
  collate_fn?: (samples: S[]) => unknown;
  num_workers?: number;
  /** Fixes the shuffling order (its initial_seed() seeds a private stream). */
  generator?: GeneratorLike | null;
  pin_memory?: boolean;
}

/**
 * Iterates over a dataset in batches.
 * @example
 * const loader = new utils.data.DataLoader(utils.data.TensorDataset(x, y), {batch_size: 2, shuffle: true});
 * for (const [xb, yb] of loader) print(xb.shape, yb.shape)
 */
class DataLoaderImpl<S = Sample> {
  dataset: DatasetLike<S> | S[];
  batch_size: number | null;
  shuffle: boolean;
  drop_last: boolean;
  collate_fn: ((samples: S[]) => unknown) | null;
  constructor(dataset: DatasetLike<S> | S[], opts?: DataLoaderOptions<S>);
  constructor(dataset: DatasetLike<S> | S[], ...args: unknown[]) {
    const o = parseArgs<Required<DataLoaderOptions<S>>>('DataLoader', args, ['batch_size', 'shuffle', 'sampler', 'batch_sampler', 'num_workers', 'collate_fn', 'pin_memory', 'drop_last',
      'timeout', 'worker_init_fn', 'multiprocessing_context', 'generator', 'prefetch_factor', 'persistent_workers', 'pin_memory_device'],
      { batch_size: 1, shuffle: false, drop_last: false, generator: null });
    if (o.sampler != null && o.shuffle) throw new ValueError('sampler option is mutually exclusive with shuffle');
    if (o.batch_sampler != null) {
      if (o.batch_size !== 1 || o.shuffle || o.sampler != null || o.drop_last)
        throw new ValueError('batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last');
      o.batch_size = null;
    } else if (o.batch_size === null) {
      if (o.drop_last) throw new ValueError('batch_size=None option disables auto-batching and is mutually exclusive with drop_last');
    } else checkBatchSize(o.batch_size);
    this.batch_sampler = o.batch_sampler ?? null;
    this.sampler = o.sampler ?? null;
    this.dataset = dataset;
    this.batch_size = o.batch_size;
    this.shuffle = o.shuffle;
    this.drop_last = o.drop_last;
    this.collate_fn = o.collate_fn ?? null;
    this._gen = o.generator;
    this._rand = ownStream(o.generator);
  }
  private readonly _gen: GeneratorLike | null;
  _rand: (() => number) | null;
  sampler: SamplerLike | null = null;
  /** Lists of indices, one per batch (PyTorch's `batch_sampler`), instead of sampler and batch_size. */
  batch_sampler: Iterable<number[]> & { length?: number } | null = null;
  /** Number of batches per epoch. */
  get length(): number {
    if (this.batch_sampler) return this.batch_sampler.length ?? [...this.batch_sampler].length;
    const n = this.sampler ? this.sampler.length : lenOf(this.dataset);
    if (this.batch_size === null) return n;
    return this.drop_last ? Math.floor(n / this.batch_size) : Math.ceil(n / this.batch_size);
  }
   
  *[Symbol.iterator](): Iterator<any> {
    const ds = this.dataset;
    if (this.batch_sampler) {
      for (const idx of this.batch_sampler) yield this._batch(ds, idx);
      return;
    }
    const len = lenOf(ds);
    const order = this.sampler ? [...this.sampler] : this.shuffle ? drawing(this._gen, this._rand, (rand) => permutation(len, rand)) : Array.from({ length: len }, (_, i) => i);
    const n = order.length;
    if (this.batch_size === null) {
      for (const i of order) yield getItem(this.dataset, i);
      return;
    }
    const bs = this.batch_size;
    for (let at = 0; at < n; at += bs) {
      const idx = order.slice(at, at + bs);
      if (idx.length < bs && this.drop_last) return;
      yield this._batch(ds, idx);
    }
  }
  /** The collated batch of the items at `idx`. */
  private _batch(ds: DatasetLike<S> | S[], idx: number[]): unknown {
    if (this.collate_fn) return this.collate_fn(idx.map((i) => getItem(ds, i)));
    if (!Array.isArray(ds) && !(ds instanceof Tensor) && ds._getBatch) return ds._getBatch(idx);
    return collate(idx.map((i) => getItem(ds, i) as unknown as Sample));
  }
}

// Python's class names (`type(ds).__name__`, `a.constructor.name`): TensorDataset, not TensorDatasetImpl
for (const cls of [TensorDatasetImpl, SubsetImpl, ConcatDatasetImpl, DataLoaderImpl])
  Object.defineProperty(cls, 'name', { value: cls.name.replace(/Impl$/, '') });

export const TensorDataset = callableClass(TensorDatasetImpl);
export type TensorDataset = TensorDatasetImpl;
export const Subset = callableClass(SubsetImpl);
export type Subset<S = Sample> = SubsetImpl<S>;
export const ConcatDataset = callableClass(ConcatDatasetImpl);
export type ConcatDataset<S = Sample> = ConcatDatasetImpl<S>;
export const SequentialSampler = callableClass(SequentialSamplerImpl);
export type SequentialSampler = SequentialSamplerImpl;
export const RandomSampler = callableClass(RandomSamplerImpl);
export type RandomSampler = RandomSamplerImpl;
export const WeightedRandomSampler = callableClass(WeightedRandomSamplerImpl);
export type WeightedRandomSampler = WeightedRandomSamplerImpl;
export const BatchSampler = callableClass(BatchSamplerImpl);
export type BatchSampler = BatchSamplerImpl;
export const DataLoader = callableClass(DataLoaderImpl);
export type DataLoader<S = Sample> = DataLoaderImpl<S>;
