"""Family `s3` (the `s` sweep continued): neural style transfer's core and the FGSM adversarial-example
tutorial as a learner writes them (see lessons.py for the format). Tiny sizes so the tests stay fast: 8x8
RGB images and a 3-conv "cnn" standing in for VGG19's features (the tutorial: 512x512 and 16 convs);
FGSM's MNIST net on 8x8 digits with 2/3 channels (32/64), four test samples.
"""
import torch
import torch.nn.functional as F
import torch.optim as optim
from torch import nn

from lessons import CURRENT, I, SD, err, fixed, fixed_sd, lesson, rand

# ---- neural style transfer -------------------------------------------------------------------


def gram_matrix(input):
    a, b, c, d = input.size()
    features = input.view(a * b, c * d)
    G = torch.mm(features, features.t())
    return G.div(a * b * c * d)


class ContentLoss(nn.Module):
    def __init__(self, target,):
        super(ContentLoss, self).__init__()
        self.target = target.detach()

    def forward(self, input):
        self.loss = F.mse_loss(input, self.target)
        return input


class StyleLoss(nn.Module):
    def __init__(self, target_feature):
        super(StyleLoss, self).__init__()
        self.target = gram_matrix(target_feature).detach()

    def forward(self, input):
        G = gram_matrix(input)
        self.loss = F.mse_loss(G, self.target)
        return input


cnn_normalization_mean = torch.tensor([0.485, 0.456, 0.406])
cnn_normalization_std = torch.tensor([0.229, 0.224, 0.225])


class Normalization(nn.Module):
    def __init__(self, mean, std):
        super(Normalization, self).__init__()
        self.mean = torch.tensor(mean).view(-1, 1, 1)
        self.std = torch.tensor(std).view(-1, 1, 1)

    def forward(self, img):
        return (img - self.mean) / self.std


content_layers_default = ['conv_2']
style_layers_default = ['conv_1', 'conv_2', 'conv_3']


def get_style_model_and_losses(cnn, normalization_mean, normalization_std, style_img, content_img,
                               content_layers=content_layers_default, style_layers=style_layers_default):
    normalization = Normalization(normalization_mean, normalization_std)
    content_losses = []
    style_losses = []
    model = nn.Sequential(normalization)
    i = 0
    for layer in cnn.children():
        if isinstance(layer, nn.Conv2d):
            i += 1
            name = 'conv_{}'.format(i)
        elif isinstance(layer, nn.ReLU):
            name = 'relu_{}'.format(i)
            layer = nn.ReLU(inplace=False)
        elif isinstance(layer, nn.MaxPool2d):
            name = 'pool_{}'.format(i)
        elif isinstance(layer, nn.BatchNorm2d):
            name = 'bn_{}'.format(i)
        else:
            raise RuntimeError('Unrecognized layer: {}'.format(layer.__class__.__name__))
        model.add_module(name, layer)
        if name in content_layers:
            target = model(content_img).detach()
            content_loss = ContentLoss(target)
            model.add_module("content_loss_{}".format(i), content_loss)
            content_losses.append(content_loss)
        if name in style_layers:
            target_feature = model(style_img).detach()
            style_loss = StyleLoss(target_feature)
            model.add_module("style_loss_{}".format(i), style_loss)
            style_losses.append(style_loss)
    for i in range(len(model) - 1, -1, -1):
        if isinstance(model[i], ContentLoss) or isinstance(model[i], StyleLoss):
            break
    model = model[:(i + 1)]
    return model, style_losses, content_losses


def tiny_cnn():
    return nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(inplace=True), nn.Conv2d(4, 4, 3, padding=1), nn.ReLU(inplace=True),
                         nn.MaxPool2d(2, 2), nn.Conv2d(4, 4, 3, padding=1), nn.ReLU(inplace=True), nn.Conv2d(4, 4, 3, padding=1))


torch.manual_seed(501)
fixed_sd('nst_cnn', tiny_cnn())
fixed('nst_style', rand(1, 3, 8, 8, seed=502))
fixed('nst_content', rand(1, 3, 8, 8, seed=503))


def run_style_transfer(n_steps):
    """The tutorial's run_style_transfer with `n_steps` explicit optimizer.step(closure) calls (it loops `while
    run[0] <= num_steps`; each LBFGS step evaluates the closure up to max_iter * 1.25 = 25 times). style_weight
    is 1000, not 1e6: with 1e6 this tiny problem is chaotic (PyTorch's own float32 and float64 runs part after
    8 evaluations); with 1000 they agree to 1e-4 for 30 evaluations."""
    cnn = tiny_cnn().eval()
    cnn.load_state_dict(SD('nst_cnn'))
    style_img, content_img = I('nst_style'), I('nst_content')
    input_img = content_img.clone()
    style_weight, content_weight = 1000, 1
    model, style_losses, content_losses = get_style_model_and_losses(cnn, cnn_normalization_mean, cnn_normalization_std,
                                                                     style_img, content_img)
    rec = {'names': [n for n, _ in model.named_children()], 'gram_style': style_losses[0].target, 'content_target': content_losses[0].target,
           'gram_grad_fn': gram_matrix(input_img.clone().requires_grad_()).grad_fn.name(), 'cnn_relu_inplace': cnn[1].inplace}
    input_img.requires_grad_(True)
    model.eval()
    model.requires_grad_(False)
    optimizer = optim.LBFGS([input_img])
    run = [0]
    scores = []

    def closure():
        with torch.no_grad():
            input_img.clamp_(0, 1)
        optimizer.zero_grad()
        model(input_img)
        style_score = 0
        content_score = 0
        for sl in style_losses:
            style_score += sl.loss
        for cl in content_losses:
            content_score += cl.loss
        style_score *= style_weight
        content_score *= content_weight
        loss = style_score + content_score
        loss.backward()
        run[0] += 1
        scores.append([style_score.item(), content_score.item()])
        return style_score + content_score

    rec['first_loss'] = optimizer.step(closure)
    runs = [run[0]]
    for _ in range(n_steps - 1):
        optimizer.step(closure)
        runs.append(run[0])
    with torch.no_grad():
        input_img.clamp_(0, 1)
    rec.update({'runs': runs, 'scores': scores, 'input_img': input_img[0, 0], 'input_requires_grad': input_img.requires_grad,
                'param_frozen': model[1].weight.requires_grad, 'sl_loss_grad_fn': style_losses[0].loss.grad_fn.name(),
                'lbfgs_no_closure': err(lambda: optimizer.step()), 'clamp_leaf': err(lambda: input_img.clamp_(0, 1))})
    return rec


@lesson
def s3_style_transfer():
    return run_style_transfer(1)


@lesson
def s3_style_transfer_two_steps():
    rec = run_style_transfer(2)
    return {'runs': rec['runs'], 'scores_second_step': rec['scores'][20:], 'input_img': rec['input_img']}


# ---- FGSM -----------------------------------------------------------------------------------
class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 2, 3, 1)
        self.conv2 = nn.Conv2d(2, 3, 3, 1)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(12, 6)
        self.fc2 = nn.Linear(6, 4)

    def forward(self, x):
        x = self.conv1(x)
        x = F.relu(x)
        x = self.conv2(x)
        x = F.relu(x)
        x = F.max_pool2d(x, 2)
        x = self.dropout1(x)
        x = torch.flatten(x, 1)
        x = self.fc1(x)
        x = F.relu(x)
        x = self.dropout2(x)
        x = self.fc2(x)
        output = F.log_softmax(x, dim=1)
        return output


def fgsm_attack(image, epsilon, data_grad):
    sign_data_grad = data_grad.sign()
    perturbed_image = image + epsilon * sign_data_grad
    perturbed_image = torch.clamp(perturbed_image, 0, 1)
    return perturbed_image


torch.manual_seed(511)
_net = Net().eval()
fixed_sd('fgsm_net', _net)
_imgs = rand(4, 1, 1, 8, 8, seed=512)
fixed('fgsm_imgs', _imgs)
with torch.no_grad():
    _pred = [int(_net(x).argmax(1)) for x in _imgs]
fixed('fgsm_targets', torch.tensor([[_pred[0]], [_pred[1]], [(_pred[2] + 1) % 4], [_pred[3]]]))


def test(model, test_loader, epsilon):
    correct = 0
    adv_examples = []
    grads = []
    for data, target in test_loader:
        data.requires_grad = True
        output = model(data)
        init_pred = output.max(1, keepdim=True)[1]
        if init_pred.item() != target.item():
            continue
        loss = F.nll_loss(output, target)
        model.zero_grad()
        loss.backward()
        data_grad = data.grad.data
        grads.append(data_grad[0, 0, 0])
        perturbed_data = fgsm_attack(data, epsilon, data_grad)
        output = model(perturbed_data)
        final_pred = output.max(1, keepdim=True)[1]
        if final_pred.item() == target.item():
            correct += 1
            if epsilon == 0 and len(adv_examples) < 5:
                adv_ex = perturbed_data.squeeze().detach().cpu()
                adv_examples.append((init_pred.item(), final_pred.item(), adv_ex[0]))
        else:
            if len(adv_examples) < 5:
                adv_ex = perturbed_data.squeeze().detach().cpu()
                adv_examples.append((init_pred.item(), final_pred.item(), adv_ex[0]))
    final_acc = correct / float(len(test_loader))
    return final_acc, adv_examples, grads


@lesson
def s3_fgsm():
    model = Net()
    model.load_state_dict(SD('fgsm_net'))
    model.eval()
    imgs, targets = I('fgsm_imgs'), I('fgsm_targets')
    test_loader = [(imgs[k].clone(), targets[k]) for k in range(4)]
    rec = {'accuracies': [], 'examples': [], 'grads': []}
    for eps in [0, 0.05, 0.3]:
        acc, ex, grads = test(model, [(d.clone(), t) for d, t in test_loader], eps)
        rec['accuracies'].append(acc)
        rec['examples'].append(ex)
        rec['grads'].append(grads)
    data = imgs[0].clone()
    data.requires_grad = True
    output = model(data)
    init_pred = output.max(1, keepdim=True)[1]
    F.nll_loss(output, targets[0]).backward()
    rec.update({'output': output, 'init_pred': init_pred, 'data_grad': data.grad, 'grad_is_leaf': data.grad.is_leaf,
                'grad_data_requires_grad': data.grad.data.requires_grad, 'conv1_grad': model.conv1.weight.grad,
                'perturbed': fgsm_attack(data, 0.1, data.grad.data)[0, 0, :2],
                'perturbed_grad_fn': fgsm_attack(data, 0.1, data.grad.data).grad_fn.name(),
                'nonleaf_requires_grad': err(lambda: setattr(output, 'requires_grad', False)),
                'int_requires_grad': err(lambda: setattr(torch.tensor([1, 2]), 'requires_grad', True)),
                'nll_target_2d': err(lambda: F.nll_loss(output, targets[0].view(1, 1))),
                'nll_target_float': err(lambda: F.nll_loss(output, targets[0].float())),
                'item_of_batch': err(lambda: model(imgs[:2, 0]).max(1, keepdim=True)[1].item())})
    return rec


# .item() of a tensor with several elements: 2.x's words (c10 Scalar conversion), 1.13 raised ValueError.
CURRENT['s3_fgsm'] = {'item_of_batch': {'$error': {'name': 'RuntimeError', 'message': 'a Tensor with 2 elements cannot be converted to Scalar'}}}
