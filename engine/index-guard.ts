// `t[0]` on a tensor in plain TypeScript (outside notebook cells, which rewrite it to `t.index(0)`)
// would silently be `undefined`: JavaScript has no `__getitem__`. Tensor.prototype gets accessors for
// the integer keys a learner writes (-16 … 1023) that throw a TypeError naming the method to use
// instead, and a setter for `t[0] = v`. Accessors, not a Proxy at the end of the prototype chain
// (tried first: the kernel's process died in Chromium with it); integer keys live in the
// prototype's elements, so ordinary property lookups on tensors are untouched.
import { Tensor } from './tensor';

/** The integer keys guarded: -16 … 1023 (a larger index still reads `undefined`). */
export const INDEX_GUARD_RANGE = [-16, 1023] as const;

const read = (k: string) => (): never => {
  throw new TypeError(`A tensor is not indexed with [] outside notebook cells: write t.index(${k}) (in a cell, t[${k}] works as in PyTorch)`);
};
const write = (k: string) => (): never => {
  throw new TypeError(`A tensor is not assigned with [] = outside notebook cells: write t.index_put_([${k}], value) (in a cell, t[${k}] = value works as in PyTorch)`);
};

for (let i = INDEX_GUARD_RANGE[0]; i <= INDEX_GUARD_RANGE[1]; i++) {
  const k = String(i);
  Object.defineProperty(Tensor.prototype, k, { get: read(k), set: write(k), enumerable: false, configurable: true });
}
