// F.embedding_bag and nn.EmbeddingBag: sums, means or maxima of bags of embeddings without
// materialising the per-index rows for the user. Composed of public ops: the bags become a padded
// [B, Lmax] grid of positions into the flat input (plus a validity mask), the rows are gathered
// with index_select, and the reduction runs over the bag dim with padding and padding_idx masked
// out. So the gradients (weight, per_sample_weights) come from autograd, under one
// EmbeddingBagBackward0 node as PyTorch's. 2-D input (fixed-length bags) needs no read of the
// indices and runs on every backend; offsets are read on the CPU to lay out the grid.
import { parseArgs } from '../args';
import { fused, withGradMode } from '../autograd';
import { int64 } from '../dtype';
import { AssertionError, NotImplementedError, RuntimeError, ValueError } from '../errors';
import { tensor } from '../ops/creation';
import { Tensor } from '../tensor';
import * as init from './init';
import { emptyParam, placeModule, type FactoryKw } from './factory';
import { Module } from './module';
import { Parameter } from './parameter';
import { py } from './pyrepr';

type Mode = 'sum' | 'mean' | 'max';
export interface EmbeddingBagFnOptions {
  offsets?: Tensor | null;
  max_norm?: number | null;
  norm_type?: number;
  scale_grad_by_freq?: boolean;
  mode?: Mode;
  /** Accepted; the gradient is dense (the same values PyTorch's sparse gradient holds). */
  sparse?: boolean;
  per_sample_weights?: Tensor | null;
  include_last_offset?: boolean;
  padding_idx?: number | null;
}

const readInts = (t: Tensor, what: string): number[] => {
  if (t.device.type !== 'cpu') throw new RuntimeError(`embedding_bag reads ${what} on the CPU: pass ${what} as a CPU tensor (or use 2-D input, which needs no offsets, on ${t.device})`);
  return Array.from(t._cpuContiguous() as ArrayLike<number>, Number);
};

/** In place, as torch.embedding_renorm_: rows that `input` uses with a norm above max_norm are scaled down to it. */
function renorm(weight: Tensor, input: Tensor, maxNorm: number, normType: number): void {
  const rows = [...new Set(readInts(input, 'the indices (for max_norm)'))];
  if (!rows.length) return;
  withGradMode(false, () => {
    const idx = tensor(rows, { dtype: int64, device: weight.device });
    const sel = weight.index_select(0, idx);
    const norms = sel.norm(normType, 1, true);
    const scale = norms.add(1e-7).reciprocal().mul(maxNorm).where(norms.gt(maxNorm), 1);
    weight.index_put_([idx], sel.mul(scale));
  });
}

/**
 * Sums (`mode: 'sum'`), means (default) or maxima of bags of embedding rows: `input` 2-D [B, N]
 * (one bag per row) or 1-D with `offsets` (bag starts). `per_sample_weights` (mode 'sum') scale
 * each row; entries equal to `padding_idx` are left out (an empty bag gives zeros).
 * @example F.embedding_bag(torch.tensor([1, 2, 4, 5, 4, 3]), torch.randn(10, 3), torch.tensor([0, 2]), {mode: 'sum'}).shape // torch.Size([2, 3])
 */
export function embedding_bag(input: Tensor, weight: Tensor, ...args: unknown[]): Tensor {
  const o = parseArgs<Required<EmbeddingBagFnOptions>>('embedding_bag', args,
    ['offsets', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'mode', 'sparse', 'per_sample_weights', 'include_last_offset', 'padding_idx'],
    { offsets: null, max_norm: null, norm_type: 2, scale_grad_by_freq: false, mode: 'mean', sparse: false, per_sample_weights: null, include_last_offset: false, padding_idx: null });
  const psw = o.per_sample_weights;
  if (psw && psw._shape.join(',') !== input._shape.join(','))
    throw new ValueError(`embedding_bag: If per_sample_weights (torch.Size([${psw._shape.join(', ')}])) is not None, then it must have the same shape as the input (torch.Size([${input._shape.join(', ')}]))`);
  if (input.ndim === 2) {
    if (o.offsets) throw new ValueError("if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed length sequences. However, found offsets of type <class 'torch.Tensor'>");
  } else if (input.ndim === 1) {
    if (!o.offsets) throw new ValueError('offsets has to be a 1D Tensor but got None');
    if (o.offsets.ndim !== 1) throw new ValueError('offsets has to be a 1D Tensor');
  } else throw new ValueError(`input has to be 1D or 2D Tensor, but got Tensor of dimension ${input.ndim}`);
  if (!['sum', 'mean', 'max'].includes(o.mode)) throw new ValueError('mode has to be one of sum, mean or max');
  if (o.mode === 'max' && o.scale_grad_by_freq) throw new ValueError('max mode does not support scaling the gradient by the frequency');
  if (o.mode === 'max' && o.sparse) throw new ValueError('max mode does not support sparse weights');
  if (psw && o.mode !== 'sum')
    throw new NotImplementedError(`embedding_bag: per_sample_weights was not None. per_sample_weights is only supported for mode='sum' (got mode='${o.mode}'). Please open a feature request on GitHub.`);
  if (!['torch.int64', 'torch.int32'].includes(String(input.dtype))) throw new RuntimeError(`Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got ${String(input.type())} instead (while checking arguments for embedding_bag)`);
  if (weight.ndim !== 2) throw new RuntimeError(`'weight' must be 2-D`);
  const [E, D] = weight._shape;
  let pidx = o.padding_idx;
  if (pidx != null) {
    if (pidx >= E || pidx < -E) throw new RuntimeError(`padding_idx must be within the number of embeddings, ${-E} through ${E - 1}, but got ${pidx}`);
    if (pidx < 0) pidx += E;
  }
  if (o.max_norm != null) renorm(weight, input, o.max_norm, o.norm_type);

  // the bags as a [B, L] grid: idx (indices, on the input's device) and valid (inside a bag)
  let idx: Tensor, valid: Tensor | null = null, sw: Tensor | null = psw, B: number, L: number;
  if (input.ndim === 2) {
    [B, L] = input._shape;
    idx = input.to(int64);
  } else {
    const offs = readInts(o.offsets!, 'the offsets');
    const n = input._shape[0];
    if (offs.length && offs[0] !== 0)
      throw new RuntimeError(`offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start from position 0. However, got ${offs[0]}`);
    if (offs.length && offs[offs.length - 1] > n) throw new RuntimeError(`offsets[-1] can not be greater than input's length ${n} but got offsets[-1] of ${offs[offs.length - 1]}`);
    const starts = o.include_last_offset ? offs.slice(0, -1) : offs;
    B = starts.length;
    const ends = starts.map((s, b) => (b + 1 < B ? starts[b + 1] : o.include_last_offset ? offs[offs.length - 1] : n));
    L = Math.max(0, ...ends.map((e, b) => e - starts[b]));
    const pos: number[] = [], ok: boolean[] = [];
    for (let b = 0; b < B; b++)
      for (let j = 0; j < L; j++) {
        const p = starts[b] + j;
        pos.push(p < ends[b] ? p : 0);
        ok.push(p < ends[b]);
      }
    if (L === 0 || n === 0) return weight.new_zeros([B, D]).add(weight.sum().mul(0)); // empty bags (kept in the graph)
    const posT = tensor(pos, { dtype: int64, device: input.device });
    idx = input.to(int64).index_select(0, posT).reshape([B, L]);
    valid = tensor(ok, { device: input.device }).reshape([B, L]);
    if (psw) sw = psw.index_select(0, posT).reshape([B, L]);
  }
  if (pidx != null) {
    const keep = idx.ne(pidx);
    valid = valid ? valid.logical_and(keep) : keep;
  }
  // scale_grad_by_freq: each row's gradient divided by a count (values unchanged). PyTorch's CPU
  // kernel (1.13 and 2.x) walks the sorted indices by unique value and divides group i by
  // counts[sorted[i]], the count of the i-th sorted index rather than the group's own; matched here.
  let freqScale: Tensor | null = null;
  if (o.scale_grad_by_freq) {
    const all = readInts(input, 'the indices (for scale_grad_by_freq)');
    const count = new Map<number, number>();
    for (const i of all) count.set(i, (count.get(i) ?? 0) + 1);
    const sorted = [...all].sort((a, b) => a - b);
    const divisor = new Map<number, number>();
    [...new Set(sorted)].forEach((v, i) => divisor.set(v, count.get(sorted[i])!));
    const ids = readInts(idx, 'the indices (for scale_grad_by_freq)');
    freqScale = tensor(ids.map((i) => 1 / (divisor.get(i) ?? 1)), { dtype: weight.dtype, device: weight.device }).reshape([B, L, 1]);
  }
  const mask = valid;
  return fused('EmbeddingBagBackward0', [weight, sw], (wt, s) => {
    let rows = wt!.index_select(0, idx.reshape([-1])).reshape([B, L, D]);
    if (freqScale) rows = rows.mul(freqScale).add(rows.detach().mul(freqScale.neg().add(1)));
    const m = mask ? mask.unsqueeze(-1) : null;
    if (o.mode === 'max') {
      if (!m) return rows.amax(1);
      const best = rows.masked_fill(m.logical_not(), -Infinity).amax(1);
      return best.where(mask!.any(1, true), 0);
    }
    if (s) rows = rows.mul(s.unsqueeze(-1));
    const total = (m ? rows.mul(m.to(rows.dtype)) : rows).sum(1);
    if (o.mode === 'sum') return total;
    const count = mask ? mask.to(rows.dtype).sum(1, true).clamp(1) : L;
    return total.div(count);
  });
}

export interface EmbeddingBagOptions extends FactoryKw {
  max_norm?: number | null;
  norm_type?: number;
  scale_grad_by_freq?: boolean;
  mode?: Mode;
  sparse?: boolean;
  _weight?: Tensor | null;
  include_last_offset?: boolean;
  padding_idx?: number | null;
}

/**
 * Bags of embeddings reduced by `mode` ('mean' by default, 'sum', 'max'): `bag(input, offsets?, per_sample_weights?)`.
 * @example const bag = nn.EmbeddingBag(10, 3, {mode: 'sum'}); bag(torch.tensor([[1, 2], [4, 5]])).shape // torch.Size([2, 3])
 */
export class EmbeddingBag extends Module {
  declare weight: Parameter;
  num_embeddings: number;
  embedding_dim: number;
  max_norm: number | null;
  norm_type: number;
  scale_grad_by_freq: boolean;
  mode: Mode;
  sparse: boolean;
  include_last_offset: boolean;
  padding_idx: number | null;
  constructor(num_embeddings: number, embedding_dim: number, max_norm?: number | null | EmbeddingBagOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ num_embeddings: number; embedding_dim: number } & Required<Omit<EmbeddingBagOptions, keyof FactoryKw>> & FactoryKw>('EmbeddingBag', args,
      ['num_embeddings', 'embedding_dim', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'mode', 'sparse', '_weight', 'include_last_offset', 'padding_idx', 'device', 'dtype'],
      { max_norm: null, norm_type: 2, scale_grad_by_freq: false, mode: 'mean', sparse: false, _weight: null, include_last_offset: false, padding_idx: null });
    let pidx = o.padding_idx;
    if (pidx != null) {
      if (pidx >= o.num_embeddings || pidx < -o.num_embeddings) throw new AssertionError('padding_idx must be within num_embeddings');
      if (pidx < 0) pidx += o.num_embeddings;
    }
    this.num_embeddings = o.num_embeddings;
    this.embedding_dim = o.embedding_dim;
    this.max_norm = o.max_norm;
    this.norm_type = o.norm_type;
    this.scale_grad_by_freq = o.scale_grad_by_freq;
    this.mode = o.mode;
    this.sparse = o.sparse;
    this.include_last_offset = o.include_last_offset;
    this.padding_idx = pidx;
    if (o._weight) {
      if (o._weight._shape.join(',') !== `${o.num_embeddings},${o.embedding_dim}`) throw new RuntimeError('Shape of weight does not match num_embeddings and embedding_dim');
      this.weight = new Parameter(o._weight);
    } else {
      this.weight = emptyParam([o.num_embeddings, o.embedding_dim], o);
      this.reset_parameters();
    }
    placeModule(this, o);
  }
  reset_parameters(): void {
    init.normal_(this.weight);
    if (this.padding_idx != null) withGradMode(false, () => this.weight.select(0, this.padding_idx!).fill_(0));
  }
  /**
   * An EmbeddingBag whose weight is `embeddings` (shared); `freeze` (default true) stops its gradient.
   * @example nn.EmbeddingBag.from_pretrained(torch.randn(10, 4), {mode: 'max'})
   */
  static from_pretrained(embeddings: Tensor, freeze?: boolean | (EmbeddingBagOptions & { freeze?: boolean }), ...rest: unknown[]): EmbeddingBag;
  static from_pretrained(embeddings: Tensor, ...args: unknown[]): EmbeddingBag {
    const o = parseArgs<{ freeze: boolean } & EmbeddingBagOptions>('from_pretrained', args, ['freeze', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'mode', 'sparse', 'include_last_offset', 'padding_idx'], { freeze: true });
    if (embeddings.ndim !== 2) throw new AssertionError('Embeddings parameter is expected to be 2-dimensional');
    const { freeze, ...kw } = o;
    const bag = new EmbeddingBag(embeddings._shape[0], embeddings._shape[1], { ...kw, _weight: embeddings });
    bag.weight.requires_grad_(!freeze);
    return bag;
  }
  forward(input: Tensor, ...args: unknown[]): Tensor {
    const f = parseArgs<{ offsets: Tensor | null; per_sample_weights: Tensor | null }>('forward', args, ['offsets', 'per_sample_weights'], { offsets: null, per_sample_weights: null });
    return embedding_bag(input, this.weight, f.offsets, this.max_norm, this.norm_type, this.scale_grad_by_freq, this.mode, this.sparse, f.per_sample_weights, this.include_last_offset, this.padding_idx);
  }
  extra_repr(): string {
    let s = `${this.num_embeddings}, ${this.embedding_dim}`;
    if (this.max_norm != null) s += `, max_norm=${py(this.max_norm, true)}`;
    if (this.norm_type !== 2) s += `, norm_type=${py(this.norm_type, true)}`;
    if (this.scale_grad_by_freq) s += ', scale_grad_by_freq=True';
    s += `, mode=${this.mode}`;
    if (this.padding_idx != null) s += `, padding_idx=${this.padding_idx}`;
    return s;
  }
}
