// *Deep Learning with PyTorch* ch. 3-8 and the sequence-models tutorial's LSTM in TypeScript (twins of
// scripts/golden/lessons_book.py), ported by the project's conventions.
import { torch, nn, F, optim } from '../index';
import type { Tensor } from '../tensor';
import { I, SD, err, num, tsum, type Lesson } from './lessons_io';

const f32 = { dtype: torch.float32 };

class NetBN extends nn.Module {
  n_chans1: number;
  conv1: nn.Conv2d;
  conv1_batchnorm: nn.BatchNorm2d;
  conv1_dropout: nn.Dropout2d;
  fc1: nn.Linear;
  fc2: nn.Linear;
  constructor(n_chans1 = 4) {
    super();
    this.n_chans1 = n_chans1;
    this.conv1 = nn.Conv2d(3, n_chans1, { kernel_size: 3, padding: 1 });
    this.conv1_batchnorm = nn.BatchNorm2d({ num_features: n_chans1 });
    this.conv1_dropout = nn.Dropout2d({ p: 0.4 });
    this.fc1 = nn.Linear(4 * 4 * n_chans1, 8);
    this.fc2 = nn.Linear(8, 2);
  }
  forward(x: Tensor): Tensor {
    let out = this.conv1_batchnorm(this.conv1(x));
    out = F.max_pool2d(torch.tanh(out), 2);
    out = this.conv1_dropout(out);
    out = out.view(-1, 4 * 4 * this.n_chans1);
    out = torch.tanh(this.fc1(out));
    return this.fc2(out);
  }
}

class ResBlock extends nn.Module {
  conv: nn.Conv2d;
  batch_norm: nn.BatchNorm2d;
  constructor(n_chans: number) {
    super();
    this.conv = nn.Conv2d(n_chans, n_chans, { kernel_size: 3, padding: 1, bias: false });
    this.batch_norm = nn.BatchNorm2d({ num_features: n_chans });
    nn.init.constant_(this.batch_norm.weight!, 0.5);
    nn.init.zeros_(this.batch_norm.bias!);
  }
  forward(x: Tensor): Tensor {
    let out = this.conv(x);
    out = this.batch_norm(out);
    out = torch.relu(out);
    return out.add(x);
  }
}

class LSTMTagger extends nn.Module {
  hidden_dim: number;
  word_embeddings: nn.Embedding;
  lstm: nn.LSTM;
  hidden2tag: nn.Linear;
  constructor(embedding_dim: number, hidden_dim: number, vocab_size: number, tagset_size: number) {
    super();
    this.hidden_dim = hidden_dim;
    this.word_embeddings = nn.Embedding(vocab_size, embedding_dim);
    this.lstm = nn.LSTM(embedding_dim, hidden_dim);
    this.hidden2tag = nn.Linear(hidden_dim, tagset_size);
  }
  forward(sentence: Tensor): Tensor {
    const embeds = this.word_embeddings(sentence);
    const [lstm_out] = this.lstm(embeds.view(sentence.shape[0], 1, -1));
    const tag_space = this.hidden2tag(lstm_out.view(sentence.shape[0], -1));
    return F.log_softmax(tag_space, { dim: 1 });
  }
}

const model = (t_u: Tensor, w: Tensor, b: Tensor): Tensor => w.mul(t_u).add(b);
const loss_fn = (t_p: Tensor, t_c: Tensor): Tensor => t_p.sub(t_c).pow(2).mean();
const seqModel = () => nn.Sequential({ hidden_linear: nn.Linear(1, 13), hidden_activation: nn.Tanh(), output_linear: nn.Linear(13, 1) });

export const BOOK: Record<string, Lesson> = {
  book_storage_stride() {
    const points = torch.tensor([[4, 1], [5, 3], [2, 1]], f32);
    const second_point = points.index(1);
    const points_t = points.t();
    const some_t = torch.ones(3, 4, 5);
    const transpose_t = some_t.transpose(0, 2);
    const second_point_clone = points.index(1).clone();
    second_point_clone.index_put_([0], 10);
    const sp = points.index(1);
    sp.index_put_([0], 10);
    const points_t_cont = points_t.contiguous();
    return {
      offset: second_point.storage_offset(), sp_size: second_point.size(), sp_stride: second_point.stride(), stride: points.stride(),
      points_t_stride: points_t.stride(), is_contig: points_t.is_contiguous(), some_t_stride: some_t.stride(),
      transpose_shape: transpose_t.shape, transpose_stride: transpose_t.stride(), points_after: points,
      cont_stride: points_t_cont.stride(), cont: points_t_cont, cont_is: points_t_cont.is_contiguous(),
      same_data: points_t.data_ptr() === points.data_ptr(),
    };
  },

  book_view_reshape() {
    const a = torch.arange(6, f32).view(2, 3);
    const at = a.t();
    return {
      view_error: err(() => at.view(-1)), reshape: at.reshape(-1), reshape_fn: at.reshape(-1).is_contiguous(),
      contig_view: at.contiguous().view(3, 2), view_bad_size: err(() => a.view(4, 2)), flatten: a.flatten(),
      unflatten: a.flatten().unflatten(0, [3, 2]),
    };
  },

  book_unsqueeze_permute_einsum() {
    const img_t = I('img3x5x5');
    const batch_t = I('batch2x3x5x5');
    const weights = torch.tensor([0.2126, 0.7152, 0.0722]);
    const img_gray_naive = img_t.mean(-3);
    const batch_gray_naive = batch_t.mean(-3);
    const unsqueezed_weights = weights.unsqueeze(-1).unsqueeze_(-1);
    const img_weights = img_t.mul(unsqueezed_weights);
    const batch_weights = batch_t.mul(unsqueezed_weights);
    const img_gray_weighted = img_weights.sum(-3);
    const batch_gray_weighted = batch_weights.sum(-3);
    const fancy = torch.einsum('...chw,c->...hw', img_t, weights);
    return {
      naive_shape: batch_gray_naive.shape, img_gray_naive, uw_shape: unsqueezed_weights.shape, batch_weights_shape: batch_weights.shape,
      img_gray_weighted, batch_gray_weighted, fancy, permuted: batch_t.permute(0, 2, 3, 1).shape,
      permuted_stride: batch_t.permute(0, 2, 3, 1).stride(), movedim: img_t.movedim(0, -1).index(0, 0),
    };
  },

  book_dtypes() {
    const double_points = torch.ones(10, 2, { dtype: torch.double });
    const short_points = torch.tensor([[1, 2], [3, 4]], { dtype: torch.short });
    const points_64 = torch.rand(5, { dtype: torch.double }).zero_().add(1.5);
    const points_short = points_64.to(torch.short);
    const prod = points_64.mul(points_short);
    return {
      double: String(double_points.dtype), short: String(short_points.dtype), zeros_double: String(torch.zeros(10, 2).double().dtype),
      to_short: String(torch.zeros(10, 2).to({ dtype: torch.short }).dtype), points_short, prod,
      int_float: torch.tensor([1, 2]).mul(torch.tensor([0.5, 0.5])), arange: torch.arange(5), arange_f: torch.arange(0, 1, 0.25),
      linspace: torch.linspace(0, 1, 5), default: String(torch.get_default_dtype()),
    };
  },

  book_indexing_masks() {
    const t = torch.tensor([[1, -2, 3], [-4, 5, -6], [7, -8, 9]], f32);
    const idx = torch.tensor([2, 0]);
    const m = t.gt(0);
    const t2 = t.clone();
    t2.index_put_([t2.lt(0)], 0);
    const t3 = t.clone();
    t3.index_put_([':', 1], torch.tensor([10, 20, 30], f32));
    return {
      mask: m, selected: t.index(m), rows: t.index(idx), cols: t.index(':', [1, 0]), both: t.index(idx, torch.tensor([0, 1])),
      clipped: t2, t3, masked_fill: t.masked_fill(m.logical_not(), -1), nonzero: m.nonzero(), any: m.any(), count: m.sum(),
      last: t.index(-1, -1), step: t.index('::2', '1:'), where_tuple: torch.where(m),
    };
  },

  book_wine_normalisation() {
    const data = I('wine');
    const target = I('wine_q');
    const data_mean = torch.mean(data, { dim: 0 });
    const data_var = torch.var(data, { dim: 0 });
    const data_normalized = data.sub(data_mean).div(torch.sqrt(data_var));
    const bad_indexes = target.le(3);
    const bad_data = data.index(bad_indexes);
    const mid_data = data.index(target.gt(3).logical_and(target.lt(7)));
    const target_onehot = torch.zeros(target.shape[0], 10);
    target_onehot.scatter_(1, target.unsqueeze(1), 1.0);
    return {
      mean: data_mean, var: data_var, std: data.std({ dim: 0, keepdim: true }), normalized: data_normalized, bad_shape: bad_data.shape,
      bad_sum: bad_indexes.sum(), bad_dtype: String(bad_indexes.dtype), mid_mean: torch.mean(mid_data, { dim: 0 }), onehot: target_onehot,
      F_one_hot: F.one_hot(target, 10), unbiased_false: data.var(0, { unbiased: false }),
    };
  },

  book_thermometer_manual() {
    const t_c = I('t_c');
    const t_u = I('t_u');
    const grad_fn = (t_u: Tensor, t_c: Tensor, t_p: Tensor): Tensor => {
      const dloss_dtp = t_p.sub(t_c).mul(2).div(t_p.size(0));
      return torch.stack([dloss_dtp.mul(t_u).sum(), dloss_dtp.sum()]);
    };
    let params = torch.tensor([1.0, 0.0], f32);
    const t_un = t_u.mul(0.1);
    const losses: number[] = [];
    for (let epoch = 1; epoch <= 100; epoch++) {
      const [w, b] = params;
      const t_p = model(t_un, w, b);
      const loss = loss_fn(t_p, t_c);
      const grad = grad_fn(t_un, t_c, t_p);
      params = params.sub(grad.mul(1e-2));
      if ([1, 2, 10, 100].includes(epoch)) losses.push(num(loss));
    }
    return { params, losses, first_loss: loss_fn(model(t_u, torch.ones([]), torch.zeros([])), t_c) };
  },

  book_thermometer_autograd() {
    const t_c = I('t_c');
    const t_u = I('t_u');
    const params = torch.tensor([1.0, 0.0], { dtype: torch.float32, requires_grad: true });
    let loss = loss_fn(model(t_u, ...(params as unknown as [Tensor, Tensor])), t_c);
    loss.backward();
    const first_grad = params.grad!.clone();
    params.grad!.zero_();
    const t_un = t_u.mul(0.1);
    for (let epoch = 1; epoch <= 500; epoch++) {
      if (params.grad !== null) params.grad.zero_();
      loss = loss_fn(model(t_un, ...(params as unknown as [Tensor, Tensor])), t_c);
      loss.backward();
      torch.no_grad(() => params.sub_(params.grad!.mul(1e-2)));
    }
    const [w, b] = params;
    return { first_grad, params, loss, loss_fn: loss.grad_fn!.name(), unpack_fn: model(t_un, w, b).grad_fn!.name() };
  },

  book_thermometer_optim_split() {
    const t_c = I('t_c');
    const t_un = I('t_u').mul(0.1);
    const shuffled = I('shuffled');
    const n_val = Math.trunc(0.2 * t_un.shape[0]);
    const train_indices = shuffled.index(`:${-n_val}`);
    const val_indices = shuffled.index(`${-n_val}:`);
    const [train_t_u, train_t_c] = [t_un.index(train_indices), t_c.index(train_indices)];
    const [val_t_u, val_t_c] = [t_un.index(val_indices), t_c.index(val_indices)];
    const params = torch.tensor([1.0, 0.0], { dtype: torch.float32, requires_grad: true });
    const optimizer = optim.Adam([params], { lr: 1e-1 });
    const trace: number[][] = [];
    const [w, b] = [() => params.index(0), () => params.index(1)];
    for (let epoch = 1; epoch <= 300; epoch++) {
      const train_loss = loss_fn(model(train_t_u, w(), b()), train_t_c);
      const val_loss = torch.no_grad(() => loss_fn(model(val_t_u, w(), b()), val_t_c));
      if (val_loss.requires_grad !== false) throw new Error('val_loss requires grad');
      optimizer.zero_grad();
      train_loss.backward();
      optimizer.step();
      if ([1, 2, 100, 300].includes(epoch)) trace.push([train_loss.cpu_item(), val_loss.cpu_item()]);
    }
    return { n_val, train_indices, val_t_c, params, trace };
  },

  book_nn_linear() {
    const t_c = I('t_c').unsqueeze(1);
    const t_un = I('t_u').unsqueeze(1).mul(0.1);
    const linear_model = nn.Linear(1, 1);
    linear_model.load_state_dict(SD('linear1'));
    const out = linear_model(t_un);
    const seq_model = seqModel();
    seq_model.load_state_dict(SD('seq_model'));
    const optimizer = optim.SGD(seq_model.parameters(), { lr: 1e-3 });
    const losses: number[] = [];
    for (let epoch = 1; epoch <= 200; epoch++) {
      const loss_train = nn.MSELoss()(seq_model(t_un), t_c);
      optimizer.zero_grad();
      loss_train.backward();
      optimizer.step();
      if ([1, 100, 200].includes(epoch)) losses.push(loss_train.cpu_item());
    }
    return {
      out, out_fn: out.grad_fn!.name(), weight: linear_model.weight, bias: linear_model.bias, ones: linear_model(torch.ones(10, 1)).shape,
      names: seq_model.named_parameters().map(([n, p]) => [n, p.shape]), losses, hidden_bias_grad: seq_model.hidden_linear.bias!.grad,
      output_weight: seq_model.output_linear.weight, repr: String(seq_model), pred: seq_model(torch.tensor([[6.5]])),
    };
  },

  book_conv_pool() {
    const conv = nn.Conv2d(3, 16, { kernel_size: 3, padding: 1 });
    conv.load_state_dict(SD('conv3_16'));
    const img = I('imgs8').index(0);
    const output = conv(img.unsqueeze(0));
    const pool = nn.MaxPool2d(2);
    const pooled = pool(output);
    torch.no_grad(() => {
      conv.bias!.zero_();
      conv.weight.fill_(1.0 / 9.0);
    });
    const blurred = conv(img.unsqueeze(0));
    const edge = nn.Conv2d(3, 1, { kernel_size: 3, padding: 1 });
    torch.no_grad(() => {
      edge.weight.index_put_([':'], torch.tensor([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]], f32));
      edge.bias!.zero_();
    });
    return {
      weight_shape: conv.weight.shape, bias_shape: conv.bias!.shape, out_shape: output.shape, out_fn: output.grad_fn!.name(), pooled,
      pooled_fn: pooled.grad_fn!.name(), blurred, edge: edge(img.unsqueeze(0)), repr: [String(conv), String(pool)],
    };
  },

  book_batchnorm_dropout_modes() {
    const net = new NetBN();
    net.load_state_dict(SD('netbn'));
    const x = I('imgs8');
    net.eval();
    const out_eval = net(x);
    net.train();
    net.conv1_dropout.p = 0.0;
    const out_train = net(x);
    const bn = net.conv1_batchnorm;
    const loss = F.cross_entropy(out_train, I('lbl8'));
    loss.backward();
    net.eval();
    const out_eval2 = net(x);
    return {
      out_eval, out_train, running_mean: bn.running_mean, running_var: bn.running_var, tracked: bn.num_batches_tracked,
      bn_weight_grad: bn.weight!.grad, conv_bias_grad: net.conv1.bias!.grad, out_eval2, keys: Object.keys(net.state_dict()),
      bn_repr: String(bn), drop_repr: String(net.conv1_dropout),
    };
  },

  book_resblock() {
    const block = new ResBlock(3);
    block.load_state_dict(SD('resblock'));
    const x = I('imgs8').requires_grad_();
    const out = block(x);
    out.sum().backward();
    return { bn_weight: block.batch_norm.weight, out, out_fn: out.grad_fn!.name(), x_grad: x.grad, conv_grad: block.conv.weight.grad };
  },

  book_weight_decay_by_hand() {
    const x = I('imgs8');
    const y = I('lbl8');
    const make = () => {
      const m = new NetBN();
      m.load_state_dict(SD('netbn'));
      m.conv1_dropout.p = 0.0;
      return m;
    };
    const [m1, m2] = [make(), make()];
    const opt1 = optim.SGD(m1.parameters(), { lr: 1e-2 });
    let loss = F.cross_entropy(m1(x), y);
    const l2_lambda = 0.001;
    const l2_norm = tsum(m1.parameters().map((p) => p.pow(2.0).sum()));
    loss = loss.add(l2_norm.mul(l2_lambda));
    opt1.zero_grad();
    loss.backward();
    opt1.step();
    const opt2 = optim.SGD(m2.parameters(), { lr: 1e-2, weight_decay: 2 * l2_lambda });
    const loss2 = F.cross_entropy(m2(x), y);
    opt2.zero_grad();
    loss2.backward();
    opt2.step();
    return { l2_norm, loss, fc2_by_hand: m1.fc2.weight, fc2_decay: m2.fc2.weight, conv_bias: m1.conv1.bias };
  },

  lstm_tagger() {
    const training_data: [string[], string[]][] = [
      ['The dog ate the apple'.split(' '), ['DET', 'NN', 'V', 'DET', 'NN']],
      ['Everybody read that book'.split(' '), ['NN', 'V', 'DET', 'NN']],
    ];
    const word_to_ix: Record<string, number> = {};
    for (const [sent] of training_data) for (const word of sent) if (!(word in word_to_ix)) word_to_ix[word] = Object.keys(word_to_ix).length;
    const tag_to_ix: Record<string, number> = { DET: 0, NN: 1, V: 2 };
    const prepare_sequence = (seq: string[], to_ix: Record<string, number>) => torch.tensor(seq.map((w) => to_ix[w]), { dtype: torch.long });
    const model = new LSTMTagger(6, 6, Object.keys(word_to_ix).length, Object.keys(tag_to_ix).length);
    model.load_state_dict(SD('tagger'));
    const loss_function = nn.NLLLoss();
    const optimizer = optim.SGD(model.parameters(), { lr: 0.1 });
    const before = torch.no_grad(() => model(prepare_sequence(training_data[0][0], word_to_ix)));
    const losses: number[] = [];
    let loss!: Tensor;
    for (let epoch = 0; epoch < 3; epoch++) {
      for (const [sentence, tags] of training_data) {
        model.zero_grad();
        const sentence_in = prepare_sequence(sentence, word_to_ix);
        const targets = prepare_sequence(tags, tag_to_ix);
        const tag_scores = model(sentence_in);
        loss = loss_function(tag_scores, targets);
        loss.backward();
        optimizer.step();
        losses.push(loss.cpu_item());
      }
    }
    const after = torch.no_grad(() => model(prepare_sequence(training_data[0][0], word_to_ix)));
    return {
      vocab: word_to_ix, before, after, argmax: after.argmax(1), losses, loss_fn: loss.grad_fn!.name(), lstm_repr: String(model.lstm),
      emb_grad_row0: model.word_embeddings.weight.grad!.index(0),
    };
  },

  lstm_hidden_tuple() {
    const lstm = nn.LSTM(3, 3);
    lstm.load_state_dict(SD('lstm3'));
    let inputs: Tensor | Tensor[] = I('seq_x').unbind(0);
    let hidden: [Tensor, Tensor] = [I('seq_h'), I('seq_c')];
    let out!: Tensor;
    for (const i of inputs) [out, hidden] = lstm(i.view(1, 1, -1), hidden);
    const [step_out, step_hidden] = [out, hidden];
    inputs = torch.cat(inputs).view(inputs.length, 1, -1);
    hidden = [I('seq_h'), I('seq_c')];
    [out, hidden] = lstm(inputs, hidden);
    return {
      step_out, step_h: step_hidden[0], step_c: step_hidden[1], out, h: hidden[0], c: hidden[1], out_fn: out.grad_fn !== null,
      no_hidden: lstm(inputs)[0].index(-1),
    };
  },

  lstm_batch_first() {
    const lstm = nn.LSTM(4, 5, { num_layers: 2, batch_first: true });
    lstm.load_state_dict(SD('lstm_bf'));
    const x = I('bf_x').requires_grad_();
    const [out, [h_n, c_n]] = lstm(x);
    out.sum().add(h_n.pow(2).sum()).backward();
    return {
      out_shape: out.shape, h_shape: h_n.shape, c_shape: c_n.shape, out, h_n, c_n, x_grad: x.grad, w_ih_l1_grad: lstm.weight_ih_l1.grad,
      names: lstm.named_parameters().map(([n]) => n), bad_input: err(() => lstm(torch.zeros(2, 3, 7))),
    };
  },
};
