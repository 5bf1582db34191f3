// torch.nn.utils: gradient clipping and flattening parameters into one vector (and back).
import { RuntimeError } from '../errors';
import { parseArgs } from '../args';
import { withGradMode } from '../autograd';
import { float32 } from '../dtype';
import { cat, stack } from '../ops/join';
import { norm } from '../ops/reduce';
import { Tensor } from '../tensor';

type Params = Tensor | Iterable<Tensor>;
const asList = (p: Params): Tensor[] => (p instanceof Tensor ? [p] : [...p]);

/**
 * Rescales the gradients in place so that their joint `norm_type` norm is at most `max_norm`;
 * returns that total norm (a 0-d tensor, taken before clipping), as PyTorch.
 * @example model(x).sum().backward(); const total = nn.utils.clip_grad_norm_(model.parameters(), 1.0)
 */
export function clip_grad_norm_(parameters: Params, max_norm: number | { max_norm: number; norm_type?: number | 'inf'; error_if_nonfinite?: boolean }, ...rest: unknown[]): Tensor {
  const o = parseArgs<{ max_norm: number; norm_type: number | 'inf'; error_if_nonfinite: boolean; foreach: boolean | null }>('clip_grad_norm_', [max_norm, ...rest],
    ['max_norm', 'norm_type', 'error_if_nonfinite', 'foreach'], { norm_type: 2, error_if_nonfinite: false });
  const p = o.norm_type === 'inf' ? Infinity : Number(o.norm_type);
  const grads = asList(parameters).map((t) => t.grad).filter((g): g is Tensor => g instanceof Tensor);
  if (!grads.length) return Tensor._fromData(new Float32Array([0]), [], float32);
  return withGradMode(false, () => {
    const norms = grads.map((g) => norm(g.detach(), p));
    const total = norm(stack(norms.map((n) => n.to(grads[0].device)), 0), p);
    if (o.error_if_nonfinite) {
      const v = Number(total.cpu_item());
      if (!Number.isFinite(v))
        throw new RuntimeError(`The total norm of order ${Number.isFinite(p) ? p.toFixed(1) : 'inf'} for gradients from \`parameters\` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set \`error_if_nonfinite=False\``);
    }
    // max_norm / (total + 1e-6), never above 1: a tensor factor, so nothing is read back from the GPU
    const coef = total.add(1e-6).reciprocal().mul(o.max_norm).clamp(null, 1);
    for (const g of grads) g.mul_(coef.to(g.dtype));
    return total;
  });
}

/**
 * Clamps every gradient in place to [−clip_value, clip_value].
 * @example nn.utils.clip_grad_value_(model.parameters(), 0.5)
 */
export function clip_grad_value_(parameters: Params, clip_value: number | { clip_value: number; foreach?: boolean | null }, ...rest: unknown[]): void {
  const o = parseArgs<{ clip_value: number; foreach: boolean | null }>('clip_grad_value_', [clip_value, ...rest], ['clip_value', 'foreach'], {});
  const v = Number(o.clip_value);
  withGradMode(false, () => {
    for (const t of asList(parameters)) if (t.grad) t.grad.clamp_(-v, v);
  });
}

/**
 * The parameters flattened and concatenated into one 1-D tensor (differentiable, as PyTorch).
 * @example const vec = nn.utils.parameters_to_vector(model.parameters())
 */
export function parameters_to_vector(parameters: Params): Tensor {
  const ps = asList(parameters);
  if (!ps.length) throw new RuntimeError('parameters_to_vector: expected at least one parameter');
  const dev = ps[0].device;
  for (const t of ps) if (t.device !== dev) throw new TypeError('Found two parameters on different devices, this is currently not supported.');
  return cat(ps.map((t) => t.reshape([-1])), 0);
}

/**
 * Copies consecutive slices of the 1-D `vec` into the parameters (in place, by their shapes).
 * @example nn.utils.vector_to_parameters(vec, model.parameters())
 */
export function vector_to_parameters(vec: Tensor, parameters: Params): void {
  if (!(vec instanceof Tensor)) throw new TypeError(`expected torch.Tensor, but got: ${typeof vec}`);
  const ps = asList(parameters);
  const total = ps.reduce((a, t) => a + t.numel(), 0);
  if (vec.ndim !== 1 || vec.numel() !== total) throw new RuntimeError(`vector_to_parameters: vec has ${vec.numel()} elements, the parameters ${total}`);
  withGradMode(false, () => {
    let at = 0;
    for (const t of ps) {
      const n = t.numel();
      t.detach().copy_(vec.detach().narrow(0, at, n).reshape(t._shape));
      at += n;
    }
  });
}
