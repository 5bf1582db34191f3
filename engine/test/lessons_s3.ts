// Family `s3` in TypeScript (twins of scripts/golden/lessons_s3.py): neural style transfer's core (gram
// matrix, ContentLoss/StyleLoss modules, the model built layer by layer, LBFGS on the image) and FGSM, as a
// learner ports them (`isinstance` is `instanceof`, `model[:(i + 1)]` is `model.slice(0, i + 1)`, a Python
// attribute assignment is a class field). Tiny sizes, as the Python side.
import golden from './golden/lessons_s3.json';
import { torch, nn, F, optim } from '../index';
import type { Tensor } from '../tensor';
import type { Module } from '../nn/module';
import { err, fixturesOf, type Lesson } from './lessons_io';

const { I, SD } = fixturesOf(golden, 'golden/lessons_s3.json');
const f32 = { dtype: torch.float32 };

// ---- neural style transfer -------------------------------------------------------------------
function gram_matrix(input: Tensor): Tensor {
  const [a, b, c, d] = input.size();
  const features = input.view(a * b, c * d);
  const G = torch.mm(features, features.t());
  return G.div(a * b * c * d);
}

class ContentLoss extends nn.Module {
  target: Tensor;
  loss: Tensor | null = null;
  constructor(target: Tensor) {
    super();
    this.target = target.detach();
  }
  forward(input: Tensor): Tensor {
    this.loss = F.mse_loss(input, this.target);
    return input;
  }
}

class StyleLoss extends nn.Module {
  target: Tensor;
  loss: Tensor | null = null;
  constructor(target_feature: Tensor) {
    super();
    this.target = gram_matrix(target_feature).detach();
  }
  forward(input: Tensor): Tensor {
    const G = gram_matrix(input);
    this.loss = F.mse_loss(G, this.target);
    return input;
  }
}

const cnn_normalization_mean = torch.tensor([0.485, 0.456, 0.406], f32);
const cnn_normalization_std = torch.tensor([0.229, 0.224, 0.225], f32);

class Normalization extends nn.Module {
  mean: Tensor;
  std: Tensor;
  constructor(mean: Tensor, std: Tensor) {
    super();
    this.mean = torch.tensor(mean).view(-1, 1, 1);
    this.std = torch.tensor(std).view(-1, 1, 1);
  }
  forward(img: Tensor): Tensor {
    return img.sub(this.mean).div(this.std);
  }
}

const content_layers_default = ['conv_2'];
const style_layers_default = ['conv_1', 'conv_2', 'conv_3'];

function get_style_model_and_losses(cnn: nn.Sequential, normalization_mean: Tensor, normalization_std: Tensor, style_img: Tensor, content_img: Tensor,
  content_layers = content_layers_default, style_layers = style_layers_default): [nn.Sequential, StyleLoss[], ContentLoss[]] {
  const normalization = new Normalization(normalization_mean, normalization_std);
  const content_losses: ContentLoss[] = [];
  const style_losses: StyleLoss[] = [];
  let model = nn.Sequential(normalization);
  let i = 0;
  for (let layer of cnn.children() as Module[]) {
    let name: string;
    if (layer instanceof nn.Conv2d) {
      i += 1;
      name = `conv_${i}`;
    } else if (layer instanceof nn.ReLU) {
      name = `relu_${i}`;
      layer = nn.ReLU({ inplace: false });
    } else if (layer instanceof nn.MaxPool2d) {
      name = `pool_${i}`;
    } else if (layer instanceof nn.BatchNorm2d) {
      name = `bn_${i}`;
    } else {
      throw new Error(`Unrecognized layer: ${layer.constructor.name}`);
    }
    model.add_module(name, layer);
    if (content_layers.includes(name)) {
      const target = model(content_img).detach();
      const content_loss = new ContentLoss(target);
      model.add_module(`content_loss_${i}`, content_loss);
      content_losses.push(content_loss);
    }
    if (style_layers.includes(name)) {
      const target_feature = model(style_img).detach();
      const style_loss = new StyleLoss(target_feature);
      model.add_module(`style_loss_${i}`, style_loss);
      style_losses.push(style_loss);
    }
  }
  for (i = model.length - 1; i > -1; i--) {
    if (model[i] instanceof ContentLoss || model[i] instanceof StyleLoss) break;
  }
  model = model.slice(0, i + 1);
  return [model, style_losses, content_losses];
}

function tiny_cnn() {
  return nn.Sequential(nn.Conv2d(3, 4, 3, { padding: 1 }), nn.ReLU({ inplace: true }), nn.Conv2d(4, 4, 3, { padding: 1 }), nn.ReLU({ inplace: true }),
    nn.MaxPool2d(2, 2), nn.Conv2d(4, 4, 3, { padding: 1 }), nn.ReLU({ inplace: true }), nn.Conv2d(4, 4, 3, { padding: 1 }));
}

export const S3: Record<string, Lesson> = {};

/** The tutorial's run_style_transfer with `n_steps` explicit optimizer.step(closure) calls (style_weight 1000: see the Python side). */
function run_style_transfer(n_steps: number): Record<string, unknown> {
  const cnn = tiny_cnn().eval();
  cnn.load_state_dict(SD('nst_cnn'));
  const style_img = I('nst_style'), content_img = I('nst_content');
  const input_img = content_img.clone();
  const style_weight = 1000, content_weight = 1;
  const [model, style_losses, content_losses] = get_style_model_and_losses(cnn, cnn_normalization_mean, cnn_normalization_std, style_img, content_img);
  const rec: Record<string, unknown> = {
    names: model.named_children().map(([n]) => n), gram_style: style_losses[0].target, content_target: content_losses[0].target,
    gram_grad_fn: gram_matrix(input_img.clone().requires_grad_()).grad_fn!.name(), cnn_relu_inplace: (cnn[1] as nn.ReLU).inplace,
  };
  input_img.requires_grad_(true);
  model.eval();
  model.requires_grad_(false);
  const optimizer = optim.LBFGS([input_img]);
  const run = [0];
  const scores: number[][] = [];
  const closure = () => {
    torch.no_grad(() => {
      input_img.clamp_(0, 1);
    });
    optimizer.zero_grad();
    model(input_img);
    let style_score: Tensor | number = 0;
    let content_score: Tensor | number = 0;
    for (const sl of style_losses) style_score = sl.loss!.add(style_score);
    for (const cl of content_losses) content_score = cl.loss!.add(content_score);
    style_score = (style_score as Tensor).mul(style_weight);
    content_score = (content_score as Tensor).mul(content_weight);
    const loss = style_score.add(content_score);
    loss.backward();
    run[0] += 1;
    scores.push([style_score.cpu_item() as number, content_score.cpu_item() as number]);
    return style_score.add(content_score);
  };
  rec.first_loss = optimizer.step(closure);
  const runs = [run[0]];
  for (let k = 0; k < n_steps - 1; k++) {
    optimizer.step(closure);
    runs.push(run[0]);
  }
  torch.no_grad(() => {
    input_img.clamp_(0, 1);
  });
  return Object.assign(rec, {
    runs, scores, input_img: input_img.index(0, 0), input_requires_grad: input_img.requires_grad, param_frozen: (model[1] as nn.Conv2d).weight.requires_grad,
    sl_loss_grad_fn: style_losses[0].loss!.grad_fn!.name(), lbfgs_no_closure: err(() => (optimizer.step as () => unknown)()),
    clamp_leaf: err(() => input_img.clamp_(0, 1)),
  });
}

S3.s3_style_transfer = () => run_style_transfer(1);

S3.s3_style_transfer_two_steps = () => {
  const rec = run_style_transfer(2);
  return { runs: rec.runs, scores_second_step: (rec.scores as number[][]).slice(20), input_img: rec.input_img };
};

// ---- FGSM -----------------------------------------------------------------------------------
class Net extends nn.Module {
  conv1 = nn.Conv2d(1, 2, 3, 1);
  conv2 = nn.Conv2d(2, 3, 3, 1);
  dropout1 = nn.Dropout(0.25);
  dropout2 = nn.Dropout(0.5);
  fc1 = nn.Linear(12, 6);
  fc2 = nn.Linear(6, 4);
  forward(x: Tensor): Tensor {
    x = this.conv1(x);
    x = F.relu(x);
    x = this.conv2(x);
    x = F.relu(x);
    x = F.max_pool2d(x, 2);
    x = this.dropout1(x);
    x = torch.flatten(x, 1);
    x = this.fc1(x);
    x = F.relu(x);
    x = this.dropout2(x);
    x = this.fc2(x);
    const output = F.log_softmax(x, { dim: 1 });
    return output;
  }
}

function fgsm_attack(image: Tensor, epsilon: number, data_grad: Tensor): Tensor {
  const sign_data_grad = data_grad.sign();
  let perturbed_image = image.add(sign_data_grad.mul(epsilon));
  perturbed_image = torch.clamp(perturbed_image, 0, 1);
  return perturbed_image;
}

function test(model: Net, test_loader: [Tensor, Tensor][], epsilon: number): [number, unknown[], Tensor[]] {
  let correct = 0;
  const adv_examples: unknown[] = [];
  const grads: Tensor[] = [];
  for (const [data, target] of test_loader) {
    data.requires_grad = true;
    let output = model(data);
    const init_pred = output.max(1, { keepdim: true })[1];
    if (init_pred.cpu_item() !== target.cpu_item()) continue;
    const loss = F.nll_loss(output, target);
    model.zero_grad();
    loss.backward();
    const data_grad = data.grad!.data;
    grads.push(data_grad.index(0, 0, 0));
    const perturbed_data = fgsm_attack(data, epsilon, data_grad);
    output = model(perturbed_data);
    const final_pred = output.max(1, { keepdim: true })[1];
    if (final_pred.cpu_item() === target.cpu_item()) {
      correct += 1;
      if (epsilon === 0 && adv_examples.length < 5) {
        const adv_ex = perturbed_data.squeeze().detach().cpu();
        adv_examples.push([init_pred.cpu_item(), final_pred.cpu_item(), adv_ex.index(0)]);
      }
    } else if (adv_examples.length < 5) {
      const adv_ex = perturbed_data.squeeze().detach().cpu();
      adv_examples.push([init_pred.cpu_item(), final_pred.cpu_item(), adv_ex.index(0)]);
    }
  }
  const final_acc = correct / test_loader.length;
  return [final_acc, adv_examples, grads];
}

S3.s3_fgsm = () => {
  const model = new Net();
  model.load_state_dict(SD('fgsm_net'));
  model.eval();
  const imgs = I('fgsm_imgs'), targets = I('fgsm_targets');
  const test_loader: [Tensor, Tensor][] = [0, 1, 2, 3].map((k) => [imgs.index(k).clone(), targets.index(k)]);
  const accuracies: number[] = [], examples: unknown[] = [], grads: unknown[] = [];
  for (const eps of [0, 0.05, 0.3]) {
    const [acc, ex, g] = test(model, test_loader.map(([d, t]) => [d.clone(), t]), eps);
    accuracies.push(acc);
    examples.push(ex);
    grads.push(g);
  }
  const data = imgs.index(0).clone();
  data.requires_grad = true;
  const output = model(data);
  const init_pred = output.max(1, { keepdim: true })[1];
  F.nll_loss(output, targets.index(0)).backward();
  return {
    accuracies, examples, grads, output, init_pred, data_grad: data.grad, grad_is_leaf: data.grad!.is_leaf,
    grad_data_requires_grad: data.grad!.data.requires_grad, conv1_grad: model.conv1.weight.grad,
    perturbed: fgsm_attack(data, 0.1, data.grad!.data).index(0, 0, ':2'), perturbed_grad_fn: fgsm_attack(data, 0.1, data.grad!.data).grad_fn!.name(),
    nonleaf_requires_grad: err(() => (output.requires_grad = false)),
    int_requires_grad: err(() => (torch.tensor([1, 2]).requires_grad = true)),
    nll_target_2d: err(() => F.nll_loss(output, targets.index(0).view(1, 1))),
    nll_target_float: err(() => F.nll_loss(output, targets.index(0).float())),
    item_of_batch: err(() => model(imgs.index(':2', 0)).max(1, { keepdim: true })[1].cpu_item()),
  };
};
