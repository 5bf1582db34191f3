"""*Deep Learning with PyTorch* ch. 3-8 and the sequence-models tutorial's LSTM (see lessons.py)."""
from collections import OrderedDict

import torch
import torch.nn.functional as F
import torch.optim as optim
from torch import nn

from lessons import I, SD, err, fixed, fixed_sd, lesson, rand, randn

fixed('t_c', torch.tensor([0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]))
fixed('t_u', torch.tensor([35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]))
fixed('shuffled', torch.randperm(11, generator=torch.Generator().manual_seed(21)))
fixed('img3x5x5', randn(3, 5, 5, seed=22))
fixed('batch2x3x5x5', randn(2, 3, 5, 5, seed=23))
fixed('wine', rand(10, 4, seed=24) * 10)
fixed('wine_q', torch.tensor([5, 6, 3, 7, 4, 5, 8, 3, 6, 5]))
fixed('imgs8', randn(4, 3, 8, 8, seed=25))
fixed('lbl8', torch.tensor([1, 0, 0, 1]))
fixed('seq_x', randn(5, 1, 3, seed=26))
fixed('seq_h', randn(1, 1, 3, seed=27))
fixed('seq_c', randn(1, 1, 3, seed=28))
fixed('bf_x', randn(2, 3, 4, seed=29))


class NetBN(nn.Module):
    """Ch. 8's NetBatchNorm and NetDropout in one, on 8x8 images."""
    def __init__(self, n_chans1=4):
        super().__init__()
        self.n_chans1 = n_chans1
        self.conv1 = nn.Conv2d(3, n_chans1, kernel_size=3, padding=1)
        self.conv1_batchnorm = nn.BatchNorm2d(num_features=n_chans1)
        self.conv1_dropout = nn.Dropout2d(p=0.4)
        self.fc1 = nn.Linear(4 * 4 * n_chans1, 8)
        self.fc2 = nn.Linear(8, 2)

    def forward(self, x):
        out = self.conv1_batchnorm(self.conv1(x))
        out = F.max_pool2d(torch.tanh(out), 2)
        out = self.conv1_dropout(out)
        out = out.view(-1, 4 * 4 * self.n_chans1)
        out = torch.tanh(self.fc1(out))
        return self.fc2(out)


class ResBlock(nn.Module):
    def __init__(self, n_chans):
        super().__init__()
        self.conv = nn.Conv2d(n_chans, n_chans, kernel_size=3, padding=1, bias=False)
        self.batch_norm = nn.BatchNorm2d(num_features=n_chans)
        torch.nn.init.constant_(self.batch_norm.weight, 0.5)
        torch.nn.init.zeros_(self.batch_norm.bias)

    def forward(self, x):
        out = self.conv(x)
        out = self.batch_norm(out)
        out = torch.relu(out)
        return out + x


class LSTMTagger(nn.Module):
    def __init__(self, embedding_dim, hidden_dim, vocab_size, tagset_size):
        super().__init__()
        self.hidden_dim = hidden_dim
        self.word_embeddings = nn.Embedding(vocab_size, embedding_dim)
        self.lstm = nn.LSTM(embedding_dim, hidden_dim)
        self.hidden2tag = nn.Linear(hidden_dim, tagset_size)

    def forward(self, sentence):
        embeds = self.word_embeddings(sentence)
        lstm_out, _ = self.lstm(embeds.view(len(sentence), 1, -1))
        tag_space = self.hidden2tag(lstm_out.view(len(sentence), -1))
        return F.log_softmax(tag_space, dim=1)


torch.manual_seed(31)
fixed_sd('seq_model', nn.Sequential(OrderedDict([('hidden_linear', nn.Linear(1, 13)), ('hidden_activation', nn.Tanh()),
                                                 ('output_linear', nn.Linear(13, 1))])))
fixed_sd('linear1', nn.Linear(1, 1))
fixed_sd('netbn', NetBN())
fixed_sd('resblock', ResBlock(3))
fixed_sd('conv3_16', nn.Conv2d(3, 16, kernel_size=3, padding=1))
fixed_sd('tagger', LSTMTagger(6, 6, 9, 3))
fixed_sd('lstm3', nn.LSTM(3, 3))
fixed_sd('lstm_bf', nn.LSTM(4, 5, num_layers=2, batch_first=True))


@lesson
def book_storage_stride():
    points = torch.tensor([[4.0, 1.0], [5.0, 3.0], [2.0, 1.0]])
    second_point = points[1]
    points_t = points.t()
    some_t = torch.ones(3, 4, 5)
    transpose_t = some_t.transpose(0, 2)
    second_point_clone = points[1].clone()
    second_point_clone[0] = 10.0
    sp = points[1]
    sp[0] = 10.0
    points_t_cont = points_t.contiguous()
    return {'offset': second_point.storage_offset(), 'sp_size': second_point.size(), 'sp_stride': second_point.stride(),
            'stride': points.stride(), 'points_t_stride': points_t.stride(), 'is_contig': points_t.is_contiguous(),
            'some_t_stride': some_t.stride(), 'transpose_shape': transpose_t.shape, 'transpose_stride': transpose_t.stride(),
            'points_after': points, 'cont_stride': points_t_cont.stride(), 'cont': points_t_cont,
            'cont_is': points_t_cont.is_contiguous(), 'same_data': points_t.data_ptr() == points.data_ptr()}


@lesson
def book_view_reshape():
    a = torch.arange(6.0).view(2, 3)
    at = a.t()
    return {'view_error': err(lambda: at.view(-1)), 'reshape': at.reshape(-1), 'reshape_fn': at.reshape(-1).is_contiguous(),
            'contig_view': at.contiguous().view(3, 2), 'view_bad_size': err(lambda: a.view(4, 2)),
            'flatten': a.flatten(), 'unflatten': a.flatten().unflatten(0, (3, 2))}


@lesson
def book_unsqueeze_permute_einsum():
    img_t = I('img3x5x5')
    batch_t = I('batch2x3x5x5')
    weights = torch.tensor([0.2126, 0.7152, 0.0722])
    img_gray_naive = img_t.mean(-3)
    batch_gray_naive = batch_t.mean(-3)
    unsqueezed_weights = weights.unsqueeze(-1).unsqueeze_(-1)
    img_weights = (img_t * unsqueezed_weights)
    batch_weights = (batch_t * unsqueezed_weights)
    img_gray_weighted = img_weights.sum(-3)
    batch_gray_weighted = batch_weights.sum(-3)
    fancy = torch.einsum('...chw,c->...hw', img_t, weights)
    return {'naive_shape': batch_gray_naive.shape, 'img_gray_naive': img_gray_naive, 'uw_shape': unsqueezed_weights.shape,
            'batch_weights_shape': batch_weights.shape, 'img_gray_weighted': img_gray_weighted,
            'batch_gray_weighted': batch_gray_weighted, 'fancy': fancy, 'permuted': batch_t.permute(0, 2, 3, 1).shape,
            'permuted_stride': batch_t.permute(0, 2, 3, 1).stride(), 'movedim': img_t.movedim(0, -1)[0, 0]}


@lesson
def book_dtypes():
    double_points = torch.ones(10, 2, dtype=torch.double)
    short_points = torch.tensor([[1, 2], [3, 4]], dtype=torch.short)
    points_64 = torch.rand(5, dtype=torch.double).zero_().add(1.5)
    points_short = points_64.to(torch.short)
    prod = points_64 * points_short
    return {'double': double_points.dtype, 'short': short_points.dtype, 'zeros_double': torch.zeros(10, 2).double().dtype,
            'to_short': torch.zeros(10, 2).to(dtype=torch.short).dtype, 'points_short': points_short, 'prod': prod,
            'int_float': (torch.tensor([1, 2]) * torch.tensor([0.5, 0.5])), 'arange': torch.arange(5),
            'arange_f': torch.arange(0, 1, 0.25), 'linspace': torch.linspace(0, 1, 5), 'default': torch.get_default_dtype()}


@lesson
def book_indexing_masks():
    t = torch.tensor([[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0], [7.0, -8.0, 9.0]])
    idx = torch.tensor([2, 0])
    m = t > 0
    t2 = t.clone()
    t2[t2 < 0] = 0
    t3 = t.clone()
    t3[:, 1] = torch.tensor([10.0, 20.0, 30.0])
    return {'mask': m, 'selected': t[m], 'rows': t[idx], 'cols': t[:, [1, 0]], 'both': t[idx, torch.tensor([0, 1])],
            'clipped': t2, 't3': t3, 'masked_fill': t.masked_fill(~m, -1.0), 'nonzero': m.nonzero(), 'any': m.any(),
            'count': m.sum(), 'last': t[-1, -1], 'step': t[::2, 1:], 'where_tuple': torch.where(m)}


@lesson
def book_wine_normalisation():
    data = I('wine')
    target = I('wine_q')
    data_mean = torch.mean(data, dim=0)
    data_var = torch.var(data, dim=0)
    data_normalized = (data - data_mean) / torch.sqrt(data_var)
    bad_indexes = target <= 3
    bad_data = data[bad_indexes]
    mid_data = data[(target > 3) & (target < 7)]
    target_onehot = torch.zeros(target.shape[0], 10)
    target_onehot.scatter_(1, target.unsqueeze(1), 1.0)
    return {'mean': data_mean, 'var': data_var, 'std': data.std(dim=0, keepdim=True), 'normalized': data_normalized,
            'bad_shape': bad_data.shape, 'bad_sum': bad_indexes.sum(), 'bad_dtype': bad_indexes.dtype,
            'mid_mean': torch.mean(mid_data, dim=0), 'onehot': target_onehot, 'F_one_hot': F.one_hot(target, 10),
            'unbiased_false': data.var(0, unbiased=False)}


def model(t_u, w, b):
    return w * t_u + b


def loss_fn(t_p, t_c):
    return ((t_p - t_c) ** 2).mean()


@lesson
def book_thermometer_manual():
    t_c, t_u = I('t_c'), I('t_u')

    def grad_fn(t_u, t_c, t_p, w, b):
        dloss_dtp = 2 * (t_p - t_c) / t_p.size(0)
        return torch.stack([(dloss_dtp * t_u).sum(), dloss_dtp.sum()])

    params = torch.tensor([1.0, 0.0])
    t_un = 0.1 * t_u
    losses = []
    for epoch in range(1, 101):
        w, b = params
        t_p = model(t_un, w, b)
        loss = loss_fn(t_p, t_c)
        grad = grad_fn(t_un, t_c, t_p, w, b)
        params = params - 1e-2 * grad
        if epoch in (1, 2, 10, 100):
            losses.append(float(loss))
    return {'params': params, 'losses': losses, 'first_loss': loss_fn(model(t_u, torch.ones(()), torch.zeros(())), t_c)}


@lesson
def book_thermometer_autograd():
    t_c, t_u = I('t_c'), I('t_u')
    params = torch.tensor([1.0, 0.0], requires_grad=True)
    loss = loss_fn(model(t_u, *params), t_c)
    loss.backward()
    first_grad = params.grad.clone()
    params.grad.zero_()
    t_un = 0.1 * t_u
    for epoch in range(1, 501):
        if params.grad is not None:
            params.grad.zero_()
        loss = loss_fn(model(t_un, *params), t_c)
        loss.backward()
        with torch.no_grad():
            params -= 1e-2 * params.grad
    return {'first_grad': first_grad, 'params': params, 'loss': loss, 'loss_fn': loss.grad_fn.name(),
            'unpack_fn': model(t_un, *params).grad_fn.name()}


@lesson
def book_thermometer_optim_split():
    t_c, t_u = I('t_c'), I('t_u')
    t_un = 0.1 * t_u
    shuffled = I('shuffled')
    n_val = int(0.2 * t_u.shape[0])
    train_indices, val_indices = shuffled[:-n_val], shuffled[-n_val:]
    train_t_u, train_t_c = t_un[train_indices], t_c[train_indices]
    val_t_u, val_t_c = t_un[val_indices], t_c[val_indices]
    params = torch.tensor([1.0, 0.0], requires_grad=True)
    optimizer = optim.Adam([params], lr=1e-1)
    trace = []
    for epoch in range(1, 301):
        train_loss = loss_fn(model(train_t_u, *params), train_t_c)
        with torch.no_grad():
            val_loss = loss_fn(model(val_t_u, *params), val_t_c)
            assert val_loss.requires_grad is False
        optimizer.zero_grad()
        train_loss.backward()
        optimizer.step()
        if epoch in (1, 2, 100, 300):
            trace.append([train_loss.item(), val_loss.item()])
    return {'n_val': n_val, 'train_indices': train_indices, 'val_t_c': val_t_c, 'params': params, 'trace': trace}


@lesson
def book_nn_linear():
    t_c, t_u = I('t_c').unsqueeze(1), I('t_u').unsqueeze(1)
    t_un = 0.1 * t_u
    linear_model = nn.Linear(1, 1)
    linear_model.load_state_dict(SD('linear1'))
    out = linear_model(t_un)
    seq_model = nn.Sequential(OrderedDict([('hidden_linear', nn.Linear(1, 13)), ('hidden_activation', nn.Tanh()),
                                           ('output_linear', nn.Linear(13, 1))]))
    seq_model.load_state_dict(SD('seq_model'))
    optimizer = optim.SGD(seq_model.parameters(), lr=1e-3)
    losses = []
    for epoch in range(1, 201):
        loss_train = nn.MSELoss()(seq_model(t_un), t_c)
        optimizer.zero_grad()
        loss_train.backward()
        optimizer.step()
        if epoch in (1, 100, 200):
            losses.append(loss_train.item())
    return {'out': out, 'out_fn': out.grad_fn.name(), 'weight': linear_model.weight, 'bias': linear_model.bias,
            'ones': linear_model(torch.ones(10, 1)).shape, 'names': [[n, p.shape] for n, p in seq_model.named_parameters()],
            'losses': losses, 'hidden_bias_grad': seq_model.hidden_linear.bias.grad, 'output_weight': seq_model.output_linear.weight,
            'repr': str(seq_model), 'pred': seq_model(torch.tensor([[6.5]]))}


@lesson
def book_conv_pool():
    conv = nn.Conv2d(3, 16, kernel_size=3, padding=1)
    conv.load_state_dict(SD('conv3_16'))
    img = I('imgs8')[0]
    output = conv(img.unsqueeze(0))
    pool = nn.MaxPool2d(2)
    pooled = pool(output)
    with torch.no_grad():
        conv.bias.zero_()
        conv.weight.fill_(1.0 / 9.0)
    blurred = conv(img.unsqueeze(0))
    edge = nn.Conv2d(3, 1, kernel_size=3, padding=1)
    with torch.no_grad():
        edge.weight[:] = torch.tensor([[-1.0, 0.0, 1.0], [-1.0, 0.0, 1.0], [-1.0, 0.0, 1.0]])
        edge.bias.zero_()
    return {'weight_shape': conv.weight.shape, 'bias_shape': conv.bias.shape, 'out_shape': output.shape,
            'out_fn': output.grad_fn.name(), 'pooled': pooled, 'pooled_fn': pooled.grad_fn.name(), 'blurred': blurred,
            'edge': edge(img.unsqueeze(0)), 'repr': [str(conv), str(pool)]}


@lesson
def book_batchnorm_dropout_modes():
    net = NetBN()
    net.load_state_dict(SD('netbn'))
    x = I('imgs8')
    net.eval()
    out_eval = net(x)
    net.train()
    net.conv1_dropout.p = 0.0
    out_train = net(x)
    bn = net.conv1_batchnorm
    loss = F.cross_entropy(out_train, I('lbl8'))
    loss.backward()
    net.eval()
    out_eval2 = net(x)
    return {'out_eval': out_eval, 'out_train': out_train, 'running_mean': bn.running_mean, 'running_var': bn.running_var,
            'tracked': bn.num_batches_tracked, 'bn_weight_grad': bn.weight.grad, 'conv_bias_grad': net.conv1.bias.grad,
            'out_eval2': out_eval2, 'keys': list(net.state_dict().keys()), 'bn_repr': str(bn), 'drop_repr': str(net.conv1_dropout)}


@lesson
def book_resblock():
    block = ResBlock(3)
    block.load_state_dict(SD('resblock'))
    x = I('imgs8').requires_grad_()
    out = block(x)
    out.sum().backward()
    return {'bn_weight': block.batch_norm.weight, 'out': out, 'out_fn': out.grad_fn.name(), 'x_grad': x.grad,
            'conv_grad': block.conv.weight.grad}


@lesson
def book_weight_decay_by_hand():
    torch.manual_seed(0)
    x, y = I('imgs8'), I('lbl8')

    def make():
        m = NetBN()
        m.load_state_dict(SD('netbn'))
        m.conv1_dropout.p = 0.0
        return m
    m1, m2 = make(), make()
    opt1 = optim.SGD(m1.parameters(), lr=1e-2)
    loss = F.cross_entropy(m1(x), y)
    l2_lambda = 0.001
    l2_norm = sum(p.pow(2.0).sum() for p in m1.parameters())
    loss = loss + l2_lambda * l2_norm
    opt1.zero_grad()
    loss.backward()
    opt1.step()
    opt2 = optim.SGD(m2.parameters(), lr=1e-2, weight_decay=2 * l2_lambda)
    loss2 = F.cross_entropy(m2(x), y)
    opt2.zero_grad()
    loss2.backward()
    opt2.step()
    return {'l2_norm': l2_norm, 'loss': loss, 'fc2_by_hand': m1.fc2.weight, 'fc2_decay': m2.fc2.weight,
            'conv_bias': m1.conv1.bias}


@lesson
def lstm_tagger():
    training_data = [("The dog ate the apple".split(), ["DET", "NN", "V", "DET", "NN"]),
                     ("Everybody read that book".split(), ["NN", "V", "DET", "NN"])]
    word_to_ix = {}
    for sent, tags in training_data:
        for word in sent:
            if word not in word_to_ix:
                word_to_ix[word] = len(word_to_ix)
    tag_to_ix = {"DET": 0, "NN": 1, "V": 2}

    def prepare_sequence(seq, to_ix):
        return torch.tensor([to_ix[w] for w in seq], dtype=torch.long)
    model = LSTMTagger(6, 6, len(word_to_ix), len(tag_to_ix))
    model.load_state_dict(SD('tagger'))
    loss_function = nn.NLLLoss()
    optimizer = optim.SGD(model.parameters(), lr=0.1)
    with torch.no_grad():
        before = model(prepare_sequence(training_data[0][0], word_to_ix))
    losses = []
    for epoch in range(3):
        for sentence, tags in training_data:
            model.zero_grad()
            sentence_in = prepare_sequence(sentence, word_to_ix)
            targets = prepare_sequence(tags, tag_to_ix)
            tag_scores = model(sentence_in)
            loss = loss_function(tag_scores, targets)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    with torch.no_grad():
        after = model(prepare_sequence(training_data[0][0], word_to_ix))
    return {'vocab': word_to_ix, 'before': before, 'after': after, 'argmax': after.argmax(1), 'losses': losses,
            'loss_fn': loss.grad_fn.name(), 'lstm_repr': str(model.lstm), 'emb_grad_row0': model.word_embeddings.weight.grad[0]}


@lesson
def lstm_hidden_tuple():
    lstm = nn.LSTM(3, 3)
    lstm.load_state_dict(SD('lstm3'))
    inputs = list(I('seq_x').unbind(0))
    hidden = (I('seq_h'), I('seq_c'))
    for i in inputs:
        out, hidden = lstm(i.view(1, 1, -1), hidden)
    step_out, step_hidden = out, hidden
    inputs = torch.cat(inputs).view(len(inputs), 1, -1)
    hidden = (I('seq_h'), I('seq_c'))
    out, hidden = lstm(inputs, hidden)
    return {'step_out': step_out, 'step_h': step_hidden[0], 'step_c': step_hidden[1], 'out': out, 'h': hidden[0],
            'c': hidden[1], 'out_fn': out.grad_fn is not None, 'no_hidden': lstm(inputs)[0][-1]}


@lesson
def lstm_batch_first():
    lstm = nn.LSTM(4, 5, num_layers=2, batch_first=True)
    lstm.load_state_dict(SD('lstm_bf'))
    x = I('bf_x').requires_grad_()
    out, (h_n, c_n) = lstm(x)
    (out.sum() + h_n.pow(2).sum()).backward()
    return {'out_shape': out.shape, 'h_shape': h_n.shape, 'c_shape': c_n.shape, 'out': out, 'h_n': h_n, 'c_n': c_n,
            'x_grad': x.grad, 'w_ih_l1_grad': lstm.weight_ih_l1.grad, 'names': [n for n, _ in lstm.named_parameters()],
            'bad_input': err(lambda: lstm(torch.zeros(2, 3, 7)))}


