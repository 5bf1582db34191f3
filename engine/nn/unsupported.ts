import { NotImplementedError } from '../errors';
// PyTorch names Torchlit does not implement: calling one throws an error that names it, instead
// of JavaScript's "is not a function". docs/differences-from-pytorch.md lists them.

/** A stand-in for a missing PyTorch function or class. */
export function unsupported(name: string, hint = ''): (...args: unknown[]) => never {
  const f = function (): never {
    throw new NotImplementedError(`${name} is not implemented in Torchlit${hint ? ` (${hint})` : ''} (see docs/pytorch-coverage.md)`);
  };
  Object.defineProperty(f, 'name', { value: name.split('.').pop() });
  // docs/pytorch-coverage.md counts a stand-in as missing
  Object.defineProperty(f, 'notImplemented', { value: true });
  return f;
}
