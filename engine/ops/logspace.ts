// torch.logspace: values evenly spaced in the exponent.
import { RuntimeError } from '../errors';
import { parseArgs } from '../args';
import { toDType, type DTypeLike } from '../dtype';
import { toDevice, type DeviceLike } from '../device';
import { state } from '../state';
import { Tensor } from '../tensor';

interface Factory {
  dtype?: DTypeLike | null;
  device?: DeviceLike | null;
  requires_grad?: boolean;
}

/**
 * `steps` values from `base ** start` to `base ** end`, evenly spaced in the exponent.
 * @example torch.logspace(0, 2, 3) // tensor([  1.,  10., 100.])
 */
export function logspace(...args: unknown[]): Tensor {
  const o = parseArgs<{ start: number; end: number; steps: number; base: number } & Factory>('logspace', args, ['start', 'end', 'steps', 'base', 'dtype', 'device', 'requires_grad', 'layout', 'out'], { base: 10 });
  if (o.steps === undefined) throw new TypeError('logspace() missing 1 required positional arguments: "steps"');
  if (!Number.isInteger(o.steps) || o.steps < 0) throw new RuntimeError('number of steps must be non-negative');
  const dtype = toDType(o.dtype, state.defaultDtype);
  const arr = new dtype.array(o.steps);
  const step = o.steps > 1 ? (o.end - o.start) / (o.steps - 1) : 0;
  // as PyTorch's kernel: the first half from the start, the second from the end
  const half = Math.floor(o.steps / 2);
  for (let i = 0; i < o.steps; i++) arr[i] = Math.pow(o.base, i < half ? o.start + step * i : o.end - step * (o.steps - 1 - i));
  let t = Tensor._fromData(arr, [o.steps], dtype);
  const dev = toDevice(o.device, state.defaultDevice);
  if (dev !== t.device) t = t.to(dev);
  if (o.requires_grad) t.requires_grad_(true);
  return t;
}
