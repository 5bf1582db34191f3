// Torchlit's CPU backend as a peer: the workloads written as a PyTorch tutorial would write them.
// Ops that have not landed yet make a workload "missing" instead of failing the table.
import { torch, nn, optim, models } from '../../engine/index';
import type { Input, Inputs } from '../inputs';
import { SEED_EPOCHS, SEED_LR, SGD_LR, type WorkloadId } from '../workloads';
import { Missing, type Peer } from './peer';

type Dyn = any;
const T = torch as Dyn;
const t = (x: Input, requires_grad = false): Dyn => T.from_array(x.data, x.shape, { requires_grad });

function need(obj: Dyn, ...names: string[]): void {
  for (const n of names) if (obj == null || obj[n] === undefined) throw new Missing(`missing: ${n}`);
}

/** Runs `fn` and turns an engine error ("kernel not implemented", "not a function") into Missing. */
function attempt<R>(fn: () => R): R {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Missing) throw e;
    throw new Missing(`missing: ${(e as Error).message.split('\n')[0].slice(0, 90)}`);
  }
}

export function oursPeer(name = 'ours (cpu)'): Peer {
  return {
    name,
    async prepare(id: WorkloadId, inp: Inputs) {
      switch (id) {
        case 'mm256':
        case 'mm1024': {
          need(T, 'matmul');
          const n = id === 'mm256' ? 256 : 1024;
          const a = t(inp[`mm${n}_a`]), b = t(inp[`mm${n}_b`]);
          const step = () => T.matmul(a, b);
          attempt(step);
          return step;
        }
        case 'seed_raw':
          return seedRaw(inp);
        case 'seed_nn':
          return seedNn(inp);
        case 'seed_lesson':
          return seedLesson(inp);
        case 'mlp': {
          need(nn, 'Sequential', 'Linear', 'ReLU', 'CrossEntropyLoss');
          const model = attempt(() => (nn as Dyn).Sequential((nn as Dyn).Linear(784, 128), (nn as Dyn).ReLU(), (nn as Dyn).Linear(128, 10)));
          attempt(() => model.load_state_dict({ '0.weight': t(inp.mlp_w1), '0.bias': t(inp.mlp_b1), '2.weight': t(inp.mlp_w2), '2.bias': t(inp.mlp_b2) }));
          return trainStep(model, t(inp.mlp_x), T.from_array(inp.mlp_y.data, [64], { dtype: T.int64 }));
        }
        case 'cnn': {
          const N: Dyn = nn;
          need(N, 'Conv2d', 'MaxPool2d', 'Flatten');
          const model = attempt(() =>
            N.Sequential(N.Conv2d(1, 8, 3, { padding: 1 }), N.ReLU(), N.MaxPool2d(2), N.Conv2d(8, 16, 3, { padding: 1 }), N.ReLU(), N.MaxPool2d(2), N.Flatten(), N.Linear(784, 10)),
          );
          attempt(() =>
            model.load_state_dict({
              '0.weight': t(inp.cnn_w1), '0.bias': t(inp.cnn_b1), '3.weight': t(inp.cnn_w2), '3.bias': t(inp.cnn_b2), '7.weight': t(inp.cnn_w3), '7.bias': t(inp.cnn_b3),
            }),
          );
          return trainStep(model, t(inp.cnn_x), T.from_array(inp.cnn_y.data, [64], { dtype: T.int64 }));
        }
        case 'vgg16': {
          need(models, 'vgg16');
          const model = await (models as Dyn).vgg16();
          model.eval?.();
          const x = t(inp.vgg_x);
          const step = () => T.no_grad(() => model(x));
          attempt(step);
          return step;
        }
        case 'vgg16_init': {
          need(models, 'vgg16');
          return async () => {
            T.manual_seed(0);
            return (models as Dyn).vgg16();
          };
        }
      }
    },
  };
}

/** The seed loop with raw tensors: `x @ w1.T + b1`, tanh, `@ w2.T + b2`, MSE, manual SGD under no_grad. */
function seedRaw(inp: Inputs): () => unknown {
  const x = t(inp.seed_x), y = t(inp.seed_y);
  const hasMatmul = typeof T.matmul === 'function';
  const run = () => {
    const params = [inp.seed_w1, inp.seed_b1, inp.seed_w2, inp.seed_b2].map((p) => t(p, true));
    const [w1, b1, w2, b2] = params;
    for (let e = 0; e < SEED_EPOCHS; e++) {
      // without matmul (not landed yet): the same math by broadcasting, [11,1]·[1,8] and a row sum
      const h = hasMatmul ? x.matmul(w1.transpose(0, 1)).add(b1).tanh() : x.mul(w1.transpose(0, 1)).add(b1).tanh();
      const p = hasMatmul ? h.matmul(w2.transpose(0, 1)).add(b2) : h.mul(w2).sum(1, true).add(b2);
      const loss = p.sub(y).pow(2).mean();
      for (const q of params) q.grad = null;
      loss.backward();
      T.no_grad(() => {
        for (const q of params) q.sub_(q.grad.mul(SEED_LR));
      });
    }
  };
  attempt(() => {
    const h = x.mul(t(inp.seed_w1, true).transpose(0, 1)).tanh().sum();
    h.backward();
  });
  return run;
}

function seedNn(inp: Inputs): () => unknown {
  const N: Dyn = nn, O: Dyn = optim;
  need(N, 'Sequential', 'Linear', 'Tanh', 'MSELoss');
  need(O, 'SGD');
  const x = t(inp.seed_x), y = t(inp.seed_y);
  const state = { '0.weight': t(inp.seed_w1), '0.bias': t(inp.seed_b1), '2.weight': t(inp.seed_w2), '2.bias': t(inp.seed_b2) };
  const run = () => {
    const model = N.Sequential(N.Linear(1, 8), N.Tanh(), N.Linear(8, 1));
    model.load_state_dict(state);
    const opt = O.SGD(model.parameters(), { lr: SEED_LR });
    const loss_fn = N.MSELoss();
    for (let e = 0; e < SEED_EPOCHS; e++) {
      const loss = loss_fn(model(x), y);
      opt.zero_grad();
      loss.backward();
      opt.step();
    }
  };
  attempt(() => {
    const model = N.Sequential(N.Linear(1, 8), N.Tanh(), N.Linear(8, 1));
    model.load_state_dict(state);
    N.MSELoss()(model(x), y).backward();
  });
  return run;
}

/** The seed lesson: named layers (1→13→1), F.mse_loss, optim.SGD, full batch of 11 points. */
function seedLesson(inp: Inputs): () => unknown {
  const N: Dyn = nn, O: Dyn = optim;
  need(N, 'Sequential', 'Linear', 'Tanh', 'functional');
  need(O, 'SGD');
  const x = t(inp.seed_x), y = t(inp.seed_y);
  const run = () => {
    T.manual_seed(0);
    const seq_model = N.Sequential({ hidden_linear: N.Linear(1, 13), hidden_activation: N.Tanh(), output_linear: N.Linear(13, 1) });
    const optimizer = O.SGD(seq_model.parameters(), { lr: SEED_LR });
    for (let epoch = 1; epoch <= SEED_EPOCHS; epoch++) {
      const loss = N.functional.mse_loss(seq_model(x), y);
      optimizer.zero_grad();
      loss.backward();
      optimizer.step();
    }
  };
  attempt(() => N.functional.mse_loss(N.Sequential({ a: N.Linear(1, 13), b: N.Tanh(), c: N.Linear(13, 1) })(x), y).backward());
  return run;
}

/** One SGD step of a classifier with cross-entropy, as the tutorials write it. */
function trainStep(model: Dyn, x: Dyn, y: Dyn): () => unknown {
  const N: Dyn = nn, O: Dyn = optim;
  need(N, 'CrossEntropyLoss');
  need(O, 'SGD');
  const opt = O.SGD(model.parameters(), { lr: SGD_LR });
  const loss_fn = N.CrossEntropyLoss();
  const step = () => {
    const loss = loss_fn(model(x), y);
    opt.zero_grad();
    loss.backward();
    opt.step();
    return loss.cpu_item();
  };
  attempt(step);
  return step;
}
