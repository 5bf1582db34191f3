// TensorFlow.js 4.22 as a peer, on its plain-JS 'cpu' backend or its XNNPACK 'wasm' backend.
// The same math as ours: PyTorch-layout weights (Linear out×in, used with transposeB), SGD via
// tf.train.sgd().minimize, softmax cross-entropy. Convolutions run NHWC with HWIO filters.
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { Input, Inputs } from '../inputs';
import { SEED_EPOCHS, SEED_LR, SGD_LR, type WorkloadId } from '../workloads';
import { Missing, type Peer } from './peer';

const t = (x: Input) => tf.tensor(x.data, x.shape);
const v = (x: Input) => tf.variable(t(x));

export interface TfjsOptions {
  /** URL or directory prefix of the backend's .wasm files. */
  wasmPaths?: string;
  /** Threads for the wasm backend (browser, crossOriginIsolated); default: TF.js's choice. */
  threads?: number;
  /** Name suffix, e.g. ' (threads, SIMD)'. */
  label?: string;
}

export function tfjsPeer(backend: 'cpu' | 'wasm', opts: TfjsOptions = {}): Peer {
  let vars: tf.Variable[] = [];
  const consts: tf.Tensor[] = [];
  const keep = <T extends tf.Tensor>(x: T): T => (consts.push(x), x);
  const vr = (x: Input) => {
    const r = v(x);
    vars.push(r);
    return r;
  };
  return {
    name: `TF.js ${backend}${opts.label ?? ''}`,
    async init() {
      if (backend === 'wasm' && opts.wasmPaths) setWasmPaths(opts.wasmPaths);
      if (backend === 'wasm' && opts.threads) setThreadsCount(opts.threads);
      if (!(await tf.setBackend(backend))) throw new Missing(`TF.js ${backend} backend did not initialise`);
      await tf.ready();
    },
    cleanup() {
      vars.forEach((x) => x.dispose());
      consts.forEach((x) => x.dispose());
      vars = [];
      consts.length = 0;
    },
    async prepare(id: WorkloadId, inp: Inputs) {
      switch (id) {
        case 'mm256':
        case 'mm1024': {
          const n = id === 'mm256' ? 256 : 1024;
          const a = keep(t(inp[`mm${n}_a`])), b = keep(t(inp[`mm${n}_b`]));
          return () => {
            const c = tf.matMul(a, b);
            c.dataSync();
            c.dispose();
          };
        }
        case 'seed_raw': {
          const x = keep(t(inp.seed_x)), y = keep(t(inp.seed_y));
          const w1 = vr(inp.seed_w1), b1 = vr(inp.seed_b1), w2 = vr(inp.seed_w2), b2 = vr(inp.seed_b2);
          const init = [w1, b1, w2, b2].map((p) => keep(p.clone()));
          const opt = tf.train.sgd(SEED_LR);
          return () => {
            [w1, b1, w2, b2].forEach((p, i) => p.assign(init[i]));
            for (let e = 0; e < SEED_EPOCHS; e++) {
              const loss = opt.minimize(() => {
                const h = tf.tanh(tf.add(tf.matMul(x, w1, false, true), b1));
                const p = tf.add(tf.matMul(h, w2, false, true), b2);
                return tf.mean(tf.square(tf.sub(p, y)));
              }, true);
              loss!.dispose();
            }
          };
        }
        case 'seed_nn':
        case 'seed_lesson':
          throw new Missing('no nn.Sequential in TF.js (tf.layers differ); see the raw loop');
        case 'vgg16_init':
          throw new Missing('not measured (TF.js has no torchvision-style builder)');
        case 'mlp': {
          const x = keep(t(inp.mlp_x));
          const y = keep(tf.oneHot(tf.tensor1d(inp.mlp_y.data, 'int32'), 10));
          const w1 = vr(inp.mlp_w1), b1 = vr(inp.mlp_b1), w2 = vr(inp.mlp_w2), b2 = vr(inp.mlp_b2);
          const opt = tf.train.sgd(SGD_LR);
          return () => {
            const loss = opt.minimize(() => {
              const h = tf.relu(tf.add(tf.matMul(x, w1, false, true), b1));
              const logits = tf.add(tf.matMul(h, w2, false, true), b2);
              return tf.losses.softmaxCrossEntropy(y, logits);
            }, true);
            loss!.dataSync();
            loss!.dispose();
          };
        }
        case 'cnn': {
          const hwio = (w: Input) => tf.variable(tf.transpose(t(w), [2, 3, 1, 0]) as tf.Tensor4D);
          const x = keep(tf.transpose(t(inp.cnn_x), [0, 2, 3, 1]));
          const y = keep(tf.oneHot(tf.tensor1d(inp.cnn_y.data, 'int32'), 10));
          const w1 = hwio(inp.cnn_w1), w2 = hwio(inp.cnn_w2);
          vars.push(w1, w2);
          const b1 = vr(inp.cnn_b1), b2 = vr(inp.cnn_b2), w3 = vr(inp.cnn_w3), b3 = vr(inp.cnn_b3);
          const opt = tf.train.sgd(SGD_LR);
          const step = () => {
            const loss = opt.minimize(() => {
              const block = (z: tf.Tensor4D, w: tf.Variable, b: tf.Variable) => tf.maxPool(tf.relu(tf.add(tf.conv2d(z, w as tf.Tensor4D, 1, 'same'), b)) as tf.Tensor4D, 2, 2, 'valid') as tf.Tensor4D;
              const h = block(block(x as tf.Tensor4D, w1, b1), w2, b2);
              const logits = tf.add(tf.matMul(tf.reshape(h, [64, 784]), w3, false, true), b3);
              return tf.losses.softmaxCrossEntropy(y, logits);
            }, true);
            loss!.dataSync();
            loss!.dispose();
          };
          try {
            step();
          } catch (e) {
            throw new Missing(`cannot: ${(e as Error).message.split('\n')[0].slice(0, 80)}`);
          }
          return step;
        }
        case 'vgg16': {
          if (backend === 'cpu') throw new Missing('skipped (plain-JS conv: minutes per pass)');
          return vgg16(inp.vgg_x, keep, (w) => vars.push(w));
        }
      }
    },
  };
}

const VGG16 = [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'] as const;

/** VGG16 (torchvision's layout) with random weights, NHWC; forward only. */
function vgg16(xIn: Input, keep: <T extends tf.Tensor>(x: T) => T, own: (v: tf.Variable) => void): () => unknown {
  const x = keep(tf.transpose(tf.tensor4d(xIn.data, xIn.shape as [number, number, number, number]), [0, 2, 3, 1]));
  const convs: [tf.Tensor4D, tf.Tensor1D][] = [];
  let c = 3;
  for (const l of VGG16) {
    if (l === 'M') continue;
    const b = 1 / Math.sqrt(c * 9);
    convs.push([keep(tf.randomUniform([3, 3, c, l as number], -b, b)) as tf.Tensor4D, keep(tf.zeros([l])) as tf.Tensor1D]);
    c = l;
  }
  const fc = [
    [25088, 4096],
    [4096, 4096],
    [4096, 1000],
  ].map(([i, o]) => [keep(tf.randomUniform([i, o], -1 / Math.sqrt(i), 1 / Math.sqrt(i))), keep(tf.zeros([o]))] as const);
  void own;
  return () => {
    const out = tf.tidy(() => {
      let h = x;
      let k = 0;
      for (const l of VGG16) {
        if (l === 'M') h = tf.maxPool(h, 2, 2, 'valid') as tf.Tensor4D;
        else {
          const [w, b] = convs[k++];
          h = tf.relu(tf.add(tf.conv2d(h, w, 1, 'same'), b)) as tf.Tensor4D;
        }
      }
      let f: tf.Tensor = tf.reshape(h, [1, 25088]);
      fc.forEach(([w, b], i) => {
        f = tf.add(tf.matMul(f, w), b);
        if (i < 2) f = tf.relu(f);
      });
      return f;
    });
    out.dataSync();
    out.dispose();
  };
}
