"""Family r: "What is torch.nn really?" (Jeremy Howard) and "Learning PyTorch with Examples", as a learner
writes them (see lessons.py for the format). Smaller than the tutorials so the tests stay fast: the logistic
models see 8x8 images (64 features) instead of MNIST's 28x28; the CNN keeps 28x28 (its three stride-2 convs
and avg_pool2d(xb, 4) need 25 pixels at least) on 12 `wave` images; sin(x) is fitted for 500 steps, not 2000."""
import math

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn, optim
from torch.utils.data import DataLoader, TensorDataset

from lessons import CURRENT, I, err, fixed, fixed_sd, lesson, rand, randn, wave, wave_init

fixed('x_train', rand(16, 64, seed=101))
fixed('y_train', torch.randint(0, 10, (16,), generator=torch.Generator().manual_seed(102)))
fixed('x_valid', rand(8, 64, seed=103))
fixed('y_valid', torch.randint(0, 10, (8,), generator=torch.Generator().manual_seed(104)))
fixed('w64', randn(64, 10, seed=105))
fixed('y12', torch.randint(0, 10, (12,), generator=torch.Generator().manual_seed(106)))
fixed('abcd', randn(4, seed=107))
torch.manual_seed(108)
fixed_sd('poly_lin', nn.Sequential(nn.Linear(3, 1), nn.Flatten(0, 1)))

bs = 4
lr = 0.5


def log_softmax(x):
    return x - x.exp().sum(-1).log().unsqueeze(-1)


def nll(input, target):
    return -input[range(target.shape[0]), target].mean()


def accuracy(out, yb):
    preds = torch.argmax(out, dim=1)
    return (preds == yb).float().mean()


@lesson
def nnr_manual_logistic():
    x_train, y_train = I('x_train'), I('y_train')
    n, c = x_train.shape
    weights = I('w64') / math.sqrt(64)
    weights.requires_grad_()
    bias = torch.zeros(10, requires_grad=True)

    def model(xb):
        return log_softmax(xb @ weights + bias)
    loss_func = nll
    xb = x_train[0:bs]
    preds = model(xb)
    yb = y_train[0:bs]
    first = {'preds0': preds[0], 'shape': preds.shape, 'loss': loss_func(preds, yb), 'acc': accuracy(preds, yb),
             'w_leaf': weights.is_leaf, 'eq_dtype': (torch.argmax(preds, dim=1) == yb).dtype}
    losses = []
    for epoch in range(2):
        for i in range((n - 1) // bs + 1):
            start_i = i * bs
            end_i = start_i + bs
            xb = x_train[start_i:end_i]
            yb = y_train[start_i:end_i]
            pred = model(xb)
            loss = loss_func(pred, yb)
            loss.backward()
            losses.append(loss.item())
            with torch.no_grad():
                weights -= weights.grad * lr
                bias -= bias.grad * lr
                weights.grad.zero_()
                bias.grad.zero_()
    return {**first, 'losses': losses, 'weights': weights, 'bias': bias, 'w_grad': weights.grad, 'still_leaf': weights.is_leaf,
            'final_loss': loss_func(model(xb), yb), 'final_acc': accuracy(model(xb), yb),
            'ce_same': torch.allclose(F.cross_entropy(xb @ weights + bias, yb), loss_func(model(xb), yb)),
            'inplace_leaf': err(lambda: weights.sub_(1.0)), 'float_target': err(lambda: F.nll_loss(model(xb), yb.float())),
            'unflat': err(lambda: model(xb.view(-1, 8, 8)))}


class Mnist_Logistic(nn.Module):
    def __init__(self):
        super().__init__()
        self.weights = nn.Parameter(torch.randn(64, 10) / math.sqrt(64))
        self.bias = nn.Parameter(torch.zeros(10))

    def forward(self, xb):
        return xb @ self.weights + self.bias


class Mnist_LogisticLin(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(64, 10)

    def forward(self, xb):
        return self.lin(xb)


def logistic():
    model = Mnist_Logistic()
    with torch.no_grad():
        model.weights.copy_(I('w64') / math.sqrt(64))
    return model


@lesson
def nnr_module_and_optim():
    x_train, y_train = I('x_train'), I('y_train')
    n = x_train.shape[0]
    loss_func = F.cross_entropy
    model = logistic()
    out = {'params': [p.shape for p in model.parameters()], 'names': [k for k, _ in model.named_parameters()],
           'loss0': loss_func(model(x_train[0:bs]), y_train[0:bs])}

    def fit(model, opt=None):
        losses = []
        for epoch in range(2):
            for i in range((n - 1) // bs + 1):
                start_i = i * bs
                xb, yb = x_train[start_i:start_i + bs], y_train[start_i:start_i + bs]
                loss = loss_func(model(xb), yb)
                loss.backward()
                if opt is None:
                    with torch.no_grad():
                        for p in model.parameters():
                            p -= p.grad * lr
                        model.zero_grad()
                else:
                    opt.step()
                    opt.zero_grad()
                losses.append(loss.item())
        return losses
    out['manual'] = fit(model)
    out['manual_w'] = model.weights
    out['grad_after_zero_grad'] = model.bias.grad
    lin = Mnist_LogisticLin()
    with torch.no_grad():
        lin.lin.weight.copy_(I('w64').t() / math.sqrt(64))
        lin.lin.bias.zero_()
    out['lin_loss0'] = loss_func(lin(x_train[0:bs]), y_train[0:bs])
    opt = optim.SGD(lin.parameters(), lr=lr)
    out['sgd'] = fit(lin, opt)
    out['sgd_w'] = lin.lin.weight
    out['sgd_grad_after_zero_grad'] = lin.lin.bias.grad
    out['float_target'] = err(lambda: loss_func(lin(x_train[0:bs]), y_train[0:bs].float()))
    out['wrong_features'] = err(lambda: lin(x_train[0:bs, :60]))
    return out


# 2.x's zero_grad() sets grads to None (set_to_none=True by default since 2.0); 1.13 zeroes them.
CURRENT['nnr_module_and_optim'] = {'grad_after_zero_grad': None, 'sgd_grad_after_zero_grad': None}


def loss_batch(model, loss_func, xb, yb, opt=None):
    loss = loss_func(model(xb), yb)
    if opt is not None:
        loss.backward()
        opt.step()
        opt.zero_grad()
    return loss.item(), len(xb)


def fit(epochs, model, loss_func, opt, train_dl, valid_dl):
    record = []
    for epoch in range(epochs):
        model.train()
        train = [loss_batch(model, loss_func, xb, yb, opt)[0] for xb, yb in train_dl]
        model.eval()
        with torch.no_grad():
            losses, nums = zip(*[loss_batch(model, loss_func, xb, yb) for xb, yb in valid_dl])
        val_loss = np.sum(np.multiply(losses, nums)) / np.sum(nums)
        record.append([train, float(val_loss), model.training])
    return record


@lesson
def nnr_dataloader_fit():
    train_ds = TensorDataset(I('x_train'), I('y_train'))
    valid_ds = TensorDataset(I('x_valid'), I('y_valid'))
    train_dl = DataLoader(train_ds, batch_size=bs, shuffle=False)
    valid_dl = DataLoader(valid_ds, batch_size=bs * 2)
    model = Mnist_LogisticLin()
    with torch.no_grad():
        model.lin.weight.copy_(I('w64').t() / math.sqrt(64))
        model.lin.bias.zero_()
    xb, yb = train_ds[0:2]
    first = next(iter(train_dl))
    rec = fit(2, model, F.cross_entropy, optim.SGD(model.parameters(), lr=lr), train_dl, valid_dl)
    return {'ds_len': len(train_ds), 'dl_len': len(train_dl), 'valid_len': len(valid_dl), 'slice_x': xb.shape, 'slice_y': yb,
            'first_batch': [first[0].shape, first[1]], 'fit': rec, 'w': model.lin.weight, 'b': model.lin.bias}


class Mnist_CNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, kernel_size=3, stride=2, padding=1)
        self.conv2 = nn.Conv2d(16, 16, kernel_size=3, stride=2, padding=1)
        self.conv3 = nn.Conv2d(16, 10, kernel_size=3, stride=2, padding=1)

    def forward(self, xb):
        xb = xb.view(-1, 1, 28, 28)
        xb = F.relu(self.conv1(xb))
        xb = F.relu(self.conv2(xb))
        xb = F.relu(self.conv3(xb))
        xb = F.avg_pool2d(xb, 4)
        return xb.view(-1, xb.size(1))


class Lambda(nn.Module):
    def __init__(self, func):
        super().__init__()
        self.func = func

    def forward(self, x):
        return self.func(x)


def preprocess(x):
    return x.view(-1, 1, 28, 28)


def cnn_data():
    x = wave(12, 784, seed=7, scale=0.5) + 0.5
    y = I('y12')
    return (DataLoader(TensorDataset(x[:8], y[:8]), batch_size=bs), DataLoader(TensorDataset(x[8:], y[8:]), batch_size=bs * 2), x)


def conv_stack(pool):
    return nn.Sequential(Lambda(preprocess), nn.Conv2d(1, 16, kernel_size=3, stride=2, padding=1), nn.ReLU(),
                         nn.Conv2d(16, 16, kernel_size=3, stride=2, padding=1), nn.ReLU(),
                         nn.Conv2d(16, 10, kernel_size=3, stride=2, padding=1), nn.ReLU(), pool, Lambda(lambda x: x.view(x.size(0), -1)))


@lesson
def nnr_cnn_momentum():
    train_dl, valid_dl, x = cnn_data()
    out = {}
    for name, model in [('cnn', Mnist_CNN()), ('seq', conv_stack(nn.AvgPool2d(4))), ('adaptive', conv_stack(nn.AdaptiveAvgPool2d(1)))]:
        wave_init(model, 11)
        logits = model(x[:2])
        opt = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
        rec = fit(2, model, F.cross_entropy, opt, train_dl, valid_dl)
        out[name] = {'logits': logits, 'fit': rec, 'w_last': list(model.parameters())[-2][0, 0], 'b_last': list(model.parameters())[-1]}
    out['keys'] = list(conv_stack(nn.AdaptiveAvgPool2d(1)).state_dict().keys())
    out['repr_pool'] = repr(nn.AdaptiveAvgPool2d(1))
    out['pool_small'] = err(lambda: F.avg_pool2d(torch.ones(1, 10, 2, 2), 4))
    out['view_bad'] = err(lambda: torch.ones(5, 100).view(-1, 1, 28, 28))
    return out



import r_examples  # noqa: E402,F401 - registers the ex_* programs ("Learning PyTorch with Examples")
