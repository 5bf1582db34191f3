import { RuntimeError } from './errors';
/** A device, as `torch.device`: `cpu` or `webgpu:0`. Compare with `.type`. */
export type DeviceType = 'cpu' | 'webgpu';
export type DeviceLike = Device | DeviceType | 'webgpu:0' | string;

export class Device {
  private constructor(readonly type: DeviceType, readonly index: number | null) {}
  static readonly cpu = new Device('cpu', null);
  static readonly webgpu = new Device('webgpu', 0);
  toString(): string {
    return this.index === null ? this.type : `${this.type}:${this.index}`;
  }
  /** Python's repr, `device(type='cpu')` (a cell's value shows it; `print(d)` shows `cpu`). */
  __repr__(): string {
    return `device(type='${this.type}'${this.index === null ? '' : `, index=${this.index}`})`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.__repr__();
  }
}

export function toDevice(d: DeviceLike | undefined | null, fallback: Device): Device {
  if (d == null) return fallback;
  if (d instanceof Device) return d;
  const s = String(d);
  if (s === 'cpu') return Device.cpu;
  if (s === 'webgpu' || s === 'webgpu:0' || s === 'gpu') return Device.webgpu;
  if (s.startsWith('cuda') || s === 'mps')
    throw new RuntimeError(`Torchlit runs in the browser: there is no '${s}' device. Use 'webgpu' (torch.webgpu.is_available()) or 'cpu'.`);
  throw new RuntimeError(`Expected one of cpu, webgpu device type at start of device string: ${s}`);
}
