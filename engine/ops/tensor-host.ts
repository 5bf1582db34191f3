// Tensor methods about where a tensor lives: apply_(fn), which runs a JS function on every element
// (CPU only, as PyTorch's), and cuda(), which fails as PyTorch does without CUDA, with a hint.
import { AssertionError, RuntimeError } from '../errors';
import { getKernel } from '../backend/registry';
import { Tensor } from '../tensor';

export { AssertionError };

const pyType = (v: unknown) => (v === null || v === undefined ? 'NoneType' : typeof v === 'string' ? 'str' : Array.isArray(v) ? 'list' : typeof v === 'object' ? 'object' : typeof v);

/**
 * Replaces every element with `fn(element)` in place (CPU only; slow: a JS call per element).
 * Integer tensors keep the result truncated toward zero, bool tensors its truthiness.
 * @example torch.tensor([1., 2.]).apply_((v) => v * 10) // tensor([10., 20.])
 */
export function apply_(x: Tensor, fn: (v: number) => number | boolean): Tensor {
  if (typeof fn !== 'function') throw new TypeError(`apply_(): argument 'callable' must be callable, not ${pyType(fn)}`);
  if (x.device.type !== 'cpu') throw new RuntimeError(`apply_() runs a JS function on each element and works on CPU tensors only, as PyTorch's: move the tensor to the CPU first (\`const c = await t.cpu()\`), then apply_ and move it back`);
  if (x.requires_grad) throw new RuntimeError("Can't call apply_() on Variable that requires grad. Use var.detach().apply_() instead.");
  const kind = x.dtype.name === 'bool' ? 'bool' : x.dtype.is_floating_point ? 'float' : 'int';
  const src = x.contiguous()._cpuContiguous();
  const out = Tensor._empty(x._shape, x.dtype);
  const d = out._storage.data!;
  for (let i = 0; i < src.length; i++) {
    const r = fn(kind === 'bool' ? ((src[i] !== 0) as unknown as number) : src[i]);
    if (typeof r !== 'number' && typeof r !== 'boolean') throw new TypeError(`must be real number, not ${pyType(r)}`);
    const v = Number(r);
    d[i] = kind === 'bool' ? (v ? 1 : 0) : kind === 'int' ? Math.trunc(v) : v;
  }
  // written through x's strides by the copy kernel: PyTorch's apply_ leaves the version counter alone
  getKernel('copy_', 'cpu')(x, out);
  return x;
}

/** `.cuda()` as PyTorch without CUDA: an AssertionError, with what to use instead. */
export function cuda(): never {
  throw new AssertionError("Torch not compiled with CUDA enabled (Torchlit runs in the browser, without CUDA: use t.to('webgpu') where torch.webgpu.is_available(), or keep tensors on the 'cpu'; see docs/differences-from-pytorch.md)");
}

declare module '../tensor' {
  interface Tensor {
    /** Replaces each element with `fn(element)` (CPU only, in place). @example t.apply_((v) => v * 2) */
    apply_(fn: (v: number) => number | boolean): Tensor;
    /** Raises PyTorch's `AssertionError: Torch not compiled with CUDA enabled`: Torchlit has no CUDA (use `to('webgpu')`). */
    cuda(device?: unknown): never;
  }
}
Tensor.prototype.apply_ = function (this: Tensor, fn: (v: number) => number | boolean) {
  return apply_(this, fn);
};
Tensor.prototype.cuda = cuda;
