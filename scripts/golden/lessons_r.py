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

from lessons import CURRENT, I, SD, err, fixed, fixed_sd, lesson, rand, randn, wave, wave_init

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


# "Learning PyTorch with Examples": y = sin(x) by a third-order polynomial.
def sin_data():
    x = torch.linspace(-math.pi, math.pi, 2000)
    return x, torch.sin(x)


def checkpoints(t, loss, out):
    if t % 100 == 99:
        out.append(loss)


@lesson
def ex_tensors_manual_grad():
    x, y = sin_data()
    a, b, c, d = I('abcd')
    learning_rate = 1e-6
    losses = []
    for t in range(500):
        y_pred = a + b * x + c * x ** 2 + d * x ** 3
        loss = (y_pred - y).pow(2).sum().item()
        checkpoints(t, loss, losses)
        grad_y_pred = 2.0 * (y_pred - y)
        grad_a = grad_y_pred.sum()
        grad_b = (grad_y_pred * x).sum()
        grad_c = (grad_y_pred * x ** 2).sum()
        grad_d = (grad_y_pred * x ** 3).sum()
        a -= learning_rate * grad_a
        b -= learning_rate * grad_b
        c -= learning_rate * grad_c
        d -= learning_rate * grad_d
    return {'x_dtype': x.dtype, 'a_shape': a.shape, 'losses': losses, 'abcd': [a, b, c, d],
            'item_many': err(lambda: (y_pred - y).pow(2).item())}


@lesson
def ex_autograd_scalars():
    dtype = torch.float
    x, y = sin_data()
    a0, b0, c0, d0 = I('abcd').tolist()
    a = torch.tensor(a0, dtype=dtype, requires_grad=True)
    b = torch.tensor(b0, dtype=dtype, requires_grad=True)
    c = torch.tensor(c0, dtype=dtype, requires_grad=True)
    d = torch.tensor(d0, dtype=dtype, requires_grad=True)
    learning_rate = 1e-6
    losses = []
    before = {'a_grad': a.grad, 'a_leaf': a.is_leaf, 'a_shape': a.shape, 'randn_shape': torch.randn((), requires_grad=True).shape}
    for t in range(500):
        y_pred = a + b * x + c * x ** 2 + d * x ** 3
        loss = (y_pred - y).pow(2).sum()
        checkpoints(t, loss.item(), losses)
        loss.backward()
        if t == 0:
            before.update(loss=loss, y_pred_fn=y_pred.grad_fn.name(), a_grad1=a.grad.clone(), d_grad1=d.grad.clone(),
                          twice=err(lambda: loss.backward()), inplace=err(lambda: a.sub_(learning_rate * a.grad)))
        with torch.no_grad():
            a -= learning_rate * a.grad
            b -= learning_rate * b.grad
            c -= learning_rate * c.grad
            d -= learning_rate * d.grad
            a.grad = None
            b.grad = None
            c.grad = None
            d.grad = None
    return {**before, 'losses': losses, 'abcd': [a, b, c, d], 'a_leaf_after': a.is_leaf, 'grad_none': a.grad,
            'numpy_rg': err(lambda: a.numpy()), 'no_grad_fn': err(lambda: torch.ones(2).sum().backward())}


class LegendrePolynomial3(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return 0.5 * (5 * input ** 3 - 3 * input)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        return grad_output * 1.5 * (5 * input ** 2 - 1)


@lesson
def ex_custom_function():
    dtype = torch.float
    x, y = sin_data()
    a = torch.full((), 0.0, dtype=dtype, requires_grad=True)
    b = torch.full((), -1.0, dtype=dtype, requires_grad=True)
    c = torch.full((), 0.0, dtype=dtype, requires_grad=True)
    d = torch.full((), 0.3, dtype=dtype, requires_grad=True)
    learning_rate = 5e-6
    losses = []
    for t in range(500):
        P3 = LegendrePolynomial3.apply
        y_pred = a + b * P3(c + d * x)
        loss = (y_pred - y).pow(2).sum()
        checkpoints(t, loss.item(), losses)
        loss.backward()
        if t == 0:
            p = P3(c + d * x)
            first = {'p3': p[:5], 'p3_fn': type(p.grad_fn).__name__, 'p3_rg': p.requires_grad, 'loss0': loss, 'd_grad': d.grad.clone()}
        with torch.no_grad():
            a -= learning_rate * a.grad
            b -= learning_rate * b.grad
            c -= learning_rate * c.grad
            d -= learning_rate * d.grad
            a.grad = None
            b.grad = None
            c.grad = None
            d.grad = None
    xg = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
    LegendrePolynomial3.apply(xg).sum().backward()
    plain = LegendrePolynomial3.apply(torch.tensor([0.5, 2.0]))
    return {**first, 'losses': losses, 'abcd': [a, b, c, d], 'xg_grad': xg.grad, 'plain': plain}


def poly_model():
    model = torch.nn.Sequential(torch.nn.Linear(3, 1), torch.nn.Flatten(0, 1))
    model.load_state_dict(SD('poly_lin'))
    return model


@lesson
def ex_nn_and_optim():
    x, y = sin_data()
    p = torch.tensor([1, 2, 3])
    xx = x.unsqueeze(-1).pow(p)
    loss_fn = torch.nn.MSELoss(reduction='sum')
    out = {'xx_shape': xx.shape, 'xx_dtype': xx.dtype, 'xx_row': xx[-1], 'p_dtype': p.dtype}
    model = poly_model()
    learning_rate = 1e-6
    losses = []
    for t in range(300):
        y_pred = model(xx)
        loss = loss_fn(y_pred, y)
        checkpoints(t, loss.item(), losses)
        model.zero_grad()
        loss.backward()
        with torch.no_grad():
            for param in model.parameters():
                param -= learning_rate * param.grad
    linear_layer = model[0]
    out.update(nn_losses=losses, nn_w=linear_layer.weight, nn_b=linear_layer.bias, y_pred_shape=y_pred.shape,
               y_pred_fn=type(y_pred.grad_fn).__name__, no_unsqueeze=err(lambda: model(x)))
    model = poly_model()
    optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-3)
    losses = []
    for t in range(300):
        y_pred = model(xx)
        loss = loss_fn(y_pred, y)
        checkpoints(t, loss.item(), losses)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    out.update(rms_losses=losses, rms_w=model[0].weight, rms_b=model[0].bias, sq_avg=optimizer.state[model[0].weight]['square_avg'])
    return out


class Polynomial3(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.a = torch.nn.Parameter(torch.randn(()))
        self.b = torch.nn.Parameter(torch.randn(()))
        self.c = torch.nn.Parameter(torch.randn(()))
        self.d = torch.nn.Parameter(torch.randn(()))

    def forward(self, x):
        return self.a + self.b * x + self.c * x ** 2 + self.d * x ** 3

    def string(self):
        return f'y = {self.a.item()} + {self.b.item()} x + {self.c.item()} x^2 + {self.d.item()} x^3'


class DynamicNet(Polynomial3):
    def __init__(self):
        super().__init__()
        self.e = torch.nn.Parameter(torch.randn(()))
        self.calls = 0

    def forward(self, x):
        y = self.a + self.b * x + self.c * x ** 2 + self.d * x ** 3
        top = [4, 6, 5, 4, 6, 6, 5][self.calls % 7]  # random.randint(4, 6) in the tutorial
        self.calls += 1
        for exp in range(4, top):
            y = y + self.e * x ** exp
        return y


def custom_modules(set_to_none):
    x, y = sin_data()
    out = {}
    for name, cls, steps, opt_fn in [('poly', Polynomial3, 300, lambda ps: torch.optim.SGD(ps, lr=1e-6)),
                                     ('dynamic', DynamicNet, 100, lambda ps: torch.optim.SGD(ps, lr=1e-8, momentum=0.9))]:
        model = cls()
        with torch.no_grad():
            for p, v in zip(model.parameters(), I('abcd').tolist() + [0.01]):
                p.fill_(v)
        criterion = torch.nn.MSELoss(reduction='sum')
        optimizer = opt_fn(model.parameters())
        losses = []
        first = model.string()
        for t in range(steps):
            y_pred = model(x)
            loss = criterion(y_pred, y)
            checkpoints(t, loss.item(), losses)
            optimizer.zero_grad(set_to_none=set_to_none)
            loss.backward()
            optimizer.step()
        out[name] = {'string0': first, 'losses': losses, 'params': list(model.parameters()),
                     'names': [k for k, _ in model.named_parameters()], 'a_shape': model.a.shape}
    return out


@lesson
def ex_custom_modules():
    return custom_modules(False)  # 1.13's optimizer.zero_grad(): grads zeroed, not None


# 2.x: .item() of a tensor with several elements is a RuntimeError; reshape of a contiguous tensor is a view
# (ReshapeAliasBackward0 was 1.13's); zero_grad() sets grads to None, so SGD's momentum skips DynamicNet's `e`
# in the steps that do not use it (1.13 zeroes e.grad and momentum keeps moving e).
CURRENT['ex_tensors_manual_grad'] = {'item_many': {'$error': {'name': 'RuntimeError', 'message': 'a Tensor with 2000 elements cannot be converted to Scalar'}}}
CURRENT['ex_nn_and_optim'] = {'y_pred_fn': 'ViewBackward0'}
CURRENT['ex_custom_modules'] = {'dynamic': custom_modules(True)['dynamic']}
