// Engine-wide settings: default device and dtype, and the interrupt check the kernel installs.
import { Device, toDevice, type DeviceLike } from './device';
import { float32, toDType, type DType, type DTypeLike } from './dtype';

export const state = {
  defaultDevice: Device.cpu as Device,
  defaultDtype: float32 as DType,
  interruptCheck: null as null | (() => boolean),
  opCounter: 0,
  /** The autograd node whose backward is running (names it in debug-mode errors). */
  backwardNode: null as string | null,
};

/** `torch.set_default_device('webgpu')`: where factory functions put new tensors. */
export function set_default_device(d: DeviceLike): void {
  state.defaultDevice = toDevice(d, Device.cpu);
}
export function get_default_device(): Device {
  return state.defaultDevice;
}
export function set_default_dtype(d: DTypeLike): void {
  const t = toDType(d);
  if (!t.is_floating_point) throw new TypeError('only floating-point types are supported as the default type');
  state.defaultDtype = t;
}
export function get_default_dtype(): DType {
  return state.defaultDtype;
}

export class KeyboardInterrupt extends Error {
  override name = 'KeyboardInterrupt';
  constructor() {
    super('interrupted by the user');
  }
}

/** The notebook kernel installs a check (a shared flag) so long loops of engine ops can be interrupted. */
export function _set_interrupt_check(fn: (() => boolean) | null): void {
  state.interruptCheck = fn;
}

/** Called by ops; checks the interrupt flag every few hundred ops (cheap). */
export function checkInterrupt(): void {
  if (state.interruptCheck && (++state.opCounter & 255) === 0 && state.interruptCheck()) throw new KeyboardInterrupt();
}
