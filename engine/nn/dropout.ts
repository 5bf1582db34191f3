// Dropout (and its channel forms), Flatten, Unflatten, Embedding: small layers.
import { AssertionError, RuntimeError, ValueError } from '../errors';
import { parseArgs } from '../args';
import { Tensor } from '../tensor';
import * as F from './functional';
import * as init from './init';
import { emptyParam, placeModule, type FactoryKw } from './linear';
import { Module } from './module';
import { Parameter } from './parameter';
import { py } from './pyrepr';

/** Zeroes elements with probability p in training (seeded by torch.manual_seed); identity in eval. */
export class Dropout extends Module {
  p: number;
  inplace: boolean;
  constructor(p?: number | { p?: number; inplace?: boolean }, inplace?: boolean);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ p: number; inplace: boolean }>('Dropout', args, ['p', 'inplace'], { p: 0.5, inplace: false });
    if (o.p < 0 || o.p > 1) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${o.p}`);
    this.p = o.p;
    this.inplace = o.inplace;
  }
  forward(input: Tensor): Tensor {
    return F.dropout(input, this.p, this.training, this.inplace);
  }
  extra_repr(): string {
    return `p=${py(this.p, true)}, inplace=${py(this.inplace)}`;
  }
}

/**
 * Zeroes whole channels (dim 1 of [N, C, H, W]) with probability p in training; identity in eval.
 * @example nn.Dropout2d(0.2)
 */
export class Dropout2d extends Dropout {
  forward(input: Tensor): Tensor {
    return F.dropout2d(input, this.p, this.training, this.inplace);
  }
}
/** Zeroes whole channels of [N, C, L] (or [C, L]) inputs with probability p in training. */
export class Dropout1d extends Dropout {
  forward(input: Tensor): Tensor {
    return F.dropout1d(input, this.p, this.training, this.inplace);
  }
}

/** Flattens dims start_dim (default 1) to end_dim. */
export class Flatten extends Module {
  start_dim: number;
  end_dim: number;
  constructor(start_dim?: number | { start_dim?: number; end_dim?: number }, end_dim?: number);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ start_dim: number; end_dim: number }>('Flatten', args, ['start_dim', 'end_dim'], { start_dim: 1, end_dim: -1 });
    this.start_dim = o.start_dim;
    this.end_dim = o.end_dim;
  }
  forward(input: Tensor): Tensor {
    return input.flatten(this.start_dim, this.end_dim);
  }
  extra_repr(): string {
    return `start_dim=${this.start_dim}, end_dim=${this.end_dim}`;
  }
}

/** Splits dim into `unflattened_size`. */
export class Unflatten extends Module {
  dim: number;
  unflattened_size: number[];
  constructor(dim: number | { dim: number; unflattened_size: number[] }, unflattened_size?: number[]);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ dim: number; unflattened_size: number[] }>('Unflatten', args, ['dim', 'unflattened_size'], {});
    if (typeof o.dim !== 'number' || !Array.isArray(o.unflattened_size)) throw new TypeError('Unflatten() needs dim (an int) and unflattened_size (a list of ints)');
    this.dim = o.dim;
    this.unflattened_size = [...o.unflattened_size];
  }
  forward(input: Tensor): Tensor {
    return input.unflatten(this.dim, this.unflattened_size);
  }
  extra_repr(): string {
    return `dim=${this.dim}, unflattened_size=${py(this.unflattened_size)}`;
  }
}

export interface EmbeddingOptions extends FactoryKw {
  padding_idx?: number | null;
  max_norm?: number | null;
  norm_type?: number;
  scale_grad_by_freq?: boolean;
  /** Accepted; the gradient stays dense (the values PyTorch's sparse gradient holds). */
  sparse?: boolean;
  _weight?: Tensor | null;
  _freeze?: boolean;
}
export interface FromPretrainedOptions {
  freeze?: boolean;
  padding_idx?: number | null;
  max_norm?: number | null;
  norm_type?: number;
  scale_grad_by_freq?: boolean;
  sparse?: boolean;
}

/** A lookup table of `num_embeddings` vectors of size `embedding_dim`, initialised N(0, 1) (the padding row zero). */
export class Embedding extends Module {
  declare weight: Parameter;
  num_embeddings: number;
  embedding_dim: number;
  padding_idx: number | null;
  max_norm: number | null;
  norm_type: number;
  scale_grad_by_freq: boolean;
  sparse: boolean;
  constructor(num_embeddings: number, embedding_dim: number, padding_idx?: number | null | EmbeddingOptions, opts?: EmbeddingOptions);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ num_embeddings: number; embedding_dim: number } & EmbeddingOptions>('Embedding', args,
      ['num_embeddings', 'embedding_dim', 'padding_idx', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'sparse', '_weight', '_freeze', 'device', 'dtype'], { padding_idx: null, max_norm: null, norm_type: 2, scale_grad_by_freq: false, sparse: false, _freeze: false });
    let pidx = o.padding_idx ?? null;
    if (pidx !== null) {
      if (pidx >= o.num_embeddings || pidx < -o.num_embeddings) throw new AssertionError('Padding_idx must be within num_embeddings');
      if (pidx < 0) pidx += o.num_embeddings;
    }
    this.num_embeddings = o.num_embeddings;
    this.embedding_dim = o.embedding_dim;
    this.padding_idx = pidx;
    this.max_norm = o.max_norm ?? null;
    this.norm_type = o.norm_type ?? 2;
    this.scale_grad_by_freq = !!o.scale_grad_by_freq;
    this.sparse = !!o.sparse;
    if (o._weight) {
      // PyTorch wraps the given tensor itself (shared data), without re-initialising it
      if (o._weight.ndim !== 2 || o._weight._shape[0] !== o.num_embeddings || o._weight._shape[1] !== o.embedding_dim)
        throw new RuntimeError('Shape of weight does not match num_embeddings and embedding_dim');
      this.weight = new Parameter(o._weight, !o._freeze);
    } else {
      this.weight = emptyParam([o.num_embeddings, o.embedding_dim], o);
      init.normal_(this.weight);
      if (pidx !== null) init.zeros_(this.weight.select(0, pidx));
      if (o._freeze) this.weight.requires_grad_(false);
    }
    placeModule(this, o);
  }
  /**
   * An Embedding whose weight is `embeddings` (shared, as PyTorch); `freeze` (default true) stops its gradient.
   * @example const emb = nn.Embedding.from_pretrained(torch.randn(10, 4), {freeze: false, padding_idx: 0})
   */
  static from_pretrained(embeddings: Tensor, freeze?: boolean | FromPretrainedOptions, opts?: FromPretrainedOptions): Embedding;
  static from_pretrained(embeddings: Tensor, ...args: unknown[]): Embedding {
    const o = parseArgs<{ freeze: boolean } & FromPretrainedOptions>('from_pretrained', args, ['freeze', 'padding_idx', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'sparse'], { freeze: true, padding_idx: null, max_norm: null, norm_type: 2, scale_grad_by_freq: false, sparse: false });
    if (embeddings.ndim !== 2) throw new AssertionError('Embeddings parameter is expected to be 2-dimensional');
    const [rows, cols] = embeddings._shape;
    return new Embedding(rows, cols, { _weight: embeddings, _freeze: o.freeze, padding_idx: o.padding_idx, max_norm: o.max_norm,
      norm_type: o.norm_type, scale_grad_by_freq: o.scale_grad_by_freq, sparse: o.sparse });
  }
  forward(input: Tensor): Tensor {
    return F.embedding(input, this.weight, this.padding_idx, this.max_norm, this.norm_type, this.scale_grad_by_freq, this.sparse);
  }
  extra_repr(): string {
    let s = `${this.num_embeddings}, ${this.embedding_dim}`;
    if (this.padding_idx !== null) s += `, padding_idx=${this.padding_idx}`;
    if (this.max_norm != null) s += `, max_norm=${py(this.max_norm, true)}`;
    if (this.norm_type !== 2) s += `, norm_type=${py(this.norm_type, true)}`;
    if (this.scale_grad_by_freq) s += ', scale_grad_by_freq=True';
    if (this.sparse) s += ', sparse=True';
    return s;
  }
}
