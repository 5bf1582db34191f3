// The CosineSimilarity and PairwiseDistance modules, each wrapping its F function.
import { parseArgs } from '../args';
import type { Tensor } from '../tensor';
import { cosine_similarity, pairwise_distance } from './functional-distance';
import { Module } from './module';

/** Cosine similarity along `dim` (1). @example nn.CosineSimilarity({ dim: 1 })(a, b) */
export class CosineSimilarity extends Module {
  dim: number;
  eps: number;
  constructor(dim?: number | { dim?: number; eps?: number }, eps?: number);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ dim: number; eps: number }>('CosineSimilarity', args, ['dim', 'eps'], { dim: 1, eps: 1e-8 });
    this.dim = o.dim;
    this.eps = o.eps;
  }
  forward(x1: Tensor, x2: Tensor): Tensor {
    return cosine_similarity(x1, x2, { dim: this.dim, eps: this.eps });
  }
}

/** `p`-norm distance between rows. @example nn.PairwiseDistance()(a, b) */
export class PairwiseDistance extends Module {
  norm: number;
  eps: number;
  keepdim: boolean;
  constructor(p?: number | { p?: number; eps?: number; keepdim?: boolean }, eps?: number, keepdim?: boolean);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ p: number; eps: number; keepdim: boolean }>('PairwiseDistance', args, ['p', 'eps', 'keepdim'], { p: 2, eps: 1e-6, keepdim: false });
    this.norm = o.p;
    this.eps = o.eps;
    this.keepdim = o.keepdim;
  }
  forward(x1: Tensor, x2: Tensor): Tensor {
    return pairwise_distance(x1, x2, { p: this.norm, eps: this.eps, keepdim: this.keepdim });
  }
}
