// Family r, "Learning PyTorch with Examples" (twins of the ex_* programs of scripts/golden/lessons_r.py):
// sin(x) by a third-order polynomial, with raw tensors, autograd, a custom autograd.Function, nn, optim
// and custom Modules (Polynomial3, DynamicNet with a fixed sequence in place of random.randint).
import { torch, nn } from '../index';
import type { Tensor } from '../tensor';
import { err, type Lesson } from './lessons_io';
import { I, SD } from './lessons_r';

function sin_data(): [Tensor, Tensor] {
  const x = torch.linspace(-Math.PI, Math.PI, 2000);
  return [x, torch.sin(x)];
}
function checkpoints(t: number, loss: number, out: number[]) {
  if (t % 100 === 99) out.push(loss);
}

class LegendrePolynomial3 extends torch.autograd.Function {
  static forward(ctx: any, input: Tensor): Tensor {
    ctx.save_for_backward(input);
    return input.pow(3).mul(5).sub(input.mul(3)).mul(0.5);
  }
  static backward(ctx: any, grad_output: Tensor): Tensor {
    const [input] = ctx.saved_tensors;
    return grad_output.mul(1.5).mul(input.pow(2).mul(5).sub(1));
  }
}

function poly_model() {
  const model = torch.nn.Sequential(torch.nn.Linear(3, 1), torch.nn.Flatten(0, 1));
  model.load_state_dict(SD('poly_lin'));
  return model;
}

class Polynomial3 extends torch.nn.Module {
  a = torch.nn.Parameter(torch.randn([]));
  b = torch.nn.Parameter(torch.randn([]));
  c = torch.nn.Parameter(torch.randn([]));
  d = torch.nn.Parameter(torch.randn([]));
  forward(x: Tensor): Tensor {
    return this.a.add(this.b.mul(x)).add(this.c.mul(x.pow(2))).add(this.d.mul(x.pow(3)));
  }
  string(): string {
    return `y = ${this.a.cpu_item()} + ${this.b.cpu_item()} x + ${this.c.cpu_item()} x^2 + ${this.d.cpu_item()} x^3`;
  }
}
class DynamicNet extends Polynomial3 {
  e = torch.nn.Parameter(torch.randn([]));
  calls = 0;
  forward(x: Tensor): Tensor {
    let y = this.a.add(this.b.mul(x)).add(this.c.mul(x.pow(2))).add(this.d.mul(x.pow(3)));
    const top = [4, 6, 5, 4, 6, 6, 5][this.calls % 7]; // random.randint(4, 6) in the tutorial
    this.calls += 1;
    for (let exp = 4; exp < top; exp++) y = y.add(this.e.mul(x.pow(exp)));
    return y;
  }
}

export const EXAMPLES: Record<string, Lesson> = {
  ex_tensors_manual_grad() {
    const [x, y] = sin_data();
    let [a, b, c, d] = I('abcd').unbind();
    const learning_rate = 1e-6;
    const losses: number[] = [];
    let y_pred = x;
    for (let t = 0; t < 500; t++) {
      y_pred = a.add(b.mul(x)).add(c.mul(x.pow(2))).add(d.mul(x.pow(3)));
      const loss = y_pred.sub(y).pow(2).sum().cpu_item();
      checkpoints(t, loss, losses);
      const grad_y_pred = y_pred.sub(y).mul(2.0);
      const grad_a = grad_y_pred.sum();
      const grad_b = grad_y_pred.mul(x).sum();
      const grad_c = grad_y_pred.mul(x.pow(2)).sum();
      const grad_d = grad_y_pred.mul(x.pow(3)).sum();
      a = a.sub(grad_a.mul(learning_rate));
      b = b.sub(grad_b.mul(learning_rate));
      c = c.sub(grad_c.mul(learning_rate));
      d = d.sub(grad_d.mul(learning_rate));
    }
    const last = y_pred;
    return { x_dtype: String(x.dtype), a_shape: a.shape, losses, abcd: [a, b, c, d], item_many: err(() => last.sub(y).pow(2).cpu_item()) };
  },

  ex_autograd_scalars() {
    const dtype = torch.float;
    const [x, y] = sin_data();
    const [a0, b0, c0, d0] = I('abcd').cpu_tolist() as number[];
    const a = torch.tensor(a0, { dtype, requires_grad: true });
    const b = torch.tensor(b0, { dtype, requires_grad: true });
    const c = torch.tensor(c0, { dtype, requires_grad: true });
    const d = torch.tensor(d0, { dtype, requires_grad: true });
    const learning_rate = 1e-6;
    const losses: number[] = [];
    const before: Record<string, unknown> = { a_grad: a.grad, a_leaf: a.is_leaf, a_shape: a.shape, randn_shape: torch.randn([], { requires_grad: true }).shape };
    for (let t = 0; t < 500; t++) {
      const y_pred = a.add(b.mul(x)).add(c.mul(x.pow(2))).add(d.mul(x.pow(3)));
      const loss = y_pred.sub(y).pow(2).sum();
      checkpoints(t, loss.cpu_item(), losses);
      loss.backward();
      if (t === 0) {
        Object.assign(before, {
          loss, y_pred_fn: y_pred.grad_fn!.name(), a_grad1: a.grad!.clone(), d_grad1: d.grad!.clone(), twice: err(() => loss.backward()),
          inplace: err(() => a.sub_(a.grad!.mul(learning_rate))),
        });
      }
      torch.no_grad(() => {
        a.sub_(a.grad!.mul(learning_rate));
        b.sub_(b.grad!.mul(learning_rate));
        c.sub_(c.grad!.mul(learning_rate));
        d.sub_(d.grad!.mul(learning_rate));
        a.grad = null;
        b.grad = null;
        c.grad = null;
        d.grad = null;
      });
    }
    return {
      ...before, losses, abcd: [a, b, c, d], a_leaf_after: a.is_leaf, grad_none: a.grad, numpy_rg: err(() => a.numpy()),
      no_grad_fn: err(() => torch.ones(2).sum().backward()),
    };
  },

  ex_custom_function() {
    const dtype = torch.float;
    const [x, y] = sin_data();
    const a = torch.full([], 0.0, { dtype, requires_grad: true });
    const b = torch.full([], -1.0, { dtype, requires_grad: true });
    const c = torch.full([], 0.0, { dtype, requires_grad: true });
    const d = torch.full([], 0.3, { dtype, requires_grad: true });
    const learning_rate = 5e-6;
    const losses: number[] = [];
    let first: Record<string, unknown> = {};
    for (let t = 0; t < 500; t++) {
      const P3 = (v: Tensor) => LegendrePolynomial3.apply(v) as Tensor;
      const y_pred = a.add(b.mul(P3(c.add(d.mul(x)))));
      const loss = y_pred.sub(y).pow(2).sum();
      checkpoints(t, loss.cpu_item(), losses);
      loss.backward();
      if (t === 0) {
        const p = P3(c.add(d.mul(x)));
        first = { p3: p.index(':5'), p3_fn: p.grad_fn!.name(), p3_rg: p.requires_grad, loss0: loss, d_grad: d.grad!.clone() };
      }
      torch.no_grad(() => {
        for (const v of [a, b, c, d]) v.sub_(v.grad!.mul(learning_rate));
        for (const v of [a, b, c, d]) v.grad = null;
      });
    }
    const xg = torch.tensor([0.5, -1.0, 2.0], { requires_grad: true });
    LegendrePolynomial3.apply(xg).sum().backward();
    const plain = LegendrePolynomial3.apply(torch.tensor([0.5, 2.0]));
    return { ...first, losses, abcd: [a, b, c, d], xg_grad: xg.grad, plain };
  },

  ex_nn_and_optim() {
    const [x, y] = sin_data();
    const p = torch.tensor([1, 2, 3]);
    const xx = x.unsqueeze(-1).pow(p);
    const loss_fn = torch.nn.MSELoss({ reduction: 'sum' });
    const out: Record<string, unknown> = { xx_shape: xx.shape, xx_dtype: String(xx.dtype), xx_row: xx.index(-1), p_dtype: String(p.dtype) };
    let model = poly_model();
    const learning_rate = 1e-6;
    let losses: number[] = [];
    let y_pred = x;
    for (let t = 0; t < 300; t++) {
      y_pred = model(xx);
      const loss = loss_fn(y_pred, y);
      checkpoints(t, loss.cpu_item(), losses);
      model.zero_grad();
      loss.backward();
      torch.no_grad(() => {
        for (const param of model.parameters()) param.sub_(param.grad!.mul(learning_rate));
      });
    }
    const linear_layer = model[0] as nn.Linear;
    const m1 = model;
    Object.assign(out, {
      nn_losses: losses, nn_w: linear_layer.weight, nn_b: linear_layer.bias, y_pred_shape: y_pred.shape, y_pred_fn: y_pred.grad_fn!.name(),
      no_unsqueeze: err(() => m1(x)),
    });
    model = poly_model();
    const optimizer = torch.optim.RMSprop(model.parameters(), { lr: 1e-3 });
    losses = [];
    for (let t = 0; t < 300; t++) {
      y_pred = model(xx);
      const loss = loss_fn(y_pred, y);
      checkpoints(t, loss.cpu_item(), losses);
      optimizer.zero_grad();
      loss.backward();
      optimizer.step();
    }
    const w = (model[0] as nn.Linear).weight;
    Object.assign(out, { rms_losses: losses, rms_w: w, rms_b: (model[0] as nn.Linear).bias, sq_avg: optimizer.state.get(w)!.square_avg });
    return out;
  },

  ex_custom_modules() {
    const [x, y] = sin_data();
    const out: Record<string, unknown> = {};
    const runs: [string, () => Polynomial3, number, (ps: Tensor[]) => InstanceType<typeof torch.optim.SGD>][] = [
      ['poly', () => new Polynomial3(), 300, (ps) => torch.optim.SGD(ps, { lr: 1e-6 })],
      ['dynamic', () => new DynamicNet(), 100, (ps) => torch.optim.SGD(ps, { lr: 1e-8, momentum: 0.9 })],
    ];
    for (const [name, make, steps, opt_fn] of runs) {
      const model = make();
      const init = [...(I('abcd').cpu_tolist() as number[]), 0.01];
      torch.no_grad(() => model.parameters().forEach((p, i) => p.fill_(init[i])));
      const criterion = torch.nn.MSELoss({ reduction: 'sum' });
      const optimizer = opt_fn(model.parameters());
      const losses: number[] = [];
      const first = model.string();
      for (let t = 0; t < steps; t++) {
        const y_pred = model(x);
        const loss = criterion(y_pred, y);
        checkpoints(t, loss.cpu_item(), losses);
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
      }
      out[name] = { string0: first, losses, params: model.parameters(), names: model.named_parameters().map(([k]) => k), a_shape: model.a.shape };
    }
    return out;
  },
};
