"""PyTorch "Learn the Basics" and the 60-minute blitz, as learners write them (see lessons.py)."""
import io

import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, Dataset

from lessons import CURRENT, I, SD, err, fixed, fixed_sd, lesson, rand, randn, wave, wave_init

fixed('img4', rand(6, 4, 4, seed=1))                    # six 4x4 "images" in [0, 1)
fixed('labels6', torch.tensor([2, 0, 1, 1, 2, 0]))
fixed('basics_x', randn(3, 4, seed=2))
fixed('w5x3', randn(5, 3, seed=3))
fixed('b3', randn(3, seed=4))
fixed('cifar_y', torch.tensor([3, 8, 8, 0]))
fixed('blitz_input', randn(1, 1, 8, 8, seed=6))
fixed('blitz_target', randn(10, seed=7))
fixed('vjp_x', randn(3, seed=8))


class NeuralNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        self.flatten = nn.Flatten()
        self.linear_relu_stack = nn.Sequential(nn.Linear(16, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 3))

    def forward(self, x):
        return self.linear_relu_stack(self.flatten(x))


class CifarNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


class BlitzNet(nn.Module):
    """The blitz's 'Neural Networks' net, on 8x8 inputs (conv 3x3, pool, fc)."""
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 3)
        self.fc1 = nn.Linear(6 * 3 * 3, 16)
        self.fc2 = nn.Linear(16, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), (2, 2))
        x = torch.flatten(x, 1)
        return self.fc2(F.relu(self.fc1(x)))


torch.manual_seed(11)
fixed_sd('basics_net', NeuralNetwork())
torch.manual_seed(13)
fixed_sd('blitz_net', BlitzNet())


@lesson
def basics_tensors():
    data = [[1, 2], [3, 4]]
    x_data = torch.tensor(data)
    x_ones = torch.ones_like(x_data)
    x_float = torch.zeros_like(x_data, dtype=torch.float)
    tensor = torch.ones(4, 4)
    tensor[:, 1] = 0
    t1 = torch.cat([tensor, tensor, tensor], dim=1)
    y1 = tensor @ tensor.T
    y2 = tensor.matmul(tensor.T)
    z1 = tensor * tensor
    agg = tensor.sum()
    agg_item = agg.item()
    tensor.add_(5)
    x = I('basics_x')
    return {'x_data': x_data, 'x_ones': x_ones, 'x_float': x_float, 'shape': tensor.shape, 'dtype': tensor.dtype,
            'device': str(tensor.device), 'first_row': tensor[0], 'last_col': tensor[..., -1], 't1_shape': t1.shape,
            'y1': y1, 'y2': y2, 'z1': z1, 'agg_item': agg_item,
            'after_add_': tensor, 'printed': str(x_data), 'printed_float': str(x_float),
            'x_sum_dim1': x.sum(1), 'x_mean': x.mean(), 'x_first_col': x[:, 0]}


class CustomImageDataset(Dataset):
    def __init__(self, images, labels, transform=None, target_transform=None):
        self.images, self.labels = images, labels
        self.transform, self.target_transform = transform, target_transform

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        image, label = self.images[idx], int(self.labels[idx])
        if self.transform:
            image = self.transform(image)
        if self.target_transform:
            label = self.target_transform(label)
        return image, label


@lesson
def basics_dataset_dataloader():
    ds = CustomImageDataset(I('img4'), I('labels6'), transform=lambda x: (x - 0.5) / 0.5,
                            target_transform=lambda y: torch.zeros(3, dtype=torch.float).scatter_(0, torch.tensor(y), value=1))
    img, label = ds[1]
    loader = DataLoader(ds, batch_size=4, shuffle=False)
    batches = [(X, y) for X, y in loader]
    plain = DataLoader(CustomImageDataset(I('img4'), I('labels6')), batch_size=4)
    X2, y2 = next(iter(plain))
    return {'len': len(ds), 'img': img, 'label': label, 'n_batches': len(loader),
            'b0_X_shape': batches[0][0].shape, 'b0_y': batches[0][1], 'b1_X': batches[1][0], 'b1_y': batches[1][1],
            'int_labels': y2, 'int_labels_dtype': y2.dtype, 'X2_shape': X2.shape}


@lesson
def basics_build_model():
    model = NeuralNetwork()
    model.load_state_dict(SD('basics_net'))
    X = I('img4')[:2]
    logits = model(X)
    pred_probab = nn.Softmax(dim=1)(logits)
    y_pred = pred_probab.argmax(1)
    flat = nn.Flatten()(X)
    return {'repr': str(model), 'logits': logits, 'probab': pred_probab, 'y_pred': y_pred, 'flat_shape': flat.shape,
            'params': [[name, p.shape, p.requires_grad] for name, p in model.named_parameters()],
            'n_params': sum(p.numel() for p in model.parameters()),
            'layer1': model.linear_relu_stack[0](flat), 'relu': nn.ReLU()(model.linear_relu_stack[0](flat))}


@lesson
def basics_autograd():
    x = torch.ones(5)
    y = torch.zeros(3)
    w = I('w5x3').requires_grad_()
    b = I('b3').requires_grad_()
    z = torch.matmul(x, w) + b
    loss = F.binary_cross_entropy_with_logits(z, y)
    names = [z.grad_fn.name(), loss.grad_fn.name()]
    loss.backward()
    with torch.no_grad():
        z2 = torch.matmul(x, w) + b
    z_det = z.detach()
    return {'z': z, 'loss': loss, 'names': names, 'w_grad': w.grad, 'b_grad': b.grad,
            'z2_requires_grad': z2.requires_grad, 'z_det_requires_grad': z_det.requires_grad, 'z_det': z_det}


@lesson
def basics_jacobian_vector():
    inp = torch.eye(4, 5, requires_grad=True)
    out = (inp + 1).pow(2).t()
    out.backward(torch.ones_like(out), retain_graph=True)
    first = inp.grad.clone()
    out.backward(torch.ones_like(out), retain_graph=True)
    second = inp.grad.clone()
    inp.grad.zero_()
    out.backward(torch.ones_like(out), retain_graph=True)
    return {'out': out, 'first': first, 'second': second, 'after_zero': inp.grad}


def train_loop(dataloader, model, loss_fn, optimizer):
    losses = []
    model.train()
    for X, y in dataloader:
        pred = model(X)
        loss = loss_fn(pred, y)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        losses.append(loss.item())
    return losses


def test_loop(dataloader, model, loss_fn):
    model.eval()
    num_batches = len(dataloader)
    test_loss, correct = 0, 0
    with torch.no_grad():
        for X, y in dataloader:
            pred = model(X)
            test_loss += loss_fn(pred, y).item()
            correct += (pred.argmax(1) == y).type(torch.float).sum().item()
    return test_loss / num_batches, correct / len(dataloader.dataset)


@lesson
def basics_optimization_loop():
    model = NeuralNetwork()
    model.load_state_dict(SD('basics_net'))
    ds = torch.utils.data.TensorDataset(I('img4'), I('labels6'))
    loader = DataLoader(ds, batch_size=4)
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    losses = []
    for _ in range(3):
        losses += train_loop(loader, model, loss_fn, optimizer)
    test_loss, acc = test_loop(loader, model, loss_fn)
    last = model.linear_relu_stack[4]
    return {'losses': losses, 'test_loss': test_loss, 'accuracy': acc, 'last_weight': last.weight,
            'last_bias': last.bias, 'grad_after_zero': last.weight.grad}


@lesson
def basics_save_load():
    model = NeuralNetwork()
    model.load_state_dict(SD('basics_net'))
    buf = io.BytesIO()
    torch.save(model.state_dict(), buf)
    buf.seek(0)
    model2 = NeuralNetwork()
    model2.load_state_dict(torch.load(buf))
    model2.eval()
    X = I('img4')
    missing = err(lambda: model2.load_state_dict({'linear_relu_stack.0.weight': torch.zeros(8, 16)}))
    return {'keys': list(model.state_dict().keys()), 'same': torch.equal(model(X), model2(X)), 'out': model2(X),
            'missing': missing, 'training': model2.training}


@lesson
def blitz_tensors():
    x = torch.tensor([[1., 2.], [3., 4.]])
    y = x.new_ones(2, 3)
    z = torch.zeros(5, 3, dtype=torch.long)
    a = torch.ones(4, 4)
    b = a.view(16)
    c = a.view(-1, 8)
    s = torch.tensor([2.5])
    x.add_(torch.ones(2, 2))
    return {'y': y, 'z': z, 'size': x.size(), 'b_size': b.size(), 'c_size': c.size(), 'item': s.item(), 'x': x,
            'col': x[:, 1], 'y_dtype': y.dtype}


@lesson
def blitz_autograd():
    x = torch.ones(2, 2, requires_grad=True)
    y = x + 2
    z = y * y * 3
    out = z.mean()
    out.backward()
    a = torch.tensor([[2., 1.], [0.5, -3.]])
    a = ((a * 3) / (a - 1))
    rg_before = a.requires_grad
    a.requires_grad_(True)
    bsum = (a * a).sum()
    v = I('vjp_x').requires_grad_()
    w = v * 2
    n = 0
    while w.data.norm() < 1000:
        w = w * 2
        n += 1
    w.backward(torch.tensor([0.1, 1.0, 0.0001], dtype=torch.float))
    return {'y': y, 'z': z, 'out': out, 'x_grad': x.grad, 'rg_before': rg_before, 'bsum_fn': bsum.grad_fn.name(),
            'w': w, 'n': n, 'v_grad': v.grad}


@lesson
def blitz_neural_network():
    net = BlitzNet()
    net.load_state_dict(SD('blitz_net'))
    params = list(net.parameters())
    inp = I('blitz_input')
    out = net(inp)
    net.zero_grad()
    out.backward(torch.ones(1, 10))
    bias_grad = net.conv1.bias.grad.clone()
    output = net(inp)
    target = I('blitz_target').view(1, -1)
    loss = nn.MSELoss()(output, target)
    fn = loss.grad_fn
    walk = [fn.name(), fn.next_functions[0][0].name(), fn.next_functions[0][0].next_functions[0][0].name()]
    net.zero_grad()
    before = net.conv1.bias.grad
    loss.backward()
    learning_rate = 0.01
    for f in net.parameters():
        f.data.sub_(f.grad.data * learning_rate)
    optimizer = torch.optim.SGD(net.parameters(), lr=0.01)
    optimizer.zero_grad()
    loss2 = nn.MSELoss()(net(inp), target)
    loss2.backward()
    optimizer.step()
    return {'n_params': len(params), 'conv1_shape': params[0].size(), 'out': out, 'ones_bias_grad': bias_grad,
            'loss': loss, 'walk': walk, 'before': before, 'after': net.conv1.bias.grad, 'loss2': loss2,
            'fc2_bias': net.fc2.bias, 'repr': str(net)}


@lesson
def blitz_cifar_cnn():
    net = wave_init(CifarNet(), seed=12)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(net.parameters(), lr=0.001, momentum=0.9)
    inputs, labels = wave(4, 3, 32, 32, seed=5), I('cifar_y')
    losses = []
    for _ in range(3):
        optimizer.zero_grad()
        outputs = net(inputs)
        loss = criterion(outputs, labels)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    grad_conv1_bias = net.conv1.bias.grad
    with torch.no_grad():
        outputs = net(inputs)
        _, predicted = torch.max(outputs.data, 1)
        correct = (predicted == labels).sum().item()
    return {'losses': losses, 'loss_fn': loss.grad_fn.name(), 'conv1_bias_grad': grad_conv1_bias,
            'fc3_weight_row0': net.fc3.weight[0], 'conv1_bias': net.conv1.bias, 'outputs': outputs,
            'predicted': predicted, 'correct': correct, 'momentum_buf': optimizer.state[net.fc3.bias]['momentum_buffer']}


# PyTorch 2.x's zero_grad() sets gradients to None (1.13 zeroed them); the engine follows 2.x.
CURRENT['basics_optimization_loop'] = {'grad_after_zero': None}
CURRENT['blitz_neural_network'] = {'before': None}
