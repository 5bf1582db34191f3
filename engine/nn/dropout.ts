// Dropout, Flatten, Unflatten, Embedding: small layers.
import { RuntimeError, ValueError } from '../errors';
import { parseArgs } from '../args';
import { Tensor } from '../tensor';
import * as F from './functional';
import * as init from './init';
import { emptyParam, placeModule, type FactoryKw } from './linear';
import { Module } from './module';
import type { Parameter } from './parameter';
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
    return F.dropout(input, this.p, this.training);
  }
  extra_repr(): string {
    return `p=${py(this.p, true)}, inplace=${py(this.inplace)}`;
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
  constructor(dim: number, unflattened_size: number[]) {
    super();
    this.dim = dim;
    this.unflattened_size = unflattened_size;
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
  _weight?: Tensor | null;
}

/** A lookup table of `num_embeddings` vectors of size `embedding_dim`, initialised N(0, 1) (the padding row zero). */
export class Embedding extends Module {
  declare weight: Parameter;
  num_embeddings: number;
  embedding_dim: number;
  padding_idx: number | null;
  constructor(num_embeddings: number, embedding_dim: number, padding_idx?: number | null | EmbeddingOptions, opts?: EmbeddingOptions);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ num_embeddings: number; embedding_dim: number } & EmbeddingOptions>('Embedding', args,
      ['num_embeddings', 'embedding_dim', 'padding_idx', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'sparse', '_weight', 'device', 'dtype'], { padding_idx: null });
    if (o.max_norm != null) throw new RuntimeError('nn.Embedding: max_norm is not supported in Torchlit');
    let pidx = o.padding_idx ?? null;
    if (pidx !== null) {
      if (pidx >= o.num_embeddings || pidx < -o.num_embeddings) throw new RuntimeError('Padding_idx must be within num_embeddings');
      if (pidx < 0) pidx += o.num_embeddings;
    }
    this.num_embeddings = o.num_embeddings;
    this.embedding_dim = o.embedding_dim;
    this.padding_idx = pidx;
    this.weight = emptyParam([o.num_embeddings, o.embedding_dim], o);
    init.normal_(this.weight);
    if (pidx !== null) init.zeros_(this.weight.select(0, pidx));
    if (o._weight) this.weight.detach().copy_(o._weight);
    placeModule(this, o);
  }
  forward(input: Tensor): Tensor {
    return F.embedding(input, this.weight, this.padding_idx);
  }
  extra_repr(): string {
    return `${this.num_embeddings}, ${this.embedding_dim}${this.padding_idx !== null ? `, padding_idx=${this.padding_idx}` : ''}`;
  }
}
