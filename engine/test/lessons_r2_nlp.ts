// Family r2, "NLP from scratch" (twins of the nlp_* programs of scripts/golden/lessons_r2.py): the char-RNN
// classifier with its one-hot letters and manual update, nn.RNN/nn.GRU forward values, and the N-gram
// language model of "Word Embeddings".
import { torch, nn, F, optim } from '../index';
import type { Tensor } from '../tensor';
import { err, type Lesson } from './lessons_io';
import { I, SD } from './lessons_r2';

const all_letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ' + " .,;'";
const n_letters = all_letters.length;
const categories = ['English', 'French', 'Italian', 'Japanese'];
const n_hidden = 16;

const letterToIndex = (letter: string) => all_letters.indexOf(letter);
function letterToTensor(letter: string): Tensor {
  const tensor = torch.zeros(1, n_letters);
  tensor.index(0).index_put_([letterToIndex(letter)], 1); // tensor[0][letterToIndex(letter)] = 1
  return tensor;
}
function lineToTensor(line: string): Tensor {
  const tensor = torch.zeros(line.length, 1, n_letters);
  [...line].forEach((letter, li) => tensor.index(li).index(0).index_put_([letterToIndex(letter)], 1));
  return tensor;
}

class RNN extends nn.Module {
  i2h: nn.Linear;
  i2o: nn.Linear;
  softmax = nn.LogSoftmax({ dim: 1 });
  constructor(input_size: number, public hidden_size: number, output_size: number) {
    super();
    this.i2h = nn.Linear(input_size + hidden_size, hidden_size);
    this.i2o = nn.Linear(input_size + hidden_size, output_size);
  }
  forward(input: Tensor, hidden: Tensor): [Tensor, Tensor] {
    const combined = torch.cat([input, hidden], 1);
    hidden = this.i2h(combined);
    let output = this.i2o(combined);
    output = this.softmax(output);
    return [output, hidden];
  }
  initHidden(): Tensor {
    return torch.zeros(1, this.hidden_size);
  }
}

const test_sentence = `When forty winters shall besiege thy brow,
And dig deep trenches in thy beauty's field,
Thy youth's proud livery so gazed on now,
Will be a totter'd weed of small worth held`.split(/\s+/);
const CONTEXT_SIZE = 2;
const EMBEDDING_DIM = 10;
const ngrams: [string[], string][] = [];
for (let i = CONTEXT_SIZE; i < test_sentence.length; i++) {
  ngrams.push([Array.from({ length: CONTEXT_SIZE }, (_, j) => test_sentence[i - j - 1]), test_sentence[i]]);
}
// Python's sorted(set(...)): code-point order, as JS's default sort of strings
const vocab = [...new Set(test_sentence)].sort();
const word_to_ix = new Map(vocab.map((word, i) => [word, i]));

class NGramLanguageModeler extends nn.Module {
  embeddings: nn.Embedding;
  linear1: nn.Linear;
  linear2: nn.Linear;
  constructor(vocab_size: number, embedding_dim: number, context_size: number) {
    super();
    this.embeddings = nn.Embedding(vocab_size, embedding_dim);
    this.linear1 = nn.Linear(context_size * embedding_dim, 16);
    this.linear2 = nn.Linear(16, vocab_size);
  }
  forward(inputs: Tensor): Tensor {
    const embeds = this.embeddings(inputs).view([1, -1]);
    let out = F.relu(this.linear1(embeds));
    out = this.linear2(out);
    return F.log_softmax(out, { dim: 1 });
  }
}

export const NLP: Record<string, Lesson> = {
  nlp_char_rnn() {
    const rnn = new RNN(n_letters, n_hidden, categories.length);
    rnn.load_state_dict(SD('char_rnn'));
    const criterion = nn.NLLLoss();
    const learning_rate = 0.005;
    const J = letterToTensor('J');
    const line = lineToTensor('Jones');
    const input = letterToTensor('A');
    let hidden = torch.zeros(1, n_hidden);
    const [, next_hidden] = rnn(input, hidden);
    const categoryFromOutput = (output: Tensor): [string, number] => {
      const [, top_i] = output.topk(1);
      const category_i = top_i.index(0).cpu_item();
      return [categories[category_i], category_i];
    };
    const train = (category_tensor: Tensor, line_tensor: Tensor): [Tensor, number] => {
      let hidden = rnn.initHidden();
      rnn.zero_grad();
      let output!: Tensor;
      for (let i = 0; i < line_tensor.size()[0]; i++) [output, hidden] = rnn(line_tensor.index(i), hidden);
      const loss = criterion(output, category_tensor);
      loss.backward();
      for (const p of rnn.parameters()) p.data.add_(p.grad!.data, { alpha: -learning_rate });
      return [output, loss.cpu_item()];
    };
    const data: [string, string][] = [['Nakamura', 'Japanese'], ['Dubois', 'French'], ['Smith', 'English'], ["O'Neal", 'English'], ['Rossi', 'Italian'],
      ['Satoshi', 'Japanese'], ['Lefevre', 'French'], ['Bianchi', 'Italian']];
    const losses: number[] = [];
    const guesses: string[] = [];
    for (let epoch = 0; epoch < 3; epoch++) {
      for (const [name, category] of data) {
        const category_tensor = torch.tensor([categories.indexOf(category)], { dtype: torch.long });
        const [out, loss] = train(category_tensor, lineToTensor(name));
        losses.push(loss);
        guesses.push(categoryFromOutput(out)[0]);
      }
    }
    let output!: Tensor;
    torch.no_grad(() => {
      hidden = rnn.initHidden();
      const line_tensor = lineToTensor('Rossi');
      for (let i = 0; i < line_tensor.size()[0]; i++) [output, hidden] = rnn(line_tensor.index(i), hidden);
    });
    return {
      n_letters, index_J: letterToIndex('J'), J: J.nonzero(), line_shape: line.size(), line_hot: line.nonzero(), output,
      first_out: rnn(input, torch.zeros(1, n_hidden))[0], next_hidden, next_hidden_fn: next_hidden.grad_fn!.name(), topk: output.topk(1),
      guess: categoryFromOutput(output), losses, guesses, i2h_w: rnn.i2h.weight.index(':2'), i2o_b: rnn.i2o.bias,
      float_target: err(() => criterion(output, torch.tensor([1.0], { dtype: torch.float32 }))),
      cat_shape: err(() => rnn(torch.zeros(n_letters), hidden)), target_range: err(() => criterion(output, torch.tensor([7]))),
    };
  },

  nlp_rnn_gru_layers() {
    const seq = I('seq');
    const h0 = I('h0');
    const rnn = nn.RNN(4, 3);
    rnn.load_state_dict(SD('rnn'));
    const [out, hn] = rnn(seq, h0);
    const rnn_bf = nn.RNN(4, 3, { batch_first: true });
    rnn_bf.load_state_dict(SD('rnn'));
    const [out_bf, hn_bf] = rnn_bf(seq.transpose(0, 1));
    const gru = nn.GRU(4, 3, { num_layers: 2, batch_first: true });
    gru.load_state_dict(SD('gru2'));
    const [g_out, g_hn] = gru(seq.transpose(0, 1));
    out.sum().add(g_out.pow(2).sum()).backward();
    return {
      out, hn, same_last: torch.allclose(out.index(-1), hn.index(0)), out_bf, hn_bf, g_out, g_hn, g_out_fn: g_out.grad_fn!.name(),
      rnn_w_grad: rnn.weight_ih_l0.grad, gru_w_grad: gru.weight_hh_l1.grad, gru_keys: Object.keys(gru.state_dict()), repr: String(gru),
      bad_input: err(() => rnn(torch.zeros(5, 2, 3))), bad_h0: err(() => rnn(seq, torch.zeros(1, 3, 3))),
    };
  },

  nlp_ngram_embeddings() {
    const losses: number[] = [];
    const loss_function = nn.NLLLoss();
    const model = new NGramLanguageModeler(vocab.length, EMBEDDING_DIM, CONTEXT_SIZE);
    model.load_state_dict(SD('ngram'));
    const optimizer = optim.SGD(model.parameters(), { lr: 0.001 });
    const first = model(torch.tensor(ngrams[0][0].map((w) => word_to_ix.get(w)!), { dtype: torch.long }));
    for (let epoch = 0; epoch < 3; epoch++) {
      let total_loss = 0;
      for (const [context, target] of ngrams) {
        const context_idxs = torch.tensor(context.map((w) => word_to_ix.get(w)!), { dtype: torch.long });
        model.zero_grad();
        const log_probs = model(context_idxs);
        const loss = loss_function(log_probs, torch.tensor([word_to_ix.get(target)!], { dtype: torch.long }));
        loss.backward();
        optimizer.step();
        total_loss += loss.cpu_item();
      }
      losses.push(total_loss);
    }
    const emb = nn.Embedding(vocab.length, 5);
    return {
      ngrams0: ngrams.slice(0, 2), vocab_size: vocab.length, first, first_fn: first.grad_fn!.name(), losses,
      beauty: model.embeddings.weight.index(word_to_ix.get("beauty's")!), emb_shape: emb(torch.tensor([[1, 2], [3, 4]])).shape,
      emb_grad_rows: model.embeddings.weight.grad!.abs().sum(1).nonzero().flatten(),
      out_of_range: err(() => emb(torch.tensor([vocab.length]))), float_idx: err(() => emb(torch.tensor([1.0], { dtype: torch.float32 }))),
      view_bad: err(() => model(torch.tensor([[1, 2], [3, 4]]))),
    };
  },
};
