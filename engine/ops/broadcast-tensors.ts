// broadcast_tensors: expanded views of several tensors to their common broadcast shape.
import { broadcastShapes } from '../size';
import type { Tensor } from '../tensor';

/** Broadcast views of the tensors to one shape. @example const [a2, b2] = torch.broadcast_tensors(a, b) */
export function broadcast_tensors(...tensors: (Tensor | Tensor[])[]): Tensor[] {
  const ts = (tensors.length === 1 && Array.isArray(tensors[0]) ? tensors[0] : tensors) as Tensor[];
  const shape = ts.reduce<number[]>((s, t) => broadcastShapes(s, t._shape), []);
  return ts.map((t) => t.expand(shape));
}
