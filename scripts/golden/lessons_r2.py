"""Family r2: the autograd mechanics learners reach after the first lessons (retain_grad, tensor hooks,
torch.autograd.grad with create_graph, a gradient penalty, retain_graph, grad modes, detach_, next_functions,
jacobian) and "NLP from scratch" (the char-RNN classifier, nn.RNN/nn.GRU, the N-gram language model of
"Word Embeddings"), as a learner writes them (see lessons.py for the format). The char-RNN's hidden size is
16 (the tutorial's 128) and the N-gram model's 16 (128) so the stored weights stay small."""
import string

import torch
import torch.nn.functional as F
from torch import nn, optim

from lessons import I, SD, err, fixed, fixed_sd, lesson, randn

fixed('x3', randn(4, 3, seed=201))
fixed('real', randn(5, 3, seed=202))
fixed('fake', randn(5, 3, seed=203))
fixed('alpha', torch.rand(5, 1, generator=torch.Generator().manual_seed(204)))
fixed('seq', randn(5, 2, 4, seed=205))
fixed('h0', randn(1, 2, 3, seed=206))
torch.manual_seed(207)
fixed_sd('critic', nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1)))
torch.manual_seed(208)
fixed_sd('rnn', nn.RNN(4, 3))
torch.manual_seed(209)
fixed_sd('gru2', nn.GRU(4, 3, num_layers=2, batch_first=True))


def names(fn):
    """grad_fn.next_functions as nested [name, [...]] lists (None for an input outside the graph)."""
    if fn is None:
        return None
    return [type(fn).__name__, [names(f) for f, _ in fn.next_functions]]


@lesson
def ag_retain_grad_and_hooks():
    x = I('x3').requires_grad_()
    y = x * 2
    y.retain_grad()
    z = (y * y).sum()
    z.backward()
    out = {'y_grad': y.grad, 'x_grad': x.grad.clone(), 'y_leaf': y.is_leaf, 'x_leaf': x.is_leaf, 'retains': y.retains_grad,
           'x_retains': x.retains_grad}
    x.grad = None
    h = x.register_hook(lambda grad: grad * 2)
    seen = []
    y = x * 3
    y.register_hook(lambda grad: seen.append(grad.clone()))
    (y ** 2).sum().backward()
    out.update(hooked=x.grad.clone(), seen=seen)
    h.remove()
    x.grad = None
    (x * 3).sum().backward()
    out['after_remove'] = x.grad
    w = torch.tensor([1.0, -2.0], requires_grad=True)
    v = w * w
    v.register_hook(lambda g: g * torch.tensor([10.0, 0.0]))
    v.sum().backward()
    out['nonleaf_hook'] = w.grad
    out['hook_no_grad'] = err(lambda: torch.ones(2).register_hook(lambda g: g))
    out['retain_no_grad'] = err(lambda: torch.ones(2).retain_grad())
    return out


@lesson
def ag_grad_create_graph():
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = (x ** 3).sum()
    g, = torch.autograd.grad(y, x, create_graph=True)
    g2, = torch.autograd.grad(g.sum(), x)
    s = torch.tensor(2.0, requires_grad=True)
    f = s ** 4 + torch.sin(s)
    d1, = torch.autograd.grad(f, s, create_graph=True)
    d2, = torch.autograd.grad(d1, s, create_graph=True)
    d3, = torch.autograd.grad(d2, s)
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    b = torch.tensor([3.0, 4.0], requires_grad=True)
    ga, gb = torch.autograd.grad((a * b).sum(), [a, b])
    c = torch.tensor([1.0], requires_grad=True)
    y2 = (x * x).sum()
    torch.autograd.grad(y2, x)
    return {'g': g, 'g_fn': g.grad_fn.name(), 'g2': g2, 'd1': d1, 'd2': d2, 'd3': d3, 'ga': ga, 'gb': gb, 'x_grad_untouched': x.grad,
            'unused': err(lambda: torch.autograd.grad((a * 2).sum(), [a, c])),
            'allow_unused': torch.autograd.grad((a * 2).sum(), [a, c], allow_unused=True),
            'non_scalar': err(lambda: torch.autograd.grad(a * 2, a)),
            'grad_outputs': torch.autograd.grad(a * b, a, grad_outputs=torch.tensor([1.0, 0.5]))[0],
            'twice': err(lambda: torch.autograd.grad(y2, x)),
            'jacobian': torch.autograd.functional.jacobian(lambda t: t ** 2 * torch.tensor([1.0, 3.0]), torch.tensor([1.0, 2.0])),
            'jac_two': torch.autograd.functional.jacobian(lambda p, q: (p * q).sum(0), (torch.tensor([[1.0, 2.0]]), torch.tensor([3.0, 4.0]))),
            'hessian': torch.autograd.functional.hessian(lambda t: (t ** 3).sum() + t[0] * t[1], torch.tensor([1.0, 2.0]))}


@lesson
def ag_gradient_penalty():
    D = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1))
    D.load_state_dict(SD('critic'))
    real, fake, alpha = I('real'), I('fake'), I('alpha')
    interpolates = (alpha * real + ((1 - alpha) * fake)).requires_grad_(True)
    d_interpolates = D(interpolates)
    gradients = torch.autograd.grad(outputs=d_interpolates, inputs=interpolates, grad_outputs=torch.ones_like(d_interpolates),
                                    create_graph=True, retain_graph=True, only_inputs=True)[0]
    gradient_penalty = ((gradients.norm(2, dim=1) - 1) ** 2).mean()
    loss = D(fake).mean() - D(real).mean() + 10 * gradient_penalty
    loss.backward()
    return {'gradients': gradients, 'gradients_fn': gradients.grad_fn.name(), 'norms': gradients.norm(2, dim=1), 'gp': gradient_penalty,
            'loss': loss, 'w0_grad': D[0].weight.grad, 'b0_grad': D[0].bias.grad, 'w2_grad': D[2].weight.grad,
            'interp_grad': interpolates.grad}


@lesson
def ag_modes_and_flags():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    z = x * x
    s = z.sum()
    s.backward(retain_graph=True)
    first = x.grad.clone()
    s.backward()
    out = {'first': first, 'accumulated': x.grad.clone(), 'third': err(lambda: s.backward())}
    x.grad.data.zero_()
    out['zeroed'] = x.grad
    with torch.no_grad():
        a = x * 2
        with torch.enable_grad():
            b = x * 2
        c = x * 2
    out.update(no_grad_rg=a.requires_grad, enable_rg=b.requires_grad, b_fn=b.grad_fn.name(), after_rg=c.requires_grad,
               is_enabled=torch.is_grad_enabled())
    with torch.inference_mode():
        inf = x * 2
    out.update(inference_rg=inf.requires_grad, inference_fn=inf.grad_fn, inference_val=inf)
    torch.set_grad_enabled(False)
    off = x * 2
    torch.set_grad_enabled(True)
    out['set_grad_off'] = off.requires_grad
    w = torch.tensor([0.5, -0.5], requires_grad=True)
    w.requires_grad_(False)
    y1 = w * 3
    w.requires_grad_()
    y2 = w * 3
    out.update(toggled_off=y1.requires_grad, toggled_on=y2.requires_grad, nonleaf_off=err(lambda: y2.requires_grad_(False)),
               int_rg=err(lambda: torch.tensor([1, 2]).requires_grad_()))
    d = x * 5
    d.detach_()
    e = x.detach()
    out.update(detach_rg=d.requires_grad, detach_leaf=d.is_leaf, detach_fn=d.grad_fn, detached=e, e_leaf=e.is_leaf,
               shares=e.data_ptr() == x.data_ptr(), const_leaf=(torch.ones(2) * 2).is_leaf, param_leaf=nn.Linear(2, 2).weight.is_leaf,
               nonleaf_grad=(x * 2).grad, inplace_leaf=err(lambda: x.add_(1)), non_scalar=err(lambda: (x * 2).backward()),
               no_grad_backward=err(lambda: torch.ones(2).sum().backward()))
    p = torch.tensor([2.0], requires_grad=True)
    q = torch.tensor([3.0], requires_grad=True)
    r = (p * q + p.exp()).sum()
    out['next_functions'] = names(r.grad_fn)
    out['next_const'] = names((p * torch.ones(1)).grad_fn)
    out['acc_var'] = r.grad_fn.next_functions[0][0].next_functions[0][0].next_functions[0][0].variable is p
    return out


all_letters = string.ascii_letters + " .,;'"
n_letters = len(all_letters)
categories = ['English', 'French', 'Italian', 'Japanese']
n_hidden = 16
torch.manual_seed(210)


def letterToIndex(letter):
    return all_letters.find(letter)


def letterToTensor(letter):
    tensor = torch.zeros(1, n_letters)
    tensor[0][letterToIndex(letter)] = 1
    return tensor


def lineToTensor(line):
    tensor = torch.zeros(len(line), 1, n_letters)
    for li, letter in enumerate(line):
        tensor[li][0][letterToIndex(letter)] = 1
    return tensor


class RNN(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super(RNN, self).__init__()
        self.hidden_size = hidden_size
        self.i2h = nn.Linear(input_size + hidden_size, hidden_size)
        self.i2o = nn.Linear(input_size + hidden_size, output_size)
        self.softmax = nn.LogSoftmax(dim=1)

    def forward(self, input, hidden):
        combined = torch.cat((input, hidden), 1)
        hidden = self.i2h(combined)
        output = self.i2o(combined)
        output = self.softmax(output)
        return output, hidden

    def initHidden(self):
        return torch.zeros(1, self.hidden_size)


fixed_sd('char_rnn', RNN(n_letters, n_hidden, len(categories)))


@lesson
def nlp_char_rnn():
    rnn = RNN(n_letters, n_hidden, len(categories))
    rnn.load_state_dict(SD('char_rnn'))
    criterion = nn.NLLLoss()
    learning_rate = 0.005
    J = letterToTensor('J')
    line = lineToTensor('Jones')
    input = letterToTensor('A')
    hidden = torch.zeros(1, n_hidden)
    output, next_hidden = rnn(input, hidden)

    def categoryFromOutput(output):
        top_n, top_i = output.topk(1)
        category_i = top_i[0].item()
        return categories[category_i], category_i

    def train(category_tensor, line_tensor):
        hidden = rnn.initHidden()
        rnn.zero_grad()
        for i in range(line_tensor.size()[0]):
            output, hidden = rnn(line_tensor[i], hidden)
        loss = criterion(output, category_tensor)
        loss.backward()
        for p in rnn.parameters():
            p.data.add_(p.grad.data, alpha=-learning_rate)
        return output, loss.item()
    data = [('Nakamura', 'Japanese'), ('Dubois', 'French'), ('Smith', 'English'), ("O'Neal", 'English'), ('Rossi', 'Italian'),
            ('Satoshi', 'Japanese'), ('Lefevre', 'French'), ('Bianchi', 'Italian')]
    losses, guesses = [], []
    for epoch in range(3):
        for name, category in data:
            category_tensor = torch.tensor([categories.index(category)], dtype=torch.long)
            out, loss = train(category_tensor, lineToTensor(name))
            losses.append(loss)
            guesses.append(categoryFromOutput(out)[0])
    with torch.no_grad():
        hidden = rnn.initHidden()
        line_tensor = lineToTensor('Rossi')
        for i in range(line_tensor.size()[0]):
            output, hidden = rnn(line_tensor[i], hidden)
    return {'n_letters': n_letters, 'index_J': letterToIndex('J'), 'J': J.nonzero(), 'line_shape': line.size(), 'line_hot': line.nonzero(),
            'output': output, 'first_out': rnn(input, torch.zeros(1, n_hidden))[0], 'next_hidden': next_hidden,
            'next_hidden_fn': next_hidden.grad_fn.name(), 'topk': output.topk(1), 'guess': categoryFromOutput(output),
            'losses': losses, 'guesses': guesses, 'i2h_w': rnn.i2h.weight[:2], 'i2o_b': rnn.i2o.bias,
            'float_target': err(lambda: criterion(output, torch.tensor([1.0]))),
            'cat_shape': err(lambda: rnn(torch.zeros(n_letters), hidden)),
            'target_range': err(lambda: criterion(output, torch.tensor([7])))}


@lesson
def nlp_rnn_gru_layers():
    seq, h0 = I('seq'), I('h0')
    rnn = nn.RNN(4, 3)
    rnn.load_state_dict(SD('rnn'))
    out, hn = rnn(seq, h0)
    rnn_bf = nn.RNN(4, 3, batch_first=True)
    rnn_bf.load_state_dict(SD('rnn'))
    out_bf, hn_bf = rnn_bf(seq.transpose(0, 1))
    gru = nn.GRU(4, 3, num_layers=2, batch_first=True)
    gru.load_state_dict(SD('gru2'))
    g_out, g_hn = gru(seq.transpose(0, 1))
    (out.sum() + g_out.pow(2).sum()).backward()
    return {'out': out, 'hn': hn, 'same_last': torch.allclose(out[-1], hn[0]), 'out_bf': out_bf, 'hn_bf': hn_bf, 'g_out': g_out,
            'g_hn': g_hn, 'g_out_fn': g_out.grad_fn.name(), 'rnn_w_grad': rnn.weight_ih_l0.grad,
            'gru_w_grad': gru.weight_hh_l1.grad, 'gru_keys': list(gru.state_dict().keys()), 'repr': repr(gru),
            'bad_input': err(lambda: rnn(torch.zeros(5, 2, 3))), 'bad_h0': err(lambda: rnn(seq, torch.zeros(1, 3, 3)))}


test_sentence = """When forty winters shall besiege thy brow,
And dig deep trenches in thy beauty's field,
Thy youth's proud livery so gazed on now,
Will be a totter'd weed of small worth held""".split()
CONTEXT_SIZE = 2
EMBEDDING_DIM = 10
ngrams = [([test_sentence[i - j - 1] for j in range(CONTEXT_SIZE)], test_sentence[i]) for i in range(CONTEXT_SIZE, len(test_sentence))]
vocab = sorted(set(test_sentence))  # the tutorial's set(): its order changes between runs; sorted here and in TypeScript
word_to_ix = {word: i for i, word in enumerate(vocab)}


class NGramLanguageModeler(nn.Module):
    def __init__(self, vocab_size, embedding_dim, context_size):
        super(NGramLanguageModeler, self).__init__()
        self.embeddings = nn.Embedding(vocab_size, embedding_dim)
        self.linear1 = nn.Linear(context_size * embedding_dim, 16)
        self.linear2 = nn.Linear(16, vocab_size)

    def forward(self, inputs):
        embeds = self.embeddings(inputs).view((1, -1))
        out = F.relu(self.linear1(embeds))
        out = self.linear2(out)
        log_probs = F.log_softmax(out, dim=1)
        return log_probs


torch.manual_seed(211)
fixed_sd('ngram', NGramLanguageModeler(len(vocab), EMBEDDING_DIM, CONTEXT_SIZE))


@lesson
def nlp_ngram_embeddings():
    losses = []
    loss_function = nn.NLLLoss()
    model = NGramLanguageModeler(len(vocab), EMBEDDING_DIM, CONTEXT_SIZE)
    model.load_state_dict(SD('ngram'))
    optimizer = optim.SGD(model.parameters(), lr=0.001)
    first = model(torch.tensor([word_to_ix[w] for w in ngrams[0][0]], dtype=torch.long))
    for epoch in range(3):
        total_loss = 0
        for context, target in ngrams:
            context_idxs = torch.tensor([word_to_ix[w] for w in context], dtype=torch.long)
            model.zero_grad()
            log_probs = model(context_idxs)
            loss = loss_function(log_probs, torch.tensor([word_to_ix[target]], dtype=torch.long))
            loss.backward()
            optimizer.step()
            total_loss += loss.item()
        losses.append(total_loss)
    emb = nn.Embedding(len(vocab), 5)
    return {'ngrams0': ngrams[:2], 'vocab_size': len(vocab), 'first': first, 'first_fn': first.grad_fn.name(), 'losses': losses,
            'beauty': model.embeddings.weight[word_to_ix["beauty's"]], 'emb_shape': emb(torch.tensor([[1, 2], [3, 4]])).shape,
            'emb_grad_rows': model.embeddings.weight.grad.abs().sum(1).nonzero().flatten(),
            'out_of_range': err(lambda: emb(torch.tensor([len(vocab)]))), 'float_idx': err(lambda: emb(torch.tensor([1.0]))),
            'view_bad': err(lambda: model(torch.tensor([[1, 2], [3, 4]])))}
