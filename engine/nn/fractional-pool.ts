// Fractional max pooling (Graham 2014): F.fractional_max_pool2d/3d and nn.FractionalMaxPool2d/3d.
// Each (sample, channel) plane gets pseudo-random window starts from one uniform number per spatial
// dim (`_random_samples`, drawn with torch.rand when not given: the engine's stream, not PyTorch's),
// turned into intervals exactly as ATen's generate_intervals does (in float32 for float32 input). The
// windows are read on the host and gathered, so the op runs wherever gather and max do; the
// gradient (one FractionalMaxPool{2,3}DBackward0 node) goes to each window's max, as PyTorch's.
import { parseArgs } from '../args';
import { fused, withGradMode } from '../autograd';
import { RuntimeError, ValueError } from '../errors';
import { int64 } from '../dtype';
import { rand, tensor } from '../ops/creation';
import type { Tensor } from '../tensor';
import { Module } from './module';

type Ints = number | number[];
const tup = (v: Ints, n: number): number[] => (typeof v === 'number' ? new Array<number>(n).fill(v) : v.length === 1 ? new Array<number>(n).fill(v[0]) : [...v]);

/** ATen's generate_intervals, in the input's precision (float32 unless float64). */
function intervals(sample: number, inSize: number, outSize: number, pool: number, f32: boolean): number[] {
  const r = f32 ? Math.fround : (x: number) => x;
  const seq = new Array<number>(outSize).fill(0);
  if (outSize > 1) {
    const alpha = r(r(inSize - pool) / r(outSize - 1));
    const base = Math.trunc(r(r(sample) * alpha));
    for (let i = 0; i < outSize - 1; i++) seq[i] = Math.trunc(r(r(i + r(sample)) * alpha)) - base;
  }
  if (outSize > 0) seq[outSize - 1] = inSize - pool;
  return seq;
}

interface FracArgs { kernel_size: Ints; output_size: Ints | null; output_ratio: number | number[] | null; return_indices: boolean; _random_samples: Tensor | null }
const NAMES = ['kernel_size', 'output_size', 'output_ratio', 'return_indices', '_random_samples'];

function fractional(n: 2 | 3, input: Tensor, a: FracArgs): [Tensor, Tensor] {
  const fn = `fractional_max_pool${n}d`;
  if (a.output_size == null && a.output_ratio == null) throw new ValueError(`${fn} requires specifying either an output_size or an output_ratio`);
  if (input.ndim !== n + 1 && input.ndim !== n + 2) throw new RuntimeError(`${fn}(): Expected ${n + 1}D or ${n + 2}D tensor, but got: [${input._shape.join(', ')}]`);
  const spatial = input._shape.slice(-n);
  const k = tup(a.kernel_size, n);
  const out = a.output_size != null ? tup(a.output_size, n) : tup(a.output_ratio as number | number[], n).map((r, i) => Math.trunc(spatial[i] * r));
  const dimNames = n === 2 ? ['height', 'width'] : ['time', 'height', 'width'];
  for (let i = 0; i < n; i++)
    if (out[i] + k[i] - 1 > spatial[i]) throw new RuntimeError(`${fn}(): pool ${dimNames[i]} ${k[i]} too large relative to input ${dimNames[i]} ${spatial[i]}`);
  const unbatched = input.ndim === n + 1;
  const N = unbatched ? 1 : input._shape[0], C = input._shape[input.ndim - n - 1];
  // the samples are read on the host (drawn there when not given): the windows are built there
  const samples = a._random_samples ?? rand([N, C, n], { dtype: input.dtype, device: 'cpu' });
  if (samples.device.type !== 'cpu') throw new RuntimeError(`${fn} reads _random_samples on the CPU: pass a CPU tensor (it is on ${samples.device})`);
  const s = withGradMode(false, () => samples.detach().to(input.dtype).cpu_tolist()) as number[][][];
  // the flat input index of every (output cell, window offset), per plane
  const f32 = input.dtype.name !== 'float64';
  const K = k.reduce((x, y) => x * y, 1), O = out.reduce((x, y) => x * y, 1);
  const strides = spatial.map((_, i) => spatial.slice(i + 1).reduce((x, y) => x * y, 1));
  const idx: number[] = [];
  for (let b = 0; b < N; b++)
    for (let c = 0; c < C; c++) {
      // ATen's sample order: 2-D (W, H), 3-D (T, H, W)
      const smp = n === 2 ? [s[b][c][1], s[b][c][0]] : s[b][c];
      const seqs = spatial.map((L, i) => intervals(smp[i], L, out[i], k[i], f32));
      for (let o = 0; o < O; o++) {
        const oc = out.map((_, i) => Math.floor(o / out.slice(i + 1).reduce((x, y) => x * y, 1)) % out[i]);
        for (let w = 0; w < K; w++) {
          const wc = k.map((_, i) => Math.floor(w / k.slice(i + 1).reduce((x, y) => x * y, 1)) % k[i]);
          idx.push(oc.reduce((acc, v, i) => acc + (seqs[i][v] + wc[i]) * strides[i], 0));
        }
      }
    }
  const index = tensor(idx, { dtype: int64, device: input.device }).reshape([N, C, O * K]);
  const plane = spatial.reduce((x, y) => x * y, 1);
  let indices: Tensor | null = null;
  const values = fused(`FractionalMaxPool${n}DBackward0`, [input], (t) => {
    const x = t!.reshape([N, C, plane]);
    const [v, at] = x.gather(2, index).reshape([N, C, O, K]).max(3) as unknown as [Tensor, Tensor];
    indices = withGradMode(false, () => index.reshape([N, C, O, K]).gather(3, at.unsqueeze(3)).squeeze(3));
    return v.reshape(unbatched ? [C, ...out] : [N, C, ...out]);
  });
  return [values, indices!.reshape(unbatched ? [C, ...out] : [N, C, ...out])];
}

/**
 * Fractional max pooling over [N, C, H, W] (or [C, H, W]) to `output_size` or `output_ratio` of the input;
 * `return_indices` gives `[output, indices]`.
 * @example F.fractional_max_pool2d(torch.randn(1, 2, 7, 7), 2, {output_size: 4}).shape // torch.Size([1, 2, 4, 4])
 */
export function fractional_max_pool2d(input: Tensor, ...args: unknown[]): Tensor | [Tensor, Tensor] {
  const a = parseArgs<FracArgs>('fractional_max_pool2d', args, NAMES, { output_size: null, output_ratio: null, return_indices: false, _random_samples: null });
  const r = fractional(2, input, a);
  return a.return_indices ? r : r[0];
}
/** Fractional max pooling over [N, C, T, H, W] (or [C, T, H, W]). @example F.fractional_max_pool3d(torch.randn(1, 1, 5, 5, 5), 2, {output_ratio: 0.5}).shape // torch.Size([1, 1, 2, 2, 2]) */
export function fractional_max_pool3d(input: Tensor, ...args: unknown[]): Tensor | [Tensor, Tensor] {
  const a = parseArgs<FracArgs>('fractional_max_pool3d', args, NAMES, { output_size: null, output_ratio: null, return_indices: false, _random_samples: null });
  const r = fractional(3, input, a);
  return a.return_indices ? r : r[0];
}

abstract class FractionalMaxPoolNd extends Module {
  kernel_size: number[];
  output_size: number[] | null;
  output_ratio: number[] | null;
  return_indices: boolean;
  declare _random_samples: Tensor | null;
  readonly #n: 2 | 3;
  constructor(name: string, n: 2 | 3, args: unknown[]) {
    super();
    this.#n = n;
    const o = parseArgs<FracArgs>(name, args, NAMES, { output_size: null, output_ratio: null, return_indices: false, _random_samples: null });
    this.kernel_size = tup(o.kernel_size, n);
    this.return_indices = o.return_indices;
    this.register_buffer('_random_samples', o._random_samples ?? null);
    this.output_size = o.output_size != null ? tup(o.output_size, n) : null;
    this.output_ratio = o.output_ratio != null ? tup(o.output_ratio, n) : null;
    if (this.output_size === null && this.output_ratio === null)
      throw new ValueError(`FractionalMaxPool${n}d requires specifying either an output size, or a pooling ratio`);
    if (this.output_size !== null && this.output_ratio !== null) throw new ValueError('only one of output_size and output_ratio may be specified');
    for (const r of this.output_ratio ?? []) if (!(r > 0 && r < 1)) throw new ValueError(`output_ratio must be between 0 and 1 (got ${py1(o.output_ratio!)})`);
  }
  forward(input: Tensor): Tensor {
    const f = this.#n === 2 ? fractional_max_pool2d : fractional_max_pool3d;
    return f(input, this.kernel_size, this.output_size, this.output_ratio, this.return_indices, { _random_samples: this._random_samples }) as Tensor;
  }
}
const py1 = (v: number | number[]) => (typeof v === 'number' ? String(v) : `(${v.join(', ')})`);
type FracKw = { output_size?: Ints | null; output_ratio?: number | number[] | null; return_indices?: boolean; _random_samples?: Tensor | null };

/**
 * Fractional max pooling of [N, C, H, W] to `output_size` or `output_ratio` (random window starts per plane).
 * @example nn.FractionalMaxPool2d(3, {output_ratio: [0.5, 0.5]})(torch.randn(1, 2, 8, 8)).shape // torch.Size([1, 2, 4, 4])
 */
export class FractionalMaxPool2d extends FractionalMaxPoolNd {
  constructor(kernel_size: Ints, output_size?: Ints | null | FracKw, ...rest: unknown[]);
  constructor(...args: unknown[]) { super('FractionalMaxPool2d', 2, args); }
}
/** Fractional max pooling of [N, C, T, H, W]. @example nn.FractionalMaxPool3d(2, {output_size: 3}) */
export class FractionalMaxPool3d extends FractionalMaxPoolNd {
  constructor(kernel_size: Ints, output_size?: Ints | null | FracKw, ...rest: unknown[]);
  constructor(...args: unknown[]) { super('FractionalMaxPool3d', 3, args); }
}
