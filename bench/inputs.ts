// The benchmark's inputs, generated once from a fixed seed and shared by every peer: the JS
// peers read the typed arrays, PyTorch reads the same numbers from files (bench/peers/torch_bench.py).

/** A named float32 input and its shape (PyTorch's layout: Linear weights out×in, conv OIHW, NCHW). */
export interface Input {
  shape: number[];
  data: Float32Array;
}
export type Inputs = Record<string, Input>;

/** The seed tutorial's thermometer data (Stevens et al., ch. 6): t_un = 0.1·t_u, full batch of 11. */
export const T_C = [0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0];
export const T_U = [35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uniform(rand: () => number, shape: number[], bound: number): Input {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = (rand() * 2 - 1) * bound;
  return { shape, data };
}

function labels(rand: () => number, n: number, classes: number): Input {
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = Math.floor(rand() * classes);
  return { shape: [n], data };
}

/** Every workload's inputs; weights use PyTorch's default init bound 1/√fan_in. */
export function makeInputs(seed = 1234): Inputs {
  const r = mulberry32(seed);
  const inp: Inputs = {};
  for (const n of [256, 1024]) {
    inp[`mm${n}_a`] = uniform(r, [n, n], 1);
    inp[`mm${n}_b`] = uniform(r, [n, n], 1);
  }
  inp.seed_x = { shape: [11, 1], data: Float32Array.from(T_U, (u) => 0.1 * u) };
  inp.seed_y = { shape: [11, 1], data: Float32Array.from(T_C) };
  inp.seed_w1 = uniform(r, [8, 1], 1);
  inp.seed_b1 = uniform(r, [8], 1);
  inp.seed_w2 = uniform(r, [1, 8], 1 / Math.sqrt(8));
  inp.seed_b2 = uniform(r, [1], 1 / Math.sqrt(8));
  inp.mlp_x = uniform(r, [64, 784], 1);
  inp.mlp_y = labels(r, 64, 10);
  inp.mlp_w1 = uniform(r, [128, 784], 1 / Math.sqrt(784));
  inp.mlp_b1 = uniform(r, [128], 1 / Math.sqrt(784));
  inp.mlp_w2 = uniform(r, [10, 128], 1 / Math.sqrt(128));
  inp.mlp_b2 = uniform(r, [10], 1 / Math.sqrt(128));
  inp.cnn_x = uniform(r, [64, 1, 28, 28], 1);
  inp.cnn_y = labels(r, 64, 10);
  inp.cnn_w1 = uniform(r, [8, 1, 3, 3], 1 / 3);
  inp.cnn_b1 = uniform(r, [8], 1 / 3);
  inp.cnn_w2 = uniform(r, [16, 8, 3, 3], 1 / Math.sqrt(72));
  inp.cnn_b2 = uniform(r, [16], 1 / Math.sqrt(72));
  inp.cnn_w3 = uniform(r, [10, 784], 1 / Math.sqrt(784));
  inp.cnn_b3 = uniform(r, [10], 1 / Math.sqrt(784));
  inp.vgg_x = uniform(r, [1, 3, 224, 224], 1);
  return inp;
}
