// Family `s2` in TypeScript (twins of scripts/golden/lessons_s2.py): the seq2seq-with-attention and the
// Transformer language-model tutorials as a learner ports them (options object = keyword arguments,
// `t.index(...)` for `t[...]`, `index_put_` for `t[...] = v`, tuples as arrays). Tiny sizes, as the Python side.
import golden from './golden/lessons_s2.json';
import { torch, nn, F, optim } from '../index';
import type { Tensor } from '../tensor';
import { err, fixturesOf, type Lesson } from './lessons_io';

const { I, SD } = fixturesOf(golden, 'golden/lessons_s2.json');

// ---- seq2seq with Bahdanau attention ---------------------------------------------------------
const SOS_token = 0, MAX_LENGTH = 3;
const IN_WORDS = 6, OUT_WORDS = 7, hidden_size = 4;

class EncoderRNN extends nn.Module {
  hidden_size: number;
  embedding: nn.Embedding;
  gru: nn.GRU;
  dropout: nn.Dropout;
  constructor(input_size: number, hidden_size: number, dropout_p = 0.1) {
    super();
    this.hidden_size = hidden_size;
    this.embedding = nn.Embedding(input_size, hidden_size);
    this.gru = nn.GRU(hidden_size, hidden_size, { batch_first: true });
    this.dropout = nn.Dropout(dropout_p);
  }
  forward(input: Tensor): [Tensor, Tensor] {
    const embedded = this.dropout(this.embedding(input));
    const [output, hidden] = this.gru(embedded) as [Tensor, Tensor];
    return [output, hidden];
  }
}

class BahdanauAttention extends nn.Module {
  Wa: nn.Linear;
  Ua: nn.Linear;
  Va: nn.Linear;
  constructor(hidden_size: number) {
    super();
    this.Wa = nn.Linear(hidden_size, hidden_size);
    this.Ua = nn.Linear(hidden_size, hidden_size);
    this.Va = nn.Linear(hidden_size, 1);
  }
  forward(query: Tensor, keys: Tensor): [Tensor, Tensor] {
    let scores = this.Va(torch.tanh(this.Wa(query).add(this.Ua(keys))));
    scores = scores.squeeze(2).unsqueeze(1);
    const weights = F.softmax(scores, { dim: -1 });
    const context = torch.bmm(weights, keys);
    return [context, weights];
  }
}

class AttnDecoderRNN extends nn.Module {
  embedding: nn.Embedding;
  attention: BahdanauAttention;
  gru: nn.GRU;
  out: nn.Linear;
  dropout: nn.Dropout;
  constructor(hidden_size: number, output_size: number, dropout_p = 0.1) {
    super();
    this.embedding = nn.Embedding(output_size, hidden_size);
    this.attention = new BahdanauAttention(hidden_size);
    this.gru = nn.GRU(2 * hidden_size, hidden_size, { batch_first: true });
    this.out = nn.Linear(hidden_size, output_size);
    this.dropout = nn.Dropout(dropout_p);
  }
  forward(encoder_outputs: Tensor, encoder_hidden: Tensor, target_tensor: Tensor | null = null): [Tensor, Tensor, Tensor] {
    const batch_size = encoder_outputs.size(0);
    let decoder_input = torch.empty(batch_size, 1, { dtype: torch.long }).fill_(SOS_token);
    let decoder_hidden = encoder_hidden;
    const decoder_outputs: Tensor[] = [];
    const attentions: Tensor[] = [];
    for (let i = 0; i < MAX_LENGTH; i++) {
      const [decoder_output, hidden, attn_weights] = this.forward_step(decoder_input, decoder_hidden, encoder_outputs);
      decoder_hidden = hidden;
      decoder_outputs.push(decoder_output);
      attentions.push(attn_weights);
      if (target_tensor !== null) {
        decoder_input = target_tensor.index(':', i).unsqueeze(1); // Teacher forcing
      } else {
        const [, topi] = decoder_output.topk(1);
        decoder_input = topi.squeeze(-1).detach();
      }
    }
    let outputs = torch.cat(decoder_outputs, { dim: 1 });
    outputs = F.log_softmax(outputs, { dim: -1 });
    return [outputs, decoder_hidden, torch.cat(attentions, { dim: 1 })];
  }
  forward_step(input: Tensor, hidden: Tensor, encoder_outputs: Tensor): [Tensor, Tensor, Tensor] {
    const embedded = this.dropout(this.embedding(input));
    const query = hidden.permute(1, 0, 2);
    const [context, attn_weights] = this.attention(query, encoder_outputs) as [Tensor, Tensor];
    const input_gru = torch.cat([embedded, context], { dim: 2 });
    const [output, h] = this.gru(input_gru, hidden) as [Tensor, Tensor];
    return [this.out(output), h, attn_weights];
  }
}

export const S2: Record<string, Lesson> = {};

S2.s2_seq2seq_attention = () => {
  // dropout_p=0: the tutorial's 0.1 draws a random mask in training
  const encoder = new EncoderRNN(IN_WORDS, hidden_size, 0.0);
  const decoder = new AttnDecoderRNN(hidden_size, OUT_WORDS, 0.0);
  encoder.load_state_dict(SD('s2s_enc'));
  decoder.load_state_dict(SD('s2s_dec'));
  const encoder_optimizer = optim.Adam(encoder.parameters(), { lr: 0.001 });
  const decoder_optimizer = optim.Adam(decoder.parameters(), { lr: 0.001 });
  const criterion = nn.NLLLoss();
  const input_tensor = I('s2s_in'), target_tensor = I('s2s_out');
  const losses: number[] = [];
  const rec: Record<string, unknown> = { losses };
  for (let step = 0; step < 2; step++) {
    encoder_optimizer.zero_grad();
    decoder_optimizer.zero_grad();
    const [encoder_outputs, encoder_hidden] = encoder(input_tensor) as [Tensor, Tensor];
    const [decoder_outputs, , attentions] = decoder(encoder_outputs, encoder_hidden, target_tensor) as [Tensor, Tensor, Tensor];
    const loss = criterion(decoder_outputs.view(-1, decoder_outputs.size(-1)), target_tensor.view(-1));
    loss.backward();
    encoder_optimizer.step();
    decoder_optimizer.step();
    losses.push(loss.cpu_item() as number);
    if (step === 0) {
      Object.assign(rec, {
        enc_out: encoder_outputs, enc_hidden: encoder_hidden, dec_out: decoder_outputs, attn: attentions, loss,
        emb_grad: encoder.embedding.weight.grad!.clone(), Va_grad: decoder.attention.Va.weight.grad!.clone(), gru_grad: decoder.gru.weight_hh_l0.grad!.clone(),
      });
    }
  }
  const [encoder_outputs, encoder_hidden, decoder_outputs, decoder_hidden, decoder_attn, topv, topi, decoded_ids, step_out] = torch.no_grad(() => {
    const [eo, eh] = encoder(input_tensor) as [Tensor, Tensor];
    const [dout, dh, dattn] = decoder(eo, eh) as [Tensor, Tensor, Tensor];
    const [tv, ti] = dout.topk(1);
    const ids = ti.squeeze();
    const so = decoder.forward_step(torch.tensor([[SOS_token], [SOS_token]]), eh, eo);
    return [eo, eh, dout, dh, dattn, tv, ti, ids, so] as const;
  });
  void encoder_outputs;
  const [one_topv, one_topi] = step_out[0].topk(1);
  return Object.assign(rec, {
    enc_emb: encoder.embedding.weight, dec_out_w: decoder.out.weight, Ua_b: decoder.attention.Ua.bias, eval_out: decoder_outputs,
    eval_hidden: decoder_hidden, eval_attn: decoder_attn, topv, topi, decoded_ids, decoded_list: decoded_ids.cpu_tolist(),
    one_topi: one_topi.squeeze(-1).detach(), one_topv,
    word_oob: err(() => encoder(torch.tensor([[IN_WORDS]]))),
    float_words: err(() => encoder(torch.tensor([[1.0, 2.0]], { dtype: torch.float32 }))),
    nll_3d: err(() => criterion(decoder_outputs, target_tensor)),
    bmm_2d: err(() => torch.bmm(torch.zeros(2, 3), torch.zeros(3, 2))),
    bmm_batch: err(() => torch.bmm(torch.zeros(2, 1, 3), torch.zeros(3, 3, 4))),
    gru_wrong_size: err(() => decoder.gru(torch.zeros(2, 1, hidden_size), encoder_hidden)),
    squeeze_size1: torch.zeros(2, 1).squeeze().shape, topk_too_big: err(() => torch.zeros(2, 3).topk(4)),
  });
};

// ---- Transformer language model --------------------------------------------------------------
const ntokens = 10, emsize = 8, d_hid = 16, nlayers = 2, nhead = 2, bptt = 3;

class PositionalEncoding extends nn.Module {
  dropout: nn.Dropout;
  declare pe: Tensor;
  constructor(d_model: number, dropout = 0.1, max_len = 5000) {
    super();
    this.dropout = nn.Dropout({ p: dropout });
    const position = torch.arange(max_len).unsqueeze(1);
    const div_term = torch.exp(torch.arange(0, d_model, 2).mul(-Math.log(10000.0) / d_model));
    const pe = torch.zeros(max_len, 1, d_model);
    pe.index_put_([':', 0, '0::2'], torch.sin(position.mul(div_term)));
    pe.index_put_([':', 0, '1::2'], torch.cos(position.mul(div_term)));
    this.register_buffer('pe', pe);
  }
  forward(x: Tensor): Tensor {
    x = x.add(this.pe.index(`:${x.size(0)}`));
    return this.dropout(x);
  }
}

class TransformerModel extends nn.Module {
  model_type: string;
  pos_encoder: PositionalEncoding;
  transformer_encoder: nn.TransformerEncoder;
  encoder: nn.Embedding;
  d_model: number;
  decoder: nn.Linear;
  constructor(ntoken: number, d_model: number, nhead: number, d_hid: number, nlayers: number, dropout = 0.5) {
    super();
    this.model_type = 'Transformer';
    this.pos_encoder = new PositionalEncoding(d_model, dropout, 16);
    const encoder_layers = nn.TransformerEncoderLayer(d_model, nhead, d_hid, dropout);
    this.transformer_encoder = nn.TransformerEncoder(encoder_layers, nlayers);
    this.encoder = nn.Embedding(ntoken, d_model);
    this.d_model = d_model;
    this.decoder = nn.Linear(d_model, ntoken);
    this.init_weights();
  }
  init_weights() {
    const initrange = 0.1;
    this.encoder.weight.data.uniform_(-initrange, initrange);
    this.decoder.bias!.data.zero_();
    this.decoder.weight.data.uniform_(-initrange, initrange);
  }
  forward(src: Tensor, src_mask: Tensor): Tensor {
    src = this.encoder(src).mul(Math.sqrt(this.d_model));
    src = this.pos_encoder(src);
    const output = this.transformer_encoder(src, src_mask);
    return this.decoder(output);
  }
}

function generate_square_subsequent_mask(sz: number): Tensor {
  return torch.triu(torch.ones(sz, sz).mul(-Infinity), { diagonal: 1 });
}

function batchify(data: Tensor, bsz: number): Tensor {
  const seq_len = Math.floor(data.size(0) / bsz);
  data = data.index(`:${seq_len * bsz}`);
  return data.view(bsz, seq_len).t().contiguous();
}

function get_batch(source: Tensor, i: number): [Tensor, Tensor] {
  const seq_len = Math.min(bptt, source.size(0) - 1 - i);
  const data = source.index(`${i}:${i + seq_len}`);
  const target = source.index(`${i + 1}:${i + 1 + seq_len}`).reshape(-1);
  return [data, target];
}

S2.s2_transformer_lm = () => {
  const model = new TransformerModel(ntokens, emsize, nhead, d_hid, nlayers, 0.0); // dropout 0 (tutorial 0.2): no random mask
  const uniform_range = [
    (model.encoder.weight.min().cpu_item() as number) >= -0.1, (model.encoder.weight.max().cpu_item() as number) <= 0.1,
    model.decoder.bias!.eq(0).all().cpu_item(),
  ];
  model.load_state_dict(SD('tlm'));
  const train_data = batchify(I('tlm_train'), 2);
  const val_data = batchify(I('tlm_val'), 2);
  const criterion = nn.CrossEntropyLoss();
  const lr = 5.0;
  const optimizer = optim.SGD(model.parameters(), { lr });
  const scheduler = optim.lr_scheduler.StepLR(optimizer, 1.0, { gamma: 0.95 });
  let src_mask = generate_square_subsequent_mask(bptt);
  const pe = model.pos_encoder.pe;
  const losses: number[] = [], norms: Tensor[] = [];
  const rec: Record<string, unknown> = {
    uniform_range, train_data, src_mask, mask_static: nn.Transformer.generate_square_subsequent_mask(bptt), pe: pe.index(':4', 0),
    pe_shape: pe.shape, buffers: model.named_buffers().map(([n]) => n), sd_has_pe: 'pos_encoder.pe' in model.state_dict(),
    n_params: model.parameters().reduce((a, p) => a + p.numel(), 0), losses, norms,
  };
  model.train();
  let batch = 0;
  for (let i = 0; i < train_data.size(0) - 1; i += bptt, batch++) {
    const [data, targets] = get_batch(train_data, i);
    const seq_len = data.size(0);
    if (seq_len !== bptt) src_mask = src_mask.index(`:${seq_len}`, `:${seq_len}`);
    const output = model(data, src_mask);
    const loss = criterion(output.view(-1, ntokens), targets);
    optimizer.zero_grad();
    loss.backward();
    const norm = nn.utils.clip_grad_norm_(model.parameters(), 0.5);
    optimizer.step();
    losses.push(loss.cpu_item() as number);
    norms.push(norm);
    if (batch === 0) {
      const layer0 = model.transformer_encoder.layers[0] as nn.TransformerEncoderLayer;
      Object.assign(rec, {
        data, targets, output, emb_grad: model.encoder.weight.grad!.clone(), in_proj_grad: layer0.self_attn.in_proj_weight!.grad!.clone(),
      });
    }
  }
  scheduler.step();
  rec.lrs = [scheduler.get_last_lr()[0], optimizer.param_groups[0].lr];
  model.eval();
  let total_loss = 0.0;
  let data: Tensor = val_data, targets: Tensor = val_data, output: Tensor = val_data;
  torch.no_grad(() => {
    for (let i = 0; i < val_data.size(0) - 1; i += bptt) {
      [data, targets] = get_batch(val_data, i);
      const seq_len = data.size(0);
      output = model(data, generate_square_subsequent_mask(bptt).index(`:${seq_len}`, `:${seq_len}`));
      const output_flat = output.view(-1, ntokens);
      total_loss += seq_len * (criterion(output_flat, targets).cpu_item() as number);
    }
  });
  const val_loss = total_loss / (val_data.size(0) - 1);
  const layers = model.transformer_encoder.layers;
  return Object.assign(rec, {
    val_loss, val_ppl: Math.exp(val_loss), eval_output: output, dec_w: model.decoder.weight, enc_w: model.encoder.weight,
    l1_lin2_b: (layers[1] as nn.TransformerEncoderLayer).linear2.bias, l0_norm1_w: (layers[0] as nn.TransformerEncoderLayer).norm1.weight,
    div_term: torch.exp(torch.arange(0, emsize, 2).mul(-Math.log(10000.0) / emsize)), position_dtype: String(torch.arange(5).unsqueeze(1).dtype),
    heads_indivisible: err(() => nn.TransformerEncoderLayer(6, 4)), float_tokens: err(() => model(data.float(), src_mask)),
    mask_wrong_size: err(() => model(data, generate_square_subsequent_mask(bptt + 1))), ce_flat_targets: err(() => criterion(output, targets)),
  });
};
