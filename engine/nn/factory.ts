// The keywords every layer's constructor takes (`device`, `dtype`) and the two helpers that honour
// them: allocate a parameter, then move the initialised module. Kept apart from linear.ts so that
// modules re-exported by nn.functional (conv3d, embedding_bag) can use them without an import cycle.
import { toDevice, type DeviceLike } from '../device';
import { toDType, type DTypeLike } from '../dtype';
import { state } from '../state';
import { Tensor } from '../tensor';
import type { Module } from './module';
import { Parameter } from './parameter';

export interface FactoryKw {
  device?: DeviceLike | null;
  dtype?: DTypeLike | null;
}

/** A parameter of `shape` allocated once (on the CPU, where init writes in place). */
export function emptyParam(shape: number[], kw: FactoryKw = {}): Parameter {
  return new Parameter(Tensor._empty(shape, toDType(kw.dtype, state.defaultDtype)));
}

/** Moves freshly initialised parameters to the requested device. */
export function placeModule<M extends Module>(m: M, kw: FactoryKw): M {
  if (kw.device != null && toDevice(kw.device, state.defaultDevice).type !== 'cpu') m.to(kw.device);
  else if (kw.device == null && state.defaultDevice.type !== 'cpu') m.to(state.defaultDevice);
  return m;
}
