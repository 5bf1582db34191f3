// torch.utils.data's samplers: the indices a DataLoader visits (SequentialSampler, RandomSampler,
// WeightedRandomSampler) and BatchSampler, which groups them into batches; PyTorch's checks and words.
import { parseArgs } from '../args';
import { RuntimeError, ValueError } from '../errors';
import { Tensor } from '../tensor';
import { drawing, ownStream, permutation, type GeneratorLike } from './random-order';

/** What DataLoader's `sampler` may be: indices to visit, with a length (PyTorch's Sampler). */
export interface SamplerLike {
  [Symbol.iterator](): Iterator<number>;
  readonly length: number;
}

/** The indices 0 … n−1 in order. @example [...utils.data.SequentialSampler(utils.data.TensorDataset(torch.arange(3)))].length  // 3 */
export class SequentialSamplerImpl implements SamplerLike {
  constructor(readonly data_source: { length: number }) {}
  get length(): number {
    return this.data_source.length;
  }
  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0; i < this.data_source.length; i++) yield i;
  }
}

/**
 * The indices in a random order (a new one per epoch), or `num_samples` draws with `replacement`, as PyTorch's.
 * @example const train_data = utils.data.TensorDataset(torch.arange(6)); utils.data.DataLoader(train_data, {sampler: utils.data.RandomSampler(train_data), batch_size: 2}).length  // 3
 */
export class RandomSamplerImpl implements SamplerLike {
  replacement: boolean;
  private readonly _num: number | null;
  private readonly _rand: (() => number) | null;
  constructor(data_source: { length: number }, opts?: { replacement?: boolean; num_samples?: number | null; generator?: GeneratorLike | null });
  constructor(readonly data_source: { length: number }, ...args: unknown[]) {
    const o = parseArgs<{ replacement: boolean; num_samples: number | null; generator: GeneratorLike | null }>('RandomSampler', args, ['replacement', 'num_samples', 'generator'],
      { replacement: false, num_samples: null, generator: null });
    if (typeof o.replacement !== 'boolean') throw new TypeError(`replacement should be a boolean value, but got replacement=${String(o.replacement)}`);
    if (o.num_samples !== null && !(Number.isInteger(o.num_samples) && o.num_samples > 0))
      throw new ValueError(`num_samples should be a positive integer value, but got num_samples=${String(o.num_samples)}`);
    this.replacement = o.replacement;
    this._num = o.num_samples;
    this._gen = o.generator;
    this._rand = ownStream(o.generator);
  }
  private readonly _gen: GeneratorLike | null;
  get num_samples(): number {
    return this._num ?? this.data_source.length;
  }
  get length(): number {
    return this.num_samples;
  }
  *[Symbol.iterator](): Iterator<number> {
    const n = this.data_source.length, num = this.num_samples;
    if (this.replacement) {
      yield* drawing(this._gen, this._rand, (rand) => Array.from({ length: num }, () => Math.floor(rand() * n)));
      return;
    }
    for (let done = 0; done < num; done += n) yield* drawing(this._gen, this._rand, (rand) => permutation(n, rand)).slice(0, num - done);
  }
}

/** Python's repr of a hyperparameter in the samplers' messages (True, None, 2.5). */
function pyRepr(v: unknown): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null || v === undefined) return 'None';
  return typeof v === 'string' ? `'${v}'` : String(v);
}

/** PyTorch's check of a positive integer batch size (BatchSampler's, which DataLoader builds). */
export function checkBatchSize(batch_size: unknown): void {
  if (typeof batch_size !== 'number' || !Number.isInteger(batch_size) || batch_size <= 0)
    throw new ValueError(`batch_size should be a positive integer value, but got batch_size=${pyRepr(batch_size)}`);
}

/**
 * `num_samples` indices drawn with probabilities proportional to `weights` (with replacement by
 * default), as PyTorch's `torch.multinomial(weights, num_samples, replacement)`.
 * @example [...utils.data.WeightedRandomSampler([0, 0, 1], 3)]  // [ 2, 2, 2 ]
 */
export class WeightedRandomSamplerImpl implements SamplerLike {
  weights: number[];
  num_samples: number;
  replacement: boolean;
  private readonly _gen: GeneratorLike | null;
  private readonly _rand: (() => number) | null;
  constructor(weights: number[] | Tensor, num_samples: number, opts?: { replacement?: boolean; generator?: GeneratorLike | null });
  constructor(weights: number[] | Tensor, ...args: unknown[]) {
    const o = parseArgs<{ num_samples: number; replacement: boolean; generator: GeneratorLike | null }>('WeightedRandomSampler', args, ['num_samples', 'replacement', 'generator'],
      { replacement: true, generator: null });
    if (typeof o.num_samples !== 'number' || !Number.isInteger(o.num_samples) || o.num_samples <= 0)
      throw new ValueError(`num_samples should be a positive integer value, but got num_samples=${pyRepr(o.num_samples)}`);
    if (typeof o.replacement !== 'boolean') throw new ValueError(`replacement should be a boolean value, but got replacement=${pyRepr(o.replacement)}`);
    const w = weights instanceof Tensor ? weights : null;
    if (w && w.ndim !== 1) throw new ValueError(`weights should be a 1d sequence but given weights have shape (${w._shape.join(', ')}${w.ndim === 1 ? ',' : ''})`);
    this.weights = w ? (w.double().cpu_tolist() as number[]) : [...weights as number[]].map(Number);
    this.num_samples = o.num_samples;
    this.replacement = o.replacement;
    this._gen = o.generator;
    this._rand = ownStream(o.generator);
  }
  get length(): number {
    return this.num_samples;
  }
  *[Symbol.iterator](): Iterator<number> {
    const w = [...this.weights];
    if (w.some((x) => x < 0)) throw new RuntimeError('invalid multinomial distribution (encountering probability entry < 0)');
    if (w.some((x) => !Number.isFinite(x))) throw new RuntimeError('probability tensor contains either `inf`, `nan` or element < 0');
    if (!w.some((x) => x > 0)) throw new RuntimeError('invalid multinomial distribution (sum of probabilities <= 0)');
    if (!this.replacement && this.num_samples > w.length) throw new RuntimeError('cannot sample n_sample > prob_dist.size(-1) samples without replacement');
    yield* drawing(this._gen, this._rand, (rand) => {
      const out: number[] = [];
      const left = new Set(w.map((_, i) => i));
      for (let k = 0; k < this.num_samples; k++) {
        const total = w.reduce((a, b) => a + b, 0);
        if (total === 0) {
          // without replacement, past the positive weights: PyTorch's top-k of p/q then takes the
          // zero-weight categories, in no particular order
          const rest = [...left];
          const i = rest[Math.min(rest.length - 1, Math.floor(rand() * rest.length))];
          out.push(i);
          left.delete(i);
          continue;
        }
        let u = rand() * total, i = 0;
        while (i < w.length - 1 && (u >= w[i] || w[i] === 0)) u -= w[i++];
        while (w[i] === 0) i--; // rounding past the end: the last positive weight
        out.push(i);
        if (!this.replacement) {
          w[i] = 0;
          left.delete(i);
        }
      }
      return out;
    });
  }
}

/**
 * Groups another sampler's indices into lists of `batch_size` (the last one shorter unless `drop_last`).
 * @example [...utils.data.BatchSampler([0, 1, 2, 3, 4, 5], 4, false)].length  // 2
 */
export class BatchSamplerImpl {
  sampler: Iterable<number> & { length?: number };
  batch_size: number;
  drop_last: boolean;
  constructor(sampler: Iterable<number>, batch_size: number, drop_last: boolean);
  constructor(sampler: Iterable<number>, opts: { batch_size: number; drop_last: boolean });
  constructor(sampler: Iterable<number>, ...args: unknown[]) {
    const o = parseArgs<{ batch_size: number; drop_last: boolean }>('BatchSampler', args, ['batch_size', 'drop_last'], {});
    checkBatchSize(o.batch_size);
    if (typeof o.drop_last !== 'boolean') throw new ValueError(`drop_last should be a boolean value, but got drop_last=${pyRepr(o.drop_last)}`);
    this.sampler = sampler;
    this.batch_size = o.batch_size;
    this.drop_last = o.drop_last;
  }
  get length(): number {
    const n = this.sampler.length ?? [...this.sampler].length;
    return this.drop_last ? Math.floor(n / this.batch_size) : Math.ceil(n / this.batch_size);
  }
  *[Symbol.iterator](): Iterator<number[]> {
    let batch: number[] = [];
    for (const i of this.sampler) {
      batch.push(i);
      if (batch.length === this.batch_size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length && !this.drop_last) yield batch;
  }
}

for (const cls of [SequentialSamplerImpl, RandomSamplerImpl, WeightedRandomSamplerImpl, BatchSamplerImpl])
  Object.defineProperty(cls, 'name', { value: cls.name.replace(/Impl$/, '') });
