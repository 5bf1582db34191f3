// Family r (twins of scripts/golden/lessons_r.py): "What is torch.nn really?" and "Learning PyTorch with
// Examples" as a learner writes them in Torchlit. Shapes are the Python file's (8x8 images for the logistic
// models, 28x28 `wave` images for the CNN, 500 steps of the sin(x) fit).
import golden from './golden/lessons_r.json';
import { torch, nn, F, optim, utils } from '../index';
import type { Tensor } from '../tensor';
import { err, fixturesOf, wave, wave_init, type Lesson } from './lessons_io';

export const { I, SD } = fixturesOf(golden, 'golden/lessons_r.json');
const bs = 4;
const lr = 0.5;

function log_softmax(x: Tensor): Tensor {
  return x.sub(x.exp().sum(-1).log().unsqueeze(-1));
}
function nll(input: Tensor, target: Tensor): Tensor {
  return input.index(torch.arange(target.shape[0]), target).mean().neg();
}
function accuracy(out: Tensor, yb: Tensor): Tensor {
  const preds = torch.argmax(out, { dim: 1 });
  return preds.eq(yb).float().mean();
}

class Mnist_Logistic extends nn.Module {
  weights = nn.Parameter(torch.randn(64, 10).div(Math.sqrt(64)));
  bias = nn.Parameter(torch.zeros(10));
  forward(xb: Tensor): Tensor {
    return xb.matmul(this.weights).add(this.bias);
  }
}
class Mnist_LogisticLin extends nn.Module {
  lin = nn.Linear(64, 10);
  forward(xb: Tensor): Tensor {
    return this.lin(xb);
  }
}
function logisticLin(): Mnist_LogisticLin {
  const model = new Mnist_LogisticLin();
  torch.no_grad(() => {
    model.lin.weight.copy_(I('w64').t().div(Math.sqrt(64)));
    model.lin.bias!.zero_();
  });
  return model;
}

type LossFn = (a: Tensor, b: Tensor) => Tensor;
function loss_batch(model: (x: Tensor) => Tensor, loss_func: LossFn, xb: Tensor, yb: Tensor, opt: optim.Optimizer | null = null): [number, number] {
  const loss = loss_func(model(xb), yb);
  if (opt !== null) {
    loss.backward();
    opt.step();
    opt.zero_grad();
  }
  return [loss.cpu_item(), xb.shape[0]];
}
// the tutorial's `np.sum(np.multiply(losses, nums)) / np.sum(nums)`, with tensors
function fit(epochs: number, model: nn.Module, loss_func: LossFn, opt: optim.Optimizer, train_dl: Iterable<Tensor[]>, valid_dl: Iterable<Tensor[]>) {
  const record: unknown[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    model.train();
    const train = [...train_dl].map(([xb, yb]) => loss_batch(model, loss_func, xb, yb, opt)[0]);
    model.eval();
    const pairs = torch.no_grad(() => [...valid_dl].map(([xb, yb]) => loss_batch(model, loss_func, xb, yb)));
    const losses = torch.tensor(pairs.map((p) => p[0]));
    const nums = torch.tensor(pairs.map((p) => p[1]));
    const val_loss = losses.mul(nums).sum().div(nums.sum());
    record.push([train, val_loss.cpu_item(), model.training]);
  }
  return record;
}

class Mnist_CNN extends nn.Module {
  conv1 = nn.Conv2d(1, 16, { kernel_size: 3, stride: 2, padding: 1 });
  conv2 = nn.Conv2d(16, 16, { kernel_size: 3, stride: 2, padding: 1 });
  conv3 = nn.Conv2d(16, 10, { kernel_size: 3, stride: 2, padding: 1 });
  forward(xb: Tensor): Tensor {
    xb = xb.view(-1, 1, 28, 28);
    xb = F.relu(this.conv1(xb));
    xb = F.relu(this.conv2(xb));
    xb = F.relu(this.conv3(xb));
    xb = F.avg_pool2d(xb, 4);
    return xb.view(-1, xb.size(1));
  }
}
class Lambda extends nn.Module {
  constructor(public func: (x: Tensor) => Tensor) {
    super();
  }
  forward(x: Tensor): Tensor {
    return this.func(x);
  }
}
const preprocess = (x: Tensor) => x.view(-1, 1, 28, 28);
function conv_stack(pool: nn.Module) {
  return nn.Sequential(new Lambda(preprocess), nn.Conv2d(1, 16, { kernel_size: 3, stride: 2, padding: 1 }), nn.ReLU(),
    nn.Conv2d(16, 16, { kernel_size: 3, stride: 2, padding: 1 }), nn.ReLU(),
    nn.Conv2d(16, 10, { kernel_size: 3, stride: 2, padding: 1 }), nn.ReLU(), pool, new Lambda((x) => x.view(x.size(0), -1)));
}

export const R: Record<string, Lesson> = {
  nnr_manual_logistic() {
    const x_train = I('x_train');
    const y_train = I('y_train');
    const [n] = x_train.shape;
    const weights = I('w64').div(Math.sqrt(64));
    weights.requires_grad_();
    const bias = torch.zeros(10, { requires_grad: true });
    const model = (xb: Tensor) => log_softmax(xb.matmul(weights).add(bias));
    const loss_func = nll;
    let xb = x_train.index('0:4');
    const preds = model(xb);
    let yb = y_train.index('0:4');
    const first = {
      preds0: preds.index(0), shape: preds.shape, loss: loss_func(preds, yb), acc: accuracy(preds, yb), w_leaf: weights.is_leaf,
      eq_dtype: torch.argmax(preds, { dim: 1 }).eq(yb).dtype,
    };
    const losses: number[] = [];
    for (let epoch = 0; epoch < 2; epoch++) {
      for (let i = 0; i < Math.floor((n - 1) / bs) + 1; i++) {
        const start_i = i * bs;
        const end_i = start_i + bs;
        xb = x_train.index(`${start_i}:${end_i}`);
        yb = y_train.index(`${start_i}:${end_i}`);
        const pred = model(xb);
        const loss = loss_func(pred, yb);
        loss.backward();
        losses.push(loss.cpu_item());
        torch.no_grad(() => {
          weights.sub_(weights.grad!.mul(lr));
          bias.sub_(bias.grad!.mul(lr));
          weights.grad!.zero_();
          bias.grad!.zero_();
        });
      }
    }
    return {
      ...first, eq_dtype: String(first.eq_dtype), losses, weights, bias, w_grad: weights.grad, still_leaf: weights.is_leaf, final_loss: loss_func(model(xb), yb),
      final_acc: accuracy(model(xb), yb), ce_same: torch.allclose(F.cross_entropy(xb.matmul(weights).add(bias), yb), loss_func(model(xb), yb)),
      inplace_leaf: err(() => weights.sub_(1.0)), float_target: err(() => F.nll_loss(model(xb), yb.float())),
      unflat: err(() => model(xb.view(-1, 8, 8))),
    };
  },

  nnr_module_and_optim() {
    const x_train = I('x_train');
    const y_train = I('y_train');
    const n = x_train.shape[0];
    const loss_func = F.cross_entropy;
    const model = new Mnist_Logistic();
    torch.no_grad(() => model.weights.copy_(I('w64').div(Math.sqrt(64))));
    const out: Record<string, unknown> = {
      params: model.parameters().map((p) => p.shape), names: model.named_parameters().map(([k]) => k),
      loss0: loss_func(model(x_train.index('0:4')), y_train.index('0:4')),
    };
    const fit = (model: nn.Module, opt: optim.Optimizer | null = null) => {
      const losses: number[] = [];
      for (let epoch = 0; epoch < 2; epoch++) {
        for (let i = 0; i < Math.floor((n - 1) / bs) + 1; i++) {
          const start_i = i * bs;
          const xb = x_train.index(`${start_i}:${start_i + bs}`);
          const yb = y_train.index(`${start_i}:${start_i + bs}`);
          const loss = loss_func(model(xb), yb);
          loss.backward();
          if (opt === null) {
            torch.no_grad(() => {
              for (const p of model.parameters()) p.sub_(p.grad!.mul(lr));
              model.zero_grad();
            });
          } else {
            opt.step();
            opt.zero_grad();
          }
          losses.push(loss.cpu_item());
        }
      }
      return losses;
    };
    out.manual = fit(model);
    out.manual_w = model.weights;
    out.grad_after_zero_grad = model.bias.grad;
    const lin = logisticLin();
    out.lin_loss0 = loss_func(lin(x_train.index('0:4')), y_train.index('0:4'));
    const opt = optim.SGD(lin.parameters(), { lr });
    out.sgd = fit(lin, opt);
    out.sgd_w = lin.lin.weight;
    out.sgd_grad_after_zero_grad = lin.lin.bias!.grad;
    out.float_target = err(() => loss_func(lin(x_train.index('0:4')), y_train.index('0:4').float()));
    out.wrong_features = err(() => lin(x_train.index('0:4', ':60')));
    return out;
  },

  nnr_dataloader_fit() {
    const train_ds = utils.data.TensorDataset(I('x_train'), I('y_train'));
    const valid_ds = utils.data.TensorDataset(I('x_valid'), I('y_valid'));
    const train_dl = utils.data.DataLoader(train_ds, { batch_size: bs, shuffle: false });
    const valid_dl = utils.data.DataLoader(valid_ds, { batch_size: bs * 2 });
    const model = logisticLin();
    const [xb, yb] = train_ds.at('0:2');
    const first = train_dl[Symbol.iterator]().next().value as Tensor[];
    const rec = fit(2, model, F.cross_entropy, optim.SGD(model.parameters(), { lr }), train_dl, valid_dl);
    return {
      ds_len: train_ds.length, dl_len: train_dl.length, valid_len: valid_dl.length, slice_x: xb.shape, slice_y: yb,
      first_batch: [first[0].shape, first[1]], fit: rec, w: model.lin.weight, b: model.lin.bias,
    };
  },

  nnr_cnn_momentum() {
    const x = wave([12, 784], 7, 0.5).add(0.5);
    const y = I('y12');
    const train_dl = utils.data.DataLoader(utils.data.TensorDataset(x.index(':8'), y.index(':8')), { batch_size: bs });
    const valid_dl = utils.data.DataLoader(utils.data.TensorDataset(x.index('8:'), y.index('8:')), { batch_size: bs * 2 });
    const out: Record<string, unknown> = {};
    const models: [string, nn.Module][] = [['cnn', new Mnist_CNN()], ['seq', conv_stack(nn.AvgPool2d(4))], ['adaptive', conv_stack(nn.AdaptiveAvgPool2d(1))]];
    for (const [name, model] of models) {
      wave_init(model, 11);
      const logits = model(x.index(':2'));
      const opt = optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
      const rec = fit(2, model, F.cross_entropy, opt, train_dl, valid_dl);
      const ps = model.parameters();
      out[name] = { logits, fit: rec, w_last: ps[ps.length - 2].index(0, 0), b_last: ps[ps.length - 1] };
    }
    out.keys = Object.keys(conv_stack(nn.AdaptiveAvgPool2d(1)).state_dict());
    out.repr_pool = String(nn.AdaptiveAvgPool2d(1));
    out.pool_small = err(() => F.avg_pool2d(torch.ones(1, 10, 2, 2), 4));
    out.view_bad = err(() => torch.ones(5, 100).view(-1, 1, 28, 28));
    return out;
  },
};
