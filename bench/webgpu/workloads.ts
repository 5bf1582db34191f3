// The WebGPU bench workloads, each written once for our engine and once for TF.js (same shapes,
// same math, inputs made on the CPU and uploaded before timing). Timing: warm-up steps, then N
// steps and one 1-element readback (both backends queue work asynchronously; the readback is
// the only honest "done" signal TF.js offers, so ours uses the same).
import type * as tfT from '@tensorflow/tfjs-core';
import type { torch as torchT } from '../../engine/index';
import type { Tensor } from '../../engine/tensor';

type Torch = typeof torchT;
type TF = typeof tfT;

export interface Row {
  workload: string;
  /** ms per step (matmul: per product) */
  ours: number;
  tfjs: number;
  /** ours / tfjs: below 1 means we are faster */
  ratio: number;
  gflops?: { ours: number; tfjs: number };
  submitsPerStep: number;
  allocationsPerStep: number;
  dispatchesPerStep: number;
}

interface Ctx {
  torch: Torch;
  tf: TF;
  Tensor: Tensor;
}

interface Workload {
  id: string;
  run(ctx: Ctx): Promise<Row>;
}

/** Deterministic inputs (LCG), shared by both backends. */
function data(n: number, scale: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = ((s / 2 ** 32) * 2 - 1) * scale;
  }
  return out;
}

async function timeOurs(torch: Torch, warmup: number, steps: number, step: () => Tensor) {
  let last: Tensor | null = null;
  for (let i = 0; i < warmup; i++) last = step();
  await last!.reshape([-1]).narrow(0, 0, 1).data();
  torch.webgpu.reset_stats();
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) {
    const r = step();
    if (last && last !== r) last.dispose();
    last = r;
  }
  // the steps' own buffer allocations (the pool should make them 0 in steady state), before the
  // final 1-element readback allocates its staging buffer
  const allocs = torch.webgpu.stats().bufferAllocations;
  await last!.reshape([-1]).narrow(0, 0, 1).data();
  const ms = (performance.now() - t0) / steps;
  const s = torch.webgpu.stats();
  return { ms, submits: s.submits / steps, allocations: allocs / steps, dispatches: s.dispatches / steps };
}

async function timeTf(tf: TF, warmup: number, steps: number, step: () => tfT.Tensor) {
  let last: tfT.Tensor | null = null;
  for (let i = 0; i < warmup; i++) {
    last?.dispose();
    last = step();
  }
  await tf.tidy(() => tf.slice(tf.reshape(last!, [-1]), [0], [1])).data();
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) {
    last?.dispose();
    last = step();
  }
  const probe = tf.tidy(() => tf.slice(tf.reshape(last!, [-1]), [0], [1]));
  await probe.data();
  probe.dispose();
  last?.dispose();
  return (performance.now() - t0) / steps;
}

function matmul(n: number, steps: number, warmup = 2): Workload {
  return {
    id: `matmul ${n}²`,
    async run({ torch, tf }) {
      const A = data(n * n, 1, 1), B = data(n * n, 1, 2);
      const a = torch.from_array(A, [n, n]).to('webgpu'), b = torch.from_array(B, [n, n]).to('webgpu');
      const ours = await timeOurs(torch, warmup, steps, () => a.matmul(b));
      const ta = tf.tensor2d(A, [n, n]), tb = tf.tensor2d(B, [n, n]);
      const tfjs = await timeTf(tf, warmup, steps, () => tf.matMul(ta, tb));
      ta.dispose();
      tb.dispose();
      const flop = 2 * n ** 3;
      return row(`matmul ${n}²`, ours, tfjs, { ours: flop / ours.ms / 1e6, tfjs: flop / tfjs / 1e6 });
    },
  };
}

function row(workload: string, ours: { ms: number; submits: number; allocations: number; dispatches: number }, tfjs: number, gflops?: Row['gflops']): Row {
  return { workload, ours: ours.ms, tfjs, ratio: ours.ms / tfjs, gflops, submitsPerStep: ours.submits, allocationsPerStep: ours.allocations, dispatchesPerStep: ours.dispatches };
}

const LR = 0.01;

/** One-hot targets for labels i % 10. */
function onehot(batch: number): Float32Array {
  const o = new Float32Array(batch * 10);
  for (let i = 0; i < batch; i++) o[i * 10 + (i % 10)] = 1;
  return o;
}

function sgdOurs(torch: Torch, params: Tensor[], loss: () => Tensor): () => Tensor {
  return () =>
    torch.tidy(() => {
      const l = loss();
      for (const p of params) p.grad = null;
      l.backward();
      torch.no_grad(() => {
        for (const p of params) p.sub_(p.grad!.mul(LR));
      });
      return l.detach();
    });
}

function sgdTf(tf: TF, vars: Record<string, tfT.Variable>, loss: () => tfT.Scalar): () => tfT.Tensor {
  return () =>
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(loss);
      for (const [name, g] of Object.entries(grads)) vars[name].assign(tf.sub(vars[name], tf.mul(g, LR)));
      return value;
    });
}

/** MLP 784-128-10, batch 64, softmax cross-entropy (as −Σ onehot·log_softmax), SGD step. */
const mlp = (steps: number): Workload => ({
  id: 'MLP 784-128-10 step',
  async run({ torch, tf }) {
    const N = 64;
    const X = data(N * 784, 1, 3), W1 = data(784 * 128, 0.05, 4), W2 = data(128 * 10, 0.1, 5), Y = onehot(N);
    const dev = 'webgpu';
    const up = (d: Float32Array, shape: number[], grad = false) => {
      const t = torch.from_array(d, shape).to(dev);
      return grad ? t.requires_grad_() : t;
    };
    // ours keeps weights as [out, in] (nn.Linear), TF.js as [in, out]: same products either way
    const p = { w1: up(W1, [128, 784], true), b1: up(new Float32Array(128), [128], true), w2: up(W2, [10, 128], true), b2: up(new Float32Array(10), [10], true) };
    const x = up(X, [N, 784]), y = up(Y, [N, 10]);
    const ours = await timeOurs(torch, 2, steps, sgdOurs(torch, Object.values(p), () => {
      const h = x.matmul(p.w1.t()).add(p.b1).relu();
      return h.matmul(p.w2.t()).add(p.b2).log_softmax(1).mul(y).sum(1).mean().neg();
    }));
    const v = {
      w1: tf.variable(tf.transpose(tf.tensor2d(W1, [128, 784])), true, 'w1'), b1: tf.variable(tf.zeros([128]), true, 'b1'),
      w2: tf.variable(tf.transpose(tf.tensor2d(W2, [10, 128])), true, 'w2'), b2: tf.variable(tf.zeros([10]), true, 'b2'),
    };
    const tx = tf.tensor2d(X, [N, 784]), ty = tf.tensor2d(Y, [N, 10]);
    const tfjs = await timeTf(tf, 2, steps, sgdTf(tf, v, () => {
      const h = tf.relu(tf.add(tf.matMul(tx, v.w1), v.b1));
      return tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(tf.add(tf.matMul(h, v.w2), v.b2)), ty), 1))) as tfT.Scalar;
    }));
    Object.values(v).forEach((t) => t.dispose());
    tx.dispose();
    ty.dispose();
    return row('MLP 784-128-10 step', ours, tfjs);
  },
});

/** CNN conv8-pool-conv16-pool-linear on 28², batch 64, SGD step. */
function cnn(steps: number): Workload {
  return {
    id: 'CNN step (b64, 28²)',
    async run({ torch, tf }) {
      const N = 64;
      const F = torch.nn.functional;
      const X = data(N * 28 * 28, 1, 6), C1 = data(8 * 9, 0.3, 7), C2 = data(16 * 8 * 9, 0.1, 8), FC = data(10 * 784, 0.03, 9), Y = onehot(N);
      const up = (d: Float32Array, shape: number[], grad = false) => {
        const t = torch.from_array(d, shape).to('webgpu');
        return grad ? t.requires_grad_() : t;
      };
      const p = {
        c1: up(C1, [8, 1, 3, 3], true), b1: up(new Float32Array(8), [8], true),
        c2: up(C2, [16, 8, 3, 3], true), b2: up(new Float32Array(16), [16], true),
        fc: up(FC, [10, 784], true), bf: up(new Float32Array(10), [10], true),
      };
      const x = up(X, [N, 1, 28, 28]), y = up(Y, [N, 10]);
      const ours = await timeOurs(torch, 1, steps, sgdOurs(torch, Object.values(p), () => {
        let h = F.max_pool2d(F.conv2d(x, p.c1, p.b1, { padding: 1 }).relu(), 2);
        h = F.max_pool2d(F.conv2d(h, p.c2, p.b2, { padding: 1 }).relu(), 2);
        return h.flatten(1).matmul(p.fc.t()).add(p.bf).log_softmax(1).mul(y).sum(1).mean().neg();
      }));
      // TF.js: NHWC activations, [kh, kw, in, out] filters (its native layouts)
      const v = {
        c1: tf.variable(tf.transpose(tf.tensor4d(C1, [8, 1, 3, 3]), [2, 3, 1, 0]), true, 'c1'), b1: tf.variable(tf.zeros([8]), true, 'b1'),
        c2: tf.variable(tf.transpose(tf.tensor4d(C2, [16, 8, 3, 3]), [2, 3, 1, 0]), true, 'c2'), b2: tf.variable(tf.zeros([16]), true, 'b2'),
        fc: tf.variable(tf.transpose(tf.tensor2d(FC, [10, 784])), true, 'fc'), bf: tf.variable(tf.zeros([10]), true, 'bf'),
      };
      const tx = tf.tensor4d(X, [N, 28, 28, 1]), ty = tf.tensor2d(Y, [N, 10]);
      const tfjs = await timeTf(tf, 1, steps, sgdTf(tf, v, () => {
        let h = tf.maxPool(tf.relu(tf.add(tf.conv2d(tx, v.c1 as tfT.Tensor4D, 1, 'same'), v.b1)) as tfT.Tensor4D, 2, 2, 'valid');
        h = tf.maxPool(tf.relu(tf.add(tf.conv2d(h, v.c2 as tfT.Tensor4D, 1, 'same'), v.b2)) as tfT.Tensor4D, 2, 2, 'valid');
        const logits = tf.add(tf.matMul(tf.reshape(h, [N, 784]), v.fc), v.bf);
        return tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(logits), ty), 1))) as tfT.Scalar;
      }));
      Object.values(v).forEach((t) => t.dispose());
      tx.dispose();
      ty.dispose();
      return row('CNN step (b64, 28²)', ours, tfjs);
    },
  };
}

export function workloads(quick: boolean): Workload[] {
  // SwiftShader is slow: the quick set keeps the whole run to a few minutes
  if (quick) return [matmul(256, 5, 1), matmul(1024, 1, 1), mlp(3), cnn(1)];
  return [matmul(256, 20), matmul(1024, 5), matmul(2048, 2), mlp(10), cnn(5)];
}
