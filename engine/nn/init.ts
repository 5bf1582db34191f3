// torch.nn.init: in-place initialisers. They write straight into a CPU tensor's storage (no
// temporary copy, so building VGG16 allocates each parameter once), from the seeded generator.
import { RuntimeError } from '../errors';
import { withGradMode } from '../autograd';
import { Device } from '../device';
import { fillNormal, fillUniform, nextNormal } from '../random';
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
    if (typeof slope !== 'number') throw new RuntimeError(`negative_slope ${String(slope)} not a valid number`);
    return Math.sqrt(2.0 / (1 + slope ** 2));
  }
  if (nonlinearity === 'selu') return 3.0 / 4;
  throw new RuntimeError(`Unsupported nonlinearity ${nonlinearity}`);
}

/** `[fan_in, fan_out]` of a weight: dims 1 and 0 times the receptive field. */
export function _calculate_fan_in_and_fan_out(t: Tensor): [number, number] {
  if (t.ndim < 2) throw new RuntimeError('Fan in and fan out can not be computed for tensor with fewer than 2 dimensions');
  const rf = t._shape.slice(2).reduce((a, b) => a * b, 1);
  return [t._shape[1] * rf, t._shape[0] * rf];
}

function fan(t: Tensor, mode: string): number {
  if (mode !== 'fan_in' && mode !== 'fan_out') throw new RuntimeError(`Mode ${mode} not supported, please use one of fan_in, fan_out`);
  const [fi, fo] = _calculate_fan_in_and_fan_out(t);
  return mode === 'fan_in' ? fi : fo;
}

/** Fills with U(a, b). @example nn.init.uniform_(w, -0.1, 0.1) */
export function uniform_(tensor: Tensor, a = 0, b = 1): Tensor {
  return fillRun(tensor, (d, off, n) => fillUniform(d, off, n, a, b));
}
/** Fills with N(mean, std²). */
export function normal_(tensor: Tensor, mean = 0, std = 1): Tensor {
  return fillRun(tensor, (d, off, n) => fillNormal(d, off, n, mean, std));
}
/** Fills with N(mean, std²) truncated to [a, b] (redrawn until inside). */
export function trunc_normal_(tensor: Tensor, mean = 0, std = 1, a = -2, b = 2): Tensor {
  return fillWith(tensor, () => {
    for (;;) {
      const v = mean + std * nextNormal();
      if (v >= a && v <= b) return v;
    }
  });
}
export function constant_(tensor: Tensor, val: number): Tensor {
  return fillWith(tensor, () => val);
}
export function zeros_(tensor: Tensor): Tensor {
  return constant_(tensor, 0);
}
export function ones_(tensor: Tensor): Tensor {
  return constant_(tensor, 1);
}
/** Identity matrix (2-D tensors). */
export function eye_(tensor: Tensor): Tensor {
  if (tensor.ndim !== 2) throw new RuntimeError('Only tensors with 2 dimensions are supported');
  const cols = tensor._shape[1];
  let i = 0;
  return fillWith(tensor, () => {
    const r = Math.floor(i / cols), c = i % cols;
    i++;
    return r === c ? 1 : 0;
  });
}

interface KaimingOptions {
  a?: number;
  mode?: 'fan_in' | 'fan_out';
  nonlinearity?: string;
}
function kaimingArgs(args: unknown[]): Required<KaimingOptions> {
  const o: Required<KaimingOptions> = { a: 0, mode: 'fan_in', nonlinearity: 'leaky_relu' };
  const last = args[args.length - 1];
  const pos = last !== null && typeof last === 'object' ? args.slice(0, -1) : args;
  if (pos.length > 0 && pos[0] !== undefined) o.a = pos[0] as number;
  if (pos.length > 1 && pos[1] !== undefined) o.mode = pos[1] as 'fan_in';
  if (pos.length > 2 && pos[2] !== undefined) o.nonlinearity = pos[2] as string;
  if (last !== null && typeof last === 'object') Object.assign(o, last);
  return o;
}
/**
 * He initialisation, uniform: bound = gain·√(3/fan). PyTorch's Linear and Conv2d use `a = √5`.
 * @example nn.init.kaiming_uniform_(w, {a: Math.sqrt(5)})
 */
export function kaiming_uniform_(tensor: Tensor, ...args: (number | string | KaimingOptions | undefined)[]): Tensor {
  const { a, mode, nonlinearity } = kaimingArgs(args);
  const bound = Math.sqrt(3) * (calculate_gain(nonlinearity, a) / Math.sqrt(fan(tensor, mode)));
  return uniform_(tensor, -bound, bound);
}
/** He initialisation, normal: std = gain/√fan. */
export function kaiming_normal_(tensor: Tensor, ...args: (number | string | KaimingOptions | undefined)[]): Tensor {
  const { a, mode, nonlinearity } = kaimingArgs(args);
  return normal_(tensor, 0, calculate_gain(nonlinearity, a) / Math.sqrt(fan(tensor, mode)));
}
/** Glorot initialisation, uniform: bound = gain·√(6/(fan_in+fan_out)). */
export function xavier_uniform_(tensor: Tensor, gain: number | { gain?: number } = 1): Tensor {
  const g = typeof gain === 'number' ? gain : gain.gain ?? 1;
  const [fi, fo] = _calculate_fan_in_and_fan_out(tensor);
  const a = Math.sqrt(3) * g * Math.sqrt(2 / (fi + fo));
  return uniform_(tensor, -a, a);
}
/** Glorot initialisation, normal: std = gain·√(2/(fan_in+fan_out)). */
export function xavier_normal_(tensor: Tensor, gain: number | { gain?: number } = 1): Tensor {
  const g = typeof gain === 'number' ? gain : gain.gain ?? 1;
  const [fi, fo] = _calculate_fan_in_and_fan_out(tensor);
  return normal_(tensor, 0, g * Math.sqrt(2 / (fi + fo)));
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
