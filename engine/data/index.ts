// torch.utils.data: Dataset, TensorDataset, Subset, random_split and DataLoader.
// A dataset is anything with `length` and `get(index)` (an array works too); DataLoader batches
// it, shuffling with the seeded generator (torch.manual_seed) each epoch.
import { IndexError, RuntimeError } from '../errors';
import { parseArgs } from '../args';
import { callableClass } from '../nn/callable';
import { op } from '../nn/ops';
import { nextUniform } from '../random';
import { int64, float64 } from '../dtype';
import { Tensor } from '../tensor';

/** What a dataset item may be: a tensor, a number, or a tuple/array of them. */
export type Sample = Tensor | number | Sample[];

/** Map-style datasets: `length` and `get(index)`. */
export interface DatasetLike<S = Sample> {
  readonly length: number;
  get(index: number): S;
  /** Optional fast path: a whole collated batch at once. */
  _getBatch?(indices: number[]): S;
}

/** Base class for datasets: implement `length` and `get(index)`; iterating yields the samples. */
export abstract class Dataset<S = Sample> implements DatasetLike<S> {
  abstract readonly length: number;
  abstract get(index: number): S;
  /** PyTorch's `dataset[i]`. */
  at(index: number): S {
    const i = index < 0 ? index + this.length : index;
    if (i < 0 || i >= this.length) throw new IndexError(`index ${index} is out of range`);
    return this.get(i);
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
    if (tensors.some((t) => t._shape[0] !== n)) throw new RuntimeError('Size mismatch between tensors');
    this.tensors = tensors;
  }
  get length(): number {
    return this.tensors[0]._shape[0];
  }
  get(index: number): Tensor[] {
    return this.tensors.map((t) => t.select(0, index));
  }
  _getBatch(indices: number[]): Tensor[] {
    const idx = indexTensor(indices);
    return this.tensors.map((t) => op('index_select')(t, 0, idx.device === t.device ? idx : idx.to(t.device)));
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

/** A random permutation of 0..n-1 from the seeded generator. */
export function permutation(n: number): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(nextUniform() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx;
}

/** Splits a dataset into non-overlapping random subsets of the given lengths (or fractions summing to 1). */
export function random_split<S>(dataset: DatasetLike<S>, lengths: number[]): SubsetImpl<S>[] {
  const n = dataset.length;
  let ls = lengths;
  if (lengths.every((l) => l > 0 && l < 1) && Math.abs(lengths.reduce((a, b) => a + b, 0) - 1) < 1e-9) {
    ls = lengths.map((f) => Math.floor(n * f));
    for (let i = 0, rem = n - ls.reduce((a, b) => a + b, 0); rem > 0; i = (i + 1) % ls.length, rem--) ls[i]++;
  }
  if (ls.reduce((a, b) => a + b, 0) !== n) throw new RuntimeError('Sum of input lengths does not equal the length of the input dataset!');
  const perm = permutation(n);
  let off = 0;
  return ls.map((l) => new SubsetImpl(dataset, perm.slice(off, (off += l))));
}

function getItem<S>(ds: DatasetLike<S> | S[], i: number): S {
  return Array.isArray(ds) ? ds[i] : ds.get(i);
}

/** PyTorch's default_collate: stacks tensors, turns numbers into a tensor, recurses into tuples. */
export function collate(samples: Sample[]): Sample {
  const first = samples[0];
  if (first instanceof Tensor) return op('stack')(samples as Tensor[], 0);
  if (typeof first === 'number') {
    const allInt = (samples as number[]).every(Number.isInteger);
    return allInt ? Tensor._fromData(Int32Array.from(samples as number[]), [samples.length], int64) : Tensor._fromData(Float64Array.from(samples as number[]), [samples.length], float64);
  }
  if (Array.isArray(first)) return first.map((_, k) => collate(samples.map((s) => (s as Sample[])[k])));
  throw new TypeError(`default_collate: batch must contain tensors, numbers or arrays; found ${typeof first}`);
}

export interface DataLoaderOptions<S> {
  batch_size?: number | null;
  shuffle?: boolean;
  drop_last?: boolean;
  collate_fn?: (samples: S[]) => unknown;
  num_workers?: number;
}

/**
 * Iterates over a dataset in batches.
 * @example
 * const loader = new utils.data.DataLoader(train, {batch_size: 64, shuffle: true});
 * for (const [imgs, labels] of loader) { ... }
 */
class DataLoaderImpl<S = Sample> {
  dataset: DatasetLike<S> | S[];
  batch_size: number | null;
  shuffle: boolean;
  drop_last: boolean;
  collate_fn: ((samples: S[]) => unknown) | null;
  constructor(dataset: DatasetLike<S> | S[], opts?: DataLoaderOptions<S>);
  constructor(dataset: DatasetLike<S> | S[], ...args: unknown[]) {
    const o = parseArgs<Required<DataLoaderOptions<S>>>('DataLoader', args, ['batch_size', 'shuffle', 'sampler', 'batch_sampler', 'num_workers', 'collate_fn', 'pin_memory', 'drop_last'] as (keyof DataLoaderOptions<S>)[] as string[],
      { batch_size: 1, shuffle: false, drop_last: false });
    if ((o as unknown as Record<string, unknown>).sampler != null || (o as unknown as Record<string, unknown>).batch_sampler != null)
      throw new RuntimeError('DataLoader: sampler and batch_sampler are not supported in Torchlit; use shuffle');
    this.dataset = dataset;
    this.batch_size = o.batch_size;
    this.shuffle = o.shuffle;
    this.drop_last = o.drop_last;
    this.collate_fn = o.collate_fn ?? null;
  }
  /** Number of batches per epoch. */
  get length(): number {
    const n = this.dataset.length;
    if (this.batch_size === null) return n;
    return this.drop_last ? Math.floor(n / this.batch_size) : Math.ceil(n / this.batch_size);
  }
   
  *[Symbol.iterator](): Iterator<any> {
    const n = this.dataset.length;
    const order = this.shuffle ? permutation(n) : Array.from({ length: n }, (_, i) => i);
    if (this.batch_size === null) {
      for (const i of order) yield getItem(this.dataset, i);
      return;
    }
    const bs = this.batch_size;
    for (let at = 0; at < n; at += bs) {
      const idx = order.slice(at, at + bs);
      if (idx.length < bs && this.drop_last) return;
      const ds = this.dataset;
      if (this.collate_fn) yield this.collate_fn(idx.map((i) => getItem(ds, i)));
      else if (!Array.isArray(ds) && ds._getBatch) yield ds._getBatch(idx);
      else yield collate(idx.map((i) => getItem(ds, i) as unknown as Sample));
    }
  }
}

export const TensorDataset = callableClass(TensorDatasetImpl);
export type TensorDataset = TensorDatasetImpl;
export const Subset = callableClass(SubsetImpl);
export type Subset<S = Sample> = SubsetImpl<S>;
export const DataLoader = callableClass(DataLoaderImpl);
export type DataLoader<S = Sample> = DataLoaderImpl<S>;
