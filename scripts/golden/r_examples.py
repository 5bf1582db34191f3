"""Family r's second half (imported by lessons_r.py; not a family of its own): "Learning PyTorch with Examples",
y = sin(x) by a third-order polynomial with raw tensors, autograd, a custom autograd.Function, nn, optim and
custom Modules. 500 steps (300 for nn/optim, 100 for DynamicNet), not the tutorial's 2000."""
import math

import torch

from lessons import CURRENT, I, SD, err, lesson


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
