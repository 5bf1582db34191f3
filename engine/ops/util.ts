// Shared helpers for ops: coercion, device checks, and reducing a broadcast gradient back to a shape.
import { Device } from '../device';
import { float32, type DType } from '../dtype';
import { Tensor, type TensorOrScalar } from '../tensor';
import { state, checkInterrupt } from '../state';

export { checkInterrupt };

export function sameDevice(...ts: (Tensor | number | boolean | null | undefined)[]): Device {
  let dev: Device | null = null;
  for (const t of ts) {
    if (!(t instanceof Tensor)) continue;
    if (dev === null) dev = t.device;
    else if (dev !== t.device) {
      // PyTorch lets a 0-d CPU tensor act as a scalar on any device.
      if (t.ndim === 0 && t.device.type === 'cpu') continue;
      if (dev.type === 'cpu' && ts.some((x) => x instanceof Tensor && x.device === dev && x.ndim === 0)) {
        dev = t.device;
        continue;
      }
      throw Object.assign(new Error(`Expected all tensors to be on the same device, but found at least two devices, ${dev} and ${t.device}!`), { name: 'RuntimeError' }); // PyTorch's error class
    }
  }
  return dev ?? state.defaultDevice;
}

/** Coerces a JS number/boolean/nested array into a tensor (on `device`). */
export function toTensor(v: TensorOrScalar | number[], device: Device = state.defaultDevice, dtype?: DType): Tensor {
  if (v instanceof Tensor) return v;
  if (typeof v === 'number' || typeof v === 'boolean') {
    const dt = dtype ?? (typeof v === 'boolean' ? (null as unknown as DType) : Number.isInteger(v) ? float32 : float32);
    const t = Tensor._empty([], dt ?? float32, Device.cpu);
    t._storage.data![0] = Number(v);
    return device.type === 'cpu' ? t : (t as any).to(device);
  }
  throw new TypeError(`expected a Tensor or a number, got ${Array.isArray(v) ? 'an array (use torch.tensor(...))' : typeof v}`);
}

/** Sums a broadcast gradient back to `shape` (the inverse of broadcasting). */
export function sumToShape(g: Tensor, shape: readonly number[]): Tensor {
  if (g._shape.length === shape.length && g._shape.every((d, i) => d === shape[i])) return g;
  const lead = g.ndim - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < g.ndim; i++) if (i < lead || (shape[i - lead] === 1 && g._shape[i] !== 1)) dims.push(i);
  let r = dims.length ? g.sum(dims, { keepdim: true }) : g;
  if (lead) r = r.reshape(shape.length ? [...shape] : []);
  return r;
}

/**
 * A gradient for input `t`: cast to its dtype, as PyTorch's engine casts every gradient to its
 * input's (validate_outputs): a float32 leaf used with a float64 tensor gets a float32 `.grad`.
 */
export function gradAs(g: Tensor, t: Tensor): Tensor {
  return g.dtype === t.dtype ? g : g.to(t.dtype);
}

export function defaultFloat(): DType {
  return state.defaultDtype;
}
