// MultiheadAttention, TransformerEncoderLayer and TransformerEncoder, as PyTorch's (same parameter
// names, init, state_dict keys and reprs), written with public tensor ops. Options PyTorch has
// and these lack (add_bias_kv, add_zero_attn, kdim/vdim ≠ embed_dim) raise NotImplementedError.
import { AssertionError, NotImplementedError, RuntimeError } from '../errors';
import { parseArgs } from '../args';
import type { Tensor } from '../tensor';
import { Dropout } from './dropout';
import * as F from './functional';
import * as init from './init';
import { emptyParam, Linear, placeModule, type FactoryKw } from './linear';
import { ModuleList } from './containers';
import { Module } from './module';
import { LayerNorm } from './normalization';
import type { Parameter } from './parameter';

type EncLayerOpts = { src_mask?: Tensor | null; src_key_padding_mask?: Tensor | null; is_causal?: boolean };
type EncOpts = { mask?: Tensor | null; src_key_padding_mask?: Tensor | null; is_causal?: boolean };

/** The output projection of MultiheadAttention (PyTorch's class name in its repr). */
export class NonDynamicallyQuantizableLinear extends Linear {}
Object.defineProperty(NonDynamicallyQuantizableLinear, Symbol.for('torchlit.pyname'), { value: 'NonDynamicallyQuantizableLinear' });

interface MHAOptions extends FactoryKw {
  dropout?: number;
  bias?: boolean;
  add_bias_kv?: boolean;
  add_zero_attn?: boolean;
  kdim?: number | null;
  vdim?: number | null;
  batch_first?: boolean;
}
interface MHAForward {
  key_padding_mask?: Tensor | null;
  need_weights?: boolean;
  attn_mask?: Tensor | null;
  average_attn_weights?: boolean;
  is_causal?: boolean;
}

/**
 * Multi-head attention: `[attn_output, attn_weights]` (weights averaged over heads; null with
 * `need_weights: false`). Inputs are (L, N, E), or (N, L, E) with `batch_first`, or unbatched (L, E).
 * A boolean `attn_mask` / `key_padding_mask` marks positions that may NOT be attended.
 * @example const x = torch.randn(5, 2, 8); const mha = nn.MultiheadAttention(8, 2); const [out, w] = mha(x, x, x)
 */
export class MultiheadAttention extends Module {
  declare in_proj_weight: Parameter;
  declare in_proj_bias: Parameter | null;
  declare out_proj: NonDynamicallyQuantizableLinear;
  embed_dim: number;
  num_heads: number;
  head_dim: number;
  dropout: number;
  batch_first: boolean;
  constructor(embed_dim: number, num_heads: number, dropout?: number | MHAOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ embed_dim: number; num_heads: number } & Required<MHAOptions>>('MultiheadAttention', args,
      ['embed_dim', 'num_heads', 'dropout', 'bias', 'add_bias_kv', 'add_zero_attn', 'kdim', 'vdim', 'batch_first', 'device', 'dtype'],
      { dropout: 0, bias: true, add_bias_kv: false, add_zero_attn: false, kdim: null, vdim: null, batch_first: false });
    if (o.add_bias_kv || o.add_zero_attn || (o.kdim != null && o.kdim !== o.embed_dim) || (o.vdim != null && o.vdim !== o.embed_dim))
      throw new NotImplementedError('MultiheadAttention with add_bias_kv, add_zero_attn or kdim/vdim other than embed_dim is not implemented in Torchlit (see docs/pytorch-coverage.md)');
    this.embed_dim = o.embed_dim;
    this.num_heads = o.num_heads;
    this.head_dim = Math.floor(o.embed_dim / o.num_heads);
    if (this.head_dim * o.num_heads !== o.embed_dim) throw new AssertionError('embed_dim must be divisible by num_heads');
    this.dropout = o.dropout;
    this.batch_first = o.batch_first;
    this.in_proj_weight = init.xavier_uniform_(emptyParam([3 * o.embed_dim, o.embed_dim], o)) as Parameter;
    if (o.bias) this.in_proj_bias = init.zeros_(emptyParam([3 * o.embed_dim], o)) as Parameter;
    else this.register_parameter('in_proj_bias', null);
    this.out_proj = new NonDynamicallyQuantizableLinear(o.embed_dim, o.embed_dim, { bias: o.bias });
    if (this.out_proj.bias) init.zeros_(this.out_proj.bias);
    placeModule(this, o);
  }

  forward(query: Tensor, key: Tensor, value: Tensor, opts?: MHAForward): [Tensor, Tensor | null];
  forward(query: Tensor, key: Tensor, value: Tensor, ...args: unknown[]): [Tensor, Tensor | null] {
    const o = parseArgs<Required<MHAForward>>('forward', args, ['key_padding_mask', 'need_weights', 'attn_mask', 'average_attn_weights', 'is_causal'],
      { key_padding_mask: null, need_weights: true, attn_mask: null, average_attn_weights: true, is_causal: false });
    const unbatched = query.ndim === 2;
    // to (N, L, E)
    const toNLE = (t: Tensor) => (unbatched ? t.unsqueeze(0) : this.batch_first ? t : t.transpose(0, 1));
    const q0 = toNLE(query), k0 = toNLE(key), v0 = toNLE(value);
    const [N, L, E] = q0._shape;
    const S = k0._shape[1];
    if (E !== this.embed_dim) throw new RuntimeError(`was expecting embedding dimension of ${this.embed_dim}, but got ${E}`);
    const [wq, wk, wv] = this.in_proj_weight.chunk(3, 0);
    const [bq, bk, bv] = this.in_proj_bias ? this.in_proj_bias.chunk(3, 0) : [null, null, null];
    const H = this.num_heads, D = this.head_dim;
    const heads = (t: Tensor, len: number) => t.reshape([N, len, H, D]).transpose(1, 2);
    const q = heads(F.linear(q0, wq, bq), L).mul(1 / Math.sqrt(D));
    const k = heads(F.linear(k0, wk, bk), S);
    const v = heads(F.linear(v0, wv, bv), S);
    let s = q.matmul(k.transpose(-2, -1)); // (N, H, L, S)
    let mask = o.attn_mask;
    if (o.is_causal && !mask) throw new RuntimeError('Need attn_mask if specifying the is_causal hint. You may use the Transformer module method `generate_square_subsequent_mask` to create this mask.');
    if (mask) {
      // PyTorch's checks (F.multi_head_attention_forward), before a broadcast would fail with other words or succeed wrongly
      const want = mask.ndim === 2 ? [L, S] : [N * H, L, S];
      if (mask.ndim !== 2 && mask.ndim !== 3)
        throw new AssertionError(`For ${unbatched ? 'unbatched (2-D)' : 'batched (3-D)'} \`query\`, expected \`attn_mask\` to be \`None\`, 2-D or 3-D but found ${mask.ndim}-D tensor instead`);
      if (mask._shape.join() !== want.join()) throw new RuntimeError(`The shape of the ${mask.ndim}D attn_mask is ${mask.shape}, but should be (${want.join(', ')}).`);
      if (mask.ndim === 3) mask = mask.reshape([N, H, L, S]);
      s = mask.dtype.name === 'bool' ? s.masked_fill(mask, -Infinity) : s.add(mask);
    }
    if (o.key_padding_mask) {
      const kpm0 = unbatched ? o.key_padding_mask.unsqueeze(0) : o.key_padding_mask; // PyTorch checks it batched
      if (kpm0._shape.join() !== [N, S].join()) throw new AssertionError(`expecting key_padding_mask shape of (${N}, ${S}), but got ${kpm0.shape}`);
      const kpm = o.key_padding_mask.reshape([N, 1, 1, S]);
      s = kpm.dtype.name === 'bool' ? s.masked_fill(kpm, -Infinity) : s.add(kpm);
    }
    let w = s.softmax(-1);
    const wDrop = this.training && this.dropout > 0 ? F.dropout(w, this.dropout) : w;
    let out = wDrop.matmul(v).transpose(1, 2).reshape([N, L, E]);
    out = this.out_proj(out) as Tensor;
    out = unbatched ? out.squeeze(0) : this.batch_first ? out : out.transpose(0, 1);
    if (!o.need_weights) return [out, null];
    if (o.average_attn_weights) w = w.mean(1);
    return [out, unbatched ? w.squeeze(0) : w];
  }
}

interface EncoderLayerOptions extends FactoryKw {
  dim_feedforward?: number;
  dropout?: number;
  activation?: 'relu' | 'gelu' | ((x: Tensor) => Tensor);
  layer_norm_eps?: number;
  batch_first?: boolean;
  norm_first?: boolean;
  bias?: boolean;
}

/**
 * One Transformer encoder block: self-attention and a feed-forward network, each with dropout, a
 * residual connection and LayerNorm (after, or before with `norm_first`).
 * @example const layer = nn.TransformerEncoderLayer(8, 2, { dim_feedforward: 16, batch_first: true }); layer(torch.randn(3, 5, 8)).shape // torch.Size([3, 5, 8])
 */
export class TransformerEncoderLayer extends Module {
  declare self_attn: MultiheadAttention;
  declare linear1: Linear;
  declare dropout: Dropout;
  declare linear2: Linear;
  declare norm1: LayerNorm;
  declare norm2: LayerNorm;
  declare dropout1: Dropout;
  declare dropout2: Dropout;
  norm_first: boolean;
  activation: (x: Tensor) => Tensor;
  _args: unknown[];
  constructor(d_model: number, nhead: number, dim_feedforward?: number | EncoderLayerOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ d_model: number; nhead: number } & Required<EncoderLayerOptions>>('TransformerEncoderLayer', args,
      ['d_model', 'nhead', 'dim_feedforward', 'dropout', 'activation', 'layer_norm_eps', 'batch_first', 'norm_first', 'bias', 'device', 'dtype'],
      { dim_feedforward: 2048, dropout: 0.1, activation: 'relu', layer_norm_eps: 1e-5, batch_first: false, norm_first: false, bias: true });
    this._args = args;
    this.self_attn = new MultiheadAttention(o.d_model, o.nhead, { dropout: o.dropout, bias: o.bias, batch_first: o.batch_first });
    this.linear1 = new Linear(o.d_model, o.dim_feedforward, { bias: o.bias });
    this.dropout = new Dropout(o.dropout);
    this.linear2 = new Linear(o.dim_feedforward, o.d_model, { bias: o.bias });
    this.norm_first = o.norm_first;
    this.norm1 = new LayerNorm(o.d_model, { eps: o.layer_norm_eps, bias: o.bias });
    this.norm2 = new LayerNorm(o.d_model, { eps: o.layer_norm_eps, bias: o.bias });
    this.dropout1 = new Dropout(o.dropout);
    this.dropout2 = new Dropout(o.dropout);
    const act = o.activation;
    if (typeof act === 'function') this.activation = act;
    else if (act === 'relu') this.activation = (x) => F.relu(x);
    else if (act === 'gelu') this.activation = (x) => F.gelu(x);
    else throw new RuntimeError(`activation should be relu/gelu, not ${String(act)}`);
    placeModule(this, o);
  }
  /** `layer(src, src_mask)` positionally (PyTorch's order) or `layer(src, {src_mask})`. */
  forward(src: Tensor, ...args: [opts?: EncLayerOpts] | [src_mask: Tensor | null, opts?: EncLayerOpts] | [src_mask: Tensor | null, src_key_padding_mask: Tensor | null, opts?: EncLayerOpts]): Tensor;
  forward(src: Tensor, ...args: unknown[]): Tensor {
    const o = parseArgs<{ src_mask: Tensor | null; src_key_padding_mask: Tensor | null; is_causal: boolean }>('forward', args, ['src_mask', 'src_key_padding_mask', 'is_causal'], { src_mask: null, src_key_padding_mask: null, is_causal: false });
    const sa = (x: Tensor) => this.dropout1(this.self_attn(x, x, x, { attn_mask: o.src_mask, key_padding_mask: o.src_key_padding_mask, need_weights: false })[0]) as Tensor;
    const ff = (x: Tensor) => this.dropout2(this.linear2(this.dropout(this.activation(this.linear1(x) as Tensor)))) as Tensor;
    let x = src;
    if (this.norm_first) {
      x = x.add(sa(this.norm1(x) as Tensor));
      x = x.add(ff(this.norm2(x) as Tensor));
    } else {
      x = this.norm1(x.add(sa(x))) as Tensor;
      x = this.norm2(x.add(ff(x))) as Tensor;
    }
    return x;
  }
}

/**
 * A stack of `num_layers` copies of `encoder_layer` (each with its own copy of the weights), then `norm`.
 * @example const enc = nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2, { dim_feedforward: 16 }), 2); enc(torch.randn(5, 3, 8)).shape // torch.Size([5, 3, 8])
 */
export class TransformerEncoder extends Module {
  declare layers: ModuleList<TransformerEncoderLayer>;
  declare norm: Module | null;
  num_layers: number;
  constructor(encoder_layer: TransformerEncoderLayer, num_layers: number, norm?: Module | null | { norm?: Module | null; enable_nested_tensor?: boolean; mask_check?: boolean }, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ encoder_layer: TransformerEncoderLayer; num_layers: number; norm: Module | null; enable_nested_tensor: boolean; mask_check: boolean }>('TransformerEncoder', args,
      ['encoder_layer', 'num_layers', 'norm', 'enable_nested_tensor', 'mask_check'], { norm: null, enable_nested_tensor: true, mask_check: true });
    if (!(o.encoder_layer instanceof TransformerEncoderLayer)) throw new NotImplementedError('TransformerEncoder of a layer other than nn.TransformerEncoderLayer is not implemented in Torchlit (see docs/pytorch-coverage.md)');
    // copy.deepcopy(encoder_layer): a new layer with the same options and a copy of its state
    const copies = Array.from({ length: o.num_layers }, () => {
      const c = new TransformerEncoderLayer(...(o.encoder_layer._args as [number, number]));
      c.load_state_dict(Object.fromEntries(Object.entries(o.encoder_layer.state_dict()).map(([k, v]) => [k, v.clone()])));
      c.train(o.encoder_layer.training);
      return c;
    });
    this.layers = new ModuleList(copies);
    this.num_layers = o.num_layers;
    // as PyTorch's `self.norm = norm`: a module is registered, None stays a plain attribute (not printed)
    this.norm = o.norm ?? null;
  }
  /** `encoder(src, mask)` positionally (the language-model tutorial's `self.transformer_encoder(src, src_mask)`) or `encoder(src, {mask})`. */
  forward(src: Tensor, ...args: [opts?: EncOpts] | [mask: Tensor | null, opts?: EncOpts] | [mask: Tensor | null, src_key_padding_mask: Tensor | null, opts?: EncOpts]): Tensor;
  forward(src: Tensor, ...args: unknown[]): Tensor {
    const o = parseArgs<{ mask: Tensor | null; src_key_padding_mask: Tensor | null; is_causal: boolean | null }>('forward', args, ['mask', 'src_key_padding_mask', 'is_causal'], { mask: null, src_key_padding_mask: null, is_causal: null });
    let x = src;
    for (const layer of this.layers) x = layer(x, { src_mask: o.mask, src_key_padding_mask: o.src_key_padding_mask }) as Tensor;
    return this.norm ? (this.norm(x) as Tensor) : x;
  }
}
