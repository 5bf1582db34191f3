// The core ops nn needs (matmul, conv, pools, softmax, indexing) are looked up on the torch
// namespace by name, so nn builds even while an op family is still missing; calling a missing
// one says which.
import { NotImplementedError } from '../errors';
import * as torchNs from '../torch';
import type { Tensor } from '../tensor';

 
type OpFn = (...args: any[]) => Tensor;

/** `torch.<name>`, or null when this build lacks it. */
export function maybeOp(name: string): OpFn | null {
  const f = (torchNs as unknown as Record<string, unknown>)[name];
  return typeof f === 'function' ? (f as OpFn) : null;
}

/** `torch.<name>`, or an error naming it. */
export function op(name: string): OpFn {
  const f = maybeOp(name);
  if (!f) throw new NotImplementedError(`torch.${name} is not implemented in Torchlit yet (see docs/differences-from-pytorch.md)`);
  return f;
}

export { torchNs as torch };
