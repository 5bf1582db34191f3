// torch.nn.init: in-place initialisers. They write straight into a CPU tensor's storage (no
// temporary copy, so building VGG16 allocates each parameter once), from the seeded generator.
import { ValueError } from '../errors';
import { parseArgs } from '../args';
import { withGradMode } from '../autograd';
import { Device } from '../device';
import { fillNormal, fillUniform, nextNormal } from '../random';
import { withGenerator, type Generator } from '../generator';
import { float32 } from '../dtype';
import { Tensor } from '../tensor';

/** Fills a tensor in place with `fill(array, offset, n)` (a whole-run generator, no per-element closure). */
function fillRun(t: Tensor, fill: (d: Float32Array | Float64Array, off: number, n: number) => void): Tensor {
  if (initDisabled) return t;
  withGradMode(false, () => {
    const n = t.numel();
    if (t.device.type === 'cpu' && t.is_contiguous() && t.dtype.is_floating_point) fill(t._storage.data as Float32Array, t._offset, n);
    else {
      const tmp = Tensor._empty(t._shape, t.dtype.is_floating_point ? t.dtype : float32, Device.cpu);
      fill(tmp._storage.data as Float32Array, 0, n);
      t.detach().copy_(tmp);
    }
  });
  t._version++;
  return t;
}

function fillWith(t: Tensor, gen: () => number): Tensor {
  if (initDisabled) return t;
  withGradMode(false, () => {
    const n = t.numel();
    if (t.device.type === 'cpu' && t.is_contiguous()) {
      const d = t._storage.data!;
      for (let i = t._offset, end = t._offset + n; i < end; i++) d[i] = gen();
    } else {
      const tmp = Tensor._empty(t._shape, t.dtype, Device.cpu);
      const d = tmp._storage.data!;
      for (let i = 0; i < n; i++) d[i] = gen();
      t.detach().copy_(tmp);
    }
  });
  t._version++;
  return t;
}

/** The recommended gain for a nonlinearity: tanh 5/3, relu √2, leaky_relu √(2/(1+slope²)), selu 3/4, else 1. */
export function calculate_gain(nonlinearity: string, param?: number | null): number {
  const linearFns = ['linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d'];
  if (linearFns.includes(nonlinearity) || nonlinearity === 'sigmoid') return 1;
  if (nonlinearity === 'tanh') return 5.0 / 3;
  if (nonlinearity === 'relu') return Math.sqrt(2.0);
  if (nonlinearity === 'leaky_relu') {
    const slope = param == null ? 0.01 : param;
    if (typeof slope !== 'number') throw new ValueError(`negative_slope ${String(slope)} not a valid number`);
    return Math.sqrt(2.0 / (1 + slope ** 2));
  }
  if (nonlinearity === 'selu') return 3.0 / 4;
  throw new ValueError(`Unsupported nonlinearity ${nonlinearity}`);
}

/** `[fan_in, fan_out]` of a weight: dims 1 and 0 times the receptive field. */
export function _calculate_fan_in_and_fan_out(t: Tensor): [number, number] {
  if (t.ndim < 2) throw new ValueError('Fan in and fan out can not be computed for tensor with fewer than 2 dimensions');
  const rf = t._shape.slice(2).reduce((a, b) => a * b, 1);
  return [t._shape[1] * rf, t._shape[0] * rf];
}

function fan(t: Tensor, mode: string): number {
  if (mode !== 'fan_in' && mode !== 'fan_out') throw new ValueError(`Mode ${mode} not supported, please use one of ['fan_in', 'fan_out']`);
  const [fi, fo] = _calculate_fan_in_and_fan_out(t);
  return mode === 'fan_in' ? fi : fo;
}

/** Reads an init function's arguments, PyTorch 2.x's `generator` (a torch.Generator) among them. */
function initArgs<T extends object>(fn: string, args: unknown[], names: string[], defaults: Partial<T>): T & { generator?: unknown } {
  return parseArgs<T & { generator?: unknown }>(fn, args, [...names, 'generator'], defaults as Partial<T & { generator?: unknown }>);
}

/** Fills with U(a, b). @example const w = torch.empty(4, 3); nn.init.uniform_(w, -0.1, 0.1); nn.init.uniform_(w, {a: -0.1, b: 0.1}) */
export function uniform_(tensor: Tensor, ...args: unknown[]): Tensor {
  const { a, b, generator } = initArgs<{ a: number; b: number }>('uniform_', args, ['a', 'b'], { a: 0, b: 1 });
  return withGenerator('uniform_', generator, () => fillRun(tensor, (d, off, n) => fillUniform(d, off, n, a, b)));
}
/** Fills with N(mean, std²). @example const w = torch.empty(4, 3); nn.init.normal_(w, 0, 0.01); nn.init.normal_(w, {std: 0.01}) */
export function normal_(tensor: Tensor, ...args: unknown[]): Tensor {
  const { mean, std, generator } = initArgs<{ mean: number; std: number }>('normal_', args, ['mean', 'std'], { mean: 0, std: 1 });
  return withGenerator('normal_', generator, () => fillRun(tensor, (d, off, n) => fillNormal(d, off, n, mean, std)));
}
/** Fills with N(mean, std²) truncated to [a, b] (redrawn until inside). */
export function trunc_normal_(tensor: Tensor, ...args: unknown[]): Tensor {
  const { mean, std, a, b, generator } = initArgs<{ mean: number; std: number; a: number; b: number }>('trunc_normal_', args, ['mean', 'std', 'a', 'b'], { mean: 0, std: 1, a: -2, b: 2 });
  return withGenerator('trunc_normal_', generator, () =>
    fillWith(tensor, () => {
      for (;;) {
        const v = mean + std * nextNormal();
        if (v >= a && v <= b) return v;
      }
    }),
  );
}
/** Fills with `val`. @example nn.init.constant_(model[0].bias, 0.1) */
export function constant_(tensor: Tensor, ...args: unknown[]): Tensor {
  const { val } = parseArgs<{ val: number }>('constant_', args, ['val'], {});
  if (typeof val !== 'number' && typeof val !== 'boolean') throw new TypeError("constant_() missing 1 required positional argument: 'val'");
  return fillWith(tensor, () => Number(val));
}
export function zeros_(tensor: Tensor): Tensor {
  return constant_(tensor, 0);
}
export function ones_(tensor: Tensor): Tensor {
  return constant_(tensor, 1);
}
/** Identity matrix (2-D tensors). */
export function eye_(tensor: Tensor): Tensor {
  if (tensor.ndim !== 2) throw new ValueError('Only tensors with 2 dimensions are supported');
  const cols = tensor._shape[1];
  let i = 0;
  return fillWith(tensor, () => {
    const r = Math.floor(i / cols), c = i % cols;
    i++;
    return r === c ? 1 : 0;
  });
}

/**
 * Fills a 3-, 4- or 5-D convolution weight with the Dirac delta: each output channel (per group)
 * passes its input channel through unchanged.
 * @example nn.init.dirac_(torch.empty(2, 2, 3))
 */
export function dirac_(tensor: Tensor, ...args: unknown[]): Tensor {
  const { groups } = parseArgs<{ groups: number }>('dirac_', args, ['groups'], { groups: 1 });
  const nd = tensor.ndim;
  if (nd < 3 || nd > 5) throw new ValueError('Only tensors with 3, 4, or 5 dimensions are supported');
  const sizes = tensor._shape;
  if (sizes[0] % groups !== 0) throw new ValueError('dim 0 must be divisible by groups');
  const perGroup = sizes[0] / groups, minDim = Math.min(perGroup, sizes[1]);
  // the centre of every spatial dim, row-major within one [out, in] kernel
  const strides = sizes.map((_, i) => sizes.slice(i + 1).reduce((a, b) => a * b, 1));
  const centre = sizes.slice(2).reduce((acc, d, i) => acc + Math.floor(d / 2) * strides[i + 2], 0);
  const ones = new Set<number>();
  for (let g = 0; g < groups; g++) for (let d = 0; d < minDim; d++) ones.add((g * perGroup + d) * strides[0] + d * strides[1] + centre);
  let i = 0;
  return fillWith(tensor, () => (ones.has(i++) ? 1 : 0));
}

/**
 * Fills a 2-D tensor from N(0, std²) with a fraction `sparsity` of each column set to zero (rows
 * chosen at random).
 * @example nn.init.sparse_(torch.empty(4, 3), 0.5)
 */
export function sparse_(tensor: Tensor, ...args: unknown[]): Tensor {
  const { sparsity, std, generator } = initArgs<{ sparsity: number; std: number }>('sparse_', args, ['sparsity', 'std'], { std: 0.01 });
  if (tensor.ndim !== 2) throw new ValueError('Only tensors with 2 dimensions are supported');
  const [rows, cols] = tensor._shape;
  const numZeros = Math.ceil(sparsity * rows);
  const vals = new Float64Array(rows * cols);
  withGenerator('sparse_', generator, () => {
    fillNormal(vals, 0, rows * cols, 0, std);
    for (let c = 0; c < cols; c++) {
      const perm = randpermOf(rows);
      for (let k = 0; k < numZeros; k++) vals[perm[k] * cols + c] = 0;
    }
  });
  let i = 0;
  return fillWith(tensor, () => vals[i++]);
}

/** A random permutation of 0..n-1 (Fisher–Yates on the seeded generator). */
function randpermOf(n: number): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  const u = new Float64Array(1);
  for (let i = n - 1; i > 0; i--) {
    fillUniform(u, 0, 1, 0, 1);
    const j = Math.min(i, Math.floor(u[0] * (i + 1)));
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

interface KaimingOptions {
  a?: number;
  mode?: 'fan_in' | 'fan_out';
  nonlinearity?: string;
  generator?: Generator | null;
}
function kaimingArgs(fn: string, args: unknown[]): Required<Omit<KaimingOptions, 'generator'>> & { generator?: unknown } {
  return initArgs<Required<Omit<KaimingOptions, 'generator'>>>(fn, args, ['a', 'mode', 'nonlinearity'], { a: 0, mode: 'fan_in', nonlinearity: 'leaky_relu' });
}
/**
 * He initialisation, uniform: bound = gain·√(3/fan). PyTorch's Linear and Conv2d use `a = √5`.
 * @example const w = torch.empty(4, 3); nn.init.kaiming_uniform_(w, {a: Math.sqrt(5)})
 */
export function kaiming_uniform_(tensor: Tensor, ...args: (number | string | KaimingOptions | undefined)[]): Tensor {
  const { a, mode, nonlinearity, generator } = kaimingArgs('kaiming_uniform_', args);
  const bound = Math.sqrt(3) * (calculate_gain(nonlinearity, a) / Math.sqrt(fan(tensor, mode)));
  return uniform_(tensor, { a: -bound, b: bound, generator });
}
/** He initialisation, normal: std = gain/√fan. */
export function kaiming_normal_(tensor: Tensor, ...args: (number | string | KaimingOptions | undefined)[]): Tensor {
  const { a, mode, nonlinearity, generator } = kaimingArgs('kaiming_normal_', args);
  return normal_(tensor, { mean: 0, std: calculate_gain(nonlinearity, a) / Math.sqrt(fan(tensor, mode)), generator });
}
/** Glorot initialisation, uniform: bound = gain·√(6/(fan_in+fan_out)). */
export function xavier_uniform_(tensor: Tensor, ...args: (number | { gain?: number; generator?: Generator | null })[]): Tensor {
  const { gain: g, generator } = initArgs<{ gain: number }>('xavier_uniform_', args, ['gain'], { gain: 1 });
  const [fi, fo] = _calculate_fan_in_and_fan_out(tensor);
  const a = Math.sqrt(3) * g * Math.sqrt(2 / (fi + fo));
  return uniform_(tensor, { a: -a, b: a, generator });
}
/** Glorot initialisation, normal: std = gain·√(2/(fan_in+fan_out)). */
export function xavier_normal_(tensor: Tensor, ...args: (number | { gain?: number; generator?: Generator | null })[]): Tensor {
  const { gain: g, generator } = initArgs<{ gain: number }>('xavier_normal_', args, ['gain'], { gain: 1 });
  const [fi, fo] = _calculate_fan_in_and_fan_out(tensor);
  return normal_(tensor, { mean: 0, std: g * Math.sqrt(2 / (fi + fo)), generator });
}

/**
 * Fills a 2-D (or flattened N-D) tensor with a (semi-)orthogonal matrix times `gain`: the Q of a
 * random normal matrix's QR decomposition, its signs fixed by R's diagonal, as PyTorch.
 * @example nn.init.orthogonal_(torch.empty(4, 3))
 */
export function orthogonal_(tensor: Tensor, ...args: unknown[]): Tensor {
  const { gain, generator } = initArgs<{ gain: number }>('orthogonal_', args, ['gain'], { gain: 1 });
  if (tensor.ndim < 2) throw new ValueError('Only tensors with 2 or more dimensions are supported');
  if (tensor.numel() === 0) return tensor;
  const rows = tensor._shape[0], cols = tensor.numel() / rows;
  const m = Math.max(rows, cols), k = Math.min(rows, cols);
  // a = randn(m, k) (tall); modified Gram–Schmidt gives Q (m×k) with R's diagonal positive, which is
  // QR's Q times sign(diag(R)), PyTorch's normalisation
  const a = new Float64Array(m * k);
  withGenerator('orthogonal_', generator, () => fillNormal(a, 0, m * k, 0, 1));
  for (let j = 0; j < k; j++) {
    for (let p = 0; p < j; p++) {
      let dot = 0;
      for (let i = 0; i < m; i++) dot += a[i * k + p] * a[i * k + j];
      for (let i = 0; i < m; i++) a[i * k + j] -= dot * a[i * k + p];
    }
    let nrm = 0;
    for (let i = 0; i < m; i++) nrm += a[i * k + j] ** 2;
    nrm = Math.sqrt(nrm);
    for (let i = 0; i < m; i++) a[i * k + j] /= nrm;
  }
  // rows < cols: the transpose, so the rows are orthonormal
  let i = 0;
  return fillWith(tensor, () => {
    const r = Math.floor(i / cols), c = i % cols;
    i++;
    return gain * (rows >= cols ? a[r * k + c] : a[c * k + r]);
  });
}

let initDisabled = 0;
/** Runs `fn` with the nn.init fills turned off: builders that load weights or re-initialise skip the first init. */
export function _withoutInit<T>(fn: () => T): T {
  initDisabled++;
  try {
    return fn();
  } finally {
    initDisabled--;
  }
}
