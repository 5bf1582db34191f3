// PyTorch's `out=` keyword (`torch.matmul(a, b, out=y3)` in the tensors lesson): the result is
// written into `out`, which is returned. The binder (signatures.ts) strips `out` from the options
// of the torch functions that declare it and calls `writeOut` with the result.
import { isGradEnabled, withGradMode } from './autograd';
import { canCast, scalarTypeName } from './dtype';
import { RuntimeError } from './errors';
import { Tensor } from './tensor';
import { contiguousStrides } from './size';
import { warn } from './warnings';

const anyRequiresGrad = (args: readonly unknown[]): boolean =>
  args.some((a) => (a instanceof Tensor ? a.requires_grad : Array.isArray(a) ? anyRequiresGrad(a) : false));

/** PyTorch's checks before an op with `out=` runs: a Tensor, and no autograd through it. */
export function checkOut(name: string, out: unknown, args: readonly unknown[]): void {
  if (!(out instanceof Tensor)) throw new TypeError(`${name}(): argument 'out' must be Tensor, not ${out === null ? 'NoneType' : Array.isArray(out) ? 'list' : typeof out}`);
  if (isGradEnabled() && (anyRequiresGrad(args) || out.requires_grad))
    throw new RuntimeError(`${name}(): functions with out=... arguments don't support automatic differentiation, but one of the arguments requires grad.`);
}

/**
 * Writes `result` into `out` (cast to its dtype; resized, with PyTorch's deprecation warning when
 * it had elements, if its shape differs) and returns `out`.
 * @example torch.mul(a, b, {out: z3})
 */
export function writeOut(out: Tensor, result: Tensor): Tensor {
  if (!canCast(result.dtype, out.dtype))
    throw new RuntimeError(`result type ${scalarTypeName(result.dtype)} can't be cast to the desired output type ${scalarTypeName(out.dtype)}`);
  const shape = result._shape;
  if (shape.length !== out._shape.length || shape.some((d, i) => d !== out._shape[i])) {
    if (out.numel() > 0)
      warn(`An output with one or more elements was resized since it had shape [${out._shape.join(', ')}], which does not match the required output shape [${shape.join(', ')}]. This behavior is deprecated, and in a future PyTorch release outputs will not be resized unless they have zero elements. You can explicitly reuse an out tensor t by resizing it, inplace, to zero elements with t.resize_(0).`);
    const fresh = result.to(out.dtype).contiguous().clone();
    fresh._storage.keep = true;
    out._storage = fresh._storage;
    out._shape = [...shape];
    out._strides = contiguousStrides(shape);
    out._offset = 0;
    out._version++;
    return out;
  }
  withGradMode(false, () => out.copy_(result));
  return out;
}
