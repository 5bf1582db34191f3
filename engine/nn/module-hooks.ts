// Module hooks: forward (register_forward_hook / register_forward_pre_hook) and full backward
// (register_full_backward_hook). They live outside the instance, in a WeakMap, so they never show
// up as attributes.
import { NotImplementedError, RuntimeError } from '../errors';
import { isGradEnabled, record } from '../autograd';
import { Tensor } from '../tensor';
import type { Module } from './module';

export type Hook = (m: Module, inputs: unknown[], output?: unknown) => unknown;
export type BackwardHook = (m: Module, grad_input: (Tensor | null)[], grad_output: (Tensor | null)[]) => unknown;
type Kind = 'pre' | 'post' | 'backward';
const hookTable = new WeakMap<Module, Record<Kind, Hook[]>>();
export function hooksOf(m: Module, kind: Kind): Hook[] {
  return hookTable.get(m)?.[kind] ?? [];
}
export function addHook(m: Module, kind: Kind, hook: Hook): { remove(): void } {
  let h = hookTable.get(m);
  if (!h) hookTable.set(m, (h = { pre: [], post: [], backward: [] }));
  const list = h[kind];
  list.push(hook);
  return { remove: () => void (list.includes(hook) && list.splice(list.indexOf(hook), 1)) };
}

/**
 * The older backward hooks are not implemented: a loud error naming the alternative.
 */
export function noBackwardHooks(method: string): never {
  throw new NotImplementedError(`torch.nn.Module.${method} is not implemented in Torchlit: use register_full_backward_hook, or a hook on the output tensor, out.register_hook((grad) => …) (see docs/pytorch-coverage.md)`);
}

const NAME = 'BackwardHookFunctionBackward';
/** An alias of `t` whose backward node runs `bw` (PyTorch's BackwardHookFunction: identity forward). */
function hookNode(t: Tensor, bw: (g: Tensor) => Tensor | null): Tensor {
  const out = record(t.detach(), NAME, [t], (g) => [bw(g)]);
  // the hooks may keep the gradient they are shown: it must never be recycled (autograd.ts recycleDeadGrad)
  if (out.grad_fn) out.grad_fn._userCode = true;
  return out;
}

/**
 * PyTorch's full backward hooks around one call of a module: the tensor inputs pass through an
 * identity node whose backward calls `hook(module, grad_input, grad_output)` (a returned array
 * replaces grad_input), the output through one that catches grad_output. Returns the inputs to
 * call forward with, and the function that wraps its output.
 */
export function setupBackwardHooks(m: Module, hooks: Hook[], args: unknown[]): { args: unknown[]; wrapOutput: (out: unknown) => unknown } {
  const tensorAt = args.map((a, i) => (a instanceof Tensor ? i : -1)).filter((i) => i >= 0);
  const grad = isGradEnabled() && tensorAt.some((i) => (args[i] as Tensor).requires_grad);
  // as PyTorch's Function: once one input requires grad, every floating input's alias does
  const wrapped = grad ? tensorAt.filter((i) => (args[i] as Tensor).dtype.is_floating_point) : [];
  if (wrapped.length > 1)
    throw new NotImplementedError(`register_full_backward_hook on a module called with ${wrapped.length} floating-point tensors is not implemented in Torchlit (one tensor input that needs a gradient is)`);
  let gradOutput: (Tensor | null)[] = [];
  const run = (gradInput: (Tensor | null)[]): (Tensor | null)[] => {
    let gi = gradInput;
    for (const h of hooks) {
      const r = (h as unknown as BackwardHook)(m, gi, gradOutput);
      if (r === undefined || r === null) continue;
      const list = Array.isArray(r) ? r : [r];
      if (!wrapped.length) {
        // PyTorch's BackwardHook._set_user_hook: there is no grad_input to replace (it was silently ignored)
        if (list.some((v) => v !== null && v !== undefined)) throw new RuntimeError('Backward hook for Modules where no input requires gradient should always return None or None for all gradients.');
        continue;
      }
      if (list.length !== gi.length) throw new RuntimeError(`Backward hook returned an invalid number of grad_input, got ${list.length}, but expected ${gi.length}`);
      gi = list as (Tensor | null)[];
    }
    return gi;
  };
  const slot = tensorAt.map((i) => wrapped.indexOf(i));
  const newArgs = [...args];
  for (const i of wrapped)
    newArgs[i] = hookNode(args[i] as Tensor, (g) => {
      // the other tensor inputs (integer indices, a bool mask) show zeros of their dtype, as PyTorch
      // materializes the gradients of its hook Function's non-differentiable outputs (they were None)
      const gi = run(tensorAt.map((j) => (j === i ? g : (args[j] as Tensor).new_zeros((args[j] as Tensor)._shape))));
      const mine = gi[tensorAt.indexOf(i)];
      // a copy goes on: the hooks may keep what they were shown
      return mine ? mine.clone() : null;
    });
  const wrapOutput = (out: unknown): unknown => {
    if (!isGradEnabled() || !(out instanceof Tensor) || !out.requires_grad) {
      if (Array.isArray(out) && out.some((o) => o instanceof Tensor && o.requires_grad))
        throw new NotImplementedError('register_full_backward_hook on a module that returns several tensors is not implemented in Torchlit');
      return out;
    }
    return hookNode(out, (g) => {
      gradOutput = [g];
      // no input needs a gradient: PyTorch calls the hooks here, with grad_input all None
      if (!wrapped.length) run(slot.map(() => null));
      return g.clone();
    });
  };
  return { args: newArgs, wrapOutput };
}
