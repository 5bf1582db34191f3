// "Learn the Basics" and the 60-minute blitz in TypeScript (twins of scripts/golden/lessons_basics.py):
// written as a learner ports them with the project's conventions (options object = keyword arguments,
// `t.index(...)` for `t[...]`, synchronous `cpu_item()`/`cpu_tolist()` on CPU tensors).
import { torch, nn, F, optim, utils } from '../index';
import type { Tensor } from '../tensor';
import { I, SD, err, wave, wave_init, type Lesson } from './lessons_io';

const f32 = { dtype: torch.float32 };

class NeuralNetwork extends nn.Module {
  flatten = nn.Flatten();
  linear_relu_stack = nn.Sequential(nn.Linear(16, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 3));
  forward(x: Tensor): Tensor {
    return this.linear_relu_stack(this.flatten(x));
  }
}

class CifarNet extends nn.Module {
  conv1 = nn.Conv2d(3, 6, 5);
  pool = nn.MaxPool2d(2, 2);
  conv2 = nn.Conv2d(6, 16, 5);
  fc1 = nn.Linear(16 * 5 * 5, 120);
  fc2 = nn.Linear(120, 84);
  fc3 = nn.Linear(84, 10);
  forward(x: Tensor): Tensor {
    x = this.pool(F.relu(this.conv1(x)));
    x = this.pool(F.relu(this.conv2(x)));
    x = torch.flatten(x, 1);
    x = F.relu(this.fc1(x));
    x = F.relu(this.fc2(x));
    return this.fc3(x);
  }
}

class BlitzNet extends nn.Module {
  conv1 = nn.Conv2d(1, 6, 3);
  fc1 = nn.Linear(6 * 3 * 3, 16);
  fc2 = nn.Linear(16, 10);
  forward(x: Tensor): Tensor {
    x = F.max_pool2d(F.relu(this.conv1(x)), [2, 2]);
    x = torch.flatten(x, 1);
    return this.fc2(F.relu(this.fc1(x)));
  }
}

class CustomImageDataset extends utils.data.Dataset<[Tensor, Tensor | number]> {
  constructor(
    readonly images: Tensor,
    readonly labels: Tensor,
    readonly transform: ((x: Tensor) => Tensor) | null = null,
    readonly target_transform: ((y: number) => Tensor) | null = null,
  ) {
    super();
  }
  get length(): number {
    return this.labels.shape[0];
  }
  get(idx: number): [Tensor, Tensor | number] {
    let image = this.images.index(idx);
    const label = this.labels.index(idx).cpu_item();
    if (this.transform) image = this.transform(image);
    return [image, this.target_transform ? this.target_transform(label) : label];
  }
}

function trainLoop(dataloader: Iterable<Tensor[]>, model: nn.Module, loss_fn: (a: Tensor, b: Tensor) => Tensor, optimizer: optim.Optimizer): number[] {
  const losses: number[] = [];
  model.train();
  for (const [X, y] of dataloader) {
    const pred = model(X);
    const loss = loss_fn(pred, y);
    loss.backward();
    optimizer.step();
    optimizer.zero_grad();
    losses.push(loss.cpu_item());
  }
  return losses;
}

export const BASICS: Record<string, Lesson> = {
  basics_tensors() {
    const data = [[1, 2], [3, 4]];
    const x_data = torch.tensor(data);
    const x_ones = torch.ones_like(x_data);
    const x_float = torch.zeros_like(x_data, { dtype: torch.float });
    const tensor = torch.ones(4, 4);
    tensor.index_put_([':', 1], 0);
    const t1 = torch.cat([tensor, tensor, tensor], { dim: 1 });
    const y1 = tensor.matmul(tensor.T);
    const y2 = tensor.matmul(tensor.T);
    const z1 = tensor.mul(tensor);
    const agg = tensor.sum();
    const agg_item = agg.cpu_item();
    tensor.add_(5);
    const x = I('basics_x');
    return {
      x_data, x_ones, x_float, shape: tensor.shape, dtype: String(tensor.dtype), device: String(tensor.device),
      first_row: tensor.index(0), last_col: tensor.index('...', -1), t1_shape: t1.shape, y1, y2, z1, agg_item,
      after_add_: tensor, printed: String(x_data), printed_float: String(x_float), x_sum_dim1: x.sum(1), x_mean: x.mean(),
      x_first_col: x.index(':', 0),
    };
  },

  basics_dataset_dataloader() {
    const ds = new CustomImageDataset(I('img4'), I('labels6'), (x) => x.sub(0.5).div(0.5),
      (y) => torch.zeros(3, { dtype: torch.float }).scatter_(0, torch.tensor(y), { value: 1 }));
    const [img, label] = ds.at(1);
    const loader = new utils.data.DataLoader(ds, { batch_size: 4, shuffle: false });
    const batches = [...loader] as Tensor[][];
    const plain = utils.data.DataLoader(new CustomImageDataset(I('img4'), I('labels6')), { batch_size: 4 });
    const [X2, y2] = [...plain][0] as Tensor[];
    return {
      len: ds.length, img, label, n_batches: loader.length, b0_X_shape: batches[0][0].shape, b0_y: batches[0][1],
      b1_X: batches[1][0], b1_y: batches[1][1], int_labels: y2, int_labels_dtype: String(y2.dtype), X2_shape: X2.shape,
    };
  },

  basics_build_model() {
    const model = new NeuralNetwork();
    model.load_state_dict(SD('basics_net'));
    const X = I('img4').index(':2');
    const logits = model(X);
    const pred_probab = nn.Softmax({ dim: 1 })(logits);
    const y_pred = pred_probab.argmax(1);
    const flat = nn.Flatten()(X);
    const stack = model.linear_relu_stack;
    return {
      repr: String(model), logits, probab: pred_probab, y_pred, flat_shape: flat.shape,
      params: model.named_parameters().map(([name, p]) => [name, p.shape, p.requires_grad]),
      n_params: model.parameters().reduce((a, p) => a + p.numel(), 0),
      layer1: stack[0](flat), relu: nn.ReLU()(stack[0](flat)),
    };
  },

  basics_autograd() {
    const x = torch.ones(5);
    const y = torch.zeros(3);
    const w = I('w5x3').requires_grad_();
    const b = I('b3').requires_grad_();
    const z = torch.matmul(x, w).add(b);
    const loss = F.binary_cross_entropy_with_logits(z, y);
    const names = [z.grad_fn!.name(), loss.grad_fn!.name()];
    loss.backward();
    const z2 = torch.no_grad(() => torch.matmul(x, w).add(b));
    const z_det = z.detach();
    return { z, loss, names, w_grad: w.grad, b_grad: b.grad, z2_requires_grad: z2.requires_grad, z_det_requires_grad: z_det.requires_grad, z_det };
  },

  basics_jacobian_vector() {
    const inp = torch.eye(4, 5, { requires_grad: true });
    const out = inp.add(1).pow(2).t();
    out.backward(torch.ones_like(out), { retain_graph: true });
    const first = inp.grad!.clone();
    out.backward(torch.ones_like(out), { retain_graph: true });
    const second = inp.grad!.clone();
    inp.grad!.zero_();
    out.backward(torch.ones_like(out), { retain_graph: true });
    return { out, first, second, after_zero: inp.grad };
  },

  basics_optimization_loop() {
    const model = new NeuralNetwork();
    model.load_state_dict(SD('basics_net'));
    const ds = utils.data.TensorDataset(I('img4'), I('labels6'));
    const loader = utils.data.DataLoader(ds, { batch_size: 4 });
    const loss_fn = nn.CrossEntropyLoss();
    const optimizer = optim.SGD(model.parameters(), { lr: 0.5 });
    let losses: number[] = [];
    for (let e = 0; e < 3; e++) losses = losses.concat(trainLoop(loader as Iterable<Tensor[]>, model, loss_fn, optimizer));
    model.eval();
    let test_loss = 0;
    let correct = 0;
    torch.no_grad(() => {
      for (const [X, y] of loader as Iterable<Tensor[]>) {
        const pred = model(X);
        test_loss += loss_fn(pred, y).cpu_item();
        correct += pred.argmax(1).eq(y).type(torch.float).sum().cpu_item();
      }
    });
    const last = model.linear_relu_stack[4] as nn.Linear;
    return {
      losses, test_loss: test_loss / loader.length, accuracy: correct / ds.length, last_weight: last.weight, last_bias: last.bias,
      grad_after_zero: last.weight.grad,
    };
  },

  async basics_save_load() {
    const model = new NeuralNetwork();
    model.load_state_dict(SD('basics_net'));
    const bytes = await torch.save(model.state_dict());
    const model2 = new NeuralNetwork();
    model2.load_state_dict(torch.load(bytes));
    model2.eval();
    const X = I('img4');
    const missing = err(() => model2.load_state_dict({ 'linear_relu_stack.0.weight': torch.zeros(8, 16) }));
    return {
      keys: Object.keys(model.state_dict()), same: torch.equal(model(X), model2(X)), out: model2(X), missing, training: model2.training,
    };
  },

  blitz_tensors() {
    const x = torch.tensor([[1, 2], [3, 4]], f32);
    const y = x.new_ones(2, 3);
    const z = torch.zeros(5, 3, { dtype: torch.long });
    const a = torch.ones(4, 4);
    const b = a.view(16);
    const c = a.view(-1, 8);
    const s = torch.tensor([2.5]);
    x.add_(torch.ones(2, 2));
    return { y, z, size: x.size(), b_size: b.size(), c_size: c.size(), item: s.cpu_item(), x, col: x.index(':', 1), y_dtype: String(y.dtype) };
  },

  blitz_autograd() {
    const x = torch.ones(2, 2, { requires_grad: true });
    const y = x.add(2);
    const z = y.mul(y).mul(3);
    const out = z.mean();
    out.backward();
    let a = torch.tensor([[2, 1], [0.5, -3]]);
    a = a.mul(3).div(a.sub(1));
    const rg_before = a.requires_grad;
    a.requires_grad_(true);
    const bsum = a.mul(a).sum();
    const v = I('vjp_x').requires_grad_();
    let w = v.mul(2);
    let n = 0;
    while (w.data.norm().cpu_item() < 1000) {
      w = w.mul(2);
      n += 1;
    }
    w.backward(torch.tensor([0.1, 1.0, 0.0001], { dtype: torch.float }));
    return { y, z, out, x_grad: x.grad, rg_before, bsum_fn: bsum.grad_fn!.name(), w, n, v_grad: v.grad };
  },

  blitz_neural_network() {
    const net = new BlitzNet();
    net.load_state_dict(SD('blitz_net'));
    const params = net.parameters();
    const inp = I('blitz_input');
    const out = net(inp);
    net.zero_grad();
    out.backward(torch.ones(1, 10));
    const bias_grad = net.conv1.bias!.grad!.clone();
    const output = net(inp);
    const target = I('blitz_target').view(1, -1);
    const loss = nn.MSELoss()(output, target);
    const fn = loss.grad_fn!;
    const walk = [fn.name(), fn.next_functions[0][0]!.name(), fn.next_functions[0][0]!.next_functions[0][0]!.name()];
    net.zero_grad();
    const before = net.conv1.bias!.grad;
    loss.backward();
    const learning_rate = 0.01;
    for (const f of net.parameters()) f.data.sub_(f.grad!.data.mul(learning_rate));
    const optimizer = optim.SGD(net.parameters(), { lr: 0.01 });
    optimizer.zero_grad();
    const loss2 = nn.MSELoss()(net(inp), target);
    loss2.backward();
    optimizer.step();
    return {
      n_params: params.length, conv1_shape: params[0].size(), out, ones_bias_grad: bias_grad, loss, walk, before,
      after: net.conv1.bias!.grad, loss2, fc2_bias: net.fc2.bias, repr: String(net),
    };
  },

  blitz_cifar_cnn() {
    const net = wave_init(new CifarNet(), 12);
    const criterion = nn.CrossEntropyLoss();
    const optimizer = optim.SGD(net.parameters(), { lr: 0.001, momentum: 0.9 });
    const inputs = wave([4, 3, 32, 32], 5);
    const labels = I('cifar_y');
    const losses: number[] = [];
    let loss!: Tensor;
    for (let i = 0; i < 3; i++) {
      optimizer.zero_grad();
      const outputs = net(inputs);
      loss = criterion(outputs, labels);
      loss.backward();
      optimizer.step();
      losses.push(loss.cpu_item());
    }
    const grad_conv1_bias = net.conv1.bias!.grad;
    const { outputs, predicted, correct } = torch.no_grad(() => {
      const outputs = net(inputs);
      const [, predicted] = torch.max(outputs.data, 1);
      return { outputs, predicted, correct: predicted.eq(labels).sum().cpu_item() };
    });
    return {
      losses, loss_fn: loss.grad_fn!.name(), conv1_bias_grad: grad_conv1_bias, fc3_weight_row0: net.fc3.weight.index(0),
      conv1_bias: net.conv1.bias, outputs, predicted, correct, momentum_buf: optimizer.state.get(net.fc3.bias!)?.momentum_buffer,
    };
  },
};
