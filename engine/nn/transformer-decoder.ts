// TransformerDecoderLayer, TransformerDecoder and the full nn.Transformer (encoder + decoder), as
// PyTorch's: same submodule names and order (state_dict keys, reprs), forward keywords (masks,
// key padding masks, the 2.x is_causal hints), norm_first, batch_first, relu/gelu or a callable.
// Built on transformer.ts's MultiheadAttention and encoder.
import { parseArgs } from '../args';
import { NotImplementedError, RuntimeError } from '../errors';
import { full } from '../ops/creation';
import type { DeviceLike } from '../device';
import type { DTypeLike } from '../dtype';
import type { Tensor } from '../tensor';
import { ModuleList } from './containers';
import { Dropout } from './dropout';
import * as F from './functional';
import * as init from './init';
import { Linear, placeModule, type FactoryKw } from './linear';
import { Module } from './module';
import { LayerNorm } from './normalization';
import { MultiheadAttention, TransformerEncoder, TransformerEncoderLayer } from './transformer';

type Activation = 'relu' | 'gelu' | ((x: Tensor) => Tensor);
interface DecoderLayerOptions extends FactoryKw {
  dim_feedforward?: number;
  dropout?: number;
  activation?: Activation;
  layer_norm_eps?: number;
  batch_first?: boolean;
  norm_first?: boolean;
  bias?: boolean;
}
interface DecoderForward {
  tgt_mask?: Tensor | null;
  memory_mask?: Tensor | null;
  tgt_key_padding_mask?: Tensor | null;
  memory_key_padding_mask?: Tensor | null;
  tgt_is_causal?: boolean | null;
  memory_is_causal?: boolean;
}
const DECODER_FORWARD = ['tgt_mask', 'memory_mask', 'tgt_key_padding_mask', 'memory_key_padding_mask', 'tgt_is_causal', 'memory_is_causal'];
const FORWARD_DEFAULTS = { tgt_mask: null, memory_mask: null, tgt_key_padding_mask: null, memory_key_padding_mask: null, tgt_is_causal: null, memory_is_causal: false };

function activationFn(act: Activation): (x: Tensor) => Tensor {
  if (typeof act === 'function') return act;
  if (act === 'relu') return (x) => F.relu(x);
  if (act === 'gelu') return (x) => F.gelu(x);
  throw new RuntimeError(`activation should be relu/gelu, not ${String(act)}`);
}

/**
 * One Transformer decoder block: masked self-attention over `tgt`, attention over the encoder's
 * `memory`, and a feed-forward network, each with dropout, a residual and LayerNorm (before with `norm_first`).
 * @example const layer = nn.TransformerDecoderLayer(8, 2, { dim_feedforward: 16 }); layer(torch.randn(4, 2, 8), torch.randn(6, 2, 8)).shape // torch.Size([4, 2, 8])
 */
export class TransformerDecoderLayer extends Module {
  declare self_attn: MultiheadAttention;
  declare multihead_attn: MultiheadAttention;
  declare linear1: Linear;
  declare dropout: Dropout;
  declare linear2: Linear;
  declare norm1: LayerNorm;
  declare norm2: LayerNorm;
  declare norm3: LayerNorm;
  declare dropout1: Dropout;
  declare dropout2: Dropout;
  declare dropout3: Dropout;
  norm_first: boolean;
  activation: (x: Tensor) => Tensor;
  _args: unknown[];
  constructor(d_model: number, nhead: number, dim_feedforward?: number | DecoderLayerOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ d_model: number; nhead: number } & Required<DecoderLayerOptions>>('TransformerDecoderLayer', args,
      ['d_model', 'nhead', 'dim_feedforward', 'dropout', 'activation', 'layer_norm_eps', 'batch_first', 'norm_first', 'bias', 'device', 'dtype'],
      { dim_feedforward: 2048, dropout: 0.1, activation: 'relu', layer_norm_eps: 1e-5, batch_first: false, norm_first: false, bias: true });
    this._args = args;
    const mha = { dropout: o.dropout, bias: o.bias, batch_first: o.batch_first };
    this.self_attn = new MultiheadAttention(o.d_model, o.nhead, mha);
    this.multihead_attn = new MultiheadAttention(o.d_model, o.nhead, mha);
    this.linear1 = new Linear(o.d_model, o.dim_feedforward, { bias: o.bias });
    this.dropout = new Dropout(o.dropout);
    this.linear2 = new Linear(o.dim_feedforward, o.d_model, { bias: o.bias });
    this.norm_first = o.norm_first;
    for (const n of ['norm1', 'norm2', 'norm3'] as const) this[n] = new LayerNorm(o.d_model, { eps: o.layer_norm_eps, bias: o.bias });
    for (const n of ['dropout1', 'dropout2', 'dropout3'] as const) this[n] = new Dropout(o.dropout);
    this.activation = activationFn(o.activation);
    placeModule(this, o);
  }
  forward(tgt: Tensor, memory: Tensor, opts?: DecoderForward): Tensor;
  forward(tgt: Tensor, memory: Tensor, ...args: unknown[]): Tensor {
    const o = parseArgs<Required<DecoderForward>>('forward', args, DECODER_FORWARD, { ...FORWARD_DEFAULTS, tgt_is_causal: false });
    const sa = (x: Tensor) =>
      this.dropout1(this.self_attn(x, x, x, { attn_mask: o.tgt_mask, key_padding_mask: o.tgt_key_padding_mask, is_causal: !!o.tgt_is_causal, need_weights: false })[0]) as Tensor;
    const mha = (x: Tensor) =>
      this.dropout2(this.multihead_attn(x, memory, memory, { attn_mask: o.memory_mask, key_padding_mask: o.memory_key_padding_mask, is_causal: o.memory_is_causal, need_weights: false })[0]) as Tensor;
    const ff = (x: Tensor) => this.dropout3(this.linear2(this.dropout(this.activation(this.linear1(x) as Tensor)))) as Tensor;
    let x = tgt;
    if (this.norm_first) {
      x = x.add(sa(this.norm1(x) as Tensor));
      x = x.add(mha(this.norm2(x) as Tensor));
      x = x.add(ff(this.norm3(x) as Tensor));
    } else {
      x = this.norm1(x.add(sa(x))) as Tensor;
      x = this.norm2(x.add(mha(x))) as Tensor;
      x = this.norm3(x.add(ff(x))) as Tensor;
    }
    return x;
  }
}

/**
 * A stack of `num_layers` copies of `decoder_layer` (each with its own copy of the weights), then `norm`.
 * @example const dec = nn.TransformerDecoder(nn.TransformerDecoderLayer(8, 2, { dim_feedforward: 16 }), 2); dec(torch.randn(4, 2, 8), torch.randn(6, 2, 8)).shape // torch.Size([4, 2, 8])
 */
export class TransformerDecoder extends Module {
  declare layers: ModuleList<TransformerDecoderLayer>;
  declare norm: Module | null;
  num_layers: number;
  constructor(decoder_layer: TransformerDecoderLayer, num_layers: number, norm?: Module | null | { norm?: Module | null });
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<{ decoder_layer: TransformerDecoderLayer; num_layers: number; norm: Module | null }>('TransformerDecoder', args, ['decoder_layer', 'num_layers', 'norm'], { norm: null });
    if (!(o.decoder_layer instanceof TransformerDecoderLayer)) throw new NotImplementedError('TransformerDecoder of a layer other than nn.TransformerDecoderLayer is not implemented in Torchlit (see docs/pytorch-coverage.md)');
    // copy.deepcopy(decoder_layer): a new layer with the same options and a copy of its state
    const copies = Array.from({ length: o.num_layers }, () => {
      const c = new TransformerDecoderLayer(...(o.decoder_layer._args as [number, number]));
      c.load_state_dict(Object.fromEntries(Object.entries(o.decoder_layer.state_dict()).map(([k, v]) => [k, v.clone()])));
      c.train(o.decoder_layer.training);
      return c;
    });
    this.layers = new ModuleList(copies);
    this.num_layers = o.num_layers;
    // (a None norm is a plain attribute in PyTorch, not a registered child: no "(norm): None" line)
    this.norm = o.norm ?? null;
  }
  forward(tgt: Tensor, memory: Tensor, opts?: DecoderForward): Tensor;
  forward(tgt: Tensor, memory: Tensor, ...args: unknown[]): Tensor {
    const o = parseArgs<Required<DecoderForward>>('forward', args, DECODER_FORWARD, FORWARD_DEFAULTS);
    let x = tgt;
    for (const layer of this.layers) x = layer(x, memory, { ...o, tgt_is_causal: !!o.tgt_is_causal }) as Tensor;
    return this.norm ? (this.norm(x) as Tensor) : x;
  }
}

interface TransformerOptions extends FactoryKw {
  d_model?: number;
  nhead?: number;
  num_encoder_layers?: number;
  num_decoder_layers?: number;
  dim_feedforward?: number;
  dropout?: number;
  activation?: Activation;
  custom_encoder?: Module | null;
  custom_decoder?: Module | null;
  layer_norm_eps?: number;
  batch_first?: boolean;
  norm_first?: boolean;
  bias?: boolean;
}
interface TransformerForward extends DecoderForward {
  src_mask?: Tensor | null;
  src_key_padding_mask?: Tensor | null;
  src_is_causal?: boolean | null;
}

/**
 * The encoder–decoder Transformer of "Attention Is All You Need": `model(src, tgt, {tgt_mask, …})`.
 * @example const model = nn.Transformer({ d_model: 8, nhead: 2, num_encoder_layers: 1, num_decoder_layers: 1, dim_feedforward: 16 }); model(torch.randn(6, 2, 8), torch.randn(4, 2, 8)).shape // torch.Size([4, 2, 8])
 */
export class Transformer extends Module {
  declare encoder: Module;
  declare decoder: Module;
  d_model: number;
  nhead: number;
  batch_first: boolean;
  constructor(d_model?: number | TransformerOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const o = parseArgs<Required<TransformerOptions>>('Transformer', args,
      ['d_model', 'nhead', 'num_encoder_layers', 'num_decoder_layers', 'dim_feedforward', 'dropout', 'activation', 'custom_encoder', 'custom_decoder', 'layer_norm_eps', 'batch_first', 'norm_first', 'bias', 'device', 'dtype'],
      { d_model: 512, nhead: 8, num_encoder_layers: 6, num_decoder_layers: 6, dim_feedforward: 2048, dropout: 0.1, activation: 'relu', custom_encoder: null, custom_decoder: null, layer_norm_eps: 1e-5, batch_first: false, norm_first: false, bias: true });
    const layerKw = { dim_feedforward: o.dim_feedforward, dropout: o.dropout, activation: o.activation, layer_norm_eps: o.layer_norm_eps, batch_first: o.batch_first, norm_first: o.norm_first, bias: o.bias };
    this.encoder = o.custom_encoder ?? new TransformerEncoder(new TransformerEncoderLayer(o.d_model, o.nhead, layerKw), o.num_encoder_layers, new LayerNorm(o.d_model, { eps: o.layer_norm_eps, bias: o.bias }));
    this.decoder = o.custom_decoder ?? new TransformerDecoder(new TransformerDecoderLayer(o.d_model, o.nhead, layerKw), o.num_decoder_layers, new LayerNorm(o.d_model, { eps: o.layer_norm_eps, bias: o.bias }));
    // PyTorch's _reset_parameters: Xavier-uniform for every matrix
    for (const p of this.parameters()) if (p.ndim > 1) init.xavier_uniform_(p);
    this.d_model = o.d_model;
    this.nhead = o.nhead;
    this.batch_first = o.batch_first;
    placeModule(this, o);
  }
  forward(src: Tensor, tgt: Tensor, opts?: TransformerForward): Tensor;
  forward(src: Tensor, tgt: Tensor, ...args: unknown[]): Tensor {
    const o = parseArgs<Required<TransformerForward>>('forward', args,
      ['src_mask', 'tgt_mask', 'memory_mask', 'src_key_padding_mask', 'tgt_key_padding_mask', 'memory_key_padding_mask', 'src_is_causal', 'tgt_is_causal', 'memory_is_causal'],
      { ...FORWARD_DEFAULTS, src_mask: null, src_key_padding_mask: null, src_is_causal: null });
    const batched = src.ndim === 3;
    const b = this.batch_first ? 0 : 1;
    if (batched && src._shape[b] !== tgt._shape[b]) throw new RuntimeError('the batch number of src and tgt must be equal');
    if (src._shape[src.ndim - 1] !== this.d_model || tgt._shape[tgt.ndim - 1] !== this.d_model) throw new RuntimeError('the feature number of src and tgt must be equal to d_model');
    const memory = this.encoder(src, { mask: o.src_mask, src_key_padding_mask: o.src_key_padding_mask, is_causal: o.src_is_causal }) as Tensor;
    return this.decoder(tgt, memory, { tgt_mask: o.tgt_mask, memory_mask: o.memory_mask, tgt_key_padding_mask: o.tgt_key_padding_mask,
      memory_key_padding_mask: o.memory_key_padding_mask, tgt_is_causal: o.tgt_is_causal, memory_is_causal: o.memory_is_causal }) as Tensor;
  }
  /**
   * The causal mask for a sequence of `sz`: −inf above the diagonal, 0 elsewhere (float).
   * @example nn.Transformer.generate_square_subsequent_mask(3).eq(0).sum().item() // 6
   */
  static generate_square_subsequent_mask(sz: number, opts?: { device?: DeviceLike | null; dtype?: DTypeLike | null }): Tensor;
  static generate_square_subsequent_mask(...args: unknown[]): Tensor {
    const o = parseArgs<{ sz: number; device: DeviceLike | null; dtype: DTypeLike | null }>('generate_square_subsequent_mask', args, ['sz', 'device', 'dtype'], { device: null, dtype: null });
    return full([o.sz, o.sz], -Infinity, { device: o.device, dtype: o.dtype }).triu(1);
  }
}
